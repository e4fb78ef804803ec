//! Where the real seed documents are, for the acceptance tests over `../shared/seeds` (next to
//! the checkout). Every seed test of every crate finds its documents here, included with
//! `#[path = "../../jixiao_parse/tests/support/seeds.rs"] mod seeds;`.
//!
//! Without the folder a seed test prints `skipping: ../shared/seeds not present` and returns.
//! With `JIXIAO_REQUIRE_SEEDS=1` (CI sets it) a missing folder or seed fails the test instead:
//! an acceptance test that cannot see its documents must not pass.

#![allow(dead_code)]

use std::path::PathBuf;

/// The variable that turns a missing seed from a skip into a failure.
pub const REQUIRE: &str = "JIXIAO_REQUIRE_SEEDS";

/// True when seeds are required (`JIXIAO_REQUIRE_SEEDS` set to anything but empty or `0`).
pub fn required() -> bool {
    std::env::var_os(REQUIRE).is_some_and(|v| !v.is_empty() && v != "0")
}

/// A seed is missing: fails when seeds are required, else prints the skip notice.
fn missing(what: &str) {
    if required() {
        panic!("{what} not present, and {REQUIRE} is set: the acceptance tests need them");
    }
    println!("skipping: {what} not present");
}

/// The seed folder, or `None` (after the skip notice) when it is absent.
pub fn dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if d.is_dir() {
        Some(d)
    } else {
        missing("../shared/seeds");
        None
    }
}

/// Every seed file, in name order (empty after the skip notice when the folder is absent).
pub fn all() -> Vec<PathBuf> {
    let Some(d) = dir() else { return Vec::new() };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
        .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        missing("any file in ../shared/seeds");
    }
    files
}

/// The seed whose file name starts with `prefix` (`"004_"`).
pub fn find(prefix: &str) -> Option<PathBuf> {
    let d = dir()?;
    let found = all().into_iter().find(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix))
    });
    if found.is_none() {
        missing(&format!("{}/{prefix}*", d.display()));
    }
    found
}

/// The bytes of the seed whose file name starts with `prefix`.
pub fn read(prefix: &str) -> Option<Vec<u8>> {
    let p = find(prefix)?;
    Some(std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
}

/// The seed whose file name starts with `prefix`, parsed; `name` is the file name it gets.
pub fn parse(prefix: &str, name: &str) -> Option<jixiao_model::Document> {
    let bytes = read(prefix)?;
    Some(jixiao_parse::parse_bytes(name, &bytes).unwrap_or_else(|e| panic!("{e}")))
}
