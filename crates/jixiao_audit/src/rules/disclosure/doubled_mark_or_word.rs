use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    prose::{locate, paragraphs, prose_lines},
    tables::final_forms,
};

declare_rule! {
    /// ## What it does
    /// Flags doubled punctuation (`，，`, `。。`, `，。`, `；。`) and a word written twice in a
    /// row (`预算预算`, `增加增加`, `财政拨款财政拨款`) in the text of a 决算; a paragraph whose
    /// Chinese quotation marks do not pair (more `”` than `“`, or the reverse); and, as info, an
    /// ASCII comma used as Chinese punctuation (`收入,比上年`, `1,298万元,其中` — not the thousands
    /// separator of `1,298`).
    ///
    /// ## Why is this bad?
    /// Both are editing slips; a doubled word often marks a sentence that was half rewritten,
    /// whose figures deserve a second look.
    ///
    /// ## Example
    /// ```text
    /// 事业收入48.3万元，，比上年决算数增加5万元。
    /// ```
    ///
    /// ## How to fix
    /// Delete the duplicate.
    pub struct DoubledMarkOrWord {
        code: "D509",
        severity: Warning,
        family: Disclosure,
        summary: "标点或词语重复",
        summary_en: "Doubled punctuation or word",
        since: "0.1.0",
    }
}

const MARKS: &str = "，。；、：！？";

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
        && !"一二三四五六七八九十百千万亿零两".contains(c)
}

/// (char index, the doubled text) of each slip on `text`.
fn slips(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        if MARKS.contains(chars[i]) && MARKS.contains(chars[i + 1]) {
            out.push((i, chars[i..i + 2].iter().collect()));
            i += 2;
            continue;
        }
        // A word of 2–4 ideographs written twice.
        let mut hit = None;
        for n in (2..=4).rev() {
            if i + 2 * n <= chars.len()
                && chars[i..i + n].iter().all(|c| is_ideograph(*c))
                && chars[i..i + n] == chars[i + n..i + 2 * n]
            {
                hit = Some(n);
                break;
            }
        }
        if let Some(n) = hit {
            out.push((i, chars[i..i + 2 * n].iter().collect()));
            i += 2 * n;
            continue;
        }
        i += 1;
    }
    out
}

/// Char indices of ASCII commas on `text` that stand for a Chinese comma: next to a Chinese
/// character on either side, and not between two digits.
fn ascii_commas(text: &str) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    let cjk = |c: Option<&char>| {
        c.is_some_and(|c| is_ideograph(*c) || "一二三四五六七八九十百千万亿零两".contains(*c))
    };
    (0..chars.len())
        .filter(|&i| chars[i] == ',')
        .filter(|&i| {
            let before = i.checked_sub(1).and_then(|j| chars.get(j));
            let after = chars.get(i + 1);
            let digits =
                before.is_some_and(char::is_ascii_digit) && after.is_some_and(char::is_ascii_digit);
            !digits && (cjk(before) || cjk(after))
        })
        .collect()
}

/// The byte offset of the first unpaired Chinese quotation mark of `text`, if any.
fn unpaired_quote(text: &str) -> Option<usize> {
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '“' => open.push(i),
            '”' if open.pop().is_none() => return Some(i),
            _ => {}
        }
    }
    open.first().copied()
}

impl Rule for DoubledMarkOrWord {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            u.checked();
            for (n, text) in prose_lines(cx, form) {
                for (at, w) in slips(text) {
                    let msg = cx.t(format!("“{w}”重复"), format!("`{w}` is doubled"));
                    u.report(
                        &cx.doc.file,
                        Report {
                            column: Some(at as u32 + 1),
                            stated: Some(w),
                            ..Report::at(n, msg)
                        },
                    );
                }
                for at in ascii_commas(text) {
                    let msg = cx.t(
                        "中文文字间使用了英文逗号“,”，应为“，”",
                        "an ASCII comma `,` is used in Chinese text; use `，`",
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column: Some(at as u32 + 1),
                            stated: Some(",".into()),
                            severity: Some(Severity::Info),
                            ..Report::at(n, msg)
                        },
                    );
                }
            }
            for para in paragraphs(cx, form).iter() {
                if let Some(at) = unpaired_quote(&para.text) {
                    let (line, column) = locate(cx, para, at);
                    let mark = &para.text[at..at + '“'.len_utf8()];
                    let msg = cx.t(
                        format!("引号不成对：本段的“{mark}”没有与之配对的引号"),
                        format!("unbalanced quotes: `{mark}` has no partner in this paragraph"),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some(mark.to_string()),
                            ..Report::at(line, msg)
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
    use super::{ascii_commas, slips, unpaired_quote};

    #[test]
    fn commas_and_quotes() {
        assert_eq!(ascii_commas("收入1,298万元,比上年增加"), [9]);
        assert!(ascii_commas("收入1,298.00万元").is_empty());
        assert_eq!(ascii_commas("基本支出,项目支出").len(), 1);
        assert!(ascii_commas("a,b").is_empty());
        assert_eq!(unpaired_quote("“三公”经费”支出"), Some(18));
        assert_eq!(unpaired_quote("“三公经费支出"), Some(0));
        assert!(unpaired_quote("“三公”经费与“两费”").is_none());
    }

    #[test]
    fn doubled() {
        let w = |s: &str| slips(s).into_iter().map(|x| x.1).collect::<Vec<_>>();
        assert_eq!(w("收入，，比上年"), ["，，"]);
        assert_eq!(w("决算。。"), ["。。"]);
        assert_eq!(w("一般公共预算预算支出"), ["预算预算"]);
        assert_eq!(w("财政拨款财政拨款收入"), ["财政拨款财政拨款"]);
        assert!(w("一般公共服务支出，主要用于…。").is_empty());
        assert!(w("十一、十二").is_empty());
    }
}
