//! The store contract on PostgreSQL (a fresh database per case); skipped with a notice when
//! no server can be had.

use jixiao_store_pg::{testing, PgStore};

async fn fresh() -> Option<PgStore> {
    let url = testing::fresh_database().await?;
    Some(PgStore::open(&url).await.expect("open"))
}

jixiao_store::store_contract_tests!(fresh());
