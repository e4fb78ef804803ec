use jixiao_model::Decimal;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::{each_reliable_scored_form, show};

declare_rule! {
    /// ## What it does
    /// Checks that the weights of all scored items (the execution points included) add up to
    /// 100.
    ///
    /// ## Why is this bad?
    /// Grades are bands of a 100-point total; weights that do not add up to 100 make the grade
    /// meaningless. Provinces spread the 90 non-execution points differently, but the sum is
    /// always 100.
    ///
    /// ## Example
    /// ```text
    /// 产出指标	…	15.00	…   (six indicators of 15 + 10 execution points = 100)
    /// ```
    ///
    /// ## How to fix
    /// Re-weight the indicators.
    pub struct WeightsNotHundred {
        code: "S109",
        severity: Warning,
        family: SelfEvaluation,
        summary: "各项分值之和不为100",
        summary_en: "Weights do not add up to 100",
        since: "0.1.0",
    }
}

impl Rule for WeightsNotHundred {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_reliable_scored_form(cx, &Self::META, |cx, form, scored, u| {
            if scored.items.iter().any(|i| i.weight.is_none()) {
                u.insufficient(cx.t("有分值空白", "a weight is blank"));
                return;
            }
            let sum: Decimal = scored.items.iter().filter_map(|i| i.weight).sum();
            u.checked();
            if sum != Decimal::ONE_HUNDRED {
                let line = form.total.as_ref().map_or(form.line_start, |t| t.line);
                let msg = cx.t(
                    format!("各项分值之和为 {}，应为 100", show(sum)),
                    format!("the weights add up to {}, not 100", show(sum)),
                );
                u.report(
                    &cx.doc.file,
                    Report {
                        stated: Some(show(sum)),
                        expected: Some("100.00".into()),
                        ..Report::at(line, msg)
                    },
                );
            }
        });
    }
}
