//! Mutation tests for the final-accounts rules (F) and the disclosure rules (D): change one
//! printed amount (or one phrase) of the clean 部门决算 fixture at a time and assert that
//! exactly the expected new findings of these families appear. Each case names the
//! arithmetic that breaks.

mod common;

use std::collections::BTreeSet;

use common::mutate;
use jixiao_audit::{Config, Report, Severity};

fn config() -> Config {
    Config {
        select: vec!["F".into(), "D".into()],
        ..Config::default()
    }
}

fn report(text: &str) -> Report {
    common::report(text, &config())
}

fn findings(text: &str) -> BTreeSet<(u32, String)> {
    common::findings(text, &config())
}

fn infos(text: &str) -> Vec<String> {
    report(text)
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Info)
        .map(|f| f.rule)
        .collect()
}

/// Replaces `old` (which must occur once) on line `line`.
fn reword(text: &str, line: u32, old: &str, new: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let l = &mut lines[line as usize - 1];
    assert_eq!(l.matches(old).count(), 1, "line {line}: {l:?}");
    *l = l.replacen(old, new, 1);
    lines.join("\n") + "\n"
}

fn clean() -> String {
    common::fixture("final_accounts", "clean.txt")
}

/// Line numbers of the clean fixture.
const T1_FUNCTION_213: u32 = 60;
const T1_CURRENT_TOTALS: u32 = 79;
const T1_OPENING: u32 = 81;
const T1_GRAND_TOTALS: u32 = 82;
const T1_GENERAL_BUDGET: u32 = 49;
const T2_TOTAL: u32 = 99;
const T3_21303: u32 = 144;
const T3_2130313: u32 = 147;
const T4_GENERAL_BUDGET: u32 = 167;
const T4_213: u32 = 178;
const T4_CURRENT_TOTALS: u32 = 197;
const T5_TOTAL: u32 = 217;
const T6_301_302: u32 = 246;
const T6_30217: u32 = 254;
const T7_213: u32 = 284;
const T7_21366: u32 = 285;
const T7_2136601: u32 = 286;
const T8_TOTAL: u32 = 301;
const T8_STATEMENT: u32 = 304;
const T9_DATA: u32 = 318;
const PROSE_SERVICE_INCOME: u32 = 338;
const PROSE_VEHICLES: u32 = 368;

/// (line, cell, new value, the (line, code) findings that must appear).
type Mutation = (u32, usize, &'static str, &'static [(u32, &'static str)]);

#[test]
fn the_clean_fixture_is_clean() {
    let base = clean();
    assert_eq!(findings(&base), BTreeSet::new());
    assert_eq!(infos(&base), Vec::<String>::new());
    // Spot-check the line constants.
    let line = |n: u32| base.lines().nth(n as usize - 1).unwrap().to_string();
    assert!(line(T1_FUNCTION_213).contains("十二、农林水支出"));
    assert!(line(T1_GENERAL_BUDGET).starts_with("一、一般公共预算财政拨款收入"));
    assert!(line(T2_TOTAL).starts_with("合计\t\t2,535.00"));
    assert!(line(T3_2130313).starts_with("2130313"));
    assert!(line(T4_213).contains("十二、农林水支出"));
    assert!(line(T5_TOTAL).contains("2,325.60"));
    assert!(line(T6_30217).contains("30217"));
    assert!(line(T7_2136601).starts_with("2136601"));
    assert!(line(T8_STATEMENT).contains("本表本年度无发生额"));
    assert!(line(T9_DATA).starts_with("58.00"));
    assert!(line(PROSE_VEHICLES).starts_with("2. 公务用车购置"));
}

#[test]
fn each_mutation_yields_its_findings() {
    let base = clean();
    let cases: &[Mutation] = &[
        // T1 line 1 up by 1.00: the income lines no longer make 本年收入合计; lines 1–3 no
        // longer make T2's 财政拨款收入; T4 prints the old figure.
        (
            T1_GENERAL_BUDGET,
            2,
            "2,346.60",
            &[
                (T1_CURRENT_TOTALS, "F302"),
                (T2_TOTAL, "F310"),
                (T4_GENERAL_BUDGET, "F312"),
            ],
        ),
        // A T1 function line: 本年支出合计 and the T3 class row disagree with it.
        (
            T1_FUNCTION_213,
            5,
            "2,259.20",
            &[(T1_CURRENT_TOTALS, "F303"), (143, "F311")],
        ),
        // T1 opening balance: 收入总计 is no longer its composition.
        (T1_OPENING, 2, "41.00", &[(T1_GRAND_TOTALS, "F304")]),
        // T1 expenditure 总计: the two sides and the composition break.
        (
            T1_GRAND_TOTALS,
            5,
            "2,578.00",
            &[(T1_GRAND_TOTALS, "F301"), (T1_GRAND_TOTALS, "F304")],
        ),
        // A T3 item's 项目支出: its row and its 款 break (T5 stays below it).
        (
            T3_2130313,
            4,
            "455.30",
            &[(T3_2130313, "F305"), (T3_21303, "F306")],
        ),
        // T2 合计 栏1: row, hierarchy and the T1 comparison.
        (
            T2_TOTAL,
            2,
            "2,553.00",
            &[(T2_TOTAL, "F305"), (T2_TOTAL, "F306"), (T2_TOTAL, "F310")],
        ),
        // The 基金 column of a T4 class line: its row, its column total, and T7.
        (
            T4_213,
            7,
            "100.00",
            &[
                (T4_213, "F305"),
                (T4_CURRENT_TOTALS, "F303"),
                (T7_213, "F313"),
            ],
        ),
        // A T6 item: its class, and the 三公 table now below it.
        (
            T6_30217,
            5,
            "2.40",
            &[(T6_301_302, "F307"), (T9_DATA, "F316")],
        ),
        // T7 income of an item: its closing balance and its 款.
        (
            T7_2136601,
            3,
            "120.50",
            &[(T7_2136601, "F308"), (T7_21366, "F306")],
        ),
        // An amount in the table that states 本表本年度无发生额.
        (
            T8_TOTAL,
            2,
            "5.00",
            &[
                (T8_STATEMENT, "D502"),
                (T8_TOTAL, "F305"),
                (T8_TOTAL, "F313"),
            ],
        ),
        // 三公 vehicle running costs: the vehicle subtotal breaks.
        (T9_DATA, 10, "9.90", &[(T9_DATA, "F315")]),
        // 三公 reception above its budget and the T6 item both hold; the total breaks.
        (T9_DATA, 11, "2.90", &[(T9_DATA, "F315")]),
        // A negative amount.
        (
            T1_OPENING,
            5,
            "-68.00",
            &[(T1_OPENING, "F309"), (T1_GRAND_TOTALS, "F304")],
        ),
    ];
    for (line, cell, value, expected) in cases {
        let text = mutate(&base, *line, *cell, value);
        let got = findings(&text);
        let want: BTreeSet<(u32, String)> =
            expected.iter().map(|(l, c)| (*l, c.to_string())).collect();
        assert_eq!(got, want, "line {line} cell {cell} → {value}");
    }
}

#[test]
fn a_rounding_tail_is_one_info_per_table() {
    // T5 合计 基本支出 1,640.30 → 1,640.31: its row (F305), its classes (F306) and T6's two lane
    // totals (F314) are each off by 0.01, inside the envelope: info, one per unit, no error.
    let text = mutate(&clean(), T5_TOTAL, 3, "1,640.31");
    assert_eq!(findings(&text), BTreeSet::new());
    let mut got = infos(&text);
    got.sort();
    assert_eq!(got, ["F305", "F306", "F314"]);
    // Two rounding tails in one table are still one info finding.
    let text = mutate(&text, 218, 2, "134.41");
    let text = mutate(&text, 218, 3, "134.41");
    let t5: Vec<String> = report(&text)
        .findings
        .into_iter()
        .filter(|f| f.rule == "F306")
        .map(|f| format!("{:?} {}", f.severity, f.message))
        .collect();
    assert_eq!(t5.len(), 1, "{t5:#?}");
    assert!(t5[0].starts_with("Info"), "{t5:#?}");
}

/// (line, text to replace, replacement, the (line, code) findings that must appear).
type ProseMutation = (
    u32,
    &'static str,
    &'static str,
    &'static [(u32, &'static str)],
);

#[test]
fn prose_mutations_yield_their_findings() {
    let base = clean();
    let cases: &[ProseMutation] = &[
        // The reason of a change removed.
        (
            PROSE_SERVICE_INCOME,
            "主要变动情况：水质检测委托服务减少。",
            "",
            &[(PROSE_SERVICE_INCOME, "D506")],
        ),
        // An empty reason is template residue (and `：。` a doubled mark).
        (
            PROSE_SERVICE_INCOME,
            "主要变动情况：水质检测委托服务减少。",
            "主要变动情况：。",
            &[
                (PROSE_SERVICE_INCOME, "D505"),
                (PROSE_SERVICE_INCOME, "D509"),
            ],
        ),
        // The number of vehicles bought left out although 购置费 is 30.00.
        (
            PROSE_VEHICLES,
            "，公务用车购置数1辆",
            "",
            &[(PROSE_VEHICLES, "D503")],
        ),
        // A truncated year.
        (1, "2024年度", "202 年度", &[(1, "D505")]),
    ];
    for (line, old, new, expected) in cases {
        let text = reword(&base, *line, old, new);
        let got = findings(&text);
        let want: BTreeSet<(u32, String)> =
            expected.iter().map(|(l, c)| (*l, c.to_string())).collect();
        assert_eq!(got, want, "line {line}: {old} → {new}");
    }
}
