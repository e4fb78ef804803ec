use jixiao_model::FormKind;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::{forms_of, show};
use crate::tolerance::{check_pct, PctCheck};

declare_rule! {
    /// ## What it does
    /// Recomputes every printed 执行率(%) of the funds block as 全年执行数 / 全年预算数 × 100
    /// and compares it with the printed rate at its printed decimals.
    ///
    /// ## Why is this bad?
    /// The execution rate drives the 10 execution points; a printed rate that does not follow
    /// from the printed amounts means one of the three numbers is wrong. Published forms print
    /// `0.00` beside a score computed from the true rate.
    ///
    /// ## Tolerance
    /// A stated percentage with d decimals is right when the true value rounds (or truncates)
    /// to it; a difference only the inputs' own rounding explains is info. A zero budget with a
    /// non-zero execution is always an error; `0.00` printed on a row with no budget and no
    /// execution is the template's and not reported.
    ///
    /// ## Example
    /// ```text
    /// 	其中：当年财政拨款	27.00	27.00	10.17	-	0.00	3.77
    /// ```
    /// 10.17 / 27.00 = 37.67 %, printed 0.00.
    ///
    /// ## How to fix
    /// Print the rate the amounts give, or correct the amount that is wrong.
    pub struct ExecutionRateMismatch {
        code: "S101",
        severity: Error,
        family: SelfEvaluation,
        summary: "执行率与全年执行数/全年预算数不符",
        summary_en: "Execution rate does not equal executed / budget",
        since: "0.1.0",
    }
}

impl Rule for ExecutionRateMismatch {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for (_, form) in forms_of(cx, &[FormKind::SelfEvaluation]) {
            let label = Checker::form_label(form);
            let mut u = cx.unit(&Self::META, &label, form.line_start, form.line_end);
            let Some(funds) = &form.funds else {
                u.insufficient(cx.t("未找到项目资金表", "no funds block"));
                cx.close(u);
                continue;
            };
            for row in &funds.rows {
                let Some(rate) = row.rate_pct else { continue };
                let (Some(exec), Some(budget)) = (row.executed, row.annual_budget) else {
                    if row.annual_budget.is_some_and(|b| b.is_zero()) && rate.is_zero() {
                        continue;
                    }
                    u.insufficient(cx.t(
                        format!("{}: 全年执行数或全年预算数空白", row.name),
                        format!("{}: executed or budget blank", row.name),
                    ));
                    continue;
                };
                u.checked();
                let raw_rate = row.raw.get(4).cloned().unwrap_or_else(|| rate.to_string());
                let column = cx.column_of_value(row.line, &row.raw, 4);
                match check_pct(rate, exec, budget) {
                    PctCheck::Exact => {}
                    PctCheck::ZeroDenominator => {
                        if exec.is_zero() && rate.is_zero() {
                            continue;
                        }
                        let msg = cx.t(
                            format!("{}: 全年预算数为 0，执行数 {} 无法计算执行率，却填 {}%", row.name, exec, raw_rate),
                            format!("{}: budget is 0 with {} executed; no rate can be stated, yet {}% is printed", row.name, exec, raw_rate),
                        );
                        u.report(
                            &cx.doc.file,
                            Report {
                                column,
                                stated: Some(raw_rate.clone()),
                                path: Some(row.name.clone()),
                                ..Report::at(row.line, msg)
                            },
                        );
                    }
                    PctCheck::Rounding { expected } | PctCheck::Wrong { expected } => {
                        let info =
                            matches!(check_pct(rate, exec, budget), PctCheck::Rounding { .. });
                        let msg = cx.t(
                            format!(
                                "{}: 执行率 {} / {} = {}%，表中填 {}%",
                                row.name,
                                exec,
                                budget,
                                show(expected),
                                raw_rate
                            ),
                            format!(
                                "{}: execution rate {} / {} = {}%, stated {}%",
                                row.name,
                                exec,
                                budget,
                                show(expected),
                                raw_rate
                            ),
                        );
                        u.report(
                            &cx.doc.file,
                            Report {
                                column,
                                stated: Some(raw_rate.clone()),
                                expected: Some(show(expected)),
                                path: Some(row.name.clone()),
                                severity: info.then_some(crate::finding::Severity::Info),
                                ..Report::at(row.line, msg)
                            },
                        );
                    }
                }
            }
            cx.close(u);
        }
    }
}
