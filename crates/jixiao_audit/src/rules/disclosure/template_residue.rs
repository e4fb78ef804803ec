use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    prose::{form_range, in_table, is_prose, starts_item},
    tables::final_forms,
};

declare_rule! {
    /// ## What it does
    /// Flags text left from the disclosure template: alternatives never resolved (`增加（减少）`,
    /// `增长(下降)`, `增加持平`), an empty reason (`主要原因是：。`, `主要变动情况：` followed by
    /// nothing), a truncated year (`202 年度`, `20  年`, `20年度`) and placeholders (`XX`, `××`,
    /// `待填写`, `请填写`, `待补充`, and the bracketed `（待）`, `（略）`, `[待]`, `[略]` in full- or
    /// half-width brackets).
    ///
    /// ## Why is this bad?
    /// Template residue shows the text was not finished; the statement it sits in says nothing
    /// (which direction? which year? what reason?).
    ///
    /// ## Example
    /// ```text
    /// 事业收入48.3万元，比上年增加（减少）5万元。主要原因是：。
    /// ```
    ///
    /// ## How to fix
    /// Choose the right word, write the reason, complete the year.
    pub struct TemplateResidue {
        code: "D505",
        severity: Warning,
        family: Disclosure,
        summary: "模板残留（未选定的措辞、空白原因、残缺年份、占位符）",
        summary_en: "Template residue (unresolved wording, empty reason, truncated year, placeholder)",
        since: "0.1.0",
    }
}

const ALTERNATIVES: &[&str] = &[
    "增加（减少）",
    "增加(减少)",
    "减少（增加）",
    "减少(增加)",
    "增长（下降）",
    "增长(下降)",
    "下降（增长）",
    "下降(增长)",
    "增加（下降）",
    "增加(下降)",
    "增加持平",
    "减少持平",
    "增长持平",
    "下降持平",
    "待填写",
    "请填写",
    "待补充",
];

/// Bracketed placeholders a drafter leaves for a figure or passage still to come.
const BRACKETED_PLACEHOLDERS: &[&str] = &[
    "（待）",
    "(待)",
    "[待]",
    "［待］",
    "【待】",
    "（略）",
    "(略)",
    "[略]",
    "［略］",
    "【略】",
];

const REASONS: &[&str] = &[
    "主要原因是",
    "主要原因为",
    "主要原因",
    "原因是",
    "主要增减变动情况是",
    "主要增减变动情况",
    "主要变动情况是",
    "主要变动情况",
    "变动原因",
];

/// (byte offset, matched text, zh message, en message) of each residue on `text`; `next` is the
/// following prose line (`None` when the next line is not prose or there is none).
fn residues(text: &str, next: Option<&str>) -> Vec<(usize, String, String, String)> {
    let mut out = Vec::new();
    for w in ALTERNATIVES {
        for (at, _) in text.match_indices(w) {
            out.push((
                at,
                w.to_string(),
                format!("模板残留“{w}”：应写明实际情况"),
                format!("template residue `{w}`: state what actually happened"),
            ));
        }
    }
    for w in BRACKETED_PLACEHOLDERS {
        for (at, _) in text.match_indices(w) {
            out.push((
                at,
                w.to_string(),
                format!("占位符“{w}”未替换"),
                format!("placeholder `{w}` not replaced"),
            ));
        }
    }
    // Placeholders: runs of X / × of length ≥ 2 not inside a Latin word.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let is_x = |c: char| matches!(c, 'X' | 'x' | '×' | 'Ｘ' | 'ｘ');
    let mut k = 0;
    while k < chars.len() {
        if !is_x(chars[k].1) {
            k += 1;
            continue;
        }
        let start = k;
        while k < chars.len() && is_x(chars[k].1) {
            k += 1;
        }
        let before = start.checked_sub(1).map(|i| chars[i].1);
        let after = chars.get(k).map(|c| c.1);
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if k - start >= 2 && !latin(before) && !latin(after) {
            let end = chars.get(k).map_or(text.len(), |c| c.0);
            let w = &text[chars[start].0..end];
            out.push((
                chars[start].0,
                w.to_string(),
                format!("占位符“{w}”未替换"),
                format!("placeholder `{w}` not replaced"),
            ));
        }
    }
    // An empty reason.
    let mut taken = Vec::new();
    for w in REASONS {
        for (at, _) in text.match_indices(w) {
            if taken.iter().any(|&(a, b)| at >= a && at < b) {
                continue;
            }
            taken.push((at, at + w.len()));
            let rest = text[at + w.len()..].trim_start_matches([' ', ':', '：', '是', '为']);
            let empty = match rest.chars().next() {
                Some(c) => "。；;，,）)".contains(c),
                None => next.is_none_or(starts_item),
            };
            if empty {
                out.push((
                    at,
                    w.to_string(),
                    format!("“{w}”后没有内容：原因空白"),
                    format!("nothing follows `{w}`: the reason is blank"),
                ));
            }
        }
    }
    // A truncated year: `202 年`, `20 年`, `20年度`.
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        let digits = &text[i..j];
        let rest = &text[j..];
        let spaced = rest.trim_start_matches([' ', '\u{3000}']);
        let gap = rest.len() > spaced.len();
        let truncated = spaced.starts_with('年')
            && (digits == "202"
                || digits == "201"
                || (digits == "20" && (gap || spaced.starts_with("年度"))));
        if truncated {
            let end = j + (rest.len() - spaced.len()) + '年'.len_utf8();
            let w = &text[i..end];
            out.push((
                i,
                w.to_string(),
                format!("年份“{w}”不完整"),
                format!("truncated year `{w}`"),
            ));
        }
        i = j;
    }
    out.sort();
    out
}

impl Rule for TemplateResidue {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            u.checked();
            let (a, b) = form_range(cx, form);
            let lines: Vec<(u32, &str)> = (a..=b)
                .filter_map(|n| cx.lines.get(n as usize - 1).map(|t| (n, *t)))
                .filter(|(_, t)| is_prose(t))
                .collect();
            for (k, (n, text)) in lines.iter().enumerate() {
                // The next line counts only when it directly follows (blank lines aside) as prose.
                let next = lines
                    .get(k + 1)
                    .filter(|(m, _)| {
                        (n + 1..*m).all(|x| {
                            !in_table(form, x)
                                && cx
                                    .lines
                                    .get(x as usize - 1)
                                    .is_some_and(|l| l.trim().is_empty())
                        })
                    })
                    .map(|l| l.1.trim());
                for (at, w, zh, en) in residues(text, next) {
                    let column = text.get(..at).map(|s| s.chars().count() as u32 + 1);
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some(w),
                            ..Report::at(*n, cx.t(zh, en))
                        },
                    );
                }
            }
            cx.close(u);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::residues;

    fn words(s: &str, next: Option<&str>) -> Vec<String> {
        residues(s, next).into_iter().map(|r| r.1).collect()
    }

    #[test]
    fn residue() {
        assert_eq!(
            words("比上年增加（减少）5万元", Some("x")),
            ["增加（减少）"]
        );
        assert_eq!(words("主要原因是：。", Some("x")), ["主要原因是"]);
        assert_eq!(
            words("主要变动情况：", Some("2. 事业收入")),
            ["主要变动情况"]
        );
        assert!(words("主要变动情况：增加了经费。", None).is_empty());
        assert!(words("主要增减变动情况是：用于购买", Some("保障单位运行")).is_empty());
        assert_eq!(words("202 年度部门决算", None), ["202 年"]);
        assert_eq!(words("20  年度", None), ["20  年"]);
        assert_eq!(words("20年度决算", None), ["20年"]);
        assert!(words("2023年度 部门决算；运行20年；1.20 年", None).is_empty());
        assert_eq!(words("XX单位", None), ["XX"]);
        assert_eq!(words("支出（待）万元，详见[略]", None), ["（待）", "[略]"]);
        assert!(words("待遇支出（含略微调整）", None).is_empty());
        assert!(words("XXL 与 Xbox", None).is_empty());
    }
}
