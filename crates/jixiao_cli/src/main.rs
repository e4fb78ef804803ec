//! `jixiao`: read, score and check published budget-performance disclosures.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use jixiao_model::Document;

mod check;
mod export;
mod par;
mod report;
mod score;
mod server;
mod table;

// Parsing allocates many small strings; mimalloc is markedly faster than glibc's malloc here.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// jixiao (绩效): an exact, open tool for China's budget performance management.
#[derive(Parser, Debug)]
#[command(name = "jixiao", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read disclosures into structured, line-anchored forms.
    ///
    /// Inputs: text in any layout (tab-, space- or pipe-separated cells), PDF (with poppler's
    /// pdftotext installed), XLSX, XLS, DOCX and HTML, detected by content. A PATH may be a
    /// directory: its .txt, .pdf, .xlsx, .xls, .docx, .html and .htm files are read,
    /// recursively, in name order.
    /// Output formats: `json` (one array, one object per file; the documented interchange
    /// format, see schema/parse.schema.json), `jsonl` (one object per line), `table` (a
    /// human-readable summary).
    Parse {
        /// Files or directories to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Recompute every score and grade of self-evaluations and scoresheets, and show the working.
    ///
    /// For each form: each funds block and indicator with its stated score, the recomputed
    /// score (or allowed range), the formula with the numbers filled in and a status; then the
    /// total and grade, stated vs recomputed, and the rounding convention detected.
    Score {
        /// Files or directories to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Rule set: a built-in name (`jixiao rulesets`) or a TOML file. Default: chosen per
        /// form (scoresheets: guangdong; self-evaluations: shanghai).
        #[arg(long)]
        rules: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
    },
    /// Check documents with coded rules: findings anchored at lines, with the arithmetic.
    ///
    /// Exit status: 0 when no error-severity finding, 1 when any, 2 when an input could not
    /// be read. A `jixiao.toml` found by walking up from the current directory (or given with
    /// `--config`) selects rules, severities, tolerances and the default rule set.
    Check {
        /// Files or directories to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Only these rule codes or prefixes (comma-separated: `S,F101`).
        #[arg(long, value_delimiter = ',')]
        select: Vec<String>,
        /// Skip these rule codes or prefixes.
        #[arg(long, value_delimiter = ',')]
        ignore: Vec<String>,
        /// Configuration file (default: the nearest jixiao.toml).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Also print the per-document ledger: every rule's outcome for every form or table.
        #[arg(long)]
        ledger: bool,
        /// Language of messages.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Exit with status 0 even when error findings are reported (unreadable input still
        /// exits 2).
        #[arg(long)]
        exit_zero: bool,
    },
    /// Print the text jixiao reads from a file, with the line numbers (and, for a PDF, the page
    /// numbers) that every finding and every `line` field refers to.
    ///
    /// Each line is `LINE<TAB>TEXT` (`PAGE:LINE<TAB>TEXT` for paged input), cells separated by
    /// tabs; `--raw` prints the text alone.
    Text {
        /// The file to read (any input format).
        file: PathBuf,
        /// Print the text without line numbers.
        #[arg(long)]
        raw: bool,
    },
    /// List the check rules (code, severity, summary).
    Rules {
        /// Write one Markdown page per rule into this directory instead.
        #[arg(long)]
        markdown: Option<PathBuf>,
    },
    /// Print the documentation of one check rule.
    Rule { code: String },
    /// List the scoring rule sets, or show one with its parameters (`jixiao rulesets show NAME`).
    Rulesets {
        #[command(subcommand)]
        action: Option<RulesetsAction>,
    },
    /// Export forms, indicators, funds, table rows, scores and findings.
    ///
    /// `xlsx`: sheets in the published layouts plus 评分复核 and 检查发现; `--out` a `.xlsx`
    /// file (one workbook for all inputs) or a directory (one workbook per input).
    /// `csv`: forms.csv, indicators.csv, funds.csv, table_rows.csv, findings.csv (UTF-8 with
    /// BOM) in the directory `--out`. `json`: the parse JSON with scores and findings added,
    /// to the file `--out` (`-` for stdout).
    Export {
        /// Files or directories to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = export::ExportFormat::Xlsx)]
        format: export::ExportFormat,
        /// Output file or directory.
        #[arg(long)]
        out: PathBuf,
        /// Language of finding messages.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Write a blank workbook to fill in (data validation, locked formula cells).
    Template {
        #[arg(long, value_enum)]
        kind: export::TemplateKind,
        /// The .xlsx file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Read a filled template (or an export) back into forms and print them.
    ///
    /// Any bad cell fails the whole workbook, each named by sheet and cell
    /// (`自评表!F12: '十万' is not a number`). `--check` / `--score` run the usual check and
    /// scoring on the forms (their lines are those of `--format text`).
    ImportXlsx {
        /// The workbook.
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = export::ImportFormat::Json)]
        format: export::ImportFormat,
        /// Check the forms and print the findings (exit status as `jixiao check`).
        #[arg(long)]
        check: bool,
        /// Score the forms and print the working.
        #[arg(long)]
        score: bool,
        /// Language of messages.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Write an audit report per document and a summary (HTML: one self-contained file each;
    /// PDF: needs Debian's fonts-noto-cjk).
    Report {
        /// Files or directories to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t = report::ReportFormat::Html)]
        format: report::ReportFormat,
        /// Language of the report.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Run the workbench server: JSON API under /api/v1, sessions, review workflow.
    ///
    /// `--demo` starts on a fresh embedded database filled with a demo region (accounts
    /// finance, dept, unit1, unit2, admin; password jixiao-demo) and the example documents;
    /// with `--db URL` it fills that database instead, if it is empty.
    Serve {
        /// Database: sqlite://FILE (created and migrated on first start) or postgres://….
        #[arg(long)]
        db: Option<String>,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Demo mode: demo accounts and example documents.
        #[arg(long)]
        demo: bool,
    },
    /// Database maintenance (`jixiao db migrate --db URL`).
    Db {
        #[command(subcommand)]
        action: DbAction,
    },
    /// Organisations (`jixiao org add …`).
    Org {
        #[command(subcommand)]
        action: OrgAction,
    },
    /// Users (`jixiao user add …`; the password is read from a prompt or stdin).
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Load published or collected documents as archived documents of a unit.
    ///
    /// Each file is imported whole or not at all (one transaction per file).
    Import {
        /// Database URL.
        #[arg(long, default_value = server::DEFAULT_DB)]
        db: String,
        /// The budget unit's code.
        #[arg(long)]
        unit: String,
        /// Files (text layouts jixiao reads, jixiao xlsx workbooks) or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Generate a deterministic corpus of realistic documents (for benchmarks and tests).
    Corpus {
        /// Number of documents to write.
        #[arg(long, default_value_t = 100)]
        docs: usize,
        /// Random seed; the same seed gives the same corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output directory (created if missing).
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum DbAction {
    /// Create or upgrade the schema.
    Migrate {
        /// Database URL.
        #[arg(long, default_value = server::DEFAULT_DB)]
        db: String,
    },
}

#[derive(Subcommand, Debug)]
enum OrgAction {
    /// Add an organisation: a region (finance bureau), a department under a region, or a
    /// budget unit under a department.
    Add {
        /// Database URL.
        #[arg(long, default_value = server::DEFAULT_DB)]
        db: String,
        /// Unique code.
        #[arg(long)]
        code: String,
        /// Name.
        #[arg(long)]
        name: String,
        /// region, department or unit.
        #[arg(long)]
        kind: String,
        /// The parent's code.
        #[arg(long)]
        parent: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum UserAction {
    /// Add a user; the password is read from a prompt (or the first line of stdin).
    Add {
        /// Database URL.
        #[arg(long, default_value = server::DEFAULT_DB)]
        db: String,
        /// Login name.
        #[arg(long)]
        username: String,
        /// unit, department, finance or admin.
        #[arg(long)]
        role: String,
        /// The organisation's code.
        #[arg(long)]
        org: String,
    },
}

#[derive(Subcommand, Debug)]
enum RulesetsAction {
    /// List the built-in rule sets (the same as `jixiao rulesets`).
    List,
    /// Print a rule set (built-in name or TOML file) as TOML with every parameter resolved
    /// (`extends` followed).
    Show { name: String },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Text,
    Json,
    Sarif,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum ScoreFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Format {
    Json,
    Jsonl,
    Table,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("jixiao: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Parse { paths, format } => parse_cmd(&paths, format),
        Command::Check {
            paths,
            format,
            select,
            ignore,
            config,
            ledger,
            lang,
            exit_zero,
        } => {
            let code = check::run(&paths, format, select, ignore, config, ledger, lang)?;
            Ok(if exit_zero && code == ExitCode::from(1) {
                ExitCode::SUCCESS
            } else {
                code
            })
        }
        Command::Text { file, raw } => text_cmd(&file, raw),
        Command::Rules { markdown } => check::rules(markdown.as_deref()),
        Command::Rule { code } => check::rule(&code),
        Command::Score {
            paths,
            rules,
            format,
        } => score::run(&expand_paths(&paths)?, rules.as_deref(), format),
        Command::Rulesets {
            action: None | Some(RulesetsAction::List),
        } => {
            for (name, _) in jixiao_score::BUILTIN {
                let rs = jixiao_score::RuleSet::builtin(name)?;
                println!("{:<14} {:<10} {}", rs.name, rs.version, rs.title);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rulesets {
            action: Some(RulesetsAction::Show { name }),
        } => {
            print!("{}", jixiao_score::RuleSet::load(&name)?.to_toml());
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            paths,
            format,
            out,
            lang,
        } => export::export(&paths, format, &out, lang),
        Command::Template { kind, out } => export::template(kind, &out),
        Command::ImportXlsx {
            file,
            format,
            check,
            score,
            lang,
        } => export::import_xlsx(&file, format, check, score, lang),
        Command::Report {
            paths,
            out,
            format,
            lang,
        } => report::run(&paths, &out, format, lang),
        Command::Serve { db, addr, demo } => server::serve(db, addr, demo),
        Command::Db {
            action: DbAction::Migrate { db },
        } => server::migrate(&db),
        Command::Org {
            action:
                OrgAction::Add {
                    db,
                    code,
                    name,
                    kind,
                    parent,
                },
        } => server::org_add(&db, code, name, &kind, parent),
        Command::User {
            action:
                UserAction::Add {
                    db,
                    username,
                    role,
                    org,
                },
        } => server::user_add(&db, username, &role, org),
        Command::Import { db, unit, paths } => server::import(&db, &unit, &paths),
        Command::Corpus { docs, seed, out } => {
            let n = jixiao_render::corpus::write_corpus(&out, docs, seed)
                .with_context(|| format!("writing corpus to {}", out.display()))?;
            eprintln!(
                "jixiao: wrote {docs} documents ({n} bytes) to {}",
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The file extensions a directory is searched for (the format itself is detected from the
/// content, whatever the name). Markdown is read when named, not found in directories, where
/// it is mostly notes and READMEs.
pub(crate) const INPUT_EXTENSIONS: &[&str] =
    &["txt", "text", "pdf", "xlsx", "xls", "docx", "html", "htm"];

/// Expands directories into their input files ([`INPUT_EXTENSIONS`], recursively, sorted);
/// files are kept as given.
pub(crate) fn expand_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    expand_paths_with(paths, INPUT_EXTENSIONS)
}

/// Expands directories into their files with one of `extensions` (recursively, sorted);
/// files are kept as given.
pub(crate) fn expand_paths_with(
    paths: &[PathBuf],
    extensions: &[&str],
) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| {
                    e.file_type().is_file()
                        && e.path()
                            .extension()
                            .is_some_and(|x| extensions.iter().any(|want| x == *want))
                })
                .map(|e| e.into_path())
                .collect();
            files.sort();
            out.extend(files);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            anyhow::bail!("{}: no such file or directory", p.display());
        }
    }
    Ok(out)
}

/// `jixiao text FILE`.
fn text_cmd(path: &Path, raw: bool) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let name = path.display().to_string();
    let source = jixiao_input::read(&name, &bytes)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for n in &source.notices {
        eprintln!("jixiao: {name}:{}: {}", n.line, n.message);
    }
    if raw {
        out.write_all(source.text.as_bytes())?;
    } else {
        let doc = jixiao_model::Document {
            pages: source.pages.clone(),
            ..Document::default()
        };
        for (i, line) in source.text.lines().enumerate() {
            let no = i as u32 + 1;
            match doc.page_of(no) {
                Some(p) => writeln!(out, "{p}:{no}\t{line}")?,
                None => writeln!(out, "{no}\t{line}")?,
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn read_doc(path: &Path) -> anyhow::Result<Document> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let name = path.display().to_string();
    Ok(jixiao_parse::parse_bytes(&name, &bytes)?)
}

/// Reads and renders one file in the requested format (`json` without the array brackets).
fn render_file(path: &Path, format: Format) -> anyhow::Result<Vec<u8>> {
    let doc = read_doc(path)?;
    let mut buf = Vec::with_capacity(4096);
    match format {
        Format::Json => serde_json::to_writer_pretty(&mut buf, &doc)?,
        Format::Jsonl => {
            serde_json::to_writer(&mut buf, &doc)?;
            buf.push(b'\n');
        }
        Format::Table => table::write_doc(&mut buf, &doc)?,
    }
    Ok(buf)
}

/// Renders `files` on all cores, yielding results in input order, batch by batch so that
/// memory stays bounded however many files there are.
fn for_each_rendered(
    files: &[PathBuf],
    format: Format,
    mut sink: impl FnMut(&Path, anyhow::Result<Vec<u8>>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    par::map_ordered(files, |f| render_file(f, format), |f, r| sink(f, r))
}

fn parse_cmd(paths: &[PathBuf], format: Format) -> anyhow::Result<ExitCode> {
    let files = expand_paths(paths)?;
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = false;
    if format == Format::Json {
        out.write_all(b"[")?;
    }
    let mut first = true;
    for_each_rendered(&files, format, |_, rendered| {
        let bytes = match rendered {
            Ok(b) => b,
            Err(e) => {
                eprintln!("jixiao: error: {e:#}");
                failed = true;
                return Ok(());
            }
        };
        if format == Format::Json {
            out.write_all(if first { b"\n" } else { b",\n" })?;
        }
        out.write_all(&bytes)?;
        first = false;
        Ok(())
    })?;
    if format == Format::Json {
        out.write_all(b"\n]\n")?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
