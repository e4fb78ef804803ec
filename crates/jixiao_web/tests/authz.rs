//! The authorisation matrix: every role × every document route × a document of the caller's
//! own organisation tree and one of another region's. What a caller may not see is 404;
//! what it may see but not do is 403 (editing, role-bound routes) or 409 (workflow actions
//! the table does not allow). Every cell runs on a fresh draft, so no cell depends on another.

mod common;

use axum::http::{Method, StatusCode};
use common::*;
use serde_json::{json, Value};

/// The document routes and how to call them.
#[derive(Clone, Copy, Debug)]
enum Route {
    Show,
    History,
    Revision,
    Source,
    Save,
    Submit,
    Withdraw,
    Approve,
    Return,
    Annotate,
    Adjust,
    Ruleset,
    Preview,
    Page,
    PageHistory,
    PageReport,
    PageXlsx,
}

const ROUTES: [Route; 17] = [
    Route::Show,
    Route::History,
    Route::Revision,
    Route::Source,
    Route::Save,
    Route::Submit,
    Route::Withdraw,
    Route::Approve,
    Route::Return,
    Route::Annotate,
    Route::Adjust,
    Route::Ruleset,
    Route::Preview,
    Route::Page,
    Route::PageHistory,
    Route::PageReport,
    Route::PageXlsx,
];

fn role(user: &str) -> &'static str {
    match user.trim_end_matches(char::is_numeric) {
        "unit" => "unit",
        "dept" => "department",
        "finance" => "finance",
        _ => "admin",
    }
}

/// Who sees a document of unit1 (U01, region F01) and of unit3 (U03, region F02).
fn sees(user: &str, owner: &str) -> bool {
    match owner {
        "unit1" => matches!(user, "unit1" | "dept" | "finance"),
        _ => matches!(user, "unit3" | "dept2" | "finance2"),
    }
}

/// The status a visible draft answers.
fn expected_visible(user: &str, route: Route) -> StatusCode {
    let r = role(user);
    match route {
        Route::Show | Route::History | Route::Revision | Route::Source => StatusCode::OK,
        Route::Save if r == "unit" => StatusCode::OK,
        Route::Save => StatusCode::FORBIDDEN,
        Route::Submit if r == "unit" => StatusCode::OK,
        Route::Submit | Route::Withdraw | Route::Approve | Route::Return => StatusCode::CONFLICT,
        Route::Annotate if r == "department" || r == "finance" => StatusCode::CREATED,
        Route::Annotate => StatusCode::FORBIDDEN,
        Route::Adjust if r == "unit" => StatusCode::CONFLICT,
        Route::Adjust => StatusCode::FORBIDDEN,
        Route::Ruleset if r == "finance" => StatusCode::OK,
        Route::Ruleset => StatusCode::FORBIDDEN,
        Route::Preview if r == "unit" => StatusCode::OK,
        Route::Preview => StatusCode::FORBIDDEN,
        Route::Page | Route::PageHistory | Route::PageReport | Route::PageXlsx => StatusCode::OK,
    }
}

async fn call(app: &App, cookie: &str, id: i64, doc: &Value, route: Route) -> StatusCode {
    let base = format!("/api/v1/documents/{id}");
    let finding = &doc["findings"][0];
    let ex: Vec<Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| json!({"rule": f["rule"], "line": f["line"], "text": "已核实"}))
        .collect();
    let (m, uri, body) = match route {
        Route::Show => (Method::GET, base, None),
        Route::History => (Method::GET, format!("{base}/history"), None),
        Route::Revision => (Method::GET, format!("{base}/revisions/1"), None),
        Route::Source => (Method::GET, format!("{base}/source"), None),
        Route::Save => (
            Method::PUT,
            base,
            Some(json!({"revision": 1, "form": doc["form"]})),
        ),
        Route::Submit => (
            Method::POST,
            format!("{base}/actions"),
            Some(json!({"action": "submit", "explanations": ex})),
        ),
        Route::Withdraw => (
            Method::POST,
            format!("{base}/actions"),
            Some(json!({"action": "withdraw"})),
        ),
        Route::Approve => (
            Method::POST,
            format!("{base}/actions"),
            Some(json!({"action": "approve"})),
        ),
        Route::Return => (
            Method::POST,
            format!("{base}/actions"),
            Some(json!({"action": "return", "comment": "原因"})),
        ),
        Route::Annotate => (
            Method::POST,
            format!("{base}/annotations"),
            Some(json!({"rule": finding["rule"], "line": finding["line"], "comment": "批注"})),
        ),
        Route::Adjust => (Method::POST, format!("{base}/adjust"), None),
        Route::Ruleset => (
            Method::POST,
            format!("{base}/ruleset"),
            Some(json!({"ruleset": "central-2020"})),
        ),
        Route::Preview => (
            Method::POST,
            format!("{base}/preview"),
            Some(json!({"form": doc["form"]})),
        ),
        Route::Page => (Method::GET, format!("/documents/{id}"), None),
        Route::PageHistory => (Method::GET, format!("/documents/{id}/history"), None),
        Route::PageReport => (Method::GET, format!("/documents/{id}/report.html"), None),
        Route::PageXlsx => (Method::GET, format!("/documents/{id}/form.xlsx"), None),
    };
    app.call(m, &uri, Some(cookie), body).await.status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_every_route_own_and_other_organisation() {
    let app = App::new().await;
    let mut cookies = std::collections::BTreeMap::new();
    for u in USERS {
        cookies.insert(u, app.login(u).await);
    }
    let mut failures = Vec::new();
    let mut cells = 0;
    for owner in ["unit1", "unit3"] {
        for user in USERS {
            for route in ROUTES {
                let id = app.upload_one(&cookies[owner], SELF_EVAL).await;
                let doc = app
                    .get(&format!("/api/v1/documents/{id}"), &cookies[owner])
                    .await
                    .json;
                let before = app.store.history(id).await.unwrap();
                let want = if sees(user, owner) {
                    expected_visible(user, route)
                } else {
                    StatusCode::NOT_FOUND
                };
                let got = call(&app, &cookies[user], id, &doc, route).await;
                cells += 1;
                if got != want {
                    failures.push(format!(
                        "{user} {route:?} on {owner}'s: got {got}, want {want}"
                    ));
                }
                // A refused request changes nothing.
                if !got.is_success() {
                    let after = app.store.history(id).await.unwrap();
                    if after != before {
                        failures.push(format!(
                            "{user} {route:?} on {owner}'s changed the document"
                        ));
                    }
                }
            }
        }
    }
    assert_eq!(cells, 2 * USERS.len() * ROUTES.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn lists_show_only_what_the_caller_may_see() {
    let app = App::new().await;
    let u1 = app.login("unit1").await;
    let u3 = app.login("unit3").await;
    app.upload_one(&u1, SELF_EVAL).await;
    app.upload_one(&u3, SELF_EVAL).await;
    let count = |who: &'static str| {
        let app = &app;
        async move {
            let c = app.login(who).await;
            let r = app.get("/api/v1/documents?per_page=500", &c).await;
            let items = r.json["items"].as_array().unwrap().clone();
            (r.json["total"].as_i64().unwrap(), items)
        }
    };
    let (n_u1, items) = count("unit1").await;
    assert!(items.iter().all(|i| i["unit"] == "示范市口岸服务中心"));
    let (n_u2, items2) = count("unit2").await;
    assert!(items2.iter().all(|i| i["unit"] == "示范市会展服务中心"));
    let (n_dept, _) = count("dept").await;
    let (n_fin, _) = count("finance").await;
    let (n_u3, items3) = count("unit3").await;
    let (n_admin, _) = count("admin").await;
    assert_eq!(n_dept, n_u1 + n_u2);
    assert_eq!(n_fin, n_dept);
    assert_eq!((n_u3, items3.len()), (1, 1));
    assert_eq!(n_admin, 0);
    // Filtering by another organisation's unit shows nothing.
    let u3_unit = app.store.org_by_code("U03").await.unwrap().unwrap().id;
    let r = app
        .get(
            &format!("/api/v1/documents?unit={u3_unit}"),
            &app.login("finance").await,
        )
        .await;
    assert_eq!(r.json["total"], 0);
}

#[tokio::test]
async fn without_a_session_every_route_but_login_answers_401() {
    let app = App::new().await;
    let routes = [
        (Method::GET, "/api/v1/me"),
        (Method::POST, "/api/v1/logout"),
        (Method::GET, "/api/v1/documents"),
        (Method::POST, "/api/v1/documents"),
        (Method::GET, "/api/v1/documents/1"),
        (Method::PUT, "/api/v1/documents/1"),
        (Method::POST, "/api/v1/documents/1/actions"),
        (Method::GET, "/api/v1/documents/1/history"),
        (Method::GET, "/api/v1/documents/1/revisions/1"),
        (Method::GET, "/api/v1/documents/1/source"),
        (Method::POST, "/api/v1/documents/1/annotations"),
        (Method::POST, "/api/v1/documents/1/adjust"),
        (Method::POST, "/api/v1/documents/1/ruleset"),
        (Method::GET, "/api/v1/tasks"),
        (Method::POST, "/api/v1/tasks"),
        (Method::GET, "/api/v1/rulesets"),
        (Method::PUT, "/api/v1/rulesets"),
        (Method::GET, "/api/v1/orgs"),
        (Method::POST, "/api/v1/orgs"),
        (Method::GET, "/api/v1/users"),
        (Method::POST, "/api/v1/users"),
    ];
    let forged = "jixiao_session=".to_string() + &"ab".repeat(32);
    for (m, uri) in routes {
        for cookie in [None, Some(forged.as_str())] {
            let body = (m != Method::GET).then(|| json!({}));
            let r = app.call(m.clone(), uri, cookie, body).await;
            // Logout without a session is harmless and answers 204; all else needs one.
            if uri == "/api/v1/logout" {
                assert_eq!(r.status, StatusCode::NO_CONTENT);
            } else {
                assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{m} {uri} {cookie:?}");
            }
        }
    }
}

#[tokio::test]
async fn role_bound_routes_outside_documents() {
    let app = App::new().await;
    let task = json!({"kind": "self_evaluation", "year": 2025, "deadline": "2030-01-31"});
    let org = |code: &str| json!({"code": code, "name": "新机构", "kind": "unit", "parent": "D01"});
    for user in USERS {
        let c = app.login(user).await;
        let r = role(user);
        let t = app
            .call(Method::POST, "/api/v1/tasks", Some(&c), Some(task.clone()))
            .await;
        assert_eq!(
            t.status,
            if r == "finance" {
                StatusCode::CREATED
            } else {
                StatusCode::FORBIDDEN
            },
            "{user}"
        );
        let rs = app
            .call(
                Method::PUT,
                "/api/v1/rulesets",
                Some(&c),
                Some(json!({"ruleset": "shanghai"})),
            )
            .await;
        assert_eq!(
            rs.status,
            if r == "finance" {
                StatusCode::NO_CONTENT
            } else {
                StatusCode::FORBIDDEN
            },
            "{user}"
        );
        let o = app
            .call(
                Method::POST,
                "/api/v1/orgs",
                Some(&c),
                Some(org(&format!("N-{user}"))),
            )
            .await;
        assert_eq!(
            o.status,
            if r == "admin" {
                StatusCode::CREATED
            } else {
                StatusCode::FORBIDDEN
            },
            "{user}"
        );
        let up = app.upload(&c, "x.txt", SELF_EVAL).await;
        assert_eq!(
            up.status,
            if r == "unit" {
                StatusCode::CREATED
            } else {
                StatusCode::FORBIDDEN
            },
            "{user}"
        );
    }
}
