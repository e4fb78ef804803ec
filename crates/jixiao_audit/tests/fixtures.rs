//! Rule fixtures, clippy/mdtest style: each `resources/test/fixtures/<family>/<CODE>.txt` is a
//! document in a published layout with a marker line `#~^ CODE` under every line the rule
//! must report. The harness strips the markers, checks with only that rule selected, compares
//! the reported (line, code) pairs with the markers, and snapshots the rendered text output.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jixiao_audit::{check, codes, render, Config, Lang, Severity};

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

#[test]
fn every_fixture_reports_exactly_its_markers() {
    let files = fixture_files();
    assert!(files.len() >= 20, "fixtures found: {}", files.len());
    for (code, path) in files {
        let raw = std::fs::read_to_string(&path).unwrap();
        let (text, expected) = strip_markers(&raw);
        assert!(
            !expected.is_empty(),
            "{code}: a fixture without markers asserts nothing"
        );
        let name = format!("{code}.txt");
        let (found, rendered) = run(&code, &name, &text);
        assert_eq!(found, expected, "{code}: reported vs marked\n{rendered}");
        insta::assert_snapshot!(code.clone(), rendered);
    }
}

#[test]
fn clean_fixtures_report_nothing() {
    for family in [
        "self_eval",
        "targets",
        "claims",
        "final_accounts",
        "disclosure",
    ] {
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
        // Every rule left an outcome, and none of them passed on missing input.
        assert!(report
            .ledger
            .iter()
            .all(|e| e.outcome != jixiao_audit::Outcome::Fail));
    }
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
