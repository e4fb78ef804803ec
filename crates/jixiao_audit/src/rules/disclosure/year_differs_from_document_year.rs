use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    prose::{report_at_byte, structural_lines},
    tables::final_forms,
};

declare_rule! {
    /// ## What it does
    /// Finds the year the 决算 is about — the year most often printed as `20XX年度` in its title,
    /// cover, table of contents and headings — and flags any of those lines that prints
    /// another year (`第三部分：…2023年度部门决算情况说明` in a 2024 document). A line that
    /// compares with another year (`上年`, `同比`, `较…`, `比…`, `相比`) is left alone; when two
    /// years are printed equally often the document year is unknown (insufficient data).
    ///
    /// ## Why is this bad?
    /// A wrong year in a title or heading is the mark of a template carried over from the
    /// previous year; the reader cannot tell whether the part under it was updated.
    ///
    /// ## Example
    /// ```text
    /// 2024年度安澜市档案馆部门决算
    /// …
    /// 第三部分：安澜市档案馆2023年度部门决算情况说明
    /// ```
    ///
    /// ## How to fix
    /// Print the document's year in every title and heading.
    pub struct YearDiffersFromDocumentYear {
        code: "D512",
        severity: Warning,
        family: Disclosure,
        summary: "封面、目录或标题中的年度与决算年度不一致",
        summary_en: "A title, cover or contents line prints another year than the document's",
        since: "0.2.0",
    }
}

/// Words that make a line compare with another year rather than name its own.
const COMPARISON_WORDS: &[&str] = &[
    "上年",
    "上一年",
    "同比",
    "较",
    "比",
    "相比",
    "以前年度",
    "对比",
];

/// (byte offset, year) of each `20XX年度` (spaces allowed before 年度) on `text`.
fn years(text: &str) -> Vec<(usize, u32)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in 0..b.len().saturating_sub(3) {
        let four = &b[i..i + 4];
        if !(four.starts_with(b"20") && four.iter().all(u8::is_ascii_digit)) {
            continue;
        }
        if (i > 0 && b[i - 1].is_ascii_digit()) || b.get(i + 4).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let rest = text[i + 4..].trim_start_matches([' ', '\u{3000}']);
        if rest.starts_with("年度") {
            out.push((i, text[i..i + 4].parse().unwrap_or(0)));
        }
    }
    out
}

impl Rule for YearDiffersFromDocumentYear {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            let lines = structural_lines(cx, form);
            let mut tally: std::collections::BTreeMap<u32, usize> = Default::default();
            for (_, t) in &lines {
                for (_, y) in years(t) {
                    *tally.entry(y).or_default() += 1;
                }
            }
            let best = tally.values().copied().max().unwrap_or(0);
            let top: Vec<u32> = tally
                .iter()
                .filter(|(_, &c)| c == best)
                .map(|(&y, _)| y)
                .collect();
            let [year] = top.as_slice() else {
                u.insufficient(cx.t(
                    "标题、目录和各级标题中无唯一占多数的“20XX年度”",
                    "no single `20XX年度` prevails in the title, contents and headings",
                ));
                cx.close(u);
                continue;
            };
            u.checked();
            for &(n, text) in &lines {
                if COMPARISON_WORDS.iter().any(|w| text.contains(w)) {
                    continue;
                }
                for (at, y) in years(text).into_iter().filter(|(_, y)| y != year) {
                    let msg = cx.t(
                        format!("此处为{y}年度，而本决算为{year}年度"),
                        format!("this line says {y}, the document is for {year}"),
                    );
                    let expected = Some(format!("{year}年度"));
                    let r = report_at_byte(n, text, at, msg, format!("{y}年度"), expected);
                    u.report(&cx.doc.file, r);
                }
            }
            cx.close(u);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{years, COMPARISON_WORDS};

    #[test]
    fn comparison_lines() {
        let compares = |t: &str| COMPARISON_WORDS.iter().any(|w| t.contains(w));
        assert!(compares("五、2024年度与2023年度相比的主要变化"));
        assert!(!compares("第三部分：某馆2023年度部门决算情况说明"));
    }

    #[test]
    fn read_years() {
        assert_eq!(years("第三部分：某馆2023年度 部门决算"), [(21, 2023)]);
        assert_eq!(years("2024 年度与2023年度"), [(0, 2024), (14, 2023)]);
        assert!(years("12024年度，2024年，202年度").is_empty());
    }
}
