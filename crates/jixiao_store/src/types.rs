//! The workbench's domain types: organisations, users, documents, revisions, events, tasks.
//!
//! Timestamps are Unix milliseconds (`i64`); money and scores are exact [`Decimal`]s.

use jixiao_model::{Decimal, FormKind};
use serde::{Deserialize, Serialize};

/// A row id. Ids are never shown to users who may not see the row (the API answers 404).
pub type Id = i64;

/// What a user may do. A user belongs to one organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 预算单位: fills its own unit's documents.
    Unit,
    /// 主管部门: reviews the documents of its units.
    Department,
    /// 财政局: reviews every document of its region; issues tasks; sets rule sets.
    Finance,
    /// Manages organisations and users; reads no document content.
    Admin,
}

impl Role {
    /// The name used in JSON, the database and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Unit => "unit",
            Role::Department => "department",
            Role::Finance => "finance",
            Role::Admin => "admin",
        }
    }

    /// Parses [`Role::as_str`].
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "unit" => Role::Unit,
            "department" => Role::Department,
            "finance" => Role::Finance,
            "admin" => Role::Admin,
            _ => return None,
        })
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Role::Unit => "预算单位",
            Role::Department => "主管部门",
            Role::Finance => "财政部门",
            Role::Admin => "系统管理员",
        }
    }
}

/// The level of an organisation in the tree region → department → unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// 财政局: the finance bureau of a region; the root of a tree.
    Region,
    /// 主管部门: a competent department under a region.
    Department,
    /// 预算单位: a budget unit under a department.
    Unit,
}

impl OrgKind {
    /// The name used in JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Region => "region",
            OrgKind::Department => "department",
            OrgKind::Unit => "unit",
        }
    }

    /// Parses [`OrgKind::as_str`].
    pub fn parse(s: &str) -> Option<OrgKind> {
        Some(match s {
            "region" => OrgKind::Region,
            "department" => OrgKind::Department,
            "unit" => OrgKind::Unit,
            _ => return None,
        })
    }

    /// The kind a parent of this kind must have (`None` for a region).
    pub fn parent_kind(self) -> Option<OrgKind> {
        match self {
            OrgKind::Region => None,
            OrgKind::Department => Some(OrgKind::Region),
            OrgKind::Unit => Some(OrgKind::Department),
        }
    }

    /// The role that fits an organisation of this kind (admins may sit anywhere).
    pub fn natural_role(self) -> Role {
        match self {
            OrgKind::Region => Role::Finance,
            OrgKind::Department => Role::Department,
            OrgKind::Unit => Role::Unit,
        }
    }
}

/// An organisation with its place in the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Org {
    /// Row id.
    pub id: Id,
    /// A short unique code (`F01`, `D0101`), used on the command line.
    pub code: String,
    /// The name users know.
    pub name: String,
    /// Its level.
    pub kind: OrgKind,
    /// The parent organisation (none for a region).
    pub parent_id: Option<Id>,
    /// The region it belongs to (itself for a region).
    pub region_id: Id,
    /// The department it belongs to (itself for a department, none for a region).
    pub department_id: Option<Id>,
}

/// An organisation to create. Its region and department follow from `parent_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOrg {
    /// Unique code.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Level; must fit the parent's level ([`OrgKind::parent_kind`]).
    pub kind: OrgKind,
    /// Parent (required for departments and units).
    pub parent_id: Option<Id>,
}

/// A user with the organisation it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    /// Row id.
    pub id: Id,
    /// Login name, unique.
    pub username: String,
    /// Role.
    pub role: Role,
    /// The organisation.
    pub org: Org,
}

/// A user to create; the password is already hashed (argon2id PHC string).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUser {
    /// Login name.
    pub username: String,
    /// PHC string of the password hash.
    pub password_hash: String,
    /// Role.
    pub role: Role,
    /// Organisation.
    pub org_id: Id,
}

/// Where a document stands in the review workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// 未送审: the unit is filling it.
    Draft,
    /// 待主管部门审核: submitted, waiting for the department.
    DepartmentReview,
    /// 待财政审核: passed by the department, waiting for finance.
    FinanceReview,
    /// 被退回: returned by a reviewer with a reason; the unit edits and submits again.
    Returned,
    /// 已终审: approved by finance; frozen.
    Approved,
    /// 已归档: loaded by a batch import of published or collected documents; read-only.
    Archived,
}

impl State {
    /// Every state, in workflow order.
    pub const ALL: [State; 6] = [
        State::Draft,
        State::DepartmentReview,
        State::FinanceReview,
        State::Returned,
        State::Approved,
        State::Archived,
    ];

    /// The name used in JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::DepartmentReview => "department_review",
            State::FinanceReview => "finance_review",
            State::Returned => "returned",
            State::Approved => "approved",
            State::Archived => "archived",
        }
    }

    /// Parses [`State::as_str`].
    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The Chinese name users see.
    pub fn zh(self) -> &'static str {
        match self {
            State::Draft => "未送审",
            State::DepartmentReview => "待主管部门审核",
            State::FinanceReview => "待财政审核",
            State::Returned => "被退回",
            State::Approved => "已终审",
            State::Archived => "已归档",
        }
    }
}

/// Parses a form kind's snake_case name.
pub fn parse_kind(s: &str) -> Option<FormKind> {
    [
        FormKind::TargetDeclaration,
        FormKind::SelfEvaluation,
        FormKind::EvaluationScoresheet,
        FormKind::FinalAccounts,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
}

/// The bytes a revision was made from, kept verbatim, and the text its lines refer to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSource {
    /// File name as uploaded (or a description such as `edit of document 12`).
    pub name: String,
    /// MIME type of `bytes`.
    pub content_type: String,
    /// Hex SHA-256 of `bytes`.
    pub sha256: String,
    /// The verbatim bytes.
    pub bytes: Vec<u8>,
    /// The text every `line` of the revision's form and findings refers to.
    pub text: String,
}

/// The result of reading, scoring and checking one form: what a revision stores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// The form kind.
    pub kind: FormKind,
    /// Fiscal year of the form, if printed.
    pub year: Option<i32>,
    /// Project (or department) name, if printed.
    pub project: Option<String>,
    /// One element of the `jixiao parse` contract's `forms`, as JSON.
    pub form_json: String,
    /// One element of the `jixiao score` contract's `forms`, as JSON (`None` when not scored).
    pub score_json: Option<String>,
    /// The `jixiao check` JSON findings of this form (an array).
    pub findings_json: String,
    /// The total score as stated.
    pub stated_total: Option<Decimal>,
    /// The total score as recomputed.
    pub recomputed_total: Option<Decimal>,
    /// Error-severity findings.
    pub errors: i32,
    /// Warning-severity findings.
    pub warnings: i32,
    /// The rule set it was scored and checked with.
    pub ruleset: String,
    /// The small figures dashboards aggregate, derived from the three JSONs above.
    pub summary: Summary,
}

/// What a dashboard needs of one revision, derived from its form, score and findings at save
/// time ([`analyse::summarise`](crate::analyse::summarise)) and stored beside them, so that
/// dashboards aggregate columns instead of parsing JSON.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Summary {
    /// The grade the form prints (优 / 良 / 中 / 差), if scored.
    pub stated_grade: Option<String>,
    /// The grade of the recomputed total, if scored.
    pub recomputed_grade: Option<String>,
    /// 全年预算数 of the funds block's total row (年度资金总额), exact.
    pub annual_budget: Option<Decimal>,
    /// 全年执行数 of the same row, exact.
    pub executed: Option<Decimal>,
    /// The rule code of every error and warning finding, one per finding, sorted.
    pub rules: Vec<String>,
}

/// Which documents a dashboard aggregates (within the caller's [`Scope`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct DashboardFilter {
    /// Fiscal year.
    pub year: Option<i32>,
    /// The department the units belong to.
    pub department: Option<Id>,
}

/// One document as a dashboard aggregates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashboardRow {
    /// Document id.
    pub id: Id,
    /// Owning unit.
    pub unit_id: Id,
    /// The unit's name.
    pub unit: String,
    /// The unit's department.
    pub department_id: Option<Id>,
    /// Fiscal year.
    pub year: Option<i32>,
    /// Form kind.
    pub kind: FormKind,
    /// Project name.
    pub project: Option<String>,
    /// Workflow state.
    pub state: State,
    /// Stated total score of the current revision.
    pub stated_total: Option<Decimal>,
    /// Recomputed total score of the current revision.
    pub recomputed_total: Option<Decimal>,
    /// The current revision's summary.
    pub summary: Summary,
}

/// What [`Store::dashboard`](crate::Store::dashboard) answers.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Dashboard {
    /// The documents matching the filter, by id.
    pub rows: Vec<DashboardRow>,
    /// Every fiscal year of the documents in scope (ignoring the filter), ascending.
    pub years: Vec<i32>,
}

/// A document to create from one form of an uploaded file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDocument {
    /// The owning unit.
    pub unit_id: Id,
    /// Initial state: `draft` for uploads, `archived` for batch imports.
    pub state: State,
    /// The approved document this one adjusts (调整), if any.
    pub parent_id: Option<Id>,
    /// Rule set chosen for this document by finance (overrides the region's).
    pub ruleset_override: Option<String>,
    /// The first revision.
    pub analysis: Analysis,
}

/// A document's current summary, as lists show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocHead {
    /// Row id.
    pub id: Id,
    /// Owning unit.
    pub unit_id: Id,
    /// Owning unit's name.
    pub unit: String,
    /// The unit's department.
    pub department_id: Option<Id>,
    /// The unit's region.
    pub region_id: Id,
    /// Fiscal year.
    pub year: Option<i32>,
    /// Form kind.
    pub kind: FormKind,
    /// Project name.
    pub project: Option<String>,
    /// Workflow state.
    pub state: State,
    /// Current revision number (1 for a new document).
    pub revision: i32,
    /// Stated total score of the current revision.
    pub stated_total: Option<Decimal>,
    /// Recomputed total score of the current revision.
    pub recomputed_total: Option<Decimal>,
    /// Error findings of the current revision.
    pub errors: i32,
    /// Warning findings of the current revision.
    pub warnings: i32,
    /// Rule set of the current revision.
    pub ruleset: String,
    /// Rule set override set by finance, if any.
    pub ruleset_override: Option<String>,
    /// The approved document this one adjusts, if any.
    pub parent_id: Option<Id>,
    /// Creation time.
    pub created_at: i64,
    /// Time of the last save or action.
    pub updated_at: i64,
}

/// One revision of a document, whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    /// Revision number, from 1.
    pub revision: i32,
    /// Who saved it.
    pub created_by: String,
    /// When.
    pub created_at: i64,
    /// The source it was made from.
    pub source_id: Id,
    /// File name of the source.
    pub source_name: String,
    /// MIME type of the source.
    pub source_content_type: String,
    /// SHA-256 of the source bytes.
    pub source_sha256: String,
    /// What was stored for it.
    pub analysis: Analysis,
}

/// A document with its current revision and the text its lines refer to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocRecord {
    /// The summary.
    pub head: DocHead,
    /// The current revision.
    pub current: Revision,
    /// The text of the current revision's source.
    pub text: String,
}

/// Outcome of [`Store::save_revision`](crate::Store::save_revision).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Saved as this revision number.
    Saved(i32),
    /// The named revision is not the current one, which is given.
    Conflict(i32),
    /// The document is in a state where it cannot be edited.
    NotEditable(State),
    /// No such document.
    NotFound,
}

/// A workflow step to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvent {
    /// Who acted.
    pub actor_id: Id,
    /// `submit`, `withdraw`, `approve`, `return`, `adjust`, `ruleset`.
    pub action: String,
    /// State before.
    pub from: State,
    /// State after.
    pub to: State,
    /// The reviewer's reason or the actor's comment.
    pub comment: Option<String>,
    /// The client's address.
    pub client: String,
    /// The revision the action concerned.
    pub revision: i32,
}

/// A recorded workflow step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Who acted (username).
    pub actor: String,
    /// The actor's role.
    pub role: Role,
    /// What was done.
    pub action: String,
    /// State before.
    pub from: State,
    /// State after.
    pub to: State,
    /// Comment or reason.
    pub comment: Option<String>,
    /// Client address.
    pub client: String,
    /// Revision concerned.
    pub revision: i32,
    /// When (Unix ms).
    pub at: i64,
}

/// A submitter's written explanation of one error finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    /// Rule code of the finding.
    pub rule: String,
    /// Line of the finding.
    pub line: u32,
    /// The explanation.
    pub text: String,
}

/// A stored explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredExplanation {
    /// The revision it was given for.
    pub revision: i32,
    /// Rule code.
    pub rule: String,
    /// Line.
    pub line: u32,
    /// Text.
    pub text: String,
    /// Who wrote it.
    pub by: String,
    /// When.
    pub at: i64,
}

/// A reviewer's note on a finding: whether the unit's explanation is accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAnnotation {
    /// Revision annotated.
    pub revision: i32,
    /// Rule code of the finding.
    pub rule: String,
    /// Line of the finding.
    pub line: u32,
    /// Explanation accepted or not (`None`: a plain note).
    pub accepted: Option<bool>,
    /// The note.
    pub comment: String,
    /// Reviewer.
    pub by: Id,
}

/// A stored annotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Annotation {
    /// Revision annotated.
    pub revision: i32,
    /// Rule code.
    pub rule: String,
    /// Line.
    pub line: u32,
    /// Accepted or not.
    pub accepted: Option<bool>,
    /// Note.
    pub comment: String,
    /// Reviewer (username).
    pub by: String,
    /// When.
    pub at: i64,
}

/// Revision metadata for the history (the content is fetched per revision).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RevisionMeta {
    /// Number.
    pub revision: i32,
    /// Who saved it.
    pub created_by: String,
    /// When.
    pub created_at: i64,
    /// Source file name.
    pub source_name: String,
    /// Source MIME type.
    pub source_content_type: String,
    /// Source SHA-256.
    pub source_sha256: String,
    /// Stated total.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub stated_total: Option<Decimal>,
    /// Recomputed total.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub recomputed_total: Option<Decimal>,
    /// Error findings.
    pub errors: i32,
    /// Warning findings.
    pub warnings: i32,
    /// Rule set.
    pub ruleset: String,
}

/// Everything that happened to a document.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct History {
    /// Every revision, oldest first.
    pub revisions: Vec<RevisionMeta>,
    /// Every workflow event, oldest first.
    pub events: Vec<Event>,
    /// Explanations given with submissions.
    pub explanations: Vec<StoredExplanation>,
    /// Reviewers' annotations.
    pub annotations: Vec<Annotation>,
}

/// Which documents a caller may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// None (administrators).
    Nothing,
    /// The unit's own.
    Unit(Id),
    /// Every unit under the department.
    Department(Id),
    /// Every unit of the region.
    Region(Id),
    /// Everything (command-line tools on the database itself).
    All,
}

/// Filters and paging of a document list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListFilter {
    /// Fiscal year.
    pub year: Option<i32>,
    /// State.
    pub state: Option<State>,
    /// Form kind.
    pub kind: Option<FormKind>,
    /// Owning unit.
    pub unit: Option<Id>,
    /// Page, from 1.
    pub page: u32,
    /// Items per page (1–500).
    pub per_page: u32,
    /// Oldest change first (a review queue) instead of newest first.
    pub oldest_first: bool,
}

impl Default for ListFilter {
    fn default() -> Self {
        ListFilter {
            year: None,
            state: None,
            kind: None,
            unit: None,
            page: 1,
            per_page: 50,
            oldest_first: false,
        }
    }
}

/// A task issued by finance (任务下达): a form to deliver by a deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Task {
    /// Row id.
    pub id: Id,
    /// The issuing region.
    pub region_id: Id,
    /// What to deliver.
    pub kind: FormKind,
    /// For which fiscal year.
    pub year: i32,
    /// Deadline, `YYYY-MM-DD` (end of that day).
    pub deadline: String,
    /// Title shown to units.
    pub title: String,
    /// The units it was issued to.
    pub units: Vec<Id>,
    /// Issued by (username).
    pub created_by: String,
    /// When.
    pub created_at: i64,
}

/// A task to issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTask {
    /// Issuing region.
    pub region_id: Id,
    /// Form kind.
    pub kind: FormKind,
    /// Fiscal year.
    pub year: i32,
    /// `YYYY-MM-DD`.
    pub deadline: String,
    /// Title.
    pub title: String,
    /// Units (each must belong to the region).
    pub units: Vec<Id>,
    /// Issuer.
    pub created_by: Id,
}
