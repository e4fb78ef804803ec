//! Arithmetic of the prose: amounts as printed, percentages for messages, growth rates checked
//! against the tolerance model.

use jixiao_model::{round, Decimal, RoundingMode};

use crate::tolerance::{check_pct, half_unit, PctCheck};

/// A prose amount in 万元 as the 2-decimal figure it restates (narrative drops trailing zeros:
/// `15,970.4` is `15,970.40`), so that its rounding is half a unit of the second decimal.
pub(crate) fn as_printed(d: Decimal, unit: Option<&str>) -> Decimal {
    let mut x = d;
    if unit == Some("万元") && x.scale() < 2 {
        x.rescale(2);
    }
    x
}

/// A percentage for messages: the true value at two decimals (more when the stated value has
/// more).
pub(crate) fn show_pct(num: Decimal, den: Decimal, stated: Decimal) -> String {
    let Some(q) = num.checked_div(den) else {
        return "?".into();
    };
    let dp = stated.scale().max(2);
    let mut v = round(q * Decimal::ONE_HUNDRED, RoundingMode::HalfAwayFromZero, dp);
    v.rescale(dp);
    v.to_string()
}

/// `(amount − change)` as printed in messages: `(19.56 + 3.59)` for a decrease.
pub(crate) fn base_expr(amount: Decimal, change: Decimal) -> String {
    if change.is_sign_negative() {
        format!("({amount} + {})", change.abs())
    } else {
        format!("({amount} − {change})")
    }
}

/// Checks a stated growth rate against |change| / (amount − change) × 100. The base is the
/// difference of two printed figures, so it carries the rounding of both: a value only that
/// explains is rounding, not an error.
pub(crate) fn check_growth(stated: Decimal, amount: Decimal, change: Decimal) -> PctCheck {
    let base = amount - change;
    let num = change.abs();
    let r = check_pct(stated.abs(), num, base);
    let PctCheck::Wrong { expected } = r else {
        return r;
    };
    let hc = half_unit(change);
    let hb = half_unit(amount) + hc;
    let mut lo: Option<Decimal> = None;
    let mut hi: Option<Decimal> = None;
    for (n, d) in [
        (num - hc, base - hb),
        (num - hc, base + hb),
        (num + hc, base - hb),
        (num + hc, base + hb),
    ] {
        if d <= Decimal::ZERO {
            continue;
        }
        let Some(v) = n
            .max(Decimal::ZERO)
            .checked_div(d)
            .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
        else {
            continue;
        };
        lo = Some(lo.map_or(v, |x: Decimal| x.min(v)));
        hi = Some(hi.map_or(v, |x: Decimal| x.max(v)));
    }
    let s = stated.abs();
    let h = half_unit(stated);
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo <= s + h && s - h <= hi => PctCheck::Rounding { expected },
        _ => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_parse::prose::numbers_in;

    #[test]
    fn numbers_and_growth() {
        let n = numbers_in("收入1,250.4万元，增长4.2%，共3个");
        assert_eq!(n.len(), 3);
        assert_eq!(n[0].printed, "1,250.4");
        assert!(n[1].pct);
        let d = |s: &str| jixiao_text::parse_decimal(s).unwrap();
        assert_eq!(
            check_growth(d("4.2"), d("1250.40"), d("50.40")),
            PctCheck::Exact
        );
        // 1.7 / (2.4 + 1.7) = 41.46 %; 41.2 % is reachable only through the rounding of both
        // printed figures the base is derived from.
        assert!(matches!(
            check_growth(d("41.2"), d("2.40"), d("-1.70")),
            PctCheck::Rounding { .. }
        ));
        // 2.6 / (12.4 + 2.6) = 17.33 %: 18.6 % is wrong.
        assert!(matches!(
            check_growth(d("18.6"), d("12.40"), d("-2.60")),
            PctCheck::Wrong { .. }
        ));
        assert_eq!(
            check_growth(d("100"), d("0.3"), d("0.3")),
            PctCheck::ZeroDenominator
        );
    }
}
