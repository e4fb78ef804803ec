//! The API over the PostgreSQL backend: the whole workflow walk, exact totals, and concurrent
//! saves (skipped with a notice when no server can be had; CI requires one).

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::*;
use jixiao_store::Store;
use serde_json::json;

async fn pg_app() -> Option<App> {
    let url = jixiao_store_pg::testing::fresh_database().await?;
    let store: Arc<dyn Store> = jixiao_web::open_store(&url).await.unwrap();
    Some(App::over(store, jixiao_web::Config::default(), None).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workflow_on_postgres() {
    let Some(app) = pg_app().await else { return };
    let (u, d, f) = (
        app.login("unit1").await,
        app.login("dept").await,
        app.login("finance").await,
    );
    let id = app.upload_one(&u, SELF_EVAL).await;
    let listed = app
        .get("/api/v1/documents?kind=self_evaluation&state=draft", &u)
        .await;
    let item = listed.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
        .clone();
    // NUMERIC keeps the printed decimals: the list shows what the form states.
    let shown = app.get(&format!("/api/v1/documents/{id}"), &u).await.json;
    assert_eq!(
        item["stated_total"].to_string(),
        shown["score"]["stated_total"].to_string()
    );
    let ex = app.explanations(&u, id).await;
    for (who, body, want) in [
        (
            &u,
            json!({"action": "submit", "explanations": ex}),
            "department_review",
        ),
        (
            &d,
            json!({"action": "return", "comment": "请补充"}),
            "returned",
        ),
        (
            &u,
            json!({"action": "submit", "explanations": ex}),
            "department_review",
        ),
        (&d, json!({"action": "approve"}), "finance_review"),
        (&f, json!({"action": "approve"}), "approved"),
    ] {
        let r = app.act(who, id, body).await;
        assert_eq!(
            (r.status, r.json["state"].as_str()),
            (StatusCode::OK, Some(want)),
            "{}",
            r.json
        );
    }
    let h = app
        .get(&format!("/api/v1/documents/{id}/history"), &f)
        .await;
    assert_eq!(h.json["events"].as_array().unwrap().len(), 5);
    let src = app.get(&format!("/api/v1/documents/{id}/source"), &u).await;
    assert_eq!(src.bytes, SELF_EVAL.as_bytes());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_saves_on_postgres_have_one_winner() {
    let Some(app) = pg_app().await else { return };
    concurrent_saves(Arc::new(app)).await;
}
