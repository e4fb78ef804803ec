use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{prose::prose_lines, tables::final_forms};

declare_rule! {
    /// ## What it does
    /// Flags a share stated without its percent sign: `占`, `占比`, `比重` or `比例` followed (in
    /// the same clause) by a number that is not followed by `%`, `％`, `‰` or `个百分点`.
    /// Numbers followed by a unit (`占地2.5平方米`, `占用资金3万元`, `1:2`) are not shares and
    /// are left alone; `百分之…` is accepted.
    ///
    /// ## Why is this bad?
    /// `占76.23` could be a percentage, an amount or a count; the reader has to guess, and a
    /// checker cannot verify it.
    ///
    /// ## Example
    /// ```text
    /// 农林水支出2,249.2万元，占89.65；
    /// ```
    ///
    /// ## How to fix
    /// Add the percent sign (`占89.65%`).
    pub struct PercentSignMissing {
        code: "D504",
        severity: Warning,
        family: Disclosure,
        summary: "占比数字缺少百分号",
        summary_en: "Share stated without a percent sign",
        since: "0.1.0",
    }
}

/// Words after a number that make it something other than a share.
const UNITS: &[&str] = &[
    "万元",
    "亿元",
    "元",
    "平方米",
    "平方公里",
    "公顷",
    "亩",
    "人",
    "个",
    "辆",
    "家",
    "项",
    "次",
    "台",
    "套",
    "户",
    "名",
    "倍",
    "米",
    "公里",
    "千米",
    "吨",
    "年",
    "月",
    "日",
    "天",
    "张",
    "件",
    "所",
    "处",
    "间",
    "栋",
    "层",
    "条",
    "份",
    "本",
    "册",
    "篇",
    "场",
    "批",
    ":",
    "：",
    "/",
    "比",
    "∶",
];

/// Characters ending the clause a share must be stated in.
fn ends_clause(c: char) -> bool {
    "，。；;,、！？!?（(".contains(c)
}

/// The byte offset and printed text of a share number missing its percent sign, for each
/// share word on `text`; `next` is the following prose line (a `%` may have wrapped onto it).
fn missing_percent(text: &str, next: Option<&str>) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let trigger = if rest.starts_with('占') {
            let after = &rest['占'.len_utf8()..];
            if after.starts_with(['地', '用', '有', '据', '领', '满', '线', '位']) {
                None
            } else {
                Some('占'.len_utf8())
            }
        } else if rest.starts_with("比重") || rest.starts_with("比例") {
            Some("比重".len())
        } else {
            None
        };
        let Some(skip) = trigger else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut j = i + skip;
        let mut seen = 0;
        let mut found = None;
        while j < text.len() && seen < 25 {
            let c = text[j..].chars().next().unwrap_or(' ');
            if ends_clause(c) {
                break;
            }
            if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                found = Some(j);
                break;
            }
            j += c.len_utf8();
            seen += 1;
        }
        i += skip;
        let Some(at) = found else { continue };
        if text[i..at].contains("百分之") {
            continue;
        }
        let Some((_, len)) = jixiao_text::parse_number_prefix(&text[at..]) else {
            continue;
        };
        let after = &text[at + len..];
        let tail = after.trim_start();
        let ok = |t: &str| {
            t.starts_with(['%', '％', '‰'])
                || t.starts_with("个百分点")
                || t.starts_with("百分点")
                || UNITS.iter().any(|u| t.starts_with(u))
                || t.starts_with(|c: char| c.is_ascii_digit())
        };
        let fine = if tail.is_empty() {
            next.is_some_and(|n| ok(n.trim_start()))
        } else {
            ok(tail)
        };
        if !fine {
            out.push((at, text[at..at + len].to_string()));
        }
        i = at + len;
    }
    out
}

impl Rule for PercentSignMissing {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            let lines = prose_lines(cx, form);
            u.checked();
            for (k, (n, text)) in lines.iter().enumerate() {
                let next = lines.get(k + 1).map(|l| l.1);
                for (at, num) in missing_percent(text, next) {
                    let column = text.get(..at).map(|s| s.chars().count() as u32 + 1);
                    let msg = cx.t(
                        format!("占比数字 {num} 后缺少百分号（%）"),
                        format!("the share {num} has no percent sign"),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some(num.clone()),
                            expected: Some(format!("{num}%")),
                            ..Report::at(*n, msg)
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
    use super::missing_percent;

    #[test]
    fn shares() {
        let m = |s: &str| {
            missing_percent(s, None)
                .into_iter()
                .map(|x| x.1)
                .collect::<Vec<_>>()
        };
        assert_eq!(m("城乡社区支出15,411.43万元，占76.23；"), ["76.23"]);
        assert!(m("占95.7%；").is_empty());
        assert!(m("占政府采购支出总额的77.3%").is_empty());
        assert!(m("该项目占地面积为2.5平方米").is_empty());
        assert!(m("占用资金76.23万元").is_empty());
        assert!(m("比上年提高占比2个百分点").is_empty());
        assert!(m("占百分之七十六").is_empty());
        assert_eq!(m("支出比重为12.5。"), ["12.5"]);
        assert!(m("比例为1:2").is_empty());
        assert_eq!(m("占120"), ["120"]);
        assert!(missing_percent("占95.7", Some("%，其余…")).is_empty());
    }
}
