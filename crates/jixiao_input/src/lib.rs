//! Reads whatever a user has — the text of a disclosure in any extraction layout, the PDF from
//! the government website, the finance bureau's Excel workbook, a Word file or the web page —
//! into one thing the readers of `jixiao_parse` understand: **lines of tab-separated cells**,
//! each line anchored to where it came from.
//!
//! The format is detected from the bytes, never from the file name ([`detect`]). Every format
//! goes through the same stage: cells with positions ([`grid`]) become rows of a grid, and the
//! grid is written as tab-separated lines. The line numbers of that text are the line numbers
//! every finding and every `line` field refers to; `jixiao text FILE` prints it. For paged
//! input (PDF) [`Source::pages`] says where each page starts, so a finding can name its page.
//!
//! | input | how it is read |
//! |---|---|
//! | text, tab-separated | as is (no copy) |
//! | text, cells separated by runs of spaces (`pdftotext -layout`), by `\|` (markdown / pipe tables), or by no-break spaces | cells cut at the separators, then aligned into columns by position ([`layout`]) |
//! | PDF with a text layer | Debian's poppler (`pdftotext -bbox-layout`) as a subprocess: words with positions, rows by baseline, cells by gaps, columns by position ([`pdf`]) |
//! | XLSX, XLS | calamine: every sheet in order, merged cells kept at their top-left cell ([`sheet`]) |
//! | DOCX | paragraphs and tables in document order, spans kept as empty cells ([`docx`]) |
//! | HTML | html5ever (via scraper): tables and block text in document order, scripts and styles dropped ([`html`]) |
//!
//! Bad input is an [`InputError`] naming the file and what is wrong (encrypted PDF, a zip whose
//! entries would inflate beyond [`MAX_INFLATED`], binary data that is none of the above); a page
//! without a text layer is a [`Notice`] naming the page. Nothing here panics on malformed input.

#![warn(missing_docs)]

pub mod decode;
pub mod docx;
pub mod grid;
pub mod html;
pub mod layout;
pub mod pdf;
pub mod sheet;
mod zipped;

use std::borrow::Cow;
use std::fmt;

pub use decode::decode;

/// The largest total size the entries of a zip container (xlsx, docx) may inflate to: 256 MiB.
/// A disguised zip bomb is refused before anything is inflated.
pub const MAX_INFLATED: u64 = 256 << 20;

/// What an input was detected as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (UTF-8, UTF-16 with BOM, GB18030/GBK), any layout.
    Text,
    /// PDF.
    Pdf,
    /// Office Open XML workbook.
    Xlsx,
    /// Legacy Excel workbook (BIFF in an OLE compound file).
    Xls,
    /// Office Open XML word-processing document.
    Docx,
    /// An HTML page.
    Html,
}

impl Format {
    /// Lower-case name (`text`, `pdf`, `xlsx`, `xls`, `docx`, `html`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Docx => "docx",
            Format::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Detects the format from the first bytes (magic numbers, then the zip's entry names, then
/// markup). Anything else is [`Format::Text`]; whether it decodes is [`decode`]'s question.
pub fn detect(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match zipped::kind(bytes) {
            Some(zipped::Kind::Docx) => Format::Docx,
            // A zip that is neither is given to the workbook reader, which names the problem.
            _ => Format::Xlsx,
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Xls;
    }
    if html::looks_like_html(head) {
        return Format::Html;
    }
    Format::Text
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Something the reader wants the user to know that does not stop reading (a scanned page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// 1-based page, for paged input.
    pub page: Option<u32>,
    /// 1-based line of [`Source::text`] the notice concerns (the page's first line).
    pub line: u32,
    /// Chinese message.
    pub message: String,
    /// English message.
    pub message_en: String,
}

/// An input read into tab-separated lines.
#[derive(Clone, Debug)]
pub struct Source<'a> {
    /// What the bytes were.
    pub format: Format,
    /// The text the readers see: one row per line, cells separated by tabs.
    pub text: Cow<'a, str>,
    /// For paged input: the 1-based first line of each page (page `i + 1` starts at
    /// `pages[i]`). Empty otherwise.
    pub pages: Vec<u32>,
    /// Pages without a text layer and similar.
    pub notices: Vec<Notice>,
}

/// Input that cannot be read, with the file named as the caller named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file as named by the caller.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

impl InputError {
    pub(crate) fn new(file: &str, message: impl Into<String>) -> Self {
        InputError {
            file: file.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for InputError {}

/// Reads `bytes` of any supported format into tab-separated lines.
///
/// ```
/// let src = jixiao_input::read("t.md", "| 项目 | 金额 |\n|---|---|\n| 甲 | 1.00 |\n".as_bytes()).unwrap();
/// assert_eq!(src.format, jixiao_input::Format::Text);
/// assert_eq!(src.text, "项目\t金额\n\n甲\t1.00\n");
/// ```
pub fn read<'a>(file: &str, bytes: &'a [u8]) -> Result<Source<'a>, InputError> {
    let format = detect(bytes);
    let mut source = match format {
        Format::Text => Source {
            format,
            text: layout::normalise(decode(file, bytes)?),
            pages: Vec::new(),
            notices: Vec::new(),
        },
        Format::Pdf => pdf::read(file, bytes)?,
        Format::Xlsx | Format::Xls => sheet::read(file, bytes, format)?,
        Format::Docx => docx::read(file, bytes)?,
        Format::Html => html::read(file, bytes)?,
    };
    source.format = format;
    Ok(source)
}

/// Builds a [`Source`] from rows of cells (the formats that are not text): cells joined by
/// tabs, rows by newlines; tabs and line breaks inside a cell become spaces.
pub(crate) fn rows_to_text(rows: &[Vec<String>], out: &mut String) {
    for row in rows {
        let last = row.iter().rposition(|c| !c.trim().is_empty());
        if let Some(last) = last {
            for (i, cell) in row[..=last].iter().enumerate() {
                if i > 0 {
                    out.push('\t');
                }
                push_cell(cell, out);
            }
        }
        out.push('\n');
    }
}

/// Appends one cell's text with its internal whitespace (tabs, line breaks, runs) collapsed to
/// single spaces and trimmed.
pub(crate) fn push_cell(cell: &str, out: &mut String) {
    let mut first = true;
    for word in cell.split(|c: char| c.is_whitespace() && c != '\u{3000}') {
        if word.is_empty() {
            continue;
        }
        if !first {
            out.push(' ');
        }
        out.push_str(word);
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content_not_name() {
        assert_eq!(detect(b"%PDF-1.7\n..."), Format::Pdf);
        assert_eq!(
            detect(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Format::Xls
        );
        assert_eq!(
            detect(b"<!DOCTYPE html><html><body>x</body></html>"),
            Format::Html
        );
        assert_eq!(detect("项目名称\t甲".as_bytes()), Format::Text);
        // A text that merely mentions a tag is still text.
        assert_eq!(detect("说明：<p>标签".as_bytes()), Format::Text);
    }

    #[test]
    fn cells_are_collapsed() {
        let mut s = String::new();
        rows_to_text(
            &[
                vec!["a\tb".into(), " c\nd ".into(), String::new()],
                vec![],
                vec![String::new(), "x".into()],
            ],
            &mut s,
        );
        assert_eq!(s, "a b\tc d\n\n\tx\n");
    }
}
