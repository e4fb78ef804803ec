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

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_store::{analyse, DashboardFilter, NewDocument, Scope, State, Store};

    /// A row saved before summaries were stored (its summary columns NULL, as the migration
    /// leaves them) gets the summary of its current revision on the first dashboard read, and
    /// keeps it.
    #[tokio::test]
    async fn rows_without_a_summary_get_theirs_from_the_stored_revision() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("lazy.db").display());
        let store = SqliteStore::open(&url).await.unwrap();
        let t = jixiao_store::contract::tree(&store).await;
        let text = include_str!("../../../examples/self_evaluation.txt");
        let read = analyse::read("a.txt", "text/plain", text.as_bytes().to_vec()).unwrap();
        let a = analyse::analyse(&read, &|f| analyse::default_ruleset(f.kind).to_string())
            .remove(0)
            .analysis;
        assert!(a.summary.annual_budget.is_some() && a.summary.recomputed_grade.is_some());
        let doc = NewDocument {
            unit_id: t.unit1.id,
            state: State::Draft,
            parent_id: None,
            ruleset_override: None,
            analysis: a.clone(),
        };
        let id = store
            .create_documents(&read.source, &[doc], t.user1.id, 1)
            .await
            .unwrap()[0]
            .id;
        for table in ["documents", "revisions"] {
            sqlx::query(&format!(
                "UPDATE {table} SET stated_grade = NULL, recomputed_grade = NULL, \
                 annual_budget = NULL, executed = NULL, rules = NULL"
            ))
            .execute(&store.pool)
            .await
            .unwrap();
        }
        // Reading the revision derives the summary without storing it.
        let (rev, _) = store.revision(id, 1).await.unwrap().unwrap();
        assert_eq!(rev.analysis, a);
        let unset = |table: &'static str| {
            let pool = store.pool.clone();
            async move {
                sqlx::query_scalar::<_, i64>(&format!(
                    "SELECT COUNT(*) FROM {table} WHERE rules IS NULL"
                ))
                .fetch_one(&pool)
                .await
                .unwrap()
            }
        };
        assert_eq!((unset("documents").await, unset("revisions").await), (1, 1));
        let d = store
            .dashboard(Scope::Unit(t.unit1.id), &DashboardFilter::default())
            .await
            .unwrap();
        assert_eq!(d.rows.len(), 1);
        assert_eq!(d.rows[0].summary, a.summary);
        assert_eq!((unset("documents").await, unset("revisions").await), (0, 0));
        let again = store
            .dashboard(Scope::Unit(t.unit1.id), &DashboardFilter::default())
            .await
            .unwrap();
        assert_eq!(again, d);
    }
}
