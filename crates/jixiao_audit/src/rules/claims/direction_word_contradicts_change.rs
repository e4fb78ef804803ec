use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

use crate::rules::common::{
    printed_numbers::place,
    prose::{clauses, locate, paragraphs, sentences},
    tables::final_forms,
};

declare_rule! {
    /// ## What it does
    /// Checks the direction words of a change statement against each other and against the
    /// numbers: the word before the amount (增加/减少) and the word before the rate (增长/下降)
    /// must point the same way; a statement that also says 持平 (与上年决算数持平, 与年初预算数
    /// 持平) must have a zero change; and an increase cannot exceed the amount it increased to
    /// (the previous year would be negative). A sentence that says its subject changed with a
    /// direction word but no figure (`减少为0万元`, `有所增加`) and then, in a clause of its own,
    /// that it is 持平 (`与上年持平`) is reported too.
    ///
    /// ## Why is this bad?
    /// A reader takes the direction from the words. `增加50万元，下降10%` or `增加5万元…与上年持平`
    /// cannot both be true; one of them was left over from a template or another line.
    ///
    /// ## Tolerance
    /// None (signs and zero). Reported as a warning: the words, not the arithmetic, are wrong,
    /// and which one is meant needs a reader.
    ///
    /// ## Example
    /// ```text
    /// 事业收入30万元，比上年决算数增加6万元，下降16.7%。
    /// ```
    ///
    /// ## How to fix
    /// Use the direction word the numbers give (增加/增长 for a rise, 减少/下降 for a fall), and
    /// say 持平 only when the change is zero.
    pub struct DirectionWordContradictsChange {
        code: "C403",
        severity: Warning,
        family: Claims,
        summary: "增减方向用词与数字或“持平”相互矛盾",
        summary_en: "Direction words contradict the change or each other",
        since: "0.1.0",
    }
}

impl Rule for DirectionWordContradictsChange {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for c in &cx.doc.claims {
            let flat_marker = match c.kind.as_str() {
                "yoy_change" => "与上年",
                "budget_change" => "与年初预算",
                _ => continue,
            };
            let Some(&change) = c.inputs.get("change") else {
                continue;
            };
            let pct = c.stated.get("growth_pct").copied();
            let amount = c.inputs.get("amount").copied();
            let says_flat = c
                .text
                .find(flat_marker)
                .is_some_and(|i| c.text[i..].contains("持平"));
            if pct.is_none() && amount.is_none() && !says_flat {
                continue;
            }
            let subject = c.subject.clone().unwrap_or_else(|| c.kind.clone());
            let mut u = cx.unit(&Self::META, &subject, c.line, c.line);
            u.checked();
            let dir = |d: jixiao_model::Decimal| {
                if d.is_sign_negative() {
                    cx.t("减少/下降", "decrease")
                } else {
                    cx.t("增加/增长", "increase")
                }
            };
            if let Some(p) = pct {
                if !p.is_zero()
                    && !change.is_zero()
                    && p.is_sign_negative() != change.is_sign_negative()
                {
                    let (line, column, printed) = place(cx, c, p, true);
                    let msg = cx.t(
                        format!(
                            "{subject}: 增减额 {} 为{}，增长率 {printed}% 却为{}",
                            change.abs(),
                            dir(change),
                            dir(p)
                        ),
                        format!(
                            "{subject}: the change {} is an {}, the rate {printed}% a {}",
                            change.abs(),
                            dir(change),
                            dir(p)
                        ),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some(printed),
                            path: Some(c.kind.clone()),
                            ..Report::at(line, msg)
                        },
                    );
                }
            }
            if says_flat && !change.is_zero() {
                let (line, column, printed) = place(cx, c, change, false);
                let msg = cx.t(
                    format!(
                        "{subject}: 称持平，但增减额为 {printed}{}（{}）",
                        c.unit.as_deref().unwrap_or(""),
                        dir(change)
                    ),
                    format!(
                        "{subject}: says 持平 (unchanged), but the change is {printed} ({})",
                        dir(change)
                    ),
                );
                u.report(
                    &cx.doc.file,
                    Report {
                        column,
                        stated: Some(printed),
                        path: Some(c.kind.clone()),
                        ..Report::at(line, msg)
                    },
                );
            }
            if let Some(a) = amount {
                if (a - change).is_sign_negative() && !(a - change).is_zero() {
                    let (line, column, printed) = place(cx, c, change, false);
                    let msg = cx.t(
                        format!(
                            "{subject}: 增加 {printed} 大于本年数 {a}，上年数将为 {}：应为减少，或金额有误",
                            a - change
                        ),
                        format!(
                            "{subject}: an increase of {printed} exceeds the amount {a}; the previous year would be {}",
                            a - change
                        ),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some(printed),
                            path: Some(c.kind.clone()),
                            ..Report::at(line, msg)
                        },
                    );
                }
            }
            cx.close(u);
        }
        for form in final_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            u.checked();
            for para in paragraphs(cx, form).iter() {
                for (off, s) in sentences(&para.text) {
                    let Some((at, word)) = word_then_flat(s) else {
                        continue;
                    };
                    let (line, column) = locate(cx, para, off + at);
                    let msg = cx.t(
                        format!("同一句先说“{word}”，又说“持平”：两者不能同时成立"),
                        format!("the sentence says `{word}` and then `持平` (unchanged): both cannot hold"),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some(word.to_string()),
                            ..Report::at(line, msg)
                        },
                    );
                }
            }
            cx.close(u);
        }
    }
}

/// Direction words of a change.
const DIRECTION_WORDS: &[&str] = &["增加", "减少", "增长", "下降", "上升", "降低"];

/// Words a subjectless comparison clause begins with (`与上年持平`, `同上年持平`).
const COMPARISON_LEADS: &[&str] = &["与", "同", "和", "较", "跟"];

/// A sentence whose subject is said to change by a direction word with no figure of change
/// (`减少为0万元`, `有所减少`), then, in a subjectless clause, to be 持平 (`与上年持平`): the
/// byte offset of the 持平 clause and the direction word.
fn word_then_flat(s: &str) -> Option<(usize, &'static str)> {
    let mut word: Option<&'static str> = None;
    for (here, clause) in clauses(s) {
        let c = clause.trim();
        if c.contains("持平") && COMPARISON_LEADS.iter().any(|l| c.starts_with(l)) {
            if let Some(w) = word {
                return Some((here, w));
            }
            continue;
        }
        // The clause's own direction word, when no figure of change follows it.
        word = DIRECTION_WORDS.iter().copied().find(|w| {
            c.match_indices(w).any(|(i, _)| {
                let rest = c[i + w.len()..].trim_start_matches(['了', ' ']);
                !rest.starts_with(|ch: char| ch.is_ascii_digit() || "持平".starts_with(ch))
                    && !c[..i].ends_with('增')
            })
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::word_then_flat;

    #[test]
    fn number_free_contradiction() {
        let w = |s: &str| word_then_flat(s).map(|x| x.1);
        assert_eq!(w("公务接待费支出决算减少为0万元，与上年持平"), Some("减少"));
        assert_eq!(w("经费有所增加，与年初预算持平"), Some("增加"));
        assert_eq!(w("比上年减少2万元，与年初预算持平"), None);
        assert_eq!(w("事业收入减少，经营收入与上年持平"), None);
        assert_eq!(w("增减持平，与上年持平"), None);
    }
}
