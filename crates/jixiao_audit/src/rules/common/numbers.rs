//! Number formatting for messages: thousands separators, printed decimals.

use jixiao_model::Decimal;

use crate::rules::show;

/// `d` with thousands separators and at least two decimals (`86,257.73`, `-1.00`).
pub(crate) fn fmt(d: Decimal) -> String {
    grouped(&show(d))
}

/// `d` with thousands separators and its own decimals (`1,250.4`).
pub(crate) fn printed(d: Decimal) -> String {
    grouped(&d.to_string())
}

fn grouped(s: &str) -> String {
    let (sign, s) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn amounts_are_grouped() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(fmt(d("86257.7")), "86,257.70");
        assert_eq!(fmt(d("-1")), "-1.00");
        assert_eq!(fmt(d("123.45")), "123.45");
        assert_eq!(printed(d("2345.6")), "2,345.6");
        assert_eq!(printed(d("1000000")), "1,000,000");
    }
}
