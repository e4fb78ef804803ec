use jixiao_model::{CellKind, Decimal, Op, Value, ValueKind};

use crate::{fold_cow, parse_number_prefix};

/// Operator words and symbols at the start of a value, longest first.
const PREFIX_OPS: &[(&str, Op)] = &[
    ("大于等于", Op::Ge),
    ("小于等于", Op::Le),
    ("不低于", Op::Ge),
    ("不少于", Op::Ge),
    ("不小于", Op::Ge),
    ("不高于", Op::Le),
    ("不超过", Op::Le),
    ("不多于", Op::Le),
    ("不大于", Op::Le),
    ("大于", Op::Gt),
    ("小于", Op::Lt),
    ("高于", Op::Gt),
    ("低于", Op::Lt),
    ("达到", Op::Ge),
    (">=", Op::Ge),
    ("=>", Op::Ge),
    ("<=", Op::Le),
    ("=<", Op::Le),
    ("==", Op::Eq),
    ("≥", Op::Ge),
    ("≤", Op::Le),
    (">", Op::Gt),
    ("<", Op::Lt),
    ("=", Op::Eq),
    ("≈", Op::Approx),
    ("约", Op::Approx),
];

/// Operator words after a value (`95%以上`, `3天以内`, `2035年以前`).
const SUFFIX_OPS: &[(&str, Op)] = &[
    ("及以上", Op::Ge),
    ("以上", Op::Ge),
    ("以内", Op::Le),
    ("以下", Op::Le),
    ("以前", Op::Le),
    ("之前", Op::Le),
    ("前", Op::Le),
];

/// Parses a target or actual cell into a [`Value`].
///
/// `≥30.00(亿美元)` → ≥ 30.00 亿美元; `=100%百分比` → = 100 % (suffix 百分比); `<=4月30日` →
/// ≤ date `04-30`; `2023 年 12 月 31 日` → date `2023-12-31`; `零起` → = 0 起; `85` → bare
/// number; `约40万条` → ≈ 40 万条 (approx); `及时` → qualitative. `-`, `/` are placeholders.
pub fn parse_value(raw: &str) -> Value {
    let raw_trim = raw.trim();
    let mut v = Value {
        raw: raw_trim.to_string(),
        ..Value::default()
    };
    match CellKind::of(raw_trim) {
        CellKind::Blank => return v,
        CellKind::Placeholder => {
            v.kind = ValueKind::Placeholder;
            return v;
        }
        _ => {}
    }
    let folded = fold_cow(raw_trim);
    let mut s: &str = folded.trim();
    // Strip one level of wrapping parentheses around the whole value.
    // Operator prefix.
    let starts_with_digit = s.as_bytes().first().is_some_and(u8::is_ascii_digit);
    for (p, op) in PREFIX_OPS.iter().filter(|_| !starts_with_digit) {
        if let Some(rest) = s.strip_prefix(p) {
            v.op = Some(*op);
            if *op == Op::Approx {
                v.approx = true;
            }
            s = rest.trim_start();
            break;
        }
    }
    // 零 / 无 / 零起: an explicit zero target.
    if let Some(rest) = s.strip_prefix('零').or_else(|| {
        s.strip_prefix('无')
            .filter(|r| r.is_empty() || *r == "事故")
    }) {
        if rest.is_empty() || rest.chars().count() <= 2 {
            v.value = Some(Decimal::ZERO);
            v.op.get_or_insert(Op::Eq);
            v.kind = ValueKind::Number;
            if !rest.is_empty() {
                v.unit = Some(rest.to_string());
            }
            return v;
        }
    }
    if let Some(date) = parse_date(s) {
        let (date, rest) = date;
        v.kind = ValueKind::Date;
        v.date = Some(date);
        apply_suffix_op(&mut v, rest);
        return v;
    }
    let Some((num, len)) = parse_number_prefix(s) else {
        v.kind = ValueKind::Qualitative;
        v.op = None;
        v.approx = false;
        return v;
    };
    v.value = Some(num);
    let mut rest = s[len..].trim();
    // Unit: `(亿美元)`, `(%)`, `%`, or glued text.
    let mut unit = String::new();
    if let Some(r) = rest.strip_prefix('(') {
        if let Some(close) = r.find(')') {
            unit = r[..close].trim().to_string();
            rest = r[close + 1..].trim();
        }
    } else if let Some(r) = rest.strip_prefix('%') {
        unit = "%".to_string();
        rest = r.trim();
    } else {
        // Glued unit: up to an operator word, a parenthesis or the end.
        let mut end = rest.len();
        for (p, _) in SUFFIX_OPS {
            if let Some(i) = rest.find(p) {
                if rest[i..].len() == p.len() {
                    end = end.min(i);
                }
            }
        }
        if let Some(i) = rest.find('(') {
            end = end.min(i);
        }
        unit = rest[..end].trim().to_string();
        rest = rest[end..].trim();
    }
    // A redundant parenthesised or glued word after `%` (`=100%百分比`, `95%(百分比)`).
    if unit == "%" {
        v.kind = ValueKind::Percent;
    } else {
        v.kind = ValueKind::Number;
        if unit.starts_with('%') {
            v.kind = ValueKind::Percent;
            let extra = unit[1..].trim().to_string();
            unit = "%".to_string();
            if !extra.is_empty() {
                v.suffix = Some(extra);
            }
        }
    }
    if !unit.is_empty() {
        v.unit = Some(unit);
    }
    apply_suffix_op(&mut v, rest);
    v
}

fn apply_suffix_op(v: &mut Value, rest: &str) {
    let rest = rest.trim();
    if rest.is_empty() {
        return;
    }
    for (p, op) in SUFFIX_OPS {
        if rest == *p {
            if v.op.is_none() {
                v.op = Some(*op);
            }
            return;
        }
    }
    let extra = rest.trim_matches(['(', ')']).trim();
    if !extra.is_empty() {
        v.suffix = Some(match v.suffix.take() {
            Some(s) => format!("{s}{extra}"),
            None => extra.to_string(),
        });
    }
}

fn digits(s: &str) -> (Option<u32>, usize) {
    let n = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    if n == 0 || n > 4 {
        return (None, 0);
    }
    (s[..n].parse().ok(), n)
}

/// Recognises `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY年MM月DD日`, `YYYY年MM月`, `MM月DD日`, `YYYY年`
/// (and `YYYY年底`/`年前`), returning the ISO-like date and the remaining text.
fn parse_date(s: &str) -> Option<(String, &str)> {
    let (a, na) = digits(s);
    let a = a?;
    let rest = &s[na..];
    // YYYY-MM-DD or YYYY/MM/DD or YYYY.MM.DD
    if na == 4 {
        for sep in ['-', '/', '.'] {
            if let Some(r) = rest.strip_prefix(sep) {
                let (m, nm) = digits(r);
                let r2 = &r[nm..];
                if let (Some(m), Some(r3)) = (m, r2.strip_prefix(sep)) {
                    let (d, nd) = digits(r3);
                    if let Some(d) = d {
                        if valid_md(m, d) {
                            return Some((format!("{a:04}-{m:02}-{d:02}"), &r3[nd..]));
                        }
                    }
                }
                if sep == '.' {
                    return None;
                }
            }
        }
    }
    if let Some(r) = rest.strip_prefix('年') {
        if na != 4 {
            return None;
        }
        let (m, nm) = digits(r);
        if let Some(m) = m {
            let r2 = &r[nm..];
            let r2 = r2.strip_prefix('月')?;
            let (d, nd) = digits(r2);
            if let Some(d) = d {
                let r3 = &r2[nd..];
                let r3 = r3
                    .strip_prefix('日')
                    .or_else(|| r3.strip_prefix('号'))
                    .unwrap_or(r3);
                if valid_md(m, d) {
                    return Some((format!("{a:04}-{m:02}-{d:02}"), r3));
                }
                return None;
            }
            if (1..=12).contains(&m) {
                return Some((
                    format!("{a:04}-{m:02}"),
                    r2.strip_prefix('底').unwrap_or(r2),
                ));
            }
            return None;
        }
        let r = r
            .strip_prefix('底')
            .or_else(|| r.strip_prefix("年底"))
            .unwrap_or(r);
        return Some((format!("{a:04}"), r));
    }
    if let Some(r) = rest.strip_prefix('月') {
        let (d, nd) = digits(r);
        let d = d?;
        let r2 = &r[nd..];
        let r2 = r2.strip_prefix('日').or_else(|| r2.strip_prefix('号'))?;
        if valid_md(a, d) {
            return Some((format!("{a:02}-{d:02}"), r2));
        }
    }
    None
}

fn valid_md(m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn quantitative_with_units() {
        let v = parse_value("≥30.00(亿美元)");
        assert_eq!(
            (v.op, v.value, v.unit.as_deref(), v.kind),
            (Some(Op::Ge), d("30.00"), Some("亿美元"), ValueKind::Number)
        );
        assert_eq!(v.value.unwrap().scale(), 2);
        let v = parse_value("=100%百分比");
        assert_eq!(
            (v.op, v.value, v.unit.as_deref(), v.kind),
            (Some(Op::Eq), d("100"), Some("%"), ValueKind::Percent)
        );
        assert_eq!(v.suffix.as_deref(), Some("百分比"));
        let v = parse_value("95.00(%)");
        assert_eq!(
            (v.op, v.value, v.kind),
            (None, d("95.00"), ValueKind::Percent)
        );
        let v = parse_value("85");
        assert_eq!(
            (v.op, v.value, v.unit, v.kind),
            (None, d("85"), None, ValueKind::Number)
        );
        let v = parse_value("约40万条");
        assert_eq!(
            (v.op, v.value, v.unit.as_deref(), v.approx),
            (Some(Op::Approx), d("40"), Some("万条"), true)
        );
        let v = parse_value(">1000家");
        assert_eq!(
            (v.op, v.value, v.unit.as_deref()),
            (Some(Op::Gt), d("1000"), Some("家"))
        );
        let v = parse_value("=120000000元");
        assert_eq!(
            (v.op, v.value, v.unit.as_deref()),
            (Some(Op::Eq), d("120000000"), Some("元"))
        );
        let v = parse_value("＞＝９５％");
        assert_eq!(
            (v.op, v.value, v.kind),
            (Some(Op::Ge), d("95"), ValueKind::Percent)
        );
        let v = parse_value("≥99.45%");
        assert_eq!(
            (v.op, v.value, v.kind),
            (Some(Op::Ge), d("99.45"), ValueKind::Percent)
        );
        let v = parse_value("95%以上");
        assert_eq!(
            (v.op, v.value, v.kind),
            (Some(Op::Ge), d("95"), ValueKind::Percent)
        );
        let v = parse_value("两个");
        assert_eq!((v.value, v.unit.as_deref()), (d("2"), Some("个")));
        let v = parse_value("1,234.5万元");
        assert_eq!((v.value, v.unit.as_deref()), (d("1234.5"), Some("万元")));
    }

    #[test]
    fn dates() {
        let v = parse_value("<=4月30日");
        assert_eq!(
            (v.op, v.kind, v.date.as_deref()),
            (Some(Op::Le), ValueKind::Date, Some("04-30"))
        );
        let v = parse_value("2023 年 12 月 31 日");
        assert_eq!(
            (v.op, v.kind, v.date.as_deref()),
            (None, ValueKind::Date, Some("2023-12-31"))
        );
        let v = parse_value("=2020年");
        assert_eq!((v.op, v.date.as_deref()), (Some(Op::Eq), Some("2020")));
        let v = parse_value("2035年以前");
        assert_eq!((v.op, v.date.as_deref()), (Some(Op::Le), Some("2035")));
        let v = parse_value("2020-06-30");
        assert_eq!(v.date.as_deref(), Some("2020-06-30"));
    }

    #[test]
    fn zero_and_words() {
        let v = parse_value("零起");
        assert_eq!(
            (v.op, v.value, v.unit.as_deref()),
            (Some(Op::Eq), d("0"), Some("起"))
        );
        for w in [
            "及时",
            "达标",
            "有效提高",
            "达成指标",
            "部分达成指标并具有一定效果",
            "预测执行效率100%",
        ] {
            let v = parse_value(w);
            assert_eq!(
                (v.kind, v.value, v.op),
                (ValueKind::Qualitative, None, None),
                "{w}"
            );
        }
        assert_eq!(parse_value("").kind, ValueKind::Blank);
        assert_eq!(parse_value("/").kind, ValueKind::Placeholder);
        assert_eq!(parse_value("-").kind, ValueKind::Placeholder);
        assert_eq!(parse_value("0人").value, d("0"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let v = parse_value(&s);
            proptest::prop_assert_eq!(v.raw, s.trim());
        }
    }
}
