//! `jixiao check`, `jixiao rules`, `jixiao rule CODE`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use jixiao_audit::{codes, render, Config, Lang};

use crate::{CheckFormat, LangArg};

pub(crate) fn run(
    paths: &[PathBuf],
    format: CheckFormat,
    select: Vec<String>,
    ignore: Vec<String>,
    config: Option<PathBuf>,
    with_ledger: bool,
    lang: Option<LangArg>,
) -> anyhow::Result<ExitCode> {
    let mut cfg = match config {
        Some(p) => Config::load(&p).map_err(anyhow::Error::msg)?,
        None => match Config::discover(&std::env::current_dir()?) {
            Some(p) => Config::load(&p).map_err(anyhow::Error::msg)?,
            None => Config::default(),
        },
    };
    if !select.is_empty() {
        cfg.select = select;
    }
    cfg.ignore.extend(ignore);
    if let Some(l) = lang {
        cfg.lang = match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        };
    }
    for code in cfg
        .select
        .iter()
        .chain(&cfg.ignore)
        .chain(cfg.severity.keys())
    {
        if code != "ALL"
            && !codes::RULES
                .iter()
                .any(|r| r.meta().code.starts_with(code.as_str()))
        {
            anyhow::bail!("unknown rule code or prefix {code:?} (see `jixiao rules`)");
        }
    }
    let files = crate::expand_paths(paths)?;
    let mut unreadable = false;
    let mut counts = render::Counts::default();
    // Kept whole only where the output needs them at the end: SARIF, and the ledger.
    let mut all_findings = Vec::new();
    let mut ledger_out: Vec<u8> = Vec::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let lang = cfg.lang;
    let mut first_finding = true;
    let mut first_entry = true;
    match format {
        CheckFormat::Json if with_ledger => out.write_all(b"{\"findings\": [")?,
        CheckFormat::Json => out.write_all(b"[")?,
        _ => {}
    }
    // Each file is read, parsed, checked and rendered on a worker; the main thread only writes
    // the pieces in input order, so the source text of a file is dropped as soon as it is done.
    crate::par::map_ordered(
        &files,
        |f| check_file(f, &cfg, format, with_ledger),
        |_, r| {
            let (report, piece) = match r {
                Err(e) => {
                    eprintln!("jixiao: error: {e:#}");
                    unreadable = true;
                    return Ok(());
                }
                Ok(x) => x,
            };
            counts.add(&report.findings, &report.ledger);
            match format {
                CheckFormat::Text => {
                    out.write_all(piece.findings.as_bytes())?;
                    ledger_out.extend_from_slice(piece.ledger.as_bytes());
                }
                CheckFormat::Json => {
                    for item in piece.findings.split_terminator('\n') {
                        out.write_all(if first_finding { b"\n" } else { b",\n" })?;
                        out.write_all(item.as_bytes())?;
                        first_finding = false;
                    }
                    for item in piece.ledger.split_terminator('\n') {
                        ledger_out.extend_from_slice(if first_entry { b"\n" } else { b",\n" });
                        ledger_out.extend_from_slice(item.as_bytes());
                        first_entry = false;
                    }
                }
                CheckFormat::Sarif => all_findings.extend(report.findings),
            }
            Ok(())
        },
    )?;
    match format {
        CheckFormat::Text => {
            out.write_all(counts.text(lang).as_bytes())?;
            if with_ledger {
                out.write_all(b"\n")?;
                out.write_all(&ledger_out)?;
            }
        }
        CheckFormat::Json if with_ledger => {
            out.write_all(b"\n], \"ledger\": [")?;
            out.write_all(&ledger_out)?;
            out.write_all(b"\n]}\n")?;
        }
        CheckFormat::Json => out.write_all(b"\n]\n")?,
        CheckFormat::Sarif => {
            let metas: Vec<_> = codes::RULES.iter().map(|r| r.meta()).collect();
            serde_json::to_writer_pretty(
                &mut out,
                &render::sarif(&all_findings, &metas, env!("CARGO_PKG_VERSION")),
            )?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if unreadable {
        ExitCode::from(2)
    } else if counts.severity[0] > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One file's output, rendered on a worker: text, or one compact JSON object per line.
#[derive(Default)]
struct Piece {
    findings: String,
    ledger: String,
}

/// Reads, parses and checks one file and renders its part of the output.
fn check_file(
    f: &Path,
    cfg: &Config,
    format: CheckFormat,
    with_ledger: bool,
) -> anyhow::Result<(jixiao_audit::Report, Piece)> {
    let name = f.display().to_string();
    let bytes = std::fs::read(f).with_context(|| format!("{name}: cannot read"))?;
    let source = jixiao_input::read(&name, &bytes)?;
    let doc = jixiao_parse::parse_source(&name, &source);
    let text = source.text;
    let report = jixiao_audit::check(&doc, &text, cfg);
    let mut piece = Piece::default();
    match format {
        CheckFormat::Text => {
            piece.findings = render::findings_text(&report.findings, |_| Some(&*text), cfg.lang);
            if with_ledger {
                piece.ledger = render::ledger_text(&report.ledger, cfg.lang);
            }
        }
        CheckFormat::Json => {
            for f in &report.findings {
                piece.findings.push_str(&serde_json::to_string(f)?);
                piece.findings.push('\n');
            }
            if with_ledger {
                for e in &report.ledger {
                    piece.ledger.push_str(&serde_json::to_string(e)?);
                    piece.ledger.push('\n');
                }
            }
        }
        CheckFormat::Sarif => {}
    }
    Ok((report, piece))
}

pub(crate) fn rules(markdown: Option<&Path>) -> anyhow::Result<ExitCode> {
    if let Some(dir) = markdown {
        std::fs::create_dir_all(dir)?;
        for r in codes::RULES {
            let m = r.meta();
            std::fs::write(dir.join(format!("{}.md", m.code)), render::rule_doc(m))?;
        }
        let metas: Vec<_> = codes::RULES.iter().map(|r| r.meta()).collect();
        let index = render::rules_index(&metas);
        std::fs::write(dir.join("README.md"), index)?;
        return Ok(ExitCode::SUCCESS);
    }
    for r in codes::RULES {
        let m = r.meta();
        println!(
            "{}  {:<8} {:<32} {}",
            m.code,
            m.severity.as_str(),
            m.name,
            m.summary
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn rule(code: &str) -> anyhow::Result<ExitCode> {
    match codes::rule(code) {
        Some(r) => {
            print!("{}", render::rule_doc(r.meta()));
            Ok(ExitCode::SUCCESS)
        }
        None => anyhow::bail!("unknown rule code {code:?} (see `jixiao rules`)"),
    }
}
