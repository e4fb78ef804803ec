use jixiao_model::{Decimal, FormKind};

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::rules::{forms_of, show};
use crate::tolerance::{check_sum, SumCheck};

declare_rule! {
    /// ## What it does
    /// Checks, for 年初预算数, 全年预算数 and 全年执行数, that 当年财政拨款 + 上年结转资金 +
    /// 其他资金 = 年度资金总额.
    ///
    /// ## Why is this bad?
    /// The sub-rows are the sources of the total; a total that is not their sum means a source
    /// is missing or an amount is mistyped.
    ///
    /// ## Tolerance
    /// The (n + 1) × half-unit rounding envelope: a difference inside it is info. A blank
    /// 全年执行数 on a sub-row whose budget is 0.00 counts as 0 (the template leaves it
    /// blank); any other blank makes the column insufficient data.
    ///
    /// ## Example
    /// ```text
    /// 	年度资金总额	350.00	362.50	300.80	…
    /// 	其中：当年财政拨款	350.00	350.00	290.80	…
    /// 	上年结转资金	0.00	12.50	9.00	…
    /// ```
    /// 290.80 + 9.00 = 299.80 ≠ 300.80.
    ///
    /// ## How to fix
    /// Correct the sub-row or the total.
    pub struct FundsSubRowsNotSum {
        code: "S103",
        severity: Error,
        family: SelfEvaluation,
        summary: "资金来源分项之和不等于年度资金总额",
        summary_en: "Funds sub-rows do not add up to the total row",
        since: "0.1.0",
    }
}

const COLUMNS: [(usize, &str, &str); 3] = [
    (0, "年初预算数", "initial budget"),
    (1, "全年预算数", "full-year budget"),
    (2, "全年执行数", "executed"),
];

impl Rule for FundsSubRowsNotSum {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for (_, form) in forms_of(cx, &[FormKind::SelfEvaluation]) {
            let mut u = cx.form_unit(&Self::META, form);
            let Some(funds) = &form.funds else {
                u.insufficient(cx.t("未找到项目资金表", "no funds block"));
                cx.close(u);
                continue;
            };
            let Some(total) = funds.rows.iter().find(|r| r.name == "年度资金总额") else {
                u.insufficient(cx.t("未找到年度资金总额行", "no total row"));
                cx.close(u);
                continue;
            };
            let subs: Vec<_> = funds
                .rows
                .iter()
                .filter(|r| r.name != "年度资金总额")
                .collect();
            if subs.is_empty() {
                u.insufficient(cx.t("未列资金来源分项", "no sub-rows"));
                cx.close(u);
                continue;
            }
            let value = |r: &jixiao_model::FundsRow, k: usize| -> Option<Decimal> {
                let v = [r.initial_budget, r.annual_budget, r.executed][k];
                match v {
                    Some(v) => Some(v),
                    None if k == 2
                        && r.annual_budget.is_some_and(|b| b.is_zero())
                        && r.raw.get(2).is_some_and(|x| x.trim().is_empty()) =>
                    {
                        Some(Decimal::ZERO)
                    }
                    None => None,
                }
            };
            for (k, zh, en) in COLUMNS {
                let Some(t) = value(total, k) else {
                    u.insufficient(cx.t(
                        format!("年度资金总额 {zh} 空白"),
                        format!("total {en} blank"),
                    ));
                    continue;
                };
                let parts: Option<Vec<Decimal>> = subs.iter().map(|r| value(r, k)).collect();
                let Some(parts) = parts else {
                    u.insufficient(cx.t(
                        format!("分项 {zh} 有空白"),
                        format!("a sub-row's {en} is blank"),
                    ));
                    continue;
                };
                u.checked();
                let (diff, info) = match check_sum(t, &parts, cx.config.envelope_factor) {
                    SumCheck::Exact => continue,
                    SumCheck::Rounding { diff, .. } => (diff, true),
                    SumCheck::Beyond { diff, .. } => (diff, false),
                };
                let sum: Decimal = parts.iter().sum();
                let terms = parts
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join(" + ");
                let msg = cx.t(
                    format!(
                        "{zh}: {terms} = {}，年度资金总额填 {}（差 {}）",
                        show(sum),
                        t,
                        show(diff)
                    ),
                    format!(
                        "{en}: {terms} = {}, total row states {} (difference {})",
                        show(sum),
                        t,
                        show(diff)
                    ),
                );
                let column = cx.column_of_value(total.line, &total.raw, k);
                u.report(
                    &cx.doc.file,
                    Report {
                        column,
                        stated: Some(t.to_string()),
                        expected: Some(show(sum)),
                        path: Some(format!("年度资金总额/{zh}")),
                        severity: info.then_some(Severity::Info),
                        related: subs
                            .iter()
                            .map(|r| crate::finding::Related {
                                file: cx.doc.file.clone(),
                                line: r.line,
                                column: None,
                                message: r.name.clone(),
                            })
                            .collect(),
                        ..Report::at(total.line, msg)
                    },
                );
            }
            cx.close(u);
        }
    }
}
