//! Budget-completion items of the 一般公共预算 narrative in the form several regions print for
//! each 类/款/项: `年初预算为A万元，支出决算为B万元，完成年初预算的Y%。决算数大于年初预算数的主要
//! 原因是……`, often opened by the item's amount (`档案馆（项）470万元。`). The words are named
//! lists here; the rules that use the items are C412 and D506.

use jixiao_model::{Decimal, Form};
use jixiao_parse::prose::{amounts_in, numbers_in, sentences, Amount};

use crate::checker::Checker;

use super::prose::{clauses, locate, paragraphs, Para};

/// What precedes the budget amount of an item (`年初预算为A万元`).
pub(crate) const BUDGET_LEADS: &[&str] = &[
    "年初预算为",
    "年初预算数为",
    "调整预算为",
    "调整预算数为",
    "全年预算为",
    "全年预算数为",
];

/// The kinds of budget an item may name (`年初预算为`, `完成调整预算的`): a rate must be on the
/// budget the item states.
pub(crate) const BUDGET_KINDS: &[&str] = &["年初", "调整", "全年"];

/// The budget kind a phrase names, if any.
pub(crate) fn budget_kind(phrase: &str) -> Option<&'static str> {
    BUDGET_KINDS.iter().copied().find(|k| phrase.contains(k))
}

/// What precedes the actual amount of an item (`支出决算为B万元`).
pub(crate) const ACTUAL_LEADS: &[&str] = &["支出决算为", "支出决算数为", "决算数为", "决算为"];

/// How a clause compares the 决算 with the 年初预算 (`决算数大于年初预算数`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Comparison {
    Greater,
    Less,
    Equal,
}

/// The comparison words, each with what it asserts of the 决算 against the 预算.
pub(crate) const COMPARISON_WORDS: &[(&str, Comparison)] = &[
    ("大于", Comparison::Greater),
    ("高于", Comparison::Greater),
    ("超出", Comparison::Greater),
    ("超过", Comparison::Greater),
    ("多于", Comparison::Greater),
    ("小于", Comparison::Less),
    ("低于", Comparison::Less),
    ("少于", Comparison::Less),
    ("等于", Comparison::Equal),
    ("持平", Comparison::Equal),
    ("一致", Comparison::Equal),
    ("相等", Comparison::Equal),
];

/// Words of a project's execution sentence (`执行数为330.4万元，完成预算的100%`), C407's.
pub(crate) const EXECUTION_WORDS: &[&str] = &["执行数", "执行金额", "执行率"];

/// Words that give a reason for a difference between budget and actual.
pub(crate) const REASON_WORDS: &[&str] = &["原因", "主要是", "由于", "因为", "主要用于"];

/// A printed figure of an item, with its place.
#[derive(Clone, Debug)]
pub(crate) struct Printed {
    pub value: Decimal,
    pub text: String,
    pub unit: Option<&'static str>,
    pub line: u32,
    pub column: Option<u32>,
}

/// One budget-completion item.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    /// The item's text up to its first figure (its 类/款/项 name when printed).
    pub head: String,
    /// First line of the item.
    pub line: u32,
    /// Last line of the item.
    pub end_line: u32,
    /// An amount the item opens with, before the budget and actual (`档案馆（项）470万元`).
    pub opening: Option<Printed>,
    pub budget: Option<Printed>,
    pub actual: Option<Printed>,
    /// The stated completion percentage (`完成年初预算的Y%`).
    pub rate: Option<Printed>,
    /// The budget kinds the budget lead and the rate phrase name (`年初`, `调整`, `全年`).
    pub budget_kind: Option<&'static str>,
    pub rate_kind: Option<&'static str>,
    /// The comparison word and where it is printed.
    pub comparison: Option<(Comparison, &'static str, Printed)>,
    /// The item gives a reason ([`REASON_WORDS`]).
    pub reason: bool,
    /// The item states an execution figure (`执行数为`): a project's self-evaluation sentence,
    /// read by C407, not a completion item.
    pub execution: bool,
}

fn ends_with_any(head: &str, leads: &[&str]) -> bool {
    let h = head.trim_end_matches([' ', '\u{3000}']);
    leads.iter().any(|l| h.ends_with(l))
}

/// True when the text before a percentage reads `完成…预算(数)的` with no figure in between.
fn is_completion_rate(head: &str) -> bool {
    let Some(i) = head.rfind("完成") else {
        return false;
    };
    let phrase = &head[i..];
    phrase.ends_with('的')
        && phrase.contains("预算")
        && phrase.chars().count() <= 12
        && !phrase.chars().any(|c| c.is_ascii_digit())
}

/// Every budget-completion item of `form`'s narrative: a run of sentences holding a budget
/// amount after one of [`BUDGET_LEADS`]; a new item begins at a sentence that starts a list
/// item or names a 类/款/项, or that restates a budget when the current one has one.
pub(crate) fn items(cx: &Checker, form: &Form) -> Vec<Item> {
    let mut out = Vec::new();
    for para in paragraphs(cx, form).iter() {
        if !BUDGET_LEADS.iter().any(|l| para.text.contains(l)) {
            continue;
        }
        let mut cur: Option<Item> = None;
        for (off, s) in sentences(&para.text) {
            let names_level = ["（类）", "（款）", "（项）", "(类)", "(款)", "(项)"]
                .iter()
                .any(|m| s.contains(m));
            let has_budget = BUDGET_LEADS.iter().any(|l| s.contains(l));
            let restarts = cur.as_ref().is_some_and(|c| {
                (names_level && c.budget.is_some()) || (has_budget && c.budget.is_some())
            });
            if restarts || cur.is_none() {
                if let Some(c) = cur.take() {
                    out.push(c);
                }
                let (line, _) = locate(cx, para, off);
                cur = Some(Item {
                    head: String::new(),
                    line,
                    end_line: line,
                    opening: None,
                    budget: None,
                    actual: None,
                    rate: None,
                    comparison: None,
                    reason: false,
                    execution: false,
                    budget_kind: None,
                    rate_kind: None,
                });
            }
            if let Some(c) = cur.as_mut() {
                read_sentence(cx, para, off, s, c);
            }
        }
        out.extend(cur);
    }
    out.retain(|c| c.budget.is_some() && !c.execution);
    out
}

fn printed(cx: &Checker, para: &Para, off: usize, a: &Amount) -> Printed {
    let (line, column) = locate(cx, para, off + a.at);
    Printed {
        value: a.value,
        text: a.printed.clone(),
        unit: Some(a.unit),
        line,
        column,
    }
}

fn read_sentence(cx: &Checker, para: &Para, off: usize, s: &str, c: &mut Item) {
    let (end, _) = locate(cx, para, off + s.len().saturating_sub(1));
    c.end_line = c.end_line.max(end);
    if REASON_WORDS.iter().any(|w| s.contains(w)) {
        c.reason = true;
    }
    if EXECUTION_WORDS.iter().any(|w| s.contains(w)) {
        c.execution = true;
    }
    for a in amounts_in(s) {
        let head = &s[..a.at];
        if ends_with_any(head, BUDGET_LEADS) {
            if c.budget.is_none() {
                c.budget_kind = BUDGET_LEADS
                    .iter()
                    .find(|l| head.trim_end().ends_with(*l))
                    .and_then(|l| budget_kind(l));
            }
            c.budget.get_or_insert_with(|| printed(cx, para, off, &a));
        } else if ends_with_any(head, ACTUAL_LEADS) {
            c.actual.get_or_insert_with(|| printed(cx, para, off, &a));
        } else if c.budget.is_none() && c.actual.is_none() && c.opening.is_none() {
            if c.head.is_empty() {
                c.head = head.to_string();
            }
            c.opening = Some(printed(cx, para, off, &a));
        }
    }
    if c.head.is_empty() {
        let first = BUDGET_LEADS
            .iter()
            .filter_map(|l| s.find(l))
            .min()
            .unwrap_or(s.len());
        c.head = s[..first].to_string();
    }
    for n in numbers_in(s).into_iter().filter(|n| n.pct) {
        if c.rate.is_none() && is_completion_rate(&s[..n.at]) {
            let head = &s[..n.at];
            c.rate_kind = head.rfind("完成").and_then(|i| budget_kind(&head[i..]));
            let (line, column) = locate(cx, para, off + n.at);
            c.rate = Some(Printed {
                value: n.value,
                text: n.printed.clone(),
                unit: None,
                line,
                column,
            });
        }
    }
    if c.comparison.is_none() {
        comparison_in(cx, para, off, s, c);
    }
}

/// A clause comparing the 决算 with the 预算 by a word of [`COMPARISON_WORDS`], without a
/// figure of its own (`决算数大于年初预算数的主要原因是…`, `决算数与年初预算数持平`).
fn comparison_in(cx: &Checker, para: &Para, off: usize, s: &str, c: &mut Item) {
    for (here, piece) in clauses(s) {
        if !(piece.contains("决算") && piece.contains("预算")) || piece.contains("完成") {
            continue;
        }
        if piece.chars().any(|ch| ch.is_ascii_digit()) {
            continue;
        }
        let Some((at, word, cmp)) = COMPARISON_WORDS
            .iter()
            .filter_map(|&(w, k)| piece.find(w).map(|i| (i, w, k)))
            .min_by_key(|&(i, _, _)| i)
        else {
            continue;
        };
        // The 决算 must be the subject: `决算数大于预算数`, not `预算数大于决算数`.
        let (Some(d), Some(y)) = (piece.find("决算"), piece.find("预算")) else {
            continue;
        };
        let cmp = if d < y {
            cmp
        } else {
            match cmp {
                Comparison::Greater => Comparison::Less,
                Comparison::Less => Comparison::Greater,
                Comparison::Equal => Comparison::Equal,
            }
        };
        let (line, column) = locate(cx, para, off + here + at);
        c.comparison = Some((
            cmp,
            word,
            Printed {
                value: Decimal::ZERO,
                text: word.to_string(),
                unit: None,
                line,
                column,
            },
        ));
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_phrases() {
        assert!(is_completion_rate("，完成年初预算的"));
        assert!(is_completion_rate("完成年初预算数的"));
        assert!(!is_completion_rate("完成全年预算10万元的"));
        assert!(!is_completion_rate("占一般公共预算支出的"));
        assert!(ends_with_any("年初预算为 ", BUDGET_LEADS));
        assert!(ends_with_any("，支出决算为", ACTUAL_LEADS));
        let words: Vec<&str> = COMPARISON_WORDS.iter().map(|(w, _)| *w).collect();
        assert!(words.contains(&"持平") && words.contains(&"大于") && words.contains(&"小于"));
    }
}
