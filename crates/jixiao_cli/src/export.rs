//! `jixiao export`, `jixiao template`, `jixiao import-xlsx`; the read → score → check
//! pipeline they share with `jixiao report`, and the progress bar of batch commands.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use jixiao_audit::{Config, Lang, LedgerEntry};
use jixiao_excel::Bundle;
use jixiao_model::FormKind;
use jixiao_score::RuleChoice;

use crate::LangArg;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(crate) enum ExportFormat {
    Xlsx,
    Csv,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(crate) enum TemplateKind {
    #[value(name = "target_declaration", alias = "target-declaration")]
    TargetDeclaration,
    #[value(name = "self_evaluation", alias = "self-evaluation")]
    SelfEvaluation,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(crate) enum ImportFormat {
    /// The `jixiao parse` JSON (one array, one object per source file).
    Json,
    /// The forms in their published text layout (what `jixiao parse/score/check` read).
    Text,
    /// A readable summary with line numbers.
    Table,
}

/// A progress bar for batches of more than a handful of files, drawn only when both stdout
/// and stderr are terminals.
pub(crate) fn progress(n: usize, what: &str) -> ProgressBar {
    if n <= 5 || !std::io::stderr().is_terminal() || !std::io::stdout().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(n as u64);
    pb.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_prefix(what.to_string());
    pb
}

/// The check configuration: `jixiao.toml` found from the current directory, `--lang`.
pub(crate) fn config(lang: Option<LangArg>) -> anyhow::Result<Config> {
    let mut cfg = match Config::discover(&std::env::current_dir()?) {
        Some(p) => Config::load(&p).map_err(anyhow::Error::msg)?,
        None => Config::default(),
    };
    if let Some(l) = lang {
        cfg.lang = match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        };
    }
    Ok(cfg)
}

/// One input read, scored and checked.
pub(crate) struct Analysed {
    pub bundle: Bundle,
    pub ledger: Vec<LedgerEntry>,
}

/// Scores and checks a parsed document, scoring each form once.
pub(crate) fn analyse_doc(
    doc: jixiao_model::Document,
    text: String,
    cfg: &Config,
    rules: &RuleChoice,
) -> Analysed {
    let (scores, report) = jixiao_audit::score_and_check(&doc, &text, cfg, rules);
    Analysed {
        bundle: Bundle {
            doc,
            text: Some(text),
            scores,
            findings: report.findings,
        },
        ledger: report.ledger,
    }
}

/// The rule sets of a configuration; a named set that cannot be loaded is an error.
pub(crate) fn rules(cfg: &Config) -> anyhow::Result<RuleChoice> {
    Ok(RuleChoice::load(cfg.ruleset.as_deref())?)
}

/// Reads, scores and checks every file; unreadable ones are reported and skipped.
pub(crate) fn analyse(files: &[PathBuf], cfg: &Config, what: &str) -> (Vec<Analysed>, bool) {
    // `config` loaded the rule set once already; should it fail now, nothing is analysed.
    let rules = match rules(cfg) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("jixiao: error: {e:#}");
            return (Vec::new(), true);
        }
    };
    let pb = progress(files.len(), what);
    let mut out = Vec::new();
    let mut failed = false;
    for f in files {
        let name = f.display().to_string();
        pb.set_message(name.clone());
        let read = std::fs::read(f)
            .with_context(|| format!("{name}: cannot read"))
            .and_then(|b| {
                let source = jixiao_input::read(&name, &b)?;
                let doc = jixiao_parse::parse_source(&name, &source);
                Ok((doc, source.text.into_owned()))
            });
        match read {
            Ok((doc, text)) => {
                out.push(analyse_doc(doc, text, cfg, &rules));
            }
            Err(e) => {
                pb.suspend(|| eprintln!("jixiao: error: {e:#}"));
                failed = true;
            }
        }
        pb.inc(1);
    }
    pb.finish_and_clear();
    (out, failed)
}

fn stem(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .map_or_else(|| "document".into(), |s| s.to_string_lossy().to_string())
}

/// Output file names for documents, unique within a run (`a.xlsx`, `a-2.xlsx`).
pub(crate) fn unique_names(files: &[&str], ext: &str) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    files
        .iter()
        .map(|f| {
            let s = stem(f);
            let n = seen.entry(s.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("{s}.{ext}")
            } else {
                format!("{s}-{n}.{ext}")
            }
        })
        .collect()
}

pub(crate) fn export(
    paths: &[PathBuf],
    format: ExportFormat,
    out: &Path,
    lang: Option<LangArg>,
) -> anyhow::Result<ExitCode> {
    let files = crate::expand_paths(paths)?;
    let cfg = config(lang)?;
    let (done, failed) = analyse(&files, &cfg, "export");
    let bundles: Vec<Bundle> = done.into_iter().map(|a| a.bundle).collect();
    match format {
        ExportFormat::Xlsx => {
            let single = out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            if single {
                let bytes = jixiao_excel::export_xlsx(&bundles)?;
                write_file(out, &bytes)?;
                eprintln!("jixiao: wrote {}", out.display());
            } else {
                std::fs::create_dir_all(out)
                    .with_context(|| format!("creating {}", out.display()))?;
                let names = unique_names(
                    &bundles
                        .iter()
                        .map(|b| b.doc.file.as_str())
                        .collect::<Vec<_>>(),
                    "xlsx",
                );
                let pb = progress(bundles.len(), "xlsx");
                for (b, name) in bundles.iter().zip(&names) {
                    let bytes = jixiao_excel::export_xlsx(std::slice::from_ref(b))?;
                    write_file(&out.join(name), &bytes)?;
                    pb.inc(1);
                }
                pb.finish_and_clear();
                eprintln!(
                    "jixiao: wrote {} workbook(s) to {}",
                    names.len(),
                    out.display()
                );
            }
        }
        ExportFormat::Csv => {
            let written = jixiao_excel::csv::write_dir(&bundles, out)?;
            eprintln!(
                "jixiao: wrote {} CSV files to {}",
                written.len(),
                out.display()
            );
        }
        ExportFormat::Json => {
            let v = jixiao_excel::json::export(&bundles);
            let mut bytes = serde_json::to_vec_pretty(&v)?;
            bytes.push(b'\n');
            if out == Path::new("-") {
                std::io::stdout().write_all(&bytes)?;
            } else {
                write_file(out, &bytes)?;
                eprintln!("jixiao: wrote {}", out.display());
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_file(p: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(p, bytes).with_context(|| format!("writing {}", p.display()))
}

pub(crate) fn template(kind: TemplateKind, out: &Path) -> anyhow::Result<ExitCode> {
    let kind = match kind {
        TemplateKind::TargetDeclaration => FormKind::TargetDeclaration,
        TemplateKind::SelfEvaluation => FormKind::SelfEvaluation,
    };
    let bytes = jixiao_excel::template_xlsx(kind)?;
    write_file(out, &bytes)?;
    eprintln!("jixiao: wrote the {} template {}", kind.zh(), out.display());
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn import_xlsx(
    file: &Path,
    format: ImportFormat,
    check: bool,
    score: bool,
    lang: Option<LangArg>,
) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("{}: cannot read", file.display()))?;
    let name = file.display().to_string();
    let docs = jixiao_excel::import_xlsx(&bytes, &name)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if check || score {
        // The usual score and check run on the forms in their published text layout, so that
        // every finding quotes a line (lines are those of `--format text`).
        let cfg = config(lang)?;
        let rules = rules(&cfg)?;
        let mut errors = false;
        for d in docs {
            let text = jixiao_render::render_document(&d, jixiao_render::Style::default());
            let doc = jixiao_parse::parse_str(&d.file, &text);
            let a = analyse_doc(doc, text, &cfg, &rules);
            if score {
                writeln!(out, "== {}", a.bundle.doc.file)?;
                for s in &a.bundle.scores {
                    out.write_all(s.explain().as_bytes())?;
                }
            }
            if check {
                let text = a.bundle.text.clone().unwrap_or_default();
                out.write_all(
                    jixiao_audit::render::text(
                        &a.bundle.findings,
                        &a.ledger,
                        |_| Some(text.as_str()),
                        cfg.lang,
                    )
                    .as_bytes(),
                )?;
                errors |= a
                    .bundle
                    .findings
                    .iter()
                    .any(|f| f.severity == jixiao_audit::Severity::Error);
            }
        }
        out.flush()?;
        return Ok(if errors {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    match format {
        ImportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &docs)?;
            writeln!(out)?;
        }
        ImportFormat::Text => {
            for d in &docs {
                out.write_all(
                    jixiao_render::render_document(d, jixiao_render::Style::default()).as_bytes(),
                )?;
            }
        }
        ImportFormat::Table => {
            for d in &docs {
                let mut buf = Vec::new();
                crate::table::write_doc(&mut buf, d)?;
                out.write_all(&buf)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
