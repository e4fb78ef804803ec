//! `jixiao serve`, `jixiao db migrate`, `jixiao org add`, `jixiao user add`, `jixiao import`.

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context};
use jixiao_store::{NewOrg, NewUser, OrgKind, Role, Store};
use jixiao_web::{demo, AppState};

/// The default database.
pub(crate) const DEFAULT_DB: &str = "sqlite://jixiao.db";

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

async fn open(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    jixiao_web::open_store(url)
        .await
        .with_context(|| format!("opening the database {url}"))
}

pub(crate) fn serve(
    db: Option<String>,
    addr: SocketAddr,
    with_demo: bool,
) -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let url = match (&db, with_demo) {
        (Some(u), _) => u.clone(),
        (None, false) => DEFAULT_DB.to_string(),
        (None, true) => {
            // A fresh embedded database of its own, so a demo never touches real data.
            let dir = std::env::temp_dir().join(format!("jixiao-demo-{}", std::process::id()));
            std::fs::create_dir_all(&dir)?;
            let path = dir.join("demo.db");
            let _ = std::fs::remove_file(&path);
            format!("sqlite://{}", path.display())
        }
    };
    runtime()?.block_on(async move {
        let store = open(&url).await?;
        let shown = redact(&url);
        if with_demo {
            let d = demo::seed(&*store).await.map_err(anyhow::Error::msg)?;
            banner(addr, &shown, &d);
        } else {
            eprintln!("jixiao: database {shown}");
        }
        let state = AppState::new(
            store,
            jixiao_web::Config {
                demo: with_demo,
                ..jixiao_web::Config::default()
            },
        );
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("listening on {addr}"))?;
        let bound = listener.local_addr().unwrap_or(addr);
        eprintln!("jixiao: serving on http://{bound}/ (Ctrl-C stops)");
        jixiao_web::serve_on(state, listener)
            .await
            .with_context(|| format!("serving on {addr}"))?;
        Ok(ExitCode::SUCCESS)
    })
}

/// A database URL without its password.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let cred = &url[s + 3..at];
            match cred.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn banner(addr: SocketAddr, db: &str, d: &demo::Demo) {
    let line = "=".repeat(72);
    eprintln!("{line}");
    eprintln!("  演示模式 DEMO MODE — demo accounts and example data, not for real use");
    eprintln!("  database: {db}");
    eprintln!("  address:  http://{addr}/   API: http://{addr}/api/v1/");
    eprintln!("  accounts (password for all: {}):", demo::PASSWORD);
    for (name, role, org) in demo::ACCOUNTS {
        eprintln!("    {name:<8} {:<10} {} ({org})", role.as_str(), role.zh());
    }
    eprintln!("  documents:");
    for (id, what, state) in &d.documents {
        eprintln!("    #{id:<3} {:<16} {what}", state.zh());
    }
    eprintln!("{line}");
}

pub(crate) fn migrate(db: &str) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        open(db).await?;
        eprintln!("jixiao: {} is migrated", redact(db));
        Ok(ExitCode::SUCCESS)
    })
}

pub(crate) fn org_add(
    db: &str,
    code: String,
    name: String,
    kind: &str,
    parent: Option<String>,
) -> anyhow::Result<ExitCode> {
    let kind = OrgKind::parse(kind)
        .with_context(|| format!("unknown kind {kind:?}: region, department or unit"))?;
    runtime()?.block_on(async {
        let store = open(db).await?;
        let parent_id = match parent {
            Some(p) => Some(
                store
                    .org_by_code(&p)
                    .await?
                    .with_context(|| format!("no organisation with code {p:?}"))?
                    .id,
            ),
            None => None,
        };
        let o = store
            .create_org(&NewOrg {
                code,
                name,
                kind,
                parent_id,
            })
            .await?;
        println!("{} {} {} (id {})", o.code, o.kind.as_str(), o.name, o.id);
        Ok(ExitCode::SUCCESS)
    })
}

/// Reads a password: from a prompt without echo when stdin is a terminal, else the first
/// line of stdin. Never from an argument.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let a = rpassword::prompt_password("password: ")?;
        let b = rpassword::prompt_password("again: ")?;
        if a != b {
            bail!("the passwords differ");
        }
        Ok(a)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

pub(crate) fn user_add(
    db: &str,
    username: String,
    role: &str,
    org: String,
) -> anyhow::Result<ExitCode> {
    let role = Role::parse(role)
        .with_context(|| format!("unknown role {role:?}: unit, department, finance or admin"))?;
    let password = read_password()?;
    runtime()?.block_on(async {
        let store = open(db).await?;
        let o = store
            .org_by_code(&org)
            .await?
            .with_context(|| format!("no organisation with code {org:?}"))?;
        jixiao_web::admin::validate_user(&username, &password, role, &o)
            .map_err(anyhow::Error::msg)?;
        let hash = jixiao_web::auth::hash_password(&password).map_err(anyhow::Error::msg)?;
        let u = store
            .create_user(&NewUser {
                username,
                password_hash: hash,
                role,
                org_id: o.id,
            })
            .await?;
        println!(
            "{} {} {} (id {})",
            u.username,
            u.role.as_str(),
            u.org.name,
            u.id
        );
        Ok(ExitCode::SUCCESS)
    })
}

pub(crate) fn import(db: &str, unit: &str, paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    // Directories give their input files (any format jixiao reads), in name order.
    let files = crate::expand_paths(paths)?;
    runtime()?.block_on(async {
        let store = open(db).await?;
        let u = store
            .org_by_code(unit)
            .await?
            .filter(|o| o.kind == OrgKind::Unit)
            .with_context(|| format!("no budget unit with code {unit:?}"))?;
        let pb = crate::export::progress(files.len(), "import");
        let (mut docs, mut failed) = (0usize, 0usize);
        for f in &files {
            let name = f.display().to_string();
            pb.set_message(name.clone());
            let bytes = std::fs::read(f).with_context(|| format!("{name}: cannot read"))?;
            match jixiao_web::import::import_file(&*store, &u, &name, bytes).await {
                Ok(heads) => {
                    docs += heads.len();
                    pb.println(format!("{name}: {} document(s)", heads.len()));
                }
                Err(e) => {
                    failed += 1;
                    let detail = e
                        .extra
                        .as_ref()
                        .and_then(|x| x.get("errors"))
                        .map(|x| format!(" {x}"))
                        .unwrap_or_default();
                    pb.suspend(|| eprintln!("jixiao: error: {name}: {}{detail}", e.message));
                }
            }
            pb.inc(1);
        }
        pb.finish_and_clear();
        eprintln!(
            "jixiao: imported {docs} document(s) from {} file(s) into {} ({}){}",
            files.len() - failed,
            u.name,
            u.code,
            if failed > 0 {
                format!("; {failed} file(s) failed")
            } else {
                String::new()
            }
        );
        Ok(if failed > 0 {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        })
    })
}
