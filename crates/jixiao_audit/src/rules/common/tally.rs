//! Tallies: the findings of one unit under construction, with its rounding differences.
//!
//! Comparisons come in three kinds:
//! - [`Tally::sum`]: a printed total against the sum of printed terms. Beyond the (n + 1) ×
//!   half-unit envelope it is a finding at the total; inside it the difference is remembered,
//!   and [`Tally::close`] reports all of a unit's rounding differences as ONE info finding
//!   (可能为取整误差).
//! - [`Tally::same`]: two printings of the same figure (in two tables, or on two sides of one
//!   table). They come from one amount in 元 rounded the same way, so any difference is an
//!   error: no tolerance.
//! - [`Tally::at_least`]: an inequality. Rounding to 0.01 keeps order, so a printed
//!   violation is a real one: no tolerance.

use jixiao_model::Decimal;

use crate::checker::{Checker, Report, Unit};
use crate::finding::Severity;
use crate::rules::show;
use crate::tolerance::{check_sum, SumCheck};

use super::cells::{Amt, Term};
use super::numbers::fmt;

/// The findings of one unit under construction, with its rounding differences.
#[derive(Default)]
pub(crate) struct Tally<'a> {
    rounding: Vec<(Amt<'a>, String, String)>,
    /// The unit spans two tables: finding paths name the table.
    pair: bool,
}

impl<'a> Tally<'a> {
    /// A tally for a unit over two tables.
    pub fn pair() -> Tally<'a> {
        Tally {
            pair: true,
            ..Tally::default()
        }
    }

    fn path(&self, a: &Amt<'a>) -> String {
        if self.pair {
            a.full()
        } else {
            a.path()
        }
    }

    /// Compares `total` with the signed sum of `parts`. `many` (zh, en) names the parts when
    /// they are too many to list (`款`, `classes`).
    pub fn sum(
        &mut self,
        cx: &Checker,
        u: &mut Unit,
        total: &Amt<'a>,
        parts: &[Term<'a>],
        many: (&str, &str),
    ) {
        u.checked();
        let values: Vec<Decimal> = parts
            .iter()
            .map(|p| if p.minus { -p.amt.value } else { p.amt.value })
            .collect();
        let sum: Decimal = values.iter().sum();
        let (diff, env, beyond) = match check_sum(total.value, &values, cx.config.envelope_factor) {
            SumCheck::Exact => return,
            SumCheck::Rounding { diff, envelope } => (diff, envelope, false),
            SumCheck::Beyond { diff, envelope } => (diff, envelope, true),
        };
        let (expr_zh, expr_en) = if parts.len() <= 4 {
            let mut zh = String::new();
            let mut en = String::new();
            for (i, p) in parts.iter().enumerate() {
                let op = match (i, p.minus) {
                    (0, false) => "",
                    (0, true) => "− ",
                    (_, false) => " + ",
                    (_, true) => " − ",
                };
                let t = format!("{op}{} {}", p.amt.label(), p.amt.raw);
                zh.push_str(&t);
                en.push_str(&t);
            }
            (zh, en)
        } else {
            (
                format!("Σ {}（{} 项）", many.0, parts.len()),
                format!("Σ {} ({} terms)", many.1, parts.len()),
            )
        };
        if !beyond {
            self.rounding.push((
                total.clone(),
                cx.t(
                    format!(
                        "{} {} ≠ {expr_zh} = {}（差 {}，容差 {}）",
                        total.label(),
                        total.raw,
                        fmt(sum),
                        fmt(diff),
                        env.normalize()
                    ),
                    format!(
                        "{} {} ≠ {expr_en} = {} (difference {}, envelope {})",
                        total.label(),
                        total.raw,
                        fmt(sum),
                        fmt(diff),
                        env.normalize()
                    ),
                ),
                show(sum),
            ));
            return;
        }
        let msg = cx.t(
            format!(
                "{} {} ≠ {expr_zh} = {}（差 {}，超出取整容差 {}）",
                total.label(),
                total.raw,
                fmt(sum),
                fmt(diff),
                env.normalize()
            ),
            format!(
                "{} {} ≠ {expr_en} = {} (difference {}, beyond the rounding envelope {})",
                total.label(),
                total.raw,
                fmt(sum),
                fmt(diff),
                env.normalize()
            ),
        );
        u.report(
            &cx.doc.file,
            Report {
                column: total.column(cx),
                stated: Some(total.raw.to_string()),
                expected: Some(show(sum)),
                path: Some(self.path(total)),
                // Long sums list only their non-zero terms.
                related: parts
                    .iter()
                    .filter(|p| parts.len() <= 4 || !p.amt.value.is_zero())
                    .map(|p| p.amt.related(cx))
                    .collect(),
                ..Report::at(total.line, msg)
            },
        );
    }

    /// Two printings of one figure: `at` (where the finding goes) must equal `other`.
    pub fn same(&mut self, cx: &Checker, u: &mut Unit, at: &Amt<'a>, other: &Amt) {
        u.checked();
        if at.value == other.value {
            return;
        }
        let diff = at.value - other.value;
        let msg = cx.t(
            format!(
                "{} {} ≠ {} {}（差 {}）：同一数字两处填列应完全一致",
                at.full(),
                at.raw,
                other.full(),
                other.raw,
                fmt(diff)
            ),
            format!(
                "{} {} ≠ {} {} (difference {}): two printings of one figure must be equal",
                at.full(),
                at.raw,
                other.full(),
                other.raw,
                fmt(diff)
            ),
        );
        u.report(
            &cx.doc.file,
            Report {
                column: at.column(cx),
                stated: Some(at.raw.to_string()),
                expected: Some(other.raw.to_string()),
                path: Some(self.path(at)),
                related: vec![other.related(cx)],
                ..Report::at(at.line, msg)
            },
        );
    }

    /// A printed figure that the document does not print elsewhere although it should
    /// (`missing` says where it was looked for); the expected amount is zero.
    pub fn unmatched(&mut self, cx: &Checker, u: &mut Unit, at: &Amt<'a>, missing: (&str, &str)) {
        u.checked();
        if at.value.is_zero() {
            return;
        }
        let msg = cx.t(
            format!(
                "{} {} 在{}中没有对应行（应为同一数字）",
                at.full(),
                at.raw,
                missing.0
            ),
            format!(
                "{} {} has no matching row in {} (it should print the same figure)",
                at.full(),
                at.raw,
                missing.1
            ),
        );
        u.report(
            &cx.doc.file,
            Report {
                column: at.column(cx),
                stated: Some(at.raw.to_string()),
                expected: Some("0.00".into()),
                path: Some(self.path(at)),
                ..Report::at(at.line, msg)
            },
        );
    }

    /// An upper bound `at ≤ limit`; the finding goes at `at`. `why` (zh, en) explains it.
    pub fn not_above(
        &mut self,
        cx: &Checker,
        u: &mut Unit,
        at: &Amt<'a>,
        limit: &Amt<'a>,
        why: (&str, &str),
    ) {
        u.checked();
        if at.value <= limit.value {
            return;
        }
        let diff = at.value - limit.value;
        let msg = cx.t(
            format!(
                "{} {} > {} {}（超出 {}）：{}",
                at.full(),
                at.raw,
                limit.full(),
                limit.raw,
                fmt(diff),
                why.0
            ),
            format!(
                "{} {} > {} {} (by {}): {}",
                at.full(),
                at.raw,
                limit.full(),
                limit.raw,
                fmt(diff),
                why.1
            ),
        );
        u.report(
            &cx.doc.file,
            Report {
                column: at.column(cx),
                stated: Some(at.raw.to_string()),
                expected: Some(format!("≤ {}", limit.raw)),
                path: Some(self.path(at)),
                related: vec![limit.related(cx)],
                ..Report::at(at.line, msg)
            },
        );
    }

    /// An inequality `big ≥ small`; the finding goes at `big`. `why` (zh, en) explains it.
    pub fn at_least(
        &mut self,
        cx: &Checker,
        u: &mut Unit,
        big: &Amt<'a>,
        small: &Amt<'a>,
        why: (&str, &str),
    ) {
        u.checked();
        if big.value >= small.value {
            return;
        }
        let diff = big.value - small.value;
        let msg = cx.t(
            format!(
                "{} {} < {} {}（差 {}）：{}",
                big.full(),
                big.raw,
                small.full(),
                small.raw,
                fmt(diff),
                why.0
            ),
            format!(
                "{} {} < {} {} (difference {}): {}",
                big.full(),
                big.raw,
                small.full(),
                small.raw,
                fmt(diff),
                why.1
            ),
        );
        u.report(
            &cx.doc.file,
            Report {
                column: big.column(cx),
                stated: Some(big.raw.to_string()),
                expected: Some(format!("≥ {}", small.raw)),
                path: Some(self.path(big)),
                related: vec![small.related(cx)],
                ..Report::at(big.line, msg)
            },
        );
    }

    /// Reports the unit's rounding differences as one info finding and closes the unit.
    pub fn close(self, cx: &Checker, mut u: Unit) {
        if let Some((first, _, expected)) = self.rounding.first() {
            let n = self.rounding.len();
            let items: Vec<&str> = self.rounding.iter().map(|r| r.1.as_str()).collect();
            let msg = cx.t(
                format!(
                    "{n} 处差异在取整容差之内（可能为取整误差）：{}",
                    items.join("；")
                ),
                format!(
                    "{n} difference(s) inside the rounding envelope (possibly rounding): {}",
                    items.join("; ")
                ),
            );
            u.report(
                &cx.doc.file,
                Report {
                    column: first.column(cx),
                    stated: Some(first.raw.to_string()),
                    expected: Some(expected.clone()),
                    path: Some(self.path(first)),
                    severity: Some(Severity::Info),
                    related: self
                        .rounding
                        .iter()
                        .skip(1)
                        .map(|r| r.0.related(cx))
                        .collect(),
                    ..Report::at(first.line, msg)
                },
            );
        }
        cx.close(u);
    }
}
