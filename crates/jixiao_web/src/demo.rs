//! The demo region of `jixiao serve --demo`: one finance bureau, one department, two units,
//! an administrator, the bundled example documents in several states, and two tasks.
//!
//! Every demo password is [`PASSWORD`]. The example documents are jixiao's own composed
//! examples (`examples/`), not real disclosures.

use jixiao_audit::{Finding, Severity};
use jixiao_store::workflow::{self, Action};
use jixiao_store::{
    DocHead, Explanation, NewEvent, NewOrg, NewTask, NewUser, Org, OrgKind, Role, State, Store,
};

use crate::auth::hash_password;
use crate::documents::prepare;
use crate::now_ms;

/// The password of every demo account.
pub const PASSWORD: &str = "jixiao-demo";

/// The demo accounts: username, role, organisation.
pub const ACCOUNTS: [(&str, Role, &str); 5] = [
    ("finance", Role::Finance, "F01"),
    ("dept", Role::Department, "D01"),
    ("unit1", Role::Unit, "U01"),
    ("unit2", Role::Unit, "U02"),
    ("admin", Role::Admin, "F01"),
];

const EXAMPLES: [(&str, &str, &str); 4] = [
    (
        "U01",
        "self_evaluation.txt",
        include_str!("../../../examples/self_evaluation.txt"),
    ),
    (
        "U01",
        "target_declaration.txt",
        include_str!("../../../examples/target_declaration.txt"),
    ),
    (
        "U02",
        "scoresheet_jiangmen.txt",
        include_str!("../../../examples/scoresheet_jiangmen.txt"),
    ),
    (
        "U02",
        "final_accounts.txt",
        include_str!("../../../examples/final_accounts.txt"),
    ),
];

/// One demo workflow step: action, demo user, comment.
type Step = (Action, &'static str, Option<&'static str>);

/// What the demo holds, for the start-up banner.
#[derive(Debug)]
pub struct Demo {
    /// Documents created, with their final states.
    pub documents: Vec<(i64, String, State)>,
}

/// Fills an empty store with the demo region. Refuses a store that holds data.
pub async fn seed(store: &dyn Store) -> Result<Demo, String> {
    if !store.is_empty().await.map_err(|e| e.to_string())? {
        return Err("the database is not empty: --demo fills only an empty database".into());
    }
    let e = |e: jixiao_store::StoreError| e.to_string();
    let org = |code: &str, name: &str, kind, parent: Option<&Org>| NewOrg {
        code: code.into(),
        name: name.into(),
        kind,
        parent_id: parent.map(|p| p.id),
    };
    let region = store
        .create_org(&org("F01", "示范市财政局", OrgKind::Region, None))
        .await
        .map_err(e)?;
    let dept = store
        .create_org(&org(
            "D01",
            "示范市商务局",
            OrgKind::Department,
            Some(&region),
        ))
        .await
        .map_err(e)?;
    let u1 = store
        .create_org(&org(
            "U01",
            "示范市口岸服务中心",
            OrgKind::Unit,
            Some(&dept),
        ))
        .await
        .map_err(e)?;
    let u2 = store
        .create_org(&org(
            "U02",
            "示范市会展服务中心",
            OrgKind::Unit,
            Some(&dept),
        ))
        .await
        .map_err(e)?;
    let hash = tokio::task::spawn_blocking(|| hash_password(PASSWORD))
        .await
        .map_err(|e| e.to_string())??;
    let mut ids = std::collections::BTreeMap::new();
    for (name, role, code) in ACCOUNTS {
        let o = [&region, &dept, &u1, &u2]
            .into_iter()
            .find(|o| o.code == code)
            .expect("demo org");
        let u = store
            .create_user(&NewUser {
                username: name.into(),
                password_hash: hash.clone(),
                role,
                org_id: o.id,
            })
            .await
            .map_err(e)?;
        ids.insert(name, u.id);
    }
    let mut heads: Vec<(DocHead, &str)> = Vec::new();
    for (code, file, text) in EXAMPLES {
        let unit = if code == "U01" { &u1 } else { &u2 };
        let (source, docs, _) = prepare(
            store,
            unit,
            file,
            "text/plain",
            text.as_bytes().to_vec(),
            State::Draft,
        )
        .await
        .map_err(|e| format!("{file}: {}", e.message))?;
        let by = ids[if code == "U01" { "unit1" } else { "unit2" }];
        for h in store
            .create_documents(&source, &docs, by, now_ms())
            .await
            .map_err(e)?
        {
            heads.push((h, file));
        }
    }
    // Walk each example document to a state of its own.
    let mut out = Vec::new();
    for (h, file) in &heads {
        let steps: &[Step] = match *file {
            "target_declaration.txt" => &[
                (Action::Submit, "unit1", None),
                (Action::Approve, "dept", Some("同意报送财政审核。")),
            ],
            "scoresheet_jiangmen.txt" => &[
                (Action::Submit, "unit2", None),
                (
                    Action::Return,
                    "dept",
                    Some("请补充未达成指标的偏差原因后重新送审。"),
                ),
            ],
            "final_accounts.txt" => &[
                (Action::Submit, "unit2", None),
                (Action::Approve, "dept", None),
                (Action::Approve, "finance", Some("终审通过。")),
            ],
            _ => &[],
        };
        let mut state = h.state;
        let doc = store
            .document(h.id)
            .await
            .map_err(e)?
            .ok_or("document vanished")?;
        for (action, who, comment) in steps {
            let role = ACCOUNTS
                .iter()
                .find(|a| a.0 == *who)
                .map(|a| a.1)
                .expect("account");
            let to = workflow::next_state(state, *action, role).ok_or("demo step not allowed")?;
            let explanations = if *action == Action::Submit {
                let findings: Vec<Finding> =
                    serde_json::from_str(&doc.current.analysis.findings_json).unwrap_or_default();
                findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| Explanation {
                        rule: f.rule.clone(),
                        line: f.line,
                        text: "（演示）该差异已核实，系原表填报口径所致。".into(),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let ok = store
                .transition(
                    h.id,
                    &NewEvent {
                        actor_id: ids[who],
                        action: action.as_str().into(),
                        from: state,
                        to,
                        comment: comment.map(str::to_string),
                        client: "demo".into(),
                        revision: h.revision,
                    },
                    &explanations,
                    now_ms(),
                )
                .await
                .map_err(e)?;
            if !ok {
                return Err("demo transition refused".into());
            }
            state = to;
        }
        out.push((
            h.id,
            format!("{} {}", h.kind.zh(), h.project.clone().unwrap_or_default()),
            state,
        ));
    }
    let today = chrono::Local::now().date_naive();
    for (title, kind, year, days) in [
        (
            "2024年度项目支出绩效自评",
            jixiao_model::FormKind::SelfEvaluation,
            2024,
            -3,
        ),
        (
            "2026年度项目绩效目标申报",
            jixiao_model::FormKind::TargetDeclaration,
            2026,
            30,
        ),
    ] {
        store
            .create_task(
                &NewTask {
                    region_id: region.id,
                    kind,
                    year,
                    deadline: (today + chrono::Duration::days(days))
                        .format("%Y-%m-%d")
                        .to_string(),
                    title: title.into(),
                    units: vec![u1.id, u2.id],
                    created_by: ids["finance"],
                },
                now_ms(),
            )
            .await
            .map_err(e)?;
    }
    Ok(Demo { documents: out })
}
