use jixiao_model::FormKind;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::forms_of;

declare_rule! {
    /// ## What it does
    /// Flags a funds row whose 全年执行数 exceeds its 全年预算数.
    ///
    /// ## Why is this bad?
    /// Spending above the approved full-year budget needs an approved adjustment; the
    /// self-evaluation form has no place to explain it, so a reviewer must ask.
    ///
    /// ## Example
    /// ```text
    /// 	年度资金总额	100.00	100.00	112.00	10.00	112.00	10.00
    /// ```
    ///
    /// ## How to fix
    /// Print the adjusted budget in 全年预算数, or explain the overspend in the notes.
    pub struct ExecutedOverBudget {
        code: "S104",
        severity: Warning,
        family: SelfEvaluation,
        summary: "全年执行数超过全年预算数",
        summary_en: "Executed exceeds the full-year budget",
        since: "0.1.0",
    }
}

impl Rule for ExecutedOverBudget {
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
            for r in &funds.rows {
                let (Some(e), Some(b)) = (r.executed, r.annual_budget) else {
                    continue;
                };
                u.checked();
                if e > b {
                    let msg = cx.t(
                        format!(
                            "{}: 全年执行数 {} 超过全年预算数 {}，表内无说明",
                            r.name, e, b
                        ),
                        format!(
                            "{}: executed {} exceeds the full-year budget {} with no explanation",
                            r.name, e, b
                        ),
                    );
                    let column = cx.column_of_value(r.line, &r.raw, 2);
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some(e.to_string()),
                            expected: Some(format!("≤ {b}")),
                            path: Some(r.name.clone()),
                            ..Report::at(r.line, msg)
                        },
                    );
                }
            }
            cx.close(u);
        }
    }
}
