use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::{cell, Term},
    tables::{columns, final_forms, single, summary_side},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks that 本年支出合计 equals the sum of the expenditure lines above it (the 功能分类
    /// 类 lines) in the 收入支出决算总表 (T1), and, column by column, in the 财政拨款收入支出
    /// 决算总表 (T4: 合计, 一般公共预算, 政府性基金, 国有资本经营).
    ///
    /// ## Why is this bad?
    /// The current-year spending total is the sum of spending by function; a difference means a
    /// line or the total is misprinted, or a line was left out.
    ///
    /// ## Tolerance
    /// The (n + 1) × 0.005 万元 envelope over every printed line (zero lines included): inside
    /// it, one info finding per table (可能为取整误差); beyond it, an error.
    ///
    /// ## Example
    /// ```text
    /// 八、社会保障和就业支出	38	134.40
    /// 九、卫生健康支出	39	52.80
    /// …
    /// 本年支出合计	57	2,519.00
    /// ```
    ///
    /// ## How to fix
    /// Correct the line or the total.
    pub struct ExpenditureLinesNotTotal {
        code: "F303",
        severity: Error,
        family: FinalAccounts,
        summary: "本年支出合计不等于各功能类支出之和",
        summary_en: "Current-year expenditure total is not the sum of the function lines",
        since: "0.1.0",
    }
}

impl Rule for ExpenditureLinesNotTotal {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            for id in [TableId::Summary, TableId::Appropriation] {
                let Some((mut u, t)) = single(cx, &Self::META, form, id) else {
                    continue;
                };
                let mut tally = Tally::default();
                let side = summary_side(t, "支出");
                match side.total {
                    Some(total) if !side.lines.is_empty() => {
                        for k in 0..columns(t, Some("支出")).len().max(1) {
                            let tot = cell(cx, t, total, k);
                            let parts: Result<Vec<Term>, String> = side
                                .lines
                                .iter()
                                .map(|r| cell(cx, t, r, k).map(Term::from))
                                .collect();
                            match (tot, parts) {
                                (Ok(tot), Ok(parts)) => tally.sum(
                                    cx,
                                    &mut u,
                                    &tot,
                                    &parts,
                                    ("功能类支出", "function lines"),
                                ),
                                (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                            }
                        }
                    }
                    _ => u.insufficient(cx.t(
                        format!("{} 未读到本年支出合计行或支出项目行", t.title),
                        format!(
                            "{}: no current-year expenditure total or no expenditure lines",
                            t.title
                        ),
                    )),
                }
                tally.close(cx, u);
            }
        }
    }
}
