//! The workbench pages, route by route: what each answers to whom, and the measures that
//! guard them (login redirect, HTML 404 for what one may not see, no open redirect, bundled
//! assets with a content security policy). The pages' behaviour in a browser is tested in
//! `e2e/` (see `crates/jixiao_cli/tests/browser.rs`).

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::*;
use serde_json::json;

fn html(r: &Reply) -> String {
    String::from_utf8_lossy(&r.bytes).into_owned()
}

async fn page(app: &App, uri: &str, cookie: Option<&str>) -> Reply {
    app.call(Method::GET, uri, cookie, None).await
}

#[tokio::test]
async fn pages_need_a_login_and_come_back_after_it() {
    let app = App::new().await;
    for uri in [
        "/workbench",
        "/documents/1",
        "/upload",
        "/dashboard",
        "/documents/1/history",
    ] {
        let r = page(&app, uri, None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{uri}");
        let to = r.headers[header::LOCATION].to_str().unwrap();
        assert!(to.starts_with("/login?next="), "{uri} → {to}");
        assert!(to.ends_with(uri), "{uri} → {to}");
    }
    let r = page(&app, "/", None).await;
    assert_eq!(r.headers[header::LOCATION], "/login");
}

#[tokio::test]
async fn the_login_page_is_html_with_the_policy_and_no_inline_script() {
    let app = App::new().await;
    let r = page(&app, "/login?next=/documents/3", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(r.headers[header::X_FRAME_OPTIONS], "DENY");
    let body = html(&r);
    assert!(body.contains(r#"data-next="/documents/3""#));
    // Every script is a bundled file: no inline code, nothing from another host.
    for tag in body.split("<script").skip(1) {
        assert!(tag.trim_start().starts_with("src=\"/assets/"), "{tag}");
    }
    assert!(!body.contains("http://") && !body.contains("https://"));
}

#[tokio::test]
async fn the_next_parameter_never_leaves_the_site() {
    let app = App::new().await;
    for evil in [
        "//evil.example/x",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
    ] {
        let r = page(&app, &format!("/login?next={evil}"), None).await;
        assert!(html(&r).contains(r#"data-next="/workbench""#), "{evil}");
        let r = page(&app, &format!("/lang/en?back={evil}"), None).await;
        assert_eq!(r.headers[header::LOCATION], "/workbench", "{evil}");
    }
    let r = page(&app, "/lang/en?back=/rules", None).await;
    assert_eq!(r.headers[header::LOCATION], "/rules");
    assert!(r.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .starts_with("jixiao_lang=en;"));
}

#[tokio::test]
async fn the_workbench_lists_what_waits_for_each_role() {
    let app = App::new().await;
    // unit1 submits a draft: it waits for the department.
    let u1 = app.login("unit1").await;
    let id = app.upload_one(&u1, TARGETS).await;
    let ex = app.explanations(&u1, id).await;
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/documents/{id}/actions"),
            Some(&u1),
            Some(json!({"action": "submit", "explanations": ex})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let dept = app.login("dept").await;
    let body = html(&page(&app, "/workbench", Some(&dept)).await);
    let todo = &body[body.find(r#"id="todo""#).unwrap()..body.find(r#"id="all""#).unwrap()];
    assert!(
        todo.contains(&format!(r#"data-doc="{id}""#)),
        "waiting for the department"
    );
    // Another region's department does not see it anywhere.
    let dept2 = app.login("dept2").await;
    let body = html(&page(&app, "/workbench", Some(&dept2)).await);
    assert!(!body.contains(&format!(r#"data-doc="{id}""#)));
    // The unit sees its tasks; another unit's user does not see unit1's documents.
    let body = html(&page(&app, "/workbench", Some(&u1)).await);
    assert!(body.contains(r#"id="tasks""#));
    let u2 = app.login("unit2").await;
    let body = html(&page(&app, "/workbench", Some(&u2)).await);
    assert!(!body.contains(&format!(r#"data-doc="{id}""#)));
}

#[tokio::test]
async fn a_document_page_is_404_html_for_whoever_may_not_see_it() {
    let app = App::new().await;
    let u1 = app.login("unit1").await;
    let id = app.upload_one(&u1, SELF_EVAL).await;
    let r = page(&app, &format!("/documents/{id}"), Some(&u1)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(html(&r).contains(&format!(r#"data-id="{id}""#)));
    for who in ["unit2", "unit3", "dept2", "finance2", "admin"] {
        let c = app.login(who).await;
        for uri in [
            format!("/documents/{id}"),
            format!("/documents/{id}/history"),
            format!("/documents/{id}/report.html"),
            format!("/documents/{id}/report.pdf"),
            format!("/documents/{id}/form.xlsx"),
        ] {
            let r = page(&app, &uri, Some(&c)).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{who} {uri}");
            assert!(html(&r).contains("<!doctype html>"), "{who} {uri}: HTML");
        }
    }
    // A path that is not a number, and an unknown page: the same HTML 404.
    let r = page(&app, "/documents/abc", Some(&u1)).await;
    assert!(r.status.is_client_error());
    let r = page(&app, "/no-such-page", Some(&u1)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(html(&r).contains("<!doctype html>"));
    // The API keeps answering JSON errors.
    let r = page(&app, "/api/v1/no-such-route", Some(&u1)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.json["error"].is_string());
}

#[tokio::test]
async fn upload_is_for_units_dashboard_for_reviewers() {
    let app = App::new().await;
    for (who, upload, dashboard) in [
        ("unit1", StatusCode::OK, StatusCode::NOT_FOUND),
        ("dept", StatusCode::NOT_FOUND, StatusCode::OK),
        ("finance", StatusCode::NOT_FOUND, StatusCode::OK),
        ("admin", StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
    ] {
        let c = app.login(who).await;
        assert_eq!(
            page(&app, "/upload", Some(&c)).await.status,
            upload,
            "{who}"
        );
        assert_eq!(
            page(&app, "/dashboard", Some(&c)).await.status,
            dashboard,
            "{who}"
        );
    }
}

#[tokio::test]
async fn the_history_page_shows_the_cells_a_save_changed() {
    let app = App::new().await;
    let u1 = app.login("unit1").await;
    let id = app.upload_one(&u1, SELF_EVAL).await;
    let doc = app.get(&format!("/api/v1/documents/{id}"), &u1).await.json;
    let mut form = doc["form"].clone();
    let old = form["indicators"][0]["actual"]["raw"]
        .as_str()
        .unwrap()
        .to_string();
    let new = format!("{old}（已复核）");
    form["indicators"][0]["actual"]["raw"] = json!(new);
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/documents/{id}"),
            Some(&u1),
            Some(json!({"revision": 1, "form": form})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let body = html(&page(&app, &format!("/documents/{id}/history"), Some(&u1)).await);
    let diff = &body[body
        .find("table class=\"list diff\"")
        .expect("a diff table")..];
    assert!(diff.contains("实际完成值"));
    assert!(diff.contains(&format!(r#"<td class="del">{old}</td>"#)));
    assert!(diff.contains(&format!(r#"<td class="ins">{new}</td>"#)));
}

#[tokio::test]
async fn the_report_and_the_xlsx_of_a_document() {
    let app = App::new().await;
    let u1 = app.login("unit1").await;
    let id = app.upload_one(&u1, SELF_EVAL).await;
    let doc = app.get(&format!("/api/v1/documents/{id}"), &u1).await.json;
    let r = page(&app, &format!("/documents/{id}/report.html"), Some(&u1)).await;
    assert_eq!(r.status, StatusCode::OK);
    let body = html(&r);
    // Every finding of the document is in its report.
    for f in doc["findings"].as_array().unwrap() {
        assert!(body.contains(f["rule"].as_str().unwrap()), "{}", f["rule"]);
    }
    let r = page(&app, &format!("/documents/{id}/form.xlsx"), Some(&u1)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(&r.bytes[..2], b"PK", "an xlsx is a zip");
    // The downloaded workbook, uploaded back unchanged, makes revision 2 of the same form.
    let xlsx = jixiao_store::analyse::XLSX;
    let back = workbook(&app, &u1, id, 1, xlsx, r.bytes.clone()).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.json);
    assert_eq!(back.json["revision"], 2);
    assert_eq!(back.json["form"]["project"], doc["form"]["project"]);
    assert_eq!(back.json["recomputed_total"], doc["recomputed_total"]);
    // The stored source of revision 2 is the workbook, byte for byte.
    let src = page(
        &app,
        &format!("/api/v1/documents/{id}/source?revision=2"),
        Some(&u1),
    )
    .await;
    assert_eq!(src.bytes, r.bytes);
    // Uploading it again on the stale revision is a conflict; a text body is refused.
    let stale = workbook(&app, &u1, id, 1, xlsx, r.bytes.clone()).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let text = workbook(
        &app,
        &u1,
        id,
        2,
        "text/plain",
        SELF_EVAL.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(text.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

/// `POST /api/v1/documents/{id}/workbook?revision=N` with `body` as `content_type`.
async fn workbook(
    app: &App,
    cookie: &str,
    id: i64,
    revision: i32,
    content_type: &str,
    body: Vec<u8>,
) -> Reply {
    app.request(
        Request::builder()
            .method(Method::POST)
            .uri(format!(
                "/api/v1/documents/{id}/workbook?revision={revision}"
            ))
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn preview_scores_without_saving() {
    let app = App::new().await;
    let u1 = app.login("unit1").await;
    let id = app.upload_one(&u1, SELF_EVAL).await;
    let doc = app.get(&format!("/api/v1/documents/{id}"), &u1).await.json;
    // Meet the first indicator's target exactly: its recomputed score becomes its weight.
    let mut form = doc["form"].clone();
    let i = form["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .position(|x| x["target"]["value"].is_number() && x["weight"].is_number())
        .expect("a quantitative indicator");
    let target = form["indicators"][i]["target"]["raw"]
        .as_str()
        .unwrap()
        .to_string();
    let met = target
        .trim_start_matches(['≥', '>', '=', '≤', '<'])
        .to_string();
    form["indicators"][i]["actual"]["raw"] = json!(met);
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/documents/{id}/preview"),
            Some(&u1),
            Some(json!({"form": form})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert!(r.json["revision"].is_null());
    let line = r.json["form"]["indicators"][i]["line"].clone();
    let item = r.json["score"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|it| it["line"] == line)
        .expect("the indicator is scored");
    assert_eq!(
        item["recomputed_score"].to_string().parse::<f64>().ok(),
        form["indicators"][i]["weight"]
            .to_string()
            .parse::<f64>()
            .ok(),
        "{item}"
    );
    // Nothing was saved.
    let after = app.get(&format!("/api/v1/documents/{id}"), &u1).await.json;
    assert_eq!(after["revision"], 1);
    assert_eq!(after["form"], doc["form"]);
    // Numbers keep their printed scale in the answer (exact decimals, not floats).
    let text = String::from_utf8_lossy(&r.bytes);
    assert!(text.contains(&format!(
        "\"weight\":{}",
        doc["form"]["indicators"][i]["weight"]
    )));
}

#[tokio::test]
async fn assets_are_bundled_and_unknown_ones_are_404() {
    let app = App::new().await;
    for (path, ct) in [
        ("/assets/app.css", "text/css"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/document.js", "text/javascript"),
        ("/assets/vendor/echarts.min.js", "text/javascript"),
    ] {
        let r = page(&app, path, None).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with(ct));
        assert!(r.bytes.len() > 100, "{path}");
    }
    for path in [
        "/assets/../Cargo.toml",
        "/assets/nope.js",
        "/assets/vendor/../../src/lib.rs",
    ] {
        assert_eq!(
            page(&app, path, None).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn rule_pages_document_every_rule() {
    let app = App::new().await;
    let r = page(&app, "/rules", None).await;
    let body = html(&r);
    for rule in jixiao_audit::codes::RULES {
        let code = rule.meta().code;
        assert!(body.contains(&format!("href=\"/rules/{code}\"")), "{code}");
    }
    let code = jixiao_audit::codes::RULES[0].meta().code;
    let one = html(&page(&app, &format!("/rules/{code}"), None).await);
    assert!(one.contains(jixiao_audit::codes::RULES[0].meta().summary));
    assert_eq!(
        page(&app, "/rules/Z999", None).await.status,
        StatusCode::NOT_FOUND
    );
}
