//! One or more tests per route, in process (no port).

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn healthz_and_openapi() {
    let app = App::new().await;
    let r = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!((r.status, r.bytes.as_slice()), (StatusCode::OK, &b"ok"[..]));
    let r = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let paths = r.json["paths"].as_object().unwrap();
    for p in [
        "/api/v1/login",
        "/api/v1/logout",
        "/api/v1/me",
        "/api/v1/documents",
        "/api/v1/documents/{id}",
        "/api/v1/documents/{id}/actions",
        "/api/v1/documents/{id}/history",
    ] {
        assert!(
            paths.contains_key(p),
            "{p} missing from the OpenAPI document"
        );
    }
    assert!(paths["/api/v1/documents/{id}"].get("put").is_some());
}

#[tokio::test]
async fn login_sets_a_strict_http_only_session_and_me_reports_it() {
    let app = App::new().await;
    let r = app
        .call(
            Method::POST,
            "/api/v1/login",
            None,
            Some(json!({"username": "dept", "password": "jixiao-demo"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["username"], "dept");
    assert_eq!(r.json["role"], "department");
    assert_eq!(r.json["org"], "示范市商务局");
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let session = cookie.split(';').next().unwrap();
    let me = app.get("/api/v1/me", session).await;
    assert_eq!(
        (me.status, me.json["username"].as_str()),
        (StatusCode::OK, Some("dept"))
    );
    // The store keeps only a hash of the token.
    let token = session.split_once('=').unwrap().1;
    assert!(app.store.session_user(token, 0).await.unwrap().is_none());
}

#[tokio::test]
async fn login_accepts_a_form_and_answers_unknown_users_like_wrong_passwords() {
    let app = App::new().await;
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("username=unit2&password=jixiao-demo"))
        .unwrap();
    assert_eq!(app.request(req).await.status, StatusCode::OK);
    let wrong = app.try_login("unit2", "not-it").await;
    let unknown = app.try_login("nobody", "not-it").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!((wrong.status, &wrong.json), (unknown.status, &unknown.json));
    assert!(wrong.headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn repeated_failed_logins_are_throttled_per_account() {
    let app = App::new().await;
    for _ in 0..5 {
        let r = app.try_login("finance", "guess").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app.try_login("finance", "guess").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.get(header::RETRY_AFTER).is_some());
    // Even the right password waits now.
    let r = app.try_login("finance", "jixiao-demo").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn repeated_failed_logins_are_throttled_per_address() {
    let app = App::new().await;
    // Different accounts, one address (in-process requests share the address `unknown`).
    for i in 0..5 {
        let r = app.try_login(&format!("user{i}"), "guess").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app.try_login("unit1", "jixiao-demo").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = App::new().await;
    let c = app.login("unit1").await;
    let r = app
        .call(Method::POST, "/api/v1/logout", Some(&c), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(
        app.get("/api/v1/me", &c).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn upload_creates_one_draft_per_form_with_the_bytes_kept() {
    let app = App::new().await;
    let c = app.login("unit1").await;
    let two = format!("{SELF_EVAL}\n{SELF_EVAL}");
    let r = app.upload(&c, "two.txt", &two).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let docs = r.json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    for d in docs {
        assert_eq!(d["state"], "draft");
        assert_eq!(d["revision"], 1);
        assert_eq!(d["kind"], "self_evaluation");
    }
    let id = docs[1]["id"].as_i64().unwrap();
    let src = app.get(&format!("/api/v1/documents/{id}/source"), &c).await;
    assert_eq!(src.status, StatusCode::OK);
    assert_eq!(src.bytes, two.as_bytes());
    // A final account with appendix scoresheets gives the account and each sheet.
    let r = app.upload(&c, "fa.txt", FINAL_ACCOUNTS).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let kinds: Vec<&str> = r.json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"final_accounts"), "{kinds:?}");
}

#[tokio::test]
async fn upload_refuses_unreadable_files_whole() {
    let app = App::new().await;
    let c = app.login("unit1").await;
    let before = app.get("/api/v1/documents", &c).await.json["total"].clone();
    let r = app
        .upload(&c, "prose.txt", "这是一段没有任何表格的说明文字。\n")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json["error"].as_str().unwrap().contains("prose.txt"));
    // A PDF is read (by content); a damaged one is refused naming the file.
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/documents?name=x.pdf")
        .header(header::COOKIE, &c)
        .header(header::CONTENT_TYPE, "application/pdf")
        .body(Body::from("%PDF-1.7"))
        .unwrap();
    let r = app.request(req).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.json["error"].as_str().unwrap().contains("x.pdf"),
        "{}",
        r.json
    );
    // A content type no reader takes.
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/documents?name=x.png")
        .header(header::COOKIE, &c)
        .header(header::CONTENT_TYPE, "image/png")
        .body(Body::from("\u{89}PNG"))
        .unwrap();
    assert_eq!(
        app.request(req).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(app.get("/api/v1/documents", &c).await.json["total"], before);
    // Reviewers do not upload.
    let d = app.login("dept").await;
    assert_eq!(
        app.upload(&d, "s.txt", SELF_EVAL).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn list_filters_pages_and_shows_exact_totals() {
    let app = App::new().await;
    let c = app.login("unit1").await;
    let all = app.get("/api/v1/documents", &c).await;
    assert_eq!(all.status, StatusCode::OK);
    let n = all.json["total"].as_i64().unwrap();
    assert!(n >= 2);
    let item = all.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "self_evaluation")
        .unwrap()
        .clone();
    // Totals are JSON numbers with the printed decimals.
    let raw = String::from_utf8(all.bytes.clone()).unwrap();
    let stated = item["stated_total"].to_string();
    assert!(stated.contains('.'), "{stated}");
    assert!(raw.contains(&format!("\"stated_total\":{stated}")));
    let f = app
        .get("/api/v1/documents?kind=self_evaluation&state=draft", &c)
        .await;
    assert!(f.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["kind"] == "self_evaluation" && i["state"] == "draft"));
    let p = app.get("/api/v1/documents?per_page=1&page=2", &c).await;
    assert_eq!(p.json["items"].as_array().unwrap().len(), 1);
    assert_eq!(p.json["total"].as_i64().unwrap(), n);
    assert_eq!(
        app.get("/api/v1/documents?state=nonsense", &c).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get("/api/v1/documents?colour=red", &c).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn show_gives_form_score_and_findings() {
    let app = App::new().await;
    let c = app.login("unit1").await;
    let id = app.upload_one(&c, SELF_EVAL).await;
    let r = app.get(&format!("/api/v1/documents/{id}"), &c).await;
    assert_eq!(r.status, StatusCode::OK);
    for k in [
        "id", "unit", "year", "kind", "project", "state", "revision", "form", "score", "findings",
    ] {
        assert!(r.json.get(k).is_some(), "missing {k}");
    }
    assert_eq!(r.json["form"]["kind"], "self_evaluation");
    assert!(r.json["score"]["items"].as_array().is_some());
    assert!(r.json["findings"].as_array().is_some());
    assert_eq!(r.json["allowed_actions"], json!(["submit"]));
    assert_eq!(r.json["editable"], true);
    // A target table is not scored.
    let t = app.upload_one(&c, TARGETS).await;
    let r = app.get(&format!("/api/v1/documents/{t}"), &c).await;
    assert_eq!(r.json["score"], Value::Null);
}

#[tokio::test]
async fn save_makes_a_new_revision_rescored_and_refuses_stale_ones() {
    let app = App::new().await;
    let c = app.login("unit1").await;
    let id = app.upload_one(&c, SELF_EVAL).await;
    let d = app.get(&format!("/api/v1/documents/{id}"), &c).await.json;
    let mut form = d["form"].clone();
    form["project"] = json!("东江港口服务保障经费调整");
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/documents/{id}"),
            Some(&c),
            Some(json!({"revision": 1, "form": form})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["revision"], 2);
    assert_eq!(r.json["form"]["project"], "东江港口服务保障经费调整");
    assert!(r.json["score"]["items"].as_array().is_some());
    assert!(r.json["findings"].as_array().is_some());
    // Stale: 409 with the current revision.
    let stale = app
        .call(
            Method::PUT,
            &format!("/api/v1/documents/{id}"),
            Some(&c),
            Some(json!({"revision": 1, "form": form})),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json["current_revision"], 2);
    assert_eq!(
        stale.json["current"]["form"]["project"],
        "东江港口服务保障经费调整"
    );
    // Both revisions are kept, the first with its original bytes.
    let h = app
        .get(&format!("/api/v1/documents/{id}/history"), &c)
        .await;
    assert_eq!(h.json["revisions"].as_array().unwrap().len(), 2);
    let r1 = app
        .get(&format!("/api/v1/documents/{id}/revisions/1"), &c)
        .await;
    assert_eq!(r1.json["form"]["project"], "东江港口服务保障经费");
    let s1 = app
        .get(&format!("/api/v1/documents/{id}/source?revision=1"), &c)
        .await;
    assert_eq!(s1.bytes, SELF_EVAL.as_bytes());
    let s2 = app.get(&format!("/api/v1/documents/{id}/source"), &c).await;
    assert_eq!(
        s2.headers[header::CONTENT_TYPE].to_str().unwrap(),
        "application/json"
    );
    // The kind cannot change.
    let mut other = form.clone();
    other["kind"] = json!("target_declaration");
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/documents/{id}"),
            Some(&c),
            Some(json!({"revision": 2, "form": other})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn submission_needs_an_explanation_per_error_finding() {
    let app = App::new().await;
    let c = app.login("unit1").await;
    let id = app.upload_one(&c, SELF_EVAL).await;
    let ex = app.explanations(&c, id).await;
    assert!(
        !ex.as_array().unwrap().is_empty(),
        "the example has error findings"
    );
    let r = app.act(&c, id, json!({"action": "submit"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json["findings"].as_array().unwrap().len(),
        ex.as_array().unwrap().len()
    );
    assert_eq!(app.state_of(id).await, "draft");
    let r = app
        .act(&c, id, json!({"action": "submit", "explanations": ex}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["state"], "department_review");
    // Reviewers see the explanations.
    let d = app.login("dept").await;
    let v = app.get(&format!("/api/v1/documents/{id}"), &d).await;
    assert_eq!(
        v.json["explanations"].as_array().unwrap().len(),
        ex.as_array().unwrap().len()
    );
}

/// The README's walk: submit → return → submit → approve → approve, then frozen.
#[tokio::test]
async fn a_self_evaluation_walks_the_whole_workflow() {
    let app = App::new().await;
    let (u, d, f) = (
        app.login("unit1").await,
        app.login("dept").await,
        app.login("finance").await,
    );
    let id = app.upload_one(&u, SELF_EVAL).await;
    let ex = app.explanations(&u, id).await;
    let step = |who: &str, body: Value, want: &str| {
        let (app, who, want) = (&app, who.to_string(), want.to_string());
        async move {
            let r = app.act(&who, id, body).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.json);
            assert_eq!(r.json["state"], want.as_str());
        }
    };
    step(
        &u,
        json!({"action": "submit", "explanations": ex}),
        "department_review",
    )
    .await;
    // A return needs its reason.
    assert_eq!(
        app.act(&d, id, json!({"action": "return", "comment": "  "}))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    step(
        &d,
        json!({"action": "return", "comment": "请补充偏差原因"}),
        "returned",
    )
    .await;
    step(
        &u,
        json!({"action": "submit", "explanations": ex}),
        "department_review",
    )
    .await;
    // The unit may withdraw until the department acts… but not approve.
    assert_eq!(
        app.act(&u, id, json!({"action": "approve"})).await.status,
        StatusCode::CONFLICT
    );
    step(&d, json!({"action": "approve"}), "finance_review").await;
    assert_eq!(
        app.act(&u, id, json!({"action": "withdraw"})).await.status,
        StatusCode::CONFLICT
    );
    step(
        &f,
        json!({"action": "approve", "comment": "同意"}),
        "approved",
    )
    .await;
    // Frozen: no edit, no action; an adjustment is a new linked draft.
    let form = app.get(&format!("/api/v1/documents/{id}"), &u).await.json["form"].clone();
    let put = app
        .call(
            Method::PUT,
            &format!("/api/v1/documents/{id}"),
            Some(&u),
            Some(json!({"revision": 1, "form": form})),
        )
        .await;
    assert_eq!(put.status, StatusCode::FORBIDDEN);
    for who in [&u, &d, &f] {
        for a in ["submit", "withdraw", "approve", "return"] {
            let r = app.act(who, id, json!({"action": a, "comment": "x"})).await;
            assert_eq!(r.status, StatusCode::CONFLICT);
        }
    }
    let adj = app
        .call(
            Method::POST,
            &format!("/api/v1/documents/{id}/adjust"),
            Some(&u),
            None,
        )
        .await;
    assert_eq!(adj.status, StatusCode::CREATED, "{}", adj.json);
    let new_id = adj.json["documents"][0]["id"].as_i64().unwrap();
    let n = app.get(&format!("/api/v1/documents/{new_id}"), &u).await;
    assert_eq!(
        (n.json["state"].as_str(), n.json["parent_id"].as_i64()),
        (Some("draft"), Some(id))
    );
    // The history: five steps and the adjustment, each with who and when.
    let h = app
        .get(&format!("/api/v1/documents/{id}/history"), &f)
        .await;
    let events = h.json["events"].as_array().unwrap();
    let walk: Vec<(&str, &str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap(),
                e["action"].as_str().unwrap(),
                e["to"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        walk,
        [
            ("unit1", "submit", "department_review"),
            ("dept", "return", "returned"),
            ("unit1", "submit", "department_review"),
            ("dept", "approve", "finance_review"),
            ("finance", "approve", "approved"),
            ("unit1", "adjust", "approved"),
        ]
    );
    assert_eq!(events[1]["comment"], "请补充偏差原因");
    assert!(events
        .iter()
        .all(|e| e["at"].as_str().unwrap().ends_with('Z')));
}

#[tokio::test]
async fn withdraw_returns_a_submission_to_draft() {
    let app = App::new().await;
    let u = app.login("unit1").await;
    let id = app.upload_one(&u, TARGETS).await;
    let ex = app.explanations(&u, id).await;
    assert_eq!(
        app.act(&u, id, json!({"action": "submit", "explanations": ex}))
            .await
            .status,
        StatusCode::OK
    );
    let r = app.act(&u, id, json!({"action": "withdraw"})).await;
    assert_eq!(
        (r.status, r.json["state"].as_str()),
        (StatusCode::OK, Some("draft"))
    );
}

#[tokio::test]
async fn reviewers_annotate_findings_but_never_edit() {
    let app = App::new().await;
    let (u, d) = (app.login("unit1").await, app.login("dept").await);
    let id = app.upload_one(&u, SELF_EVAL).await;
    let doc = app.get(&format!("/api/v1/documents/{id}"), &d).await.json;
    let f = doc["findings"][0].clone();
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/documents/{id}/annotations"),
            Some(&d),
            Some(json!({"rule": f["rule"], "line": f["line"], "accepted": false, "comment": "说明不充分"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let v = app.get(&format!("/api/v1/documents/{id}"), &u).await;
    assert_eq!(v.json["annotations"][0]["comment"], "说明不充分");
    assert_eq!(v.json["annotations"][0]["accepted"], false);
    // No such finding.
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/documents/{id}/annotations"),
            Some(&d),
            Some(json!({"rule": "S999", "line": 1, "comment": "x"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let put = app
        .call(
            Method::PUT,
            &format!("/api/v1/documents/{id}"),
            Some(&d),
            Some(json!({"revision": 1, "form": doc["form"]})),
        )
        .await;
    assert_eq!(put.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn finance_sets_rule_sets_for_the_region_and_per_document() {
    let app = App::new().await;
    let (u, f) = (app.login("unit1").await, app.login("finance").await);
    let id = app.upload_one(&u, SELF_EVAL).await;
    assert_eq!(
        app.get(&format!("/api/v1/documents/{id}"), &u).await.json["ruleset"],
        "shanghai"
    );
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/documents/{id}/ruleset"),
            Some(&f),
            Some(json!({"ruleset": "central-2020"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["revision"], 2);
    let v = app.get(&format!("/api/v1/documents/{id}"), &u).await;
    assert_eq!(
        (
            v.json["ruleset"].as_str(),
            v.json["ruleset_override"].as_str()
        ),
        (Some("central-2020"), Some("central-2020"))
    );
    // A file name is not a rule set.
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/documents/{id}/ruleset"),
            Some(&f),
            Some(json!({"ruleset": "/etc/passwd"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The region's setting applies to new uploads of that year.
    let r = app
        .call(
            Method::PUT,
            "/api/v1/rulesets",
            Some(&f),
            Some(json!({"ruleset": "central-2020"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let id2 = app.upload_one(&u, SELF_EVAL).await;
    assert_eq!(
        app.get(&format!("/api/v1/documents/{id2}"), &u).await.json["ruleset"],
        "central-2020"
    );
    let r = app.get("/api/v1/rulesets", &u).await;
    assert_eq!(r.json["region_default"], "central-2020");
}

#[tokio::test]
async fn tasks_are_issued_by_finance_and_seen_by_their_units() {
    let app = App::new().await;
    let (u, f, u3) = (
        app.login("unit1").await,
        app.login("finance").await,
        app.login("unit3").await,
    );
    let r = app
        .call(
            Method::POST,
            "/api/v1/tasks",
            Some(&f),
            Some(json!({"kind": "self_evaluation", "year": 2025, "deadline": "2000-01-31"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let mine = app.get("/api/v1/tasks", &u).await;
    let t = mine.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["year"] == 2025)
        .unwrap()
        .clone();
    assert_eq!(t["overdue"], true);
    assert_eq!(t["status"], Value::Null);
    assert!(app.get("/api/v1/tasks", &u3).await.json["items"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        app.call(
            Method::POST,
            "/api/v1/tasks",
            Some(&u),
            Some(json!({"kind": "self_evaluation", "year": 2025, "deadline": "2025-01-31"}))
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let bad = app
        .call(
            Method::POST,
            "/api/v1/tasks",
            Some(&f),
            Some(json!({"kind": "self_evaluation", "year": 2025, "deadline": "31.01.2025"})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn administrators_manage_organisations_and_users_but_read_no_documents() {
    let app = App::new().await;
    let a = app.login("admin").await;
    let r = app
        .call(
            Method::POST,
            "/api/v1/orgs",
            Some(&a),
            Some(json!({"code": "U09", "name": "示范市新单位", "kind": "unit", "parent": "D01"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let add_user = |name: &str, role: &str| {
        let body =
            json!({"username": name, "password": "a-long-password", "role": role, "org": "U09"});
        let (app, a) = (&app, a.clone());
        async move {
            app.call(Method::POST, "/api/v1/users", Some(&a), Some(body))
                .await
        }
    };
    let r = add_user("unit9", "unit").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(add_user("unit9", "unit").await.status, StatusCode::CONFLICT);
    // A finance user cannot sit in a unit.
    assert_eq!(
        add_user("x9", "finance").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let u9 = app.login_with("unit9", "a-long-password").await;
    assert_eq!(app.get("/api/v1/me", &u9).await.json["org"], "示范市新单位");
    assert_eq!(app.get("/api/v1/documents", &a).await.json["total"], 0);
    assert_eq!(app.get("/api/v1/users", &a).await.status, StatusCode::OK);
    let u = app.login("unit1").await;
    assert_eq!(
        app.get("/api/v1/users", &u).await.status,
        StatusCode::FORBIDDEN
    );
    let orgs = app.get("/api/v1/orgs", &u).await;
    assert_eq!(orgs.json["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn unknown_routes_answer_json_404() {
    let app = App::new().await;
    let c = app.login("unit1").await;
    let r = app.get("/api/v1/nothing-here", &c).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.json["error"].is_string());
}
