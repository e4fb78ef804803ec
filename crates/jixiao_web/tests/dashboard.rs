//! The dashboard: `GET /api/v1/dashboard` against documents uploaded here (its figures are
//! checked against what the documents themselves say through `GET /api/v1/documents/{id}`
//! and against the fixtures' own figures), who may see what, and the `/dashboard` page.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use axum::http::{header, Method, StatusCode};
use common::*;
use jixiao_model::{round, Decimal, RoundingMode};
use jixiao_store::{NewOrg, NewUser, OrgKind, Role};
use serde_json::{json, Value};

/// A self-evaluation in the bundled example's layout with its own project, year, funds
/// (全年预算数, 全年执行数 of 年度资金总额), total score and printed grade.
fn self_eval(
    project: &str,
    year: u16,
    budget: &str,
    executed: &str,
    total: &str,
    grade: &str,
) -> String {
    let replace = |text: String, from: &str, to: &str| {
        assert!(text.contains(from), "the example holds {from:?}");
        text.replacen(from, to, 1)
    };
    let mut t = SELF_EVAL.to_string();
    t = replace(t, "东江港口服务保障经费", project);
    t = replace(t, "(2022 年度)", &format!("({year} 年度)"));
    t = replace(
        t,
        "年度资金总额:\t350.00\t362.50\t300.80\t",
        &format!("年度资金总额:\t350.00\t{budget}\t{executed}\t"),
    );
    t = replace(t, "100.00\t89.10", &format!("100.00\t{total}"));
    t = replace(t, "评分等级\t\t良", &format!("评分等级\t\t{grade}"));
    t
}

struct Doc {
    project: &'static str,
    year: u16,
    budget: &'static str,
    executed: &'static str,
    total: &'static str,
    grade: &'static str,
}

const UNIT1_2024: [Doc; 2] = [
    Doc {
        project: "港区保洁服务",
        year: 2024,
        budget: "200.00",
        executed: "150.00",
        total: "95.00",
        grade: "优",
    },
    Doc {
        project: "口岸查验设施运行",
        year: 2024,
        budget: "362.50",
        executed: "300.80",
        total: "89.10",
        grade: "良",
    },
];
const UNIT2_2024: Doc = Doc {
    project: "会展场馆维护",
    year: 2024,
    budget: "80.00",
    executed: "80.00",
    total: "50.00",
    grade: "差",
};
const UNIT1_2023: Doc = Doc {
    project: "港区保洁服务",
    year: 2023,
    budget: "120.00",
    executed: "30.00",
    total: "70.00",
    grade: "中",
};
const OTHER_DEPT: Doc = Doc {
    project: "水务设施巡查",
    year: 2024,
    budget: "50.00",
    executed: "45.00",
    total: "91.00",
    grade: "优",
};

fn text_of(d: &Doc) -> String {
    self_eval(d.project, d.year, d.budget, d.executed, d.total, d.grade)
}

fn dec(v: &Value) -> Option<Decimal> {
    match v {
        Value::String(s) => Decimal::from_str(s).ok(),
        Value::Number(n) => Decimal::from_str(&n.to_string()).ok(),
        _ => None,
    }
}

/// A second department in the demo region, with a unit and its user (`unit9`).
async fn other_department(app: &App) -> (i64, i64) {
    let region = app.store.org_by_code("F01").await.unwrap().unwrap();
    let dept = app
        .store
        .create_org(&NewOrg {
            code: "D09".into(),
            name: "示范市水务局".into(),
            kind: OrgKind::Department,
            parent_id: Some(region.id),
        })
        .await
        .unwrap();
    let unit = app
        .store
        .create_org(&NewOrg {
            code: "U09".into(),
            name: "示范市水务巡查站".into(),
            kind: OrgKind::Unit,
            parent_id: Some(dept.id),
        })
        .await
        .unwrap();
    app.store
        .create_user(&NewUser {
            username: "unit9".into(),
            password_hash: jixiao_web::auth::hash_password(jixiao_web::demo::PASSWORD).unwrap(),
            role: Role::Unit,
            org_id: unit.id,
        })
        .await
        .unwrap();
    (dept.id, unit.id)
}

struct World {
    app: App,
    /// Documents of the demo department (D01) in 2024.
    dept_2024: Vec<i64>,
    /// The 2023 document of unit1.
    old: i64,
    /// The document of the second department.
    other: i64,
    other_dept: i64,
    /// The submitted document.
    submitted: i64,
    /// The other region's document.
    stranger: i64,
}

async fn world() -> World {
    let app = App::new().await;
    let (other_dept, _) = other_department(&app).await;
    let u1 = app.login("unit1").await;
    let u2 = app.login("unit2").await;
    let u3 = app.login("unit3").await;
    let u9 = app.login("unit9").await;
    let mut dept_2024 = Vec::new();
    for d in &UNIT1_2024 {
        dept_2024.push(app.upload_one(&u1, &text_of(d)).await);
    }
    dept_2024.push(app.upload_one(&u2, &text_of(&UNIT2_2024)).await);
    let old = app.upload_one(&u1, &text_of(&UNIT1_2023)).await;
    let other = app.upload_one(&u9, &text_of(&OTHER_DEPT)).await;
    let stranger = app.upload_one(&u3, &text_of(&UNIT1_2024[0])).await;
    // One document moves on to department review.
    let submitted = dept_2024[1];
    let ex = app.explanations(&u1, submitted).await;
    let r = app
        .act(
            &u1,
            submitted,
            json!({"action": "submit", "explanations": ex}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    World {
        app,
        dept_2024,
        old,
        other,
        other_dept,
        submitted,
        stranger,
    }
}

/// Every id an entry of the dashboard lists, over all five figures.
fn all_ids(d: &Value) -> BTreeSet<i64> {
    let mut out = BTreeSet::new();
    let mut add = |ids: &Value| {
        for i in ids.as_array().unwrap() {
            out.insert(i.as_i64().unwrap());
        }
    };
    for u in d["pipeline"]["units"].as_array().unwrap() {
        for cell in u["ids"].as_array().unwrap() {
            add(cell);
        }
    }
    for side in ["stated", "recomputed"] {
        for g in d["grades"][side].as_array().unwrap() {
            add(&g["ids"]);
        }
    }
    for list in [&d["execution"]["projects"], &d["rules"], &d["differences"]] {
        for e in list.as_array().unwrap() {
            add(&e["ids"]);
        }
    }
    out
}

/// The figures the dashboard should show for `ids`, worked out here from each document's
/// own view (`GET /api/v1/documents/{id}`): form funds, score, findings, state.
struct Expected {
    pipeline: BTreeMap<(i64, String), BTreeSet<i64>>,
    stated: BTreeMap<String, BTreeSet<i64>>,
    recomputed: BTreeMap<String, BTreeSet<i64>>,
    /// (unit id, project) → (Σ budget, Σ executed, ids).
    execution: BTreeMap<(i64, String), (Decimal, Decimal, BTreeSet<i64>)>,
    /// rule → (findings, ids).
    rules: BTreeMap<String, (usize, BTreeSet<i64>)>,
    /// unit id → (Σ |stated − recomputed|, ids).
    differences: BTreeMap<i64, (Decimal, BTreeSet<i64>)>,
}

async fn expected(app: &App, cookie: &str, ids: &[i64]) -> Expected {
    let mut e = Expected {
        pipeline: BTreeMap::new(),
        stated: BTreeMap::new(),
        recomputed: BTreeMap::new(),
        execution: BTreeMap::new(),
        rules: BTreeMap::new(),
        differences: BTreeMap::new(),
    };
    for &id in ids {
        let v = app.get(&format!("/api/v1/documents/{id}"), cookie).await;
        assert_eq!(v.status, StatusCode::OK);
        let v = v.json;
        let unit = v["unit_id"].as_i64().unwrap();
        e.pipeline
            .entry((unit, v["state"].as_str().unwrap().to_string()))
            .or_default()
            .insert(id);
        for (key, into) in [
            ("stated_grade", &mut e.stated),
            ("recomputed_grade", &mut e.recomputed),
        ] {
            if let Some(g) = v["score"][key].as_str() {
                into.entry(g.to_string()).or_default().insert(id);
            }
        }
        // The funds block's total row (self-evaluations only).
        let rows = v["form"]["funds"]["rows"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let total = rows
            .iter()
            .find(|r| r["name"] == "年度资金总额")
            .or(rows.first())
            .cloned()
            .unwrap_or(Value::Null);
        if let (Some(b), Some(x)) = (dec(&total["annual_budget"]), dec(&total["executed"])) {
            let p = e
                .execution
                .entry((unit, v["project"].as_str().unwrap().to_string()))
                .or_insert((Decimal::ZERO, Decimal::ZERO, BTreeSet::new()));
            p.0 += b;
            p.1 += x;
            p.2.insert(id);
        }
        for f in v["findings"].as_array().unwrap() {
            if f["severity"] == "error" || f["severity"] == "warning" {
                let r = e
                    .rules
                    .entry(f["rule"].as_str().unwrap().to_string())
                    .or_default();
                r.0 += 1;
                r.1.insert(id);
            }
        }
        if let (Some(a), Some(b)) = (dec(&v["stated_total"]), dec(&v["recomputed_total"])) {
            if a != b {
                let d = e
                    .differences
                    .entry(unit)
                    .or_insert((Decimal::ZERO, BTreeSet::new()));
                d.0 += (a - b).abs();
                d.1.insert(id);
            }
        }
    }
    e
}

/// The documents `cookie` may see (the list endpoint), optionally of one year and of the units
/// of one department: the demo region's own documents included.
async fn visible(app: &App, cookie: &str, year: Option<i32>, department: Option<i64>) -> Vec<i64> {
    let q = year.map(|y| format!("&year={y}")).unwrap_or_default();
    let r = app
        .get(&format!("/api/v1/documents?per_page=500{q}"), cookie)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let mut out = Vec::new();
    for item in r.json["items"].as_array().unwrap() {
        let unit = app
            .store
            .org(item["unit_id"].as_i64().unwrap())
            .await
            .unwrap()
            .unwrap();
        if department.is_none() || unit.department_id == department {
            out.push(item["id"].as_i64().unwrap());
        }
    }
    out.sort_unstable();
    out
}

fn set(v: &Value) -> BTreeSet<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_i64().unwrap())
        .collect()
}

fn rate(executed: Decimal, budget: Decimal) -> String {
    let mut r = round(
        executed * Decimal::ONE_HUNDRED / budget,
        RoundingMode::HalfAwayFromZero,
        2,
    );
    r.rescale(2);
    r.to_string()
}

/// Compares every figure of `d` with what the documents `ids` say.
async fn check_figures(app: &App, cookie: &str, d: &Value, ids: &[i64]) {
    let e = expected(app, cookie, ids).await;
    assert_eq!(d["total"], json!(ids.len()));
    // Pipeline: every (unit, state) cell, and nothing else.
    let states: Vec<String> = d["pipeline"]["states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert_eq!(states.len(), 6);
    let mut cells = BTreeMap::new();
    for u in d["pipeline"]["units"].as_array().unwrap() {
        for (i, s) in states.iter().enumerate() {
            let n = u["counts"][i].as_u64().unwrap() as usize;
            let ids = set(&u["ids"][i]);
            assert_eq!(n, ids.len());
            if n > 0 {
                cells.insert((u["unit_id"].as_i64().unwrap(), s.clone()), ids);
            }
        }
    }
    assert_eq!(cells, e.pipeline);
    // Grades, printed and recomputed, aligned with `grades`.
    let grades: Vec<String> = d["grades"]["grades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap().to_string())
        .collect();
    assert_eq!(&grades[..4], ["优", "良", "中", "差"]);
    for (side, want) in [("stated", &e.stated), ("recomputed", &e.recomputed)] {
        let mut got = BTreeMap::new();
        for (i, g) in grades.iter().enumerate() {
            let entry = &d["grades"][side][i];
            assert_eq!(
                entry["n"].as_u64().unwrap() as usize,
                set(&entry["ids"]).len()
            );
            if entry["n"] != 0 {
                got.insert(g.clone(), set(&entry["ids"]));
            }
        }
        assert_eq!(&got, want, "{side} grades");
    }
    // Execution rate per project, exact.
    let projects = d["execution"]["projects"].as_array().unwrap();
    assert_eq!(d["execution"]["total"], json!(e.execution.len()));
    assert_eq!(projects.len(), e.execution.len());
    let mut last: Option<Decimal> = None;
    for p in projects {
        let key = (
            p["unit_id"].as_i64().unwrap(),
            p["project"].as_str().unwrap().to_string(),
        );
        let (b, x, ids) = &e.execution[&key];
        assert_eq!(p["budget"], json!(b.to_string()));
        assert_eq!(p["executed"], json!(x.to_string()));
        assert_eq!(p["rate"], json!(rate(*x, *b)));
        assert_eq!(set(&p["ids"]), *ids);
        let r = Decimal::from_str(p["rate"].as_str().unwrap()).unwrap();
        assert!(last.is_none_or(|l| l <= r), "lowest rate first");
        last = Some(r);
    }
    // Findings per rule.
    let rules = d["rules"].as_array().unwrap();
    let got: BTreeMap<String, (usize, BTreeSet<i64>)> = rules
        .iter()
        .map(|r| {
            assert_eq!(r["n"].as_u64().unwrap() as usize, set(&r["ids"]).len());
            (
                r["rule"].as_str().unwrap().to_string(),
                (r["findings"].as_u64().unwrap() as usize, set(&r["ids"])),
            )
        })
        .collect();
    assert_eq!(got, e.rules);
    // Units by Σ |stated − recomputed|, largest first.
    let diffs = d["differences"].as_array().unwrap();
    let got: BTreeMap<i64, (Decimal, BTreeSet<i64>)> = diffs
        .iter()
        .map(|u| {
            (
                u["unit_id"].as_i64().unwrap(),
                (
                    Decimal::from_str(u["difference"].as_str().unwrap()).unwrap(),
                    set(&u["ids"]),
                ),
            )
        })
        .collect();
    assert_eq!(got, e.differences);
    let order: Vec<Decimal> = diffs
        .iter()
        .map(|u| Decimal::from_str(u["difference"].as_str().unwrap()).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] >= w[1]), "largest first");
    // Every listed document is described.
    for id in all_ids(d) {
        let v = app
            .get(&format!("/api/v1/documents/{id}"), cookie)
            .await
            .json;
        assert_eq!(
            d["docs"][id.to_string()],
            json!([v["unit_id"], v["project"], v["year"], v["kind"], v["state"]]),
            "document {id} is described"
        );
        assert_eq!(d["units"][v["unit_id"].to_string()], v["unit"]);
        assert!(ids.contains(&id));
    }
}

#[tokio::test]
async fn the_figures_are_those_of_the_documents_in_scope() {
    let w = world().await;
    let app = &w.app;
    let dept = app.login("dept").await;
    let r = app.get("/api/v1/dashboard?year=2024", &dept).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let d = &r.json;
    let in_scope = visible(app, &dept, Some(2024), None).await;
    for id in &w.dept_2024 {
        assert!(in_scope.contains(id));
    }
    for id in [w.old, w.other, w.stranger] {
        assert!(!in_scope.contains(&id));
    }
    check_figures(app, &dept, d, &in_scope).await;
    // The years: those of every document in scope, whatever the filter.
    let list = app.get("/api/v1/documents?per_page=500", &dept).await.json;
    let years: BTreeSet<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["year"].as_i64())
        .collect();
    assert!(years.contains(&2023) && years.contains(&2024));
    assert_eq!(d["years"], json!(years));
    assert_eq!(
        d["departments"],
        json!([]),
        "only finance filters by department"
    );
    assert_eq!(d["filter"], json!({"year": 2024, "department": null}));
    // The fixtures' own figures: 口岸查验设施运行 states 300.80 of 362.50.
    let p = d["execution"]["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["project"] == UNIT1_2024[1].project)
        .expect("the project is charted");
    let (b, x) = (
        Decimal::from_str(UNIT1_2024[1].budget).unwrap(),
        Decimal::from_str(UNIT1_2024[1].executed).unwrap(),
    );
    assert_eq!(p["budget"], json!(UNIT1_2024[1].budget));
    assert_eq!(p["executed"], json!(UNIT1_2024[1].executed));
    assert_eq!(p["rate"], json!(rate(x, b)));
    // The fixtures give every figure something to show: 港区保洁服务 prints 95.00 against
    // the 89.10 its indicators add up to.
    for figure in [&d["execution"]["projects"], &d["rules"], &d["differences"]] {
        assert!(!figure.as_array().unwrap().is_empty());
    }
    let unit1 = app.store.org_by_code("U01").await.unwrap().unwrap().id;
    let u1 = d["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit_id"] == unit1)
        .expect("unit1 differs");
    assert!(set(&u1["ids"]).contains(&w.dept_2024[0]));
    // Printed grades: each fixture's document is listed under the grade it prints.
    let stated = &d["grades"]["stated"];
    let grades = d["grades"]["grades"].as_array().unwrap();
    for (doc, id) in UNIT1_2024.iter().chain([&UNIT2_2024]).zip(&w.dept_2024) {
        let i = grades.iter().position(|g| g == doc.grade).unwrap();
        assert!(set(&stated[i]["ids"]).contains(id), "{} {id}", doc.grade);
    }
    // The submitted document sits in department review.
    let states = d["pipeline"]["states"].as_array().unwrap();
    let review = states
        .iter()
        .position(|s| s == "department_review")
        .unwrap();
    let in_review: BTreeSet<i64> = d["pipeline"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|u| set(&u["ids"][review]))
        .collect();
    assert!(in_review.contains(&w.submitted));
    let draft = states.iter().position(|s| s == "draft").unwrap();
    let drafts: BTreeSet<i64> = d["pipeline"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|u| set(&u["ids"][draft]))
        .collect();
    assert!(!drafts.contains(&w.submitted) && drafts.contains(&w.dept_2024[0]));

    // All years: the 2023 document joins; 2023 alone: only it.
    let all = app.get("/api/v1/dashboard", &dept).await.json;
    let ids = visible(app, &dept, None, None).await;
    assert!(ids.contains(&w.old));
    check_figures(app, &dept, &all, &ids).await;
    let y = app.get("/api/v1/dashboard?year=2023", &dept).await.json;
    let ids = visible(app, &dept, Some(2023), None).await;
    assert!(ids.contains(&w.old) && !ids.contains(&w.dept_2024[0]));
    check_figures(app, &dept, &y, &ids).await;
    assert!(all_ids(&y).contains(&w.old));
}

#[tokio::test]
async fn finance_sees_its_region_and_filters_by_department() {
    let w = world().await;
    let app = &w.app;
    let fin = app.login("finance").await;
    let d = app.get("/api/v1/dashboard?year=2024", &fin).await;
    assert_eq!(d.status, StatusCode::OK);
    let ids = visible(app, &fin, Some(2024), None).await;
    assert!(ids.contains(&w.other) && ids.contains(&w.dept_2024[0]) && !ids.contains(&w.stranger));
    check_figures(app, &fin, &d.json, &ids).await;
    let names: Vec<&str> = d.json["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["示范市商务局", "示范市水务局"]);
    // One department.
    let r = app
        .get(
            &format!("/api/v1/dashboard?year=2024&department={}", w.other_dept),
            &fin,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let ids = visible(app, &fin, Some(2024), Some(w.other_dept)).await;
    assert_eq!(ids, [w.other]);
    check_figures(app, &fin, &r.json, &ids).await;
    let d01 = app.store.org_by_code("D01").await.unwrap().unwrap().id;
    let r = app
        .get(
            &format!("/api/v1/dashboard?year=2024&department={d01}"),
            &fin,
        )
        .await;
    let ids = visible(app, &fin, Some(2024), Some(d01)).await;
    assert!(!ids.contains(&w.other) && ids.contains(&w.dept_2024[0]));
    check_figures(app, &fin, &r.json, &ids).await;
    // A department of another region, or not a department at all: 404.
    let d02 = app.store.org_by_code("D02").await.unwrap().unwrap().id;
    let u01 = app.store.org_by_code("U01").await.unwrap().unwrap().id;
    for bad in [d02, u01, 999_999] {
        let r = app
            .get(&format!("/api/v1/dashboard?department={bad}"), &fin)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "department {bad}");
    }
    // The other region's finance sees only its own document.
    let fin2 = app.login("finance2").await;
    let r = app.get("/api/v1/dashboard", &fin2).await;
    assert_eq!(r.status, StatusCode::OK);
    let ids = visible(app, &fin2, None, None).await;
    assert_eq!(ids, [w.stranger]);
    check_figures(app, &fin2, &r.json, &ids).await;
    let r = app
        .get(&format!("/api/v1/dashboard?department={d01}"), &fin2)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn units_admins_and_strangers_get_no_dashboard() {
    let w = world().await;
    let app = &w.app;
    for user in ["unit1", "unit2", "admin"] {
        let c = app.login(user).await;
        let r = app.get("/api/v1/dashboard", &c).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{user}");
        assert!(r.json["error"].is_string());
    }
    let r = app.call(Method::GET, "/api/v1/dashboard", None, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // A department names only itself.
    let dept = app.login("dept").await;
    let r = app
        .get(
            &format!("/api/v1/dashboard?department={}", w.other_dept),
            &dept,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let own = app.store.org_by_code("D01").await.unwrap().unwrap().id;
    let r = app
        .get(&format!("/api/v1/dashboard?department={own}"), &dept)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!all_ids(&r.json).contains(&w.other));
    // Bad queries are JSON 400s.
    for q in ["year=abc", "colour=red"] {
        let r = app.get(&format!("/api/v1/dashboard?{q}"), &dept).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}");
    }
    // The department's dashboard never lists another department's or region's documents.
    let d = app.get("/api/v1/dashboard", &dept).await.json;
    let ids = all_ids(&d);
    assert!(!ids.contains(&w.other) && !ids.contains(&w.stranger));
    assert_eq!(
        d["total"],
        json!(visible(app, &dept, None, None).await.len())
    );
}

#[tokio::test]
async fn the_dashboard_page_is_for_departments_and_finance() {
    let w = world().await;
    let app = &w.app;
    for (user, filter) in [("dept", false), ("finance", true)] {
        let c = app.login(user).await;
        let r = app.get("/dashboard", &c).await;
        assert_eq!(r.status, StatusCode::OK, "{user}");
        let ct = r.headers[header::CONTENT_TYPE].to_str().unwrap();
        assert!(ct.starts_with("text/html"), "{ct}");
        let html = String::from_utf8(r.bytes).unwrap();
        for id in [
            "chart-pipeline",
            "chart-grades",
            "chart-execution",
            "chart-rules",
            "chart-differences",
            "id=\"drill\"",
        ] {
            assert!(html.contains(id), "{user}: {id}");
        }
        assert!(
            html.contains("/assets/vendor/echarts.min.js") && html.contains("/assets/dashboard.js")
        );
        assert!(!html.contains("<script>"), "no inline script");
        assert_eq!(html.contains("id=\"f-department\""), filter, "{user}");
        assert!(html.contains("绩效看板"));
    }
    // English labels travel with the page.
    let c = app.login("finance").await;
    let r = app.get("/dashboard", &format!("{c}; jixiao_lang=en")).await;
    let html = String::from_utf8(r.bytes).unwrap();
    assert!(html.contains("lang=\"en\"") && html.contains("Performance dashboard"));
    assert!(html.contains("Department review"));
    for user in ["unit1", "admin"] {
        let c = app.login(user).await;
        let r = app.get("/dashboard", &c).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{user}");
        assert!(
            String::from_utf8(r.bytes).unwrap().contains("<html"),
            "the HTML 404 page"
        );
    }
    let r = app.call(Method::GET, "/dashboard", None, None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Its script and style are bundled.
    for asset in [
        "/assets/dashboard.js",
        "/assets/dashboard.css",
        "/assets/vendor/echarts.min.js",
    ] {
        let r = app.call(Method::GET, asset, None, None).await;
        assert_eq!(r.status, StatusCode::OK, "{asset}");
        assert!(!r.bytes.is_empty());
    }
}

#[tokio::test]
async fn the_dashboard_is_in_the_openapi_document() {
    let app = App::new().await;
    let r = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    let get = &r.json["paths"]["/api/v1/dashboard"]["get"];
    assert!(get.is_object());
    let params: Vec<&str> = get["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(params, ["year", "department"]);
}
