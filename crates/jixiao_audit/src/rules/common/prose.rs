//! Prose: the text of a final account outside its tables, cut into paragraphs, sentences and
//! counts with units by [`jixiao_parse::prose`] (the segmentation the claim extractor uses);
//! this module only says which lines a form owns.

use std::rc::Rc;

use jixiao_model::Form;
use jixiao_parse::prose::heading_level;
pub(crate) use jixiao_parse::prose::{
    counts, has_amount, is_prose, is_top_heading, sentences, starts_item, Paragraph as Para,
};

use crate::checker::{Checker, Report};

/// The lines a final-account form owns for text checks: from the line after the previous
/// form (or the first line of the file) to the form's last line.
pub(crate) fn form_range(cx: &Checker, form: &Form) -> (u32, u32) {
    let start = cx
        .doc
        .forms
        .iter()
        .filter(|f| f.line_end < form.line_start)
        .map(|f| f.line_end + 1)
        .max()
        .unwrap_or(1);
    (start, form.line_end.min(cx.lines.len() as u32))
}

/// True when `line` lies inside one of the form's tables.
pub(crate) fn in_table(form: &Form, line: u32) -> bool {
    form.tables
        .iter()
        .any(|t| (t.line_start..=t.line_end).contains(&line))
}

/// The prose lines of `form` (outside its tables), as (line number, text).
pub(crate) fn prose_lines<'c>(cx: &Checker<'c>, form: &Form) -> Vec<(u32, &'c str)> {
    let (a, b) = form_range(cx, form);
    (a..=b)
        .filter(|&n| !in_table(form, n))
        .filter_map(|n| cx.lines.get(n as usize - 1).map(|t| (n, *t)))
        .filter(|(_, t)| is_prose(t))
        .collect()
}

/// Where byte offset `at` of a paragraph's text is printed: its line and 1-based character
/// column.
pub(crate) fn locate(cx: &Checker, para: &Para, at: usize) -> (u32, Option<u32>) {
    let (line, byte) = para.position(at);
    let Some(text) = cx.lines.get(line as usize - 1) else {
        return (line, None);
    };
    let col = text.get(..byte).map(|s| s.chars().count() as u32 + 1);
    (line, col)
}

/// The prose of `form` cut into paragraphs, segmented once per check and shared.
pub(crate) fn paragraphs(cx: &Checker, form: &Form) -> Rc<Vec<Para>> {
    if let Some((_, p)) = cx
        .paragraphs
        .borrow()
        .iter()
        .find(|(k, _)| *k == form.line_start)
    {
        return Rc::clone(p);
    }
    let p = Rc::new(jixiao_parse::prose::paragraphs(prose_lines(cx, form)));
    cx.paragraphs
        .borrow_mut()
        .push((form.line_start, Rc::clone(&p)));
    p
}

/// The lines of `form` that name the document rather than state its content: its title (the
/// first non-blank line), every heading, and the cover and table-of-contents entries before
/// the first table (lines of at most [`ENTRY_MAX_CHARS`] characters that end no sentence — the
/// prose of the overview before the tables is left out), as (line number, text).
pub(crate) fn structural_lines<'c>(cx: &Checker<'c>, form: &Form) -> Vec<(u32, &'c str)> {
    let (a, b) = form_range(cx, form);
    let body = form
        .tables
        .iter()
        .map(|t| t.line_start)
        .min()
        .unwrap_or(b + 1);
    let entry = |t: &str| {
        let t = t.trim();
        t.chars().count() <= ENTRY_MAX_CHARS && !t.contains(['。', '；', ';'])
    };
    let mut out: Vec<(u32, &str)> = (a..=b)
        .filter(|&n| !in_table(form, n))
        .filter_map(|n| cx.lines.get(n as usize - 1).map(|t| (n, *t)))
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    let title = out.first().map(|l| l.0);
    out.retain(|&(n, t)| Some(n) == title || heading_level(t).is_some() || (n < body && entry(t)));
    out
}

/// The longest line a cover or contents entry is taken to be.
pub(crate) const ENTRY_MAX_CHARS: usize = 48;

/// `s` cut at `，,：:` into clauses, with their byte offsets (a thousands separator is no cut).
pub(crate) fn clauses(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let cut = matches!(c, '，' | '：' | ':')
            || (c == ',' && !jixiao_parse::prose::between_digits(s, i));
        if cut {
            out.push((start, &s[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &s[start..]));
    out
}

/// A report at byte offset `at` of line `line` (whose text is `text`), quoting `stated` and,
/// when given, the `expected` wording.
pub(crate) fn report_at_byte(
    line: u32,
    text: &str,
    at: usize,
    msg: String,
    stated: String,
    expected: Option<String>,
) -> Report {
    Report {
        column: text.get(..at).map(|s| s.chars().count() as u32 + 1),
        stated: Some(stated),
        expected,
        ..Report::at(line, msg)
    }
}

/// The paragraphs of every final account of the document (shared, not copied), to find the
/// text that precedes a place in its paragraph.
pub(crate) struct ParaIndex {
    forms: Vec<Rc<Vec<Para>>>,
}

impl ParaIndex {
    /// The paragraphs of every final-accounts form.
    pub(crate) fn new(cx: &Checker) -> ParaIndex {
        let forms = super::tables::final_forms(cx)
            .into_iter()
            .map(|f| paragraphs(cx, f))
            .collect();
        ParaIndex { forms }
    }

    /// The text of the paragraph holding byte `byte` of line `line`, up to that place; `None`
    /// when the line is in no paragraph. A binary search in each form: no scan per lookup.
    pub(crate) fn before(&self, line: u32, byte: usize) -> Option<&str> {
        self.forms.iter().find_map(|paras| {
            let i = paras.partition_point(|p| p.line() <= line);
            let p = paras.get(i.checked_sub(1)?)?;
            let part = p.parts.iter().find(|q| q.line == line)?;
            let at = part.offset + byte.saturating_sub(part.lead);
            p.text.get(..at.min(p.text.len()))
        })
    }
}
