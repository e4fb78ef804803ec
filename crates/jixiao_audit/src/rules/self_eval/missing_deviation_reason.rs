use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::scored_forms;

declare_rule! {
    /// ## What it does
    /// Flags an indicator scored below its weight whose 偏差原因分析及改进措施 (or 未达标原因分析)
    /// is empty.
    ///
    /// ## Why is this bad?
    /// The form requires the reason for every shortfall and the remedy; a deduction without one
    /// cannot be reviewed and feeds nothing into next year's targets.
    ///
    /// ## Example
    /// ```text
    /// 产出指标	质量指标	稿件质量	采写精良	达成指标	20.00	16.00
    /// ```
    ///
    /// ## How to fix
    /// State why the target was missed and what will change.
    pub struct MissingDeviationReason {
        code: "S113",
        severity: Warning,
        family: SelfEvaluation,
        summary: "扣分指标未填偏差原因",
        summary_en: "Score below the weight with no deviation reason",
        since: "0.1.0",
    }
}

impl Rule for MissingDeviationReason {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for (_, form, _) in scored_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            for ind in &form.indicators {
                let (Some(w), Some(s)) = (ind.weight, ind.score) else {
                    continue;
                };
                u.checked();
                if s < w && ind.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                    let msg = cx.t(
                        format!("得分 {s} 低于分值 {w}，未说明偏差原因及改进措施"),
                        format!("scored {s} of {w} with no deviation reason"),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column: cx.column_of_score(ind),
                            stated: Some(s.to_string()),
                            path: Some(ind.path.join("/")),
                            ..Report::at(ind.line, msg)
                        },
                    );
                }
            }
            cx.close(u);
        }
    }
}
