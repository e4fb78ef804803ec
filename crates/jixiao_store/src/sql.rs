//! The SQL both backends share.
//!
//! The SQLite and PostgreSQL schemas have the same tables and columns (each backend has its
//! own migrations for its own types: `NUMERIC` and `BYTEA` in PostgreSQL, decimal text and
//! `BLOB` in SQLite), and every statement is built with sqlx's `QueryBuilder`, which writes
//! each backend's own placeholders (`?` / `$1`) and binds every value — no value is ever
//! spliced into SQL text. So the statements are written once, here, as a macro that each
//! backend crate expands for its own `sqlx` database type ([`sql_store!`](crate::sql_store)).
//!
//! A backend provides, at its crate root: `type Dec` (how a decimal is bound and read:
//! `String` for SQLite, `rust_decimal::Decimal` for PostgreSQL), `fn dec_in(Option<Decimal>)
//! -> Option<Dec>`, `fn dec_out(Option<Dec>) -> Result<Option<Decimal>, StoreError>`, and
//! `async fn run_migrations(&Pool) -> Result<(), StoreError>`.

/// Columns of a document summary (`d` documents, `o` the owning unit).
pub const HEAD_COLS: &str = "d.id, d.unit_id, o.name AS unit_name, d.department_id, d.region_id, \
    d.year, d.kind, d.project, d.state, d.revision, d.stated_total, d.recomputed_total, \
    d.errors, d.warnings, d.ruleset, d.ruleset_override, d.parent_id, d.created_at, d.updated_at \
    FROM documents d JOIN orgs o ON o.id = d.unit_id";

/// Columns of a user with its organisation.
pub const USER_COLS: &str = "u.id, u.username, u.role, u.password_hash, o.id AS org_id, \
    o.code AS org_code, o.name AS org_name, o.kind AS org_kind, o.parent_id AS org_parent, \
    o.region_id AS org_region, o.department_id AS org_department \
    FROM users u JOIN orgs o ON o.id = u.org_id";

/// Columns of a revision with its source and author.
pub const REVISION_COLS: &str = "r.revision, r.source_id, r.kind, r.year, r.project, \
    r.form_json, r.score_json, r.findings_json, r.stated_total, r.recomputed_total, r.errors, \
    r.warnings, r.ruleset, r.stated_grade, r.recomputed_grade, r.annual_budget, r.executed, \
    r.rules, r.created_at, COALESCE(u.username, 'jixiao') AS created_by, \
    s.name AS source_name, s.content_type AS source_content_type, s.sha256 AS source_sha256, \
    s.text AS source_text \
    FROM revisions r JOIN sources s ON s.id = r.source_id LEFT JOIN users u ON u.id = r.created_by";

/// Columns of a document as a dashboard aggregates it (`d` documents, `o` the owning unit).
pub const DASHBOARD_COLS: &str = "d.id, d.unit_id, o.name AS unit_name, d.department_id, \
    d.year, d.kind, d.project, d.state, d.stated_total, d.recomputed_total, d.stated_grade, \
    d.recomputed_grade, d.annual_budget, d.executed, d.rules \
    FROM documents d JOIN orgs o ON o.id = d.unit_id";

/// How [`Summary::rules`](crate::Summary::rules) is stored: the codes, space-separated.
pub fn rules_text(rules: &[String]) -> String {
    rules.join(" ")
}

/// Reads [`rules_text`] back.
pub fn rules_of(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// Implements [`Store`](crate::Store) for `$store` (a struct with a `pool: sqlx::Pool<$db>`
/// field) on the database type `$db`. See the module documentation.
#[macro_export]
macro_rules! sql_store {
    ($store:ident, $db:ty) => {
        mod sql_store_impl {
            use super::{dec_in, dec_out, run_migrations, $store};
            use jixiao_store::sql::{rules_of, rules_text, DASHBOARD_COLS, HEAD_COLS, REVISION_COLS, USER_COLS};
            use jixiao_store::*;
            use sqlx::{QueryBuilder, Row};

            type Q<'a> = QueryBuilder<'a, $db>;
            type DbRow = <$db as sqlx::Database>::Row;

            fn db(e: sqlx::Error) -> StoreError {
                if let Some(d) = e.as_database_error() {
                    if d.is_unique_violation() {
                        return StoreError::Duplicate(d.message().to_string());
                    }
                    if d.is_foreign_key_violation() || d.is_check_violation() {
                        return StoreError::Invalid(d.message().to_string());
                    }
                }
                StoreError::Database(e.to_string())
            }

            fn bad(what: &str, v: &str) -> StoreError {
                StoreError::Database(format!("unexpected {what} {v:?} in the database"))
            }

            fn org_from(r: &DbRow, p: &str) -> Result<Org> {
                let col = |c: &str| format!("{p}{c}");
                let kind: String = r.try_get(col("kind").as_str()).map_err(db)?;
                Ok(Org {
                    id: r.try_get(if p.is_empty() { "id" } else { "org_id" }).map_err(db)?,
                    code: r.try_get(col("code").as_str()).map_err(db)?,
                    name: r.try_get(col("name").as_str()).map_err(db)?,
                    kind: OrgKind::parse(&kind).ok_or_else(|| bad("organisation kind", &kind))?,
                    parent_id: r
                        .try_get(if p.is_empty() { "parent_id" } else { "org_parent" })
                        .map_err(db)?,
                    region_id: r
                        .try_get::<Option<i64>, _>(if p.is_empty() { "region_id" } else { "org_region" })
                        .map_err(db)?
                        .unwrap_or_default(),
                    department_id: r
                        .try_get(if p.is_empty() { "department_id" } else { "org_department" })
                        .map_err(db)?,
                })
            }

            fn user_from(r: &DbRow) -> Result<(User, String)> {
                let role: String = r.try_get("role").map_err(db)?;
                Ok((
                    User {
                        id: r.try_get("id").map_err(db)?,
                        username: r.try_get("username").map_err(db)?,
                        role: Role::parse(&role).ok_or_else(|| bad("role", &role))?,
                        org: org_from(r, "org_")?,
                    },
                    r.try_get("password_hash").map_err(db)?,
                ))
            }

            fn state_of(s: &str) -> Result<State> {
                State::parse(s).ok_or_else(|| bad("state", s))
            }

            fn head_from(r: &DbRow) -> Result<DocHead> {
                let kind: String = r.try_get("kind").map_err(db)?;
                let state: String = r.try_get("state").map_err(db)?;
                Ok(DocHead {
                    id: r.try_get("id").map_err(db)?,
                    unit_id: r.try_get("unit_id").map_err(db)?,
                    unit: r.try_get("unit_name").map_err(db)?,
                    department_id: r.try_get("department_id").map_err(db)?,
                    region_id: r.try_get("region_id").map_err(db)?,
                    year: r.try_get("year").map_err(db)?,
                    kind: parse_kind(&kind).ok_or_else(|| bad("form kind", &kind))?,
                    project: r.try_get("project").map_err(db)?,
                    state: state_of(&state)?,
                    revision: r.try_get("revision").map_err(db)?,
                    stated_total: dec_out(r.try_get("stated_total").map_err(db)?)?,
                    recomputed_total: dec_out(r.try_get("recomputed_total").map_err(db)?)?,
                    errors: r.try_get("errors").map_err(db)?,
                    warnings: r.try_get("warnings").map_err(db)?,
                    ruleset: r.try_get("ruleset").map_err(db)?,
                    ruleset_override: r.try_get("ruleset_override").map_err(db)?,
                    parent_id: r.try_get("parent_id").map_err(db)?,
                    created_at: r.try_get("created_at").map_err(db)?,
                    updated_at: r.try_get("updated_at").map_err(db)?,
                })
            }

            /// The stored summary of a row (`None`: saved before summaries were kept).
            fn summary_from(r: &DbRow) -> Result<Option<Summary>> {
                let Some(rules) = r.try_get::<Option<String>, _>("rules").map_err(db)? else {
                    return Ok(None);
                };
                Ok(Some(Summary {
                    stated_grade: r.try_get("stated_grade").map_err(db)?,
                    recomputed_grade: r.try_get("recomputed_grade").map_err(db)?,
                    annual_budget: dec_out(r.try_get("annual_budget").map_err(db)?)?,
                    executed: dec_out(r.try_get("executed").map_err(db)?)?,
                    rules: rules_of(&rules),
                }))
            }

            /// `stated_grade = …, …, rules = …` for an UPDATE.
            fn push_summary_set(q: &mut Q<'_>, s: &Summary) {
                q.push("stated_grade = ").push_bind(s.stated_grade.clone())
                    .push(", recomputed_grade = ").push_bind(s.recomputed_grade.clone())
                    .push(", annual_budget = ").push_bind(dec_in(s.annual_budget))
                    .push(", executed = ").push_bind(dec_in(s.executed))
                    .push(", rules = ").push_bind(rules_text(&s.rules));
            }

            fn dashboard_row_from(r: &DbRow) -> Result<DashboardRow> {
                let kind: String = r.try_get("kind").map_err(db)?;
                let state: String = r.try_get("state").map_err(db)?;
                Ok(DashboardRow {
                    id: r.try_get("id").map_err(db)?,
                    unit_id: r.try_get("unit_id").map_err(db)?,
                    unit: r.try_get("unit_name").map_err(db)?,
                    department_id: r.try_get("department_id").map_err(db)?,
                    year: r.try_get("year").map_err(db)?,
                    kind: parse_kind(&kind).ok_or_else(|| bad("form kind", &kind))?,
                    project: r.try_get("project").map_err(db)?,
                    state: state_of(&state)?,
                    stated_total: dec_out(r.try_get("stated_total").map_err(db)?)?,
                    recomputed_total: dec_out(r.try_get("recomputed_total").map_err(db)?)?,
                    summary: summary_from(r)?.unwrap_or_default(),
                })
            }

            fn revision_from(r: &DbRow) -> Result<(Revision, String)> {
                let kind: String = r.try_get("kind").map_err(db)?;
                let form_json: String = r.try_get("form_json").map_err(db)?;
                let score_json: Option<String> = r.try_get("score_json").map_err(db)?;
                let findings_json: String = r.try_get("findings_json").map_err(db)?;
                let summary = match summary_from(r)? {
                    Some(s) => s,
                    None => jixiao_store::analyse::summarise(&form_json, score_json.as_deref(), &findings_json),
                };
                Ok((
                    Revision {
                        revision: r.try_get("revision").map_err(db)?,
                        created_by: r.try_get("created_by").map_err(db)?,
                        created_at: r.try_get("created_at").map_err(db)?,
                        source_id: r.try_get("source_id").map_err(db)?,
                        source_name: r.try_get("source_name").map_err(db)?,
                        source_content_type: r.try_get("source_content_type").map_err(db)?,
                        source_sha256: r.try_get("source_sha256").map_err(db)?,
                        analysis: Analysis {
                            kind: parse_kind(&kind).ok_or_else(|| bad("form kind", &kind))?,
                            year: r.try_get("year").map_err(db)?,
                            project: r.try_get("project").map_err(db)?,
                            form_json,
                            score_json,
                            findings_json,
                            stated_total: dec_out(r.try_get("stated_total").map_err(db)?)?,
                            recomputed_total: dec_out(r.try_get("recomputed_total").map_err(db)?)?,
                            errors: r.try_get("errors").map_err(db)?,
                            warnings: r.try_get("warnings").map_err(db)?,
                            ruleset: r.try_get("ruleset").map_err(db)?,
                            summary,
                        },
                    },
                    r.try_get("source_text").map_err(db)?,
                ))
            }

            fn task_from(r: &DbRow) -> Result<Task> {
                let kind: String = r.try_get("kind").map_err(db)?;
                Ok(Task {
                    id: r.try_get("id").map_err(db)?,
                    region_id: r.try_get("region_id").map_err(db)?,
                    kind: parse_kind(&kind).ok_or_else(|| bad("form kind", &kind))?,
                    year: r.try_get("year").map_err(db)?,
                    deadline: r.try_get("deadline").map_err(db)?,
                    title: r.try_get("title").map_err(db)?,
                    units: Vec::new(),
                    created_by: r.try_get("created_by_name").map_err(db)?,
                    created_at: r.try_get("created_at").map_err(db)?,
                })
            }

            /// `AND <col> = <scope id>` for a scope over organisations aliased `o`/`d`.
            fn push_scope(q: &mut Q<'_>, scope: Scope, unit: &str, dept: &str, region: &str) {
                match scope {
                    Scope::Nothing => {
                        q.push(" AND 1 = 0");
                    }
                    Scope::Unit(id) => {
                        q.push(format!(" AND {unit} = ")).push_bind(id);
                    }
                    Scope::Department(id) => {
                        q.push(format!(" AND {dept} = ")).push_bind(id);
                    }
                    Scope::Region(id) => {
                        q.push(format!(" AND {region} = ")).push_bind(id);
                    }
                    Scope::All => {}
                }
            }

            async fn org_in<'e, E>(ex: E, id: i64) -> Result<Option<Org>>
            where
                E: sqlx::Executor<'e, Database = $db>,
            {
                let mut q = Q::new("SELECT id, code, name, kind, parent_id, region_id, department_id FROM orgs WHERE id = ");
                q.push_bind(id);
                q.build().fetch_optional(ex).await.map_err(db)?.map(|r| org_from(&r, "")).transpose()
            }

            async fn head_in<'e, E>(ex: E, id: i64) -> Result<Option<DocHead>>
            where
                E: sqlx::Executor<'e, Database = $db>,
            {
                let mut q = Q::new(format!("SELECT {HEAD_COLS} WHERE d.id = "));
                q.push_bind(id);
                q.build().fetch_optional(ex).await.map_err(db)?.map(|r| head_from(&r)).transpose()
            }

            async fn insert_source(
                tx: &mut sqlx::Transaction<'_, $db>,
                s: &NewSource,
                now: i64,
            ) -> Result<i64> {
                let mut q = Q::new("INSERT INTO sources (name, content_type, sha256, bytes, text, created_at) VALUES (");
                q.push_bind(s.name.clone()).push(", ")
                    .push_bind(s.content_type.clone()).push(", ")
                    .push_bind(s.sha256.clone()).push(", ")
                    .push_bind(s.bytes.clone()).push(", ")
                    .push_bind(s.text.clone()).push(", ")
                    .push_bind(now).push(") RETURNING id");
                q.build().fetch_one(&mut **tx).await.map_err(db)?.try_get("id").map_err(db)
            }

            async fn insert_revision(
                tx: &mut sqlx::Transaction<'_, $db>,
                id: i64,
                revision: i32,
                source_id: i64,
                a: &Analysis,
                by: i64,
                now: i64,
            ) -> Result<()> {
                let mut q = Q::new("INSERT INTO revisions (document_id, revision, source_id, kind, year, project, form_json, score_json, findings_json, stated_total, recomputed_total, errors, warnings, ruleset, stated_grade, recomputed_grade, annual_budget, executed, rules, created_by, created_at) VALUES (");
                let mut v = q.separated(", ");
                v.push_bind(id).push_bind(revision).push_bind(source_id)
                    .push_bind(a.kind.as_str()).push_bind(a.year).push_bind(a.project.clone())
                    .push_bind(a.form_json.clone()).push_bind(a.score_json.clone())
                    .push_bind(a.findings_json.clone()).push_bind(dec_in(a.stated_total))
                    .push_bind(dec_in(a.recomputed_total)).push_bind(a.errors)
                    .push_bind(a.warnings).push_bind(a.ruleset.clone())
                    .push_bind(a.summary.stated_grade.clone()).push_bind(a.summary.recomputed_grade.clone())
                    .push_bind(dec_in(a.summary.annual_budget)).push_bind(dec_in(a.summary.executed))
                    .push_bind(rules_text(&a.summary.rules))
                    .push_bind(by).push_bind(now);
                q.push(")");
                q.build().execute(&mut **tx).await.map_err(db)?;
                Ok(())
            }

            async fn scalar_i64<'e, E>(ex: E, mut q: Q<'_>) -> Result<i64>
            where
                E: sqlx::Executor<'e, Database = $db>,
            {
                q.build().fetch_one(ex).await.map_err(db)?.try_get(0).map_err(db)
            }

            #[async_trait::async_trait]
            impl Store for $store {
                async fn migrate(&self) -> Result<()> {
                    run_migrations(&self.pool).await
                }

                async fn is_empty(&self) -> Result<bool> {
                    let q = Q::new("SELECT (SELECT COUNT(*) FROM orgs) + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM documents)");
                    Ok(scalar_i64(&self.pool, q).await? == 0)
                }

                async fn create_org(&self, org: &NewOrg) -> Result<Org> {
                    let mut tx = self.pool.begin().await.map_err(db)?;
                    let parent = match org.parent_id {
                        Some(p) => Some(org_in(&mut *tx, p).await?.ok_or_else(|| {
                            StoreError::Invalid(format!("no parent organisation {p}"))
                        })?),
                        None => None,
                    };
                    if parent.as_ref().map(|p| p.kind) != org.kind.parent_kind() {
                        return Err(StoreError::Invalid(format!(
                            "a {} must sit under a {}",
                            org.kind.as_str(),
                            org.kind.parent_kind().map(|k| k.as_str()).unwrap_or("nothing (it is a root)")
                        )));
                    }
                    let mut q = Q::new("INSERT INTO orgs (code, name, kind, parent_id, region_id, department_id) VALUES (");
                    let mut v = q.separated(", ");
                    v.push_bind(org.code.clone()).push_bind(org.name.clone())
                        .push_bind(org.kind.as_str()).push_bind(org.parent_id)
                        .push_bind(parent.as_ref().map(|p| p.region_id))
                        .push_bind(parent.as_ref().and_then(|p| p.department_id));
                    q.push(") RETURNING id");
                    let id: i64 = q.build().fetch_one(&mut *tx).await.map_err(db)?.try_get("id").map_err(db)?;
                    let own = match org.kind {
                        OrgKind::Region => Some("region_id"),
                        OrgKind::Department => Some("department_id"),
                        OrgKind::Unit => None,
                    };
                    if let Some(col) = own {
                        let mut q = Q::new(format!("UPDATE orgs SET {col} = id WHERE id = "));
                        q.push_bind(id);
                        q.build().execute(&mut *tx).await.map_err(db)?;
                    }
                    let made = org_in(&mut *tx, id).await?.ok_or_else(|| StoreError::Database("organisation vanished".into()))?;
                    tx.commit().await.map_err(db)?;
                    Ok(made)
                }

                async fn org(&self, id: Id) -> Result<Option<Org>> {
                    org_in(&self.pool, id).await
                }

                async fn org_by_code(&self, code: &str) -> Result<Option<Org>> {
                    let mut q = Q::new("SELECT id, code, name, kind, parent_id, region_id, department_id FROM orgs WHERE code = ");
                    q.push_bind(code.to_string());
                    q.build().fetch_optional(&self.pool).await.map_err(db)?.map(|r| org_from(&r, "")).transpose()
                }

                async fn orgs(&self) -> Result<Vec<Org>> {
                    let mut q = Q::new("SELECT id, code, name, kind, parent_id, region_id, department_id FROM orgs ORDER BY id");
                    q.build().fetch_all(&self.pool).await.map_err(db)?.iter().map(|r| org_from(r, "")).collect()
                }

                async fn create_user(&self, user: &NewUser) -> Result<User> {
                    let mut tx = self.pool.begin().await.map_err(db)?;
                    if org_in(&mut *tx, user.org_id).await?.is_none() {
                        return Err(StoreError::Invalid(format!("no organisation {}", user.org_id)));
                    }
                    let mut q = Q::new("INSERT INTO users (username, password_hash, role, org_id) VALUES (");
                    let mut v = q.separated(", ");
                    v.push_bind(user.username.clone()).push_bind(user.password_hash.clone())
                        .push_bind(user.role.as_str()).push_bind(user.org_id);
                    q.push(")");
                    q.build().execute(&mut *tx).await.map_err(|e| match db(e) {
                        StoreError::Duplicate(_) => StoreError::Duplicate(format!("user {:?}", user.username)),
                        e => e,
                    })?;
                    let mut q = Q::new(format!("SELECT {USER_COLS} WHERE u.username = "));
                    q.push_bind(user.username.clone());
                    let row = q.build().fetch_one(&mut *tx).await.map_err(db)?;
                    tx.commit().await.map_err(db)?;
                    Ok(user_from(&row)?.0)
                }

                async fn user_with_hash(&self, username: &str) -> Result<Option<(User, String)>> {
                    let mut q = Q::new(format!("SELECT {USER_COLS} WHERE u.username = "));
                    q.push_bind(username.to_string());
                    q.build().fetch_optional(&self.pool).await.map_err(db)?.map(|r| user_from(&r)).transpose()
                }

                async fn users(&self) -> Result<Vec<User>> {
                    let mut q = Q::new(format!("SELECT {USER_COLS} ORDER BY u.id"));
                    q.build().fetch_all(&self.pool).await.map_err(db)?.iter().map(|r| user_from(r).map(|x| x.0)).collect()
                }

                async fn create_session(&self, token_hash: &str, user_id: Id, now: i64, expires_at: i64) -> Result<()> {
                    let mut q = Q::new("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (");
                    let mut v = q.separated(", ");
                    v.push_bind(token_hash.to_string()).push_bind(user_id).push_bind(now).push_bind(expires_at);
                    q.push(")");
                    q.build().execute(&self.pool).await.map_err(db)?;
                    // Expired sessions are removed as new ones start.
                    let mut q = Q::new("DELETE FROM sessions WHERE expires_at <= ");
                    q.push_bind(now);
                    q.build().execute(&self.pool).await.map_err(db)?;
                    Ok(())
                }

                async fn session_user(&self, token_hash: &str, now: i64) -> Result<Option<User>> {
                    let mut q = Q::new(format!("SELECT {USER_COLS} JOIN sessions x ON x.user_id = u.id WHERE x.token_hash = "));
                    q.push_bind(token_hash.to_string()).push(" AND x.expires_at > ").push_bind(now);
                    q.build().fetch_optional(&self.pool).await.map_err(db)?.map(|r| user_from(&r).map(|x| x.0)).transpose()
                }

                async fn delete_session(&self, token_hash: &str) -> Result<()> {
                    let mut q = Q::new("DELETE FROM sessions WHERE token_hash = ");
                    q.push_bind(token_hash.to_string());
                    q.build().execute(&self.pool).await.map_err(db)?;
                    Ok(())
                }

                async fn create_documents(&self, source: &NewSource, docs: &[NewDocument], by: Id, now: i64) -> Result<Vec<DocHead>> {
                    let mut tx = self.pool.begin().await.map_err(db)?;
                    let source_id = insert_source(&mut tx, source, now).await?;
                    let mut heads = Vec::with_capacity(docs.len());
                    for d in docs {
                        let unit = org_in(&mut *tx, d.unit_id).await?
                            .filter(|o| o.kind == OrgKind::Unit)
                            .ok_or_else(|| StoreError::Invalid(format!("no budget unit {}", d.unit_id)))?;
                        let a = &d.analysis;
                        let mut q = Q::new("INSERT INTO documents (unit_id, department_id, region_id, year, kind, project, state, revision, stated_total, recomputed_total, errors, warnings, ruleset, ruleset_override, parent_id, created_at, updated_at, stated_grade, recomputed_grade, annual_budget, executed, rules) VALUES (");
                        let mut v = q.separated(", ");
                        v.push_bind(unit.id).push_bind(unit.department_id).push_bind(unit.region_id)
                            .push_bind(a.year).push_bind(a.kind.as_str()).push_bind(a.project.clone())
                            .push_bind(d.state.as_str()).push_bind(1i32)
                            .push_bind(dec_in(a.stated_total)).push_bind(dec_in(a.recomputed_total))
                            .push_bind(a.errors).push_bind(a.warnings).push_bind(a.ruleset.clone())
                            .push_bind(d.ruleset_override.clone()).push_bind(d.parent_id)
                            .push_bind(now).push_bind(now)
                            .push_bind(a.summary.stated_grade.clone()).push_bind(a.summary.recomputed_grade.clone())
                            .push_bind(dec_in(a.summary.annual_budget)).push_bind(dec_in(a.summary.executed))
                            .push_bind(rules_text(&a.summary.rules));
                        q.push(") RETURNING id");
                        let id: i64 = q.build().fetch_one(&mut *tx).await.map_err(db)?.try_get("id").map_err(db)?;
                        insert_revision(&mut tx, id, 1, source_id, a, by, now).await?;
                        heads.push(DocHead {
                            id,
                            unit_id: unit.id,
                            unit: unit.name.clone(),
                            department_id: unit.department_id,
                            region_id: unit.region_id,
                            year: a.year,
                            kind: a.kind,
                            project: a.project.clone(),
                            state: d.state,
                            revision: 1,
                            stated_total: a.stated_total,
                            recomputed_total: a.recomputed_total,
                            errors: a.errors,
                            warnings: a.warnings,
                            ruleset: a.ruleset.clone(),
                            ruleset_override: d.ruleset_override.clone(),
                            parent_id: d.parent_id,
                            created_at: now,
                            updated_at: now,
                        });
                    }
                    tx.commit().await.map_err(db)?;
                    Ok(heads)
                }

                async fn list_documents(&self, scope: Scope, f: &ListFilter) -> Result<(i64, Vec<DocHead>)> {
                    let filters = |q: &mut Q<'_>| {
                        push_scope(q, scope, "d.unit_id", "d.department_id", "d.region_id");
                        if let Some(y) = f.year {
                            q.push(" AND d.year = ").push_bind(y);
                        }
                        if let Some(s) = f.state {
                            q.push(" AND d.state = ").push_bind(s.as_str());
                        }
                        if let Some(k) = f.kind {
                            q.push(" AND d.kind = ").push_bind(k.as_str());
                        }
                        if let Some(u) = f.unit {
                            q.push(" AND d.unit_id = ").push_bind(u);
                        }
                    };
                    let mut count = Q::new("SELECT COUNT(*) FROM documents d WHERE 1 = 1");
                    filters(&mut count);
                    let total = scalar_i64(&self.pool, count).await?;
                    let per_page = i64::from(f.per_page.clamp(1, 500));
                    let offset = i64::from(f.page.max(1) - 1) * per_page;
                    let mut q = Q::new(format!("SELECT {HEAD_COLS} WHERE 1 = 1"));
                    filters(&mut q);
                    q.push(if f.oldest_first {
                        " ORDER BY d.updated_at ASC, d.id ASC LIMIT "
                    } else {
                        " ORDER BY d.updated_at DESC, d.id DESC LIMIT "
                    })
                    .push_bind(per_page)
                        .push(" OFFSET ").push_bind(offset);
                    let rows = q.build().fetch_all(&self.pool).await.map_err(db)?;
                    Ok((total, rows.iter().map(head_from).collect::<Result<_>>()?))
                }

                async fn document(&self, id: Id) -> Result<Option<DocRecord>> {
                    let Some(head) = head_in(&self.pool, id).await? else { return Ok(None) };
                    let (current, text) = self.revision(id, head.revision).await?
                        .ok_or_else(|| StoreError::Database(format!("document {id} lacks its current revision")))?;
                    Ok(Some(DocRecord { head, current, text }))
                }

                async fn source(&self, source_id: Id) -> Result<Option<NewSource>> {
                    let mut q = Q::new("SELECT name, content_type, sha256, bytes, text FROM sources WHERE id = ");
                    q.push_bind(source_id);
                    q.build().fetch_optional(&self.pool).await.map_err(db)?.map(|r| Ok(NewSource {
                        name: r.try_get("name").map_err(db)?,
                        content_type: r.try_get("content_type").map_err(db)?,
                        sha256: r.try_get("sha256").map_err(db)?,
                        bytes: r.try_get("bytes").map_err(db)?,
                        text: r.try_get("text").map_err(db)?,
                    })).transpose()
                }

                async fn revision(&self, id: Id, revision: i32) -> Result<Option<(Revision, String)>> {
                    let mut q = Q::new(format!("SELECT {REVISION_COLS} WHERE r.document_id = "));
                    q.push_bind(id).push(" AND r.revision = ").push_bind(revision);
                    q.build().fetch_optional(&self.pool).await.map_err(db)?.map(|r| revision_from(&r)).transpose()
                }

                async fn save_revision(
                    &self,
                    id: Id,
                    expected: i32,
                    editable_in: &[State],
                    source: &NewSource,
                    a: &Analysis,
                    ruleset_override: Option<Option<String>>,
                    by: Id,
                    now: i64,
                ) -> Result<SaveOutcome> {
                    let mut tx = self.pool.begin().await.map_err(db)?;
                    // The update comes first: it takes the row (or database) write lock, so a
                    // concurrent save with the same revision waits and then matches no row.
                    let mut q = Q::new("UPDATE documents SET revision = revision + 1, year = ");
                    q.push_bind(a.year).push(", project = ").push_bind(a.project.clone())
                        .push(", stated_total = ").push_bind(dec_in(a.stated_total))
                        .push(", recomputed_total = ").push_bind(dec_in(a.recomputed_total))
                        .push(", errors = ").push_bind(a.errors)
                        .push(", warnings = ").push_bind(a.warnings)
                        .push(", ruleset = ").push_bind(a.ruleset.clone())
                        .push(", updated_at = ").push_bind(now).push(", ");
                    push_summary_set(&mut q, &a.summary);
                    if let Some(o) = &ruleset_override {
                        q.push(", ruleset_override = ").push_bind(o.clone());
                    }
                    q.push(" WHERE id = ").push_bind(id).push(" AND revision = ").push_bind(expected)
                        .push(" AND kind = ").push_bind(a.kind.as_str())
                        .push(" AND state IN (");
                    let mut v = q.separated(", ");
                    for s in editable_in {
                        v.push_bind(s.as_str());
                    }
                    if editable_in.is_empty() {
                        v.push("''");
                    }
                    q.push(")");
                    let n = q.build().execute(&mut *tx).await.map_err(db)?.rows_affected();
                    if n == 0 {
                        let head = head_in(&mut *tx, id).await?;
                        tx.rollback().await.map_err(db)?;
                        return Ok(match head {
                            None => SaveOutcome::NotFound,
                            Some(h) if !editable_in.contains(&h.state) => SaveOutcome::NotEditable(h.state),
                            Some(h) if h.kind != a.kind => return Err(StoreError::Invalid(format!(
                                "document {id} is a {}, not a {}", h.kind.as_str(), a.kind.as_str()))),
                            Some(h) => SaveOutcome::Conflict(h.revision),
                        });
                    }
                    let source_id = insert_source(&mut tx, source, now).await?;
                    insert_revision(&mut tx, id, expected + 1, source_id, a, by, now).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(SaveOutcome::Saved(expected + 1))
                }

                async fn transition(&self, id: Id, e: &NewEvent, explanations: &[Explanation], now: i64) -> Result<bool> {
                    let mut tx = self.pool.begin().await.map_err(db)?;
                    let mut q = Q::new("UPDATE documents SET state = ");
                    q.push_bind(e.to.as_str()).push(", updated_at = ").push_bind(now)
                        .push(" WHERE id = ").push_bind(id).push(" AND state = ").push_bind(e.from.as_str())
                        .push(" AND revision = ").push_bind(e.revision);
                    if q.build().execute(&mut *tx).await.map_err(db)?.rows_affected() == 0 {
                        tx.rollback().await.map_err(db)?;
                        return Ok(false);
                    }
                    let mut q = Q::new("INSERT INTO events (document_id, actor_id, action, from_state, to_state, comment, client, revision, at) VALUES (");
                    let mut v = q.separated(", ");
                    v.push_bind(id).push_bind(e.actor_id).push_bind(e.action.clone())
                        .push_bind(e.from.as_str()).push_bind(e.to.as_str()).push_bind(e.comment.clone())
                        .push_bind(e.client.clone()).push_bind(e.revision).push_bind(now);
                    q.push(")");
                    q.build().execute(&mut *tx).await.map_err(db)?;
                    for x in explanations {
                        let mut q = Q::new("INSERT INTO explanations (document_id, revision, rule, line, text, by_id, at) VALUES (");
                        let mut v = q.separated(", ");
                        v.push_bind(id).push_bind(e.revision).push_bind(x.rule.clone())
                            .push_bind(x.line as i32).push_bind(x.text.clone()).push_bind(e.actor_id).push_bind(now);
                        q.push(")");
                        q.build().execute(&mut *tx).await.map_err(db)?;
                    }
                    tx.commit().await.map_err(db)?;
                    Ok(true)
                }

                async fn history(&self, id: Id) -> Result<History> {
                    let mut h = History::default();
                    let mut q = Q::new("SELECT r.revision, COALESCE(u.username, 'jixiao') AS created_by, r.created_at, s.name, s.content_type, s.sha256, r.stated_total, r.recomputed_total, r.errors, r.warnings, r.ruleset FROM revisions r JOIN sources s ON s.id = r.source_id LEFT JOIN users u ON u.id = r.created_by WHERE r.document_id = ");
                    q.push_bind(id).push(" ORDER BY r.revision");
                    for r in q.build().fetch_all(&self.pool).await.map_err(db)? {
                        h.revisions.push(RevisionMeta {
                            revision: r.try_get("revision").map_err(db)?,
                            created_by: r.try_get("created_by").map_err(db)?,
                            created_at: r.try_get("created_at").map_err(db)?,
                            source_name: r.try_get("name").map_err(db)?,
                            source_content_type: r.try_get("content_type").map_err(db)?,
                            source_sha256: r.try_get("sha256").map_err(db)?,
                            stated_total: dec_out(r.try_get("stated_total").map_err(db)?)?,
                            recomputed_total: dec_out(r.try_get("recomputed_total").map_err(db)?)?,
                            errors: r.try_get("errors").map_err(db)?,
                            warnings: r.try_get("warnings").map_err(db)?,
                            ruleset: r.try_get("ruleset").map_err(db)?,
                        });
                    }
                    let mut q = Q::new("SELECT COALESCE(u.username, 'jixiao') AS actor, COALESCE(u.role, 'admin') AS role, e.action, e.from_state, e.to_state, e.comment, e.client, e.revision, e.at FROM events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.document_id = ");
                    q.push_bind(id).push(" ORDER BY e.id");
                    for r in q.build().fetch_all(&self.pool).await.map_err(db)? {
                        let role: String = r.try_get("role").map_err(db)?;
                        let from: String = r.try_get("from_state").map_err(db)?;
                        let to: String = r.try_get("to_state").map_err(db)?;
                        h.events.push(Event {
                            actor: r.try_get("actor").map_err(db)?,
                            role: Role::parse(&role).ok_or_else(|| bad("role", &role))?,
                            action: r.try_get("action").map_err(db)?,
                            from: state_of(&from)?,
                            to: state_of(&to)?,
                            comment: r.try_get("comment").map_err(db)?,
                            client: r.try_get("client").map_err(db)?,
                            revision: r.try_get("revision").map_err(db)?,
                            at: r.try_get("at").map_err(db)?,
                        });
                    }
                    let mut q = Q::new("SELECT x.revision, x.rule, x.line, x.text, COALESCE(u.username, 'jixiao') AS by_name, x.at FROM explanations x LEFT JOIN users u ON u.id = x.by_id WHERE x.document_id = ");
                    q.push_bind(id).push(" ORDER BY x.id");
                    for r in q.build().fetch_all(&self.pool).await.map_err(db)? {
                        h.explanations.push(StoredExplanation {
                            revision: r.try_get("revision").map_err(db)?,
                            rule: r.try_get("rule").map_err(db)?,
                            line: r.try_get::<i32, _>("line").map_err(db)?.max(0) as u32,
                            text: r.try_get("text").map_err(db)?,
                            by: r.try_get("by_name").map_err(db)?,
                            at: r.try_get("at").map_err(db)?,
                        });
                    }
                    let mut q = Q::new("SELECT a.revision, a.rule, a.line, a.accepted, a.comment, COALESCE(u.username, 'jixiao') AS by_name, a.at FROM annotations a LEFT JOIN users u ON u.id = a.by_id WHERE a.document_id = ");
                    q.push_bind(id).push(" ORDER BY a.id");
                    for r in q.build().fetch_all(&self.pool).await.map_err(db)? {
                        h.annotations.push(Annotation {
                            revision: r.try_get("revision").map_err(db)?,
                            rule: r.try_get("rule").map_err(db)?,
                            line: r.try_get::<i32, _>("line").map_err(db)?.max(0) as u32,
                            accepted: r.try_get::<Option<i32>, _>("accepted").map_err(db)?.map(|x| x != 0),
                            comment: r.try_get("comment").map_err(db)?,
                            by: r.try_get("by_name").map_err(db)?,
                            at: r.try_get("at").map_err(db)?,
                        });
                    }
                    Ok(h)
                }

                async fn annotate(&self, id: Id, a: &NewAnnotation, now: i64) -> Result<()> {
                    let mut q = Q::new("INSERT INTO annotations (document_id, revision, rule, line, accepted, comment, by_id, at) VALUES (");
                    let mut v = q.separated(", ");
                    v.push_bind(id).push_bind(a.revision).push_bind(a.rule.clone()).push_bind(a.line as i32)
                        .push_bind(a.accepted.map(i32::from)).push_bind(a.comment.clone()).push_bind(a.by).push_bind(now);
                    q.push(")");
                    q.build().execute(&self.pool).await.map_err(db)?;
                    Ok(())
                }

                async fn dashboard(&self, scope: Scope, f: &DashboardFilter) -> Result<Dashboard> {
                    // Rows saved before summaries were stored: compute theirs from the current
                    // revision's JSON, a batch at a time, and keep them (documents and revisions).
                    let mut after = 0i64;
                    loop {
                        let mut q = Q::new("SELECT d.id, d.revision, r.form_json, r.score_json, r.findings_json FROM documents d JOIN revisions r ON r.document_id = d.id AND r.revision = d.revision WHERE d.rules IS NULL AND d.id > ");
                        q.push_bind(after);
                        push_scope(&mut q, scope, "d.unit_id", "d.department_id", "d.region_id");
                        q.push(" ORDER BY d.id LIMIT 200");
                        let stale = q.build().fetch_all(&self.pool).await.map_err(db)?;
                        let Some(last) = stale.last() else { break };
                        after = last.try_get("id").map_err(db)?;
                        let mut tx = self.pool.begin().await.map_err(db)?;
                        for r in &stale {
                            let id: i64 = r.try_get("id").map_err(db)?;
                            let revision: i32 = r.try_get("revision").map_err(db)?;
                            let form_json: String = r.try_get("form_json").map_err(db)?;
                            let score_json: Option<String> = r.try_get("score_json").map_err(db)?;
                            let findings_json: String = r.try_get("findings_json").map_err(db)?;
                            let s = jixiao_store::analyse::summarise(&form_json, score_json.as_deref(), &findings_json);
                            for table in ["documents", "revisions"] {
                                let mut q = Q::new(format!("UPDATE {table} SET "));
                                push_summary_set(&mut q, &s);
                                if table == "documents" {
                                    q.push(" WHERE id = ").push_bind(id).push(" AND revision = ").push_bind(revision);
                                } else {
                                    q.push(" WHERE document_id = ").push_bind(id).push(" AND revision = ").push_bind(revision);
                                }
                                q.push(" AND rules IS NULL");
                                q.build().execute(&mut *tx).await.map_err(db)?;
                            }
                        }
                        tx.commit().await.map_err(db)?;
                    }
                    let mut q = Q::new("SELECT DISTINCT d.year FROM documents d WHERE d.year IS NOT NULL");
                    push_scope(&mut q, scope, "d.unit_id", "d.department_id", "d.region_id");
                    q.push(" ORDER BY d.year");
                    let years = q.build().fetch_all(&self.pool).await.map_err(db)?
                        .iter().map(|r| r.try_get::<i32, _>(0).map_err(db)).collect::<Result<Vec<_>>>()?;
                    let mut q = Q::new(format!("SELECT {DASHBOARD_COLS} WHERE 1 = 1"));
                    push_scope(&mut q, scope, "d.unit_id", "d.department_id", "d.region_id");
                    if let Some(y) = f.year {
                        q.push(" AND d.year = ").push_bind(y);
                    }
                    if let Some(dep) = f.department {
                        q.push(" AND d.department_id = ").push_bind(dep);
                    }
                    q.push(" ORDER BY d.id");
                    let rows = q.build().fetch_all(&self.pool).await.map_err(db)?;
                    Ok(Dashboard {
                        rows: rows.iter().map(dashboard_row_from).collect::<Result<_>>()?,
                        years,
                    })
                }

                async fn region_ruleset(&self, region_id: Id, year: Option<i32>) -> Result<Option<String>> {
                    let mut q = Q::new("SELECT name FROM region_rulesets WHERE region_id = ");
                    q.push_bind(region_id).push(" AND year = ").push_bind(year.unwrap_or(0));
                    q.build().fetch_optional(&self.pool).await.map_err(db)?.map(|r| r.try_get("name").map_err(db)).transpose()
                }

                async fn region_rulesets(&self, region_id: Id) -> Result<Vec<(Option<i32>, String)>> {
                    let mut q = Q::new("SELECT year, name FROM region_rulesets WHERE region_id = ");
                    q.push_bind(region_id).push(" ORDER BY year");
                    q.build().fetch_all(&self.pool).await.map_err(db)?.iter().map(|r| {
                        let year: i32 = r.try_get("year").map_err(db)?;
                        Ok(((year != 0).then_some(year), r.try_get("name").map_err(db)?))
                    }).collect()
                }

                async fn set_region_ruleset(&self, region_id: Id, year: Option<i32>, name: &str) -> Result<()> {
                    let mut q = Q::new("INSERT INTO region_rulesets (region_id, year, name) VALUES (");
                    let mut v = q.separated(", ");
                    v.push_bind(region_id).push_bind(year.unwrap_or(0)).push_bind(name.to_string());
                    q.push(") ON CONFLICT (region_id, year) DO UPDATE SET name = excluded.name");
                    q.build().execute(&self.pool).await.map_err(db)?;
                    Ok(())
                }

                async fn create_task(&self, t: &NewTask, now: i64) -> Result<Task> {
                    let mut tx = self.pool.begin().await.map_err(db)?;
                    for u in &t.units {
                        let ok = org_in(&mut *tx, *u).await?
                            .is_some_and(|o| o.kind == OrgKind::Unit && o.region_id == t.region_id);
                        if !ok {
                            return Err(StoreError::Invalid(format!("{u} is not a budget unit of the region")));
                        }
                    }
                    let mut q = Q::new("INSERT INTO tasks (region_id, kind, year, deadline, title, created_by, created_at) VALUES (");
                    let mut v = q.separated(", ");
                    v.push_bind(t.region_id).push_bind(t.kind.as_str()).push_bind(t.year)
                        .push_bind(t.deadline.clone()).push_bind(t.title.clone()).push_bind(t.created_by).push_bind(now);
                    q.push(") RETURNING id");
                    let id: i64 = q.build().fetch_one(&mut *tx).await.map_err(db)?.try_get("id").map_err(db)?;
                    let mut units = t.units.clone();
                    units.sort_unstable();
                    units.dedup();
                    for u in &units {
                        let mut q = Q::new("INSERT INTO task_units (task_id, unit_id) VALUES (");
                        q.push_bind(id).push(", ").push_bind(*u).push(")");
                        q.build().execute(&mut *tx).await.map_err(db)?;
                    }
                    let mut q = Q::new("SELECT t.id, t.region_id, t.kind, t.year, t.deadline, t.title, COALESCE(u.username, 'jixiao') AS created_by_name, t.created_at FROM tasks t LEFT JOIN users u ON u.id = t.created_by WHERE t.id = ");
                    q.push_bind(id);
                    let mut task = task_from(&q.build().fetch_one(&mut *tx).await.map_err(db)?)?;
                    tx.commit().await.map_err(db)?;
                    task.units = units;
                    Ok(task)
                }

                async fn tasks(&self, scope: Scope) -> Result<Vec<Task>> {
                    let mut q = Q::new("SELECT t.id, t.region_id, t.kind, t.year, t.deadline, t.title, COALESCE(u.username, 'jixiao') AS created_by_name, t.created_at, tu.unit_id FROM tasks t JOIN task_units tu ON tu.task_id = t.id JOIN orgs o ON o.id = tu.unit_id LEFT JOIN users u ON u.id = t.created_by WHERE 1 = 1");
                    push_scope(&mut q, scope, "o.id", "o.department_id", "o.region_id");
                    q.push(" ORDER BY t.deadline, t.id, tu.unit_id");
                    let mut out: Vec<Task> = Vec::new();
                    for r in q.build().fetch_all(&self.pool).await.map_err(db)? {
                        let unit: i64 = r.try_get("unit_id").map_err(db)?;
                        let id: i64 = r.try_get("id").map_err(db)?;
                        match out.last_mut() {
                            Some(t) if t.id == id => t.units.push(unit),
                            _ => {
                                let mut t = task_from(&r)?;
                                t.units.push(unit);
                                out.push(t);
                            }
                        }
                    }
                    Ok(out)
                }
            }
        }
    };
}
