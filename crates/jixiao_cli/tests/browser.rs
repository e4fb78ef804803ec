//! The browser tests of the workbench (`e2e/tests/*.test.mjs`): Debian's chromium driven by
//! playwright-core, run by `node --test` against this build's `jixiao serve --demo`.
//!
//! They need `node`, a chromium (`$CHROMIUM`, else `/usr/bin/chromium`) and
//! `e2e/node_modules` (`npm ci` in `e2e/`). Without them this test prints what is missing and
//! passes, unless `JIXIAO_REQUIRE_BROWSER=1` (which `.ci/run` sets after installing them).
//! Screenshots land in `target/e2e-screenshots/`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the workspace root")
        .to_path_buf()
}

fn missing() -> Vec<String> {
    let mut out = Vec::new();
    if Command::new("node").arg("--version").output().is_err() {
        out.push("node".to_string());
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        out.push(format!("chromium at {chromium}"));
    }
    if !root().join("e2e/node_modules/playwright-core").exists() {
        out.push("e2e/node_modules (run npm ci in e2e/)".to_string());
    }
    out
}

#[test]
fn the_workbench_in_a_real_browser() {
    let missing = missing();
    if !missing.is_empty() {
        let msg = format!("browser tests cannot run: missing {}", missing.join(", "));
        if std::env::var("JIXIAO_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("{msg}");
        }
        eprintln!("NOTICE: {msg}; skipped");
        return;
    }
    let out = Command::new("node")
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .arg("e2e/tests/")
        .current_dir(root())
        .env("JIXIAO_BIN", env!("CARGO_BIN_EXE_jixiao"))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        out.status.success(),
        "browser tests failed:\n{stdout}\n{stderr}"
    );
    // A run where no test ran is a failure too.
    assert!(
        stdout.contains("pass") && !stdout.contains("# pass 0"),
        "no browser test ran:\n{stdout}"
    );
}
