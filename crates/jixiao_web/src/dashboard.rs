//! 看板数据: `GET /api/v1/dashboard`, the five figures of the dashboard over the documents a
//! department or finance bureau may see, for one year and (finance) one department.
//!
//! The store hands over one small row per document ([`Store::dashboard`]: the grades,
//! funds and rule codes were derived when the document was saved), and the figures are
//! aggregated here in one pass:
//!
//! | figure | what | each entry's documents |
//! |---|---|---|
//! | `pipeline` | documents per unit and state | the unit's documents in that state |
//! | `grades` | documents per grade, printed against recomputed | those with that grade |
//! | `execution` | 全年执行数 / 全年预算数 per project (lowest first) | the project's documents |
//! | `rules` | error and warning findings per rule code | the documents with such findings |
//! | `differences` | units by Σ \|stated − recomputed total\| | the unit's differing documents |
//!
//! Every entry carries `n` (how many documents) and `ids`, the newest [`MAX_IDS`] of them;
//! `docs` describes every listed id as `[unit id, project, year, kind, state]` and `units`
//! names every unit id, so that a click lists them without another request. Amounts, rates and differences are exact decimal strings.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use jixiao_model::{round, Decimal, RoundingMode};
use jixiao_store::{DashboardFilter, DashboardRow, Id, OrgKind, Role, State as DocState};

use crate::auth::CurrentUser;
use crate::documents::scope_of;
use crate::error::{ApiError, ApiQuery};
use crate::AppState;

/// The most document ids an entry lists (the newest); `n` counts them all.
pub const MAX_IDS: usize = 100;
/// Projects shown in the execution figure (the lowest rates).
pub const MAX_PROJECTS: usize = 30;
/// Rule codes shown (the most findings).
pub const MAX_RULES: usize = 25;
/// Units shown in the differences figure (the largest).
pub const MAX_UNITS: usize = 10;
/// The grades in their order; any other printed grade follows them.
pub const GRADES: [&str; 4] = ["优", "良", "中", "差"];

/// Query of the dashboard.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DashboardQuery {
    /// Fiscal year (all years when absent).
    pub year: Option<i32>,
    /// A department of the caller's region (finance; a department may name only itself).
    pub department: Option<Id>,
}

/// `GET /api/v1/dashboard`: the dashboard figures over the documents the caller may see
/// (the rows of [`jixiao_store::Store::dashboard`]).
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "dashboard", params(DashboardQuery),
    responses((status = 200, description = "{filter, years, departments, total, pipeline:{states, units:[{unit_id, unit, counts, ids}]}, grades:{grades, stated:[{n, ids}], recomputed:[{n, ids}]}, execution:{total, projects:[{unit_id, unit, project, budget, executed, rate, n, ids}]}, rules:[{rule, summary, summary_en, findings, n, ids}], differences:[{unit_id, unit, difference, n, ids}], units:{unit_id: name}, docs:{id:[unit_id, project, year, kind, state]}}"),
        (status = 403), (status = 404)))]
pub async fn data(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> Result<Json<Value>, ApiError> {
    user.require(&[Role::Department, Role::Finance], "查看看板")?;
    let u = &user.0;
    // The departments the caller may filter by: finance, those of its region; a department,
    // itself (and then the filter changes nothing).
    let departments: Vec<(Id, String)> = match u.role {
        Role::Finance => state
            .store
            .orgs()
            .await?
            .into_iter()
            .filter(|o| o.kind == OrgKind::Department && o.region_id == u.org.region_id)
            .map(|o| (o.id, o.name))
            .collect(),
        _ => u
            .org
            .department_id
            .map(|d| (d, u.org.name.clone()))
            .into_iter()
            .collect(),
    };
    if let Some(d) = q.department {
        if !departments.iter().any(|(id, _)| *id == d) {
            return Err(ApiError::not_found());
        }
    }
    let dash = state
        .store
        .dashboard(
            scope_of(u),
            &DashboardFilter {
                year: q.year,
                department: q.department,
            },
        )
        .await?;
    let mut v = figures(&dash.rows);
    let map = v.as_object_mut().expect("object");
    map.insert(
        "filter".into(),
        json!({"year": q.year, "department": q.department}),
    );
    map.insert("years".into(), json!(dash.years));
    map.insert(
        "departments".into(),
        if u.role == Role::Finance {
            departments
                .iter()
                .map(|(id, name)| json!({"id": id, "name": name}))
                .collect()
        } else {
            Value::Array(Vec::new())
        },
    );
    Ok(Json(v))
}

/// Documents behind one entry: how many, and their ids.
#[derive(Default)]
struct Ids(Vec<Id>);

impl Ids {
    fn add(&mut self, id: Id) {
        self.0.push(id);
    }

    fn n(&self) -> usize {
        self.0.len()
    }

    /// The newest [`MAX_IDS`] ids, newest first; each is recorded in `listed`.
    fn json(&self, listed: &mut BTreeSet<Id>) -> Value {
        let mut ids = self.0.clone();
        ids.sort_unstable_by(|a, b| b.cmp(a));
        ids.dedup();
        ids.truncate(MAX_IDS);
        listed.extend(ids.iter().copied());
        json!(ids)
    }
}

/// An exact decimal as its text (`362.50` stays `362.50`).
fn text(d: Decimal) -> Value {
    Value::String(d.to_string())
}

/// 全年执行数 / 全年预算数 as a percentage, two decimals, half away from zero (as forms print
/// 执行率); none without a positive budget.
pub fn execution_rate(executed: Decimal, budget: Decimal) -> Option<Decimal> {
    if budget <= Decimal::ZERO {
        return None;
    }
    let pct = executed
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(budget)?;
    let mut r = round(pct, RoundingMode::HalfAwayFromZero, 2);
    r.rescale(2);
    Some(r)
}

/// The five figures over `rows` (see the module documentation).
pub fn figures(rows: &[DashboardRow]) -> Value {
    let mut listed = BTreeSet::new();

    // Pipeline: units (by name) × states.
    let mut units: BTreeMap<(String, Id), [Ids; 6]> = BTreeMap::new();
    // Grades, printed and recomputed.
    let mut grade_order: Vec<String> = GRADES.iter().map(|g| g.to_string()).collect();
    let mut stated: HashMap<String, Ids> = HashMap::new();
    let mut recomputed: HashMap<String, Ids> = HashMap::new();
    // Execution per project (unit, project name).
    struct Project {
        unit_id: Id,
        unit: String,
        project: String,
        budget: Decimal,
        executed: Decimal,
        ids: Ids,
    }
    let mut projects: BTreeMap<(Id, String), Project> = BTreeMap::new();
    // Findings per rule: (findings, documents).
    let mut rules: BTreeMap<String, (usize, Ids)> = BTreeMap::new();
    // Σ |stated − recomputed| per unit.
    let mut diffs: HashMap<Id, (String, Decimal, Ids)> = HashMap::new();

    for r in rows {
        let si = DocState::ALL
            .iter()
            .position(|s| *s == r.state)
            .unwrap_or(0);
        units.entry((r.unit.clone(), r.unit_id)).or_default()[si].add(r.id);
        let s = &r.summary;
        for (grade, into) in [
            (&s.stated_grade, &mut stated),
            (&s.recomputed_grade, &mut recomputed),
        ] {
            if let Some(g) = grade {
                if !grade_order.contains(g) {
                    grade_order.push(g.clone());
                }
                into.entry(g.clone()).or_default().add(r.id);
            }
        }
        if let (Some(b), Some(e)) = (s.annual_budget, s.executed) {
            let name = r.project.clone().unwrap_or_default();
            let p = projects
                .entry((r.unit_id, name.clone()))
                .or_insert_with(|| Project {
                    unit_id: r.unit_id,
                    unit: r.unit.clone(),
                    project: name,
                    budget: Decimal::ZERO,
                    executed: Decimal::ZERO,
                    ids: Ids::default(),
                });
            p.budget += b;
            p.executed += e;
            p.ids.add(r.id);
        }
        let mut last: Option<&String> = None;
        for code in &s.rules {
            let e = rules.entry(code.clone()).or_default();
            e.0 += 1;
            if last != Some(code) {
                e.1.add(r.id);
            }
            last = Some(code);
        }
        if let (Some(a), Some(b)) = (r.stated_total, r.recomputed_total) {
            let d = (a - b).abs();
            if !d.is_zero() {
                let e = diffs
                    .entry(r.unit_id)
                    .or_insert_with(|| (r.unit.clone(), Decimal::ZERO, Ids::default()));
                e.1 += d;
                e.2.add(r.id);
            }
        }
    }

    let pipeline = json!({
        "states": DocState::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "units": units.iter().map(|((name, id), cells)| json!({
            "unit_id": id,
            "unit": name,
            "counts": cells.iter().map(Ids::n).collect::<Vec<_>>(),
            "ids": cells.iter().map(|c| c.json(&mut listed)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });

    let per_grade = |m: &HashMap<String, Ids>, listed: &mut BTreeSet<Id>| -> Vec<Value> {
        grade_order
            .iter()
            .map(|g| match m.get(g) {
                Some(ids) => json!({"n": ids.n(), "ids": ids.json(listed)}),
                None => json!({"n": 0, "ids": []}),
            })
            .collect()
    };
    let grades = json!({
        "grades": grade_order,
        "stated": per_grade(&stated, &mut listed),
        "recomputed": per_grade(&recomputed, &mut listed),
    });

    let mut rated: Vec<(Decimal, &Project)> = projects
        .values()
        .filter_map(|p| execution_rate(p.executed, p.budget).map(|r| (r, p)))
        .collect();
    rated.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.unit.cmp(&b.1.unit))
            .then_with(|| a.1.project.cmp(&b.1.project))
    });
    let execution = json!({
        "total": rated.len(),
        "projects": rated.iter().take(MAX_PROJECTS).map(|(rate, p)| json!({
            "unit_id": p.unit_id,
            "unit": p.unit,
            "project": p.project,
            "budget": text(p.budget),
            "executed": text(p.executed),
            "rate": text(*rate),
            "n": p.ids.n(),
            "ids": p.ids.json(&mut listed),
        })).collect::<Vec<_>>(),
    });

    let mut by_rule: Vec<(&String, &(usize, Ids))> = rules.iter().collect();
    by_rule.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
    let rules = by_rule
        .into_iter()
        .take(MAX_RULES)
        .map(|(code, (findings, ids))| {
            let meta = jixiao_audit::codes::RULES
                .iter()
                .map(|r| r.meta())
                .find(|m| m.code == code);
            json!({
                "rule": code,
                "summary": meta.map(|m| m.summary),
                "summary_en": meta.map(|m| m.summary_en),
                "findings": findings,
                "n": ids.n(),
                "ids": ids.json(&mut listed),
            })
        })
        .collect::<Vec<_>>();

    let mut by_unit: Vec<(&Id, &(String, Decimal, Ids))> = diffs.iter().collect();
    by_unit.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then_with(|| a.1 .0.cmp(&b.1 .0)));
    let differences = by_unit
        .into_iter()
        .take(MAX_UNITS)
        .map(|(id, (unit, d, ids))| {
            json!({
                "unit_id": id,
                "unit": unit,
                "difference": text(*d),
                "n": ids.n(),
                "ids": ids.json(&mut listed),
            })
        })
        .collect::<Vec<_>>();

    let mut docs = Map::new();
    let mut names = Map::new();
    for r in rows.iter().filter(|r| listed.contains(&r.id)) {
        names
            .entry(r.unit_id.to_string())
            .or_insert_with(|| json!(r.unit));
        docs.insert(
            r.id.to_string(),
            json!([
                r.unit_id,
                r.project,
                r.year,
                r.kind.as_str(),
                r.state.as_str()
            ]),
        );
    }

    json!({
        "total": rows.len(),
        "pipeline": pipeline,
        "grades": grades,
        "execution": execution,
        "rules": rules,
        "differences": differences,
        "units": names,
        "docs": docs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn execution_rates_are_exact_percentages_rounded_like_printed_ones() {
        assert_eq!(
            execution_rate(dec("300.80"), dec("362.50"))
                .unwrap()
                .to_string(),
            "82.98"
        );
        assert_eq!(
            execution_rate(dec("1"), dec("8")).unwrap().to_string(),
            "12.50"
        );
        assert_eq!(execution_rate(dec("1"), dec("0")), None);
    }
}
