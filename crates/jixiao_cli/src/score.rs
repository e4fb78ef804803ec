//! `jixiao score`.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use jixiao_model::FormKind;
use jixiao_score::{score_document, RuleSet, Scored};
use serde::Serialize;

use crate::ScoreFormat;

#[derive(Serialize)]
struct FileScores {
    file: String,
    forms: Vec<Scored>,
}

/// The rule set for a form when none was given: the template family's own.
fn default_rules(kind: FormKind) -> &'static str {
    match kind {
        FormKind::EvaluationScoresheet => "guangdong",
        _ => "shanghai",
    }
}

pub(crate) fn run(
    files: &[PathBuf],
    rules: Option<&str>,
    format: ScoreFormat,
) -> anyhow::Result<ExitCode> {
    let chosen = rules.map(RuleSet::load).transpose()?;
    let builtin: Vec<RuleSet> = ["shanghai", "guangdong"]
        .iter()
        .map(|n| RuleSet::builtin(n))
        .collect::<Result<_, _>>()?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut results = Vec::new();
    let mut failed = false;
    for f in files {
        let doc = match crate::read_doc(f) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("jixiao: error: {e:#}");
                failed = true;
                continue;
            }
        };
        let forms: Vec<Scored> = score_document(
            doc.forms
                .iter()
                .filter(|f| {
                    matches!(
                        f.kind,
                        FormKind::SelfEvaluation | FormKind::EvaluationScoresheet
                    )
                })
                .map(|form| {
                    let rs = chosen.as_ref().unwrap_or_else(|| {
                        let name = default_rules(form.kind);
                        builtin
                            .iter()
                            .find(|r| r.name == name)
                            .expect("built-in rule set")
                    });
                    (form, rs)
                }),
        );
        match format {
            ScoreFormat::Text => {
                writeln!(out, "== {}", doc.file)?;
                if forms.is_empty() {
                    writeln!(out, "  (no self-evaluation or scoresheet forms)")?;
                }
                for s in &forms {
                    out.write_all(s.explain().as_bytes())?;
                }
            }
            ScoreFormat::Json => results.push(FileScores {
                file: doc.file,
                forms,
            }),
        }
    }
    if format == ScoreFormat::Json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
