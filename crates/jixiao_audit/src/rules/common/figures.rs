//! Figures: the amounts the narrative of a final account states, with their subjects. The
//! reading (numbers, units, subjects) is [`jixiao_parse::prose`]'s; this module binds them to
//! a final account, its section and a measure.

use jixiao_model::{Decimal, Form, FormKind};

use crate::checker::Checker;

use super::binding::{item_section, placed_by_fund, Measure};
use super::prose::ParaIndex;
use jixiao_parse::prose::{amounts_in, subject_before};

use super::printed_numbers::{find_printed, find_printed_after};
use super::sections::{final_accounts_at, norm, section_at, Section};

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
            for a in amounts_in(text) {
                let Some(subject) = subject_before(&text[..a.at]) else {
                    continue;
                };
                if out.iter().any(|f| {
                    f.line == line && f.value == a.value && norm(&f.subject) == norm(&subject)
                }) {
                    continue;
                }
                out.push(Figure {
                    fa,
                    line,
                    column: Some(a.column),
                    text: a.printed,
                    subject,
                    value: a.value,
                    unit: Some(a.unit.to_string()),
                    measure: Measure::Actual,
                    section: section_at(cx, fa, line),
                });
            }
        }
    }
    // A marked 类/款/项 (or a lane of the basic-spending table) outside the fund sections
    // belongs to the fund named before it in its paragraph.
    if out.iter().any(|f| placed_by_fund(&f.subject)) {
        let index = ParaIndex::new(cx);
        for f in &mut out {
            if !placed_by_fund(&f.subject) {
                continue;
            }
            let text = cx.lines.get(f.line as usize - 1).copied().unwrap_or("");
            let byte = f
                .column
                .and_then(|c| text.char_indices().nth(c as usize - 1))
                .map_or(text.len(), |(i, _)| i);
            let before = index.before(f.line, byte).unwrap_or(&text[..byte]);
            f.section = item_section(f.section, &f.subject, before);
        }
    }
    out
}
