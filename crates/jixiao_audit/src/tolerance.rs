//! One tolerance model for every rule (see `domain.md` §6): each printed term carries half a
//! unit of its own last decimal; a sum of printed terms may differ from its printed total by
//! the sum of those halves. Two printings of the same figure must be equal. A stated
//! percentage is right when the true value rounds to it.

use jixiao_model::{round, Decimal, RoundingMode};

/// Half a unit of the last printed decimal of `d` (`12.34` → 0.005, `12` → 0.5).
pub fn half_unit(d: Decimal) -> Decimal {
    Decimal::new(5, d.scale() + 1)
}

/// The rounding envelope of an identity over `terms` (every printed term, total included).
pub fn envelope(terms: impl IntoIterator<Item = Decimal>, factor: Decimal) -> Decimal {
    terms.into_iter().map(half_unit).sum::<Decimal>() * factor
}

/// How a printed total compares with the sum of its printed parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SumCheck {
    /// Equal.
    Exact,
    /// Different, but inside the rounding envelope (可能为取整误差).
    Rounding {
        /// total − Σ parts.
        diff: Decimal,
        /// The rounding envelope of the terms.
        envelope: Decimal,
    },
    /// Beyond the envelope.
    Beyond {
        /// total − Σ parts.
        diff: Decimal,
        /// The rounding envelope of the terms.
        envelope: Decimal,
    },
}

/// Compares `total` with Σ `parts`.
pub fn check_sum(total: Decimal, parts: &[Decimal], factor: Decimal) -> SumCheck {
    let sum: Decimal = parts.iter().sum();
    let diff = total - sum;
    if diff.is_zero() {
        return SumCheck::Exact;
    }
    let env = envelope(parts.iter().copied().chain([total]), factor);
    if diff.abs() <= env {
        SumCheck::Rounding {
            diff,
            envelope: env,
        }
    } else {
        SumCheck::Beyond {
            diff,
            envelope: env,
        }
    }
}

/// How a stated percentage compares with `num / den × 100`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PctCheck {
    /// The true value rounds (or truncates) to the stated one at its printed decimals.
    Exact,
    /// Only the rounding of the inputs explains the stated value (可能为取整误差).
    Rounding {
        /// The true value at the stated decimals.
        expected: Decimal,
    },
    /// Wrong: `expected` is the true value at the stated decimals.
    Wrong {
        /// The true value at the stated decimals.
        expected: Decimal,
    },
    /// The denominator is zero: no percentage can be stated.
    ZeroDenominator,
}

/// Checks a stated percentage against `num / den × 100`.
pub fn check_pct(stated: Decimal, num: Decimal, den: Decimal) -> PctCheck {
    if den.is_zero() {
        return PctCheck::ZeroDenominator;
    }
    let dp = stated.scale();
    let exact = num / den * Decimal::ONE_HUNDRED;
    let expected = round(exact, RoundingMode::HalfAwayFromZero, dp);
    if expected == stated || round(exact, RoundingMode::Truncate, dp) == stated {
        return PctCheck::Exact;
    }
    // Interval of the true ratio given the printed inputs' own rounding.
    let (hn, hd) = (half_unit(num), half_unit(den));
    let candidates = [
        (num - hn, den + hd),
        (num - hn, den - hd),
        (num + hn, den + hd),
        (num + hn, den - hd),
    ];
    let mut lo = Decimal::MAX;
    let mut hi = Decimal::MIN;
    for (n, d) in candidates {
        if d <= Decimal::ZERO {
            continue;
        }
        let v = n / d * Decimal::ONE_HUNDRED;
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let h = half_unit(stated);
    if lo <= stated + h && stated - h <= hi {
        PctCheck::Rounding { expected }
    } else {
        PctCheck::Wrong { expected }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn envelope_counts_every_term() {
        // (n + 1) × 0.005 for n two-decimal parts.
        assert_eq!(
            envelope([d("1.00"), d("2.00"), d("3.00")], Decimal::ONE),
            d("0.015")
        );
        assert_eq!(
            check_sum(d("3.01"), &[d("1.00"), d("2.00")], Decimal::ONE),
            SumCheck::Rounding {
                diff: d("0.01"),
                envelope: d("0.015")
            }
        );
        assert_eq!(
            check_sum(d("3.02"), &[d("1.00"), d("2.00")], Decimal::ONE),
            SumCheck::Beyond {
                diff: d("0.02"),
                envelope: d("0.015")
            }
        );
        assert_eq!(
            check_sum(d("3.00"), &[d("1.00"), d("2.00")], Decimal::ONE),
            SumCheck::Exact
        );
    }

    #[test]
    fn percentages() {
        // 394.86 / 500 = 78.97 %, stated 100 %.
        assert_eq!(
            check_pct(d("100"), d("394.86"), d("500")),
            PctCheck::Wrong { expected: d("79") }
        );
        assert_eq!(
            check_pct(d("78.97"), d("394.86"), d("500")),
            PctCheck::Exact
        );
        // 89.53 / 99.28 = 90.179… → 90.2 at one decimal.
        assert_eq!(
            check_pct(d("90.2"), d("89.53"), d("99.28")),
            PctCheck::Exact
        );
        // Truncation is accepted too (97.666… printed 97.66).
        assert_eq!(
            check_pct(d("97.66"), d("14.65"), d("15.00")),
            PctCheck::Exact
        );
        assert_eq!(check_pct(d("5"), d("1"), d("0")), PctCheck::ZeroDenominator);
        // 1 / 3 printed with one decimal inputs: the interval explains 33.4.
        assert!(matches!(
            check_pct(d("33.4"), d("1.0"), d("3.0")),
            PctCheck::Rounding { .. }
        ));
    }
}
