//! Reads the text of published budget-performance disclosures into line-anchored
//! [`jixiao_model`] forms.
//!
//! Input is the text extracted from government PDFs: tab-separated cells whose count varies,
//! merged cells that leave leading cells blank or shift a row, rows wrapped over two lines,
//! page breaks that repeat headers, `<p>` tags, mixed full- and half-width punctuation. The
//! reader places cells by header text and content, never by tab count alone, and turns every
//! region it does not understand into a [`Warning`](jixiao_model::Warning) with its lines.
//!
//! Layout of this crate — one module per template family:
//! - [`source`]: decoding (UTF-8, GB18030) and the [`Line`] type;
//! - `segment`: finds where each form starts (by title) and dispatches;
//! - `self_eval`: 绩效自评表 (Shanghai); `target_decl`: 绩效目标表;
//! - `scoresheet`: Guangdong 指标评分表; `final_accounts`: the nine 部门决算 tables;
//! - [`prose`]: prose cut into paragraphs, headings, sentences and figures (shared with the
//!   text rules of `jixiao_audit`);
//! - `claims`: numeric statements in prose;
//! - `grid`: helpers shared by the indicator-grid readers.

#![warn(missing_docs)]

pub mod prose;
pub mod source;

mod claims;
mod final_accounts;
mod grid;
mod scoresheet;
mod segment;
mod self_eval;
mod target_decl;

use jixiao_model::Document;
pub use source::{decode, DecodeError, Line};

/// Parses UTF-8 text. Never panics; anything not understood becomes a warning.
///
/// ```
/// use jixiao_model::FormKind;
///
/// let text = include_str!("../../../examples/self_evaluation.txt");
/// let doc = jixiao_parse::parse_str("self_evaluation.txt", text);
/// let form = &doc.forms[0];
/// assert_eq!(form.kind, FormKind::SelfEvaluation);
/// assert_eq!(form.year, Some(2022));
/// // Every row keeps its 1-based source line and its printed cells.
/// let total = &form.funds.as_ref().unwrap().rows[0];
/// assert_eq!((total.line, total.raw[1].as_str()), (9, "362.50"));
/// ```
pub fn parse_str(file: &str, text: &str) -> Document {
    let lines = source::split_lines(text);
    let mut doc = Document {
        file: file.to_string(),
        ..Document::default()
    };
    segment::parse_lines(&lines, &mut doc);
    doc
}

/// Decodes `bytes` (UTF-8 with or without BOM, UTF-16 with BOM, or GB18030/GBK) and parses.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Document, DecodeError> {
    let text = decode(file, bytes)?;
    Ok(parse_str(file, &text))
}
