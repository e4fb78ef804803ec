//! Helpers shared by the mutation tests.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;

use jixiao_audit::{check, Config, Report, Severity};

/// A fixture's text (`resources/test/fixtures/<family>/<name>`).
pub fn fixture(family: &str, name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("resources/test/fixtures")
            .join(family)
            .join(name),
    )
    .unwrap()
}

/// Parses and checks `text`.
pub fn report(text: &str, config: &Config) -> Report {
    let doc = jixiao_parse::parse_str("m.txt", text);
    check(&doc, text, config)
}

/// The (line, rule) of every error and warning.
pub fn findings(text: &str, config: &Config) -> BTreeSet<(u32, String)> {
    report(text, config)
        .findings
        .into_iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| (f.line, f.rule))
        .collect()
}

/// Replaces cell `cell` (0-based, tab-separated) of line `line` (1-based).
pub fn mutate(text: &str, line: u32, cell: usize, value: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let l = &mut lines[line as usize - 1];
    let mut cells: Vec<&str> = l.split('\t').collect();
    assert!(cell < cells.len(), "line {line} has no cell {cell}: {l:?}");
    cells[cell] = value;
    *l = cells.join("\t");
    lines.join("\n") + "\n"
}

/// (line, cell, new value, the (line, code) findings that must appear).
pub type Mutation = (u32, usize, &'static str, &'static [(u32, &'static str)]);

/// Applies each mutation to `base` alone and asserts that the new findings (beyond those of
/// `base`) are exactly the expected ones.
pub fn assert_mutations(base: &str, config: &Config, cases: &[Mutation]) {
    let before = findings(base, config);
    for (line, cell, value, expect) in cases {
        let after = findings(&mutate(base, *line, *cell, value), config);
        let new: BTreeSet<(u32, String)> = after.difference(&before).cloned().collect();
        let want: BTreeSet<(u32, String)> =
            expect.iter().map(|(l, c)| (*l, c.to_string())).collect();
        assert_eq!(new, want, "line {line} cell {cell} := {value:?}");
    }
}
