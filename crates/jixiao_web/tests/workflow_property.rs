//! Property: random sequences of actions and saves by random users, sent through the API,
//! never take a document along an edge the workflow table lacks, answer each refused step
//! with the status the contract names and no change, and never lose a revision.

mod common;

use axum::http::{Method, StatusCode};
use common::*;
use jixiao_store::workflow::{self, Action};
use jixiao_store::{Role, State};
use proptest::prelude::*;
use serde_json::json;

const ACTORS: [(&str, Role, bool); 5] = [
    // (user, role, sees unit1's documents)
    ("unit1", Role::Unit, true),
    ("dept", Role::Department, true),
    ("finance", Role::Finance, true),
    ("unit2", Role::Unit, false),
    ("admin", Role::Admin, false),
];

#[derive(Clone, Debug)]
enum Step {
    Act {
        who: usize,
        action: Action,
        comment: bool,
        explain: bool,
    },
    Save {
        who: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..ACTORS.len(), 0..4usize, any::<bool>(), prop::bool::weighted(0.8)).prop_map(
            |(who, a, comment, explain)| Step::Act { who, action: Action::ALL[a], comment, explain }
        ),
        1 => (0..ACTORS.len()).prop_map(|who| Step::Save { who }),
    ]
}

fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let app = App::new().await;
        let mut cookies = Vec::new();
        for (u, _, _) in ACTORS {
            cookies.push(app.login(u).await);
        }
        let id = app.upload_one(&cookies[0], SELF_EVAL).await;
        let ex = app.explanations(&cookies[0], id).await;
        let has_errors = !ex.as_array().unwrap().is_empty();
        let (mut state, mut revision, mut events) = (State::Draft, 1, 0);
        for s in steps {
            let (status, expect) = match s.clone() {
                Step::Act {
                    who,
                    action,
                    comment,
                    explain,
                } => {
                    let (_, role, sees) = ACTORS[who];
                    let mut body = json!({"action": action.as_str()});
                    if comment {
                        body["comment"] = json!("理由");
                    }
                    if explain {
                        body["explanations"] = ex.clone();
                    }
                    let r = app.act(&cookies[who], id, body).await;
                    let expect = if !sees {
                        StatusCode::NOT_FOUND
                    } else {
                        match workflow::next_state(state, action, role) {
                            None => StatusCode::CONFLICT,
                            Some(_) if action == Action::Return && !comment => {
                                StatusCode::UNPROCESSABLE_ENTITY
                            }
                            Some(_) if action == Action::Submit && has_errors && !explain => {
                                StatusCode::UNPROCESSABLE_ENTITY
                            }
                            Some(to) => {
                                state = to;
                                events += 1;
                                StatusCode::OK
                            }
                        }
                    };
                    (r.status, expect)
                }
                Step::Save { who } => {
                    let (_, role, sees) = ACTORS[who];
                    let form = app
                        .store
                        .document(id)
                        .await
                        .unwrap()
                        .unwrap()
                        .current
                        .analysis
                        .form_json;
                    let form: serde_json::Value = serde_json::from_str(&form).unwrap();
                    let r = app
                        .call(
                            Method::PUT,
                            &format!("/api/v1/documents/{id}"),
                            Some(&cookies[who]),
                            Some(json!({"revision": revision, "form": form})),
                        )
                        .await;
                    let expect = if !sees {
                        StatusCode::NOT_FOUND
                    } else if role != Role::Unit || !workflow::editable(state) {
                        StatusCode::FORBIDDEN
                    } else {
                        revision += 1;
                        StatusCode::OK
                    };
                    (r.status, expect)
                }
            };
            prop_assert_eq!(status, expect, "{:?}", s);
            let d = app.store.document(id).await.unwrap().unwrap();
            prop_assert_eq!(d.head.state, state);
            prop_assert_eq!(d.head.revision, revision);
            let h = app.store.history(id).await.unwrap();
            // Every revision kept, numbered without a gap.
            let numbers: Vec<i32> = h.revisions.iter().map(|r| r.revision).collect();
            prop_assert_eq!(numbers, (1..=revision).collect::<Vec<_>>());
            // Every recorded step is an edge of the table, taken by its role.
            prop_assert_eq!(h.events.len(), events);
            for e in &h.events {
                let a = Action::ALL
                    .into_iter()
                    .find(|a| a.as_str() == e.action)
                    .unwrap();
                prop_assert_eq!(workflow::next_state(e.from, a, e.role), Some(e.to));
            }
        }
        Ok(())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_follow_the_table_and_keep_every_revision(
        steps in prop::collection::vec(step(), 1..24)
    ) {
        run(steps)?;
    }
}

/// A long fixed walk through every state, to be sure the property's space is reachable.
#[test]
fn the_happy_path_is_in_the_space() {
    let s = |who: usize, a: Action| Step::Act {
        who,
        action: a,
        comment: true,
        explain: true,
    };
    run(vec![
        Step::Save { who: 0 },
        s(0, Action::Submit),
        s(1, Action::Return),
        Step::Save { who: 0 },
        s(0, Action::Submit),
        s(0, Action::Withdraw),
        s(0, Action::Submit),
        s(1, Action::Approve),
        s(2, Action::Return),
        s(0, Action::Submit),
        s(1, Action::Approve),
        s(2, Action::Approve),
        Step::Save { who: 0 },
    ])
    .unwrap();
}
