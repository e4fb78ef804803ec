//! The PostgreSQL backend of the jixiao workbench store (`postgres://…`).
//!
//! Money and scores are `NUMERIC` (exact, with their printed scale); uploads are `BYTEA`.
//! The statements are those of [`jixiao_store::sql`]; the migrations are in `migrations/`.
//! [`testing`] finds or starts a server for tests.

pub mod testing;

use std::str::FromStr;
use std::time::Duration;

use jixiao_model::Decimal;
use jixiao_store::{Result, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

/// The PostgreSQL store.
#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to `url` and migrates the database.
    pub async fn open(url: &str) -> Result<PgStore> {
        let opts = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::Invalid(format!("{url}: {e}")))?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(opts)
            .await
            .map_err(|e| StoreError::Database(format!("connecting to PostgreSQL: {e}")))?;
        let store = PgStore { pool };
        jixiao_store::Store::migrate(&store).await?;
        Ok(store)
    }
}

/// Decimals are bound and read as `NUMERIC`.
type Dec = Decimal;

fn dec_in(d: Option<Decimal>) -> Option<Dec> {
    d
}

fn dec_out(d: Option<Dec>) -> Result<Option<Decimal>> {
    Ok(d)
}

async fn run_migrations(pool: &PgPool) -> Result<()> {
    sqlx::migrate!("./migrations")
        .run(pool)
        .await
        .map_err(|e| StoreError::Database(format!("migrating: {e}")))
}

jixiao_store::sql_store!(PgStore, sqlx::Postgres);
