//! Acceptance test of the C family over a real published 部门决算 (seed 004: a Zhuhai bureau,
//! 2023), when the shared seeds are present next to the checkout. Every finding pinned here was
//! verified by hand against the source text.

use std::collections::HashMap;

use jixiao_audit::{check, Config, Outcome, Report, Severity};

#[path = "../../jixiao_parse/tests/support/seeds.rs"]
mod seeds;

fn seed() -> Option<(String, Report)> {
    let bytes = seeds::read("004_")?;
    let doc = jixiao_parse::parse_bytes("004.txt", &bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let config = Config {
        select: vec!["C".to_string()],
        ..Config::default()
    };
    let report = check(&doc, &text, &config);
    Some((text, report))
}

#[test]
fn the_one_error_is_the_inspection_fee_sentence() {
    let Some((_, report)) = seed() else { return };
    let bad: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    // 查验配套服务费: budget 500, executed 394.86, no adjustment stated, "完成预算的100%":
    // 394.86 / 500.00 = 78.97 %.
    assert_eq!(bad.len(), 1, "{bad:#?}");
    let f = bad[0];
    assert_eq!((f.rule.as_str(), f.line), ("C407", 555));
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.stated.as_deref(), Some("100"));
    assert_eq!(f.expected.as_deref(), Some("78.97"));
    assert!(
        f.message.contains("394.86 / 预算 500.00 = 78.97%"),
        "{}",
        f.message
    );
    assert_eq!(f.form.as_deref(), Some("查验配套服务费"));
}

#[test]
fn the_hospitality_growth_rate_is_only_possibly_rounding() {
    let Some((_, report)) = seed() else { return };
    // 公务接待费 3.86, +1.24, "增长47.1%": 1.24 / 2.62 = 47.33 %, but the base is the
    // difference of two printed amounts, and 1.235 / 2.625 = 47.05 % is inside their rounding.
    let info: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Info)
        .collect();
    assert_eq!(info.len(), 1, "{info:#?}");
    assert_eq!((info[0].rule.as_str(), info[0].line), ("C401", 487));
    assert_eq!(info[0].stated.as_deref(), Some("47.1"));
    assert_eq!(info[0].expected.as_deref(), Some("47.33"));
}

#[test]
fn ledger_outcomes() {
    let Some((_, report)) = seed() else { return };
    let mut by: HashMap<(String, Outcome), usize> = HashMap::new();
    for e in &report.ledger {
        *by.entry((e.rule.clone(), e.outcome)).or_default() += 1;
    }
    let n = |rule: &str, o: Outcome| by.get(&(rule.to_string(), o)).copied().unwrap_or(0);
    // Every amount bound to a table cell (income lines, 总收入/本年收入, 基本/项目支出, 财政拨款
    // totals, the 三公 total and items on both halves) equals it.
    assert_eq!(n("C402", Outcome::Pass), 45);
    assert_eq!(
        n("C402", Outcome::Fail) + n("C402", Outcome::InsufficientData),
        0
    );
    // Growth rates: all recomputed ones pass (47.1 % as rounding); the retail-sales sentence
    // gives a rate without its change.
    assert_eq!(n("C401", Outcome::Pass), 10);
    assert_eq!(n("C401", Outcome::InsufficientData), 1);
    // Shares: 三公 items over the 三公 决算 合计, SME contracts over the stated procurement total,
    // the evaluated projects over the general-budget project spending; three shares name a
    // base (货物/工程/服务支出金额) the text never states.
    assert_eq!(n("C405", Outcome::Pass), 6);
    assert_eq!(n("C405", Outcome::InsufficientData), 3);
    assert_eq!(n("C406", Outcome::Pass), 3);
    assert_eq!(n("C407", Outcome::Pass), 21);
    assert_eq!(n("C407", Outcome::Fail), 1);
    assert_eq!(n("C408", Outcome::Pass), 3);
    // 机关运行经费 472.67 = 公用经费合计 472.67.
    assert_eq!(n("C411", Outcome::Pass), 1);
    // Project sentences bound to a scoresheet of the same name and year agree with it; the
    // 2022 sheet is not compared, the sheet read from a summary is insufficient, and ten
    // projects have no sheet of the same name.
    assert_eq!(n("C409", Outcome::Pass), 11);
    assert_eq!(n("C409", Outcome::NotApplicable), 1);
    assert_eq!(n("C409", Outcome::InsufficientData), 10);
    let na = report
        .ledger
        .iter()
        .find(|e| e.rule == "C409" && e.outcome == Outcome::NotApplicable)
        .unwrap();
    assert_eq!(na.line_start, 592);
    assert!(na.reason.contains("2022"), "{}", na.reason);
}
