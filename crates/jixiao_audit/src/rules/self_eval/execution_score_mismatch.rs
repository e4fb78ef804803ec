use jixiao_score::Status;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::rules::scored_forms;

declare_rule! {
    /// ## What it does
    /// Recomputes the execution score (预算执行率 得分, or 资金支出率 on a scoresheet) as
    /// min(执行数 / 预算数, 1) × 分值 under every rounding convention of the rule set, and
    /// reports a stated score none of them reproduces.
    ///
    /// ## Why is this bad?
    /// The execution score is the only fully mechanical score on the form; when it does not
    /// follow from the printed amounts, the total and grade built on it are wrong too.
    ///
    /// ## Tolerance
    /// Forms round half away from zero, truncate, or round the rate first: any convention of
    /// the rule set that reproduces the stated score is accepted (the one found is reported by
    /// `jixiao score`). A difference within one unit of the last decimal is info.
    ///
    /// ## Example
    /// ```text
    /// 	年度资金总额	100.00	100.00	50.00	10.00	50.00	6.00
    /// ```
    /// 50.00 / 100.00 × 10.00 = 5.00, stated 6.00.
    ///
    /// ## How to fix
    /// Print the score the rule set gives, or correct the amounts.
    pub struct ExecutionScoreMismatch {
        code: "S102",
        severity: Error,
        family: SelfEvaluation,
        summary: "执行率得分与执行率×分值不符",
        summary_en: "Execution score does not equal rate × points",
        since: "0.1.0",
    }
}

impl Rule for ExecutionScoreMismatch {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for (_, form, scored) in scored_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            let Some(exec) = scored.items.iter().find(|i| i.rule == "execution") else {
                u.insufficient(cx.t("未找到预算执行率/资金支出率", "no execution-rate item"));
                cx.close(u);
                continue;
            };
            match exec.status {
                Status::Match => u.checked(),
                Status::InsufficientData => u.insufficient(exec.reason.clone().unwrap_or_default()),
                _ => {
                    let stated = exec.stated_score.map(|s| s.to_string()).unwrap_or_default();
                    let expected = exec
                        .recomputed_score
                        .map(|s| s.to_string())
                        .unwrap_or_default();
                    let info = exec.flags.iter().any(|f| f == "possibly_rounding");
                    let msg = cx.t(
                        format!("执行得分 {}，表中填 {}", exec.formula, stated),
                        format!("execution score {}, stated {}", exec.formula, stated),
                    );
                    let column = cx.column_of(exec.line, &stated, None).and_then(|_| {
                        form.funds
                            .as_ref()
                            .and_then(|f| f.rows.iter().find(|r| r.line == exec.line))
                            .and_then(|r| cx.column_of_value(exec.line, &r.raw, 5))
                    });
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some(stated),
                            expected: Some(expected),
                            path: Some(exec.path.join("/")),
                            severity: info.then_some(Severity::Info),
                            ..Report::at(exec.line, msg)
                        },
                    );
                }
            }
            cx.close(u);
        }
    }
}
