//! The jixiao workbench server (`jixiao serve`): organisations and users, documents with
//! every revision kept, the review workflow, and a JSON API under `/api/v1`.
//!
//! Layout:
//! - [`router`]: every route, in one table;
//! - [`auth`]: argon2id passwords, server-side sessions, login throttling;
//! - [`guard`]: cross-origin refusal and write content types;
//! - [`documents`]: upload, list, read, save, workflow actions, history;
//! - [`admin`]: organisations, users, tasks (任务下达), region rule sets;
//! - [`demo`]: the demo region of `jixiao serve --demo`;
//! - [`import`]: batch import of archived documents (`jixiao import`);
//! - [`openapi`]: the OpenAPI document, generated from the handlers;
//! - [`pages`]: the workbench pages (HTML) and their bundled assets.
//!
//! Authorisation is by organisation on every route: a unit sees its own documents, a
//! department those of its units, finance those of its region, an administrator none. What a
//! caller may not see answers 404, never 403, so ids leak nothing.

pub mod admin;
pub mod auth;
pub mod dashboard;
pub mod demo;
pub mod documents;
pub mod error;
pub mod guard;
pub mod import;
pub mod openapi;
pub mod pages;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts};
use axum::http::request::Parts;
use axum::routing::{get, post};
use axum::Router;

use jixiao_store::Store;

/// Server settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Session lifetime.
    pub session_ttl: Duration,
    /// Mark cookies `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// Largest upload (document file) in bytes.
    pub upload_limit: usize,
    /// Largest JSON body in bytes.
    pub json_limit: usize,
    /// Failed logins per account or address before 429.
    pub max_failed_logins: u32,
    /// The window of failed logins.
    pub login_window: Duration,
    /// A demo server (`serve --demo`): the login page lists the demo accounts.
    pub demo: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            session_ttl: Duration::from_secs(8 * 3600),
            secure_cookies: false,
            upload_limit: 16 << 20,
            json_limit: 4 << 20,
            max_failed_logins: 5,
            login_window: Duration::from_secs(15 * 60),
            demo: false,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Arc<dyn Store>,
    /// Settings.
    pub config: Arc<Config>,
    /// Failed-login counters.
    pub throttle: Arc<auth::Throttle>,
}

impl AppState {
    /// State over `store` with `config`.
    pub fn new(store: Arc<dyn Store>, config: Config) -> AppState {
        AppState {
            throttle: Arc::new(auth::Throttle::new(
                config.max_failed_logins,
                config.login_window,
            )),
            store,
            config: Arc::new(config),
        }
    }
}

/// Every route.
pub fn router(state: AppState) -> Router {
    let json_limit = DefaultBodyLimit::max(state.config.json_limit);
    let upload_limit = DefaultBodyLimit::max(state.config.upload_limit);
    let api = Router::new()
        .route("/login", post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/me", get(auth::me))
        .route(
            "/documents",
            post(documents::create)
                .layer(upload_limit)
                .get(documents::list),
        )
        .route("/documents/{id}", get(documents::show).put(documents::save))
        .route("/documents/{id}/preview", post(documents::preview))
        .route(
            "/documents/{id}/workbook",
            post(documents::replace_from_workbook)
                .layer(DefaultBodyLimit::max(state.config.upload_limit)),
        )
        .route("/documents/{id}/actions", post(documents::action))
        .route("/documents/{id}/history", get(documents::history))
        .route(
            "/documents/{id}/revisions/{revision}",
            get(documents::revision),
        )
        .route("/documents/{id}/source", get(documents::source))
        .route("/documents/{id}/annotations", post(documents::annotate))
        .route("/documents/{id}/adjust", post(documents::adjust))
        .route("/documents/{id}/ruleset", post(documents::set_ruleset))
        .route("/dashboard", get(dashboard::data))
        .route("/tasks", get(admin::tasks).post(admin::create_task))
        .route("/rulesets", get(admin::rulesets).put(admin::set_ruleset))
        .route("/orgs", get(admin::orgs).post(admin::create_org))
        .route("/users", get(admin::users).post(admin::create_user))
        .route("/openapi.json", get(openapi::spec))
        .fallback(|| async { error::ApiError::not_found() })
        .layer(axum::middleware::from_fn(guard::json_errors));
    Router::new()
        .nest("/api/v1", api)
        .merge(pages::routes())
        .route("/healthz", get(|| async { "ok" }))
        .fallback(|headers: axum::http::HeaderMap| async move {
            pages::not_found(pages::Lang::of(&headers))
        })
        .layer(json_limit)
        .layer(axum::middleware::from_fn(guard::same_origin))
        .layer(axum::middleware::from_fn(guard::headers))
        .with_state(state)
}

/// Opens the store a URL names: `sqlite://…` / `sqlite::memory:` or `postgres://…`, and
/// migrates it.
pub async fn open_store(url: &str) -> Result<Arc<dyn Store>, jixiao_store::StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(jixiao_store_pg::PgStore::open(url).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(jixiao_store_sqlite::SqliteStore::open(url).await?))
    } else {
        Err(jixiao_store::StoreError::Invalid(format!(
            "{url}: a database URL starts with sqlite:// or postgres://"
        )))
    }
}

/// Serves until Ctrl-C.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    serve_on(state, listener).await
}

/// Serves on a bound listener until Ctrl-C.
pub async fn serve_on(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// RFC 3339 of a Unix-milliseconds time.
pub fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// The client's address (the peer of the connection; `unknown` in-process).
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string())
                .unwrap_or_else(|| "unknown".to_string()),
        ))
    }
}
