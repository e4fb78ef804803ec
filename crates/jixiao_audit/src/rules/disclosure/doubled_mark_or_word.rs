use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{prose::prose_lines, tables::final_forms};

declare_rule! {
    /// ## What it does
    /// Flags doubled punctuation (`，，`, `。。`, `，。`, `；。`) and a word written twice in a
    /// row (`预算预算`, `增加增加`, `财政拨款财政拨款`) in the text of a 决算.
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
            }
            cx.close(u);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::slips;

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
