//! T: performance-target quality (绩效目标 完整性/合理性/可衡量性), on target declarations and
//! on the targets restated in self-evaluations.

mod low_quantitative_share;
mod missing_benefit_indicator;
mod missing_output_category;
mod missing_satisfaction_indicator;
mod name_repeats_level;
mod placeholder_indicator_name;
mod prior_execution_blank;
mod target_missing;
mod unit_contradicts_value;
mod vague_target;

pub use low_quantitative_share::LowQuantitativeShare;
pub use missing_benefit_indicator::MissingBenefitIndicator;
pub use missing_output_category::MissingOutputCategory;
pub use missing_satisfaction_indicator::MissingSatisfactionIndicator;
pub use name_repeats_level::NameRepeatsLevel;
pub use placeholder_indicator_name::PlaceholderIndicatorName;
pub use prior_execution_blank::PriorExecutionBlank;
pub use target_missing::TargetMissing;
pub use unit_contradicts_value::UnitContradictsValue;
pub use vague_target::VagueTarget;

use jixiao_model::{Form, FormKind, Indicator};

use crate::checker::{Checker, Report, Unit};
use crate::registry::Meta;
use crate::rules::forms_of;

/// The forms whose targets are checked.
pub(crate) const KINDS: &[FormKind] = &[FormKind::TargetDeclaration, FormKind::SelfEvaluation];

/// Runs `per_indicator` on every indicator of every target-bearing form, one unit per form.
pub(crate) fn each_indicator(
    cx: &Checker,
    meta: &'static Meta,
    mut per_indicator: impl FnMut(&Checker, &Form, &Indicator, &mut Unit) -> Option<Report>,
) {
    for (_, form) in forms_of(cx, KINDS) {
        let mut u = cx.unit(
            meta,
            Checker::form_label(form),
            form.line_start,
            form.line_end,
        );
        if form.indicators.is_empty() {
            u.insufficient(cx.t("未读到指标", "no indicators read"));
        }
        for ind in &form.indicators {
            u.checked();
            if let Some(mut r) = per_indicator(cx, form, ind, &mut u) {
                r.path.get_or_insert_with(|| ind.path.join("/"));
                u.report(&cx.doc.file, r);
            }
        }
        cx.close(u);
    }
}

/// Runs `per_form` once for every target-bearing form that has indicators, one unit per form;
/// a form without indicators is insufficient data. `per_form` returns the finding, if any.
pub(crate) fn each_form(
    cx: &Checker,
    meta: &'static Meta,
    mut per_form: impl FnMut(&Checker, &Form) -> Option<Report>,
) {
    for (_, form) in forms_of(cx, KINDS) {
        let mut u = cx.unit(
            meta,
            Checker::form_label(form),
            form.line_start,
            form.line_end,
        );
        if form.indicators.is_empty() {
            u.insufficient(cx.t("未读到指标", "no indicators read"));
        } else {
            u.checked();
            if let Some(r) = per_form(cx, form) {
                u.report(&cx.doc.file, r);
            }
        }
        cx.close(u);
    }
}

/// A level name without its `指标`/`目标` suffix.
pub(crate) fn bare(name: &str) -> &str {
    let n = name.strip_suffix("指标").unwrap_or(name);
    n.strip_suffix("目标").unwrap_or(n)
}
