//! Writes jixiao forms back out in the published text layouts, and generates a deterministic
//! corpus of realistic documents.
//!
//! - [`render_form`] / [`render_document`]: one text layout per form kind, in the shape the
//!   reader (`jixiao_parse`) accepts, including the layout noise real extractions carry when a
//!   [`Style`] asks for it (rows shifted by a cell, names wrapped over two lines, full-width
//!   colons, `<p>` tags). Property: render → parse gives back the same form.
//! - [`gen`]: random but realistic forms from a seed (own vocabulary, no real documents).
//! - [`corpus`]: `jixiao corpus --docs N --seed S --out DIR`.

#![warn(missing_docs)]

pub mod corpus;
pub mod gen;
mod gen_final_accounts;
pub use gen_final_accounts::final_accounts as gen_final_accounts;
mod final_accounts;
mod rng;
mod scoresheet;
mod self_eval;
mod target_decl;

pub use rng::Rng;

use jixiao_model::{Document, Form, FormKind};

/// Layout noise to reproduce (all off = the cleanest layout).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Put an extra empty leading cell on funds rows (as merged cells leave them).
    pub shift_funds: bool,
    /// Use half-width colons where the clean layout has full-width ones (`其中: 当年财政拨款`).
    pub half_width_colons: bool,
    /// Put spaces inside CJK header words (`一级 指标`), as line wrapping leaves them.
    pub spaced_headers: bool,
    /// Wrap free-text goal cells in `<p>…</p>`.
    pub html_paragraphs: bool,
    /// Break long second-level names over two lines with a blank line between.
    pub wrap_names: bool,
    /// Shift rows whose first-level cell is blank one cell to the left.
    pub shift_rows: bool,
}

impl Style {
    /// A random style.
    pub fn random(rng: &mut Rng) -> Style {
        Style {
            shift_funds: rng.chance(0.5),
            half_width_colons: rng.chance(0.5),
            spaced_headers: rng.chance(0.5),
            html_paragraphs: rng.chance(0.3),
            wrap_names: rng.chance(0.3),
            shift_rows: rng.chance(0.2),
        }
    }
}

/// Appends the text layout of `form` to `out`.
///
/// Final accounts and scoresheets are written by their own renderers; kinds without one
/// write nothing and return false.
pub fn render_form(form: &Form, style: Style, out: &mut String) -> bool {
    match form.kind {
        FormKind::SelfEvaluation => self_eval::render(form, style, out),
        FormKind::TargetDeclaration => target_decl::render(form, style, out),
        FormKind::FinalAccounts => final_accounts::render(form, style, out),
        FormKind::EvaluationScoresheet => scoresheet::render(form, style, out),
    }
    true
}

/// Renders every form of a document, one after the other.
pub fn render_document(doc: &Document, style: Style) -> String {
    let mut out = String::new();
    for f in &doc.forms {
        render_form(f, style, &mut out);
    }
    out
}

/// Joins cells with tabs and ends the line.
pub(crate) fn line(out: &mut String, cells: &[&str]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        out.push_str(c);
    }
    out.push('\n');
}

/// A decimal as printed, or an empty cell.
pub(crate) fn dec(d: &Option<jixiao_model::Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}
