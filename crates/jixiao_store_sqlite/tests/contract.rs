//! The store contract on SQLite (a fresh database file per case).

use jixiao_store_sqlite::SqliteStore;

async fn fresh() -> Option<SqliteStore> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("contract.db");
    // The directory must outlive the store: leak it for the test's duration.
    std::mem::forget(dir);
    Some(
        SqliteStore::open(&format!("sqlite://{}", path.display()))
            .await
            .expect("open"),
    )
}

jixiao_store::store_contract_tests!(fresh());
