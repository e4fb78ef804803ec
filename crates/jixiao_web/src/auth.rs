//! Passwords (argon2id), server-side sessions, login throttling, and the current user.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use jixiao_store::{Role, User};

use crate::error::{limit, ApiError};
use crate::{now_ms, AppState, ClientAddr};

/// The session cookie's name.
pub const COOKIE: &str = "jixiao_session";

/// Hashes a password with argon2id (the crate's defaults: m = 19 MiB, t = 2, p = 1) and a
/// random salt; returns the PHC string.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Verifies a password against a PHC string.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash no password matches, verified for unknown users so that both failures take as long.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("jixiao: no such user").unwrap_or_default())
}

/// A new random session token (256 bits, hex) and the SHA-256 the store keeps of it.
fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session token in a request's cookies.
fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Failed logins per account and per client address, in a sliding window.
#[derive(Debug)]
pub struct Throttle {
    /// Failures allowed in a window before further attempts answer 429.
    pub max_failures: u32,
    /// The window.
    pub window: Duration,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Throttle {
    /// A throttle allowing `max_failures` per `window`.
    pub fn new(max_failures: u32, window: Duration) -> Throttle {
        Throttle {
            max_failures,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Seconds until `keys` may try again, if any of them is blocked.
    fn blocked(&self, keys: &[String]) -> Option<u64> {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, (_, since)| now.duration_since(*since) < self.window);
        keys.iter()
            .filter_map(|k| map.get(k))
            .filter(|(n, _)| *n >= self.max_failures)
            .map(|(_, since)| (self.window - now.duration_since(*since)).as_secs().max(1))
            .max()
    }

    fn fail(&self, keys: &[String]) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for k in keys {
            map.entry(k.clone()).or_insert((0, now)).0 += 1;
        }
    }

    fn succeed(&self, account: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(account);
    }
}

/// Login body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    /// Login name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// Who is logged in.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Me {
    /// Login name.
    pub username: String,
    /// `unit`, `department`, `finance` or `admin`.
    pub role: String,
    /// The organisation's name.
    pub org: String,
    /// The organisation's id.
    pub org_id: i64,
    /// The organisation's code.
    pub org_code: String,
    /// `region`, `department` or `unit`.
    pub org_kind: String,
}

impl Me {
    fn of(u: &User) -> Me {
        Me {
            username: u.username.clone(),
            role: u.role.as_str().to_string(),
            org: u.org.name.clone(),
            org_id: u.org.id,
            org_code: u.org.code.clone(),
            org_kind: u.org.kind.as_str().to_string(),
        }
    }
}

/// The logged-in user of a request (401 otherwise).
#[derive(Clone, Debug)]
pub struct CurrentUser(pub User);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = cookie_token(&parts.headers).ok_or_else(ApiError::unauthenticated)?;
        let user = state
            .store
            .session_user(&token_hash(&token), now_ms())
            .await?
            .ok_or_else(ApiError::unauthenticated)?;
        Ok(CurrentUser(user))
    }
}

impl CurrentUser {
    /// The role, or 403 when it is not one of `roles`.
    pub fn require(&self, roles: &[Role], what: &str) -> Result<(), ApiError> {
        if roles.contains(&self.0.role) {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "{} 不能{what} / role {} may not do this",
                self.0.role.zh(),
                self.0.role.as_str()
            )))
        }
    }
}

fn session_cookie(token: &str, max_age: i64, secure: bool) -> HeaderValue {
    let v = format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `POST /api/v1/login`: `{username, password}` → 200 `{username, role, org}` and the session
/// cookie; 401 `{error}` for an unknown user and a wrong password alike; 429 after repeated
/// failures for the account or the address.
#[utoipa::path(post, path = "/api/v1/login", tag = "session", request_body = LoginBody,
    responses((status = 200, body = Me), (status = 401), (status = 429)))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    body: crate::guard::JsonOrForm<LoginBody>,
) -> Result<Response, ApiError> {
    let LoginBody { username, password } = body.0;
    limit("username", &username, 64)?;
    limit("password", &password, 256)?;
    let keys = [
        format!("user:{username}"),
        format!("addr:{}", ip_key(&addr)),
    ];
    if let Some(secs) = state.throttle.blocked(&keys) {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "登录失败次数过多，请稍后再试 / too many failed logins, try later",
        );
        e.retry_after = Some(secs);
        return Err(e);
    }
    let found = state.store.user_with_hash(&username).await?;
    let phc = found
        .as_ref()
        .map(|(_, h)| h.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let pw = password.clone();
    let ok = tokio::task::spawn_blocking(move || verify_password(&pw, &phc))
        .await
        .unwrap_or(false);
    let user = match (found, ok) {
        (Some((u, _)), true) => u,
        _ => {
            state.throttle.fail(&keys);
            tracing::warn!(%username, client = %addr, "failed login");
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "用户名或密码错误 / wrong username or password",
            ));
        }
    };
    state.throttle.succeed(&keys[0]);
    let (token, hash) = new_token();
    let now = now_ms();
    let ttl = state.config.session_ttl;
    state
        .store
        .create_session(&hash, user.id, now, now + ttl.as_millis() as i64)
        .await?;
    tracing::info!(username = %user.username, client = %addr, "login");
    let mut r = axum::Json(Me::of(&user)).into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(&token, ttl.as_secs() as i64, state.config.secure_cookies),
    );
    Ok(r)
}

/// Throttling key of an address: IPv6 clients are grouped by their /64.
fn ip_key(addr: &str) -> String {
    match addr.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => addr.to_string(),
    }
}

/// `POST /api/v1/logout`: ends the session and clears the cookie.
#[utoipa::path(post, path = "/api/v1/logout", tag = "session", responses((status = 204)))]
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = cookie_token(&headers) {
        state.store.delete_session(&token_hash(&token)).await?;
    }
    let mut r = StatusCode::NO_CONTENT.into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie("", 0, state.config.secure_cookies),
    );
    Ok(r)
}

/// `GET /api/v1/me`: the logged-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "session",
    responses((status = 200, body = Me), (status = 401)))]
pub async fn me(CurrentUser(user): CurrentUser) -> axum::Json<Me> {
    axum::Json(Me::of(&user))
}
