//! The embedded SQLite backend of the jixiao workbench store (the default:
//! `sqlite://jixiao.db`).
//!
//! The database file is created and migrated on first open, in WAL mode with foreign keys
//! on. Decimals are stored as their exact text (`93.770` stays `93.770`), never as REAL.
//! The statements are those of [`jixiao_store::sql`]; the migrations are in `migrations/`.

use std::str::FromStr;
use std::time::Duration;

use jixiao_model::Decimal;
use jixiao_store::{Result, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

/// The SQLite store.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) and migrates the database at `url`
    /// (`sqlite://path.db`, `sqlite:path.db` or `sqlite::memory:`).
    pub async fn open(url: &str) -> Result<SqliteStore> {
        let memory = url.contains(":memory:");
        let opts = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Invalid(format!("{url}: {e}")))?
            .create_if_missing(true)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30));
        let opts = if memory {
            opts
        } else {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
        };
        // An in-memory database lives in one connection.
        let pool = SqlitePoolOptions::new()
            .max_connections(if memory { 1 } else { 8 })
            .connect_with(opts)
            .await
            .map_err(|e| StoreError::Database(format!("{url}: {e}")))?;
        let store = SqliteStore { pool };
        jixiao_store::Store::migrate(&store).await?;
        Ok(store)
    }
}

/// Decimals are bound and read as their exact text.
type Dec = String;

fn dec_in(d: Option<Decimal>) -> Option<Dec> {
    d.map(|d| d.to_string())
}

fn dec_out(d: Option<Dec>) -> Result<Option<Decimal>> {
    d.map(|s| {
        Decimal::from_str(&s)
            .map_err(|_| StoreError::Database(format!("not a decimal in the database: {s:?}")))
    })
    .transpose()
}

async fn run_migrations(pool: &SqlitePool) -> Result<()> {
    sqlx::migrate!("./migrations")
        .run(pool)
        .await
        .map_err(|e| StoreError::Database(format!("migrating: {e}")))
}

jixiao_store::sql_store!(SqliteStore, sqlx::Sqlite);
