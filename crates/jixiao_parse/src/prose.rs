//! Prose segmentation: the one place where the running text of a document (the 情况说明 of a
//! final account, the narrative of a scoresheet) is cut into paragraphs, headings, sentences
//! and figures. The claim extractor of this crate and the text rules of `jixiao_audit` both
//! read prose through this module.
//!
//! - **Lines.** A prose line is a non-blank line with at most one filled tab cell
//!   ([`is_prose`]); table rows have several.
//! - **Paragraphs.** [`paragraphs`] joins prose lines: a line of at least [`WRAP_MIN_CHARS`]
//!   characters that does not end a sentence ([`ends_sentence`]) continues on the next prose
//!   line, even across up to two blank lines, because PDF extraction breaks sentences
//!   mid-word; a line that opens a list item or a heading ([`starts_item`]) always starts a new
//!   paragraph. Each [`Paragraph`] keeps, for every line it joined, where that line's text
//!   begins, so an offset in the paragraph maps back to a line and column.
//! - **Headings.** The numbered levels of a 情况说明 ([`HeadingLevel`]): a part (`第三部分`),
//!   a section (`一、`), a subsection (`（一）`); [`heading_level`] recognises a heading line,
//!   [`is_top_heading`] a part or section, [`strip_enumerator`] / [`strip_enumerators`] remove
//!   the markers in front of a phrase.
//! - **Sentences and figures.** [`sentences`] cuts at `。；;！？!?`; [`numbers_in`] finds every
//!   printed number with its offset and whether `%` follows; [`amounts_in`] the money figures
//!   (a number followed by `万元`, `亿元`, `千元` or `元`); [`counts`] numbers followed by a
//!   given unit (`21个`, `66人次`); [`subject_before`] the noun phrase a figure is about.
//!
//! ```
//! use jixiao_parse::prose::{amounts_in, heading_level, paragraphs, HeadingLevel};
//!
//! let long = "本年收入合计1,298.00万元，比上年决算数增加120.50万元，增长10.2%，主要原因是人员";
//! let lines = [(7, "（一）收入决算情况"), (8, long), (9, "增加。")];
//! let paras = paragraphs(lines);
//! assert_eq!(paras.len(), 2);
//! assert_eq!(heading_level(&paras[0].text), Some(HeadingLevel::Subsection));
//! assert_eq!(paras[1].line_at(paras[1].text.len() - 1), 9);
//! let amounts = amounts_in(long);
//! assert_eq!(amounts[0].printed, "1,298.00");
//! assert_eq!(amounts[0].unit, "万元");
//! ```

use jixiao_model::Decimal;
use jixiao_text::{fold_char, parse_number_prefix};

/// A line at least this long (in characters) that does not end a sentence wraps onto the next.
pub const WRAP_MIN_CHARS: usize = 40;

/// The Chinese numerals of heading enumerators (`一、` … `十、`).
pub const CN_NUM: &str = "一二三四五六七八九十";

/// A non-blank line with at most one filled tab cell (table rows have several).
pub fn is_prose(text: &str) -> bool {
    if !text.contains('\t') {
        return !text.trim().is_empty();
    }
    let mut filled = text.split('\t').filter(|c| !c.trim().is_empty());
    filled.next().is_some() && filled.next().is_none()
}

/// True when `t` ends a sentence or announces what follows (`。；;！？!?：:`).
pub fn ends_sentence(t: &str) -> bool {
    t.ends_with(['。', '；', ';', '！', '？', '!', '?', '：', ':'])
}

/// A line that starts a list item or a heading (`2.`, `（三）`, `四、`, `第四部分`).
///
/// A parenthesis counts when it closes within the first six characters; `第…部分` when
/// `部分` lies within the first eight.
pub fn starts_item(t: &str) -> bool {
    let t = t.trim_start();
    let mut chars = t.chars();
    let Some(c0) = chars.next() else { return false };
    let c0 = fold_char(c0);
    if c0.is_ascii_digit() {
        let rest = t.trim_start_matches(|c: char| fold_char(c).is_ascii_digit());
        return rest.starts_with(['.', '、', '．', ')', '）']);
    }
    if c0 == '(' || c0 == '（' {
        return t.chars().take(6).any(|c| c == ')' || c == '）');
    }
    if CN_NUM.contains(c0) {
        let rest = t.trim_start_matches(|c: char| CN_NUM.contains(c));
        return rest.starts_with('、');
    }
    is_part(t)
}

/// `第…部分` within the first eight characters.
fn is_part(t: &str) -> bool {
    t.starts_with('第') && jixiao_text::head(t, 8).contains("部分")
}

/// The level of a numbered heading of a 情况说明.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HeadingLevel {
    /// `第三部分：…`.
    Part,
    /// `一、…`.
    Section,
    /// `（一）…`.
    Subsection,
}

/// The level of `t` when it is a heading line: short (at most 60 characters), not a table row,
/// not ending a sentence, and opening with `第…部分`, `一、` or `（一）`.
pub fn heading_level(t: &str) -> Option<HeadingLevel> {
    let t = t.trim();
    if t.is_empty()
        || t.contains('\t')
        || t.ends_with(['。', '；', ';'])
        || t.chars().nth(60).is_some()
    {
        return None;
    }
    if is_part(t) {
        return Some(HeadingLevel::Part);
    }
    let n = t.trim_start_matches(|c| CN_NUM.contains(c));
    if n.len() < t.len() && n.starts_with('、') {
        return Some(HeadingLevel::Section);
    }
    if let Some(r) = t.strip_prefix(['（', '(']) {
        let n = r.trim_start_matches(|c| CN_NUM.contains(c));
        if n.len() < r.len() && n.starts_with(['）', ')']) {
            return Some(HeadingLevel::Subsection);
        }
    }
    None
}

/// True when `t` opens a part (`第四部分`) or a section (`四、…`), whatever its length.
pub fn is_top_heading(t: &str) -> bool {
    let t = t.trim_start();
    if is_part(t) {
        return true;
    }
    let n = t.trim_start_matches(|c| CN_NUM.contains(c));
    n.len() < t.len() && n.starts_with('、')
}

/// `s` trimmed, without one leading `一、` / `1.` enumerator; the flag says whether one was
/// removed.
pub fn strip_enumerator(s: &str) -> (&str, bool) {
    let t = s.trim();
    let n = t.trim_start_matches(|c| CN_NUM.contains(c));
    if n.len() < t.len() {
        if let Some(r) = n.strip_prefix('、') {
            return (r.trim(), true);
        }
    }
    let d = t.trim_start_matches(|c: char| fold_char(c).is_ascii_digit());
    if d.len() < t.len() {
        if let Some(r) = d.strip_prefix(['.', '、', '．']) {
            return (r.trim(), true);
        }
    }
    (t, false)
}

/// `t` without every list marker in front of it (`1.`, `2)`, `（二）`, `三、`, `其中：`,
/// `具体情况`), and without leading spaces and clause punctuation.
pub fn strip_enumerators(mut t: &str) -> &str {
    loop {
        let before = t;
        t = t.trim_start_matches([' ', '\u{3000}', '，', ',', '：', ':', '、']);
        let d = t.trim_start_matches(|c: char| fold_char(c).is_ascii_digit());
        if d.len() < t.len() {
            if let Some(r) = d.strip_prefix(['.', '、', '．', ')', '）']) {
                t = r;
            }
        }
        if t.starts_with(['（', '(']) {
            if let Some(close) = t.find(['）', ')']) {
                if t[..close].chars().count() <= 4 {
                    t = &t[close + t[close..].chars().next().map_or(1, char::len_utf8)..];
                }
            }
        }
        let n = t.trim_start_matches(|c: char| CN_NUM.contains(c));
        if n.len() < t.len() {
            if let Some(r) = n.strip_prefix('、') {
                t = r;
            }
        }
        for p in ["其中", "具体情况"] {
            if let Some(r) = t.strip_prefix(p) {
                t = r;
            }
        }
        if t.len() == before.len() {
            return t.trim();
        }
    }
}

/// Where one line's text begins in a [`Paragraph`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// Byte offset in the paragraph's text.
    pub offset: usize,
    /// 1-based line number.
    pub line: u32,
    /// Byte offset in the line of its trimmed text (the leading whitespace skipped).
    pub lead: usize,
}

/// Prose lines joined into one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The lines' trimmed text, concatenated.
    pub text: String,
    /// Where each line begins, in order (never empty).
    pub parts: Vec<Part>,
}

impl Paragraph {
    /// The first line of the paragraph.
    pub fn line(&self) -> u32 {
        self.parts[0].line
    }

    /// The part holding byte offset `pos` of the text.
    pub fn part_at(&self, pos: usize) -> &Part {
        let i = self.parts.partition_point(|p| p.offset <= pos);
        &self.parts[i.saturating_sub(1)]
    }

    /// The line holding byte offset `pos` of the text.
    pub fn line_at(&self, pos: usize) -> u32 {
        self.part_at(pos).line
    }

    /// Each joined line's trimmed text, with its line number.
    pub fn lines(&self) -> impl Iterator<Item = (u32, &str)> + '_ {
        self.parts.iter().enumerate().map(|(i, p)| {
            let end = self.parts.get(i + 1).map_or(self.text.len(), |q| q.offset);
            (p.line, &self.text[p.offset..end])
        })
    }

    /// The line and the byte offset in that line (untrimmed) of byte offset `pos` of the text.
    pub fn position(&self, pos: usize) -> (u32, usize) {
        let p = self.part_at(pos);
        (p.line, p.lead + pos.saturating_sub(p.offset))
    }
}

/// Cuts `lines` (1-based number, text) into paragraphs, as the module documentation
/// describes. Lines that are not prose (table rows) end the paragraph and are skipped, as are
/// blank lines; a caller may pass only the lines it owns (a form's lines outside its tables).
pub fn paragraphs<'a>(lines: impl IntoIterator<Item = (u32, &'a str)>) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false;
    let mut blanks = 0;
    for (no, raw) in lines {
        if raw.trim().is_empty() {
            blanks += 1;
            open &= blanks <= 2;
            continue;
        }
        blanks = 0;
        if !is_prose(raw) {
            open = false;
            continue;
        }
        let t = raw.trim();
        let lead = raw.len() - raw.trim_start().len();
        match out.last_mut() {
            Some(p) if open && !starts_item(t) => {
                p.parts.push(Part {
                    offset: p.text.len(),
                    line: no,
                    lead,
                });
                p.text.push_str(t);
            }
            _ => out.push(Paragraph {
                text: t.to_string(),
                parts: vec![Part {
                    offset: 0,
                    line: no,
                    lead,
                }],
            }),
        }
        open = t.chars().nth(WRAP_MIN_CHARS - 1).is_some() && !ends_sentence(t);
    }
    out
}

/// Splits `text` into sentences at `。；;！？!?`, with their byte offsets.
pub fn sentences(text: &str) -> Vec<(usize, &str)> {
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

/// A number printed in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    /// Byte offset in the text.
    pub at: usize,
    /// The value, at its printed scale.
    pub value: Decimal,
    /// As printed (`86,005.03`).
    pub printed: String,
    /// Followed (after spaces) by `%` or `％`.
    pub pct: bool,
}

/// Every number printed in `text` (full-width digits and thousands separators read), in order.
pub fn numbers_in(text: &str) -> Vec<Number> {
    let mut out = Vec::new();
    let mut prev = ' ';
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let f = fold_char(c);
        if f.is_ascii_digit() && !(prev.is_ascii_digit() || prev == '.' || prev == ',') {
            if let Some((v, n)) = parse_number_prefix(&text[i..]) {
                let after = text[i + n..].trim_start_matches([' ', '\u{3000}']);
                out.push(Number {
                    at: i,
                    value: v,
                    printed: text[i..i + n].to_string(),
                    pct: after.starts_with(['%', '％']),
                });
                prev = '0';
                i += n;
                continue;
            }
        }
        prev = f;
        i += c.len_utf8();
    }
    out
}

/// A money figure printed in a text: a number followed by its unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount {
    /// Byte offset of the number in the text.
    pub at: usize,
    /// 1-based character column of the number.
    pub column: u32,
    /// The value, at its printed scale.
    pub value: Decimal,
    /// As printed (`1,298.00`).
    pub printed: String,
    /// `万元`, `亿元`, `千元` or `元`.
    pub unit: &'static str,
}

/// The money figures of `text`: each number (not a percentage) followed, after spaces, by
/// `万元`, `亿元`, `千元` or `元`.
pub fn amounts_in(text: &str) -> Vec<Amount> {
    numbers_in(text)
        .into_iter()
        .filter(|n| !n.pct)
        .filter_map(|n| {
            let rest = text[n.at + n.printed.len()..].trim_start_matches([' ', '\u{3000}']);
            let unit = ["万元", "亿元", "千元", "元"]
                .into_iter()
                .find(|u| rest.starts_with(u))?;
            Some(Amount {
                at: n.at,
                column: text[..n.at].chars().count() as u32 + 1,
                value: n.value,
                printed: n.printed,
                unit,
            })
        })
        .collect()
}

const CN_DIGITS: &str = "零〇一二两三四五六七八九十百千";

/// Numbers in `s` (Arabic or Chinese) followed, after optional spaces, by one of `units`
/// (the longest first: `人次` before `人`): the number's byte offset, the number as printed,
/// and the unit.
pub fn counts<'u>(s: &str, units: &[&'u str]) -> Vec<(usize, String, &'u str)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let starts = (c.is_ascii_digit() || CN_DIGITS.contains(c))
            && !prev.is_some_and(|p| p.is_ascii_digit() || p == '.' || CN_DIGITS.contains(p));
        prev = Some(c);
        if !starts {
            continue;
        }
        let Some((_, len)) = parse_number_prefix(&s[i..]) else {
            continue;
        };
        let rest = s[i + len..].trim_start();
        let mut us: Vec<&str> = units.to_vec();
        us.sort_by_key(|u| std::cmp::Reverse(u.len()));
        if let Some(u) = us.into_iter().find(|u| rest.starts_with(u)) {
            out.push((i, s[i..i + len].to_string(), u));
        }
    }
    out
}

/// True when `s` prints an amount in 万元, 元 or 亿元.
pub fn has_amount(s: &str) -> bool {
    !counts(s, &["万元", "元", "亿元"]).is_empty()
}

/// True when byte `i` of `s` (an ASCII character) sits between two ASCII digits, as the comma
/// of `1,298` does.
pub fn between_digits(s: &str, i: usize) -> bool {
    let before = s[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    let after = s[i + 1..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit());
    before && after
}

/// True when `c` at byte `i` of `s` separates clauses: `，：:、；;。`, or an ASCII comma that
/// is not a thousands separator.
pub fn is_clause_boundary(s: &str, i: usize, c: char) -> bool {
    matches!(c, '，' | '：' | ':' | '、' | '；' | ';' | '。') || (c == ',' && !between_digits(s, i))
}

/// The noun phrase a figure printed right after `head` is about: the text since the last
/// clause boundary, without list markers, the leading `2023年度` (and what precedes it),
/// `本单位`, and trailing verbs (`为`, `决算为`); `…费支出` becomes `…费`.
pub fn subject_before(head: &str) -> Option<String> {
    let start = head
        .char_indices()
        .rev()
        .find(|&(i, c)| is_clause_boundary(head, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    clean_subject(&head[start..])
}

/// A phrase cleaned into a subject, as [`subject_before`] does.
pub fn clean_subject(t: &str) -> Option<String> {
    let mut t = strip_enumerators(t);
    if let Some(i) = t.rfind("年度") {
        if i + "年度".len() < t.len() {
            t = &t[i + "年度".len()..];
        }
    } else {
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 4 && t[4..].starts_with('年') && t.len() > 4 + '年'.len_utf8() {
            t = &t[4 + '年'.len_utf8()..];
        }
    }
    for p in ["本单位", "我单位", "本部门", "我部门"] {
        if let Some(r) = t.strip_prefix(p) {
            t = r;
        }
    }
    loop {
        let before = t.len();
        for suffix in ["为", "是", "达", "共计", "共", "约", "决算数", "决算"] {
            if let Some(r) = t.strip_suffix(suffix) {
                t = r;
            }
        }
        if t.len() == before {
            break;
        }
    }
    if t.ends_with("费支出") {
        t = &t[..t.len() - "支出".len()];
    }
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(
            heading_level("一、2024年度收入支出决算总体情况说明"),
            Some(HeadingLevel::Section)
        );
        assert_eq!(
            heading_level("（二）年度支出总体情况"),
            Some(HeadingLevel::Subsection)
        );
        assert_eq!(
            heading_level("第三部分：某单位2024年度部门决算情况说明"),
            Some(HeadingLevel::Part)
        );
        assert_eq!(heading_level("（一）负责收集整理档案资料。"), None);
        assert_eq!(heading_level("1. 基本支出820万元"), None);
        assert!(starts_item("1. 基本支出820万元"));
        assert!(starts_item("（二）年度支出"));
        assert!(!starts_item("（含下属单位）收入"));
        assert!(is_top_heading("四、其他重要事项的情况说明"));
        assert_eq!(strip_enumerator("三、 收入").0, "收入");
        assert_eq!(strip_enumerators("（二）其中：收入"), "收入");
    }

    #[test]
    fn paragraphs_join_wrapped_lines_only() {
        let long =
            "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
        let lines = [
            (1, long),
            (2, ""),
            (3, "  续行。"),
            (4, "短行"),
            (5, "接着"),
            (6, long),
            (7, "a\tb\tc"),
            (8, "不接"),
        ];
        let paras = paragraphs(lines);
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [&format!("{long}续行。")[..], "短行", "接着", long, "不接"]
        );
        assert_eq!(paras[0].position(long.len() + 3), (3, 5));
        assert_eq!(paras[0].line(), 1);
        let joined: Vec<(u32, &str)> = paras[0].lines().collect();
        assert_eq!(joined, [(1, long), (3, "续行。")]);
    }

    #[test]
    fn figures_and_subjects() {
        let t = "某馆2024年度总收入1,298万元，增长4.2%，其中本年收入1,200 万元";
        let n = numbers_in(t);
        assert_eq!(n.len(), 4);
        assert!(n[2].pct);
        let a = amounts_in(t);
        assert_eq!(a.len(), 2);
        assert_eq!((a[1].printed.as_str(), a[1].unit), ("1,200", "万元"));
        assert_eq!(subject_before(&t[..a[0].at]).as_deref(), Some("总收入"));
        assert_eq!(subject_before(&t[..a[1].at]).as_deref(), Some("本年收入"));
        assert_eq!(
            subject_before("1. 因公出国（境）费支出决算为").as_deref(),
            Some("因公出国（境）费")
        );
        assert_eq!(counts("共3个团组、12人次", &["人", "人次", "个"]).len(), 2);
    }
}
