//! 工作台: each role's to-do list, counts per state, every visible document; and 上传.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use jixiao_model::FormKind;
use jixiao_store::{parse_kind, DocHead, ListFilter, Role, Scope, State as DocState};

use super::{dec, render, when, Base, Lang, PageUser};
use crate::documents::scope_of;
use crate::error::ApiError;
use crate::AppState;

/// A document as a row of a list.
pub struct Row {
    pub id: i64,
    pub unit: String,
    pub kind: &'static str,
    pub year: String,
    pub project: String,
    pub state: &'static str,
    pub state_label: &'static str,
    pub errors: i32,
    pub warnings: i32,
    pub stated: String,
    pub recomputed: String,
    pub updated: String,
    /// For returned documents: the reviewer's reason and who gave it.
    pub reason: Option<String>,
}

/// The name of a state in the page's language.
pub fn state_label(lang: Lang, s: DocState) -> &'static str {
    match lang {
        Lang::Zh => s.zh(),
        Lang::En => match s {
            DocState::Draft => "Draft",
            DocState::DepartmentReview => "Department review",
            DocState::FinanceReview => "Finance review",
            DocState::Returned => "Returned",
            DocState::Approved => "Approved",
            DocState::Archived => "Archived",
        },
    }
}

/// The name of a form kind in the page's language.
pub fn kind_label(lang: Lang, k: FormKind) -> &'static str {
    match lang {
        Lang::Zh => k.zh(),
        Lang::En => match k {
            FormKind::TargetDeclaration => "Target declaration",
            FormKind::SelfEvaluation => "Self-evaluation",
            FormKind::EvaluationScoresheet => "Scoresheet",
            FormKind::FinalAccounts => "Final accounts",
        },
    }
}

fn row(lang: Lang, h: &DocHead) -> Row {
    Row {
        id: h.id,
        unit: h.unit.clone(),
        kind: kind_label(lang, h.kind),
        year: h.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into()),
        project: h.project.clone().unwrap_or_else(|| "—".into()),
        state: h.state.as_str(),
        state_label: state_label(lang, h.state),
        errors: h.errors,
        warnings: h.warnings,
        stated: dec(&h.stated_total),
        recomputed: dec(&h.recomputed_total),
        updated: when(h.updated_at),
        reason: None,
    }
}

pub struct Count {
    pub state: &'static str,
    pub label: &'static str,
    pub n: i64,
}

pub struct TaskRow {
    pub title: String,
    pub kind: &'static str,
    pub year: i32,
    pub deadline: String,
    pub overdue: bool,
    pub days_left: i64,
    /// The unit's document for it: `(id, state label)`.
    pub doc: Option<(i64, &'static str)>,
    pub units: usize,
}

#[derive(Template)]
#[template(path = "workbench.html")]
struct WorkbenchPage {
    base: Base,
    counts: Vec<Count>,
    tasks: Vec<TaskRow>,
    todo_title: &'static str,
    todo: Vec<Row>,
    returned: Vec<Row>,
    all: Vec<Row>,
    total: i64,
    page: u32,
    pages: u32,
    f_state: String,
    f_kind: String,
    f_year: String,
    states: Vec<(&'static str, &'static str)>,
    kinds: Vec<(&'static str, &'static str)>,
}

/// Filters of the document list.
#[derive(Debug, Default, Deserialize)]
pub struct ListQ {
    state: Option<String>,
    kind: Option<String>,
    year: Option<String>,
    page: Option<u32>,
}

async fn heads(
    state: &AppState,
    scope: Scope,
    f: ListFilter,
) -> Result<(i64, Vec<DocHead>), ApiError> {
    Ok(state.store.list_documents(scope, &f).await?)
}

/// `GET /workbench`.
pub async fn page(
    State(state): State<AppState>,
    user: PageUser,
    Query(q): Query<ListQ>,
) -> Response {
    match build(&state, &user, q).await {
        Ok(p) => render(&p),
        Err(e) => super::page_error(user.1, e.status, &e.message),
    }
}

async fn build(state: &AppState, user: &PageUser, q: ListQ) -> Result<WorkbenchPage, ApiError> {
    let lang = user.1;
    let u = &user.0;
    let scope = scope_of(u);
    let base = user.base("workbench");
    let mut counts = Vec::new();
    for s in DocState::ALL {
        let (n, _) = heads(
            state,
            scope,
            ListFilter {
                state: Some(s),
                per_page: 1,
                ..ListFilter::default()
            },
        )
        .await?;
        counts.push(Count {
            state: s.as_str(),
            label: state_label(lang, s),
            n,
        });
    }
    // The to-do list: what waits for this role, oldest first.
    let waiting = match u.role {
        Role::Unit => Some(DocState::Draft),
        Role::Department => Some(DocState::DepartmentReview),
        Role::Finance => Some(DocState::FinanceReview),
        Role::Admin => None,
    };
    let todo_title = match u.role {
        Role::Unit => base.t("草稿（未送审）", "Drafts (not yet submitted)"),
        Role::Department => base.t("待本部门审核", "Waiting for your review"),
        Role::Finance => base.t("待财政终审", "Waiting for final approval"),
        Role::Admin => base.t("管理员不查看文档", "Administrators see no documents"),
    };
    let mut todo = Vec::new();
    if let Some(s) = waiting {
        let (_, hs) = heads(
            state,
            scope,
            ListFilter {
                state: Some(s),
                per_page: 200,
                oldest_first: true,
                ..ListFilter::default()
            },
        )
        .await?;
        todo = hs.iter().map(|h| row(lang, h)).collect();
    }
    // Returned documents with the reviewer's reason (units: to fix; reviewers: to follow).
    let (_, hs) = heads(
        state,
        scope,
        ListFilter {
            state: Some(DocState::Returned),
            per_page: 50,
            oldest_first: true,
            ..ListFilter::default()
        },
    )
    .await?;
    let mut returned = Vec::new();
    for h in &hs {
        let mut r = row(lang, h);
        let hist = state.store.history(h.id).await?;
        r.reason = hist
            .events
            .iter()
            .rev()
            .find(|e| e.to == DocState::Returned)
            .map(|e| {
                format!(
                    "{}（{} · {}）",
                    e.comment.clone().unwrap_or_default(),
                    e.actor,
                    when(e.at)
                )
            });
        returned.push(r);
    }
    // Tasks with deadlines.
    let today = chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"))
        .date_naive();
    let mut tasks = Vec::new();
    for t in state.store.tasks(scope).await? {
        let deadline = chrono::NaiveDate::parse_from_str(&t.deadline, "%Y-%m-%d").ok();
        let days_left = deadline.map(|d| (d - today).num_days()).unwrap_or(0);
        let doc = if let Scope::Unit(unit) = scope {
            let (_, d) = heads(
                state,
                scope,
                ListFilter {
                    year: Some(t.year),
                    kind: Some(t.kind),
                    unit: Some(unit),
                    per_page: 1,
                    ..ListFilter::default()
                },
            )
            .await?;
            d.first().map(|h| (h.id, state_label(lang, h.state)))
        } else {
            None
        };
        let done = doc.is_some_and(|(_, s)| s == state_label(lang, DocState::Approved));
        tasks.push(TaskRow {
            title: t.title.clone(),
            kind: kind_label(lang, t.kind),
            year: t.year,
            deadline: t.deadline.clone(),
            overdue: days_left < 0 && !done,
            days_left,
            doc,
            units: t.units.len(),
        });
    }
    // Every visible document, filtered and paged.
    let f_state = q.state.clone().unwrap_or_default();
    let f_kind = q.kind.clone().unwrap_or_default();
    let f_year = q.year.clone().unwrap_or_default();
    let page = q.page.unwrap_or(1).max(1);
    let per_page = 50;
    let (total, hs) = heads(
        state,
        scope,
        ListFilter {
            state: DocState::parse(&f_state),
            kind: parse_kind(&f_kind),
            year: f_year.trim().parse().ok(),
            page,
            per_page,
            ..ListFilter::default()
        },
    )
    .await?;
    let pages = ((total.max(0) as u32).div_ceil(per_page)).max(1);
    Ok(WorkbenchPage {
        counts,
        tasks,
        todo_title,
        todo,
        returned,
        all: hs.iter().map(|h| row(lang, h)).collect(),
        total,
        page,
        pages,
        f_state,
        f_kind,
        f_year,
        states: DocState::ALL
            .iter()
            .map(|s| (s.as_str(), state_label(lang, *s)))
            .collect(),
        kinds: [
            FormKind::TargetDeclaration,
            FormKind::SelfEvaluation,
            FormKind::EvaluationScoresheet,
            FormKind::FinalAccounts,
        ]
        .iter()
        .map(|k| (k.as_str(), kind_label(lang, *k)))
        .collect(),
        base,
    })
}

#[derive(Template)]
#[template(path = "upload.html")]
struct UploadPage {
    base: Base,
}

/// `GET /upload`: drag and drop documents (units only).
pub async fn upload(user: PageUser) -> Response {
    if user.0.role != Role::Unit {
        return super::not_found(user.1);
    }
    render(&UploadPage {
        base: user.base("upload"),
    })
}
