//! Mutation tests: change one printed number of a clean fixture at a time and assert that
//! exactly the expected new finding appears at that line.

mod common;

use common::{assert_mutations, findings, Mutation};
use jixiao_audit::Config;

fn clean() -> String {
    common::fixture("self_eval", "clean.txt")
}

/// Line numbers of the clean self-evaluation fixture.
const TOTAL_FUNDS: u32 = 9;
const APPROPRIATION: u32 = 10;
const FIRST_INDICATOR: u32 = 16;
const PARTIAL: u32 = 19;
const TOTAL: u32 = 22;
const GRADE: u32 = 23;

#[test]
fn each_mutation_yields_its_finding() {
    let base = clean();
    let before = findings(&base, &Config::default());
    assert!(before.is_empty(), "{before:?}");
    // (line, cell, new value, the (line, code) that must appear)
    let cases: &[Mutation] = &[
        // A stated execution rate.
        (TOTAL_FUNDS, 7, "96.08", &[(TOTAL_FUNDS, "S101")]),
        (APPROPRIATION, 7, "0.00", &[(APPROPRIATION, "S101")]),
        // The execution score (the total then no longer adds up either).
        (
            TOTAL_FUNDS,
            8,
            "9.71",
            &[(TOTAL_FUNDS, "S102"), (TOTAL, "S108")],
        ),
        // An amount: the sub-row's executed (its rate and the sum break).
        (
            APPROPRIATION,
            5,
            "110.10",
            &[(APPROPRIATION, "S101"), (TOTAL_FUNDS, "S103")],
        ),
        // An indicator's score.
        (
            FIRST_INDICATOR,
            6,
            "17.00",
            &[
                (FIRST_INDICATOR, "S106"),
                (FIRST_INDICATOR, "S113"),
                (TOTAL, "S108"),
            ],
        ),
        (
            FIRST_INDICATOR,
            6,
            "21.00",
            &[
                (FIRST_INDICATOR, "S105"),
                (FIRST_INDICATOR, "S106"),
                (TOTAL, "S108"),
            ],
        ),
        // A qualitative score outside its tier.
        (PARTIAL, 6, "18.00", &[(PARTIAL, "S107"), (TOTAL, "S108")]),
        // The total, and the total row's weight.
        (TOTAL, 6, "94.61", &[(TOTAL, "S108")]),
        (TOTAL, 5, "90.00", &[(TOTAL, "S110")]),
        // A weight (the weights then add up to 95, and the total row still prints 100).
        // (The score 15.00 then also lies outside 部分达成 of 15.)
        (
            PARTIAL,
            5,
            "15.00",
            &[(PARTIAL, "S107"), (TOTAL, "S109"), (TOTAL, "S110")],
        ),
        // The grade.
        (GRADE, 2, "中", &[(GRADE, "S112")]),
        // A target: a vague word on a rate, and a missing value.
        (
            FIRST_INDICATOR + 1,
            3,
            "规范",
            // (With it the share of quantitative targets drops to 2 of 6.)
            &[(FIRST_INDICATOR + 1, "T202"), (FIRST_INDICATOR, "T209")],
        ),
        (
            FIRST_INDICATOR,
            3,
            "",
            &[(FIRST_INDICATOR, "T201"), (FIRST_INDICATOR, "T209")],
        ),
    ];
    assert_mutations(&base, &Config::default(), cases);
}
