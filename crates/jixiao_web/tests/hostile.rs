//! Malformed, oversized, cross-site and hostile requests answer 4xx and change nothing; two
//! saves of the same revision: exactly one wins.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::*;
use jixiao_store::{ListFilter, Scope};
use serde_json::json;

/// Everything the store holds that a request could change.
async fn snapshot(app: &App) -> String {
    let (n, items) = app
        .store
        .list_documents(
            Scope::All,
            &ListFilter {
                per_page: 500,
                ..ListFilter::default()
            },
        )
        .await
        .unwrap();
    let mut out = format!("{n} documents\n");
    for h in items {
        let hist = app.store.history(h.id).await.unwrap();
        out.push_str(&format!(
            "{} {:?} r{} {:?} events {} ann {} expl {}\n",
            h.id,
            h.state,
            h.revision,
            h.project,
            hist.events.len(),
            hist.annotations.len(),
            hist.explanations.len()
        ));
    }
    out.push_str(&format!(
        "{} orgs {} users",
        app.store.orgs().await.unwrap().len(),
        app.store.users().await.unwrap().len()
    ));
    out
}

fn raw(method: Method, uri: &str, cookie: &str, ct: &str, body: impl Into<Body>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, ct)
        .body(body.into())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_bodies_answer_4xx_and_change_nothing() {
    let app = App::new().await;
    let u = app.login("unit1").await;
    let d = app.login("dept").await;
    let a = app.login("admin").await;
    let id = app.upload_one(&u, SELF_EVAL).await;
    let doc = app.get(&format!("/api/v1/documents/{id}"), &u).await.json;
    let sql = "'; DROP TABLE documents; --";
    let ten_mb = "长".repeat((10 << 20) / 3);
    let before = snapshot(&app).await;
    let doc_uri = format!("/api/v1/documents/{id}");
    let act_uri = format!("/api/v1/documents/{id}/actions");
    let mut cases: Vec<(&str, Request<Body>)> = vec![
        ("sql username", raw(Method::POST, "/api/v1/login", "", "application/json",
            json!({"username": format!("admin{sql}"), "password": format!("x' OR '1'='1")}).to_string())),
        ("sql in an action", raw(Method::POST, &act_uri, &u, "application/json",
            json!({"action": sql}).to_string())),
        ("sql in a comment of a forbidden action", raw(Method::POST, &act_uri, &u, "application/json",
            json!({"action": "approve", "comment": sql}).to_string())),
        ("sql in the revision", raw(Method::PUT, &doc_uri, &u, "application/json",
            json!({"revision": sql, "form": doc["form"]}).to_string())),
        ("sql in a query", raw(Method::GET, &format!("/api/v1/documents?state={}", "draft%27%20OR%201%3D1--"), &u, "application/json", "")),
        ("sql as the id", raw(Method::GET, "/api/v1/documents/1%20OR%201=1", &u, "application/json", "")),
        ("sql in an org", raw(Method::POST, "/api/v1/orgs", &a, "application/json",
            json!({"code": sql, "name": sql, "kind": sql, "parent": sql}).to_string())),
        ("sql in a user", raw(Method::POST, "/api/v1/users", &a, "application/json",
            json!({"username": sql, "password": "long-enough-pw", "role": "unit", "org": "U01"}).to_string())),
        ("10 MB comment", raw(Method::POST, &act_uri, &d, "application/json",
            json!({"action": "return", "comment": ten_mb}).to_string())),
        ("10 MB project", raw(Method::PUT, &doc_uri, &u, "application/json",
            json!({"revision": 1, "form": {"kind": "self_evaluation", "project": ten_mb}}).to_string())),
        ("10 MB password", raw(Method::POST, "/api/v1/login", "", "application/json",
            json!({"username": "unit1", "password": ten_mb}).to_string())),
        ("invalid UTF-8 JSON", raw(Method::POST, &act_uri, &u, "application/json",
            vec![b'{', b'"', 0xff, 0xfe, b'"', b':', b'1', b'}'])),
        ("invalid UTF-8 upload", raw(Method::POST, "/api/v1/documents", &u, "text/plain",
            vec![0xff, 0xfe, 0x00, 0x01, 0x80, 0x81])),
        ("NUL in a comment", raw(Method::POST, &act_uri, &d, "application/json",
            json!({"action": "return", "comment": "a\u{0}b"}).to_string())),
        ("NUL in a form", raw(Method::PUT, &doc_uri, &u, "application/json", {
            let mut f = doc["form"].clone();
            f["project"] = json!("x\u{0}y");
            json!({"revision": 1, "form": f}).to_string()
        })),
        ("unknown field", raw(Method::POST, &act_uri, &u, "application/json",
            json!({"action": "withdraw", "sudo": true}).to_string())),
        ("unknown field in a save", raw(Method::PUT, &doc_uri, &u, "application/json",
            json!({"revision": 1, "form": doc["form"], "state": "approved"}).to_string())),
        ("form of the wrong shape", raw(Method::PUT, &doc_uri, &u, "application/json",
            json!({"revision": 1, "form": {"kind": "self_evaluation", "indicators": "many"}}).to_string())),
        ("truncated JSON", raw(Method::POST, &act_uri, &u, "application/json", "{\"action\": \"sub")),
        ("JSON array", raw(Method::POST, &act_uri, &u, "application/json", "[1,2,3]")),
        ("not JSON content type", raw(Method::POST, &act_uri, &u, "text/plain",
            json!({"action": "submit"}).to_string())),
        ("cross-site form post", raw(Method::POST, &act_uri, &u, "application/x-www-form-urlencoded",
            "action=submit")),
        ("oversized upload", raw(Method::POST, "/api/v1/documents", &u, "text/plain",
            vec![b'a'; 17 << 20])),
        ("negative page", raw(Method::GET, "/api/v1/documents?page=-1", &u, "application/json", "")),
        ("huge id", raw(Method::GET, "/api/v1/documents/99999999999999999999999", &u, "application/json", "")),
    ];
    // Cross-origin writes, even well-formed and authenticated.
    let mut cross = raw(
        Method::POST,
        &act_uri,
        &u,
        "application/json",
        json!({"action": "withdraw"}).to_string(),
    );
    cross
        .headers_mut()
        .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    cases.push(("foreign Origin", cross));
    let mut site = raw(
        Method::POST,
        &act_uri,
        &u,
        "application/json",
        json!({"action": "withdraw"}).to_string(),
    );
    site.headers_mut()
        .insert("sec-fetch-site", "cross-site".parse().unwrap());
    cases.push(("Sec-Fetch-Site cross-site", site));
    let mut null = raw(
        Method::POST,
        "/api/v1/documents",
        &u,
        "text/plain",
        SELF_EVAL,
    );
    null.headers_mut()
        .insert(header::ORIGIN, "null".parse().unwrap());
    cases.push(("Origin null upload", null));
    let n = cases.len();
    for (what, req) in cases {
        let r = app.request(req).await;
        assert!(r.status.is_client_error(), "{what}: {}", r.status);
        assert!(
            r.json["error"].is_string(),
            "{what}: {} {:?}",
            r.status,
            String::from_utf8_lossy(&r.bytes[..r.bytes.len().min(200)])
        );
        assert_eq!(snapshot(&app).await, before, "{what} changed something");
    }
    assert!(n >= 25);
    // Same-origin writes pass the guard.
    let mut same = raw(
        Method::POST,
        "/api/v1/documents?name=same.txt",
        &u,
        "text/plain",
        SELF_EVAL,
    );
    same.headers_mut()
        .insert(header::ORIGIN, "http://jixiao.local".parse().unwrap());
    same.headers_mut()
        .insert(header::HOST, "jixiao.local".parse().unwrap());
    same.headers_mut()
        .insert("sec-fetch-site", "same-origin".parse().unwrap());
    assert_eq!(app.request(same).await.status, StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_saves_of_one_revision_have_exactly_one_winner() {
    concurrent_saves(std::sync::Arc::new(App::new().await)).await;
}
