//! Workbooks open in LibreOffice without repair: converted headless to PDF (the figures are
//! in it) and re-saved as xlsx by LibreOffice, which jixiao reads back to the same forms.
//! Runs when `soffice`/`libreoffice` is installed; prints a skip notice otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao_excel::{export_xlsx, import_xlsx, template_xlsx, Bundle};
use jixiao_model::FormKind;

fn office() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-lo-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Converts `file` with LibreOffice headless into `dir`; returns the output path.
fn convert(bin: &str, file: &Path, to: &str, dir: &Path) -> PathBuf {
    let profile = dir.join("profile");
    let out = Command::new(bin)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("run libreoffice");
    let ext = to.split(':').next().unwrap();
    let p = dir.join(file.file_stem().unwrap()).with_extension(ext);
    assert!(
        out.status.success() && p.exists(),
        "libreoffice failed on {}: {}{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    p
}

fn bundles() -> Vec<Bundle> {
    let ex = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    [
        "self_evaluation.txt",
        "target_declaration.txt",
        "scoresheet_jiangmen.txt",
        "final_accounts.txt",
    ]
    .iter()
    .map(|n| {
        let text = std::fs::read_to_string(ex.join(n)).unwrap();
        let doc = jixiao_parse::parse_str(n, &text);
        let report = jixiao_audit::check(&doc, &text, &jixiao_audit::Config::default());
        Bundle {
            doc,
            text: Some(text),
            scores: Vec::new(),
            findings: report.findings,
        }
    })
    .collect()
}

#[test]
fn exports_and_templates_open_in_libreoffice_and_read_back_equal() {
    let Some(bin) = office() else {
        eprintln!("skipping: LibreOffice (soffice) not installed");
        return;
    };
    let dir = tempdir("export");
    let bundles = bundles();
    let xlsx = dir.join("export.xlsx");
    std::fs::write(&xlsx, export_xlsx(&bundles).unwrap()).unwrap();
    // To PDF: the figures are there.
    let pdf = convert(bin, &xlsx, "pdf", &dir.join("pdf"));
    assert!(std::fs::metadata(&pdf).unwrap().len() > 5_000);
    if let Ok(out) = Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let text = String::from_utf8_lossy(&out.stdout);
        for figure in ["362.50", "89.10", "1,250.40", "2,400,000"] {
            assert!(
                text.contains(figure),
                "{figure} missing from the LibreOffice PDF"
            );
        }
    }
    // Re-saved by LibreOffice: the same forms come back.
    let resaved = convert(bin, &xlsx, "xlsx:Calc MS Excel 2007 XML", &dir.join("xlsx"));
    let back = import_xlsx(&std::fs::read(&resaved).unwrap(), "resaved.xlsx")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.len(), bundles.len());
    for (b, d) in bundles.iter().zip(&back) {
        assert_eq!(
            serde_json::to_string_pretty(&b.doc.forms).unwrap(),
            serde_json::to_string_pretty(&d.forms).unwrap(),
            "{}",
            b.doc.file
        );
    }
    // Templates: LibreOffice opens them and computes their formulas; they read back empty.
    for kind in [FormKind::SelfEvaluation, FormKind::TargetDeclaration] {
        let t = dir.join(format!("{}.xlsx", kind.as_str()));
        std::fs::write(&t, template_xlsx(kind).unwrap()).unwrap();
        let resaved = convert(
            bin,
            &t,
            "xlsx:Calc MS Excel 2007 XML",
            &dir.join(kind.as_str()),
        );
        let docs = import_xlsx(&std::fs::read(&resaved).unwrap(), "t.xlsx")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(docs[0].forms[0].kind, kind);
        assert!(docs[0].forms[0].indicators.is_empty());
    }
}
