use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::scored_forms;

declare_rule! {
    /// ## What it does
    /// Flags an indicator whose 得分 / 自评分数 exceeds its 分值 / 权重.
    ///
    /// ## Why is this bad?
    /// Over-achievement never earns more than the weight (财预〔2020〕10号 practice and every
    /// provincial standard); a score above the weight inflates the total.
    ///
    /// ## Example
    /// ```text
    /// 产出指标	数量指标	举办活动场次	≥10(场)	12(场)	10.00	12.00
    /// ```
    ///
    /// ## How to fix
    /// Cap the score at the weight.
    pub struct IndicatorScoreAboveWeight {
        code: "S105",
        severity: Error,
        family: SelfEvaluation,
        summary: "指标得分超过分值",
        summary_en: "Indicator score above its weight",
        since: "0.1.0",
    }
}

impl Rule for IndicatorScoreAboveWeight {
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
                if s > w {
                    let msg = cx.t(
                        format!("得分 {s} 超过分值 {w}"),
                        format!("score {s} exceeds the weight {w}"),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column: cx.column_of_score(ind),
                            stated: Some(s.to_string()),
                            expected: Some(format!("≤ {w}")),
                            path: Some(ind.path.join("/")),
                            ..Report::at(ind.line, msg)
                        },
                    );
                }
            }
            if form.indicators.is_empty() {
                u.insufficient(cx.t("未读到指标", "no indicators read"));
            }
            cx.close(u);
        }
    }
}
