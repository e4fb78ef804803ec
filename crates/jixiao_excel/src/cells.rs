//! Cell-level plumbing shared by every sheet: formats and a small writer on top of
//! rust_xlsxwriter, a grid reader on top of calamine, and the hidden row tags.
//!
//! Every layout sheet has a hidden column A whose cell on each row jixiao wrote holds a tag: a
//! small JSON object `{"r": role, …}` naming what the row is (`title`, `funds`, `ind`, …) and
//! what the visible cells cannot carry (source lines, the printed text of a target whose
//! cells still agree with it, a field's canonical key). The visible cells are the data: a
//! tag never overrides what a user changed in them.

use calamine::{Data, Dimensions, StyleRange};
use jixiao_model::{CellKind, Decimal};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use serde_json::{Map, Value as Json};
use unicode_width::UnicodeWidthStr;

use crate::num::{self, Shown};
use crate::CellError;

/// A row tag: `{"r": role, …}`.
pub(crate) type Tag = Map<String, Json>;

pub(crate) fn tag(role: &str) -> Tag {
    let mut m = Map::new();
    m.insert("r".into(), Json::from(role));
    m
}

pub(crate) trait TagExt {
    fn with(self, k: &str, v: impl Into<Json>) -> Self;
    fn with_opt<T: Into<Json>>(self, k: &str, v: Option<T>) -> Self;
    fn role(&self) -> &str;
    fn u32(&self, k: &str) -> Option<u32>;
    fn str(&self, k: &str) -> Option<&str>;
}

impl TagExt for Tag {
    fn with(mut self, k: &str, v: impl Into<Json>) -> Self {
        self.insert(k.into(), v.into());
        self
    }
    fn with_opt<T: Into<Json>>(self, k: &str, v: Option<T>) -> Self {
        match v {
            Some(v) => self.with(k, v),
            None => self,
        }
    }
    fn role(&self) -> &str {
        self.get("r").and_then(Json::as_str).unwrap_or("")
    }
    fn u32(&self, k: &str) -> Option<u32> {
        self.get(k).and_then(Json::as_u64).map(|v| v as u32)
    }
    fn str(&self, k: &str) -> Option<&str> {
        self.get(k).and_then(Json::as_str)
    }
}

/// Cell formats.
pub(crate) struct Formats {
    pub title: Format,
    pub banner: Format,
    pub head: Format,
    pub label: Format,
    pub text: Format,
    pub wrap: Format,
    pub center: Format,
    pub audit: Format,
    pub audit_bad: Format,
    pub line: Format,
    pub input: Format,
    pub formula_bg: Format,
}

impl Formats {
    pub(crate) fn new(template: bool) -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_font_size(10);
        let input = if template {
            cell.clone().set_unlocked().set_background_color(0xEAF1FB)
        } else {
            cell.clone()
        };
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(15)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            banner: Format::new()
                .set_bold()
                .set_font_size(11)
                .set_font_color(0x1F3864)
                .set_background_color(0xDDEBF7)
                .set_align(FormatAlign::VerticalCenter),
            head: cell
                .clone()
                .set_bold()
                .set_background_color(0xD9E1F2)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            label: cell
                .clone()
                .set_background_color(0xF2F2F2)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            text: input.clone(),
            wrap: input.clone().set_text_wrap(),
            center: input.clone().set_align(FormatAlign::Center),
            audit: cell.clone().set_background_color(0xFFF2CC).set_text_wrap(),
            audit_bad: cell.clone().set_background_color(0xF8CBAD).set_text_wrap(),
            line: Format::new()
                .set_font_size(8)
                .set_font_color(0x808080)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            input,
            formula_bg: cell.set_background_color(0xEDEDED),
        }
    }
}

/// A worksheet being written, with column widths grown to fit what is written.
pub(crate) struct W<'a> {
    pub ws: &'a mut Worksheet,
    pub f: &'a Formats,
    pub row: u32,
    widths: Vec<f64>,
    /// Caps of column widths (wrapping columns).
    caps: Vec<f64>,
}

/// Display width of CJK-aware text in Excel character units.
fn width_of(s: &str) -> f64 {
    s.lines().map(|l| l.width()).max().unwrap_or(0) as f64 * 1.1 + 1.5
}

impl<'a> W<'a> {
    pub(crate) fn new(ws: &'a mut Worksheet, f: &'a Formats, caps: &[f64]) -> W<'a> {
        W {
            ws,
            f,
            row: 0,
            widths: vec![4.0; caps.len()],
            caps: caps.to_vec(),
        }
    }

    fn grow(&mut self, col: u16, s: &str) {
        let c = col as usize;
        if c < self.widths.len() {
            let w = width_of(s).min(self.caps[c]);
            if w > self.widths[c] {
                self.widths[c] = w;
            }
        }
    }

    /// Sets the column widths (hidden column A for the tags).
    pub(crate) fn finish(self) -> Result<(), XlsxError> {
        for (i, w) in self.widths.iter().enumerate() {
            self.ws.set_column_width(i as u16, *w)?;
        }
        self.ws.set_column_hidden(0)?;
        Ok(())
    }

    pub(crate) fn tag(&mut self, row: u32, t: Tag) -> Result<(), XlsxError> {
        self.ws.write_string(row, 0, Json::Object(t).to_string())?;
        Ok(())
    }

    pub(crate) fn text(
        &mut self,
        row: u32,
        col: u16,
        s: &str,
        f: &Format,
    ) -> Result<(), XlsxError> {
        if s.is_empty() {
            self.ws.write_blank(row, col, f)?;
        } else {
            self.ws.write_string_with_format(row, col, s, f)?;
            self.grow(col, s);
        }
        Ok(())
    }

    /// Text over merged cells (a single cell when the range is one cell).
    pub(crate) fn merge(
        &mut self,
        r0: u32,
        c0: u16,
        r1: u32,
        c1: u16,
        s: &str,
        f: &Format,
    ) -> Result<(), XlsxError> {
        if r0 == r1 && c0 == c1 {
            return self.text(r0, c0, s, f);
        }
        self.ws.merge_range(r0, c0, r1, c1, s, f)?;
        if c0 == c1 {
            // A vertical merge (a header over two rows): its text wraps in the column.
            let lines = (r1 - r0 + 1) as usize;
            let per_line: String = s.chars().take(s.chars().count().div_ceil(lines)).collect();
            self.grow(c0, &per_line);
        }
        Ok(())
    }

    /// A decimal with no printed text of its own (weights, scores): a number whose format
    /// shows its scale.
    pub(crate) fn dec(
        &mut self,
        row: u32,
        col: u16,
        d: Option<Decimal>,
        f: &Format,
    ) -> Result<(), XlsxError> {
        match d {
            None => {
                self.ws.write_blank(row, col, f)?;
            }
            Some(d) => match num::to_f64(d) {
                Some(x) => {
                    let code = Shown::code_for(d.scale(), false);
                    self.ws.write_number_with_format(
                        row,
                        col,
                        x,
                        &f.clone().set_num_format(&code),
                    )?;
                    self.grow(col, &d.to_string());
                }
                None => self.text(row, col, &d.to_string(), f)?,
            },
        }
        Ok(())
    }

    /// A printed amount: a number whose format reproduces `raw` (`1,250.40`), or `raw` as
    /// text when it is a placeholder or a printing no format reproduces. Returns true when
    /// written as text although it is not a placeholder (the row tag lists such cells).
    pub(crate) fn amount(
        &mut self,
        row: u32,
        col: u16,
        value: Option<Decimal>,
        raw: &str,
        f: &Format,
    ) -> Result<bool, XlsxError> {
        if raw.trim().is_empty() && value.is_none() {
            self.ws.write_blank(row, col, f)?;
            return Ok(false);
        }
        if let Some(v) = value {
            if let (Some(sh), Some(x)) = (num::shown_for_raw(v, raw), num::to_f64(v)) {
                let code = Shown::code_for(v.scale(), sh.grouped);
                self.ws
                    .write_number_with_format(row, col, x, &f.clone().set_num_format(&code))?;
                self.grow(col, raw);
                return Ok(false);
            }
        }
        self.text(row, col, raw, f)?;
        Ok(CellKind::of(raw) != CellKind::Placeholder && jixiao_text::parse_decimal(raw).is_none())
    }
}

/// `A1`-style reference of a 0-based cell.
pub(crate) fn a1(row: u32, col: u16) -> String {
    let mut c = col as u32 + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push((b'A' + r as u8) as char);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

/// A sheet read back: values, number formats and merged regions.
pub(crate) struct Grid {
    pub name: String,
    pub data: calamine::Range<Data>,
    pub styles: StyleRange,
    pub merges: Vec<Dimensions>,
}

impl Grid {
    pub(crate) fn height(&self) -> u32 {
        self.data.end().map_or(0, |e| e.0 + 1)
    }

    pub(crate) fn get(&self, row: u32, col: u16) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.data.get_value((row, col as u32)).unwrap_or(&EMPTY)
    }

    fn shown(&self, row: u32, col: u16) -> Shown {
        self.styles
            .get((row, col as u32))
            .and_then(|s| s.number_format.as_ref())
            .map(|n| Shown::of(&n.format_code))
            .unwrap_or_default()
    }

    /// The row tag in hidden column A, if jixiao wrote one.
    pub(crate) fn tag(&self, row: u32) -> Option<Tag> {
        match self.get(row, 0) {
            Data::String(s) if s.starts_with('{') => serde_json::from_str(s).ok(),
            _ => None,
        }
    }

    /// The top-left value of the merged region holding a cell, or the cell itself.
    pub(crate) fn merged(&self, row: u32, col: u16) -> &Data {
        let own = self.get(row, col);
        if !matches!(own, Data::Empty) {
            return own;
        }
        for m in &self.merges {
            if m.start.0 <= row
                && row <= m.end.0
                && m.start.1 <= col as u32
                && col as u32 <= m.end.1
            {
                return self.get(m.start.0, m.start.1 as u16);
            }
        }
        own
    }

    pub(crate) fn err(&self, row: u32, col: u16, value: &str, what: &str) -> CellError {
        CellError {
            sheet: self.name.clone(),
            cell: a1(row, col),
            value: value.to_string(),
            message: what.to_string(),
        }
    }

    /// The text a cell shows (numbers as their format shows them), trimmed.
    pub(crate) fn text(&self, row: u32, col: u16) -> String {
        self.show(self.get(row, col), row, col)
    }

    /// Like [`Grid::text`], through merged regions.
    pub(crate) fn text_merged(&self, row: u32, col: u16) -> String {
        self.show(self.merged(row, col), row, col)
    }

    fn show(&self, d: &Data, row: u32, col: u16) -> String {
        match d {
            Data::Empty => String::new(),
            Data::String(s) => s.trim().to_string(),
            Data::Float(f) => {
                let sh = self.shown(row, col);
                sh.read(*f).map(|d| sh.display(d)).unwrap_or_default()
            }
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            other => other.to_string(),
        }
    }

    /// A decimal cell (weight, score): blank → None; a number as its format shows it; a
    /// numeric text; anything else is an error.
    pub(crate) fn dec(&self, row: u32, col: u16, errs: &mut Vec<CellError>) -> Option<Decimal> {
        self.amount(row, col, &[], errs).0
    }

    /// A printed amount: `(value, raw)`. `text_ok` lists the columns whose non-numeric
    /// text the row tag says was printed so (kept verbatim, no value).
    pub(crate) fn amount(
        &self,
        row: u32,
        col: u16,
        text_ok: &[u16],
        errs: &mut Vec<CellError>,
    ) -> (Option<Decimal>, String) {
        match self.get(row, col) {
            Data::Empty => (None, String::new()),
            Data::Float(f) => {
                let sh = self.shown(row, col);
                match sh.read(*f) {
                    Some(d) => (Some(d), sh.display(d)),
                    None => {
                        errs.push(self.err(row, col, &f.to_string(), "is not a finite number"));
                        (None, String::new())
                    }
                }
            }
            Data::Int(i) => (Some(Decimal::from(*i)), i.to_string()),
            Data::String(s) => {
                let t = s.trim();
                if t.is_empty() {
                    return (None, String::new());
                }
                if let Some(d) = jixiao_text::parse_decimal(t) {
                    return (Some(d), s.clone());
                }
                if CellKind::of(t) == CellKind::Placeholder || text_ok.contains(&col) {
                    return (None, s.clone());
                }
                errs.push(self.err(row, col, t, "is not a number"));
                (None, s.clone())
            }
            other => {
                errs.push(self.err(row, col, &other.to_string(), "is not a number"));
                (None, String::new())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 5), "F12");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(2, 27), "AB3");
    }
}
