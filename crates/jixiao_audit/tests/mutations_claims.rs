//! Mutation tests of the C family: change one stated percentage or amount of the clean claims
//! fixture at a time and assert that exactly the expected new findings appear, at that line.
//! Only the C rules are selected, so that the test does not depend on other families.

use std::collections::BTreeSet;
use std::path::Path;

use jixiao_audit::{check, Config, Severity};

fn findings(text: &str) -> BTreeSet<(u32, String)> {
    let doc = jixiao_parse::parse_str("m.txt", text);
    let config = Config {
        select: vec!["C".to_string()],
        ..Config::default()
    };
    check(&doc, text, &config)
        .findings
        .into_iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| (f.line, f.rule))
        .collect()
}

fn clean() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test/fixtures/claims/clean.txt"),
    )
    .unwrap()
}

/// Replaces `old` by `new` on the one line that starts with `anchor` and holds `old`; returns
/// the new text and the 1-based line number.
fn mutate(text: &str, anchor: &str, old: &str, new: &str) -> (String, u32) {
    let mut at = None;
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if l.starts_with(anchor) && l.contains(old) {
                assert!(at.is_none(), "`{anchor}` / `{old}` matches twice");
                at = Some(i as u32 + 1);
                l.replacen(old, new, 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    let line = at.unwrap_or_else(|| panic!("no line starts with `{anchor}` and holds `{old}`"));
    (lines.join("\n") + "\n", line)
}

/// (line anchor, old text, new text, codes expected at that line).
type Mutation = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

const MUTATIONS: &[Mutation] = &[
    // Growth rates.
    ("5. 事业收入", "下降6.7%", "下降7.6%", &["C401"]),
    ("5. 事业收入", "下降6.7%", "下降6.8%", &["C401"]),
    // An amount restating a table cell.
    (
        "1. 一般公共预算财政拨款收入",
        "2,346.8万元",
        "2,364.8万元",
        &["C402"],
    ),
    (
        "青川市气象服务中心2024年度总收入",
        "2,417.8万元",
        "2,471.8万元",
        &["C402"],
    ),
    ("1. 因公出国（境）费支出", "3.6万元", "3.9万元", &["C402"]),
    // A 三公 budget: the table's 预算数 and the completion rate both disagree.
    (
        "青川市气象服务中心2024年度“三公”",
        "完成全年预算18万元",
        "完成全年预算19万元",
        &["C402", "C406"],
    ),
    // 基本支出 of the general-budget section: its table cell, its share and the itemised sum.
    (
        "2024年度一般公共预算财政拨款支出",
        "1,602.8万元",
        "1,620.8万元",
        &["C402", "C405", "C408"],
    ),
    // Direction words.
    ("1. 基本支出", "增长2.4%", "下降2.4%", &["C403"]),
    // Zero base: a rate on it, and a zero-base marker on a real base.
    (
        "8. 其他收入",
        "增长--（基数为0，不可比）",
        "增长100%",
        &["C404"],
    ),
    (
        "2. 项目支出",
        "增长12.9%",
        "增长--（基数为0，不可比）",
        &["C404"],
    ),
    // 持平 said of a change that is not zero, and the change contradicting the overview.
    (
        "青川市气象服务中心2024年度财政拨款收入合计",
        "政府性基金预算财政拨款收入0万元，比上年决算数增加0万元",
        "政府性基金预算财政拨款收入0万元，比上年决算数增加2万元",
        &["C403", "C410"],
    ),
    // Shares and completion rates.
    (
        "2024年度“三公”经费财政拨款支出决算中",
        "占15.4%",
        "占14.5%",
        &["C405"],
    ),
    (
        "2024年度本单位政府采购支出总额",
        "占政府采购支出总额的87.1%",
        "占政府采购支出总额的81.7%",
        &["C405"],
    ),
    (
        "青川市气象服务中心2024年度“三公”",
        "完成预算3万元的80%",
        "完成预算3万元的85%",
        &["C406"],
    ),
    // Per-project sentences.
    (
        "人工影响天气作业保障项目",
        "完成预算的95.24%",
        "完成预算的100%",
        &["C407"],
    ),
    (
        "人工影响天气作业保障项目",
        "执行数为200万元，完成预算的95.24%",
        "执行数为205万元，完成预算的97.62%",
        &["C409"],
    ),
    // Itemised sums.
    (
        "2024年度本单位政府采购支出总额",
        "政府采购服务支出128.3万元",
        "政府采购服务支出138.3万元",
        &["C408"],
    ),
    // A change stated twice.
    ("3. 公务接待费支出", "减少1.7万元", "减少1.2万元", &["C410"]),
    // 机关运行经费 vs 公用经费合计 (a warning).
    (
        "2024年度本单位机关运行经费支出",
        "334.8万元",
        "336.8万元",
        &["C411"],
    ),
];

#[test]
fn the_clean_fixture_has_no_claim_findings() {
    assert!(findings(&clean()).is_empty());
}

#[test]
fn each_mutation_yields_its_findings() {
    let base = clean();
    let before = findings(&base);
    for (anchor, old, new, codes) in MUTATIONS {
        let (text, line) = mutate(&base, anchor, old, new);
        let after = findings(&text);
        let added: BTreeSet<_> = after.difference(&before).cloned().collect();
        let expected: BTreeSet<_> = codes.iter().map(|c| (line, c.to_string())).collect();
        assert_eq!(added, expected, "{old} → {new} (line {line})");
        assert!(
            before.difference(&after).next().is_none(),
            "{old} → {new}: a finding disappeared"
        );
    }
}

#[test]
fn rounding_inside_the_envelope_is_info_only() {
    // 1.7 / (2.4 + 1.7) = 41.46 %; 41.2 % is reachable only through the rounding of the two
    // printed amounts the base is derived from (1.695 / 4.11 = 41.24 %).
    let (text, line) = mutate(
        &clean(),
        "青川市气象服务中心2024年度“三公”",
        "下降41.5%",
        "下降41.2%",
    );
    let doc = jixiao_parse::parse_str("m.txt", &text);
    let config = Config {
        select: vec!["C".to_string()],
        ..Config::default()
    };
    let report = check(&doc, &text, &config);
    let at: Vec<_> = report.findings.iter().filter(|f| f.line == line).collect();
    assert_eq!(at.len(), 1, "{at:#?}");
    assert_eq!(at[0].rule, "C401");
    assert_eq!(at[0].severity, Severity::Info);
}
