use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common;
use jixiao_model::Decimal;

use crate::rules::common::{
    completion,
    prose::{locate, paragraphs, starts_item},
    tables::final_forms,
};

declare_rule! {
    /// ## What it does
    /// Flags a year-on-year or budget change (`比上年…增加/减少 X`, `比年初预算…增长/下降 X`,
    /// X ≠ 0) stated without a reason in the same paragraph (`主要原因`, `主要变动情况`, `主要是`,
    /// `原因是`, `主要用于`, `由于` …). A reason paragraph that follows before the next heading
    /// (`…大于上年决算数的主要情况：…`) counts too. A budget-completion item (`年初预算为A万元，支出
    /// 决算为B万元，完成年初预算的Y%`) whose Y is not 100 % (or, with no Y, whose B differs from A)
    /// must give its reason too (`决算数小于年初预算数的主要原因是…`).
    ///
    /// ## Why is this bad?
    /// The 情况说明 exists to explain changes; a change without its reason is the most common gap
    /// reviewers list.
    ///
    /// ## Example
    /// ```text
    /// 4. 其他收入6.1万元，比上年决算数增加6.1万元，增长--（基数为0，不可比）。
    /// ```
    ///
    /// ## How to fix
    /// Add the reason (`主要变动情况：…`).
    pub struct ChangeWithoutReason {
        code: "D506",
        severity: Warning,
        family: Disclosure,
        summary: "增减变动未说明原因",
        summary_en: "Change stated without its reason",
        since: "0.1.0",
    }
}

const COMPARED: &[&str] = &[
    "比上年",
    "较上年",
    "比年初",
    "较年初",
    "上年相比",
    "上年度相比",
    "比去年",
    "较去年",
    "比上一年",
    "较上一年",
];
const MOVES: &[&str] = &["增加", "减少", "增长", "下降"];
const REASONS: &[&str] = &[
    "原因",
    "变动情况",
    "主要是",
    "主要用于",
    "主要情况",
    "由于",
    "用于",
];

/// Byte offsets of the changes stated in `text` with a non-zero amount: after each
/// comparison (`比上年…`), the first `增加/减少/增长/下降` with a number in the same sentence.
fn changes(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (start, sentence) in common::prose::sentences(text) {
        for c in COMPARED {
            for (at, _) in sentence.match_indices(c) {
                let from = at + c.len();
                let hit = MOVES
                    .iter()
                    .filter_map(|w| sentence[from..].find(w).map(|i| (from + i, w.len())))
                    .min();
                let Some((m, len)) = hit else { continue };
                let rest = sentence[m + len..].trim_start();
                if !rest.starts_with(|c: char| c.is_ascii_digit()) {
                    continue;
                }
                match jixiao_text::parse_number_prefix(rest) {
                    Some((v, _)) if !v.is_zero() => out.push(start + m),
                    _ => {}
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn has_reason(text: &str) -> bool {
    REASONS.iter().any(|r| text.contains(r))
}

impl Rule for ChangeWithoutReason {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            let paras = paragraphs(cx, form);
            let mut any = false;
            for (i, p) in paras.iter().enumerate() {
                let found = changes(&p.text);
                let Some(&first) = found.first() else {
                    continue;
                };
                any = true;
                u.checked();
                if has_reason(&p.text) {
                    continue;
                }
                // A reason paragraph before the next heading or list item.
                let later = paras[i + 1..]
                    .iter()
                    .take_while(|q| !starts_item(&q.text))
                    .any(|q| q.text.contains("上年") && has_reason(&q.text));
                if later {
                    continue;
                }
                let (line, column) = locate(cx, p, first);
                let what: String = p.text[first..].chars().take(24).collect();
                let msg = cx.t(
                    format!("“{what}…”：增减变动未说明原因（本段共 {} 处变动）", found.len()),
                    format!("`{what}…`: the change is stated without a reason ({} change(s) in the paragraph)", found.len()),
                );
                u.report(
                    &cx.doc.file,
                    Report {
                        column,
                        ..Report::at(line, msg)
                    },
                );
            }
            // Budget-completion items (`完成年初预算的93.6%`) off 100 % without a reason.
            for item in completion::items(cx, form) {
                let (Some(a), Some(b)) = (&item.budget, &item.actual) else {
                    continue;
                };
                any = true;
                u.checked();
                let off = item
                    .rate
                    .as_ref()
                    .map_or(a.value != b.value, |r| r.value != Decimal::ONE_HUNDRED);
                if !off || item.reason {
                    continue;
                }
                let at = item.rate.as_ref().unwrap_or(b);
                let shown = item
                    .rate
                    .as_ref()
                    .map_or_else(|| b.text.clone(), |r| format!("{}%", r.text));
                let msg = cx.t(
                    format!("预算完成情况（{shown}）偏离年初预算，未说明原因"),
                    format!("the budget completion ({shown}) is off the budget without a reason"),
                );
                u.report(
                    &cx.doc.file,
                    Report {
                        column: at.column,
                        stated: Some(shown),
                        ..Report::at(at.line, msg)
                    },
                );
            }
            if !any {
                u.not_applicable(cx.t(
                    "说明中没有增减变动的陈述",
                    "the prose states no year-on-year or budget change",
                ));
            }
            cx.close(u);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::changes;

    #[test]
    fn change_statements() {
        assert_eq!(
            changes("收入5万元，比上年决算数增加5万元，增长10%").len(),
            1
        );
        assert!(changes("收入0万元，比上年决算数增加0万元，增长--").is_empty());
        assert!(changes("零售额同比增长9.3%").is_empty());
        assert!(changes("增加了经费").is_empty());
    }
}
