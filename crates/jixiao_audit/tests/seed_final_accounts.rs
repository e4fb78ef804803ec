//! Acceptance test of the F (table identities) and D (disclosure) rules over a real published
//! 部门决算 (seed 004: a Zhuhai bureau, 2023), when the shared seeds are present next to the
//! checkout. Every finding pinned here was checked by hand against the source text:
//!
//! - the nine tables tie: no identity is broken beyond the rounding envelope; the differences
//!   of 0.01–0.02 万元 the tables print (the note under T1 warns of 尾数误差) are one info
//!   finding per table: T1 支出总计 86,257.73 vs 86,233.56 + 0.00 + 24.18 = 86,257.74; T3 row
//!   20805 2,212.37 vs 2,027.52 + 184.86 = 2,212.38, and its 208/20805 基本支出 vs their
//!   children (2,028.59, 2,027.51); T5 rows 201, 20113, 20805 (基本 + 项目 one cent above
//!   合计), and its 208/20805 基本, 20113 项目 (40,280.51) and 合计 项目 (79,866.55); T6 class
//!   301 4,113.49 vs Σ 13 items 4,113.50, class 302 456.15 vs Σ 27 items 456.17, 人员经费合计
//!   5,665.82 vs 4,113.49 + 1,552.32 = 5,665.81;
//! - one warning: line 586 prints `…二期建设项目项目绩效自评情况`, a doubled `项目` where the
//!   template's `项目绩效自评情况` follows a project name that already ends in 项目.

use std::collections::BTreeSet;

use jixiao_audit::{check, Config, Outcome, Report, Severity};

#[path = "../../jixiao_parse/tests/support/seeds.rs"]
mod seeds;

fn seed() -> Option<Report> {
    let bytes = seeds::read("004_")?;
    let doc = jixiao_parse::parse_bytes("004_35ac3d5a6e62b8b0.txt", &bytes).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let config = Config {
        select: vec!["F".into(), "D".into()],
        ..Config::default()
    };
    Some(check(&doc, &text, &config))
}

#[test]
fn seed_004_errors_and_warnings() {
    let Some(report) = seed() else { return };
    let got: BTreeSet<(u32, String, Severity)> = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| (f.line, f.rule.clone(), f.severity))
        .collect();
    let want: BTreeSet<(u32, String, Severity)> =
        [(586, "D509".to_string(), Severity::Warning)].into();
    assert_eq!(got, want);
    let d509 = report.findings.iter().find(|f| f.rule == "D509").unwrap();
    assert!(d509.message.contains("项目项目"), "{}", d509.message);
}

#[test]
fn seed_004_rounding_tails_are_one_info_per_table() {
    let Some(report) = seed() else { return };
    let got: Vec<(u32, &str, usize)> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Info)
        .map(|f| {
            // The number of grouped differences opens the message (`3 处差异…`).
            let n = f
                .message
                .split_whitespace()
                .next()
                .and_then(|w| w.parse().ok())
                .unwrap_or(0);
            (f.line, f.rule.as_str(), n)
        })
        .collect();
    assert_eq!(
        got,
        [
            (121, "F304", 1),
            (197, "F306", 2),
            (198, "F305", 1),
            (281, "F305", 3),
            (293, "F306", 4),
            (327, "F307", 3),
        ]
    );
    let t6 = report.findings.iter().find(|f| f.rule == "F307").unwrap();
    assert!(
        t6.message.contains("302 商品和服务支出 456.15"),
        "{}",
        t6.message
    );
    assert!(t6.message.contains("= 456.17（差 -0.02"), "{}", t6.message);
}

#[test]
fn seed_004_ledger() {
    let Some(report) = seed() else { return };
    let entries: Vec<_> = report
        .ledger
        .iter()
        .filter(|e| e.rule.starts_with('F') || e.rule.starts_with('D'))
        .collect();
    // Every F and D rule left at least one outcome.
    let codes: BTreeSet<&str> = entries.iter().map(|e| e.rule.as_str()).collect();
    for code in (301..=318)
        .map(|n| format!("F{n}"))
        .chain((501..=509).map(|n| format!("D{n}")))
    {
        assert!(codes.contains(code.as_str()), "{code} left no outcome");
    }
    // Nothing is missing; only the two tables stating 本表本年度无发生额 are not applicable.
    assert!(entries
        .iter()
        .all(|e| e.outcome != Outcome::InsufficientData));
    let na: BTreeSet<(&str, u32)> = entries
        .iter()
        .filter(|e| e.outcome == Outcome::NotApplicable)
        .map(|e| (e.rule.as_str(), e.line_start))
        .collect();
    assert_eq!(
        na,
        [
            ("F305", 391),
            ("F305", 405),
            ("F306", 391),
            ("F306", 405),
            ("F308", 391),
        ]
        .into()
    );
    let failed: Vec<&str> = entries
        .iter()
        .filter(|e| e.outcome == Outcome::Fail)
        .map(|e| e.rule.as_str())
        .collect();
    assert_eq!(failed, ["D509"]);
}
