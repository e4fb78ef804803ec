//! A PostgreSQL server for tests: the one `JIXIAO_TEST_PG_URL` names, else the local server
//! on 127.0.0.1:5432 (user `postgres`) if it answers, else a throw-away cluster started with
//! Debian's PostgreSQL binaries (`/usr/lib/postgresql/*/bin`) in a temporary directory,
//! stopped when the test process ends. When none can be had, [`fresh_database`] prints a
//! notice and returns `None` — or panics when `JIXIAO_REQUIRE_PG=1` (as CI sets it).

use std::path::PathBuf;
use std::process::Command;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};
use tokio::sync::OnceCell;

static SERVER: OnceCell<Option<String>> = OnceCell::const_new();

async fn answers(url: &str) -> bool {
    let Ok(opts) = PgConnectOptions::from_str(url) else {
        return false;
    };
    matches!(
        tokio::time::timeout(Duration::from_secs(3), opts.connect()).await,
        Ok(Ok(_))
    )
}

/// The URL of a server's maintenance database (`…/postgres`), found or started once per
/// process.
pub async fn server() -> Option<String> {
    SERVER
        .get_or_init(|| async {
            if let Ok(url) = std::env::var("JIXIAO_TEST_PG_URL") {
                if answers(&url).await {
                    return Some(url);
                }
                eprintln!("notice: JIXIAO_TEST_PG_URL={url} does not answer");
            }
            let local = "postgres://postgres@127.0.0.1:5432/postgres".to_string();
            if answers(&local).await {
                return Some(local);
            }
            match throwaway().await {
                Ok(url) => Some(url),
                Err(why) if std::env::var("JIXIAO_REQUIRE_PG").as_deref() == Ok("1") => {
                    panic!("JIXIAO_REQUIRE_PG=1 but no PostgreSQL server can be had: {why}")
                }
                Err(why) => {
                    eprintln!(
                        "notice: no PostgreSQL server for the PostgreSQL tests ({why}); \
                         they are skipped. Set JIXIAO_TEST_PG_URL or install Debian's postgresql."
                    );
                    None
                }
            }
        })
        .await
        .clone()
}

/// A new empty database on the test server, as a URL (old test databases are dropped the
/// first time).
pub async fn fresh_database() -> Option<String> {
    let base = server().await?;
    static CLEANED: OnceCell<()> = OnceCell::const_new();
    let opts = PgConnectOptions::from_str(&base).ok()?;
    let mut conn = opts.connect().await.ok()?;
    CLEANED
        .get_or_init(|| async {
            let rows: Vec<(String,)> = sqlx::query_as(
                "SELECT datname FROM pg_database WHERE datname LIKE 'jixiao\\_test\\_%'",
            )
            .fetch_all(&mut conn)
            .await
            .unwrap_or_default();
            for (name,) in rows {
                // Names come from the catalogue and match the pattern above: safe to quote.
                let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                let _ = sqlx::raw_sql(&sql).execute(&mut conn).await;
            }
        })
        .await;
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!(
        "jixiao_test_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    );
    let sql = format!("CREATE DATABASE \"{name}\"");
    sqlx::raw_sql(&sql).execute(&mut conn).await.ok()?;
    let _ = conn.close().await;
    Some(format!("{}/{name}", base.rsplit_once('/')?.0))
}

/// Starts a throw-away cluster; its URL.
async fn throwaway() -> Result<String, String> {
    let bin = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| "no server answers and Debian's postgresql is not installed".to_string())?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .max()
        .ok_or("no initdb under /usr/lib/postgresql")?;
    let dir: PathBuf = std::env::temp_dir().join(format!("jixiao-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    // initdb refuses to run as root: run the cluster as the `postgres` user then.
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let as_user = |cmd: String| -> Command {
        if root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--", "sh", "-c", &cmd]);
            c
        } else {
            let mut c = Command::new("sh");
            c.args(["-c", &cmd]);
            c
        }
    };
    if root {
        Command::new("chown")
            .args(["postgres:postgres", &dir.display().to_string()])
            .status()
            .map_err(|e| e.to_string())?;
    }
    let data = dir.join("data");
    let initdb = format!(
        "{}/initdb -D {} -U postgres --auth=trust -E UTF8 >/dev/null",
        bin.display(),
        data.display()
    );
    let ok = as_user(initdb).status().map_err(|e| e.to_string())?;
    if !ok.success() {
        return Err("initdb failed".into());
    }
    // The server stops (and its directory goes) when this test process ends.
    let me = std::process::id();
    let run = format!(
        "{bin}/postgres -D {data} -p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off >{dir}/log 2>&1 & P=$!; \
         while kill -0 {me} 2>/dev/null; do sleep 1; done; kill -INT $P; wait $P; rm -rf {dir}",
        bin = bin.display(),
        data = data.display(),
        dir = dir.display(),
    );
    as_user(run).spawn().map_err(|e| e.to_string())?;
    let url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
    for _ in 0..60 {
        if answers(&url).await {
            eprintln!("notice: started a throw-away PostgreSQL cluster on port {port}");
            return Ok(url);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    Err("the throw-away cluster did not start".into())
}
