//! The OpenAPI document (`GET /api/v1/openapi.json`), generated from the handlers'
//! annotations.

use axum::Json;
use utoipa::OpenApi;

use crate::{admin, auth, dashboard, documents};

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "jixiao workbench API",
        description = "预算绩效管理工作台 / budget performance workbench"
    ),
    paths(
        auth::login,
        auth::logout,
        auth::me,
        documents::create,
        documents::list,
        documents::show,
        documents::save,
        documents::preview,
        documents::replace_from_workbook,
        documents::action,
        documents::history,
        documents::revision,
        documents::source,
        documents::annotate,
        documents::adjust,
        documents::set_ruleset,
        dashboard::data,
        admin::orgs,
        admin::create_org,
        admin::users,
        admin::create_user,
        admin::tasks,
        admin::create_task,
        admin::rulesets,
        admin::set_ruleset,
    ),
    components(schemas(
        auth::LoginBody,
        auth::Me,
        documents::Created,
        documents::SaveBody,
        documents::PreviewBody,
        documents::ActionBody,
        documents::AnnotationBody,
        documents::RulesetBody,
        admin::OrgBody,
        admin::UserBody,
        admin::TaskBody,
        admin::RegionRulesetBody,
    ))
)]
pub struct ApiDoc;

/// `GET /api/v1/openapi.json`.
pub async fn spec() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
