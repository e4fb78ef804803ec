//! Rule fixtures, clippy/mdtest style: each `resources/test/fixtures/<family>/<CODE>.txt` is a
//! document in a published layout with a marker line `#~^ CODE` under every line the rule
//! must report. The harness strips the markers, checks with only that rule selected, compares
//! the reported (line, code) pairs with the markers, and snapshots the rendered text output.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jixiao_audit::{check, codes, render, Config, Lang, Outcome, Severity};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test/fixtures")
}

/// The fixture without its marker lines, and the expected (line, code) pairs.
fn strip_markers(text: &str) -> (String, BTreeSet<(u32, String)>) {
    let mut out = Vec::new();
    let mut expected = BTreeSet::new();
    for line in text.lines() {
        if let Some(code) = line.strip_prefix("#~^ ") {
            expected.insert((out.len() as u32, code.trim().to_string()));
        } else {
            out.push(line);
        }
    }
    (out.join("\n") + "\n", expected)
}

fn run(code: &str, name: &str, text: &str) -> (BTreeSet<(u32, String)>, String) {
    let doc = jixiao_parse::parse_str(name, text);
    let config = Config {
        select: vec![code.to_string()],
        ..Config::default()
    };
    let report = check(&doc, text, &config);
    let found = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| (f.line, f.rule.clone()))
        .collect();
    let rendered = render::text(&report.findings, &report.ledger, |_| Some(text), Lang::Zh);
    (found, rendered)
}

fn fixture_files() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for family in std::fs::read_dir(fixtures_dir()).unwrap() {
        for f in std::fs::read_dir(family.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            if codes::rule(&stem).is_some() {
                out.push((stem, p));
            }
        }
    }
    out.sort();
    out
}

/// The rule's fixture reports exactly its markers; the rendered findings are snapshotted.
fn fixture_reports_exactly_its_markers(family: &str, code: &str) {
    let path = fixtures_dir().join(family).join(format!("{code}.txt"));
    let raw = std::fs::read_to_string(&path).unwrap();
    let (text, expected) = strip_markers(&raw);
    assert!(
        !expected.is_empty(),
        "{code}: a fixture without markers asserts nothing"
    );
    let name = format!("{code}.txt");
    let (found, rendered) = run(code, &name, &text);
    assert_eq!(found, expected, "{code}: reported vs marked\n{rendered}");
    insta::assert_snapshot!(code.to_string(), rendered);
}

/// The family's clean fixture: no error or warning from any rule; every rule of the family
/// left an outcome, none failed, and none passed on missing input — a rule that lacked an
/// input says so (insufficient data, with its reason) and a pass has checked at least one item.
/// `insufficient` lists the rules of the family expected to lack an input, and why.
fn clean_fixture_reports_nothing(family: &str, insufficient: &[&str]) {
    let text = std::fs::read_to_string(fixtures_dir().join(family).join("clean.txt")).unwrap();
    let doc = jixiao_parse::parse_str("clean.txt", &text);
    assert!(doc.warnings.is_empty(), "{family}: {:?}", doc.warnings);
    let report = check(&doc, &text, &Config::default());
    let bad: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(bad.is_empty(), "{family}: {bad:#?}");
    let letter = codes::rule(family_code(family))
        .unwrap()
        .meta()
        .family
        .letter();
    let own: Vec<&str> = codes::RULES
        .iter()
        .map(|r| r.meta().code)
        .filter(|c| c.starts_with(letter))
        .collect();
    for code in &own {
        let entries: Vec<_> = report.ledger.iter().filter(|e| e.rule == *code).collect();
        assert!(!entries.is_empty(), "{family}: {code} left no outcome");
        for e in entries {
            match e.outcome {
                Outcome::Fail => panic!("{family}: {code} failed: {e:?}"),
                Outcome::Pass => assert!(
                    !e.reason.starts_with("检查 0 项"),
                    "{family}: {code} passed having checked nothing: {e:?}"
                ),
                Outcome::InsufficientData => assert!(
                    insufficient.contains(code) && !e.reason.is_empty(),
                    "{family}: {code} lacked an input: {e:?}"
                ),
                Outcome::NotApplicable => {
                    assert!(!e.reason.is_empty(), "{family}: {code}: {e:?}")
                }
            }
        }
    }
}

/// A code of the family whose fixtures live in `family` (to find the family's letter).
fn family_code(family: &str) -> &'static str {
    let (_, code) = FIXTURES
        .iter()
        .find(|(f, _)| *f == family)
        .unwrap_or_else(|| panic!("no fixture listed for {family}"));
    code
}

/// One test per rule fixture (`<family>::<CODE>`) and one per family's clean fixture
/// (`<family>::clean`), so that every failing rule shows on its own. `FIXTURES` lists them
/// all; `every_fixture_file_has_a_test` keeps the list and the files in step.
macro_rules! fixture_tests {
    ($($family:ident [$($insufficient:literal),*]: $($code:ident),+;)+) => {
        $(
            #[allow(non_snake_case)]
            mod $family {
                $(
                    #[test]
                    fn $code() {
                        super::fixture_reports_exactly_its_markers(
                            stringify!($family),
                            stringify!($code),
                        );
                    }
                )+

                #[test]
                fn clean() {
                    super::clean_fixture_reports_nothing(stringify!($family), &[$($insufficient),*]);
                }
            }
        )+

        /// (family, code) of every rule fixture with a test.
        const FIXTURES: &[(&str, &str)] = &[$($((stringify!($family), stringify!($code))),+),+];
    };
}

fixture_tests! {
    self_eval []: S101, S102, S103, S104, S105, S106, S107, S108, S109, S110, S112, S113,
        S114;
    targets []: T201, T202, T203, T204, T205, T206, T207, T208, T209, T210;
    final_accounts []: F301, F302, F303, F304, F305, F306, F307, F308, F309, F310, F311, F312,
        F313, F314, F315, F316, F317, F318;
    // C409: the clean document prints no scoresheet for the project its prose names.
    claims ["C409"]: C401, C402, C403, C404, C405, C406, C407, C408, C409, C410, C411, C412,
        C413, C414;
    disclosure []: D501, D502, D503, D504, D505, D506, D507, D508, D509, D510, D511, D512;
}

#[test]
fn every_fixture_file_has_a_test() {
    let files: BTreeSet<(String, String)> = fixture_files()
        .into_iter()
        .map(|(code, p)| {
            let family = p.parent().unwrap().file_name().unwrap();
            (family.to_string_lossy().to_string(), code)
        })
        .collect();
    let listed: BTreeSet<(String, String)> = FIXTURES
        .iter()
        .map(|(f, c)| (f.to_string(), c.to_string()))
        .collect();
    assert_eq!(files, listed, "fixture files vs the fixture_tests! list");
}

#[test]
fn every_rule_has_a_fixture_or_is_covered_elsewhere() {
    let have: BTreeSet<String> = fixture_files().into_iter().map(|(c, _)| c).collect();
    // Covered by the seed and scoresheet tests instead of a marker fixture.
    let elsewhere = ["P001", "S111"];
    for r in codes::RULES {
        let c = r.meta().code;
        if c.starts_with('S') || c.starts_with('T') {
            assert!(
                have.contains(c) || elsewhere.contains(&c),
                "{c} has no fixture"
            );
        }
    }
}
