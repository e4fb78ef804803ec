//! The review workflow as one table: which role may take which action from which state.
//!
//! ```text
//! draft             —submit (unit)→           department_review
//! returned          —submit (unit)→           department_review
//! department_review —withdraw (unit)→         draft      (until the department acts)
//! department_review —approve (department)→    finance_review
//! department_review —return (department)→     returned   (comment required)
//! finance_review    —return (finance)→        returned   (comment required)
//! finance_review    —approve (finance)→       approved   (frozen; changes are adjustments)
//! ```
//!
//! `archived` documents (batch imports) take no action. A unit edits only in `draft` and
//! `returned`.

use serde::{Deserialize, Serialize};

use crate::types::{Role, State};

/// A workflow action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// 送审.
    Submit,
    /// 撤回.
    Withdraw,
    /// 审核通过 / 终审.
    Approve,
    /// 退回.
    Return,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 4] = [
        Action::Submit,
        Action::Withdraw,
        Action::Approve,
        Action::Return,
    ];

    /// The name used in JSON and events.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Withdraw => "withdraw",
            Action::Approve => "approve",
            Action::Return => "return",
        }
    }

    /// Whether the action needs a comment (a return's reason).
    pub fn needs_comment(self) -> bool {
        self == Action::Return
    }
}

/// The state `action` leads to when `role` takes it from `state`, or `None` when the table
/// does not allow it.
pub fn next_state(state: State, action: Action, role: Role) -> Option<State> {
    use Action::*;
    use State::*;
    match (state, action, role) {
        (Draft | Returned, Submit, Role::Unit) => Some(DepartmentReview),
        (DepartmentReview, Withdraw, Role::Unit) => Some(Draft),
        (DepartmentReview, Approve, Role::Department) => Some(FinanceReview),
        (DepartmentReview, Return, Role::Department) => Some(Returned),
        (FinanceReview, Approve, Role::Finance) => Some(Approved),
        (FinanceReview, Return, Role::Finance) => Some(Returned),
        _ => None,
    }
}

/// Whether a unit may change the figures of a document in `state`.
pub fn editable(state: State) -> bool {
    matches!(state, State::Draft | State::Returned)
}

/// The actions `role` may take now, in table order.
pub fn allowed(state: State, role: Role) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| next_state(state, *a, role).is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_exactly_the_documented_edges() {
        let roles = [Role::Unit, Role::Department, Role::Finance, Role::Admin];
        let mut edges = Vec::new();
        for s in State::ALL {
            for a in Action::ALL {
                for r in roles {
                    if let Some(t) = next_state(s, a, r) {
                        edges.push(format!(
                            "{} -{}({})-> {}",
                            s.as_str(),
                            a.as_str(),
                            r.as_str(),
                            t.as_str()
                        ));
                    }
                }
            }
        }
        assert_eq!(
            edges,
            [
                "draft -submit(unit)-> department_review",
                "department_review -withdraw(unit)-> draft",
                "department_review -approve(department)-> finance_review",
                "department_review -return(department)-> returned",
                "finance_review -approve(finance)-> approved",
                "finance_review -return(finance)-> returned",
                "returned -submit(unit)-> department_review",
            ]
        );
    }

    #[test]
    fn frozen_states_take_no_action_and_admins_none_at_all() {
        for a in Action::ALL {
            for r in [Role::Unit, Role::Department, Role::Finance, Role::Admin] {
                assert_eq!(next_state(State::Approved, a, r), None);
                assert_eq!(next_state(State::Archived, a, r), None);
            }
            for s in State::ALL {
                assert_eq!(next_state(s, a, Role::Admin), None);
            }
        }
        assert!(editable(State::Draft) && editable(State::Returned));
        assert!(!editable(State::DepartmentReview) && !editable(State::Approved));
    }
}
