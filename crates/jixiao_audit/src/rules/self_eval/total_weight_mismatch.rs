use jixiao_model::Decimal;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::{each_reliable_scored_form, show};

declare_rule! {
    /// ## What it does
    /// Checks that the 分值 cell of the 总分 / 合计 row equals the sum of the printed weights.
    ///
    /// ## Why is this bad?
    /// The total row restates the weights' sum; a different figure there is a misprint (a
    /// published form prints 93.77 — its own total score plus the lost points — in the 分值
    /// column of its 总分 row).
    ///
    /// ## Example
    /// ```text
    /// 总分					93.77	89.77
    /// ```
    /// The weights add up to 100.00.
    ///
    /// ## How to fix
    /// Print the sum of the weights.
    pub struct TotalWeightMismatch {
        code: "S110",
        severity: Error,
        family: SelfEvaluation,
        summary: "总分行分值不等于各项分值之和",
        summary_en: "The total row's weight is not the sum of the weights",
        since: "0.1.0",
    }
}

impl Rule for TotalWeightMismatch {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_reliable_scored_form(cx, &Self::META, |cx, form, scored, u| {
            let Some((line, stated)) = form
                .total
                .as_ref()
                .and_then(|t| t.weight.map(|w| (t.line, w)))
            else {
                u.insufficient(cx.t("总分行无分值", "no weight on the total row"));
                return;
            };
            if scored.items.iter().any(|i| i.weight.is_none()) {
                u.insufficient(cx.t("有分值空白", "a weight is blank"));
                return;
            }
            let sum: Decimal = scored.items.iter().filter_map(|i| i.weight).sum();
            u.checked();
            if sum != stated {
                let msg = cx.t(
                    format!("总分行分值填 {stated}，各项分值之和为 {}", show(sum)),
                    format!(
                        "the total row states weight {stated}; the weights add up to {}",
                        show(sum)
                    ),
                );
                u.report(
                    &cx.doc.file,
                    Report {
                        column: cx.column_of_cell_text(line, &stated.to_string(), 0),
                        stated: Some(stated.to_string()),
                        expected: Some(show(sum)),
                        path: Some("总分/分值".into()),
                        ..Report::at(line, msg)
                    },
                );
            }
        });
    }
}
