//! The contract every [`Store`] backend passes: one suite, run by each backend's tests with
//! [`store_contract_tests!`](crate::store_contract_tests).
//!
//! Each case takes a fresh, migrated, empty store and panics on a broken promise.

use std::str::FromStr;
use std::sync::Arc;

use jixiao_model::{Decimal, FormKind};

use crate::types::*;
use crate::{SaveOutcome, Store, StoreError};

/// Generates one `#[tokio::test]` per contract case. `$make` is an async expression giving
/// `Option<S>` for some `S: Store + 'static` (a fresh, migrated, empty store; `None` skips,
/// e.g. when no PostgreSQL server can be had — the maker prints why).
#[macro_export]
macro_rules! store_contract_tests {
    ($make:expr) => {
        $crate::store_contract_tests!(@cases $make;
            migrate_is_idempotent_and_a_new_store_is_empty,
            organisations_form_a_tree,
            users_and_sessions,
            documents_keep_exact_decimals_and_verbatim_sources,
            an_upload_is_all_or_nothing,
            lists_are_scoped_filtered_and_paged,
            saves_are_optimistically_locked,
            concurrent_saves_with_one_revision_have_one_winner,
            transitions_are_atomic_and_recorded,
            hostile_text_is_stored_verbatim,
            rulesets_and_tasks,
            dashboards_are_scoped_filtered_and_follow_saves,
        );
    };
    (@cases $make:expr; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let Some(store) = $make.await else { return };
                $crate::contract::$case(std::sync::Arc::new(store)).await;
            }
        )*
    };
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

/// A synthetic analysis with recognisable, exact values.
pub fn sample_analysis(project: &str, stated: &str, recomputed: &str) -> Analysis {
    Analysis {
        kind: FormKind::SelfEvaluation,
        year: Some(2024),
        project: Some(project.to_string()),
        form_json: format!(
            r#"{{"kind":"self_evaluation","project":"{project}","total":{stated}}}"#
        ),
        score_json: Some(format!(
            r#"{{"stated_total":{stated},"recomputed_total":{recomputed}}}"#
        )),
        findings_json: "[]".to_string(),
        stated_total: Some(dec(stated)),
        recomputed_total: Some(dec(recomputed)),
        errors: 1,
        warnings: 2,
        ruleset: "shanghai".to_string(),
        summary: Summary {
            stated_grade: Some("优".to_string()),
            recomputed_grade: Some("良".to_string()),
            annual_budget: Some(dec("362.50")),
            executed: Some(dec("300.80")),
            rules: vec!["S101".into(), "T203".into(), "T203".into()],
        },
    }
}

/// A source with the given bytes.
pub fn sample_source(name: &str, bytes: &[u8]) -> NewSource {
    NewSource {
        name: name.to_string(),
        content_type: "text/plain".to_string(),
        sha256: crate::analyse::sha256_hex(bytes),
        bytes: bytes.to_vec(),
        // Texts are decoded documents, which never hold NUL (the readers refuse binary data).
        text: String::from_utf8_lossy(bytes).replace('\0', ""),
    }
}

/// A region with one department and two units, and a user in each.
pub struct Tree {
    /// The region.
    pub region: Org,
    /// The department.
    pub dept: Org,
    /// First unit.
    pub unit1: Org,
    /// Second unit.
    pub unit2: Org,
    /// A unit of another department of another region.
    pub stranger: Org,
    /// The user of unit1.
    pub user1: User,
}

/// Builds a [`Tree`] in `store`.
pub async fn tree(store: &dyn Store) -> Tree {
    let org = |code: &str, kind, parent| NewOrg {
        code: code.into(),
        name: format!("机构{code}"),
        kind,
        parent_id: parent,
    };
    let region = store
        .create_org(&org("R1", OrgKind::Region, None))
        .await
        .unwrap();
    let dept = store
        .create_org(&org("D1", OrgKind::Department, Some(region.id)))
        .await
        .unwrap();
    let unit1 = store
        .create_org(&org("U1", OrgKind::Unit, Some(dept.id)))
        .await
        .unwrap();
    let unit2 = store
        .create_org(&org("U2", OrgKind::Unit, Some(dept.id)))
        .await
        .unwrap();
    let r2 = store
        .create_org(&org("R2", OrgKind::Region, None))
        .await
        .unwrap();
    let d2 = store
        .create_org(&org("D2", OrgKind::Department, Some(r2.id)))
        .await
        .unwrap();
    let stranger = store
        .create_org(&org("U3", OrgKind::Unit, Some(d2.id)))
        .await
        .unwrap();
    let user1 = store
        .create_user(&NewUser {
            username: "u1".into(),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
            role: Role::Unit,
            org_id: unit1.id,
        })
        .await
        .unwrap();
    Tree {
        region,
        dept,
        unit1,
        unit2,
        stranger,
        user1,
    }
}

fn new_doc(unit: Id, a: Analysis) -> NewDocument {
    NewDocument {
        unit_id: unit,
        state: State::Draft,
        parent_id: None,
        ruleset_override: None,
        analysis: a,
    }
}

/// Migrating twice is harmless; a new store is empty; an organisation makes it non-empty.
pub async fn migrate_is_idempotent_and_a_new_store_is_empty(s: Arc<dyn Store>) {
    s.migrate().await.unwrap();
    s.migrate().await.unwrap();
    assert!(s.is_empty().await.unwrap());
    tree(&*s).await;
    assert!(!s.is_empty().await.unwrap());
}

/// Regions, departments and units nest, and nothing else does; codes are unique.
pub async fn organisations_form_a_tree(s: Arc<dyn Store>) {
    let t = tree(&*s).await;
    assert_eq!(t.region.region_id, t.region.id);
    assert_eq!(t.region.department_id, None);
    assert_eq!(t.dept.region_id, t.region.id);
    assert_eq!(t.dept.department_id, Some(t.dept.id));
    assert_eq!(t.unit1.region_id, t.region.id);
    assert_eq!(t.unit1.department_id, Some(t.dept.id));
    assert_eq!(t.unit1.parent_id, Some(t.dept.id));
    let bad = NewOrg {
        code: "X".into(),
        name: "x".into(),
        kind: OrgKind::Unit,
        parent_id: Some(t.region.id),
    };
    assert!(matches!(
        s.create_org(&bad).await,
        Err(StoreError::Invalid(_))
    ));
    let orphan = NewOrg {
        parent_id: None,
        ..bad.clone()
    };
    assert!(matches!(
        s.create_org(&orphan).await,
        Err(StoreError::Invalid(_))
    ));
    let dup = NewOrg {
        code: "U1".into(),
        parent_id: Some(t.dept.id),
        ..bad
    };
    assert!(matches!(
        s.create_org(&dup).await,
        Err(StoreError::Duplicate(_))
    ));
    assert_eq!(s.org_by_code("U2").await.unwrap().unwrap(), t.unit2);
    assert_eq!(s.org(t.dept.id).await.unwrap().unwrap(), t.dept);
    assert_eq!(s.orgs().await.unwrap().len(), 7);
}

/// Users are unique by name; sessions expire and end.
pub async fn users_and_sessions(s: Arc<dyn Store>) {
    let t = tree(&*s).await;
    let (u, hash) = s.user_with_hash("u1").await.unwrap().unwrap();
    assert_eq!(u, t.user1);
    assert!(hash.starts_with("$argon2id$"));
    assert_eq!(u.org, t.unit1);
    assert!(s.user_with_hash("nobody").await.unwrap().is_none());
    let dup = NewUser {
        username: "u1".into(),
        password_hash: "x".into(),
        role: Role::Unit,
        org_id: t.unit2.id,
    };
    assert!(matches!(
        s.create_user(&dup).await,
        Err(StoreError::Duplicate(_))
    ));
    let missing_org = NewUser {
        username: "u9".into(),
        org_id: 999_999,
        ..dup
    };
    assert!(s.create_user(&missing_org).await.is_err());
    s.create_session("h1", u.id, 1_000, 2_000).await.unwrap();
    assert_eq!(s.session_user("h1", 1_500).await.unwrap().unwrap().id, u.id);
    assert!(
        s.session_user("h1", 2_000).await.unwrap().is_none(),
        "expired"
    );
    assert!(s.session_user("h2", 1_500).await.unwrap().is_none());
    s.delete_session("h1").await.unwrap();
    assert!(s.session_user("h1", 1_500).await.unwrap().is_none());
    assert_eq!(s.users().await.unwrap().len(), 1);
}

/// Totals keep their printed scale; the form, score and findings come back byte for byte;
/// the uploaded bytes are kept verbatim with their SHA-256.
pub async fn documents_keep_exact_decimals_and_verbatim_sources(s: Arc<dyn Store>) {
    let t = tree(&*s).await;
    let bytes = b"\xef\xbb\xbf\xe7\xbb\xa9\xe6\x95\x88\r\n\x00\xff tail";
    let src = sample_source("a.txt", bytes);
    let a = sample_analysis("甲项目", "93.770", "0.005");
    let heads = s
        .create_documents(&src, &[new_doc(t.unit1.id, a.clone())], t.user1.id, 1_000)
        .await
        .unwrap();
    assert_eq!(heads.len(), 1);
    let h = &heads[0];
    assert_eq!(h.revision, 1);
    assert_eq!(h.state, State::Draft);
    assert_eq!(h.unit, t.unit1.name);
    assert_eq!(h.region_id, t.region.id);
    assert_eq!(h.stated_total.unwrap().to_string(), "93.770");
    assert_eq!(h.recomputed_total.unwrap().to_string(), "0.005");
    let d = s.document(h.id).await.unwrap().unwrap();
    assert_eq!(&d.head, h, "the head returned is the head stored");
    assert_eq!(d.current.analysis, a);
    assert_eq!(d.text, src.text);
    assert_eq!(d.current.source_sha256, src.sha256);
    let stored = s.source(d.current.source_id).await.unwrap().unwrap();
    assert_eq!(stored, src);
    let (_, list) = s
        .list_documents(Scope::Unit(t.unit1.id), &ListFilter::default())
        .await
        .unwrap();
    assert_eq!(list[0].stated_total.unwrap().to_string(), "93.770");
    assert!(s.document(h.id + 1000).await.unwrap().is_none());
}

/// A failure in the middle of an upload leaves nothing behind.
pub async fn an_upload_is_all_or_nothing(s: Arc<dyn Store>) {
    let t = tree(&*s).await;
    let src = sample_source("b.txt", b"two forms");
    let docs = [
        new_doc(t.unit1.id, sample_analysis("一", "90.00", "90.00")),
        new_doc(987_654, sample_analysis("二", "80.00", "80.00")),
    ];
    assert!(s
        .create_documents(&src, &docs, t.user1.id, 1)
        .await
        .is_err());
    let (n, items) = s
        .list_documents(Scope::All, &ListFilter::default())
        .await
        .unwrap();
    assert_eq!((n, items.len()), (0, 0));
    // Only units own documents.
    let docs = [new_doc(t.dept.id, sample_analysis("三", "1", "1"))];
    assert!(s
        .create_documents(&src, &docs, t.user1.id, 1)
        .await
        .is_err());
}

/// Scopes confine lists; filters and pages work; the total counts the whole match.
pub async fn lists_are_scoped_filtered_and_paged(s: Arc<dyn Store>) {
    let t = tree(&*s).await;
    let src = sample_source("c.txt", b"c");
    let mut docs = Vec::new();
    for i in 0..5 {
        let mut a = sample_analysis(&format!("项目{i}"), "1.00", "1.00");
        a.year = Some(2020 + (i % 2));
        docs.push(new_doc(t.unit1.id, a));
    }
    let mut other = sample_analysis("乙", "2.00", "2.00");
    other.kind = FormKind::TargetDeclaration;
    docs.push(new_doc(t.unit2.id, other));
    docs.push(new_doc(
        t.stranger.id,
        sample_analysis("外", "3.00", "3.00"),
    ));
    s.create_documents(&src, &docs, t.user1.id, 10)
        .await
        .unwrap();
    let count = |scope, f: ListFilter| {
        let s = s.clone();
        async move { s.list_documents(scope, &f).await.unwrap().0 }
    };
    let all = ListFilter::default();
    assert_eq!(count(Scope::Unit(t.unit1.id), all.clone()).await, 5);
    assert_eq!(count(Scope::Unit(t.unit2.id), all.clone()).await, 1);
    assert_eq!(count(Scope::Department(t.dept.id), all.clone()).await, 6);
    assert_eq!(count(Scope::Region(t.region.id), all.clone()).await, 6);
    assert_eq!(count(Scope::Nothing, all.clone()).await, 0);
    assert_eq!(count(Scope::All, all.clone()).await, 7);
    let f = ListFilter {
        year: Some(2021),
        ..all.clone()
    };
    assert_eq!(count(Scope::Region(t.region.id), f).await, 2);
    let f = ListFilter {
        kind: Some(FormKind::TargetDeclaration),
        ..all.clone()
    };
    assert_eq!(count(Scope::Region(t.region.id), f).await, 1);
    let f = ListFilter {
        unit: Some(t.stranger.id),
        ..all.clone()
    };
    assert_eq!(count(Scope::Region(t.region.id), f).await, 0);
    let f = ListFilter {
        state: Some(State::Approved),
        ..all.clone()
    };
    assert_eq!(count(Scope::Region(t.region.id), f).await, 0);
    let paged = ListFilter {
        page: 2,
        per_page: 2,
        ..all
    };
    let (n, items) = s
        .list_documents(Scope::Unit(t.unit1.id), &paged)
        .await
        .unwrap();
    assert_eq!((n, items.len()), (5, 2));
    let (_, everything) = s
        .list_documents(
            Scope::Unit(t.unit1.id),
            &ListFilter {
                per_page: 500,
                ..ListFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(items[0].id, everything[2].id, "page 2 continues page 1");
}

/// A save names the revision it edits; stale ones, frozen states and unknown ids are refused
/// and change nothing; every revision stays readable.
pub async fn saves_are_optimistically_locked(s: Arc<dyn Store>) {
    let t = tree(&*s).await;
    let src = sample_source("d.txt", b"d");
    let h = s
        .create_documents(
            &src,
            &[new_doc(t.unit1.id, sample_analysis("丙", "50.00", "50.00"))],
            t.user1.id,
            1,
        )
        .await
        .unwrap()
        .remove(0);
    let edit = sample_source("edit", b"{\"edited\":true}");
    let a2 = sample_analysis("丙", "60.00", "61.50");
    let editable = [State::Draft, State::Returned];
    let r = s
        .save_revision(h.id, 1, &editable, &edit, &a2, None, t.user1.id, 2)
        .await
        .unwrap();
    assert_eq!(r, SaveOutcome::Saved(2));
    let stale = s
        .save_revision(h.id, 1, &editable, &edit, &a2, None, t.user1.id, 3)
        .await
        .unwrap();
    assert_eq!(stale, SaveOutcome::Conflict(2));
    assert_eq!(
        s.save_revision(h.id + 99, 1, &editable, &edit, &a2, None, t.user1.id, 3)
            .await
            .unwrap(),
        SaveOutcome::NotFound
    );
    let d = s.document(h.id).await.unwrap().unwrap();
    assert_eq!(d.head.revision, 2);
    assert_eq!(d.head.recomputed_total.unwrap().to_string(), "61.50");
    assert_eq!(d.head.updated_at, 2);
    assert_eq!(d.text, edit.text);
    let (r1, text1) = s.revision(h.id, 1).await.unwrap().unwrap();
    assert_eq!(r1.analysis.stated_total.unwrap().to_string(), "50.00");
    assert_eq!(text1, "d");
    assert!(s.revision(h.id, 3).await.unwrap().is_none());
    // Submitted: no longer editable.
    let ev = NewEvent {
        actor_id: t.user1.id,
        action: "submit".into(),
        from: State::Draft,
        to: State::DepartmentReview,
        comment: None,
        client: "127.0.0.1".into(),
        revision: 2,
    };
    assert!(s.transition(h.id, &ev, &[], 4).await.unwrap());
    assert_eq!(
        s.save_revision(h.id, 2, &editable, &edit, &a2, None, t.user1.id, 5)
            .await
            .unwrap(),
        SaveOutcome::NotEditable(State::DepartmentReview)
    );
    // Finance may re-score in any state, setting the override.
    let any = State::ALL;
    assert_eq!(
        s.save_revision(
            h.id,
            2,
            &any,
            &edit,
            &a2,
            Some(Some("central-2020".into())),
            t.user1.id,
            6
        )
        .await
        .unwrap(),
        SaveOutcome::Saved(3)
    );
    let d = s.document(h.id).await.unwrap().unwrap();
    assert_eq!(d.head.ruleset_override.as_deref(), Some("central-2020"));
    assert_eq!(s.history(h.id).await.unwrap().revisions.len(), 3);
}

/// Eight saves naming the same revision at once: exactly one wins, the others see a conflict.
pub async fn concurrent_saves_with_one_revision_have_one_winner(s: Arc<dyn Store>) {
    let t = tree(&*s).await;
    let src = sample_source("e.txt", b"e");
    let h = s
        .create_documents(
            &src,
            &[new_doc(t.unit1.id, sample_analysis("丁", "1.00", "1.00"))],
            t.user1.id,
            1,
        )
        .await
        .unwrap()
        .remove(0);
    let mut tasks = Vec::new();
    for i in 0..8 {
        let s = s.clone();
        let by = t.user1.id;
        tasks.push(tokio::spawn(async move {
            let edit = sample_source(&format!("edit{i}"), format!("{i}").as_bytes());
            let a = sample_analysis(&format!("丁{i}"), "2.00", "2.00");
            s.save_revision(h.id, 1, &[State::Draft], &edit, &a, None, by, 2)
                .await
        }));
    }
    let mut saved = 0;
    let mut conflicts = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(SaveOutcome::Saved(2)) => saved += 1,
            Ok(SaveOutcome::Conflict(2)) => conflicts += 1,
            // A backend may also report a serialisation failure as an error: no save.
            Err(StoreError::Database(_)) => conflicts += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((saved, conflicts), (1, 7));
    let h2 = s.history(h.id).await.unwrap();
    assert_eq!(h2.revisions.len(), 2);
}

/// A transition from a state the document has left changes nothing; events, explanations
/// and annotations are kept in order.
pub async fn transitions_are_atomic_and_recorded(s: Arc<dyn Store>) {
    let t = tree(&*s).await;
    let src = sample_source("f.txt", b"f");
    let h = s
        .create_documents(
            &src,
            &[new_doc(t.unit1.id, sample_analysis("戊", "1.00", "1.00"))],
            t.user1.id,
            1,
        )
        .await
        .unwrap()
        .remove(0);
    let submit = NewEvent {
        actor_id: t.user1.id,
        action: "submit".into(),
        from: State::Draft,
        to: State::DepartmentReview,
        comment: Some("请审核".into()),
        client: "10.0.0.9".into(),
        revision: 1,
    };
    let ex = [Explanation {
        rule: "S101".into(),
        line: 9,
        text: "执行率按全年预算数计算".into(),
    }];
    assert!(s.transition(h.id, &submit, &ex, 5).await.unwrap());
    assert!(!s.transition(h.id, &submit, &ex, 6).await.unwrap(), "stale");
    assert!(!s.transition(h.id + 77, &submit, &ex, 6).await.unwrap());
    s.annotate(
        h.id,
        &NewAnnotation {
            revision: 1,
            rule: "S101".into(),
            line: 9,
            accepted: Some(false),
            comment: "不接受".into(),
            by: t.user1.id,
        },
        7,
    )
    .await
    .unwrap();
    let hist = s.history(h.id).await.unwrap();
    assert_eq!(hist.events.len(), 1);
    let e = &hist.events[0];
    assert_eq!(
        (e.from, e.to, e.actor.as_str(), e.client.as_str(), e.at),
        (State::Draft, State::DepartmentReview, "u1", "10.0.0.9", 5)
    );
    assert_eq!(e.comment.as_deref(), Some("请审核"));
    assert_eq!(hist.explanations.len(), 1);
    assert_eq!(hist.explanations[0].text, "执行率按全年预算数计算");
    assert_eq!(hist.explanations[0].revision, 1);
    assert_eq!(hist.annotations[0].accepted, Some(false));
    let d = s.document(h.id).await.unwrap().unwrap();
    assert_eq!(
        (d.head.state, d.head.updated_at),
        (State::DepartmentReview, 5)
    );
}

/// SQL, quotes, NULs and long strings in every text field are data, stored verbatim.
pub async fn hostile_text_is_stored_verbatim(s: Arc<dyn Store>) {
    let t = tree(&*s).await;
    let evil = "'; DROP TABLE documents; -- \" \\ %_ ' OR '1'='1";
    let org = s
        .create_org(&NewOrg {
            code: evil.into(),
            name: evil.into(),
            kind: OrgKind::Unit,
            parent_id: Some(t.dept.id),
        })
        .await
        .unwrap();
    assert_eq!(s.org_by_code(evil).await.unwrap().unwrap().name, evil);
    let long = "长".repeat(100_000);
    let mut a = sample_analysis(evil, "1.00", "1.00");
    a.findings_json = format!("[{:?}]", long);
    let src = sample_source(evil, evil.as_bytes());
    let h = s
        .create_documents(&src, &[new_doc(org.id, a.clone())], t.user1.id, 1)
        .await
        .unwrap()
        .remove(0);
    let d = s.document(h.id).await.unwrap().unwrap();
    assert_eq!(d.current.analysis, a);
    assert_eq!(d.head.project.as_deref(), Some(evil));
    assert_eq!(s.orgs().await.unwrap().len(), 8, "nothing dropped");
}

/// Region rule sets per year with an every-year fallback; tasks are seen by their units.
pub async fn rulesets_and_tasks(s: Arc<dyn Store>) {
    let t = tree(&*s).await;
    assert_eq!(
        s.region_ruleset(t.region.id, Some(2024)).await.unwrap(),
        None
    );
    s.set_region_ruleset(t.region.id, None, "central-2020")
        .await
        .unwrap();
    s.set_region_ruleset(t.region.id, Some(2024), "shanghai")
        .await
        .unwrap();
    s.set_region_ruleset(t.region.id, Some(2024), "guangdong")
        .await
        .unwrap();
    assert_eq!(
        s.region_ruleset(t.region.id, Some(2024))
            .await
            .unwrap()
            .as_deref(),
        Some("guangdong")
    );
    assert_eq!(
        s.region_rulesets(t.region.id).await.unwrap(),
        vec![
            (None, "central-2020".to_string()),
            (Some(2024), "guangdong".to_string())
        ]
    );
    assert_eq!(
        crate::ruleset_for(&*s, t.region.id, Some(2024), FormKind::SelfEvaluation, None)
            .await
            .unwrap(),
        "guangdong"
    );
    assert_eq!(
        crate::ruleset_for(&*s, t.region.id, Some(2023), FormKind::SelfEvaluation, None)
            .await
            .unwrap(),
        "central-2020"
    );
    assert_eq!(
        crate::ruleset_for(
            &*s,
            t.stranger.region_id,
            Some(2023),
            FormKind::EvaluationScoresheet,
            None
        )
        .await
        .unwrap(),
        "guangdong"
    );
    let task = s
        .create_task(
            &NewTask {
                region_id: t.region.id,
                kind: FormKind::SelfEvaluation,
                year: 2024,
                deadline: "2025-03-31".into(),
                title: "2024年度绩效自评".into(),
                units: vec![t.unit1.id],
                created_by: t.user1.id,
            },
            9,
        )
        .await
        .unwrap();
    assert_eq!(task.units, vec![t.unit1.id]);
    assert_eq!(
        s.tasks(Scope::Unit(t.unit1.id)).await.unwrap(),
        vec![task.clone()]
    );
    assert!(s.tasks(Scope::Unit(t.unit2.id)).await.unwrap().is_empty());
    assert_eq!(s.tasks(Scope::Region(t.region.id)).await.unwrap().len(), 1);
    assert_eq!(
        s.tasks(Scope::Department(t.dept.id)).await.unwrap().len(),
        1
    );
    assert!(s
        .tasks(Scope::Region(t.stranger.region_id))
        .await
        .unwrap()
        .is_empty());
    // A task for a unit of another region is refused.
    let bad = NewTask {
        units: vec![t.stranger.id],
        ..NewTask {
            region_id: t.region.id,
            kind: FormKind::SelfEvaluation,
            year: 2024,
            deadline: "2025-03-31".into(),
            title: "x".into(),
            units: vec![],
            created_by: t.user1.id,
        }
    };
    assert!(s.create_task(&bad, 10).await.is_err());
    assert_eq!(s.tasks(Scope::All).await.unwrap().len(), 1);
}

/// The dashboard rows: the scope confines them, year and department filter them, each carries
/// its current revision's summary exactly (amounts keep their scale), a save replaces it while
/// the old revision keeps its own, states follow transitions, and the years cover the scope.
pub async fn dashboards_are_scoped_filtered_and_follow_saves(s: Arc<dyn Store>) {
    let t = tree(&*s).await;
    let src = sample_source("g.txt", b"g");
    let mut a1 = sample_analysis("甲", "91.00", "88.50");
    a1.summary.annual_budget = Some(dec("100.000"));
    a1.summary.executed = Some(dec("0.50"));
    let mut a2 = sample_analysis("乙", "70.00", "70.00");
    a2.year = Some(2023);
    a2.summary = Summary::default();
    let mut a3 = sample_analysis("丙", "85.00", "59.99");
    a3.summary.recomputed_grade = Some("差".into());
    a3.summary.rules = vec![];
    let heads = s
        .create_documents(
            &src,
            &[
                new_doc(t.unit1.id, a1.clone()),
                new_doc(t.unit1.id, a2.clone()),
                new_doc(t.unit2.id, a3.clone()),
                new_doc(t.stranger.id, sample_analysis("外", "1", "1")),
            ],
            t.user1.id,
            1,
        )
        .await
        .unwrap();
    let ids: Vec<Id> = heads.iter().map(|h| h.id).collect();
    let dash = |scope, year, department| {
        let s = s.clone();
        async move {
            s.dashboard(scope, &DashboardFilter { year, department })
                .await
                .unwrap()
        }
    };
    let d = dash(Scope::Department(t.dept.id), None, None).await;
    assert_eq!(
        d.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        ids[..3].to_vec()
    );
    assert_eq!(d.years, vec![2023, 2024]);
    let r = &d.rows[0];
    assert_eq!(r.summary, a1.summary);
    assert_eq!(r.summary.annual_budget.unwrap().to_string(), "100.000");
    assert_eq!(r.summary.executed.unwrap().to_string(), "0.50");
    assert_eq!(
        (r.unit_id, r.unit.as_str(), r.department_id),
        (t.unit1.id, t.unit1.name.as_str(), Some(t.dept.id))
    );
    assert_eq!(
        (r.year, r.kind, r.state),
        (Some(2024), FormKind::SelfEvaluation, State::Draft)
    );
    assert_eq!(r.project.as_deref(), Some("甲"));
    assert_eq!(r.stated_total.unwrap().to_string(), "91.00");
    assert_eq!(r.recomputed_total.unwrap().to_string(), "88.50");
    assert_eq!(d.rows[1].summary, Summary::default());
    assert_eq!(d.rows[2].summary, a3.summary);
    // Year and department filters; other scopes.
    let y = dash(Scope::Department(t.dept.id), Some(2024), None).await;
    assert_eq!(
        y.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![ids[0], ids[2]]
    );
    assert_eq!(y.years, vec![2023, 2024], "the years ignore the filter");
    let f = dash(Scope::Region(t.region.id), Some(2024), Some(t.dept.id)).await;
    assert_eq!(f.rows, y.rows);
    let none = dash(
        Scope::Region(t.region.id),
        None,
        Some(t.stranger.department_id.unwrap()),
    )
    .await;
    assert!(none.rows.is_empty());
    let u2 = dash(Scope::Unit(t.unit2.id), None, None).await;
    assert_eq!(
        u2.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![ids[2]]
    );
    assert_eq!(u2.years, vec![2024]);
    let nothing = dash(Scope::Nothing, None, None).await;
    assert!(nothing.rows.is_empty() && nothing.years.is_empty());
    assert_eq!(dash(Scope::All, None, None).await.rows.len(), 4);
    // A save replaces the summary; the first revision keeps its own.
    let mut b1 = a1.clone();
    b1.summary.stated_grade = Some("中".into());
    b1.summary.executed = Some(dec("99.99"));
    b1.summary.rules = vec!["C105".into()];
    let out = s
        .save_revision(
            ids[0],
            1,
            &[State::Draft],
            &sample_source("g2", b"g2"),
            &b1,
            None,
            t.user1.id,
            2,
        )
        .await
        .unwrap();
    assert_eq!(out, SaveOutcome::Saved(2));
    let d = dash(Scope::Unit(t.unit1.id), Some(2024), None).await;
    assert_eq!(d.rows.len(), 1);
    assert_eq!(d.rows[0].summary, b1.summary);
    assert_eq!(
        s.revision(ids[0], 1)
            .await
            .unwrap()
            .unwrap()
            .0
            .analysis
            .summary,
        a1.summary
    );
    assert_eq!(
        s.revision(ids[0], 2)
            .await
            .unwrap()
            .unwrap()
            .0
            .analysis
            .summary,
        b1.summary
    );
    // States follow transitions.
    let ev = NewEvent {
        actor_id: t.user1.id,
        action: "submit".into(),
        from: State::Draft,
        to: State::DepartmentReview,
        comment: None,
        client: "127.0.0.1".into(),
        revision: 1,
    };
    assert!(s.transition(ids[2], &ev, &[], 3).await.unwrap());
    let d = dash(Scope::Unit(t.unit2.id), None, None).await;
    assert_eq!(d.rows[0].state, State::DepartmentReview);
}
