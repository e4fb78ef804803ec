//! `jixiao score`.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use jixiao_score::{RuleChoice, Scored};
use serde::Serialize;

use crate::ScoreFormat;

#[derive(Serialize)]
struct FileScores {
    file: String,
    forms: Vec<Scored>,
}

pub(crate) fn run(
    files: &[PathBuf],
    rules: Option<&str>,
    format: ScoreFormat,
) -> anyhow::Result<ExitCode> {
    // A rule set that cannot be loaded is an error naming the file (exit status 2).
    let choice = RuleChoice::load(rules)?;
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
        let forms: Vec<Scored> = choice.score_document(&doc.forms);
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
