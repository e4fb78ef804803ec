//! Organisations and users (administrators), tasks (任务下达, finance) and region rule sets.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use jixiao_store::analyse;
use jixiao_store::{
    parse_kind, Id, ListFilter, NewOrg, NewTask, NewUser, Org, OrgKind, Role, Scope, Task,
};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::{hash_password, CurrentUser};
use crate::documents::scope_of;
use crate::error::{limit, ApiError, ApiJson};
use crate::{now_ms, rfc3339, AppState};

fn org_json(o: &Org) -> Value {
    json!({
        "id": o.id, "code": o.code, "name": o.name, "kind": o.kind.as_str(),
        "parent_id": o.parent_id, "region_id": o.region_id, "department_id": o.department_id,
    })
}

/// `GET /api/v1/orgs`: administrators see every organisation; others their own tree (finance:
/// the region; a department: itself and its units; a unit: itself).
#[utoipa::path(get, path = "/api/v1/orgs", tag = "admin", responses((status = 200)))]
pub async fn orgs(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Value>, ApiError> {
    let all = state.store.orgs().await?;
    let seen: Vec<Value> = all
        .iter()
        .filter(|o| match user.role {
            Role::Admin => true,
            Role::Finance => o.region_id == user.org.region_id,
            Role::Department => o.department_id == user.org.department_id,
            Role::Unit => o.id == user.org.id,
        })
        .map(org_json)
        .collect();
    Ok(Json(json!({ "items": seen })))
}

/// Body of a new organisation.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgBody {
    /// Unique code.
    pub code: String,
    /// Name.
    pub name: String,
    /// `region`, `department` or `unit`.
    pub kind: String,
    /// Parent's code (departments: a region; units: a department).
    pub parent: Option<String>,
}

/// `POST /api/v1/orgs` (administrators).
#[utoipa::path(post, path = "/api/v1/orgs", tag = "admin", request_body = OrgBody,
    responses((status = 201), (status = 403), (status = 409), (status = 422)))]
pub async fn create_org(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(b): ApiJson<OrgBody>,
) -> Result<Response, ApiError> {
    user.require(&[Role::Admin], "管理机构")?;
    limit("code", &b.code, 32)?;
    limit("name", &b.name, 200)?;
    if b.code.trim().is_empty() || b.name.trim().is_empty() {
        return Err(ApiError::unprocessable("code and name are required"));
    }
    let kind = OrgKind::parse(&b.kind)
        .ok_or_else(|| ApiError::unprocessable(format!("unknown kind {:?}", b.kind)))?;
    let parent_id = match &b.parent {
        Some(code) => Some(
            state
                .store
                .org_by_code(code)
                .await?
                .ok_or_else(|| ApiError::unprocessable(format!("no organisation {code:?}")))?
                .id,
        ),
        None => None,
    };
    let o = state
        .store
        .create_org(&NewOrg {
            code: b.code,
            name: b.name,
            kind,
            parent_id,
        })
        .await?;
    Ok((StatusCode::CREATED, Json(org_json(&o))).into_response())
}

/// `GET /api/v1/users` (administrators).
#[utoipa::path(get, path = "/api/v1/users", tag = "admin", responses((status = 200), (status = 403)))]
pub async fn users(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Value>, ApiError> {
    user.require(&[Role::Admin], "管理用户")?;
    let items: Vec<Value> = state
        .store
        .users()
        .await?
        .iter()
        .map(|u| json!({"id": u.id, "username": u.username, "role": u.role.as_str(), "org": u.org.code}))
        .collect();
    Ok(Json(json!({ "items": items })))
}

/// Body of a new user.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserBody {
    /// Login name.
    pub username: String,
    /// Password (at least 10 characters).
    pub password: String,
    /// `unit`, `department`, `finance` or `admin`.
    pub role: String,
    /// Organisation code.
    pub org: String,
}

/// Checks a new user's name, password and role against its organisation.
pub fn validate_user(username: &str, password: &str, role: Role, org: &Org) -> Result<(), String> {
    if username.is_empty()
        || username.chars().count() > 64
        || !username
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Err(format!(
            "invalid username {username:?}: 1–64 letters, digits, _ - ."
        ));
    }
    if password.chars().count() < 10 || password.chars().count() > 256 {
        return Err("a password has 10 to 256 characters".to_string());
    }
    if role != Role::Admin && org.kind.natural_role() != role {
        return Err(format!(
            "role {} does not fit a {} organisation (use {})",
            role.as_str(),
            org.kind.as_str(),
            org.kind.natural_role().as_str()
        ));
    }
    Ok(())
}

/// `POST /api/v1/users` (administrators).
#[utoipa::path(post, path = "/api/v1/users", tag = "admin", request_body = UserBody,
    responses((status = 201), (status = 403), (status = 409), (status = 422)))]
pub async fn create_user(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(b): ApiJson<UserBody>,
) -> Result<Response, ApiError> {
    user.require(&[Role::Admin], "管理用户")?;
    limit("org", &b.org, 32)?;
    let role = Role::parse(&b.role)
        .ok_or_else(|| ApiError::unprocessable(format!("unknown role {:?}", b.role)))?;
    let org = state
        .store
        .org_by_code(&b.org)
        .await?
        .ok_or_else(|| ApiError::unprocessable(format!("no organisation {:?}", b.org)))?;
    validate_user(&b.username, &b.password, role, &org).map_err(ApiError::unprocessable)?;
    let pw = b.password;
    let hash = tokio::task::spawn_blocking(move || hash_password(&pw))
        .await
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "hashing failed"))?
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e))?;
    let u = state
        .store
        .create_user(&NewUser {
            username: b.username,
            password_hash: hash,
            role,
            org_id: org.id,
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(
            json!({"id": u.id, "username": u.username, "role": u.role.as_str(), "org": u.org.code}),
        ),
    )
        .into_response())
}

/// Body of a task.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskBody {
    /// Form kind to deliver.
    pub kind: String,
    /// Fiscal year.
    pub year: i32,
    /// `YYYY-MM-DD`.
    pub deadline: String,
    /// Title (default: year and form name).
    #[serde(default)]
    pub title: Option<String>,
    /// Unit ids (default: every unit of the region).
    #[serde(default)]
    pub units: Vec<Id>,
}

/// `POST /api/v1/tasks` (finance): issue a task to units of the region.
#[utoipa::path(post, path = "/api/v1/tasks", tag = "workflow", request_body = TaskBody,
    responses((status = 201), (status = 403), (status = 422)))]
pub async fn create_task(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(b): ApiJson<TaskBody>,
) -> Result<Response, ApiError> {
    user.require(&[Role::Finance], "下达任务")?;
    let kind = parse_kind(&b.kind)
        .ok_or_else(|| ApiError::unprocessable(format!("unknown kind {:?}", b.kind)))?;
    NaiveDate::parse_from_str(&b.deadline, "%Y-%m-%d").map_err(|_| {
        ApiError::unprocessable(format!("deadline {:?} is not YYYY-MM-DD", b.deadline))
    })?;
    if !(1990..=2100).contains(&b.year) {
        return Err(ApiError::unprocessable(format!(
            "year {} out of range",
            b.year
        )));
    }
    let title = b
        .title
        .unwrap_or_else(|| format!("{}年度{}", b.year, kind.zh()));
    limit("title", &title, 200)?;
    let region = user.0.org.region_id;
    let units = if b.units.is_empty() {
        state
            .store
            .orgs()
            .await?
            .into_iter()
            .filter(|o| o.kind == OrgKind::Unit && o.region_id == region)
            .map(|o| o.id)
            .collect()
    } else {
        b.units
    };
    if units.len() > 10_000 {
        return Err(ApiError::unprocessable("too many units"));
    }
    let t = state
        .store
        .create_task(
            &NewTask {
                region_id: region,
                kind,
                year: b.year,
                deadline: b.deadline,
                title,
                units,
                created_by: user.0.id,
            },
            now_ms(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(task_json(&t, None))).into_response())
}

fn task_json(t: &Task, status: Option<&str>) -> Value {
    let today = chrono::Local::now().date_naive();
    let overdue = NaiveDate::parse_from_str(&t.deadline, "%Y-%m-%d").is_ok_and(|d| d < today);
    json!({
        "id": t.id, "kind": t.kind.as_str(), "kind_zh": t.kind.zh(), "year": t.year,
        "deadline": t.deadline, "title": t.title, "units": t.units,
        "created_by": t.created_by, "created_at": rfc3339(t.created_at),
        // Overdue: past the deadline and not yet delivered (submitted or further).
        "overdue": overdue && !matches!(status, Some("department_review" | "finance_review" | "approved" | "archived")),
        "status": status,
    })
}

/// `GET /api/v1/tasks`: the tasks of the caller's scope, by deadline. For a unit, each with
/// the state of its document of that kind and year (`status`) and `overdue`.
#[utoipa::path(get, path = "/api/v1/tasks", tag = "workflow", responses((status = 200)))]
pub async fn tasks(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Value>, ApiError> {
    let scope = scope_of(&user);
    let tasks = state.store.tasks(scope).await?;
    let mut items = Vec::with_capacity(tasks.len());
    for t in &tasks {
        let status = if let Scope::Unit(u) = scope {
            let (_, docs) = state
                .store
                .list_documents(
                    scope,
                    &ListFilter {
                        year: Some(t.year),
                        kind: Some(t.kind),
                        unit: Some(u),
                        per_page: 1,
                        ..ListFilter::default()
                    },
                )
                .await?;
            docs.first().map(|d| d.state.as_str())
        } else {
            None
        };
        items.push(task_json(t, status));
    }
    Ok(Json(json!({ "items": items })))
}

/// `GET /api/v1/rulesets`: the built-in rule sets and the region's configuration.
#[utoipa::path(get, path = "/api/v1/rulesets", tag = "workflow", responses((status = 200)))]
pub async fn rulesets(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Value>, ApiError> {
    let builtin: Vec<&str> = jixiao_store::analyse::builtin_names().collect();
    let region_default = if user.role == Role::Admin {
        None
    } else {
        state.store.region_ruleset(user.org.region_id, None).await?
    };
    Ok(Json(
        json!({ "builtin": builtin, "region_default": region_default }),
    ))
}

/// Body of a region rule-set setting.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionRulesetBody {
    /// The fiscal year (absent: every year without its own).
    #[serde(default)]
    pub year: Option<i32>,
    /// A built-in rule set.
    pub ruleset: String,
}

/// `PUT /api/v1/rulesets` (finance): the rule set of the region for a year. Documents saved
/// from then on are scored with it.
#[utoipa::path(put, path = "/api/v1/rulesets", tag = "workflow", request_body = RegionRulesetBody,
    responses((status = 204), (status = 403), (status = 422)))]
pub async fn set_ruleset(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(b): ApiJson<RegionRulesetBody>,
) -> Result<StatusCode, ApiError> {
    user.require(&[Role::Finance], "设置评分规则")?;
    if !analyse::is_builtin_ruleset(&b.ruleset) {
        return Err(ApiError::unprocessable(format!(
            "unknown rule set {:?}",
            b.ruleset
        )));
    }
    state
        .store
        .set_region_ruleset(user.0.org.region_id, b.year, &b.ruleset)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
