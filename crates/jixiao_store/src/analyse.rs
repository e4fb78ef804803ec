//! What runs on every save: read the upload (or the edited form), score it, check it.
//!
//! An upload becomes one [`Analysed`] form per form found in the file; each keeps the lines
//! of the uploaded text, so findings point at what the user sent. An edited form (a `PUT` of
//! the parse contract's form object) is written out in its published text layout with
//! `jixiao_render` and read back, so that its findings, too, quote real lines; the submitted
//! JSON is kept verbatim as the revision's source.

use std::collections::BTreeMap;

use jixiao_audit::{Config, Finding, Severity};
use jixiao_model::{Document, Form, FormKind};
use jixiao_score::{RuleSet, Scored};
use sha2::{Digest, Sha256};

use crate::types::{Analysis, NewSource};

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
        "unsupported content type {0:?}: send text/plain (any text layout jixiao reads) or {XLSX}"
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

/// Whether a `Content-Type` names plain text (any charset parameter is ignored: the bytes
/// are decoded by content, UTF-8/UTF-16/GB18030).
fn is_text(content_type: &str) -> bool {
    let base = content_type.split(';').next().unwrap_or("").trim();
    base.eq_ignore_ascii_case("text/plain")
}

fn is_xlsx(content_type: &str) -> bool {
    let base = content_type.split(';').next().unwrap_or("").trim();
    base.eq_ignore_ascii_case(XLSX)
}

/// Reads an upload: text in any layout `jixiao parse` reads, or a jixiao xlsx workbook.
pub fn read(name: &str, content_type: &str, bytes: Vec<u8>) -> Result<Read, ReadError> {
    let sha256 = sha256_hex(&bytes);
    let (text, doc) = if is_text(content_type) {
        let text = jixiao_parse::decode(name, &bytes)
            .map_err(|e| ReadError::Decode(e.to_string()))?
            .into_owned();
        let doc = jixiao_parse::parse_str(name, &text);
        (text, doc)
    } else if is_xlsx(content_type) {
        let docs = jixiao_excel::import_xlsx(&bytes, name)
            .map_err(|e| ReadError::Workbook(e.to_string()))?;
        let mut text = String::new();
        for d in &docs {
            text.push_str(&jixiao_render::render_document(
                d,
                jixiao_render::Style::default(),
            ));
        }
        let doc = jixiao_parse::parse_str(name, &text);
        (text, doc)
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
/// Scoring runs over the whole document so that one rounding convention is detected for all
/// its forms; each form is then checked on its own (claims in prose go with the final
/// account), against the whole source text so that findings quote the uploaded lines.
pub fn analyse(read: &Read, ruleset_for: &dyn Fn(&Form) -> String) -> Vec<Analysed> {
    let names: Vec<String> = read
        .doc
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
    let sets: BTreeMap<&str, &'static RuleSet> = names
        .iter()
        .map(|n| {
            (
                n.as_str(),
                RuleSet::builtin_ref(n).expect("checked to be built in"),
            )
        })
        .collect();
    let scored: Vec<Scored> = jixiao_score::score_document(
        read.doc
            .forms
            .iter()
            .zip(&names)
            .filter(|(f, _)| scorable(f.kind))
            .map(|(f, n)| (f, sets[n.as_str()])),
    );
    let has_final_accounts = read
        .doc
        .forms
        .iter()
        .any(|f| f.kind == FormKind::FinalAccounts);
    read.doc
        .forms
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(i, (form, ruleset))| {
            let claims = if form.kind == FormKind::FinalAccounts || (!has_final_accounts && i == 0)
            {
                read.doc.claims.clone()
            } else {
                Vec::new()
            };
            let single = Document {
                file: read.doc.file.clone(),
                forms: vec![form.clone()],
                claims,
                warnings: Vec::new(),
            };
            let score = scored
                .iter()
                .find(|s| s.line_start == form.line_start && s.kind == form.kind);
            Analysed {
                form: form.clone(),
                analysis: finish(&single, &read.source.text, score, ruleset),
            }
        })
        .collect()
}

fn scorable(kind: FormKind) -> bool {
    matches!(
        kind,
        FormKind::SelfEvaluation | FormKind::EvaluationScoresheet
    )
}

/// Checks a one-form document and assembles what a revision stores.
fn finish(single: &Document, text: &str, score: Option<&Scored>, ruleset: &str) -> Analysis {
    let form = &single.forms[0];
    let cfg = Config {
        ruleset: Some(ruleset.to_string()),
        ..Config::default()
    };
    let report = jixiao_audit::check(single, text, &cfg);
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count() as i32;
    Analysis {
        kind: form.kind,
        year: form.year.map(i32::from),
        project: form
            .project
            .clone()
            .or_else(|| form.department.clone())
            .or_else(|| form.unit.clone()),
        form_json: serde_json::to_string(form).expect("forms serialise"),
        score_json: score.map(|s| serde_json::to_string(s).expect("scores serialise")),
        findings_json: findings_json(&report.findings),
        stated_total: score.and_then(|s| s.stated_total),
        recomputed_total: score.and_then(|s| s.recomputed_total),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        ruleset: ruleset.to_string(),
    }
}

fn findings_json(findings: &[Finding]) -> String {
    serde_json::to_string(findings).expect("findings serialise")
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
        let e = read("p.pdf", "application/pdf", b"%PDF-1.4".to_vec()).unwrap_err();
        assert!(matches!(e, ReadError::Unsupported(_)), "{e}");
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
