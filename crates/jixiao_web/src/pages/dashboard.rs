//! 看板: charts for departments and finance.

use askama::Template;
use axum::response::Response;

use jixiao_store::Role;

use super::{render, Base, PageUser};

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    base: Base,
}

/// `GET /dashboard`.
pub async fn page(user: PageUser) -> Response {
    if !matches!(user.0.role, Role::Department | Role::Finance) {
        return super::not_found(user.1);
    }
    render(&DashboardPage {
        base: user.base("dashboard"),
    })
}
