//! `jixiao` end to end: arguments, formats, directories, errors and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .expect("run jixiao")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../jixiao_parse/tests/fixtures")
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn parse_json_is_an_array_with_one_object_per_file() {
    let a = fixtures().join("self_evaluation.txt");
    let b = fixtures().join("target_declaration.txt");
    let out = jixiao(&["parse", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    assert!(arr[0]["file"]
        .as_str()
        .unwrap()
        .ends_with("self_evaluation.txt"));
    let form = &arr[0]["forms"][0];
    assert_eq!(form["kind"], "self_evaluation");
    // Numbers are JSON numbers printed as in the document.
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        text.contains("\"annual_budget\": 362.50"),
        "{}",
        &text[..600]
    );
    assert_eq!(
        form["funds"]["rows"][3]["executed"],
        serde_json::Value::Null
    );
    assert_eq!(form["indicators"][0]["target"]["op"], "≥");
    assert_eq!(form["indicators"][0]["target"]["unit"], "台次");
    for key in [
        "kind",
        "year",
        "project",
        "department",
        "unit",
        "line_start",
        "funds",
        "budget",
        "indicators",
        "total",
        "grade",
        "tables",
    ] {
        assert!(form.get(key).is_some(), "missing {key}");
    }
    for key in ["file", "forms", "claims", "warnings"] {
        assert!(arr[1].get(key).is_some(), "missing {key}");
    }
}

#[test]
fn directories_are_read_recursively_in_name_order() {
    let dir = tempdir("dir");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy(
        fixtures().join("self_evaluation.txt"),
        dir.join("sub/b.txt"),
    )
    .unwrap();
    std::fs::copy(fixtures().join("target_declaration.txt"), dir.join("a.txt")).unwrap();
    std::fs::write(dir.join("notes.md"), "not a disclosure").unwrap();
    let out = jixiao(&["parse", dir.to_str().unwrap(), "--format", "jsonl"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let files: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["file"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(files.len(), 2);
    assert!(
        files[0].ends_with("a.txt") && files[1].ends_with("b.txt"),
        "{files:?}"
    );
}

#[test]
fn table_format_shows_lines() {
    let a = fixtures().join("self_evaluation.txt");
    let out = jixiao(&["parse", a.to_str().unwrap(), "--format", "table"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("self_evaluation 绩效自评表"), "{text}");
    assert!(text.contains("L16    产出指标 / 数量指标 / 查验设备维护台次 | ≥120.00(台次) | 96.00(台次) | w=20.00 s=16.00"), "{text}");
}

#[test]
fn unreadable_input_names_the_file_and_exits_2() {
    let dir = tempdir("bad");
    let bin = dir.join("scan.txt");
    std::fs::write(&bin, b"%PDF-1.7\x00\x01\x02").unwrap();
    let good = fixtures().join("self_evaluation.txt");
    let out = jixiao(&[
        "parse",
        bin.to_str().unwrap(),
        good.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    // Detected as a PDF by its content whatever its name, and refused as damaged (or, without
    // poppler installed, as needing it).
    assert!(err.contains("scan.txt: ") && err.contains("PDF"), "{err}");
    let blob = dir.join("blob.txt");
    std::fs::write(&blob, b"\x01\x02\x00\x03").unwrap();
    let out = jixiao(&["parse", blob.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("blob.txt") && err.contains("NUL byte"),
        "{err}"
    );
    let out = jixiao(&[
        "parse",
        bin.to_str().unwrap(),
        good.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    // The readable file is still reported.
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    let out = jixiao(&["parse", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("no/such/file.txt"));
}

#[test]
fn text_prints_the_lines_findings_refer_to() {
    let dir = tempdir("text");
    let md = dir.join("form.md");
    std::fs::write(&md, "标题\n| 项目 | 金额 |\n|---|---|\n|  | 1.00 |\n").unwrap();
    let out = jixiao(&["text", md.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1\t标题\n2\t项目\t金额\n3\t\n4\t\t1.00\n"
    );
    let out = jixiao(&["text", "--raw", md.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "标题\n项目\t金额\n\n\t1.00\n"
    );
    let html = dir.join("page.html");
    std::fs::write(
        &html,
        "<html><body><p>说明</p><table><tr><td colspan=2>甲</td><td>3</td></tr></table></body></html>",
    )
    .unwrap();
    let out = jixiao(&["text", html.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1\t说明\n2\t甲\t\t3\n"
    );
}

#[test]
fn gbk_files_are_decoded() {
    let dir = tempdir("gbk");
    let text = std::fs::read_to_string(fixtures().join("self_evaluation.txt")).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(dir.join("gbk.txt"), &gbk).unwrap();
    let out = jixiao(&[
        "parse",
        dir.join("gbk.txt").to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["forms"][0]["project"], "东江港口服务保障经费");
}

#[test]
fn corpus_is_deterministic_and_parses_cleanly() {
    let a = tempdir("corpus-a");
    let b = tempdir("corpus-b");
    for d in [&a, &b] {
        let out = jixiao(&[
            "corpus",
            "--docs",
            "5",
            "--seed",
            "11",
            "--out",
            d.to_str().unwrap(),
        ]);
        assert!(out.status.success());
    }
    for i in 0..5 {
        let name = format!("doc{i:05}.txt");
        assert_eq!(
            std::fs::read(a.join(&name)).unwrap(),
            std::fs::read(b.join(&name)).unwrap()
        );
    }
    let out = jixiao(&["parse", a.to_str().unwrap(), "--format", "jsonl"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for l in text.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["warnings"].as_array().unwrap().len(), 0, "{}", v["file"]);
        assert!(!v["forms"].as_array().unwrap().is_empty());
    }
}

#[test]
fn check_exit_codes() {
    let f = fixtures().join("self_evaluation.txt");
    let f = f.to_str().unwrap();
    // The fixture prints 执行率 0.00: an error finding.
    assert_eq!(jixiao(&["check", f]).status.code(), Some(1));
    assert_eq!(jixiao(&["check", f, "--exit-zero"]).status.code(), Some(0));
    assert_eq!(
        jixiao(&["check", f, "--select", "T"]).status.code(),
        Some(0)
    );
    assert_eq!(jixiao(&["check", "no/such.txt"]).status.code(), Some(2));
    let out = jixiao(&["check", f, "--select", "NOPE"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule code"));
}

#[test]
fn check_json_sarif_and_ledger() {
    let f = fixtures().join("self_evaluation.txt");
    let f = f.to_str().unwrap();
    let out = jixiao(&["check", f, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v.as_array().unwrap()[0];
    for key in [
        "rule", "severity", "file", "line", "column", "end_line", "message", "stated", "expected",
        "form", "path", "related",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    let s101 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "S101")
        .expect("S101");
    assert_eq!(
        (
            s101["line"].as_u64(),
            s101["stated"].as_str(),
            s101["expected"].as_str()
        ),
        (Some(9), Some("0.00"), Some("82.98"))
    );
    let out = jixiao(&["check", f, "--format", "json", "--ledger"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ledger = v["ledger"].as_array().unwrap();
    assert!(ledger
        .iter()
        .any(|e| e["rule"] == "S101" && e["outcome"] == "fail"));
    assert!(ledger
        .iter()
        .all(|e| ["pass", "fail", "not_applicable", "insufficient_data"]
            .contains(&e["outcome"].as_str().unwrap())));
    let out = jixiao(&["check", f, "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "S101" && r["level"] == "error"));
    let out = jixiao(&["check", f, "--lang", "en"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("execution rate 300.80 / 362.50 = 82.98%, stated 0.00%"),
        "{text}"
    );
    assert!(text.contains("errors,"));
}

#[test]
fn config_file_selects_and_overrides() {
    let dir = tempdir("cfg");
    std::fs::write(
        dir.join("jixiao.toml"),
        "[check]\nselect = [\"S101\"]\n[check.severity]\nS101 = \"warning\"\n",
    )
    .unwrap();
    let f = fixtures().join("self_evaluation.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(&dir)
        .args(["check", f.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = v.as_array().unwrap();
    assert!(
        !all.is_empty()
            && all
                .iter()
                .all(|x| x["rule"] == "S101" && x["severity"] == "warning")
    );
    std::fs::write(dir.join("jixiao.toml"), "[check]\nbogus = 1\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(&dir)
        .args(["check", f.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("jixiao.toml"));
}
