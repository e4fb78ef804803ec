//! Rules, one family per directory, one rule per file. The only registry is `crate::codes`.

pub mod claims;
pub(crate) mod common;
pub mod disclosure;
pub mod final_accounts;
pub mod self_eval;
pub mod structure;
pub mod targets;

use jixiao_model::{Decimal, Form, FormKind};
use jixiao_score::Scored;

use crate::checker::Checker;

/// `d` as printed with at least two decimals.
pub(crate) fn show(d: Decimal) -> String {
    let mut x = d;
    if x.scale() < 2 {
        x.rescale(2);
    }
    x.to_string()
}

/// Self-evaluation and scoresheet forms with their scores, by form index.
pub(crate) fn scored_forms<'c>(cx: &'c Checker) -> Vec<(usize, &'c Form, &'c Scored)> {
    cx.doc
        .forms
        .iter()
        .enumerate()
        .filter_map(|(i, f)| cx.scored.get(i).and_then(|s| s.as_ref()).map(|s| (i, f, s)))
        .collect()
}

/// Runs `per_form` for every scored form whose grid was read reliably, one unit per form;
/// the unit is closed afterwards. Forms with an unreliable grid get insufficient data.
pub(crate) fn each_reliable_scored_form(
    cx: &Checker,
    meta: &'static crate::registry::Meta,
    mut per_form: impl FnMut(&Checker, &Form, &Scored, &mut crate::checker::Unit),
) {
    for (_, form, scored) in scored_forms(cx) {
        let mut u = cx.form_unit(meta, form);
        if !cx.grid_unreliable(form, &mut u) {
            per_form(cx, form, scored, &mut u);
        }
        cx.close(u);
    }
}

/// Forms of `kind`, by index.
pub(crate) fn forms_of<'c>(cx: &'c Checker, kinds: &[FormKind]) -> Vec<(usize, &'c Form)> {
    cx.doc
        .forms
        .iter()
        .enumerate()
        .filter(|(_, f)| kinds.contains(&f.kind))
        .collect()
}
