//! Front-end assets, bundled into the binary so the workbench runs offline.
//!
//! Our own files live in `assets/`; third-party files in `assets/vendor/`, each beside its
//! licence, refreshed from the npm registry by `assets/vendor/refresh.sh`.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// `(path under /assets/, content type, bytes)` of every bundled file.
pub static FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/app.js"),
    ),
    (
        "document.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/document.js"),
    ),
    (
        "dashboard.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/dashboard.css"),
    ),
    (
        "dashboard.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/dashboard.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../../assets/favicon.svg"),
    ),
    (
        "upload.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/upload.js"),
    ),
    (
        "vendor/echarts.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/echarts.min.js"),
    ),
];

/// `GET /assets/{file}`: a bundled file, cached for a day.
pub async fn serve(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(p, _, _)| *p == file) {
        Some((_, ct, bytes)) => {
            let mut r = (*bytes).into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            );
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            r
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
