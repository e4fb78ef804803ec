//! Prose: the text of a final account outside its tables, cut into
//! paragraphs (a long line that does not end a sentence continues on the next prose line, even
//! across a blank line, as PDF extraction breaks sentences), sentences, and counts with units
//! (`21个`, `66人次`, `0辆`).

use jixiao_model::Form;

use crate::checker::Checker;

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

/// A non-blank line with at most one filled tab cell (table rows have several).
pub(crate) fn is_prose(text: &str) -> bool {
    let mut filled = text.split('\t').filter(|c| !c.trim().is_empty());
    filled.next().is_some() && filled.next().is_none()
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

fn ends_sentence(t: &str) -> bool {
    t.ends_with(['。', '；', ';', '！', '？', '!', '?', '：', ':'])
}

/// A line that starts a list item or a heading (`2.`, `（三）`, `四、`, `第四部分`).
pub(crate) fn starts_item(t: &str) -> bool {
    let t = t.trim_start();
    let mut chars = t.chars();
    let Some(c0) = chars.next() else { return false };
    let c0 = jixiao_text::fold_char(c0);
    if c0.is_ascii_digit() {
        let rest = t.trim_start_matches(|c: char| jixiao_text::fold_char(c).is_ascii_digit());
        return rest.starts_with(['.', '、', '．', ')', '）']);
    }
    if c0 == '(' || c0 == '（' {
        return true;
    }
    if t.starts_with('第') && t.contains("部分") {
        return true;
    }
    let head: String = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .collect();
    !head.is_empty() && t[head.len()..].starts_with('、')
}

/// A top-level heading (`四、…`, `第四部分`).
pub(crate) fn is_top_heading(t: &str) -> bool {
    let t = t.trim_start();
    if t.starts_with('第') && t.contains("部分") {
        return true;
    }
    let head: String = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .collect();
    !head.is_empty() && t[head.len()..].starts_with('、')
}

/// A paragraph: its text (lines joined, trimmed) and where each line's text begins in it.
pub(crate) struct Para {
    pub text: String,
    /// (byte offset in `text`, line number, byte offset of the trimmed text in the line).
    pub parts: Vec<(usize, u32, usize)>,
}

impl Para {
    /// The first line of the paragraph.
    pub fn line(&self) -> u32 {
        self.parts[0].1
    }

    /// The line and 1-based character column of byte offset `at` of the text.
    pub fn locate(&self, cx: &Checker, at: usize) -> (u32, Option<u32>) {
        let (start, line, lead) = *self
            .parts
            .iter()
            .rev()
            .find(|p| p.0 <= at)
            .unwrap_or(&self.parts[0]);
        let Some(text) = cx.lines.get(line as usize - 1) else {
            return (line, None);
        };
        let byte = lead + (at - start);
        let col = text.get(..byte).map(|s| s.chars().count() as u32 + 1);
        (line, col)
    }
}

/// The prose of `form` cut into paragraphs.
pub(crate) fn paragraphs(cx: &Checker, form: &Form) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut open = false;
    for (n, raw) in prose_lines(cx, form) {
        let t = raw.trim();
        let lead = raw.len() - raw.trim_start().len();
        let joins = open && !starts_item(t);
        if joins {
            if let Some(p) = out.last_mut() {
                p.parts.push((p.text.len(), n, lead));
                p.text.push_str(t);
            }
        } else {
            out.push(Para {
                text: t.to_string(),
                parts: vec![(0, n, lead)],
            });
        }
        open = t.chars().count() >= 40 && !ends_sentence(t);
    }
    out
}

/// Splits `text` into sentences at `。；;！？!?`, with their byte offsets.
pub(crate) fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?') {
            out.push((start, &text[start..i]));
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

const CN_DIGITS: &str = "零〇一二两三四五六七八九十百千";

/// Numbers in `s` followed (after optional spaces) by one of `units`: the number's byte
/// offset, value as printed, and the unit.
pub(crate) fn counts<'u>(s: &str, units: &[&'u str]) -> Vec<(usize, String, &'u str)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let starts = (c.is_ascii_digit() || CN_DIGITS.contains(c))
            && !prev.is_some_and(|p| p.is_ascii_digit() || p == '.' || CN_DIGITS.contains(p));
        prev = Some(c);
        if !starts {
            continue;
        }
        let Some((_, len)) = jixiao_text::parse_number_prefix(&s[i..]) else {
            continue;
        };
        let rest = s[i + len..].trim_start();
        // Longest unit first (`人次` before `人`).
        let mut us: Vec<&str> = units.to_vec();
        us.sort_by_key(|u| std::cmp::Reverse(u.len()));
        if let Some(u) = us.into_iter().find(|u| rest.starts_with(u)) {
            out.push((i, s[i..i + len].to_string(), u));
        }
    }
    out
}

/// True when `s` prints an amount in 万元 or 元.
pub(crate) fn has_amount(s: &str) -> bool {
    !counts(s, &["万元", "元", "亿元"]).is_empty()
}
