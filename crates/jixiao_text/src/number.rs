use jixiao_model::Decimal;

/// Parses a printed amount exactly: ASCII or full-width digits, thousands separators
/// (`86,005.03`), an optional sign. The scale of the result is the printed number of decimals
/// (`27.00` → scale 2). Returns `None` for anything else (blank, `-`, words, `12%`).
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    // Fast path: plain ASCII.
    if t.is_ascii() {
        return parse_ascii(t.as_bytes());
    }
    let folded: String = t
        .chars()
        .map(crate::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    if folded.is_ascii() {
        parse_ascii(folded.as_bytes())
    } else {
        None
    }
}

fn parse_ascii(b: &[u8]) -> Option<Decimal> {
    let (neg, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() {
        return None;
    }
    // u64 holds 19 digits; longer numbers (rare) take the i128 path below.
    let mut mantissa: u64 = 0;
    let mut wide: Option<i128> = None;
    let mut scale: u32 = 0;
    let mut seen_dot = false;
    let mut ndigits = 0usize;
    let mut group = 0usize; // digits since the last comma, to validate separators
    let mut seen_comma = false;
    for (i, &c) in digits.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                let d = (c - b'0') as u64;
                match wide {
                    None => match mantissa.checked_mul(10).and_then(|m| m.checked_add(d)) {
                        Some(m) => mantissa = m,
                        None => wide = Some((mantissa as i128) * 10 + d as i128),
                    },
                    Some(w) => wide = Some(w.checked_mul(10)?.checked_add(d as i128)?),
                }
                ndigits += 1;
                if seen_dot {
                    scale += 1;
                } else {
                    group += 1;
                }
            }
            b'.' if !seen_dot && i + 1 < digits.len() => {
                if seen_comma && group != 3 {
                    return None;
                }
                seen_dot = true;
            }
            b',' if !seen_dot && ndigits > 0 => {
                if seen_comma && group != 3 {
                    return None;
                }
                if !seen_comma && group > 3 {
                    return None;
                }
                seen_comma = true;
                group = 0;
            }
            _ => return None,
        }
    }
    if ndigits == 0 || scale > 28 || (seen_comma && !seen_dot && group != 3) {
        return None;
    }
    if let (None, Ok(m)) = (wide, i64::try_from(mantissa)) {
        return Some(Decimal::new(if neg { -m } else { m }, scale));
    }
    let m = wide.unwrap_or(mantissa as i128);
    Decimal::try_from_i128_with_scale(if neg { -m } else { m }, scale).ok()
}

/// Reads the longest number at the start of `s` (after folding): digits with thousands
/// separators and decimals, or a Chinese numeral (`两`, `一百二十`). Returns the number and the
/// byte length consumed in `s`. A trailing `万`/`亿` of a Chinese numeral is left unconsumed so
/// that it stays part of the unit, like the `万` of `40万条`.
pub fn parse_number_prefix(s: &str) -> Option<(Decimal, usize)> {
    // Fast path: ASCII digits, separators and a point, no folding or allocation.
    let b = s.as_bytes();
    if b.first().is_some_and(u8::is_ascii_digit) {
        let mut end = b
            .iter()
            .position(|c| !(c.is_ascii_digit() || *c == b'.' || *c == b','))
            .unwrap_or(b.len());
        if end < b.len()
            && b[end] >= 0x80
            && s[end..]
                .chars()
                .next()
                .is_some_and(|c| ('\u{FF10}'..='\u{FF19}').contains(&c) || c == '．' || c == '，')
        {
            return parse_number_prefix_slow(s);
        }
        while end > 0 && matches!(b[end - 1], b'.' | b',') {
            end -= 1;
        }
        return match parse_ascii(&b[..end]) {
            Some(d) => Some((d, end)),
            None => {
                let cut = b[..end].iter().position(|c| *c == b',').unwrap_or(end);
                parse_ascii(&b[..cut]).map(|d| (d, cut))
            }
        };
    }
    parse_number_prefix_slow(s)
}

fn parse_number_prefix_slow(s: &str) -> Option<(Decimal, usize)> {
    // Folded characters (all one byte) with the byte offset in `s` just after each, so that a
    // length in the folded buffer maps back to `s` (a full-width digit is three bytes).
    let mut buf = String::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut has_digit = false;
    for (i, c) in s.char_indices() {
        let f = crate::fold_char(c);
        let ok = f.is_ascii_digit() || (has_digit && (f == '.' || f == ','));
        if !ok {
            break;
        }
        if f.is_ascii_digit() {
            has_digit = true;
        }
        buf.push(f);
        ends.push(i + c.len_utf8());
    }
    if has_digit {
        // Drop a trailing separator (`100,` in prose, `3.` at a sentence end).
        while buf.ends_with([',', '.']) {
            buf.pop();
            ends.pop();
        }
        let end_of = |n: usize| if n == 0 { 0 } else { ends[n - 1] };
        // A comma that is not a thousands separator ends the number.
        return match parse_ascii(buf.as_bytes()) {
            Some(d) => Some((d, end_of(buf.len()))),
            None => {
                let cut = buf.find(',').unwrap_or(buf.len());
                parse_ascii(&buf.as_bytes()[..cut]).map(|d| (d, end_of(cut)))
            }
        };
    }
    let (v, len) = parse_cn_int(s)?;
    Some((Decimal::from(v), len))
}

fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn cn_small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Parses a Chinese integer numeral at the start of `s` (`两` → 2, `一百二十` → 120,
/// `十五` → 15, `三万五千` → 35000). A final `万`/`亿` with nothing after it is not consumed.
/// Returns the value and the byte length consumed.
pub fn parse_cn_int(s: &str) -> Option<(u64, usize)> {
    let mut total: u64 = 0; // completed 万/亿 sections
    let mut section: u64 = 0; // current section below 万
    let mut digit: Option<u64> = None;
    let mut consumed = 0usize;
    let mut any = false;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if let Some(d) = cn_digit(c) {
            digit = Some(d);
            any = true;
        } else if let Some(u) = cn_small_unit(c) {
            let d = match digit.take() {
                Some(d) => d,
                None if u == 10 => 1,
                None => return finish(total, section, digit, consumed, any),
            };
            section += d * u;
            any = true;
        } else if c == '万' || c == '亿' {
            // Only a magnitude inside the numeral if more numeral follows.
            let more = chars
                .get(i + 1)
                .is_some_and(|&(_, n)| cn_digit(n).is_some() || cn_small_unit(n).is_some());
            if !any || !more {
                break;
            }
            let mag = if c == '万' { 10_000 } else { 100_000_000 };
            section += digit.take().unwrap_or(0);
            total = total.checked_add(section.checked_mul(mag)?)?;
            section = 0;
        } else {
            break;
        }
        consumed = pos + c.len_utf8();
        i += 1;
    }
    finish(total, section, digit, consumed, any)
}

fn finish(
    total: u64,
    section: u64,
    digit: Option<u64>,
    consumed: usize,
    any: bool,
) -> Option<(u64, usize)> {
    if !any {
        return None;
    }
    Some((total + section + digit.unwrap_or(0), consumed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn decimals_keep_printed_scale() {
        assert_eq!(parse_decimal("27.00").unwrap().scale(), 2);
        assert_eq!(parse_decimal("86,005.03"), Some(d("86005.03")));
        assert_eq!(parse_decimal("120,000,000"), Some(d("120000000")));
        assert_eq!(parse_decimal("１２３．５"), Some(d("123.5")));
        assert_eq!(parse_decimal("-5.1"), Some(d("-5.1")));
        assert_eq!(parse_decimal("-"), None);
        assert_eq!(parse_decimal(""), None);
        assert_eq!(parse_decimal("1,23"), None);
        assert_eq!(parse_decimal("12%"), None);
        assert_eq!(parse_decimal("1.2.3"), None);
    }

    #[test]
    fn number_prefix() {
        assert_eq!(parse_number_prefix("30.00(亿美元)"), Some((d("30.00"), 5)));
        assert_eq!(
            parse_number_prefix("15,970.4万元，增长"),
            Some((d("15970.4"), 8))
        );
        assert_eq!(parse_number_prefix("两个"), Some((d("2"), 3)));
        assert_eq!(parse_number_prefix("40万条").map(|x| x.0), Some(d("40")));
        assert_eq!(parse_number_prefix("100,是"), Some((d("100"), 3)));
    }

    #[test]
    fn long_numbers_take_the_wide_path() {
        assert_eq!(
            parse_decimal("12345678901234567890123"),
            Some(d("12345678901234567890123"))
        );
        assert_eq!(
            parse_decimal("-9223372036854775808"),
            Some(d("-9223372036854775808"))
        );
        assert_eq!(
            parse_decimal("0.0000000000000000000000000001"),
            Some(d("0.0000000000000000000000000001"))
        );
        assert_eq!(parse_decimal("1".repeat(40).as_str()), None);
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_rust_decimal(m in proptest::prelude::any::<i64>(), scale in 0u32..12) {
            let x = Decimal::new(m, scale);
            proptest::prop_assert_eq!(parse_decimal(&x.to_string()), Some(x));
        }
    }

    #[test]
    fn full_width_lengths_are_bytes_of_the_input() {
        // Found by fuzzing: the consumed length must be a char boundary of the input.
        let s = "8５3,3333年";
        let (d, len) = parse_number_prefix(s).unwrap();
        assert!(s.is_char_boundary(len));
        assert_eq!((d, &s[len..]), (Decimal::from(853), ",3333年"));
        let s = "１２，";
        let (d, len) = parse_number_prefix(s).unwrap();
        assert_eq!((d, len), (Decimal::from(12), 6));
    }

    proptest::proptest! {
        #[test]
        fn consumed_length_is_a_char_boundary(s in "[0-9０-９.,．，年万]{0,12}") {
            if let Some((_, len)) = parse_number_prefix(&s) {
                proptest::prop_assert!(s.is_char_boundary(len) && len <= s.len());
            }
        }
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_cn_int("一百二十万"), Some((120, "一百二十".len())));
        assert_eq!(parse_cn_int("十五"), Some((15, 6)));
        assert_eq!(parse_cn_int("三万五千"), Some((35000, 12)));
        assert_eq!(parse_cn_int("两个"), Some((2, 3)));
        assert_eq!(parse_cn_int("个"), None);
        assert_eq!(parse_cn_int("二十一"), Some((21, 9)));
    }
}
