//! Text folding and value lexing.
//!
//! Published disclosures mix full-width and half-width forms (`：`/`:`, `（`/`(`, `＞`, `％`),
//! break CJK words with spaces when a PDF line wraps (`数量 指标`, `2023 年 12 月 31 日`), and
//! leave HTML `<p>` tags in free-text cells. [`fold`] normalises a *copy* of a cell for
//! matching; the original stays in the model's `raw` fields. [`parse_value`] turns a target or
//! actual cell into a [`Value`]; [`parse_decimal`] reads a printed amount exactly.

#![warn(missing_docs)]

mod number;
mod value;

pub use number::{parse_cn_int, parse_decimal, parse_number_prefix};
pub use value::parse_value;

/// True for CJK ideographs and CJK punctuation, the characters PDF extraction wraps between.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFF0F
        | 0xFF1A..=0xFF20 | 0x2014 | 0x201C | 0x201D | 0x2018 | 0x2019)
}

/// Folds one character: full-width ASCII forms to ASCII, the ideographic space to a space,
/// `≧`/`≦` to `≥`/`≤`. `≥ ≤` themselves and CJK punctuation such as `，` `、` `。` are kept
/// (a full-width comma separates clauses in prose; it is not a thousands separator).
#[inline]
pub fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '，' | '、' | '。' | '；' => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '≧' => '≥',
        '≦' => '≤',
        _ => c,
    }
}

/// Normalises a cell for matching and display: folds full-width forms ([`fold_char`]), removes
/// HTML tags (`<p>`, `</p>`, `<br>`), collapses runs of whitespace, removes the spaces that
/// line wrapping put between CJK characters or between CJK and digits, and trims.
///
/// `一级 指标` → `一级指标`; `2023 年 12 月 31 日` → `2023年12月31日`; `SIPC 运作专项` is kept.
pub fn fold(s: &str) -> String {
    fold_cow(s).into_owned()
}

/// [`fold`] without allocating when nothing changes (the common case).
pub fn fold_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if !needs_fold(s.as_bytes()) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(fold_slow(s))
}

/// True when `fold` would change `s`: it holds whitespace or control characters, `<`,
/// full-width forms (U+FF01–FF5E), the ideographic space, `≧`/`≦` or a no-break space. Most
/// cells hold none of these; checking bytes is much cheaper than rebuilding the string.
#[inline]
fn needs_fold(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if c <= b' ' || c == b'<' {
                return true;
            }
            i += 1;
            continue;
        }
        // CJK ideographs (lead bytes 0xE4–0xE9) never need folding; other non-ASCII
        // characters are decoded and tested.
        if (0xE4..=0xE9).contains(&c) {
            i += 3;
            continue;
        }
        let len = match c {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        if let Some(ch) = b
            .get(i..i + len)
            .and_then(|x| std::str::from_utf8(x).ok())
            .and_then(|x| x.chars().next())
        {
            if ch.is_whitespace() || ch.is_control() || fold_char(ch) != ch {
                return true;
            }
        }
        i += len;
    }
    false
}

fn fold_slow(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut pending_space = false;
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        if c == '<' {
            // Strip simple HTML tags such as <p>, </p>, <br/>, <p class="x">.
            let rest = chars
                .clone()
                .take(6)
                .collect::<String>()
                .to_ascii_lowercase();
            if rest.starts_with("p>")
                || rest.starts_with("/p>")
                || rest.starts_with("br>")
                || rest.starts_with("br/>")
                || rest.starts_with("br />")
                || rest.starts_with("p ")
            {
                for d in chars.by_ref() {
                    if d == '>' {
                        break;
                    }
                }
                pending_space = !out.is_empty();
                continue;
            }
        }
        let c = fold_char(c);
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let glue = (is_cjk(prev) && (is_cjk(c) || c.is_ascii_digit() || c == '('))
                || (prev.is_ascii_digit() && is_cjk(c))
                || (prev == ')' && is_cjk(c));
            if !glue {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
        prev = c;
    }
    out
}

/// Like [`fold`], but also removes every space between two non-ASCII characters and around
/// them, for labels and names that a reader compares (`年度 总体 目标` → `年度总体目标`).
pub fn fold_label(s: &str) -> String {
    fold_label_cow(s).into_owned()
}

/// [`fold_label`] without allocating when nothing changes (the common case).
pub fn fold_label_cow(s: &str) -> std::borrow::Cow<'_, str> {
    let f = fold_cow(s);
    if !f.contains(' ') {
        return f;
    }
    let mut out = String::with_capacity(f.len());
    let mut prev: Option<char> = None;
    let mut it = f.chars().peekable();
    while let Some(c) = it.next() {
        if c == ' ' {
            let next = it.peek().copied().unwrap_or(' ');
            if prev.is_some_and(|p| !p.is_ascii()) || !next.is_ascii() {
                continue;
            }
        }
        out.push(c);
        prev = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

/// The first `n` characters of `s` (all of it when shorter): labels are matched on a cell's
/// head, so that long narrative cells are not folded just to be rejected.
pub fn head(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Removes a trailing colon (`:` or `：`) and surrounding spaces from a label.
pub fn strip_colon(s: &str) -> &str {
    s.trim().trim_end_matches([':', '：']).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_wrap_spaces_but_keeps_latin_words() {
        assert_eq!(fold("一级 指标"), "一级指标");
        assert_eq!(fold("2023 年 12 月 31 日"), "2023年12月31日");
        assert_eq!(fold("SIPC 运作专项"), "SIPC 运作专项");
        assert_eq!(fold("<p>充分发挥</p> <p>2、支持</p>"), "充分发挥2、支持");
        assert_eq!(fold("＞＝９５％"), ">=95%");
        assert_eq!(fold("其中：当年"), "其中:当年");
        assert_eq!(fold("  a   b  "), "a b");
    }

    #[test]
    fn fast_path_agrees_with_slow_path() {
        for s in [
            "纯中文单元格",
            "ABC 123",
            "一级 指标",
            "＞９５％",
            "a\u{3000}b",
            "≧5",
            "x\u{a0}y",
            "<p>x</p>",
            "数量\t指标",
        ] {
            assert_eq!(fold(s), fold_slow(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_is_idempotent(s in "\\PC{0,30}") {
            let once = fold(&s);
            proptest::prop_assert_eq!(fold(&once), once.clone());
            proptest::prop_assert_eq!(fold_slow(&s), once);
        }
    }

    #[test]
    fn fold_label_joins_everything_non_ascii() {
        assert_eq!(fold_label("满意 度指 标"), "满意度指标");
        assert_eq!(fold_label("项目资金 (万元)"), "项目资金(万元)");
        assert_eq!(fold_label("宣传资料制作数 (册)"), "宣传资料制作数(册)");
    }
}
