//! Exact decimals in and out of spreadsheet cells.
//!
//! A spreadsheet stores every number as an IEEE double, so a cell cannot say whether a
//! document printed `27` or `27.00`. jixiao keeps the printed precision in the cell's
//! *number format*: an amount printed with two decimals is written with the format `0.00`
//! (`#,##0.00` when the document grouped thousands), one printed as `27` with `0`. Reading a
//! numeric cell back, the double is turned into its shortest round-trip decimal text
//! (`27`, `0.1`, `37.67` — never `37.670000000000002`), then rounded half away from zero to
//! the number of decimals its format shows (what Excel shows is what is read) and given
//! exactly that scale. So `27.00` written as 27 with format `0.00` reads back as `27.00`,
//! and a user typing 27 into a `0.00` template cell gets `27.00` too. `General` cells keep
//! the shortest decimal text. Percent formats (`0.00%`) are read as the percent number
//! (0.3767 → `37.67`).
//!
//! Writing, a decimal goes through its decimal text into the double (correctly rounded by
//! the standard library), and only when that double reads back as the same decimal: a figure
//! with more significant digits than a double holds (over ~15) is written as text instead,
//! so it is never silently altered.

use std::str::FromStr;

use jixiao_model::{round, Decimal, RoundingMode};

/// The double for `d`, when it reads back as exactly `d`.
pub(crate) fn to_f64(d: Decimal) -> Option<f64> {
    let f: f64 = d.to_string().parse().ok()?;
    let back = from_f64(f)?;
    (back == d).then_some(f)
}

/// The shortest decimal that round-trips to `f` (`0.1`, not `0.1000000000000000055`).
pub(crate) fn from_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    // `Display` for f64 prints the shortest round-trip digits and never an exponent.
    Decimal::from_str(&format!("{f}")).ok()
}

/// What a number format code shows: decimals, grouping, percent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Shown {
    /// Decimals shown; `None` for `General` (as many as needed).
    pub decimals: Option<u32>,
    /// Thousands separators (`#,##0.00`).
    pub grouped: bool,
    /// A percent format: the cell holds a fraction.
    pub percent: bool,
}

impl Shown {
    /// Parses the first section of an Excel number format code.
    pub(crate) fn of(code: &str) -> Shown {
        if code.is_empty() || code.eq_ignore_ascii_case("general") || code == "@" {
            return Shown::default();
        }
        // Drop quoted literals, escaped characters and [colour]/[condition] blocks.
        let mut plain = String::new();
        let mut chars = code.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                ';' => break,
                '"' => {
                    for q in chars.by_ref() {
                        if q == '"' {
                            break;
                        }
                    }
                }
                '\\' | '_' | '*' => {
                    chars.next();
                }
                '[' => {
                    for q in chars.by_ref() {
                        if q == ']' {
                            break;
                        }
                    }
                }
                _ => plain.push(c),
            }
        }
        if !plain.contains(['0', '#', '?']) {
            return Shown::default();
        }
        let decimals = match plain.find('.') {
            Some(p) => plain[p + 1..]
                .chars()
                .take_while(|c| matches!(c, '0' | '#' | '?'))
                .count() as u32,
            None => 0,
        };
        Shown {
            decimals: Some(decimals),
            grouped: plain.contains(','),
            percent: plain.contains('%'),
        }
    }

    /// The format code that shows a decimal printed as `raw` (its scale and grouping).
    pub(crate) fn code_for(scale: u32, grouped: bool) -> String {
        let int = if grouped { "#,##0" } else { "0" };
        if scale == 0 {
            int.to_string()
        } else {
            format!("{int}.{}", "0".repeat(scale as usize))
        }
    }

    /// The decimal a cell holding `f` shows.
    pub(crate) fn read(self, f: f64) -> Option<Decimal> {
        let mut d = from_f64(f)?;
        if self.percent {
            d *= Decimal::ONE_HUNDRED;
            d = d.normalize();
        }
        if let Some(dp) = self.decimals {
            d = round(d, RoundingMode::HalfAwayFromZero, dp);
            d.rescale(dp);
        }
        Some(d)
    }

    /// The text a cell holding `d` shows (`1,250.40`).
    pub(crate) fn display(self, d: Decimal) -> String {
        let s = d.to_string();
        if !self.grouped {
            return s;
        }
        group(&s)
    }
}

/// Inserts thousands separators into a plain decimal string.
pub(crate) fn group(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.find('.') {
        Some(p) => (&rest[..p], &rest[p..]),
        None => (rest, ""),
    };
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(frac);
    out
}

/// How to print an amount so that the cell shows exactly `raw`: its decimals and grouping,
/// when `raw` is the plain or grouped printing of `value`.
pub(crate) fn shown_for_raw(value: Decimal, raw: &str) -> Option<Shown> {
    let raw = raw.trim();
    let plain = value.to_string();
    if raw == plain {
        return Some(Shown {
            decimals: Some(value.scale()),
            grouped: false,
            percent: false,
        });
    }
    if raw.contains(',') && raw == group(&plain) {
        return Some(Shown {
            decimals: Some(value.scale()),
            grouped: true,
            percent: false,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn formats_carry_the_printed_precision() {
        let two = Shown::of("0.00");
        assert_eq!(two.read(27.0).unwrap().to_string(), "27.00");
        assert_eq!(two.read(37.665).unwrap().to_string(), "37.67");
        assert_eq!(Shown::of("#,##0.00").display(d("86005.03")), "86,005.03");
        assert_eq!(
            Shown::of("#,##0").read(2400000.0).unwrap().to_string(),
            "2400000"
        );
        assert_eq!(Shown::of("General").read(0.1).unwrap().to_string(), "0.1");
        assert_eq!(
            Shown::of("0.00%").read(0.3767).unwrap().to_string(),
            "37.67"
        );
        assert_eq!(Shown::of(r#"0.00"万元""#).decimals, Some(2));
        assert_eq!(Shown::code_for(2, true), "#,##0.00");
        assert_eq!(Shown::code_for(0, false), "0");
    }

    #[test]
    fn doubles_round_trip_or_are_refused() {
        for s in [
            "0.1",
            "27.00",
            "86005.03",
            "-1250.40",
            "123456789012.34",
            "0",
        ] {
            let f = to_f64(d(s)).unwrap();
            assert_eq!(from_f64(f).unwrap(), d(s));
        }
        assert!(to_f64(d("1234567890123456789.12")).is_none());
    }

    #[test]
    fn raw_printing_is_recognised() {
        assert!(shown_for_raw(d("1250.40"), "1,250.40").unwrap().grouped);
        assert_eq!(shown_for_raw(d("0.00"), "0.00").unwrap().decimals, Some(2));
        assert!(shown_for_raw(d("12.3"), "１２.３").is_none());
        assert_eq!(group("-1234567.5"), "-1,234,567.5");
    }
}
