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
    let out = jixiao(&["rulesets", "list"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
    let out = jixiao(&["rulesets", "show", "guangdong"]);
    let text = String::from_utf8(out.stdout).unwrap();
    // The resolved set: the overlay's own values and the base's, no `extends`.
    assert!(text.contains("denominator = \"allocated\""), "{text}");
    assert!(text.contains("[[qualitative.tiers]]"));
    assert!(text.contains("reverse_mode = \"ratio\""), "{text}");
    assert!(!text.contains("extends"), "{text}");
}

/// A user rule set named in `jixiao.toml` that cannot be loaded is an error naming both files
/// (exit status 2) for every command that scores; it is never replaced by a built-in set. A
/// relative path is taken from the folder of `jixiao.toml`, wherever jixiao runs from.
#[test]
fn broken_rule_set_in_config_is_an_error() {
    let dir = std::env::temp_dir().join(format!("jixiao-cfg-rules-{}", std::process::id()));
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        dir.join("jixiao.toml"),
        "[check]\nruleset = \"rules/mine.toml\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    std::fs::write(dir.join("rules/mine.toml"), "name = \"x\"\n").unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(args)
            .current_dir(&sub)
            .output()
            .expect("run jixiao")
    };
    let doc = fixture("self_evaluation.txt");
    let out_json = dir.join("out.json").display().to_string();
    for args in [
        vec!["check", doc.as_str()],
        vec![
            "export",
            doc.as_str(),
            "--format",
            "json",
            "--out",
            &out_json,
        ],
    ] {
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("jixiao.toml: check.ruleset: ")
                && err.contains("mine.toml: invalid rule set"),
            "{args:?}: {err}"
        );
        assert!(
            out.stdout.is_empty(),
            "{args:?}: nothing is checked or written"
        );
    }
    assert!(!dir.join("out.json").exists());
    // Repaired, the same relative path loads from the subfolder and scores the forms.
    let text = jixiao(&["rulesets", "show", "central-2020"]).stdout;
    let mine = String::from_utf8(text)
        .unwrap()
        .replace("name = \"central-2020\"", "name = \"my-province\"");
    std::fs::write(dir.join("rules/mine.toml"), mine).unwrap();
    let out = run(&["export", &doc, "--format", "json", "--out", "-"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rulesets: Vec<&str> = v[0]["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["ruleset"].as_str().unwrap())
        .collect();
    assert!(!rulesets.is_empty());
    assert!(
        rulesets.iter().all(|r| r.starts_with("my-province@")),
        "{rulesets:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
