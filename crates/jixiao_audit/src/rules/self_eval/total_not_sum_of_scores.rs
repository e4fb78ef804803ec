use jixiao_model::Decimal;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::rules::{each_reliable_scored_form, show};
use crate::tolerance::{check_sum, SumCheck};

declare_rule! {
    /// ## What it does
    /// Checks that the 总分 / 合计 score equals the sum of the printed scores (execution
    /// score included).
    ///
    /// ## Why is this bad?
    /// The total decides the grade; a total that is not the sum of its parts is simply wrong.
    ///
    /// ## Tolerance
    /// The (n + 1) × half-unit rounding envelope; a difference inside it is info.
    ///
    /// ## Example
    /// ```text
    /// 总分					100.00	88.30
    /// ```
    /// 8.30 + 16.00 + … = 89.10, stated 88.30.
    ///
    /// ## How to fix
    /// Correct the total or the item that was changed without it.
    pub struct TotalNotSumOfScores {
        code: "S108",
        severity: Error,
        family: SelfEvaluation,
        summary: "总分不等于各项得分之和",
        summary_en: "Total is not the sum of the item scores",
        since: "0.1.0",
    }
}

impl Rule for TotalNotSumOfScores {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_reliable_scored_form(cx, &Self::META, |cx, form, scored, u| {
            let Some(total) = form.total.as_ref().filter(|t| t.score.is_some()) else {
                u.insufficient(cx.t("未找到总分", "no total score printed"));
                return;
            };
            let stated = total.score.unwrap_or_default();
            let parts: Option<Vec<Decimal>> = scored
                .items
                .iter()
                .filter(|i| {
                    i.stated_score.is_some() || i.status != jixiao_score::Status::NotApplicable
                })
                .map(|i| i.stated_score)
                .collect();
            let Some(parts) = parts else {
                u.insufficient(cx.t("有指标得分空白", "an item score is blank"));
                return;
            };
            u.checked();
            let info = match check_sum(stated, &parts, cx.config.envelope_factor) {
                SumCheck::Exact => {
                    return;
                }
                SumCheck::Rounding { .. } => true,
                SumCheck::Beyond { .. } => false,
            };
            let sum: Decimal = parts.iter().sum();
            let msg = cx.t(
                format!(
                    "各项得分之和为 {}，总分填 {}（差 {}）",
                    show(sum),
                    stated,
                    show(stated - sum)
                ),
                format!(
                    "the item scores add up to {}, the total states {} (difference {})",
                    show(sum),
                    stated,
                    show(stated - sum)
                ),
            );
            let column = cx.column_of_cell_text(
                total.line,
                &stated.to_string(),
                usize::from(total.weight == Some(stated)),
            );
            u.report(
                &cx.doc.file,
                Report {
                    column,
                    stated: Some(stated.to_string()),
                    expected: Some(show(sum)),
                    path: Some("总分".into()),
                    severity: info.then_some(Severity::Info),
                    ..Report::at(total.line, msg)
                },
            );
        });
    }
}
