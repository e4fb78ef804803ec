//! Figures: the amounts the narrative of a final account states, with their subjects.

use jixiao_model::{Decimal, Form, FormKind};

use crate::checker::Checker;

use super::binding::Measure;
use super::printed_numbers::{find_printed, find_printed_after, numbers_in};
use super::sections::{final_accounts_at, norm, section_at, strip_enumerator, Section, CN_NUM};

/// An amount stated in the narrative of a final account.
#[derive(Clone, Debug)]
pub(crate) struct Figure<'c> {
    pub fa: &'c Form,
    pub line: u32,
    pub column: Option<u32>,
    /// As printed.
    pub text: String,
    pub subject: String,
    pub value: Decimal,
    pub unit: Option<String>,
    pub measure: Measure,
    pub section: Section,
}

/// Every amount the narrative of a final account states about a named subject: the heads of
/// the parsed claims (amount, actual, budget of a 三公 completion, the total of an itemised
/// sum) and plain statements (`总收入1,298万元`, `公务接待费支出1.2万元`) read here, each with its
/// subject (the phrase since the last clause boundary). Project sentences are left to C409.
pub(crate) fn figures<'c>(cx: &'c Checker) -> Vec<Figure<'c>> {
    let mut out: Vec<Figure> = Vec::new();
    for c in &cx.doc.claims {
        let Some(fa) = final_accounts_at(cx, c.line) else {
            continue;
        };
        let Some(subject) = c.subject.as_deref() else {
            continue;
        };
        let sec = section_at(cx, fa, c.line);
        let mut push = |key: &str, measure: Measure| {
            if let Some(&v) = c.inputs.get(key) {
                let (line, column, text) = match find_printed(cx, c.line, Some(subject), v, false) {
                    Some(p) => (p.line, Some(p.column), p.text),
                    None => (c.line, None, v.to_string()),
                };
                out.push(Figure {
                    fa,
                    line,
                    column,
                    text,
                    subject: subject.to_string(),
                    value: v,
                    unit: c.unit.clone(),
                    measure,
                    section: sec,
                });
            }
        };
        match c.kind.as_str() {
            "yoy_change" | "flat" | "budget_change" | "share" => push("amount", Measure::Actual),
            "budget_completion" => {
                push("actual", Measure::Actual);
                if let Some(&b) = c.inputs.get("budget") {
                    // The budget is printed after `完成` (`完成全年预算10万元的60%`).
                    let (line, column, text) =
                        match find_printed_after(cx, c.line, &[subject, "完成"], b, false) {
                            Some(p) => (p.line, Some(p.column), p.text),
                            None => (c.line, None, b.to_string()),
                        };
                    out.push(Figure {
                        fa,
                        line,
                        column,
                        text,
                        subject: subject.to_string(),
                        value: b,
                        unit: c.unit.clone(),
                        measure: Measure::Budget,
                        section: sec,
                    });
                }
            }
            "sum" => push("total", Measure::Actual),
            _ => {}
        }
    }
    // Plain statements outside the tables.
    for fa in cx
        .doc
        .forms
        .iter()
        .filter(|f| f.kind == FormKind::FinalAccounts)
    {
        for line in fa.line_start..=fa.line_end {
            if fa
                .tables
                .iter()
                .any(|t| t.line_start <= line && line <= t.line_end)
            {
                continue;
            }
            let Some(text) = cx.lines.get(line as usize - 1) else {
                continue;
            };
            if text.contains('\t') || !text.contains('元') {
                continue;
            }
            for (b, v, printed, pct) in numbers_in(text) {
                if pct {
                    continue;
                }
                let rest = text[b + printed.len()..].trim_start_matches([' ', '\u{3000}']);
                let Some(unit) = ["万元", "亿元", "千元", "元"]
                    .into_iter()
                    .find(|u| rest.starts_with(u))
                else {
                    continue;
                };
                let Some(subject) = subject_before(&text[..b]) else {
                    continue;
                };
                if out
                    .iter()
                    .any(|f| f.line == line && f.value == v && norm(&f.subject) == norm(&subject))
                {
                    continue;
                }
                out.push(Figure {
                    fa,
                    line,
                    column: Some(text[..b].chars().count() as u32 + 1),
                    text: printed,
                    subject,
                    value: v,
                    unit: Some(unit.to_string()),
                    measure: Measure::Actual,
                    section: section_at(cx, fa, line),
                });
            }
        }
    }
    out
}

/// The subject of an amount printed right after `head`: the phrase since the last clause
/// boundary, without enumerators, the leading `2024年度` (and what precedes it), `本单位`, and
/// trailing verbs (`为`, `决算为`); `…费支出` becomes `…费`.
fn subject_before(head: &str) -> Option<String> {
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '、'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut t = head[start..].trim();
    loop {
        let before = t.len();
        t = strip_enumerator(t).0;
        if let Some(r) = t.strip_prefix(['（', '(']) {
            let n = r.trim_start_matches(|c| CN_NUM.contains(c));
            if n.len() < r.len() {
                if let Some(r) = n.strip_prefix(['）', ')']) {
                    t = r;
                }
            }
        }
        for p in ["其中", "具体情况"] {
            if let Some(r) = t.strip_prefix(p) {
                t = r;
            }
        }
        if t.len() == before {
            break;
        }
    }
    if let Some(i) = t.rfind("年度") {
        t = &t[i + "年度".len()..];
    }
    for p in ["本单位", "我单位", "本部门", "我部门"] {
        if let Some(r) = t.strip_prefix(p) {
            t = r;
        }
    }
    loop {
        let before = t.len();
        for s in ["为", "是", "达", "共计", "共", "约", "决算数", "决算"] {
            if let Some(r) = t.strip_suffix(s) {
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
    fn subjects() {
        assert_eq!(
            subject_before("某馆2024年度总收入").as_deref(),
            Some("总收入")
        );
        assert_eq!(
            subject_before("某馆2024年度总收入1,298万元，其中本年收入").as_deref(),
            Some("本年收入")
        );
        assert_eq!(
            subject_before("1. 因公出国（境）费支出决算为").as_deref(),
            Some("因公出国（境）费")
        );
    }
}
