//! Numbers printed on a source line (read by [`jixiao_parse::prose::numbers_in`]), found again
//! by value to report a claim's figure where
//! it is printed.

use jixiao_model::{Claim, Decimal};
use jixiao_parse::prose::numbers_in;

use crate::checker::Checker;

/// A number printed on a source line.
#[derive(Clone, Debug)]
pub(crate) struct Printed {
    pub line: u32,
    /// 1-based character column.
    pub column: u32,
    /// As printed (`86,005.03`).
    pub text: String,
}

/// The printed figure `value` (a percentage when `pct`) of a claim at `line`: the first such
/// number after `anchor` (the claim's subject) on the line, or on the next lines of a wrapped
/// sentence. Used only to place the caret of a claim already bound by its subject.
pub(crate) fn find_printed(
    cx: &Checker,
    line: u32,
    anchor: Option<&str>,
    value: Decimal,
    pct: bool,
) -> Option<Printed> {
    match anchor {
        Some(a) => find_printed_after(cx, line, &[a], value, pct),
        None => find_printed_after(cx, line, &[], value, pct),
    }
}

/// Like [`find_printed`], after each of `anchors` in turn (`[subject, "完成"]`).
pub(crate) fn find_printed_after(
    cx: &Checker,
    line: u32,
    anchors: &[&str],
    value: Decimal,
    pct: bool,
) -> Option<Printed> {
    for l in line..line + 4 {
        let text = *cx.lines.get((l as usize).checked_sub(1)?)?;
        let mut start = 0;
        if l == line {
            for a in anchors.iter().filter(|a| !a.is_empty()) {
                if let Some(i) = text[start..].find(a) {
                    start += i;
                }
            }
        }
        for n in numbers_in(&text[start..]) {
            if n.value == value.abs() && n.pct == pct {
                return Some(Printed {
                    line: l,
                    column: text[..start + n.at].chars().count() as u32 + 1,
                    text: n.printed,
                });
            }
        }
    }
    None
}

/// Where to report a claim's figure: the printed number when found, else the claim's line.
pub(crate) fn place(
    cx: &Checker,
    claim: &Claim,
    value: Decimal,
    pct: bool,
) -> (u32, Option<u32>, String) {
    match find_printed(cx, claim.line, claim.subject.as_deref(), value, pct) {
        Some(p) => (p.line, Some(p.column), p.text),
        None => (claim.line, None, value.abs().to_string()),
    }
}
