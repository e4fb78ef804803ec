use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// How a document rounds a computed figure to its printed decimals.
///
/// All four occur in real documents; no regulation fixes one (see `domain.md` §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoundingMode {
    /// Excel/Oracle `ROUND`: 0.125 → 0.13.
    HalfAwayFromZero,
    /// GB/T 8170 奇进偶舍, rust_decimal's default: 0.125 → 0.12.
    HalfEven,
    /// Truncation toward zero: 3.779 → 3.77.
    Truncate,
}

/// Rounds `d` to `dp` decimals with an explicit mode. The only rounding entry point in jixiao:
/// bare `Decimal::round_dp` (banker's rounding) is banned by clippy.
pub fn round(d: Decimal, mode: RoundingMode, dp: u32) -> Decimal {
    let strategy = match mode {
        RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
        RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        RoundingMode::Truncate => RoundingStrategy::ToZero,
    };
    d.round_dp_with_strategy(dp, strategy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn modes_differ_at_midpoint() {
        assert_eq!(
            round(d("0.125"), RoundingMode::HalfAwayFromZero, 2),
            d("0.13")
        );
        assert_eq!(round(d("0.125"), RoundingMode::HalfEven, 2), d("0.12"));
        assert_eq!(round(d("0.129"), RoundingMode::Truncate, 2), d("0.12"));
        assert_eq!(
            round(d("-0.125"), RoundingMode::HalfAwayFromZero, 2),
            d("-0.13")
        );
        assert_eq!(round(d("37.665"), RoundingMode::HalfEven, 2), d("37.66"));
        assert_eq!(
            round(d("37.665"), RoundingMode::HalfAwayFromZero, 2),
            d("37.67")
        );
    }
}
