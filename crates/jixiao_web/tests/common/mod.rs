//! An in-process workbench for API tests: the demo region (finance, dept, unit1, unit2,
//! admin), a second region (finance2, dept2, unit3), requests through the router without a
//! port.
#![allow(dead_code)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use jixiao_store::{NewOrg, NewUser, OrgKind, Role, Store};
use jixiao_web::{demo, AppState, Config};
use serde_json::Value;
use tower::ServiceExt;

pub const SELF_EVAL: &str = include_str!("../../../../examples/self_evaluation.txt");
pub const TARGETS: &str = include_str!("../../../../examples/target_declaration.txt");
pub const SCORESHEET: &str = include_str!("../../../../examples/scoresheet_jiangmen.txt");
pub const FINAL_ACCOUNTS: &str = include_str!("../../../../examples/final_accounts.txt");

/// Every user of the test region and the other region.
pub const USERS: [&str; 8] = [
    "unit1", "unit2", "dept", "finance", "admin", "unit3", "dept2", "finance2",
];

pub struct App {
    pub router: Router,
    pub store: Arc<dyn Store>,
    _dir: Option<tempfile::TempDir>,
}

pub struct Reply {
    pub status: StatusCode,
    pub json: Value,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
}

impl App {
    /// SQLite in a temporary file, demo region and a second region.
    pub async fn new() -> App {
        Self::with_config(Config::default()).await
    }

    pub async fn with_config(config: Config) -> App {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store = jixiao_web::open_store(&url).await.unwrap();
        Self::over(store, config, Some(dir)).await
    }

    pub async fn over(
        store: Arc<dyn Store>,
        config: Config,
        dir: Option<tempfile::TempDir>,
    ) -> App {
        demo::seed(&*store).await.unwrap();
        let r2 = store
            .create_org(&NewOrg {
                code: "F02".into(),
                name: "另一市财政局".into(),
                kind: OrgKind::Region,
                parent_id: None,
            })
            .await
            .unwrap();
        let d2 = store
            .create_org(&NewOrg {
                code: "D02".into(),
                name: "另一市水务局".into(),
                kind: OrgKind::Department,
                parent_id: Some(r2.id),
            })
            .await
            .unwrap();
        let u3 = store
            .create_org(&NewOrg {
                code: "U03".into(),
                name: "另一市河道所".into(),
                kind: OrgKind::Unit,
                parent_id: Some(d2.id),
            })
            .await
            .unwrap();
        let hash = jixiao_web::auth::hash_password(demo::PASSWORD).unwrap();
        for (name, role, org) in [
            ("unit3", Role::Unit, u3.id),
            ("dept2", Role::Department, d2.id),
            ("finance2", Role::Finance, r2.id),
        ] {
            store
                .create_user(&NewUser {
                    username: name.into(),
                    password_hash: hash.clone(),
                    role,
                    org_id: org,
                })
                .await
                .unwrap();
        }
        let state = AppState::new(store.clone(), config);
        App {
            router: jixiao_web::router(state),
            store,
            _dir: dir,
        }
    }

    pub async fn request(&self, req: Request<Body>) -> Reply {
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            json,
            headers,
            bytes,
        }
    }

    /// A request with an optional session cookie and body (JSON when `body` is a JSON value).
    pub async fn call(
        &self,
        method: Method,
        uri: &str,
        cookie: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut b = Request::builder().method(method).uri(uri);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        let req = match body {
            Some(v) => b
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(serde_json::to_vec(&v).unwrap()))
                .unwrap(),
            None => b.body(Body::empty()).unwrap(),
        };
        self.request(req).await
    }

    pub async fn get(&self, uri: &str, cookie: &str) -> Reply {
        self.call(Method::GET, uri, Some(cookie), None).await
    }

    /// Logs in; the session cookie (`jixiao_session=…`).
    pub async fn login(&self, user: &str) -> String {
        self.login_with(user, demo::PASSWORD).await
    }

    /// A login attempt, whatever it answers.
    pub async fn try_login(&self, user: &str, password: &str) -> Reply {
        let body = serde_json::json!({"username": user, "password": password});
        self.call(Method::POST, "/api/v1/login", None, Some(body))
            .await
    }

    pub async fn login_with(&self, user: &str, password: &str) -> String {
        let r = self
            .call(
                Method::POST,
                "/api/v1/login",
                None,
                Some(serde_json::json!({"username": user, "password": password})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {user}: {}", r.json);
        let set = r.headers[header::SET_COOKIE].to_str().unwrap().to_string();
        set.split(';').next().unwrap().to_string()
    }

    /// Uploads a text file as `cookie`'s unit; the reply.
    pub async fn upload(&self, cookie: &str, name: &str, text: &str) -> Reply {
        let req = Request::builder()
            .method(Method::POST)
            .uri(format!("/api/v1/documents?name={name}"))
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .body(Body::from(text.to_string()))
            .unwrap();
        self.request(req).await
    }

    /// Uploads and returns the first document's id.
    pub async fn upload_one(&self, cookie: &str, text: &str) -> i64 {
        let r = self.upload(cookie, "doc.txt", text).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
        r.json["documents"][0]["id"].as_i64().unwrap()
    }

    /// Explanations for every error finding of a document.
    pub async fn explanations(&self, cookie: &str, id: i64) -> Value {
        let d = self.get(&format!("/api/v1/documents/{id}"), cookie).await;
        let ex: Vec<Value> = d.json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| serde_json::json!({"rule": f["rule"], "line": f["line"], "text": "已核实"}))
            .collect();
        Value::Array(ex)
    }

    pub async fn act(&self, cookie: &str, id: i64, body: Value) -> Reply {
        self.call(
            Method::POST,
            &format!("/api/v1/documents/{id}/actions"),
            Some(cookie),
            Some(body),
        )
        .await
    }

    pub async fn state_of(&self, id: i64) -> String {
        let d = self.store.document(id).await.unwrap().unwrap();
        d.head.state.as_str().to_string()
    }
}

/// Eight saves of revision 1 at once: exactly one wins, seven see 409, two revisions remain.
pub async fn concurrent_saves(app: Arc<App>) {
    let u = app.login("unit1").await;
    let id = app.upload_one(&u, SELF_EVAL).await;
    let form = app.get(&format!("/api/v1/documents/{id}"), &u).await.json["form"].clone();
    let mut tasks = Vec::new();
    for i in 0..8 {
        let (app, u, mut form) = (app.clone(), u.clone(), form.clone());
        tasks.push(tokio::spawn(async move {
            form["project"] = serde_json::json!(format!("并发保存{i}"));
            app.call(
                Method::PUT,
                &format!("/api/v1/documents/{id}"),
                Some(&u),
                Some(serde_json::json!({"revision": 1, "form": form})),
            )
            .await
            .status
        }));
    }
    let (mut ok, mut conflict) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            StatusCode::OK => ok += 1,
            StatusCode::CONFLICT => conflict += 1,
            s => panic!("unexpected {s}"),
        }
    }
    assert_eq!((ok, conflict), (1, 7));
    assert_eq!(app.store.history(id).await.unwrap().revisions.len(), 2);
}
