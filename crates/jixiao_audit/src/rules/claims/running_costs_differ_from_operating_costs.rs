use std::collections::BTreeSet;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

use crate::rules::common::{
    binding::{compare_amount, operating_costs_total, AmountCmp, Measure},
    figures::figures,
    sections::norm,
};

declare_rule! {
    /// ## What it does
    /// Compares the 机关运行经费 the narrative states with 公用经费合计 of the 一般公共预算财政拨款
    /// 基本支出决算(明细)表.
    ///
    /// ## Why is this bad?
    /// For a 行政单位 (and units managed like one) the 机关运行经费 is, by its definition, the
    /// public-expense part of basic spending from the general budget, so the two normally agree;
    /// a difference is either an error in one of them or a definition the narrative should
    /// explain.
    ///
    /// ## Tolerance
    /// None (two printings of the figure must be equal; prose may drop trailing zeros). A
    /// warning, not an error: definitions of 机关运行经费 differ between regions and years, and
    /// 事业单位 may legitimately report other figures.
    ///
    /// ## Example
    /// ```text
    /// 2024年度本单位机关运行经费支出86万元，比上年决算数增加6万元，增长7.5%。
    /// ```
    /// with 公用经费合计 78.00.
    ///
    /// ## How to fix
    /// State the 公用经费合计 of the basic-spending table, or explain which items the figure
    /// includes.
    pub struct RunningCostsDifferFromOperatingCosts {
        code: "C411",
        severity: Warning,
        family: Claims,
        summary: "机关运行经费与基本支出表公用经费合计不一致",
        summary_en: "Agency running costs differ from the public-expense total of basic spending",
        since: "0.1.0",
    }
}

impl Rule for RunningCostsDifferFromOperatingCosts {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        let mut seen = BTreeSet::new();
        for f in figures(cx) {
            let s = norm(&f.subject);
            if f.measure != Measure::Actual || !s.contains("机关运行经费") {
                continue;
            }
            // Only the figure itself (`机关运行经费支出X万元`), not a part of it.
            if !matches!(
                s.as_str(),
                "机关运行经费" | "机关运行经费支出" | "机关运行经费财政拨款支出"
            ) {
                continue;
            }
            if !seen.insert((f.line, f.value.normalize().to_string())) {
                continue;
            }
            let mut u = cx.unit(&Self::META, &f.subject, f.line, f.line);
            let cell = match operating_costs_total(cx, f.fa) {
                Ok(c) => c,
                Err(reason) => {
                    u.insufficient(reason);
                    cx.close(u);
                    continue;
                }
            };
            match compare_amount(cx, f.value, f.unit.as_deref(), &cell) {
                AmountCmp::Equal => u.checked(),
                AmountCmp::Unknown(reason) => u.insufficient(reason),
                AmountCmp::Differs { expected } => {
                    u.checked();
                    let unit = f.unit.clone().unwrap_or_default();
                    let msg = cx.t(
                        format!(
                            "机关运行经费 {}{unit} 与 {} {} 不一致",
                            f.text, cell.label, cell.raw
                        ),
                        format!(
                            "agency running costs {} {unit} differ from {} {}",
                            f.text, cell.label, cell.raw
                        ),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column: f.column,
                            stated: Some(f.text.clone()),
                            expected: Some(expected),
                            related: vec![cell.related(cx)],
                            ..Report::at(f.line, msg)
                        },
                    );
                }
            }
            cx.close(u);
        }
    }
}
