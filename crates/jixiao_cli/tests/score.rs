//! `jixiao score` and `jixiao rulesets` end to end.

use std::path::Path;
use std::process::{Command, Output};

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .expect("run jixiao")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../jixiao_parse/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn score_json_contract() {
    let out = jixiao(&["score", &fixture("self_evaluation.txt"), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let form = &v[0]["forms"][0];
    for key in [
        "project",
        "line_start",
        "ruleset",
        "rounding",
        "stated_total",
        "recomputed_total",
        "stated_grade",
        "recomputed_grade",
        "items",
    ] {
        assert!(form.get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        v[0]["file"]
            .as_str()
            .map(|f| f.ends_with("self_evaluation.txt")),
        Some(true)
    );
    assert_eq!(form["ruleset"], "shanghai@2023.1");
    let exec = &form["items"][0];
    for key in [
        "path",
        "line",
        "weight",
        "stated_score",
        "recomputed_score",
        "min_score",
        "max_score",
        "formula",
        "status",
    ] {
        assert!(exec.get(key).is_some(), "missing {key}");
    }
    // 300.80 / 362.50 = 82.98 % → 8.30 (the fixture prints 执行率 0.00).
    assert_eq!(exec["status"], "match");
    assert_eq!(exec["line"], 9);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\"recomputed_score\": 8.30"), "{text}");
    let statuses: Vec<&str> = form["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert!(statuses.iter().all(|s| [
        "match",
        "differs",
        "in_range",
        "out_of_range",
        "not_applicable",
        "insufficient_data"
    ]
    .contains(s)));
    // 96 of ≥120 台次 × 20 = 16.00: stated 16.00.
    assert_eq!(
        form["items"][1]["formula"],
        "96.00 / 120.00 × 20.00 = 16.00"
    );
    assert_eq!(form["items"][1]["status"], "match");
}

#[test]
fn score_text_and_rule_choice() {
    let out = jixiao(&[
        "score",
        &fixture("self_evaluation.txt"),
        "--rules",
        "central-2020",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("rule set central-2020@2020.1"), "{text}");
    assert!(text.contains("预算执行率"));
    let out = jixiao(&[
        "score",
        &fixture("self_evaluation.txt"),
        "--rules",
        "no-such-rules",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule set"));
}

#[test]
fn user_rule_file_is_accepted() {
    let dir = std::env::temp_dir().join(format!("jixiao-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = jixiao(&["rulesets", "show", "central-2020"]).stdout;
    let mine = String::from_utf8(text)
        .unwrap()
        .replace("name = \"central-2020\"", "name = \"my-province\"")
        .replace("reverse_mode = \"ratio\"", "reverse_mode = \"linear-2x\"");
    let path = dir.join("mine.toml");
    std::fs::write(&path, mine).unwrap();
    let out = jixiao(&[
        "score",
        &fixture("self_evaluation.txt"),
        "--rules",
        path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("rule set my-province@"));
    std::fs::write(&path, "name = \"x\"\n").unwrap();
    let out = jixiao(&[
        "score",
        &fixture("self_evaluation.txt"),
        "--rules",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mine.toml"));
}

#[test]
fn rulesets_list_and_show() {
    let out = jixiao(&["rulesets"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for name in ["central-2020", "shanghai", "guangdong"] {
        assert!(text.contains(name), "{text}");
    }
    let out = jixiao(&["rulesets", "show", "guangdong"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("denominator = \"allocated\""), "{text}");
    assert!(text.contains("[[qualitative.tiers]]"));
}
