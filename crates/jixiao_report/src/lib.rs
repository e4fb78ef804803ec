//! Audit reports: one per document and a summary over many, as a single self-contained HTML
//! file (askama templates, inline CSS, charts as inline SVG: nothing is fetched) or as a PDF
//! (typst, with a CJK font found on the system: Debian's `fonts-noto-cjk`).
//!
//! A document report shows, for every form, the recomputed scores beside the stated ones
//! with the working, every finding with its source line quoted and the offending value
//! marked, charts (findings per rule, grade distribution, execution rates), the outcome of
//! every rule, and an appendix with each target declaration and self-evaluation as read,
//! in its published layout. The PDF appendix is laid out on a fixed grid of [`pdftext`]
//! slots, so that `pdftotext -tsv` output turns back into tab-separated text jixiao parses.
//!
//! The report is data first: [`document_view`] and [`summary_view`] build plain structs
//! (strings formatted exactly: `27.00` stays `27.00`) that both back-ends render.

#![warn(missing_docs)]

mod charts;
mod html;
#[cfg(feature = "pdf")]
mod pdf;
pub mod pdftext;
mod view;

pub use html::{html_document, html_summary};
#[cfg(feature = "pdf")]
pub use pdf::{find_cjk_fonts, pdf_document, pdf_summary, Fonts};
pub use view::*;

pub use jixiao_audit::Lang;

/// Report errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No CJK font for PDF output.
    #[error(
        "PDF output needs a CJK font and none was found ({searched}): install Debian's \
         fonts-noto-cjk (`apt-get install fonts-noto-cjk`) or point JIXIAO_FONT_DIR at a folder \
         holding Noto Sans CJK (.ttc/.otf)"
    )]
    MissingFont {
        /// The folders searched, joined with `, `.
        searched: String,
    },
    /// typst could not lay out or export the report.
    #[error("typesetting the report failed: {0}")]
    Typeset(String),
    /// A file could not be read or written (the message is the I/O error's own).
    #[error(transparent)]
    Io(#[from] std::io::Error),
}
