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

pub use jixiao_input::{decode, InputError as DecodeError};
use jixiao_model::Document;
pub use source::Line;

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

/// Reads `bytes` of any input jixiao accepts — text in any layout (UTF-8, UTF-16, GB18030),
/// PDF, XLSX, XLS, DOCX or HTML, detected by content ([`jixiao_input`]) — and parses the text
/// read from it. Line numbers then refer to that text (`jixiao text FILE` prints it); for a
/// PDF, [`Document::pages`] says where each page starts, and a page without a text layer
/// becomes a warning naming the page.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Document, DecodeError> {
    let source = jixiao_input::read(file, bytes)?;
    Ok(parse_source(file, &source))
}

/// Parses what [`jixiao_input::read`] read: the text, plus the input's format, pages and
/// notices.
pub fn parse_source(file: &str, source: &jixiao_input::Source<'_>) -> Document {
    let mut doc = parse_str(file, &source.text);
    if source.format != jixiao_input::Format::Text {
        doc.format = Some(source.format.name().to_string());
    }
    doc.pages = source.pages.clone();
    for n in &source.notices {
        doc.warnings.push(jixiao_model::Warning::new(
            n.line,
            n.line,
            n.message.clone(),
        ));
    }
    doc
}
