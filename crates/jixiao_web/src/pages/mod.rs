//! The workbench pages: server-rendered HTML (askama templates under `templates/`) over the
//! same store, workflow and rules as the JSON API. The editor and review screens are small
//! scripts (`assets/*.js`) that call the JSON API; every score and finding they show comes
//! from the server (`POST /api/v1/documents/{id}/preview` while typing), so the scoring rules
//! live in Rust only. Every script, style and chart library is bundled into the binary
//! ([`assets`]): the workbench runs on an intranet without internet.
//!
//! | page | route | who |
//! |---|---|---|
//! | 登录 login | `/login` | everyone |
//! | 工作台 to-do list | `/workbench` | every role |
//! | 填报 / 审核 a document | `/documents/{id}` | who may see it |
//! | 历史 history, with cell diffs | `/documents/{id}/history` | who may see it |
//! | 报告 report (HTML, PDF) | `/documents/{id}/report.html`, `…/report.pdf` | who may see it |
//! | 上传 upload | `/upload` | units |
//! | 看板 dashboard | `/dashboard` | departments, finance |
//! | 规则 rule documentation | `/rules`, `/rules/{code}` | everyone |
//!
//! Pages answer HTML; a page the caller may not see is the HTML 404 page, and a page that
//! needs a login redirects to `/login`.

pub mod assets;
mod dashboard;
mod document;
mod workbench;

use askama::Template;
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use jixiao_store::{Role, User};

use crate::AppState;

/// Cookie holding the interface language (`zh` or `en`).
pub const LANG_COOKIE: &str = "jixiao_lang";

/// Interface language of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// 中文 (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// From the request's language cookie.
    pub fn of(headers: &HeaderMap) -> Lang {
        let en = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|kv| kv.trim().split_once('='))
            .any(|(k, v)| k == LANG_COOKIE && v == "en");
        if en {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// What every page's frame needs: language, the signed-in user, the active menu entry.
pub struct Base {
    /// Interface language.
    pub lang: Lang,
    /// The signed-in user (none on the login page).
    pub user: Option<User>,
    /// The active menu entry (`workbench`, `upload`, `dashboard`, `rules`).
    pub nav: &'static str,
    /// The path of this page (for the language switch to come back to).
    pub path: String,
}

impl Base {
    /// The Chinese or the English string, by the page's language.
    pub fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The user's role as shown (单位 / 主管部门 / 财政 / 管理员).
    pub fn role_label(&self) -> &'static str {
        match self.user.as_ref().map(|u| u.role) {
            Some(Role::Unit) => self.t("预算单位", "Budget unit"),
            Some(Role::Department) => self.t("主管部门", "Department"),
            Some(Role::Finance) => self.t("财政部门", "Finance bureau"),
            Some(Role::Admin) => self.t("系统管理员", "Administrator"),
            None => "",
        }
    }

    /// Whether the signed-in user has `role` (`unit`, `department`, `finance`, `admin`).
    pub fn is(&self, role: &str) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.as_str() == role)
    }

    /// The other language's code, for the switch.
    pub fn other_lang(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "en",
            Lang::En => "zh",
        }
    }
}

/// The signed-in user of a page; without a session the page redirects to `/login`.
pub struct PageUser(pub User, pub Lang, pub String);

impl PageUser {
    /// The frame of a page of this user's under menu entry `nav`.
    pub fn base(&self, nav: &'static str) -> Base {
        Base {
            lang: self.1,
            user: Some(self.0.clone()),
            nav,
            path: self.2.clone(),
        }
    }
}

impl FromRequestParts<AppState> for PageUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let lang = Lang::of(&parts.headers);
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        match crate::auth::CurrentUser::from_request_parts(parts, state).await {
            Ok(u) => Ok(PageUser(u.0, lang, path)),
            Err(e) if e.status == StatusCode::UNAUTHORIZED => {
                let next = urlencode(&path);
                Err(Redirect::to(&format!("/login?next={next}")).into_response())
            }
            Err(e) => Err(page_error(lang, e.status, &e.message)),
        }
    }
}

/// Percent-encodes a path for a query parameter.
fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A local path to come back to: starts with one `/`, never `//` (no open redirect).
fn local_path(p: Option<&str>) -> String {
    match p {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.into(),
        _ => "/workbench".into(),
    }
}

/// Renders a template into an HTML response (500 with a plain message if it fails).
pub fn render<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => {
            let mut r = Html(html).into_response();
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    base: Base,
    status: u16,
    message: String,
}

/// An HTML error page.
pub fn page_error(lang: Lang, status: StatusCode, message: &str) -> Response {
    let page = ErrorPage {
        base: Base {
            lang,
            user: None,
            nav: "",
            path: "/".into(),
        },
        status: status.as_u16(),
        message: message.to_string(),
    };
    let mut r = render(&page);
    *r.status_mut() = status;
    r
}

/// The HTML 404 page (also for what the caller may not see).
pub fn not_found(lang: Lang) -> Response {
    page_error(
        lang,
        StatusCode::NOT_FOUND,
        match lang {
            Lang::Zh => "未找到该页面或文档。",
            Lang::En => "No such page or document.",
        },
    )
}

/// Every page route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login_page))
        .route("/lang/{code}", get(set_lang))
        .route("/workbench", get(workbench::page))
        .route("/upload", get(workbench::upload))
        .route("/documents/{id}", get(document::page))
        .route("/documents/{id}/history", get(document::history))
        .route("/documents/{id}/report.html", get(document::report_html))
        .route("/documents/{id}/report.pdf", get(document::report_pdf))
        .route("/documents/{id}/form.xlsx", get(document::xlsx))
        .route("/dashboard", get(dashboard::page))
        .route("/rules", get(document::rules))
        .route("/rules/{code}", get(document::rule))
        .route("/assets/{*file}", get(assets::serve))
        .route(
            "/favicon.ico",
            get(|| async { Redirect::permanent("/assets/favicon.svg") }),
        )
}

/// The signed-in user of a request, if any.
async fn session_user(state: &AppState, headers: &HeaderMap) -> Option<User> {
    let mut req = axum::http::Request::new(());
    *req.headers_mut() = headers.clone();
    let (mut parts, _) = req.into_parts();
    crate::auth::CurrentUser::from_request_parts(&mut parts, state)
        .await
        .ok()
        .map(|u| u.0)
}

/// The frame of a page anyone may see (with the menu when someone is signed in).
pub async fn optional_base(
    state: &AppState,
    headers: &HeaderMap,
    nav: &'static str,
    path: &str,
) -> Base {
    Base {
        lang: Lang::of(headers),
        user: session_user(state, headers).await,
        nav,
        path: path.into(),
    }
}

async fn home(
    headers: HeaderMap,
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Response {
    match session_user(&state, &headers).await {
        Some(_) => Redirect::to("/workbench").into_response(),
        None => Redirect::to("/login").into_response(),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    base: Base,
    next: String,
    /// Demo accounts `(username, role)` on a demo server.
    demo: Vec<(&'static str, &'static str)>,
    password: &'static str,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_page(
    headers: HeaderMap,
    axum::extract::State(state): axum::extract::State<AppState>,
    Query(q): Query<NextQuery>,
) -> Response {
    let base = Base {
        lang: Lang::of(&headers),
        user: None,
        nav: "login",
        path: "/login".into(),
    };
    let demo = if state.config.demo {
        crate::demo::ACCOUNTS
            .iter()
            .map(|(name, role, _)| {
                let label = match role {
                    Role::Unit => base.t("预算单位：填报、送审", "Budget unit: fill and submit"),
                    Role::Department => base.t("主管部门：初审", "Department: first review"),
                    Role::Finance => {
                        base.t("财政局：终审、下达任务", "Finance: final approval, tasks")
                    }
                    Role::Admin => {
                        base.t("管理员：机构与用户", "Administrator: organisations, users")
                    }
                };
                (*name, label)
            })
            .collect()
    } else {
        Vec::new()
    };
    render(&LoginPage {
        base,
        next: local_path(q.next.as_deref()),
        demo,
        password: crate::demo::PASSWORD,
    })
}

#[derive(Deserialize)]
struct BackQuery {
    back: Option<String>,
}

/// `GET /lang/{zh|en}?back=PATH`: sets the language cookie and returns to `back`.
async fn set_lang(Path(code): Path<String>, Query(q): Query<BackQuery>) -> Response {
    let code = if code == "en" { "en" } else { "zh" };
    let mut r = Redirect::to(&local_path(q.back.as_deref())).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={code}; Path=/; SameSite=Lax; Max-Age=31536000"
    )) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// Formats an optional decimal for a page (`—` when absent).
pub fn dec(d: &Option<jixiao_model::Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}

/// `YYYY-MM-DD HH:MM` (UTC+8, the users' time) of Unix milliseconds.
pub fn when(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms + 8 * 3600 * 1000)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}
