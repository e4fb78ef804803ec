//! What runs on every save: read the upload (or the edited form), score it, check it.
//!
//! An upload becomes one [`Analysed`] form per form found in the file; each keeps the lines
//! of the uploaded text, so findings point at what the user sent. An edited form (a `PUT` of
//! the parse contract's form object) is written out in its published text layout with
//! `jixiao_render` and read back, so that its findings, too, quote real lines; the submitted
//! JSON is kept verbatim as the revision's source.

use jixiao_audit::{Checker, Config, Finding, Severity};
use jixiao_model::{Document, Form, FormKind};
use jixiao_score::{RuleSet, Scored};
use sha2::{Digest, Sha256};

use crate::types::{Analysis, NewSource, Summary};

/// MIME type of an xlsx workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Why an upload could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not text jixiao can decode (binary data, an unknown encoding).
    #[error("{0}")]
    Decode(String),
    /// A workbook with bad cells; every bad cell is named.
    #[error("{0}")]
    Workbook(String),
    /// No form was found; the reader's warnings say where it looked.
    #[error("{file}: no form could be read")]
    NoForm {
        /// File name.
        file: String,
        /// `file:line: message` for every warning.
        warnings: Vec<String>,
    },
    /// A content type jixiao does not read.
    #[error(
        "unsupported content type {0:?}: send text/plain (any text layout), text/html, application/pdf, a Word (docx) or Excel (xls, {XLSX}) type, or application/octet-stream"
    )]
    Unsupported(String),
    /// An edited form that cannot be written out and read back as one form of its kind.
    #[error("the form cannot be written out and read back: {0}")]
    Unrepresentable(String),
}

/// An upload read into a document, with the source kept verbatim.
#[derive(Debug)]
pub struct Read {
    /// The verbatim bytes and the text lines refer to.
    pub source: NewSource,
    /// What the reader found.
    pub doc: Document,
}

/// One form of a read upload, scored and checked.
#[derive(Debug)]
pub struct Analysed {
    /// The form as read.
    pub form: Form,
    /// What a revision stores.
    pub analysis: Analysis,
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The content types read by [`jixiao_input`] (the format itself is detected from the bytes:
/// text in any layout, PDF, XLS, DOCX, HTML). Parameters such as `charset` are ignored.
pub const DOCUMENT_TYPES: &[&str] = &[
    "text/plain",
    "text/markdown",
    "text/html",
    "application/pdf",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/octet-stream",
];

fn base_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

fn is_document(content_type: &str) -> bool {
    let base = base_type(content_type);
    DOCUMENT_TYPES.iter().any(|t| base.eq_ignore_ascii_case(t))
}

fn is_xlsx(content_type: &str) -> bool {
    base_type(content_type).eq_ignore_ascii_case(XLSX)
}

/// Any input [`jixiao_input`] reads, parsed; the text is what line numbers refer to.
fn read_any(name: &str, bytes: &[u8]) -> Result<(String, Document), ReadError> {
    let source = jixiao_input::read(name, bytes).map_err(|e| ReadError::Decode(e.to_string()))?;
    let doc = jixiao_parse::parse_source(name, &source);
    Ok((source.text.into_owned(), doc))
}

/// Reads an upload: a jixiao xlsx workbook (its template), any other workbook, or any document
/// jixiao reads ([`DOCUMENT_TYPES`]).
pub fn read(name: &str, content_type: &str, bytes: Vec<u8>) -> Result<Read, ReadError> {
    let sha256 = sha256_hex(&bytes);
    let (text, doc) = if is_xlsx(content_type) {
        match jixiao_excel::import_xlsx(&bytes, name) {
            Ok(docs) => {
                let mut text = String::new();
                for d in &docs {
                    text.push_str(&jixiao_render::render_document(
                        d,
                        jixiao_render::Style::default(),
                    ));
                }
                let doc = jixiao_parse::parse_str(name, &text);
                (text, doc)
            }
            // Not jixiao's template: a finance bureau's own workbook, read sheet by sheet.
            // When that finds no form either, the template's error (which names the bad
            // cells) is the more useful one.
            Err(template) => match read_any(name, &bytes) {
                Ok((text, doc)) if !doc.forms.is_empty() => (text, doc),
                _ => return Err(ReadError::Workbook(template.to_string())),
            },
        }
    } else if is_document(content_type) {
        read_any(name, &bytes)?
    } else {
        return Err(ReadError::Unsupported(content_type.to_string()));
    };
    if doc.forms.is_empty() {
        return Err(ReadError::NoForm {
            file: name.to_string(),
            warnings: doc
                .warnings
                .iter()
                .map(|w| format!("{name}:{}: {}", w.line_start, w.message))
                .collect(),
        });
    }
    Ok(Read {
        source: NewSource {
            name: name.to_string(),
            content_type: content_type
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_string(),
            sha256,
            bytes,
            text,
        },
        doc,
    })
}

/// The built-in rule set jixiao uses for a form kind when nothing else is configured.
pub fn default_ruleset(kind: FormKind) -> &'static str {
    match kind {
        FormKind::EvaluationScoresheet => "guangdong",
        _ => "shanghai",
    }
}

/// The names of the built-in rule sets.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    jixiao_score::BUILTIN.iter().map(|(n, _)| *n)
}

/// Whether `name` is a built-in rule set (the only ones the server loads: a name never
/// reaches the file system).
pub fn is_builtin_ruleset(name: &str) -> bool {
    jixiao_score::BUILTIN.iter().any(|(n, _)| *n == name)
}

/// Scores and checks every form of a read document. `ruleset_for` names the built-in rule
/// set of each form (unknown names fall back to [`default_ruleset`]).
///
/// The document is scored and checked once, whole: one rounding convention is detected for
/// all its forms, the check rules read exactly the scores that are stored, and prose claims
/// are checked against the tables they cite. Each finding then goes with the form whose lines
/// hold it (a finding in prose outside every form goes with the final account, else with the
/// form before it), so findings quote the uploaded lines.
pub fn analyse(read: &Read, ruleset_for: &dyn Fn(&Form) -> String) -> Vec<Analysed> {
    let doc = &read.doc;
    let names: Vec<String> = doc
        .forms
        .iter()
        .map(|f| {
            let n = ruleset_for(f);
            if is_builtin_ruleset(&n) {
                n
            } else {
                default_ruleset(f.kind).to_string()
            }
        })
        .collect();
    let sets: Vec<&'static RuleSet> = names
        .iter()
        .map(|n| RuleSet::builtin_ref(n).expect("checked to be built in"))
        .collect();
    let cfg = Config::default();
    let mut cx = Checker::new(doc, &read.source.text, &cfg, |f: &Form| {
        let i = doc
            .forms
            .iter()
            .position(|g| std::ptr::eq(g, f))
            .unwrap_or(0);
        sets[i]
    });
    for rule in jixiao_audit::codes::RULES {
        if cfg.enabled(rule.meta().code) {
            rule.check(&mut cx);
        }
    }
    let scored = std::mem::take(&mut cx.scored);
    let report = cx.into_report();
    let mut per_form: Vec<Vec<Finding>> = vec![Vec::new(); doc.forms.len()];
    for f in report.findings {
        per_form[owner(&doc.forms, f.line)].push(f);
    }
    doc.forms
        .iter()
        .zip(names)
        .zip(per_form)
        .enumerate()
        .map(
            |(i, ((form, ruleset), findings)): (usize, ((&Form, String), Vec<Finding>))| Analysed {
                form: form.clone(),
                analysis: finish(
                    form,
                    scored.get(i).and_then(Option::as_ref),
                    &findings,
                    ruleset,
                ),
            },
        )
        .collect()
}

/// The index of the form a finding at `line` belongs to.
fn owner(forms: &[Form], line: u32) -> usize {
    if let Some(i) = forms
        .iter()
        .position(|f| f.line_start <= line && line <= f.line_end)
    {
        return i;
    }
    if let Some(i) = forms.iter().position(|f| f.kind == FormKind::FinalAccounts) {
        return i;
    }
    forms
        .iter()
        .rposition(|f| f.line_start <= line)
        .unwrap_or(0)
}

/// What a revision stores for one form.
fn finish(form: &Form, score: Option<&Scored>, findings: &[Finding], ruleset: String) -> Analysis {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count() as i32;
    let form_json = serde_json::to_string(form).expect("forms serialise");
    let score_json = score.map(|s| serde_json::to_string(s).expect("scores serialise"));
    let findings_json = serde_json::to_string(findings).expect("findings serialise");
    // Derived from the JSON that is stored, so a summary computed later from a stored
    // revision (rows saved before summaries were kept) is the same.
    let summary = summarise(&form_json, score_json.as_deref(), &findings_json);
    Analysis {
        kind: form.kind,
        year: form.year.map(i32::from),
        project: form
            .project
            .clone()
            .or_else(|| form.department.clone())
            .or_else(|| form.unit.clone()),
        form_json,
        score_json,
        findings_json,
        stated_total: score.and_then(|s| s.stated_total),
        recomputed_total: score.and_then(|s| s.recomputed_total),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        ruleset,
        summary,
    }
}

/// The parts of a stored form a summary reads (everything else is skipped unparsed).
#[derive(serde::Deserialize)]
struct FormPart {
    #[serde(default)]
    funds: Option<FundsPart>,
}

#[derive(serde::Deserialize)]
struct FundsPart {
    #[serde(default)]
    rows: Vec<FundsRowPart>,
}

#[derive(serde::Deserialize)]
struct FundsRowPart {
    #[serde(default)]
    name: String,
    #[serde(default, with = "rust_decimal::serde::arbitrary_precision_option")]
    annual_budget: Option<jixiao_model::Decimal>,
    #[serde(default, with = "rust_decimal::serde::arbitrary_precision_option")]
    executed: Option<jixiao_model::Decimal>,
}

#[derive(serde::Deserialize)]
struct ScorePart {
    #[serde(default)]
    stated_grade: Option<String>,
    #[serde(default)]
    recomputed_grade: Option<String>,
}

#[derive(serde::Deserialize)]
struct FindingPart {
    rule: String,
    severity: String,
}

/// The dashboard summary of a revision, from the JSON a revision stores: the printed and the
/// recomputed grade (score), 全年预算数 and 全年执行数 of the funds block's total row
/// (年度资金总额, else its first row), and the rule code of every error and warning finding.
/// What cannot be read is left out (a summary never fails).
pub fn summarise(form_json: &str, score_json: Option<&str>, findings_json: &str) -> Summary {
    let funds = serde_json::from_str::<FormPart>(form_json)
        .ok()
        .and_then(|f| f.funds)
        .and_then(|f| {
            let i = f
                .rows
                .iter()
                .position(|r| r.name == "年度资金总额")
                .unwrap_or(0);
            f.rows.into_iter().nth(i)
        });
    let score = score_json.and_then(|s| serde_json::from_str::<ScorePart>(s).ok());
    let mut rules: Vec<String> = serde_json::from_str::<Vec<FindingPart>>(findings_json)
        .unwrap_or_default()
        .into_iter()
        .filter(|f| f.severity == "error" || f.severity == "warning")
        .map(|f| f.rule)
        .collect();
    rules.sort();
    let grade = |g: Option<String>| g.map(|g| g.trim().to_string()).filter(|g| !g.is_empty());
    Summary {
        stated_grade: grade(score.as_ref().and_then(|s| s.stated_grade.clone())),
        recomputed_grade: grade(score.and_then(|s| s.recomputed_grade)),
        annual_budget: funds.as_ref().and_then(|r| r.annual_budget),
        executed: funds.and_then(|r| r.executed),
        rules,
    }
}

/// Re-reads an edited form: writes it out in its published layout, reads it back, scores and
/// checks it. The source is the submitted JSON, verbatim; the text is the written-out form.
pub fn reanalyse(
    name: &str,
    submitted: Vec<u8>,
    form: &Form,
    ruleset: &str,
) -> Result<(NewSource, Analysed), ReadError> {
    let mut text = String::new();
    jixiao_render::render_form(form, jixiao_render::Style::default(), &mut text);
    if text.contains('\0') {
        return Err(ReadError::Unrepresentable(
            "the form holds a NUL character".into(),
        ));
    }
    let doc = jixiao_parse::parse_str(name, &text);
    if doc.forms.len() != 1 || doc.forms[0].kind != form.kind {
        return Err(ReadError::Unrepresentable(format!(
            "written out as {} form(s){}",
            doc.forms.len(),
            doc.warnings
                .first()
                .map(|w| format!("; line {}: {}", w.line_start, w.message))
                .unwrap_or_default()
        )));
    }
    let mut doc = doc;
    keep_unprinted(form, &mut doc.forms[0]);
    let source = NewSource {
        name: name.to_string(),
        content_type: "application/json".to_string(),
        sha256: sha256_hex(&submitted),
        bytes: submitted,
        text,
    };
    let read = Read { source, doc };
    let analysed = analyse(&read, &|_| ruleset.to_string())
        .pop()
        .expect("one form");
    Ok((read.source, analysed))
}

/// Carries over what the edited form holds but its published layout has no column for (the
/// evidence of an indicator in the self-evaluation and target layouts), indicator by
/// indicator, so a save never drops what the user typed. Scoring never reads these fields.
fn keep_unprinted(edited: &Form, read: &mut Form) {
    if edited.indicators.len() != read.indicators.len() {
        return;
    }
    for (e, r) in edited.indicators.iter().zip(read.indicators.iter_mut()) {
        if r.evidence.is_none() && e.evidence.is_some() {
            r.evidence = e.evidence.clone();
        }
    }
}

/// Scores and checks a stored form again with another rule set: the form is found again in
/// the text its revision was read from (same kind, same first line), so findings keep their
/// lines and prose claims; a form not found there is written out as by [`reanalyse`].
pub fn rescore(
    name: &str,
    text: &str,
    form: &Form,
    ruleset: &str,
) -> Result<(NewSource, Analysed), ReadError> {
    let doc = jixiao_parse::parse_str(name, text);
    let Some(i) = doc
        .forms
        .iter()
        .position(|f| f.kind == form.kind && f.line_start == form.line_start)
    else {
        let submitted = serde_json::to_vec(form).expect("forms serialise");
        return reanalyse(name, submitted, form, ruleset);
    };
    let source = NewSource {
        name: name.to_string(),
        content_type: "text/plain".to_string(),
        sha256: sha256_hex(text.as_bytes()),
        bytes: text.as_bytes().to_vec(),
        text: text.to_string(),
    };
    let read = Read { source, doc };
    let mut all = analyse(&read, &|_| ruleset.to_string());
    Ok((read.source, all.swap_remove(i)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SELF_EVAL: &str = include_str!("../../../examples/self_evaluation.txt");

    #[test]
    fn text_uploads_keep_bytes_and_lines() {
        let r = read(
            "a.txt",
            "text/plain; charset=utf-8",
            SELF_EVAL.as_bytes().to_vec(),
        )
        .expect("reads");
        assert_eq!(r.source.bytes, SELF_EVAL.as_bytes());
        assert_eq!(r.source.content_type, "text/plain");
        assert_eq!(r.source.sha256.len(), 64);
        assert!(!r.doc.forms.is_empty());
        let a = analyse(&r, &|f| default_ruleset(f.kind).to_string());
        assert_eq!(a.len(), r.doc.forms.len());
        for (x, f) in a.iter().zip(&r.doc.forms) {
            assert_eq!(x.analysis.kind, FormKind::SelfEvaluation);
            assert_eq!(x.analysis.year, f.year.map(i32::from));
            assert_eq!(x.analysis.project, f.project);
            assert!(x.analysis.score_json.is_some());
            // Each form's findings lie inside the form.
            let findings: Vec<Finding> = serde_json::from_str(&x.analysis.findings_json).unwrap();
            assert!(findings
                .iter()
                .all(|g| g.line >= f.line_start && g.line <= f.line_end));
        }
    }

    #[test]
    fn the_findings_of_an_upload_are_those_of_jixiao_check_split_by_form() {
        let mut text = String::new();
        for t in [
            include_str!("../../../examples/final_accounts.txt"),
            include_str!("../../../examples/scoresheet_jiangmen.txt"),
            SELF_EVAL,
            include_str!("../../../examples/target_declaration.txt"),
        ] {
            text.push_str(t);
            text.push('\n');
        }
        let r = read("all.txt", "text/plain", text.clone().into_bytes()).unwrap();
        assert_eq!(r.doc.forms.len(), 4);
        let a = analyse(&r, &|f| default_ruleset(f.kind).to_string());
        let key = |f: &Finding| (f.line, f.column, f.rule.clone(), f.message.clone());
        let mut ours: Vec<_> = a
            .iter()
            .flat_map(|x| serde_json::from_str::<Vec<Finding>>(&x.analysis.findings_json).unwrap())
            .map(|f| key(&f))
            .collect();
        let mut whole: Vec<_> = jixiao_audit::check(&r.doc, &text, &Config::default())
            .findings
            .iter()
            .map(key)
            .collect();
        ours.sort();
        whole.sort();
        assert!(!whole.is_empty());
        assert_eq!(ours, whole);
        // Scores stored are those of `jixiao score` over the whole document.
        for (x, f) in a.iter().zip(&r.doc.forms) {
            assert_eq!(
                x.analysis.score_json.is_some(),
                matches!(
                    f.kind,
                    FormKind::SelfEvaluation | FormKind::EvaluationScoresheet
                )
            );
        }
    }

    #[test]
    fn summaries_come_from_the_stored_form_score_and_findings() {
        let r = read("a.txt", "text/plain", SELF_EVAL.as_bytes().to_vec()).unwrap();
        let a = analyse(&r, &|f| default_ruleset(f.kind).to_string());
        let x = &a[0].analysis;
        let form = &r.doc.forms[0];
        let total = &form
            .funds
            .as_ref()
            .expect("the example has a funds block")
            .rows[0];
        assert_eq!(x.summary.annual_budget, total.annual_budget);
        assert_eq!(x.summary.executed, total.executed);
        assert_eq!(x.summary.stated_grade, form.grade);
        let score: serde_json::Value =
            serde_json::from_str(x.score_json.as_deref().expect("scored")).expect("score JSON");
        assert_eq!(
            x.summary.recomputed_grade.as_deref(),
            score["recomputed_grade"].as_str()
        );
        assert!(x.summary.recomputed_grade.is_some());
        let findings: Vec<Finding> = serde_json::from_str(&x.findings_json).unwrap();
        let mut codes: Vec<String> = findings
            .iter()
            .filter(|f| matches!(f.severity, Severity::Error | Severity::Warning))
            .map(|f| f.rule.clone())
            .collect();
        codes.sort();
        assert_eq!(x.summary.rules, codes);
        assert_eq!(codes.len() as i32, x.errors + x.warnings);
        // Again from the stored JSON alone.
        assert_eq!(
            summarise(&x.form_json, x.score_json.as_deref(), &x.findings_json),
            x.summary
        );
        // Unreadable JSON gives an empty summary, not a failure.
        assert_eq!(summarise("{", Some("["), "nope"), Summary::default());
    }

    #[test]
    fn unreadable_uploads_are_errors_naming_the_file() {
        let e = read("x.bin", "text/plain", vec![0, 159, 146, 150, 0, 1]).unwrap_err();
        assert!(e.to_string().contains("x.bin"), "{e}");
        let e = read(
            "n.txt",
            "text/plain",
            "没有表格的一段话".as_bytes().to_vec(),
        )
        .unwrap_err();
        assert!(matches!(e, ReadError::NoForm { .. }), "{e}");
        let e = read("p.png", "image/png", b"\x89PNG".to_vec()).unwrap_err();
        assert!(matches!(e, ReadError::Unsupported(_)), "{e}");
    }

    #[test]
    fn uploads_of_other_formats_are_read_by_content() {
        let from_text = read("a.txt", "text/plain", SELF_EVAL.as_bytes().to_vec()).unwrap();
        let mut html = String::from("<!DOCTYPE html><html><body><table>");
        for line in SELF_EVAL.lines() {
            html.push_str("<tr>");
            for cell in line.split('\t') {
                html.push_str(&format!("<td>{cell}</td>"));
            }
            html.push_str("</tr>");
        }
        html.push_str("</table></body></html>");
        // The content type need not say which format: the bytes do.
        for ct in ["text/html", "application/octet-stream"] {
            let r = read("a.html", ct, html.clone().into_bytes()).unwrap();
            assert_eq!(r.doc.format.as_deref(), Some("html"));
            assert_eq!(r.doc.forms.len(), from_text.doc.forms.len());
            assert_eq!(
                r.doc.forms[0].indicators.len(),
                from_text.doc.forms[0].indicators.len()
            );
            assert!(
                r.source.text.contains("\t"),
                "the text lines refer to is kept"
            );
        }
    }

    #[test]
    fn evidence_the_layout_cannot_print_survives_a_save() {
        let r = read("a.txt", "text/plain", SELF_EVAL.as_bytes().to_vec()).unwrap();
        let mut form = r.doc.forms[0].clone();
        let n = form.indicators.len();
        assert!(n >= 2);
        form.indicators[1].evidence = Some("维护台账第3册".into());
        let body = serde_json::to_vec(&form).unwrap();
        let (_, a) = reanalyse("edit", body, &form, "shanghai").unwrap();
        let stored: Form = serde_json::from_str(&a.analysis.form_json).unwrap();
        assert_eq!(stored.indicators.len(), n);
        assert_eq!(
            stored.indicators[1].evidence.as_deref(),
            Some("维护台账第3册")
        );
        assert_eq!(stored.indicators[0].evidence, None);
    }

    #[test]
    fn an_edited_form_reads_back_and_keeps_the_submitted_json() {
        let r = read("a.txt", "text/plain", SELF_EVAL.as_bytes().to_vec()).unwrap();
        let mut form = r.doc.forms[0].clone();
        form.project = Some("港区保洁调整版".into());
        let body = serde_json::to_vec(&form).unwrap();
        let (src, a) = reanalyse("edit", body.clone(), &form, "shanghai").unwrap();
        assert_eq!(src.bytes, body);
        assert_eq!(src.content_type, "application/json");
        assert_eq!(a.form.project.as_deref(), Some("港区保洁调整版"));
        assert!(src.text.contains("港区保洁调整版"));
    }
}
