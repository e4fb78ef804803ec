use jixiao_score::Status;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::rules::scored_forms;

declare_rule! {
    /// ## What it does
    /// Recomputes each quantitative, date and zero-target indicator's score with the rule set
    /// (`jixiao score`) and reports a stated score that differs.
    ///
    /// ## Why is this bad?
    /// Published self-scores are typed by hand: 20.2 achieved against a target of ≥30 scored
    /// 13/15 where proportional scoring gives 10.10. The difference moves the total and can
    /// move the grade.
    ///
    /// Where a scoresheet prints a machine-readable scoring standard (评分标准, e.g.
    /// `自评分数=实现值/预期值×权重`, tiers or deductions) beside a numeric indicator, the score
    /// is recomputed by that printed standard instead, and the message says so.
    ///
    /// ## Tolerance
    /// A difference within the rule set's tolerance (one unit of the last decimal) is info.
    /// Rule sets differ by province and year, so this is a warning, not an error.
    ///
    /// ## Example
    /// ```text
    /// 产出指标	数量指标	交易额	≥30.00(亿美元)	20.2(亿美元)	15.00	13.00
    /// ```
    /// 20.2 / 30.00 × 15.00 = 10.10, stated 13.00.
    ///
    /// ## How to fix
    /// Score by the rule set, or state in 偏差原因 why another rule applies.
    pub struct IndicatorScoreDiffers {
        code: "S106",
        severity: Warning,
        family: SelfEvaluation,
        summary: "指标得分与评分规则计算结果不符",
        summary_en: "Indicator score differs from the rule set's score",
        since: "0.1.0",
    }
}

impl Rule for IndicatorScoreDiffers {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for (_, form, scored) in scored_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            let mut exact_items = 0;
            for it in scored.items.iter().filter(|i| i.rule != "execution") {
                match it.status {
                    Status::Match => {
                        exact_items += 1;
                        u.checked();
                    }
                    Status::Differs => {
                        exact_items += 1;
                        u.checked();
                        let stated = it.stated_score.map(|s| s.to_string()).unwrap_or_default();
                        // Scored by the form's own printed standard, or by the rule set.
                        let msg = if it.rule == "standard" {
                            // The formula starts with `评分标准 (form):`.
                            cx.t(
                                format!("按表中{}，表中填 {}", it.formula, stated),
                                format!("by the printed {}, stated {}", it.formula, stated),
                            )
                        } else {
                            cx.t(
                                format!(
                                    "按{}规则 {}，表中填 {}",
                                    scored.ruleset, it.formula, stated
                                ),
                                format!(
                                    "under {}: {}, stated {}",
                                    scored.ruleset, it.formula, stated
                                ),
                            )
                        };
                        let ind = form.indicators.iter().find(|i| i.line == it.line);
                        u.report(
                            &cx.doc.file,
                            Report {
                                column: ind.and_then(|i| cx.column_of_score(i)),
                                stated: Some(stated),
                                expected: it.recomputed_score.map(|s| s.to_string()),
                                path: Some(it.path.join("/")),
                                severity: it
                                    .flags
                                    .iter()
                                    .any(|f| f == "possibly_rounding")
                                    .then_some(Severity::Info),
                                ..Report::at(it.line, msg)
                            },
                        );
                    }
                    _ => {}
                }
            }
            if exact_items == 0 {
                u.not_applicable(cx.t(
                    "无可精确重算的指标（均为定性或证据不足）",
                    "no indicator with an exact recomputation",
                ));
            }
            cx.close(u);
        }
    }
}
