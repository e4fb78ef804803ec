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
    let mut findings = Vec::new();
    let mut ledger = Vec::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let lang = cfg.lang;
    // Each file is read, parsed, checked and (for text) rendered on a worker; the text of a
    // file is dropped as soon as its findings are rendered.
    crate::par::map_ordered(
        &files,
        |f| check_file(f, &cfg, format == CheckFormat::Text),
        |_, r| {
            match r {
                Err(e) => {
                    eprintln!("jixiao: error: {e:#}");
                    unreadable = true;
                }
                Ok((report, text)) => {
                    if let Some(t) = text {
                        out.write_all(t.as_bytes())?;
                    }
                    findings.extend(report.findings);
                    ledger.extend(report.ledger);
                }
            }
            Ok(())
        },
    )?;
    match format {
        CheckFormat::Text => {
            out.write_all(render::summary_text(&findings, &ledger, lang).as_bytes())?;
            if with_ledger {
                out.write_all(b"\n")?;
                out.write_all(render::ledger_text(&ledger, lang).as_bytes())?;
            }
        }
        CheckFormat::Json => {
            serde_json::to_writer_pretty(
                &mut out,
                &render::json(&findings, with_ledger.then_some(ledger.as_slice())),
            )?;
            writeln!(out)?;
        }
        CheckFormat::Sarif => {
            let metas: Vec<_> = codes::RULES.iter().map(|r| r.meta()).collect();
            serde_json::to_writer_pretty(
                &mut out,
                &render::sarif(&findings, &metas, env!("CARGO_PKG_VERSION")),
            )?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if unreadable {
        ExitCode::from(2)
    } else if findings
        .iter()
        .any(|f| f.severity == jixiao_audit::Severity::Error)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads, parses and checks one file; with `render`, also its findings as text.
fn check_file(
    f: &Path,
    cfg: &Config,
    render_text: bool,
) -> anyhow::Result<(jixiao_audit::Report, Option<String>)> {
    let name = f.display().to_string();
    let bytes = std::fs::read(f).with_context(|| format!("{name}: cannot read"))?;
    let text = jixiao_parse::decode(&name, &bytes)?;
    let doc = jixiao_parse::parse_str(&name, &text);
    let report = jixiao_audit::check(&doc, &text, cfg);
    let rendered =
        render_text.then(|| render::findings_text(&report.findings, |_| Some(&*text), cfg.lang));
    Ok((report, rendered))
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
