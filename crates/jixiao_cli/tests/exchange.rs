//! `jixiao export`, `template`, `import-xlsx` and `report` end to end.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .expect("run jixiao")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-cli-x-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "status {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn export_xlsx_then_import_gives_the_parse_json() {
    let dir = tempdir("xlsx");
    let se = examples().join("self_evaluation.txt");
    let book = dir.join("se.xlsx");
    ok(&jixiao(&[
        "export",
        s(&se),
        "--format",
        "xlsx",
        "--out",
        s(&book),
    ]));
    let parsed = jixiao(&["parse", s(&se)]);
    ok(&parsed);
    let imported = jixiao(&["import-xlsx", s(&book)]);
    ok(&imported);
    let a: serde_json::Value = serde_json::from_slice(&parsed.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&imported.stdout).unwrap();
    assert_eq!(a[0]["forms"], b[0]["forms"]);
    assert_eq!(a[0]["file"], b[0]["file"]);
    // One workbook per input when --out is a directory.
    let per = dir.join("per");
    ok(&jixiao(&["export", s(&examples()), "--out", s(&per)]));
    assert!(per.join("self_evaluation.xlsx").exists() && per.join("final_accounts.xlsx").exists());
}

#[test]
fn export_csv_and_json() {
    let dir = tempdir("csv");
    ok(&jixiao(&[
        "export",
        s(&examples()),
        "--format",
        "csv",
        "--out",
        s(&dir),
    ]));
    for f in [
        "forms.csv",
        "indicators.csv",
        "funds.csv",
        "table_rows.csv",
        "findings.csv",
    ] {
        let b = std::fs::read(dir.join(f)).unwrap();
        assert!(b.starts_with(b"\xEF\xBB\xBF"), "{f}: BOM");
    }
    let head = std::fs::read_to_string(dir.join("indicators.csv")).unwrap();
    assert!(head.contains("target_raw") && head.contains("≥120.00(台次)"));
    let out = jixiao(&[
        "export",
        s(&examples().join("self_evaluation.txt")),
        "--format",
        "json",
        "--out",
        "-",
    ]);
    ok(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\"annual_budget\": 362.50"));
    assert!(text.contains("\"findings\"") && text.contains("\"scores\""));
}

#[test]
fn template_reads_back_and_bad_cells_fail_the_whole_workbook() {
    let dir = tempdir("tpl");
    for kind in ["self_evaluation", "target_declaration"] {
        let t = dir.join(format!("{kind}.xlsx"));
        ok(&jixiao(&["template", "--kind", kind, "--out", s(&t)]));
        let out = jixiao(&["import-xlsx", s(&t)]);
        ok(&out);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v[0]["forms"][0]["kind"], kind);
    }
    let out = jixiao(&["import-xlsx", s(&examples().join("self_evaluation.txt"))]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn import_xlsx_check_and_score_run_on_the_forms() {
    let dir = tempdir("check");
    let book = dir.join("se.xlsx");
    ok(&jixiao(&[
        "export",
        s(&examples().join("self_evaluation.txt")),
        "--out",
        s(&book),
    ]));
    let out = jixiao(&["import-xlsx", s(&book), "--check", "--score"]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("总分 stated 89.10"), "{text}");
    assert!(text.contains("规则结果"), "{text}");
    let text_layout = jixiao(&["import-xlsx", s(&book), "--format", "text"]);
    ok(&text_layout);
    assert!(String::from_utf8(text_layout.stdout)
        .unwrap()
        .contains("财政项目支出绩效自评表"));
}

#[test]
fn report_html_and_pdf() {
    let dir = tempdir("report");
    let out = jixiao(&["report", s(&examples()), "--out", s(&dir)]);
    ok(&out);
    let html = std::fs::read_to_string(dir.join("self_evaluation.html")).unwrap();
    assert!(html.contains("<svg") && !html.contains("<script"));
    assert!(dir.join("summary.html").exists());
    let en = dir.join("en");
    ok(&jixiao(&[
        "report",
        s(&examples().join("self_evaluation.txt")),
        "--out",
        s(&en),
        "--lang",
        "en",
    ]));
    assert!(std::fs::read_to_string(en.join("self_evaluation.html"))
        .unwrap()
        .contains("Budget performance audit report"));
    let pdf = dir.join("pdf");
    let out = jixiao(&[
        "report",
        s(&examples().join("self_evaluation.txt")),
        "--out",
        s(&pdf),
        "--format",
        "pdf",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    if err.contains("fonts-noto-cjk") {
        eprintln!("skipping the PDF part: {err}");
        assert_eq!(
            out.status.code(),
            Some(2),
            "a missing font is an error naming the package"
        );
        return;
    }
    ok(&out);
    let bytes = std::fs::read(pdf.join("self_evaluation.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
}
