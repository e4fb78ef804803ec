//! API errors: every failure answers `{error, …}` with the status that says what went wrong.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use jixiao_store::StoreError;

/// An error answered to the client.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// The message (Chinese first, English after a slash where it helps).
    pub message: String,
    /// More fields merged into the body (`findings`, `current`, `errors`, …).
    pub extra: Option<Value>,
    /// `Retry-After` seconds, for 429.
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with a status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            extra: None,
            retry_after: None,
        }
    }

    /// Adds fields to the body.
    pub fn with(mut self, extra: Value) -> ApiError {
        self.extra = Some(extra);
        self
    }

    /// 404: what the caller may not see does not exist for it.
    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "未找到 / not found")
    }

    /// 401.
    pub fn unauthenticated() -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "请先登录 / login required")
    }

    /// 403.
    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, message)
    }

    /// 409.
    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, message)
    }

    /// 422.
    pub fn unprocessable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::Duplicate(m) => ApiError::conflict(format!("已存在 / already exists: {m}")),
            StoreError::Invalid(m) => ApiError::unprocessable(m),
            StoreError::Database(m) => {
                tracing::error!(error = %m, "store failure");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "内部错误 / internal error",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.message });
        if let (Some(Value::Object(extra)), Value::Object(map)) = (self.extra, &mut body) {
            map.extend(extra);
        }
        let mut r = (self.status, axum::Json(body)).into_response();
        if let Some(s) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&s.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        r
    }
}

/// `axum::Json` whose rejections answer JSON errors: 415 without a JSON content type, 413
/// over the body limit, 400 for malformed JSON, 422 for a body of the wrong shape (unknown
/// fields included).
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(r: JsonRejection) -> ApiError {
    let status = r.status();
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "请求体过大 / request body too large".to_string(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "需要 Content-Type: application/json / expected a JSON body".to_string()
        }
        _ => format!("请求体无效 / invalid body: {}", r.body_text()),
    };
    ApiError::new(status, message)
}

/// `axum::extract::Query` answering JSON errors (400).
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(ApiQuery(v)),
            Err(r) => Err(query_rejection(r)),
        }
    }
}

fn query_rejection(r: QueryRejection) -> ApiError {
    ApiError::bad_request(format!("查询参数无效 / invalid query: {}", r.body_text()))
}

/// Checks a user-supplied text's length (in characters).
/// NUL characters are refused everywhere (no document holds one, and PostgreSQL text cannot).
pub fn limit(field: &str, value: &str, max: usize) -> Result<(), ApiError> {
    if value.contains('\0') {
        return Err(ApiError::unprocessable(format!(
            "{field} 含有 NUL 字符 / {field} contains a NUL character"
        )));
    }
    if value.chars().count() > max {
        return Err(ApiError::unprocessable(format!(
            "{field} 过长（最多 {max} 字） / {field} longer than {max} characters"
        )));
    }
    Ok(())
}
