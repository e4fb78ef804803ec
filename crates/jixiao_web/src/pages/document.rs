//! A document's pages: the editor / review screen, its history with cell diffs, its report,
//! its xlsx template; and the rule documentation that findings link to.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use jixiao_model::Form;
use jixiao_store::{DocRecord, Id, Role};

use super::workbench::{kind_label, state_label};
use super::{render, when, Base, Lang, PageUser};
use crate::documents::visible;
use crate::AppState;

/// The document `id` if the page's user may see it.
async fn load(state: &AppState, user: &PageUser, id: Id) -> Result<DocRecord, Response> {
    match state.store.document(id).await {
        Ok(Some(d)) if visible(&user.0, &d.head) => Ok(d),
        Ok(_) => Err(super::not_found(user.1)),
        Err(e) => Err(super::page_error(
            user.1,
            StatusCode::INTERNAL_SERVER_ERROR,
            &e.to_string(),
        )),
    }
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    base: Base,
    id: Id,
    kind: &'static str,
    kind_label: &'static str,
    unit: String,
    year: String,
    project: String,
    state: &'static str,
    state_label: &'static str,
    reviewer: bool,
    role: &'static str,
}

/// `GET /documents/{id}`: the editor (a unit, in draft or returned) or the review screen.
pub async fn page(State(state): State<AppState>, user: PageUser, Path(id): Path<Id>) -> Response {
    let d = match load(&state, &user, id).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let lang = user.1;
    let h = &d.head;
    render(&DocumentPage {
        id: h.id,
        kind: h.kind.as_str(),
        kind_label: kind_label(lang, h.kind),
        unit: h.unit.clone(),
        year: h.year.map(|y| y.to_string()).unwrap_or_default(),
        project: h.project.clone().unwrap_or_default(),
        state: h.state.as_str(),
        state_label: state_label(lang, h.state),
        reviewer: matches!(user.0.role, Role::Department | Role::Finance),
        role: user.0.role.as_str(),
        base: user.base("workbench"),
    })
}

/// One changed cell between two revisions.
pub struct CellChange {
    pub place: String,
    pub before: String,
    pub after: String,
}

/// A revision with what changed since the one before.
pub struct RevisionView {
    pub revision: i32,
    pub by: String,
    pub at: String,
    pub source: String,
    pub errors: i32,
    pub warnings: i32,
    pub stated: String,
    pub recomputed: String,
    pub changes: Vec<CellChange>,
}

/// A workflow event as shown.
pub struct EventView {
    pub at: String,
    pub actor: String,
    pub action: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub comment: String,
    pub revision: i32,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    base: Base,
    id: Id,
    project: String,
    revisions: Vec<RevisionView>,
    events: Vec<EventView>,
}

fn action_label(lang: Lang, a: &str) -> &'static str {
    let (zh, en) = match a {
        "submit" => ("送审", "submitted"),
        "withdraw" => ("撤回", "withdrew"),
        "approve" => ("审核通过", "approved"),
        "return" => ("退回", "returned"),
        "adjust" => ("调整", "adjusted"),
        "create" | "upload" => ("创建", "created"),
        _ => ("操作", "acted"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The cells of a form as `(place, text)`, in reading order: what a diff compares.
pub fn cells(f: &Form) -> Vec<(String, String)> {
    let d = |x: &Option<jixiao_model::Decimal>| x.map(|v| v.to_string()).unwrap_or_default();
    let mut out = Vec::new();
    for (k, v) in [
        ("项目名称", &f.project),
        ("主管部门", &f.department),
        ("实施单位", &f.unit),
    ] {
        out.push((k.to_string(), v.clone().unwrap_or_default()));
    }
    if let Some(funds) = &f.funds {
        for r in &funds.rows {
            for (k, v) in [
                ("年初预算数", &r.initial_budget),
                ("全年预算数", &r.annual_budget),
                ("全年执行数", &r.executed),
                ("分值", &r.weight),
                ("执行率", &r.rate_pct),
                ("得分", &r.score),
            ] {
                out.push((format!("{} · {k}", r.name), d(v)));
            }
        }
    }
    for i in &f.indicators {
        let name = i.path.join(" / ");
        out.push((format!("{name} · 指标值"), i.target.raw.clone()));
        out.push((format!("{name} · 实际完成值"), i.actual.raw.clone()));
        out.push((format!("{name} · 分值"), d(&i.weight)));
        out.push((format!("{name} · 得分"), d(&i.score)));
        out.push((
            format!("{name} · 偏差原因"),
            i.note.clone().unwrap_or_default(),
        ));
        out.push((
            format!("{name} · 佐证材料"),
            i.evidence.clone().unwrap_or_default(),
        ));
    }
    if let Some(t) = &f.total {
        out.push(("总分".into(), d(&t.score)));
    }
    out.push(("评分等级".into(), f.grade.clone().unwrap_or_default()));
    for t in &f.tables {
        for r in &t.rows {
            out.push((format!("{} · {}", t.title, r.name), r.raw.join(" | ")));
        }
    }
    out
}

/// What changed from `before` to `after`: cells whose text differs, indicators added or
/// removed (a place present on one side only).
pub fn diff(before: &Form, after: &Form) -> Vec<CellChange> {
    let a = cells(before);
    let b = cells(after);
    let mut out = Vec::new();
    for (place, new) in &b {
        match a.iter().find(|(p, _)| p == place) {
            Some((_, old)) if old != new => out.push(CellChange {
                place: place.clone(),
                before: old.clone(),
                after: new.clone(),
            }),
            None if !new.is_empty() => out.push(CellChange {
                place: place.clone(),
                before: String::new(),
                after: new.clone(),
            }),
            _ => {}
        }
    }
    for (place, old) in &a {
        if !old.is_empty() && !b.iter().any(|(p, _)| p == place) {
            out.push(CellChange {
                place: place.clone(),
                before: old.clone(),
                after: String::new(),
            });
        }
    }
    out
}

/// `GET /documents/{id}/history`: revisions with the cells each changed, and the events.
pub async fn history(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<Id>,
) -> Response {
    let d = match load(&state, &user, id).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let lang = user.1;
    let hist = match state.store.history(id).await {
        Ok(h) => h,
        Err(e) => {
            return super::page_error(lang, StatusCode::INTERNAL_SERVER_ERROR, &e.to_string())
        }
    };
    let mut revisions = Vec::new();
    let mut prev: Option<Form> = None;
    for m in &hist.revisions {
        let form = match state.store.revision(id, m.revision).await {
            Ok(Some((r, _))) => serde_json::from_str::<Form>(&r.analysis.form_json).ok(),
            _ => None,
        };
        let changes = match (&prev, &form) {
            (Some(a), Some(b)) => diff(a, b),
            _ => Vec::new(),
        };
        revisions.push(RevisionView {
            revision: m.revision,
            by: m.created_by.clone(),
            at: when(m.created_at),
            source: m.source_name.clone(),
            errors: m.errors,
            warnings: m.warnings,
            stated: super::dec(&m.stated_total),
            recomputed: super::dec(&m.recomputed_total),
            changes,
        });
        prev = form;
    }
    revisions.reverse();
    let events = hist
        .events
        .iter()
        .rev()
        .map(|e| EventView {
            at: when(e.at),
            actor: e.actor.clone(),
            action: action_label(lang, &e.action),
            from: state_label(lang, e.from),
            to: state_label(lang, e.to),
            comment: e.comment.clone().unwrap_or_default(),
            revision: e.revision,
        })
        .collect();
    render(&HistoryPage {
        base: user.base("workbench"),
        id,
        project: d.head.project.clone().unwrap_or_default(),
        revisions,
        events,
    })
}

/// The report input of a document's current revision: its form read again from the stored
/// text, scored and checked under the stored rule set.
fn report_view(d: &DocRecord, lang: Lang) -> Result<jixiao_report::DocView, String> {
    let name = format!("document-{}-revision-{}", d.head.id, d.head.revision);
    let mut doc = jixiao_parse::parse_str(&name, &d.text);
    let stored: Option<Form> = serde_json::from_str(&d.current.analysis.form_json).ok();
    if let Some(s) = &stored {
        // An upload may hold several forms; the report is of this document's.
        if doc.forms.iter().any(|f| f.line_start == s.line_start) {
            doc.forms.retain(|f| f.line_start == s.line_start);
        }
    }
    let alang = match lang {
        Lang::Zh => jixiao_audit::Lang::Zh,
        Lang::En => jixiao_audit::Lang::En,
    };
    let cfg = jixiao_audit::Config {
        lang: alang,
        ..jixiao_audit::Config::default()
    };
    let rules = jixiao_score::RuleChoice::load(Some(&d.current.analysis.ruleset))
        .map_err(|e| e.to_string())?;
    let (scores, report) = jixiao_audit::score_and_check(&doc, &d.text, &cfg, &rules);
    let input = jixiao_report::Input {
        doc: &doc,
        text: &d.text,
        scores: &scores,
        findings: &report.findings,
        ledger: &report.ledger,
    };
    Ok(jixiao_report::document_view(&input, alang))
}

/// `GET /documents/{id}/report.html`: the audit report of the current revision.
pub async fn report_html(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<Id>,
) -> Response {
    let d = match load(&state, &user, id).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let lang = user.1;
    match tokio::task::spawn_blocking(move || {
        report_view(&d, lang).map(|v| jixiao_report::html_document(&v))
    })
    .await
    {
        Ok(Ok(html)) => axum::response::Html(html).into_response(),
        Ok(Err(e)) => super::page_error(lang, StatusCode::INTERNAL_SERVER_ERROR, &e),
        Err(_) => super::page_error(lang, StatusCode::INTERNAL_SERVER_ERROR, "report failed"),
    }
}

/// `GET /documents/{id}/report.pdf`: the same report as PDF (needs a CJK font on the server).
pub async fn report_pdf(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<Id>,
) -> Response {
    let d = match load(&state, &user, id).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let lang = user.1;
    let made = tokio::task::spawn_blocking(move || pdf(&d, lang)).await;
    match made {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"jixiao-document-{id}.pdf\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(e)) => super::page_error(lang, StatusCode::SERVICE_UNAVAILABLE, &e),
        Err(_) => super::page_error(lang, StatusCode::INTERNAL_SERVER_ERROR, "report failed"),
    }
}

#[cfg(feature = "pdf")]
fn pdf(d: &DocRecord, lang: Lang) -> Result<Vec<u8>, String> {
    let fonts = jixiao_report::Fonts::shared().map_err(|e| e.to_string())?;
    let v = report_view(d, lang)?;
    jixiao_report::pdf_document(&v, fonts).map_err(|e| e.to_string())
}

#[cfg(not(feature = "pdf"))]
fn pdf(_: &DocRecord, lang: Lang) -> Result<Vec<u8>, String> {
    Err(match lang {
        Lang::Zh => "此版本未启用 PDF 报告（cargo 特性 pdf）".into(),
        Lang::En => "this build has no PDF reports (cargo feature `pdf`)".into(),
    })
}

/// `GET /documents/{id}/form.xlsx`: the form as the jixiao xlsx template, filled in.
pub async fn xlsx(State(state): State<AppState>, user: PageUser, Path(id): Path<Id>) -> Response {
    let d = match load(&state, &user, id).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let form: Option<Form> = serde_json::from_str(&d.current.analysis.form_json).ok();
    match jixiao_excel::template_xlsx_with(d.head.kind, form.as_ref()) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    jixiao_store::analyse::XLSX.to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"jixiao-document-{id}.xlsx\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => super::page_error(user.1, StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// A rule as documented.
pub struct RuleView {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub family: String,
    pub summary: &'static str,
    pub doc: &'static str,
}

fn rule_view(lang: Lang, r: &dyn jixiao_audit::Rule) -> RuleView {
    let m = r.meta();
    RuleView {
        code: m.code,
        name: m.name,
        severity: match lang {
            Lang::Zh => m.severity.zh(),
            Lang::En => m.severity.as_str(),
        },
        family: format!("{:?}", m.family),
        summary: match lang {
            Lang::Zh => m.summary,
            Lang::En => m.summary_en,
        },
        doc: m.doc,
    }
}

#[derive(Template)]
#[template(path = "rules.html")]
struct RulesPage {
    base: Base,
    rules: Vec<RuleView>,
    one: bool,
}

/// `GET /rules`: every check rule.
pub async fn rules(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    let lang = Lang::of(&headers);
    render(&RulesPage {
        base: super::optional_base(&state, &headers, "rules", "/rules").await,
        rules: jixiao_audit::codes::RULES
            .iter()
            .map(|r| rule_view(lang, *r))
            .collect(),
        one: false,
    })
}

/// `GET /rules/{code}`: one rule's documentation.
pub async fn rule(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(code): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    match jixiao_audit::codes::rule(&code) {
        Some(r) => render(&RulesPage {
            base: super::optional_base(&state, &headers, "rules", &format!("/rules/{code}")).await,
            rules: vec![rule_view(lang, r)],
            one: true,
        }),
        None => super::not_found(lang),
    }
}
