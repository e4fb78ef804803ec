use jixiao_score::Status;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::scored_forms;

declare_rule! {
    /// ## What it does
    /// For qualitative indicators, finds the tier the actual value's wording selects (达成 /
    /// 部分达成 / 未达成, or the Guangdong 全部或基本达成 …) and checks that the stated score lies
    /// in the tier's share of the weight; judgement items must lie in [0, weight]. An actual
    /// value that names no tier is reported as insufficient data, never as a pass.
    ///
    /// ## Why is this bad?
    /// A qualitative score cannot be recomputed to one number, but a score outside its tier
    /// contradicts the form's own words (a 部分达成 item scored at full marks).
    ///
    /// ## Tolerance
    /// Tier bounds and whether the upper bound is inclusive are rule-set parameters
    /// (Guangdong prints 80%(含)-100%, 60%(含)-80%, 0-60%).
    ///
    /// ## Example
    /// ```text
    /// 效益指标	社会效益指标	服务能力	有效提升	部分达成指标并具有一定效果	20.00	20.00
    /// ```
    /// 部分达成 allows [12.00, 16.00), stated 20.00.
    ///
    /// ## How to fix
    /// Score inside the tier, or correct the completion wording.
    pub struct QualitativeScoreOutOfTier {
        code: "S107",
        severity: Warning,
        family: SelfEvaluation,
        summary: "定性指标得分超出完成档次区间",
        summary_en: "Qualitative score outside its tier range",
        since: "0.1.0",
    }
}

impl Rule for QualitativeScoreOutOfTier {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for (_, form, scored) in scored_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            let mut any = false;
            for it in scored
                .items
                .iter()
                .filter(|i| matches!(i.rule.as_str(), "qualitative" | "judgement" | "date"))
            {
                match it.status {
                    Status::InRange => {
                        any = true;
                        u.checked();
                    }
                    Status::OutOfRange => {
                        any = true;
                        u.checked();
                        let stated = it.stated_score.map(|s| s.to_string()).unwrap_or_default();
                        let msg = cx.t(
                            format!("{}，表中填 {}", it.formula, stated),
                            format!("{}, stated {}", it.formula, stated),
                        );
                        let ind = form.indicators.iter().find(|i| i.line == it.line);
                        u.report(
                            &cx.doc.file,
                            Report {
                                column: ind.and_then(|i| cx.column_of_score(i)),
                                stated: Some(stated),
                                expected: match (it.min_score, it.max_score) {
                                    (Some(a), Some(b)) => Some(format!("[{a}, {b}]")),
                                    _ => None,
                                },
                                path: Some(it.path.join("/")),
                                ..Report::at(it.line, msg)
                            },
                        );
                    }
                    Status::InsufficientData => {
                        any = true;
                        u.insufficient(format!(
                            "L{} {}: {}",
                            it.line,
                            it.path.last().cloned().unwrap_or_default(),
                            it.reason.clone().unwrap_or_default()
                        ));
                    }
                    _ => {}
                }
            }
            if !any {
                u.not_applicable(cx.t("无定性指标", "no qualitative indicators"));
            }
            cx.close(u);
        }
    }
}
