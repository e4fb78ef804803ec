use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    prose::{report_at_byte, structural_lines},
    tables::final_forms,
};

declare_rule! {
    /// ## What it does
    /// Checks that a 决算 calls itself one thing: the title says `部门决算` or `单位决算`, and
    /// the cover, table of contents and headings (`第二部分：…2024年度单位决算表`) use the same
    /// word. The body text is not checked — a 单位决算 is rightly said to be compiled under the
    /// 部门决算 reporting rules.
    ///
    /// ## Why is this bad?
    /// A 部门决算 consolidates the units of a department, a 单位决算 covers one unit; a title and
    /// headings that disagree leave the reader unsure which scope the tables cover, and usually
    /// mean a template of the other kind was reused.
    ///
    /// ## Example
    /// ```text
    /// 2024年度安澜市档案馆单位决算
    /// …
    /// 第二部分：安澜市档案馆2024年度部门决算表
    /// ```
    ///
    /// ## How to fix
    /// Use the title's word throughout the cover, contents and headings.
    pub struct ScopeWordInconsistent {
        code: "D511",
        severity: Warning,
        family: Disclosure,
        summary: "部门决算与单位决算的称谓不一致",
        summary_en: "The document calls itself both 部门决算 and 单位决算",
        since: "0.2.0",
    }
}

/// The two scope words a 决算 calls itself by.
const SCOPE_WORDS: [&str; 2] = ["部门决算", "单位决算"];

/// The scope word a line uses, if exactly one.
fn scope_word(text: &str) -> Option<&'static str> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let found: Vec<&str> = SCOPE_WORDS
        .iter()
        .copied()
        .filter(|w| t.contains(w))
        .collect();
    match found.as_slice() {
        [w] => Some(w),
        _ => None,
    }
}

impl Rule for ScopeWordInconsistent {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            let lines = structural_lines(cx, form);
            let Some((title_line, title_word)) = lines
                .iter()
                .find_map(|&(n, t)| scope_word(t).map(|w| (n, w)))
            else {
                u.insufficient(cx.t(
                    "标题、目录和各级标题中均未出现“部门决算”或“单位决算”",
                    "neither 部门决算 nor 单位决算 appears in the title, contents or headings",
                ));
                cx.close(u);
                continue;
            };
            u.checked();
            for &(n, text) in &lines {
                let Some(w) = scope_word(text).filter(|w| *w != title_word) else {
                    continue;
                };
                let at = text.find(&w[..3]).unwrap_or(0);
                let msg = cx.t(
                    format!("标题称“{title_word}”（第{title_line}行），此处称“{w}”"),
                    format!("the title says {title_word} (line {title_line}), this line says {w}"),
                );
                let expected = Some(title_word.to_string());
                let r = report_at_byte(n, text, at, msg, w.to_string(), expected);
                u.report(&cx.doc.file, r);
            }
            cx.close(u);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::scope_word;

    #[test]
    fn words() {
        assert_eq!(
            scope_word("第二部分：某馆2024年度部门决算表"),
            Some("部门决算")
        );
        assert_eq!(scope_word("2024年度某馆单位 决算"), Some("单位决算"));
        assert_eq!(scope_word("三、部门决算单位构成"), Some("部门决算"));
        assert_eq!(scope_word("一、收入支出决算总表"), None);
    }
}
