//! Reports render: HTML is one self-contained file; the PDF carries every figure of the forms
//! it lays out (PDF → pdftotext → parse gives the same figures); the seeds' reports render.

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao_model::{Document, Form, FormKind};
use jixiao_report::{document_view, html_document, html_summary, summary_view, Input, Lang};

#[cfg(feature = "pdf")]
#[path = "../../jixiao_parse/tests/support/seeds.rs"]
mod seeds;

struct Analysed {
    doc: Document,
    text: String,
    scores: Vec<jixiao_score::Scored>,
    report: jixiao_audit::Report,
}

fn analyse(name: &str, text: &str) -> Analysed {
    let doc = jixiao_parse::parse_str(name, text);
    let (scores, report) = jixiao_audit::score_and_check(
        &doc,
        text,
        &jixiao_audit::Config::default(),
        &jixiao_score::RuleChoice::defaults(),
    );
    Analysed {
        doc,
        text: text.to_string(),
        scores,
        report,
    }
}

impl Analysed {
    fn input(&self) -> Input<'_> {
        Input {
            doc: &self.doc,
            text: &self.text,
            scores: &self.scores,
            findings: &self.report.findings,
            ledger: &self.report.ledger,
        }
    }
}

fn example(name: &str) -> Analysed {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    analyse(name, &std::fs::read_to_string(p).unwrap())
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-report-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn html_is_self_contained_and_shows_scores_findings_and_charts() {
    let a = example("self_evaluation.txt");
    let v = document_view(&a.input(), Lang::Zh);
    let html = html_document(&v);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "no scripts");
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"),
        "nothing fetched"
    );
    assert!(html.contains("<svg"), "inline charts");
    assert!(html.contains("东江港口服务保障经费"));
    // Stated and recomputed total side by side.
    assert!(html.contains("89.10"), "stated total");
    assert!(!a.report.findings.is_empty());
    assert!(
        html.contains("<mark>"),
        "the offending value is marked in the quoted line"
    );
    let en = html_document(&document_view(&a.input(), Lang::En));
    assert!(en.contains("Budget performance audit report"));
    let s = html_summary(&summary_view(&[a.input()], &["se.html".into()], Lang::Zh));
    assert!(s.contains("se.html") && s.contains("<svg"));
}

fn pdftotext_available() -> bool {
    Command::new("pdftotext").arg("-v").output().is_ok()
}

#[cfg(feature = "pdf")]
fn fonts() -> Option<&'static jixiao_report::Fonts> {
    match jixiao_report::Fonts::shared() {
        Ok(f) => Some(f),
        Err(e) => {
            eprintln!("skipping: {e}");
            None
        }
    }
}

/// The figures of a form that a printed copy must carry.
fn figures(f: &Form) -> String {
    let mut out = format!("{:?} {:?} {:?}\n", f.kind, f.year, f.project);
    for i in &f.indicators {
        out.push_str(&format!(
            "{} | {} | {} | {:?} | {:?}\n",
            i.path.join("/"),
            i.target.raw,
            i.actual.raw,
            i.weight,
            i.score
        ));
    }
    if let Some(fu) = &f.funds {
        for r in &fu.rows {
            out.push_str(&format!("{} {:?}\n", r.name, r.raw));
        }
    }
    if let Some(b) = &f.budget {
        out.push_str(&format!("budget {:?}\n", b.raw));
    }
    out.push_str(&format!(
        "{:?} {:?}\n",
        f.total.as_ref().map(|t| (t.weight, t.score)),
        f.grade
    ));
    out
}

#[cfg(feature = "pdf")]
fn pdf_text(pdf: &[u8], dir: &Path) -> String {
    let p = dir.join("r.pdf");
    std::fs::write(&p, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-tsv")
        .arg(&p)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let tsv = String::from_utf8(out.stdout).unwrap();
    // The appendix starts on the page of its heading.
    let first = tsv
        .lines()
        .find(|l| l.ends_with("附录：表单原文（按读取结果排版）"))
        .and_then(|l| l.split('\t').nth(1))
        .and_then(|p| p.parse().ok())
        .expect("appendix heading");
    jixiao_report::pdftext::tsv_to_text(&tsv, jixiao_report::pdftext::MARGIN_PT, first)
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_carries_the_figures_of_the_forms() {
    if !pdftotext_available() {
        eprintln!("skipping: pdftotext (Debian's poppler-utils) not installed");
        return;
    }
    let Some(fonts) = fonts() else { return };
    let dir = tempdir("pdf");
    let mut docs: Vec<Analysed> = vec![
        example("self_evaluation.txt"),
        example("target_declaration.txt"),
    ];
    for seed in 0..4u64 {
        let mut rng = jixiao_render::Rng::new(seed);
        let forms = vec![
            jixiao_render::gen::self_evaluation(&mut rng),
            jixiao_render::gen::target_declaration(&mut rng),
        ];
        let doc = Document {
            file: format!("gen{seed}.txt"),
            forms,
            ..Document::default()
        };
        let text = jixiao_render::render_document(&doc, jixiao_render::Style::default());
        docs.push(analyse(&doc.file, &text));
    }
    for a in &docs {
        let pdf = jixiao_report::pdf_document(&document_view(&a.input(), Lang::Zh), fonts).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let text = pdf_text(&pdf, &dir);
        let back = jixiao_parse::parse_str("from-pdf.txt", &text);
        let want: Vec<&Form> = a
            .doc
            .forms
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    FormKind::SelfEvaluation | FormKind::TargetDeclaration
                )
            })
            .collect();
        let got: Vec<&Form> = back
            .forms
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    FormKind::SelfEvaluation | FormKind::TargetDeclaration
                )
            })
            .collect();
        assert_eq!(
            want.len(),
            got.len(),
            "{}: forms read back from the PDF\n{text}",
            a.doc.file
        );
        for (w, g) in want.iter().zip(&got) {
            assert_eq!(
                figures(w),
                figures(g),
                "{}: figures differ\n{text}",
                a.doc.file
            );
        }
    }
}

/// The general PDF reader (poppler's word boxes aligned into a grid, no knowledge of the
/// appendix's ruler) reads the forms of a report's appendix with the same figures.
#[cfg(feature = "pdf")]
#[test]
fn general_pdf_reader_reads_the_appendix_forms() {
    if !pdftotext_available() {
        eprintln!("skipping: pdftotext (Debian's poppler-utils) not installed");
        return;
    }
    let Some(fonts) = fonts() else { return };
    let mut checked = 0;
    for seed in 10..13u64 {
        let mut rng = jixiao_render::Rng::new(seed);
        let doc = Document {
            file: format!("gen{seed}.txt"),
            forms: vec![
                jixiao_render::gen::self_evaluation(&mut rng),
                jixiao_render::gen::target_declaration(&mut rng),
            ],
            ..Document::default()
        };
        let text = jixiao_render::render_document(&doc, jixiao_render::Style::default());
        let a = analyse(&doc.file, &text);
        let pdf = jixiao_report::pdf_document(&document_view(&a.input(), Lang::Zh), fonts).unwrap();
        let back = jixiao_parse::parse_bytes("report.pdf", &pdf).unwrap();
        assert_eq!(back.format.as_deref(), Some("pdf"));
        assert!(back.pages.len() >= 2, "pages {:?}", back.pages);
        let read = jixiao_input::read("report.pdf", &pdf).unwrap();
        // The appendix, where the forms are printed in their layout, starts at its heading.
        let appendix = read
            .text
            .lines()
            .position(|l| l.starts_with("附录："))
            .expect("appendix heading") as u32
            + 1;
        let got: Vec<&Form> = back
            .forms
            .iter()
            .filter(|f| f.line_start > appendix)
            .collect();
        assert_eq!(
            got.len(),
            a.doc.forms.len(),
            "{:?}",
            got.iter()
                .map(|f| (f.kind, f.line_start, f.line_end, f.indicators.len()))
                .collect::<Vec<_>>()
        );
        for (w, g) in a.doc.forms.iter().zip(got) {
            assert_eq!(w.kind, g.kind, "{}\n{}", doc.file, read.text);
            assert_eq!(
                figures(w),
                figures(g),
                "{}: figures differ\n{}",
                doc.file,
                read.text
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 6);
}

#[cfg(feature = "pdf")]
#[test]
fn seed_reports_render() {
    if seeds::dir().is_none() {
        return;
    }
    let Some(fonts) = fonts() else { return };
    let dir = tempdir("seeds");
    let mut all = Vec::new();
    for prefix in ["004_", "002_"] {
        let Some(p) = seeds::find(prefix) else {
            continue;
        };
        let text = String::from_utf8(std::fs::read(&p).unwrap()).unwrap();
        all.push(analyse(&p.file_name().unwrap().to_string_lossy(), &text));
    }
    for (k, a) in all.iter().enumerate() {
        for lang in [Lang::Zh, Lang::En] {
            let v = document_view(&a.input(), lang);
            let pdf = jixiao_report::pdf_document(&v, fonts).unwrap();
            assert!(pdf.len() > 10_000);
            std::fs::write(dir.join(format!("{k}-{lang:?}.pdf")), pdf).unwrap();
            std::fs::write(dir.join(format!("{k}-{lang:?}.html")), html_document(&v)).unwrap();
        }
    }
    let inputs: Vec<Input> = all.iter().map(|a| a.input()).collect();
    let s = summary_view(&inputs, &[], Lang::Zh);
    let pdf = jixiao_report::pdf_summary(&s, fonts).unwrap();
    std::fs::write(dir.join("summary.pdf"), pdf).unwrap();
}
