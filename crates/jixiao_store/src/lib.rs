//! The workbench store: one [`Store`] trait, implemented by one crate per backend
//! (`jixiao_store_sqlite`, the embedded default, and `jixiao_store_pg`).
//!
//! - [`types`]: organisations, users, documents, revisions, events, tasks;
//! - [`workflow`]: the review workflow as one table ([`workflow::next_state`]);
//! - [`analyse`]: what runs on every save (read → score → check);
//! - [`sql`]: the statements both SQL backends share;
//! - [`contract`]: the one test suite every backend must pass
//!   ([`store_contract_tests!`]).
//!
//! The trait is persistence only: it never decides who may do what (the web layer does,
//! with [`types::Scope`] and the workflow table), but it makes the decisions atomic: a save
//! names the revision it edits and fails with [`SaveOutcome::Conflict`] when that is stale;
//! a transition names the state it leaves and fails when the state moved meanwhile; the
//! documents of one upload are created together or not at all.
//!
//! Backends store money and scores exactly (PostgreSQL `NUMERIC`, SQLite text), bind every
//! parameter, and keep every revision and the verbatim bytes it was made from.

pub mod analyse;
pub mod contract;
pub mod sql;
pub mod types;
pub mod workflow;

pub use types::*;
pub use workflow::Action;

/// A store failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique value (username, organisation code) is taken.
    #[error("{0} already exists")]
    Duplicate(String),
    /// A referenced row does not exist or does not fit (a unit under a region).
    #[error("{0}")]
    Invalid(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(String),
}

/// Result of store calls.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Persistence of the workbench. Every method is one transaction.
#[async_trait::async_trait]
pub trait Store: Send + Sync {
    /// Creates or upgrades the schema (idempotent).
    async fn migrate(&self) -> Result<()>;
    /// True when the database holds no organisation, user or document.
    async fn is_empty(&self) -> Result<bool>;

    /// Creates an organisation under `parent_id` (whose kind must fit).
    async fn create_org(&self, org: &NewOrg) -> Result<Org>;
    /// An organisation by id.
    async fn org(&self, id: Id) -> Result<Option<Org>>;
    /// An organisation by code.
    async fn org_by_code(&self, code: &str) -> Result<Option<Org>>;
    /// Every organisation, by id.
    async fn orgs(&self) -> Result<Vec<Org>>;

    /// Creates a user.
    async fn create_user(&self, user: &NewUser) -> Result<User>;
    /// A user and its password hash, by username.
    async fn user_with_hash(&self, username: &str) -> Result<Option<(User, String)>>;
    /// Every user, by id.
    async fn users(&self) -> Result<Vec<User>>;

    /// Records a session by the SHA-256 of its token.
    async fn create_session(
        &self,
        token_hash: &str,
        user_id: Id,
        now: i64,
        expires_at: i64,
    ) -> Result<()>;
    /// The user of an unexpired session.
    async fn session_user(&self, token_hash: &str, now: i64) -> Result<Option<User>>;
    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> Result<()>;

    /// Creates the documents of one upload, all or none, sharing one source. Texts (the
    /// source's `text`, names, comments) hold no NUL character; bytes may hold anything.
    async fn create_documents(
        &self,
        source: &NewSource,
        docs: &[NewDocument],
        by: Id,
        now: i64,
    ) -> Result<Vec<DocHead>>;
    /// A page of the documents in `scope` matching `filter`, newest change first, and the
    /// total count.
    async fn list_documents(
        &self,
        scope: Scope,
        filter: &ListFilter,
    ) -> Result<(i64, Vec<DocHead>)>;
    /// A document with its current revision.
    async fn document(&self, id: Id) -> Result<Option<DocRecord>>;
    /// A stored source: the verbatim bytes of an upload or a submitted form.
    async fn source(&self, source_id: Id) -> Result<Option<NewSource>>;
    /// One revision of a document, with the text of its source.
    async fn revision(&self, id: Id, revision: i32) -> Result<Option<(Revision, String)>>;
    /// Saves a new revision if `expected` is the current one and the document's state is
    /// one of `editable_in`. `ruleset_override`: `Some(x)` sets the document's override.
    #[allow(clippy::too_many_arguments)]
    async fn save_revision(
        &self,
        id: Id,
        expected: i32,
        editable_in: &[State],
        source: &NewSource,
        analysis: &Analysis,
        ruleset_override: Option<Option<String>>,
        by: Id,
        now: i64,
    ) -> Result<SaveOutcome>;
    /// Moves a document from `event.from` to `event.to`, recording the event and the
    /// explanations; false (and nothing changed) when it is no longer in `event.from`.
    async fn transition(
        &self,
        id: Id,
        event: &NewEvent,
        explanations: &[Explanation],
        now: i64,
    ) -> Result<bool>;
    /// Revisions, events, explanations and annotations of a document.
    async fn history(&self, id: Id) -> Result<History>;
    /// Records a reviewer's annotation.
    async fn annotate(&self, id: Id, annotation: &NewAnnotation, now: i64) -> Result<()>;

    /// The documents in `scope` matching `filter` with their dashboard summaries, by id, and
    /// every year in scope. Rows saved before summaries were stored get theirs computed from
    /// their current revision now, and kept.
    async fn dashboard(&self, scope: Scope, filter: &DashboardFilter) -> Result<Dashboard>;

    /// The rule set a region configured for a year (or for all years: `year` none).
    async fn region_ruleset(&self, region_id: Id, year: Option<i32>) -> Result<Option<String>>;
    /// Every rule set a region configured: `(year, name)`, `None` for every year.
    async fn region_rulesets(&self, region_id: Id) -> Result<Vec<(Option<i32>, String)>>;
    /// Configures a region's rule set for a year (`None`: every year without its own).
    async fn set_region_ruleset(&self, region_id: Id, year: Option<i32>, name: &str) -> Result<()>;

    /// Issues a task.
    async fn create_task(&self, task: &NewTask, now: i64) -> Result<Task>;
    /// The tasks issued to units in `scope`, by deadline.
    async fn tasks(&self, scope: Scope) -> Result<Vec<Task>>;
}

/// Resolves the rule set of a form: the document's override, else the region's for the
/// year, else the region's for every year, else jixiao's default for the kind.
pub async fn ruleset_for(
    store: &dyn Store,
    region_id: Id,
    year: Option<i32>,
    kind: jixiao_model::FormKind,
    override_: Option<&str>,
) -> Result<String> {
    if let Some(o) = override_ {
        return Ok(o.to_string());
    }
    Ok(RegionRulesets(store.region_rulesets(region_id).await?).resolve(year, kind))
}

/// A region's rule-set configuration, read once and resolved per form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegionRulesets(pub Vec<(Option<i32>, String)>);

impl RegionRulesets {
    /// The region's set for `year`, else its set for every year, else jixiao's default for
    /// `kind`.
    pub fn resolve(&self, year: Option<i32>, kind: jixiao_model::FormKind) -> String {
        let find = |y: Option<i32>| self.0.iter().find(|(x, _)| *x == y).map(|(_, n)| n.clone());
        year.and_then(|y| find(Some(y)))
            .or_else(|| find(None))
            .unwrap_or_else(|| analyse::default_ruleset(kind).to_string())
    }
}
