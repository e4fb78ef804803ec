//! Documents: upload, list, read, save (optimistically locked), workflow actions, history.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jixiao_audit::{Finding, Severity};
use jixiao_model::{Decimal, Form};
use jixiao_store::analyse::{self, ReadError};
use jixiao_store::workflow::{self, Action};
use jixiao_store::{
    DocHead, DocRecord, Explanation, Id, ListFilter, NewAnnotation, NewDocument, NewEvent, Role,
    SaveOutcome, Scope, State as DocState, User,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::auth::CurrentUser;
use crate::error::{limit, ApiError, ApiJson, ApiQuery};
use crate::{now_ms, rfc3339, AppState, ClientAddr};

/// Which documents `user` may see.
pub fn scope_of(user: &User) -> Scope {
    match user.role {
        Role::Unit => Scope::Unit(user.org.id),
        Role::Department => user
            .org
            .department_id
            .map(Scope::Department)
            .unwrap_or(Scope::Nothing),
        Role::Finance => Scope::Region(user.org.region_id),
        Role::Admin => Scope::Nothing,
    }
}

/// Whether `user` may see the document `h`.
pub fn visible(user: &User, h: &DocHead) -> bool {
    match scope_of(user) {
        Scope::Nothing => false,
        Scope::Unit(u) => h.unit_id == u,
        Scope::Department(d) => h.department_id == Some(d),
        Scope::Region(r) => h.region_id == r,
        Scope::All => true,
    }
}

/// The document `id` if `user` may see it; 404 otherwise.
pub(crate) async fn load(state: &AppState, user: &User, id: Id) -> Result<DocRecord, ApiError> {
    match state.store.document(id).await? {
        Some(d) if visible(user, &d.head) => Ok(d),
        _ => Err(ApiError::not_found()),
    }
}

/// A document as created by an upload.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Created {
    /// Id.
    pub id: Id,
    /// Revision (1).
    pub revision: i32,
    /// State (`draft`).
    pub state: String,
    /// Form kind.
    pub kind: String,
    /// Fiscal year.
    pub year: Option<i32>,
    /// Project name.
    pub project: Option<String>,
}

fn created(h: &DocHead) -> Created {
    Created {
        id: h.id,
        revision: h.revision,
        state: h.state.as_str().to_string(),
        kind: h.kind.as_str().to_string(),
        year: h.year,
        project: h.project.clone(),
    }
}

/// Query of an upload.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
    /// The file's name (kept with the source; shown in findings).
    pub name: Option<String>,
}

fn read_error(e: ReadError) -> ApiError {
    match e {
        ReadError::Unsupported(ct) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "不支持的类型 {ct:?}：请发送 text/plain 或 xlsx / unsupported content type {ct:?}: send text/plain or {}",
                analyse::XLSX
            ),
        ),
        ReadError::NoForm { file, warnings } => ApiError::unprocessable(format!(
            "{file}: 未能读出任何表格 / no form could be read"
        ))
        .with(json!({ "errors": warnings })),
        other => ApiError::unprocessable(other.to_string()).with(json!({ "errors": [other.to_string()] })),
    }
}

/// Reads, scores and checks an upload for `unit` with the region's rule sets; the documents
/// to create and the reader's warnings. CPU work runs off the async threads.
pub async fn prepare(
    store: &dyn jixiao_store::Store,
    unit: &jixiao_store::Org,
    name: &str,
    content_type: &str,
    bytes: Vec<u8>,
    initial: DocState,
) -> Result<(jixiao_store::NewSource, Vec<NewDocument>, Value), ApiError> {
    // The region's rule sets first (one query), then reading, scoring and checking off the
    // async threads in one go.
    let sets = jixiao_store::RegionRulesets(store.region_rulesets(unit.region_id).await?);
    let (name, ct) = (name.to_string(), content_type.to_string());
    let unit_id = unit.id;
    let (source, docs, warnings) = tokio::task::spawn_blocking(move || {
        let read = analyse::read(&name, &ct, bytes)?;
        let warnings: Value = read
            .doc
            .warnings
            .iter()
            .map(|w| json!({"line_start": w.line_start, "line_end": w.line_end, "message": w.message}))
            .collect();
        let analysed =
            analyse::analyse(&read, &|f| sets.resolve(f.year.map(i32::from), f.kind));
        let docs = analysed
            .into_iter()
            .map(|a| NewDocument {
                unit_id,
                state: initial,
                parent_id: None,
                ruleset_override: None,
                analysis: a.analysis,
            })
            .collect::<Vec<_>>();
        Ok::<_, ReadError>((read.source, docs, warnings))
    })
    .await
    .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "analysis failed"))?
    .map_err(read_error)?;
    Ok((source, docs, warnings))
}

/// `POST /api/v1/documents`: the body is one document file — `text/plain` in any layout
/// `jixiao parse` reads, or a jixiao xlsx workbook. One document per form, owned by the
/// caller's unit, in `draft`; all or nothing.
#[utoipa::path(post, path = "/api/v1/documents", tag = "documents", params(UploadQuery),
    request_body(content = String, content_type = "text/plain"),
    responses((status = 201, description = "{documents:[{id, revision, state, kind, year, project}], warnings}"),
        (status = 403), (status = 413), (status = 415), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<UploadQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    user.require(&[Role::Unit], "上传单位文件")?;
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let name = q.name.unwrap_or_else(|| "upload.txt".to_string());
    limit("name", &name, 200)?;
    let (source, docs, warnings) = prepare(
        &*state.store,
        &user.0.org,
        &name,
        &ct,
        body.to_vec(),
        DocState::Draft,
    )
    .await?;
    let heads = state
        .store
        .create_documents(&source, &docs, user.0.id, now_ms())
        .await?;
    tracing::info!(user = %user.0.username, file = %name, documents = heads.len(), "upload");
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "documents": heads.iter().map(created).collect::<Vec<_>>(),
            "warnings": warnings,
        })),
    )
        .into_response())
}

/// Filters of the document list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Fiscal year.
    pub year: Option<i32>,
    /// State (`draft`, `department_review`, …).
    pub state: Option<String>,
    /// Form kind (`self_evaluation`, …).
    pub kind: Option<String>,
    /// Owning unit id.
    pub unit: Option<Id>,
    /// Page, from 1.
    pub page: Option<u32>,
    /// Items per page, 1–500 (default 50).
    pub per_page: Option<u32>,
    /// `oldest` for oldest change first (a review queue); default newest first.
    pub order: Option<String>,
}

fn dec(d: Option<Decimal>) -> Value {
    match d {
        // Exact: the decimal's own text, as a JSON number.
        Some(d) => serde_json::from_str(&d.to_string()).unwrap_or(Value::Null),
        None => Value::Null,
    }
}

fn item(h: &DocHead) -> Value {
    json!({
        "id": h.id,
        "unit": h.unit,
        "unit_id": h.unit_id,
        "year": h.year,
        "kind": h.kind.as_str(),
        "project": h.project,
        "state": h.state.as_str(),
        "revision": h.revision,
        "stated_total": dec(h.stated_total),
        "recomputed_total": dec(h.recomputed_total),
        "errors": h.errors,
        "warnings": h.warnings,
        "updated_at": rfc3339(h.updated_at),
        "parent_id": h.parent_id,
    })
}

/// `GET /api/v1/documents`: what the caller may see, newest change first.
#[utoipa::path(get, path = "/api/v1/documents", tag = "documents", params(ListQuery),
    responses((status = 200, description = "{total, page, per_page, items:[{id, unit, year, kind, project, state, revision, stated_total, recomputed_total, errors, warnings, updated_at}]}")))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    let filter = ListFilter {
        year: q.year,
        state: q
            .state
            .as_deref()
            .map(|s| {
                DocState::parse(s)
                    .ok_or_else(|| ApiError::bad_request(format!("unknown state {s:?}")))
            })
            .transpose()?,
        kind: q
            .kind
            .as_deref()
            .map(|k| {
                jixiao_store::parse_kind(k)
                    .ok_or_else(|| ApiError::bad_request(format!("unknown kind {k:?}")))
            })
            .transpose()?,
        unit: q.unit,
        page: q.page.unwrap_or(1).max(1),
        per_page: q.per_page.unwrap_or(50).clamp(1, 500),
        oldest_first: match q.order.as_deref() {
            None | Some("newest") => false,
            Some("oldest") => true,
            Some(o) => {
                return Err(ApiError::bad_request(format!(
                    "order {o:?}: oldest or newest"
                )))
            }
        },
    };
    let (total, items) = state.store.list_documents(scope_of(&user), &filter).await?;
    Ok(Json(json!({
        "total": total,
        "page": filter.page,
        "per_page": filter.per_page,
        "items": items.iter().map(item).collect::<Vec<_>>(),
    })))
}

fn parse_json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or(Value::Null)
}

/// The full view of a document for `user`.
async fn view(state: &AppState, user: &User, d: &DocRecord) -> Result<Value, ApiError> {
    let h = &d.head;
    let hist = state.store.history(h.id).await?;
    let mut v = item(h);
    let map = v.as_object_mut().expect("object");
    map.insert("state_zh".into(), json!(h.state.zh()));
    map.insert("form".into(), parse_json(&d.current.analysis.form_json));
    map.insert(
        "score".into(),
        d.current
            .analysis
            .score_json
            .as_deref()
            .map(parse_json)
            .unwrap_or(Value::Null),
    );
    map.insert(
        "findings".into(),
        parse_json(&d.current.analysis.findings_json),
    );
    map.insert("ruleset".into(), json!(d.current.analysis.ruleset));
    map.insert("ruleset_override".into(), json!(h.ruleset_override));
    map.insert(
        "editable".into(),
        json!(user.role == Role::Unit && workflow::editable(h.state)),
    );
    map.insert(
        "allowed_actions".into(),
        json!(workflow::allowed(h.state, user.role)
            .iter()
            .map(|a| a.as_str())
            .collect::<Vec<_>>()),
    );
    map.insert(
        "explanations".into(),
        json!(hist
            .explanations
            .iter()
            .filter(|x| x.revision == h.revision)
            .collect::<Vec<_>>()),
    );
    map.insert(
        "annotations".into(),
        json!(hist
            .annotations
            .iter()
            .filter(|x| x.revision == h.revision)
            .collect::<Vec<_>>()),
    );
    map.insert("created_at".into(), json!(rfc3339(h.created_at)));
    Ok(v)
}

/// `GET /api/v1/documents/{id}`: `{id, unit, year, kind, project, state, revision, form,
/// score, findings, …}`.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents",
    params(("id" = i64, Path, description = "document id")),
    responses((status = 200, description = "{id, unit, year, kind, project, state, revision, form, score, findings, explanations, annotations, allowed_actions, editable}"), (status = 404)))]
pub async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<Id>,
) -> Result<Json<Value>, ApiError> {
    let d = load(&state, &user, id).await?;
    Ok(Json(view(&state, &user, &d).await?))
}

/// Body of a save.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveBody {
    /// The revision the edit was made on.
    pub revision: i32,
    /// One element of the parse contract's `forms`.
    #[schema(value_type = Object)]
    pub form: Value,
}

/// `PUT /api/v1/documents/{id}`: `{revision, form}` → `{revision, score, findings, form}`;
/// 409 with the current revision when `revision` is stale; 403 when the role or state forbids
/// editing.
#[utoipa::path(put, path = "/api/v1/documents/{id}", tag = "documents", request_body = SaveBody,
    params(("id" = i64, Path, description = "document id")),
    responses((status = 200, description = "{revision, score, findings, form}"), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn save(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<Id>,
    ApiJson(body): ApiJson<SaveBody>,
) -> Result<Json<Value>, ApiError> {
    let d = load(&state, &user, id).await?;
    let (submitted, form) = edited_form(&user, &d, body.form)?;
    if body.revision != d.head.revision {
        return Err(stale(&state, &user, id, body.revision).await);
    }
    let ruleset = ruleset_of(&state, &d, &form).await?;
    let name = format!("document-{id}-revision-{}.json", body.revision + 1);
    let (source, analysed) =
        tokio::task::spawn_blocking(move || analyse::reanalyse(&name, submitted, &form, &ruleset))
            .await
            .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "analysis failed"))?
            .map_err(|e| ApiError::unprocessable(e.to_string()))?;
    saved(
        &state,
        &user,
        id,
        body.revision,
        &source,
        &analysed.analysis,
    )
    .await
}

/// Checks that `user` may edit `d` and that `value` is a form of its kind; the submitted
/// bytes (kept verbatim) and the form.
fn edited_form(user: &User, d: &DocRecord, value: Value) -> Result<(Vec<u8>, Form), ApiError> {
    if user.role != Role::Unit {
        return Err(ApiError::forbidden(
            "审核人不能修改单位填报的数据 / reviewers never edit a unit's figures",
        ));
    }
    not_frozen(d)?;
    let submitted = serde_json::to_vec(&value).unwrap_or_default();
    let form: Form = serde_json::from_value(value)
        .map_err(|e| ApiError::unprocessable(format!("form 无效 / invalid form: {e}")))?;
    same_kind(d, &form)?;
    validate_form(&form)?;
    Ok((submitted, form))
}

fn not_frozen(d: &DocRecord) -> Result<(), ApiError> {
    if workflow::editable(d.head.state) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "{}状态下不能修改 / a document in state {} cannot be edited",
            d.head.state.zh(),
            d.head.state.as_str()
        )))
    }
}

fn same_kind(d: &DocRecord, form: &Form) -> Result<(), ApiError> {
    if form.kind == d.head.kind {
        Ok(())
    } else {
        Err(ApiError::unprocessable(format!(
            "表格类型不能改变 / the form kind cannot change ({} → {})",
            d.head.kind.as_str(),
            form.kind.as_str()
        )))
    }
}

/// The rule set of `form` in document `d`.
async fn ruleset_of(state: &AppState, d: &DocRecord, form: &Form) -> Result<String, ApiError> {
    Ok(jixiao_store::ruleset_for(
        &*state.store,
        d.head.region_id,
        form.year.map(i32::from),
        form.kind,
        d.head.ruleset_override.as_deref(),
    )
    .await?)
}

/// Body of a preview.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewBody {
    /// One element of the parse contract's `forms`: the form as being edited.
    #[schema(value_type = Object)]
    pub form: Value,
}

/// `POST /api/v1/documents/{id}/preview`: `{form}` → `{score, findings, form, errors,
/// warnings, stated_total, recomputed_total}` exactly as a save would give, without saving.
/// The editor calls it as the user types (live scoring); the rules run on the server only.
#[utoipa::path(post, path = "/api/v1/documents/{id}/preview", tag = "documents", request_body = PreviewBody,
    params(("id" = i64, Path, description = "document id")),
    responses((status = 200, description = "{score, findings, form, errors, warnings, stated_total, recomputed_total}"), (status = 403), (status = 404), (status = 422)))]
pub async fn preview(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<Id>,
    ApiJson(body): ApiJson<PreviewBody>,
) -> Result<Json<Value>, ApiError> {
    let d = load(&state, &user, id).await?;
    let (submitted, form) = edited_form(&user, &d, body.form)?;
    let ruleset = ruleset_of(&state, &d, &form).await?;
    let name = format!("document-{id}-preview.json");
    let (_, analysed) =
        tokio::task::spawn_blocking(move || analyse::reanalyse(&name, submitted, &form, &ruleset))
            .await
            .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "analysis failed"))?
            .map_err(|e| ApiError::unprocessable(e.to_string()))?;
    Ok(Json(analysis_json(&analysed.analysis, None)))
}

/// What a save or preview answers about an analysis.
fn analysis_json(a: &jixiao_store::Analysis, revision: Option<i32>) -> Value {
    json!({
        "revision": revision,
        "form": parse_json(&a.form_json),
        "score": a.score_json.as_deref().map(parse_json),
        "findings": parse_json(&a.findings_json),
        "stated_total": dec(a.stated_total),
        "recomputed_total": dec(a.recomputed_total),
        "errors": a.errors,
        "warnings": a.warnings,
    })
}

/// Query of a workbook replacement.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct WorkbookQuery {
    /// The revision the workbook replaces (optimistic lock, as for a save).
    pub revision: i32,
    /// The file's name.
    pub name: Option<String>,
}

/// `POST /api/v1/documents/{id}/workbook?revision=N`: the body is a filled-in jixiao xlsx
/// template (as downloaded from `/documents/{id}/form.xlsx`) holding one form of the
/// document's kind; it becomes the next revision, its bytes kept verbatim.
#[utoipa::path(post, path = "/api/v1/documents/{id}/workbook", tag = "documents", params(("id" = i64, Path, description = "document id"), WorkbookQuery),
    request_body(content = Vec<u8>, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    responses((status = 200, description = "{revision, score, findings, form, …}"), (status = 403), (status = 404), (status = 409), (status = 415), (status = 422)))]
pub async fn replace_from_workbook(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<Id>,
    ApiQuery(q): ApiQuery<WorkbookQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let d = load(&state, &user, id).await?;
    if user.role != Role::Unit {
        return Err(ApiError::forbidden(
            "审核人不能修改单位填报的数据 / reviewers never edit a unit's figures",
        ));
    }
    not_frozen(&d)?;
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if !ct.starts_with(analyse::XLSX) {
        return Err(read_error(ReadError::Unsupported(ct)));
    }
    let name = q.name.unwrap_or_else(|| format!("document-{id}.xlsx"));
    limit("name", &name, 200)?;
    let (source, docs, _) = prepare(
        &*state.store,
        &user.org,
        &name,
        &ct,
        body.to_vec(),
        DocState::Draft,
    )
    .await?;
    let [doc] = <[NewDocument; 1]>::try_from(docs).map_err(|v| {
        ApiError::unprocessable(format!(
            "工作簿应只含一张表格，实际 {} 张 / the workbook must hold exactly one form, not {}",
            v.len(),
            v.len()
        ))
    })?;
    if doc.analysis.kind != d.head.kind {
        return Err(ApiError::unprocessable(format!(
            "表格类型不能改变 / the form kind cannot change ({} → {})",
            d.head.kind.as_str(),
            doc.analysis.kind.as_str()
        )));
    }
    if q.revision != d.head.revision {
        return Err(stale(&state, &user, id, q.revision).await);
    }
    saved(&state, &user, id, q.revision, &source, &doc.analysis).await
}

/// Stores a new revision and answers what a save answers.
async fn saved(
    state: &AppState,
    user: &User,
    id: Id,
    expected: i32,
    source: &jixiao_store::NewSource,
    a: &jixiao_store::Analysis,
) -> Result<Json<Value>, ApiError> {
    match state
        .store
        .save_revision(
            id,
            expected,
            &[DocState::Draft, DocState::Returned],
            source,
            a,
            None,
            user.id,
            now_ms(),
        )
        .await?
    {
        SaveOutcome::Saved(rev) => Ok(Json(analysis_json(a, Some(rev)))),
        SaveOutcome::Conflict(_) => Err(stale(state, user, id, expected).await),
        SaveOutcome::NotEditable(s) => Err(ApiError::forbidden(format!(
            "{}状态下不能修改 / a document in state {} cannot be edited",
            s.zh(),
            s.as_str()
        ))),
        SaveOutcome::NotFound => Err(ApiError::not_found()),
    }
}

/// Bounds on what a saved form may hold (the JSON body limit bounds the whole).
fn validate_form(form: &Form) -> Result<(), ApiError> {
    for (field, v) in [
        ("project", &form.project),
        ("department", &form.department),
        ("unit", &form.unit),
    ] {
        if let Some(v) = v {
            limit(field, v, 500)?;
        }
    }
    if form.indicators.len() > 5_000 || form.tables.len() > 50 {
        return Err(ApiError::unprocessable("form too large"));
    }
    Ok(())
}

/// 409 for a save naming a stale revision, with the current revision to merge against.
async fn stale(state: &AppState, user: &User, id: Id, named: i32) -> ApiError {
    let current = match state.store.document(id).await {
        Ok(Some(d)) => view(state, user, &d).await.ok(),
        _ => None,
    };
    let rev = current
        .as_ref()
        .and_then(|c| c.get("revision").cloned())
        .unwrap_or(Value::Null);
    ApiError::conflict(format!(
        "文档已被他人修改（当前版本 {rev}，提交基于版本 {named}） / revision {named} is not the current one"
    ))
    .with(json!({ "current_revision": rev, "current": current }))
}

/// Body of a workflow action.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionBody {
    /// `submit`, `withdraw`, `approve` or `return`.
    #[schema(value_type = String)]
    pub action: Action,
    /// The reason (required for `return`).
    #[serde(default)]
    pub comment: Option<String>,
    /// For `submit`: an explanation per error finding (`{rule, line, text}`).
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub explanations: Vec<Explanation>,
}

/// `POST /api/v1/documents/{id}/actions`: `{action, comment, explanations}` → `{state}`; 409
/// for an action the table does not allow now; 422 for a return without a reason or a
/// submission with unexplained error findings (listed).
#[utoipa::path(post, path = "/api/v1/documents/{id}/actions", tag = "workflow", request_body = ActionBody,
    params(("id" = i64, Path, description = "document id")),
    responses((status = 200, description = "{state}"), (status = 404), (status = 409), (status = 422)))]
pub async fn action(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ClientAddr(client): ClientAddr,
    Path(id): Path<Id>,
    ApiJson(body): ApiJson<ActionBody>,
) -> Result<Json<Value>, ApiError> {
    let d = load(&state, &user, id).await?;
    let from = d.head.state;
    let Some(to) = workflow::next_state(from, body.action, user.role) else {
        return Err(ApiError::conflict(format!(
            "{}状态下{}不能执行“{}” / action {} is not allowed in state {} for role {}",
            from.zh(),
            user.role.zh(),
            body.action.as_str(),
            body.action.as_str(),
            from.as_str(),
            user.role.as_str()
        ))
        .with(json!({
            "state": from.as_str(),
            "allowed_actions": workflow::allowed(from, user.role).iter().map(|a| a.as_str()).collect::<Vec<_>>(),
        })));
    };
    let comment = body
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    if let Some(c) = &comment {
        limit("comment", c, 2000)?;
    }
    if body.action.needs_comment() && comment.is_none() {
        return Err(ApiError::unprocessable(
            "退回必须填写原因 / a return needs a comment (the reason)",
        ));
    }
    if body.explanations.len() > 1000 {
        return Err(ApiError::unprocessable("too many explanations"));
    }
    let mut explanations = Vec::new();
    if body.action == Action::Submit {
        let findings: Vec<Finding> =
            serde_json::from_str(&d.current.analysis.findings_json).unwrap_or_default();
        let errors: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        for x in &body.explanations {
            limit("explanation", &x.text, 2000)?;
            limit("rule", &x.rule, 16)?;
        }
        let explained = |f: &Finding| {
            body.explanations
                .iter()
                .find(|x| x.rule == f.rule && x.line == f.line && !x.text.trim().is_empty())
        };
        let missing: Vec<&&Finding> = errors.iter().filter(|f| explained(f).is_none()).collect();
        if !missing.is_empty() {
            return Err(ApiError::unprocessable(format!(
                "有 {} 个错误未说明，不能送审 / {} error finding(s) without an explanation",
                missing.len(),
                missing.len()
            ))
            .with(json!({ "findings": missing })));
        }
        explanations = errors
            .iter()
            .filter_map(|f| explained(f).cloned())
            .collect();
    }
    let event = NewEvent {
        actor_id: user.id,
        action: body.action.as_str().to_string(),
        from,
        to,
        comment,
        client,
        revision: d.head.revision,
    };
    if !state
        .store
        .transition(id, &event, &explanations, now_ms())
        .await?
    {
        return Err(ApiError::conflict(
            "文档状态或版本已变化，请刷新 / the document changed meanwhile",
        ));
    }
    tracing::info!(user = %user.username, document = id, action = body.action.as_str(), to = to.as_str(), "workflow");
    Ok(Json(json!({ "state": to.as_str(), "state_zh": to.zh() })))
}

/// `GET /api/v1/documents/{id}/history`: `{revisions, events, explanations, annotations}`.
#[utoipa::path(get, path = "/api/v1/documents/{id}/history", tag = "documents",
    params(("id" = i64, Path, description = "document id")),
    responses((status = 200, description = "{revisions:[…], events:[…], explanations:[…], annotations:[…]}"), (status = 404)))]
pub async fn history(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<Id>,
) -> Result<Json<Value>, ApiError> {
    load(&state, &user, id).await?;
    let h = state.store.history(id).await?;
    let with_time = |v: Value, key: &str| {
        let mut v = v;
        if let Some(t) = v.get(key).and_then(Value::as_i64) {
            v[key] = json!(rfc3339(t));
        }
        v
    };
    Ok(Json(json!({
        "revisions": h.revisions.iter().map(|r| with_time(json!(r), "created_at")).collect::<Vec<_>>(),
        "events": h.events.iter().map(|e| with_time(json!(e), "at")).collect::<Vec<_>>(),
        "explanations": h.explanations.iter().map(|e| with_time(json!(e), "at")).collect::<Vec<_>>(),
        "annotations": h.annotations.iter().map(|e| with_time(json!(e), "at")).collect::<Vec<_>>(),
    })))
}

/// `GET /api/v1/documents/{id}/revisions/{revision}`: one revision, whole.
#[utoipa::path(get, path = "/api/v1/documents/{id}/revisions/{revision}", tag = "documents",
    params(("id" = i64, Path, description = "document id"), ("revision" = i32, Path, description = "revision number")),
    responses((status = 200), (status = 404)))]
pub async fn revision(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, n)): Path<(Id, i32)>,
) -> Result<Json<Value>, ApiError> {
    load(&state, &user, id).await?;
    let (r, _) = state
        .store
        .revision(id, n)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(json!({
        "revision": r.revision,
        "created_by": r.created_by,
        "created_at": rfc3339(r.created_at),
        "source": {"name": r.source_name, "content_type": r.source_content_type, "sha256": r.source_sha256},
        "form": parse_json(&r.analysis.form_json),
        "score": r.analysis.score_json.as_deref().map(parse_json),
        "findings": parse_json(&r.analysis.findings_json),
        "ruleset": r.analysis.ruleset,
    })))
}

/// Query of a source download.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SourceQuery {
    /// Revision (default: the current one).
    pub revision: Option<i32>,
}

/// `GET /api/v1/documents/{id}/source`: the verbatim bytes a revision was made from.
#[utoipa::path(get, path = "/api/v1/documents/{id}/source", tag = "documents",
    params(("id" = i64, Path, description = "document id"), SourceQuery),
    responses((status = 200, description = "the bytes, with their content type"), (status = 404)))]
pub async fn source(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<Id>,
    ApiQuery(q): ApiQuery<SourceQuery>,
) -> Result<Response, ApiError> {
    let d = load(&state, &user, id).await?;
    let n = q.revision.unwrap_or(d.head.revision);
    let (r, _) = state
        .store
        .revision(id, n)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let s = state
        .store
        .source(r.source_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let ct = if s.content_type.starts_with("text/") {
        format!("{}; charset=utf-8", s.content_type)
    } else {
        s.content_type.clone()
    };
    Ok((
        [
            (header::CONTENT_TYPE, ct),
            (
                header::HeaderName::from_static("x-content-sha256"),
                s.sha256,
            ),
            (header::CONTENT_DISPOSITION, "attachment".to_string()),
        ],
        s.bytes,
    )
        .into_response())
}

/// Body of an annotation.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnotationBody {
    /// Rule code of the finding.
    pub rule: String,
    /// Line of the finding.
    pub line: u32,
    /// The unit's explanation accepted (true), not accepted (false), or a plain note (absent).
    #[serde(default)]
    pub accepted: Option<bool>,
    /// The note.
    pub comment: String,
}

/// `POST /api/v1/documents/{id}/annotations`: a reviewer's note on a finding of the current
/// revision. Reviewers annotate; they never edit the figures.
#[utoipa::path(post, path = "/api/v1/documents/{id}/annotations", tag = "workflow", request_body = AnnotationBody,
    params(("id" = i64, Path, description = "document id")),
    responses((status = 201), (status = 403), (status = 404), (status = 422)))]
pub async fn annotate(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<Id>,
    ApiJson(body): ApiJson<AnnotationBody>,
) -> Result<Response, ApiError> {
    let d = load(&state, &user.0, id).await?;
    user.require(&[Role::Department, Role::Finance], "批注发现")?;
    limit("comment", &body.comment, 2000)?;
    limit("rule", &body.rule, 16)?;
    let findings: Vec<Finding> =
        serde_json::from_str(&d.current.analysis.findings_json).unwrap_or_default();
    if !findings
        .iter()
        .any(|f| f.rule == body.rule && f.line == body.line)
    {
        return Err(ApiError::unprocessable(format!(
            "当前版本没有 {} 第 {} 行的发现 / no finding {} at line {} in the current revision",
            body.rule, body.line, body.rule, body.line
        )));
    }
    state
        .store
        .annotate(
            id,
            &NewAnnotation {
                revision: d.head.revision,
                rule: body.rule,
                line: body.line,
                accepted: body.accepted,
                comment: body.comment,
                by: user.0.id,
            },
            now_ms(),
        )
        .await?;
    Ok(StatusCode::CREATED.into_response())
}

/// `POST /api/v1/documents/{id}/adjust`: an approved document is frozen; a change is an
/// adjustment (调整) — a new draft linked to it, starting from its current revision.
#[utoipa::path(post, path = "/api/v1/documents/{id}/adjust", tag = "workflow",
    params(("id" = i64, Path, description = "document id")),
    responses((status = 201, description = "{documents:[…]}"), (status = 404), (status = 409)))]
pub async fn adjust(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddr(client): ClientAddr,
    Path(id): Path<Id>,
) -> Result<Response, ApiError> {
    let d = load(&state, &user.0, id).await?;
    user.require(&[Role::Unit], "发起调整")?;
    if d.head.state != DocState::Approved {
        return Err(ApiError::conflict(
            "只有已终审的文档可以调整 / only approved documents are adjusted",
        ));
    }
    let src = state
        .store
        .source(d.current.source_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let now = now_ms();
    let heads = state
        .store
        .create_documents(
            &src,
            &[NewDocument {
                unit_id: d.head.unit_id,
                state: DocState::Draft,
                parent_id: Some(id),
                ruleset_override: d.head.ruleset_override.clone(),
                analysis: d.current.analysis.clone(),
            }],
            user.0.id,
            now,
        )
        .await?;
    let new_id = heads[0].id;
    state
        .store
        .transition(
            id,
            &NewEvent {
                actor_id: user.0.id,
                action: "adjust".into(),
                from: DocState::Approved,
                to: DocState::Approved,
                comment: Some(format!(
                    "调整：新文档 {new_id} / adjustment: document {new_id}"
                )),
                client,
                revision: d.head.revision,
            },
            &[],
            now,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "documents": heads.iter().map(created).collect::<Vec<_>>() })),
    )
        .into_response())
}

/// Body of a rule-set override.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesetBody {
    /// A built-in rule set (`jixiao rulesets`), or null to return to the region's.
    pub ruleset: Option<String>,
}

/// `POST /api/v1/documents/{id}/ruleset`: finance overrides the rule set of one document; the
/// current revision is scored and checked again as a new revision.
#[utoipa::path(post, path = "/api/v1/documents/{id}/ruleset", tag = "workflow", request_body = RulesetBody,
    params(("id" = i64, Path, description = "document id")),
    responses((status = 200), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn set_ruleset(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<Id>,
    ApiJson(body): ApiJson<RulesetBody>,
) -> Result<Json<Value>, ApiError> {
    let d = load(&state, &user.0, id).await?;
    user.require(&[Role::Finance], "指定评分规则")?;
    if let Some(r) = &body.ruleset {
        if !analyse::is_builtin_ruleset(r) {
            return Err(ApiError::unprocessable(format!("unknown rule set {r:?}")));
        }
    }
    let ruleset = jixiao_store::ruleset_for(
        &*state.store,
        d.head.region_id,
        d.head.year,
        d.head.kind,
        body.ruleset.as_deref(),
    )
    .await?;
    let form: Form = serde_json::from_str(&d.current.analysis.form_json)
        .map_err(|e| ApiError::unprocessable(format!("stored form unreadable: {e}")))?;
    let text = d.text.clone();
    let name = d.current.source_name.clone();
    let (source, analysed) =
        tokio::task::spawn_blocking(move || analyse::rescore(&name, &text, &form, &ruleset))
            .await
            .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "analysis failed"))?
            .map_err(|e| ApiError::unprocessable(e.to_string()))?;
    let outcome = state
        .store
        .save_revision(
            id,
            d.head.revision,
            &DocState::ALL,
            &source,
            &analysed.analysis,
            Some(body.ruleset.clone()),
            user.0.id,
            now_ms(),
        )
        .await?;
    match outcome {
        SaveOutcome::Saved(rev) => Ok(Json(json!({
            "revision": rev,
            "ruleset": analysed.analysis.ruleset,
            "recomputed_total": dec(analysed.analysis.recomputed_total),
        }))),
        SaveOutcome::NotFound => Err(ApiError::not_found()),
        _ => Err(ApiError::conflict(
            "文档已变化，请重试 / the document changed meanwhile",
        )),
    }
}
