use std::collections::BTreeMap;

use jixiao_model::Decimal;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Related;
use crate::registry::{Meta, Rule};

use crate::rules::common::{
    printed_numbers::find_printed,
    sections::{final_accounts_at, norm},
};

declare_rule! {
    /// ## What it does
    /// Finds a change the narrative states more than once for the same subject with different
    /// values: the change on the previous year (`比上年决算数减少1.7万元`, with `与上年决算数持平`
    /// counting as a change of 0) or on the initial budget (`比年初预算数增加…`), e.g. in the
    /// 三公 total paragraph and again in the item's own paragraph, or in the overview and again
    /// in the 财政拨款 section. (A current-year amount stated twice differently is D507's.)
    ///
    /// ## Why is this bad?
    /// One change cannot have two values, and the growth rates built on them cannot both be
    /// right; the reader cannot tell which statement to believe.
    ///
    /// ## Tolerance
    /// None: two printings of the same figure must be equal (prose may drop trailing zeros).
    /// Subjects are compared after folding full-width forms and quotation marks; a change on
    /// the previous year is never compared with a change on the initial budget.
    ///
    /// ## Example
    /// ```text
    /// …公务接待费支出决算为2.4万元，完成预算3万元的80%，比上年决算数减少1.7万元，下降41.5%。
    /// 3. 公务接待费支出2.4万元，比上年决算数减少1.2万元，主要用于…
    /// ```
    ///
    /// ## How to fix
    /// Make every statement of the change give the same value.
    pub struct ChangeRestatedDifferently {
        code: "C410",
        severity: Error,
        family: Claims,
        summary: "同一项目的增减额在文字说明中前后不一致",
        summary_en: "The same subject's change is stated with different values",
        since: "0.1.0",
    }
}

/// One statement of a change: line, column, printed text, value, unit, said 持平.
type Statement = (u32, Option<u32>, String, Decimal, Option<String>);

impl Rule for ChangeRestatedDifferently {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        // (form start, measure, subject) → (subject as printed, statements).
        let mut groups: BTreeMap<(u32, &'static str, String), (String, Vec<Statement>)> =
            BTreeMap::new();
        for c in &cx.doc.claims {
            let measure = match c.kind.as_str() {
                "yoy_change" | "flat" => "yoy",
                "budget_change" => "budget",
                _ => continue,
            };
            let Some(fa) = final_accounts_at(cx, c.line) else {
                continue;
            };
            let Some(subject) = c.subject.as_deref() else {
                continue;
            };
            let Some(&change) = c.inputs.get("change").or_else(|| c.stated.get("change")) else {
                continue;
            };
            let key = norm(subject);
            if key.chars().count() < 3 {
                continue;
            }
            let printed = if c.inputs.contains_key("change") {
                find_printed(cx, c.line, Some(subject), change, false)
            } else {
                None
            };
            let (line, column, text) = match printed {
                Some(p) => (p.line, Some(p.column), p.text),
                None if !c.inputs.contains_key("change") => (c.line, None, "持平".to_string()),
                None => (c.line, None, change.to_string()),
            };
            let e = groups
                .entry((fa.line_start, measure, key))
                .or_insert_with(|| (subject.to_string(), Vec::new()));
            e.1.push((line, column, text, change, c.unit.clone()));
        }
        for ((_, measure, _), (subject, list)) in groups {
            if list.len() < 2 {
                continue;
            }
            let first = list[0].clone();
            let last = list.iter().map(|s| s.0).max().unwrap_or(first.0);
            let mut u = cx.unit(&Self::META, &subject, first.0, last);
            let what = if measure == "yoy" {
                cx.t("比上年增减额", "change on the previous year")
            } else {
                cx.t("比年初预算增减额", "change on the initial budget")
            };
            for s in &list[1..] {
                u.checked();
                if s.3 == first.3 || (s.4 != first.4 && !s.3.is_zero() && !first.3.is_zero()) {
                    continue;
                }
                let msg = cx.t(
                    format!(
                        "{subject}: {what}此处为 {}，第 {} 行为 {}",
                        signed(&s.2, s.3),
                        first.0,
                        signed(&first.2, first.3)
                    ),
                    format!(
                        "{subject}: {what} stated here as {}, on line {} as {}",
                        signed(&s.2, s.3),
                        first.0,
                        signed(&first.2, first.3)
                    ),
                );
                u.report(
                    &cx.doc.file,
                    Report {
                        column: s.1,
                        stated: Some(s.2.clone()),
                        expected: Some(first.2.clone()),
                        related: vec![Related {
                            file: cx.doc.file.clone(),
                            line: first.0,
                            column: first.1,
                            message: format!("{subject} {}", signed(&first.2, first.3)),
                        }],
                        ..Report::at(s.0, msg)
                    },
                );
            }
            cx.close(u);
        }
    }
}

/// A printed change with its direction: `−1.7`, `+3.6`, `持平`.
fn signed(text: &str, v: Decimal) -> String {
    if v.is_zero() {
        if text == "持平" {
            text.to_string()
        } else {
            format!("{text}（持平）")
        }
    } else if v.is_sign_negative() {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}
