//! 看板: five charts for departments and finance over `GET /api/v1/dashboard`
//! (`assets/dashboard.js`, ECharts with the SVG renderer). The page carries the labels of
//! states and form kinds in its language; the figures come from the JSON endpoint.

use askama::Template;
use axum::response::Response;
use serde_json::{json, Map, Value};

use jixiao_model::FormKind;
use jixiao_store::{Role, State as DocState};

use super::workbench::{kind_label, state_label};
use super::{render, Base, PageUser};

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    base: Base,
    /// Whether the department filter is shown (finance).
    departments: bool,
    /// Labels of states and kinds in the page's language, as JSON (a data attribute).
    labels: String,
}

/// `GET /dashboard`: departments and finance; anyone else gets the 404 page.
pub async fn page(user: PageUser) -> Response {
    if !matches!(user.0.role, Role::Department | Role::Finance) {
        return super::not_found(user.1);
    }
    let lang = user.1;
    let states: Map<String, Value> = DocState::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), json!(state_label(lang, *s))))
        .collect();
    let kinds: Map<String, Value> = [
        FormKind::TargetDeclaration,
        FormKind::SelfEvaluation,
        FormKind::EvaluationScoresheet,
        FormKind::FinalAccounts,
    ]
    .iter()
    .map(|k| (k.as_str().to_string(), json!(kind_label(lang, *k))))
    .collect();
    render(&DashboardPage {
        base: user.base("dashboard"),
        departments: user.0.role == Role::Finance,
        labels: json!({"states": states, "kinds": kinds}).to_string(),
    })
}
