use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::{cell, Term},
    tables::{final_forms, single, summary_side},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks that 本年收入合计 equals the sum of the income lines above it: lines 1–8 of the
    /// 收入支出决算总表 (T1: 一般公共预算财政拨款收入 … 其他收入), and the three 财政拨款 lines of
    /// the 财政拨款收入支出决算总表 (T4).
    ///
    /// ## Why is this bad?
    /// The current-year income total is by definition the sum of its sources; a difference
    /// means a source line or the total is misprinted.
    ///
    /// ## Tolerance
    /// The (n + 1) × 0.005 万元 envelope (n printed lines): a difference inside it is reported
    /// once per table as info (可能为取整误差); beyond it, an error.
    ///
    /// ## Example
    /// ```text
    /// 一、一般公共预算财政拨款收入	1	2,345.60
    /// …
    /// 八、其他收入	8	6.10
    /// 本年收入合计	27	2,536.00
    /// ```
    /// The lines add up to 2,535.00.
    ///
    /// ## How to fix
    /// Correct the line or the total so that the total is the sum of the lines.
    pub struct IncomeLinesNotTotal {
        code: "F302",
        severity: Error,
        family: FinalAccounts,
        summary: "本年收入合计不等于各项收入之和",
        summary_en: "Current-year income total is not the sum of the income lines",
        since: "0.1.0",
    }
}

impl Rule for IncomeLinesNotTotal {
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
                let side = summary_side(t, "收入");
                match side.total {
                    Some(total) if !side.lines.is_empty() => {
                        let total = cell(cx, t, total, 0);
                        let parts: Result<Vec<Term>, String> = side
                            .lines
                            .iter()
                            .map(|r| cell(cx, t, r, 0).map(Term::from))
                            .collect();
                        match (total, parts) {
                            (Ok(total), Ok(parts)) => {
                                tally.sum(cx, &mut u, &total, &parts, ("收入项", "income lines"))
                            }
                            (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                        }
                    }
                    _ => u.insufficient(cx.t(
                        format!("{} 未读到本年收入合计行或收入项目行", t.title),
                        format!(
                            "{}: no current-year income total or no income lines",
                            t.title
                        ),
                    )),
                }
                tally.close(cx, u);
            }
        }
    }
}
