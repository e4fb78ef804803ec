//! `jixiao report`: an audit report per document and a summary, as HTML or PDF.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;

use crate::export::{analyse, config, progress, unique_names};
use crate::LangArg;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(crate) enum ReportFormat {
    Html,
    Pdf,
}

pub(crate) fn run(
    paths: &[PathBuf],
    out: &Path,
    format: ReportFormat,
    lang: Option<LangArg>,
) -> anyhow::Result<ExitCode> {
    let files = crate::expand_paths(paths)?;
    let cfg = config(lang)?;
    #[cfg(feature = "pdf")]
    let fonts = if format == ReportFormat::Pdf {
        // Fail before any work when the font is missing.
        Some(jixiao_report::Fonts::shared()?)
    } else {
        None
    };
    #[cfg(not(feature = "pdf"))]
    if format == ReportFormat::Pdf {
        anyhow::bail!("this jixiao was built without PDF support (cargo feature `pdf`)");
    }
    let (done, failed) = analyse(&files, &cfg, "read");
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let ext = match format {
        ReportFormat::Html => "html",
        ReportFormat::Pdf => "pdf",
    };
    let names = unique_names(
        &done
            .iter()
            .map(|a| a.bundle.doc.file.as_str())
            .collect::<Vec<_>>(),
        ext,
    );
    let inputs: Vec<jixiao_report::Input> = done
        .iter()
        .map(|a| jixiao_report::Input {
            doc: &a.bundle.doc,
            text: a.bundle.text.as_deref().unwrap_or(""),
            scores: &a.bundle.scores,
            findings: &a.bundle.findings,
            ledger: &a.ledger,
        })
        .collect();
    let pb = progress(inputs.len(), "report");
    for (i, name) in inputs.iter().zip(&names) {
        pb.set_message(name.clone());
        let v = jixiao_report::document_view(i, cfg.lang);
        let bytes = match format {
            ReportFormat::Html => jixiao_report::html_document(&v).into_bytes(),
            #[cfg(feature = "pdf")]
            ReportFormat::Pdf => jixiao_report::pdf_document(&v, fonts.expect("fonts loaded"))?,
            #[cfg(not(feature = "pdf"))]
            ReportFormat::Pdf => unreachable!(),
        };
        let p = out.join(name);
        std::fs::write(&p, bytes).with_context(|| format!("writing {}", p.display()))?;
        pb.inc(1);
    }
    pb.finish_and_clear();
    let summary = jixiao_report::summary_view(&inputs, &names, cfg.lang);
    let summary_name = format!("summary.{ext}");
    let bytes = match format {
        ReportFormat::Html => jixiao_report::html_summary(&summary).into_bytes(),
        #[cfg(feature = "pdf")]
        ReportFormat::Pdf => jixiao_report::pdf_summary(&summary, fonts.expect("fonts loaded"))?,
        #[cfg(not(feature = "pdf"))]
        ReportFormat::Pdf => unreachable!(),
    };
    let p = out.join(&summary_name);
    std::fs::write(&p, bytes).with_context(|| format!("writing {}", p.display()))?;
    eprintln!(
        "jixiao: wrote {} report(s) and {} to {}",
        names.len(),
        summary_name,
        out.display()
    );
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
