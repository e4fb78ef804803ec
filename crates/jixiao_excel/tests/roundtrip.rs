//! Round trips: form → xlsx → form and form → CSV → form give back the same forms, numbers
//! with their printed decimals (compared through the JSON interchange format, where `27.00`
//! and `27` differ); templates read back; bad cells are named and nothing is half-read.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use jixiao_excel::{export_xlsx, import_xlsx, template_xlsx, template_xlsx_with, Bundle, Error};
use jixiao_model::{Document, Form, FormKind};
use jixiao_render::{gen, Rng};

#[path = "../../jixiao_parse/tests/support/seeds.rs"]
mod seeds;

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-excel-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Parses, scores and checks a document the way the CLI does.
fn bundle(name: &str, text: &str) -> Bundle {
    let doc = jixiao_parse::parse_str(name, text);
    let (scores, report) = jixiao_audit::score_and_check(
        &doc,
        text,
        &jixiao_audit::Config::default(),
        &jixiao_score::RuleChoice::defaults(),
    );
    Bundle {
        doc,
        text: Some(text.to_string()),
        scores,
        findings: report.findings,
    }
}

fn json(forms: &[Form]) -> String {
    serde_json::to_string_pretty(forms).unwrap()
}

fn assert_same_forms(name: &str, before: &[Form], after: &[Form]) {
    assert_eq!(before.len(), after.len(), "{name}: form count");
    for (a, b) in before.iter().zip(after) {
        let (ja, jb) = (json(std::slice::from_ref(a)), json(std::slice::from_ref(b)));
        if ja != jb {
            let diff: Vec<String> = ja
                .lines()
                .zip(jb.lines())
                .enumerate()
                .filter(|(_, (x, y))| x != y)
                .take(12)
                .map(|(i, (x, y))| format!("  line {i}: {x}\n       != {y}"))
                .collect();
            panic!(
                "{name}: {:?} form differs after the round trip:\n{}",
                a.kind,
                diff.join("\n")
            );
        }
    }
}

fn xlsx_roundtrip(bundles: &[Bundle]) -> Vec<Document> {
    let bytes = export_xlsx(bundles).expect("export");
    import_xlsx(&bytes, "export.xlsx").unwrap_or_else(|e| panic!("import: {e}"))
}

#[test]
fn generated_self_evaluations_and_target_declarations_roundtrip_through_xlsx() {
    for seed in 0..40u64 {
        let mut rng = Rng::new(seed);
        let forms = [
            gen::self_evaluation(&mut rng),
            gen::target_declaration(&mut rng),
        ];
        for form in forms {
            let b = Bundle {
                doc: Document {
                    file: format!("gen{seed}.txt"),
                    forms: vec![form.clone()],
                    ..Document::default()
                },
                ..Bundle::default()
            };
            let back = xlsx_roundtrip(&[b]);
            assert_eq!(back.len(), 1);
            assert_eq!(back[0].file, format!("gen{seed}.txt"));
            assert_same_forms(&format!("seed {seed}"), &[form], &back[0].forms);
        }
    }
}

#[test]
fn generated_final_accounts_roundtrip_through_xlsx() {
    for seed in 0..8u64 {
        let form = jixiao_render::gen_final_accounts(&mut Rng::new(seed));
        let b = Bundle {
            doc: Document {
                file: "fa.txt".into(),
                forms: vec![form.clone()],
                ..Document::default()
            },
            ..Bundle::default()
        };
        let back = xlsx_roundtrip(&[b]);
        assert_same_forms(&format!("fa seed {seed}"), &[form], &back[0].forms);
    }
}

#[test]
fn examples_roundtrip_through_xlsx_with_scores_and_findings() {
    let mut bundles = Vec::new();
    for name in [
        "self_evaluation.txt",
        "target_declaration.txt",
        "scoresheet_jiangmen.txt",
        "final_accounts.txt",
    ] {
        let text = std::fs::read_to_string(examples().join(name)).unwrap();
        bundles.push(bundle(name, &text));
    }
    let back = xlsx_roundtrip(&bundles);
    assert_eq!(back.len(), bundles.len());
    for (b, d) in bundles.iter().zip(&back) {
        assert_eq!(b.doc.file, d.file);
        assert_same_forms(&b.doc.file, &b.doc.forms, &d.forms);
    }
}

#[test]
fn seeds_roundtrip_through_xlsx() {
    for p in seeds::all() {
        let text = String::from_utf8(std::fs::read(&p).unwrap()).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let b = bundle(&name, &text);
        let back = xlsx_roundtrip(std::slice::from_ref(&b));
        assert_same_forms(&name, &b.doc.forms, &back[0].forms);
    }
}

#[test]
fn tabular_entities_roundtrip_through_csv() {
    let mut bundles = Vec::new();
    for name in [
        "self_evaluation.txt",
        "scoresheet_jiangmen.txt",
        "final_accounts.txt",
        "target_declaration.txt",
    ] {
        let text = std::fs::read_to_string(examples().join(name)).unwrap();
        bundles.push(bundle(name, &text));
    }
    let mut rng = Rng::new(7);
    bundles.push(Bundle {
        doc: Document {
            file: "gen.txt".into(),
            forms: vec![
                gen::self_evaluation(&mut rng),
                jixiao_render::gen_final_accounts(&mut rng),
            ],
            ..Document::default()
        },
        ..Bundle::default()
    });
    let dir = tempdir("csv");
    jixiao_excel::csv::write_dir(&bundles, &dir).unwrap();
    for f in [
        "forms.csv",
        "indicators.csv",
        "funds.csv",
        "table_rows.csv",
        "findings.csv",
    ] {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{f} has no BOM");
    }
    let back = jixiao_excel::csv::read_dir(&dir).unwrap();
    assert_eq!(back.len(), bundles.len());
    for (b, d) in bundles.iter().zip(&back) {
        assert_eq!(b.doc.forms.len(), d.forms.len());
        for (x, y) in b.doc.forms.iter().zip(&d.forms) {
            assert_eq!(
                serde_json::to_string(&x.indicators).unwrap(),
                serde_json::to_string(&y.indicators).unwrap(),
                "{}: indicators",
                b.doc.file
            );
            assert_eq!(
                serde_json::to_string(&x.funds).unwrap(),
                serde_json::to_string(&y.funds.as_ref().map(|f| {
                    let mut f = f.clone();
                    f.line = x.funds.as_ref().map_or(0, |g| g.line);
                    f
                }))
                .unwrap(),
                "{}: funds",
                b.doc.file
            );
            assert_eq!(x.tables.len(), y.tables.len());
            for (t, u) in x.tables.iter().zip(&y.tables) {
                assert_eq!(
                    serde_json::to_string(&t.rows).unwrap(),
                    serde_json::to_string(&u.rows).unwrap(),
                    "{}: table {}",
                    b.doc.file,
                    t.id
                );
            }
            assert_eq!(
                (x.total.clone(), x.grade.clone(), x.year),
                (y.total.clone(), y.grade.clone(), y.year)
            );
        }
    }
    let findings = std::fs::read_to_string(dir.join("findings.csv")).unwrap();
    assert!(findings.lines().count() > 1, "findings.csv has no rows");
}

#[test]
fn json_export_adds_scores_and_findings_and_keeps_decimals() {
    let text = std::fs::read_to_string(examples().join("self_evaluation.txt")).unwrap();
    let v = jixiao_excel::json::export(&[bundle("self_evaluation.txt", &text)]);
    let s = serde_json::to_string(&v).unwrap();
    assert!(s.contains("\"annual_budget\":362.50"), "{}", &s[..400]);
    assert!(v[0]["scores"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(v[0]["findings"].as_array().is_some());
}

#[test]
fn blank_templates_read_back_as_empty_forms() {
    for kind in [FormKind::SelfEvaluation, FormKind::TargetDeclaration] {
        let bytes = template_xlsx(kind).unwrap();
        let docs = import_xlsx(&bytes, "blank.xlsx").unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].file, "blank.xlsx");
        let f = &docs[0].forms[0];
        assert_eq!(f.kind, kind);
        assert!(f.indicators.is_empty(), "{:?}", f.indicators);
        assert!(f.fields.is_empty(), "{:?}", f.fields);
        assert_eq!(f.project, None);
    }
    assert!(template_xlsx(FormKind::FinalAccounts).is_err());
}

#[test]
fn filled_template_reads_back_with_formulas_recomputed() {
    let text = std::fs::read_to_string(examples().join("self_evaluation.txt")).unwrap();
    let doc = jixiao_parse::parse_str("se.txt", &text);
    let form = &doc.forms[0];
    let bytes = template_xlsx_with(FormKind::SelfEvaluation, Some(form)).unwrap();
    let back = import_xlsx(&bytes, "filled.xlsx").unwrap();
    let g = &back[0].forms[0];
    assert_eq!(g.project, form.project);
    assert_eq!(g.indicators.len(), form.indicators.len());
    for (a, b) in form.indicators.iter().zip(&g.indicators) {
        assert_eq!(
            (&a.path, &a.target, &a.actual, a.weight, a.score),
            (&b.path, &b.target, &b.actual, b.weight, b.score)
        );
    }
    // The funds total and the rates are the template's formulas, recomputed.
    let fu = g.funds.as_ref().unwrap();
    assert_eq!(fu.rows[0].annual_budget.unwrap().to_string(), "362.50");
    assert_eq!(fu.rows[1].rate_pct.unwrap().to_string(), "83.09");
    assert_eq!(fu.rows[0].rate_pct.unwrap().to_string(), "82.98");
    // 总分 = Σ indicator scores + the execution score.
    let stated: jixiao_model::Decimal = form
        .indicators
        .iter()
        .filter_map(|i| i.score)
        .sum::<jixiao_model::Decimal>()
        + fu.rows[0].score.unwrap();
    assert_eq!(g.total.as_ref().unwrap().score, Some(stated));
    assert_eq!(g.grade, form.grade);
}

/// Replaces the value of one cell of the first sheet of an xlsx by an inline string, as a
/// user typing into it would.
fn poke(bytes: &[u8], cell: &str, text: &str) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(data).unwrap();
            let start = xml.find(&format!("<c r=\"{cell}\"")).expect("cell present");
            let end = start
                + xml[start..]
                    .find("</c>")
                    .map_or_else(|| xml[start..].find("/>").unwrap() + 2, |e| e + 4);
            let style = xml[start..end]
                .split(" s=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .map(|s| format!(" s=\"{s}\""))
                .unwrap_or_default();
            let new = format!("<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t>{text}</t></is></c>");
            data = format!("{}{}{}", &xml[..start], new, &xml[end..]).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn bad_cells_are_named_and_nothing_is_read() {
    let text = std::fs::read_to_string(examples().join("self_evaluation.txt")).unwrap();
    let bytes = export_xlsx(&[bundle("se.txt", &text)]).unwrap();
    // Find the sheet rows of the first indicator and the funds total row.
    let docs = import_xlsx(&bytes, "ok.xlsx").unwrap();
    assert_eq!(docs[0].forms.len(), 1);
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range("自评表").unwrap();
    let find = |needle: &str| -> u32 {
        range
            .used_cells()
            .find(|(_, _, v)| v.to_string().contains(needle))
            .map(|(r, _, _)| r as u32 + range.start().unwrap().0)
            .unwrap()
    };
    let ind_row = find("\"r\":\"ind\"") + 1;
    let funds_row = find("\"r\":\"funds\"") + 1;
    let bad = poke(&bytes, &format!("J{ind_row}"), "十万");
    let bad = poke(&bad, &format!("E{funds_row}"), "约三百万");
    match import_xlsx(&bad, "bad.xlsx") {
        Err(Error::Cells { errors, .. }) => {
            let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            assert!(
                msgs.contains(&format!("自评表!J{ind_row}: '十万' is not a number")),
                "{msgs:?}"
            );
            assert!(
                msgs.contains(&format!("自评表!E{funds_row}: '约三百万' is not a number")),
                "{msgs:?}"
            );
        }
        other => panic!("expected cell errors, got {other:?}"),
    }
}
