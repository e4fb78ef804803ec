use jixiao_model::{Claim, Decimal};

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

use crate::rules::common::{
    growth::{as_printed, show_pct},
    printed_numbers::place,
};

declare_rule! {
    /// ## What it does
    /// Finds percentages stated on a zero base, and zero-base markers on a non-zero base:
    /// a growth rate whose previous-year (or initial-budget) amount, amount − change, is 0; a
    /// completion rate of a zero budget (`完成年初预算0万元的95%`); a project execution rate of a
    /// zero budget. Conversely, `增长--（基数为0，不可比）` or `完成预算X万元的--%` where the base
    /// is not zero hides a rate that can be computed.
    ///
    /// ## Why is this bad?
    /// A rate over zero does not exist: `增加0.3万元，增长100%` on a base of 0 is arithmetic that
    /// was never done. The accepted form is `增长--（基数为0，不可比）`. A `--` on a real base
    /// withholds a figure the reader is owed.
    ///
    /// ## Tolerance
    /// None: the base is zero or it is not. Narrative 万元 amounts are read as the 2-decimal
    /// figures they restate.
    ///
    /// ## Example
    /// ```text
    /// 其他收入5.6万元，比上年决算数增加5.6万元，增长100%。
    /// ```
    ///
    /// ## How to fix
    /// On a zero base write `增长--（基数为0，不可比）` (or `由0增加至X万元`) without a rate; on a
    /// non-zero base state the rate.
    pub struct PercentOnZeroBase {
        code: "C404",
        severity: Error,
        family: Claims,
        summary: "基数为0仍列百分比，或基数非0却称不可比",
        summary_en: "Percentage stated on a zero base, or a zero-base marker on a real base",
        since: "0.1.0",
    }
}

/// What a claim's percentage is computed from.
struct Parts {
    /// (numerator, base), when the sentence gives the amounts.
    nb: Option<(Decimal, Decimal)>,
    /// The stated percentage (None for a `--`).
    pct: Option<Decimal>,
    /// The sentence says 基数为0 / `--`.
    marker: bool,
}

/// The parts of a claim's percentage; `None` when the claim states none.
fn parts(c: &Claim) -> Option<Parts> {
    let unit = c.unit.as_deref();
    let g = |k: &str| c.inputs.get(k).map(|&v| as_printed(v, unit));
    let marker = c.inputs.contains_key("base_zero");
    match c.kind.as_str() {
        "yoy_change" | "budget_change" => {
            let pct = c.stated.get("growth_pct").copied();
            if pct.is_none() && !marker {
                return None;
            }
            let nb = match (g("amount"), g("change")) {
                (Some(a), Some(ch)) => Some((ch.abs(), a - ch)),
                _ => None,
            };
            Some(Parts { nb, pct, marker })
        }
        "budget_completion" => {
            let pct = c.stated.get("completion_pct").copied();
            if pct.is_none() && !marker {
                return None;
            }
            let nb = g("budget").map(|b| (g("actual").unwrap_or(Decimal::ZERO), b));
            Some(Parts { nb, pct, marker })
        }
        "project_execution" => {
            let pct = c.stated.get("completion_pct").copied();
            if pct.is_none() && !marker {
                return None;
            }
            let den = g("adjusted_budget").or_else(|| {
                let b = g("budget")?;
                Some(b + g("adjustment").unwrap_or(Decimal::ZERO))
            });
            let nb = den.map(|d| (g("executed").unwrap_or(Decimal::ZERO), d));
            Some(Parts { nb, pct, marker })
        }
        _ => None,
    }
}

impl Rule for PercentOnZeroBase {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for c in &cx.doc.claims {
            let Some(Parts { nb, pct, marker }) = parts(c) else {
                continue;
            };
            let subject = c.subject.clone().unwrap_or_else(|| c.kind.clone());
            let mut u = cx.unit(&Self::META, &subject, c.line, c.line);
            let Some((num, base)) = nb else {
                u.insufficient(cx.t(
                    "句中未给出计算基数所需的金额",
                    "the sentence does not give the amounts the base is computed from",
                ));
                cx.close(u);
                continue;
            };
            u.checked();
            match (pct, base.is_zero()) {
                (Some(p), true) => {
                    let (line, column, printed) = place(cx, c, p, true);
                    let msg = cx.t(
                        format!("{subject}: 基数为 0，不能计算百分比，却写 {printed}%；应写“--（基数为0，不可比）”"),
                        format!("{subject}: the base is 0, no percentage exists, yet {printed}% is stated; write `--（基数为0，不可比）`"),
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
                (None, false) if marker && base.is_sign_positive() => {
                    let exp = show_pct(num, base, Decimal::ZERO);
                    let column = cx
                        .lines
                        .get(c.line as usize - 1)
                        .and_then(|t| {
                            let s = c.subject.as_deref().and_then(|s| t.find(s)).unwrap_or(0);
                            t[s..].find("--").map(|i| s + i)
                        })
                        .map(|b| cx.lines[c.line as usize - 1][..b].chars().count() as u32 + 1);
                    let msg = cx.t(
                        format!("{subject}: 称基数为0、不可比，但基数为 {base}（{num} / {base} = {exp}%）"),
                        format!("{subject}: says the base is 0 (not comparable), but the base is {base} ({num} / {base} = {exp}%)"),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some("--".into()),
                            expected: Some(exp),
                            path: Some(c.kind.clone()),
                            ..Report::at(c.line, msg)
                        },
                    );
                }
                _ => {}
            }
            cx.close(u);
        }
    }
}
