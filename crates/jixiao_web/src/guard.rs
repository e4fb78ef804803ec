//! Cross-site request refusal and content types of writes.
//!
//! Every request that may change state (any method but GET, HEAD and OPTIONS) must come from
//! the server's own origin: an `Origin` header, when sent (browsers always send it on
//! cross-origin writes), must name the host the request was sent to, and a
//! `Sec-Fetch-Site` header, when sent, must say `same-origin` or `none`. Session cookies are
//! `SameSite=Strict` besides, and every write takes JSON (or, for login, a form); uploads
//! take `text/plain` or the xlsx type. Tools without a browser (curl, scripts) send neither
//! header and pass.

use axum::extract::{FromRequest, Request};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ApiJson};

/// Middleware: refuses cross-origin writes with 403.
pub async fn same_origin(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("").to_ascii_lowercase();
        let authority = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"));
        if authority.is_none() || authority.map(str::to_string) != host {
            return refuse();
        }
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        if !matches!(site.to_str().unwrap_or(""), "same-origin" | "none") {
            return refuse();
        }
    }
    next.run(req).await
}

fn refuse() -> Response {
    ApiError::forbidden("拒绝跨站请求 / cross-origin request refused").into_response()
}

/// A body as JSON or as `application/x-www-form-urlencoded` (login from a plain HTML form).
pub struct JsonOrForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonOrForm<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if is_form {
            axum::Form::<T>::from_request(req, state)
                .await
                .map(|axum::Form(v)| JsonOrForm(v))
                .map_err(|r| {
                    ApiError::new(
                        r.status(),
                        format!("表单无效 / invalid form: {}", r.body_text()),
                    )
                })
        } else {
            ApiJson::<T>::from_request(req, state)
                .await
                .map(|ApiJson(v)| JsonOrForm(v))
        }
    }
}

/// Middleware: error answers that axum's own extractors give as plain text (a path that is
/// not a number, a body over the limit) become `{error}` JSON like every other error.
pub async fn json_errors(req: Request, next: Next) -> Response {
    let resp = next.run(req).await;
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let mut out = ApiError::new(status, text).into_response();
    for (k, v) in parts.headers.iter() {
        if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    out
}

/// Middleware: security headers on every answer. Pages load scripts and styles from this
/// server only (`/assets/`, bundled), never inline scripts; no page may be framed.
pub async fn headers(req: Request, next: Next) -> Response {
    use axum::http::HeaderValue;
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    for (k, v) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; \
             base-uri 'none'; form-action 'self'",
        ),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
    ] {
        if !h.contains_key(&k) {
            h.insert(k, HeaderValue::from_static(v));
        }
    }
    resp
}
