-- jixiao workbench schema, PostgreSQL. Money and scores are NUMERIC (exact);
-- timestamps are Unix milliseconds.
CREATE TABLE orgs (
    id            BIGSERIAL PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('region', 'department', 'unit')),
    parent_id     BIGINT REFERENCES orgs (id),
    region_id     BIGINT REFERENCES orgs (id),
    department_id BIGINT REFERENCES orgs (id)
);

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('unit', 'department', 'finance', 'admin')),
    org_id        BIGINT NOT NULL REFERENCES orgs (id)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE sources (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    bytes        BYTEA NOT NULL,
    text         TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);

CREATE TABLE documents (
    id               BIGSERIAL PRIMARY KEY,
    unit_id          BIGINT NOT NULL REFERENCES orgs (id),
    department_id    BIGINT REFERENCES orgs (id),
    region_id        BIGINT NOT NULL REFERENCES orgs (id),
    year             INTEGER,
    kind             TEXT NOT NULL,
    project          TEXT,
    state            TEXT NOT NULL,
    revision         INTEGER NOT NULL,
    stated_total     NUMERIC,
    recomputed_total NUMERIC,
    errors           INTEGER NOT NULL,
    warnings         INTEGER NOT NULL,
    ruleset          TEXT NOT NULL,
    ruleset_override TEXT,
    parent_id        BIGINT REFERENCES documents (id),
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX documents_by_unit ON documents (unit_id, updated_at DESC, id DESC);
CREATE INDEX documents_by_department ON documents (department_id, updated_at DESC, id DESC);
CREATE INDEX documents_by_region ON documents (region_id, updated_at DESC, id DESC);

CREATE TABLE revisions (
    document_id      BIGINT NOT NULL REFERENCES documents (id),
    revision         INTEGER NOT NULL,
    source_id        BIGINT NOT NULL REFERENCES sources (id),
    kind             TEXT NOT NULL,
    year             INTEGER,
    project          TEXT,
    form_json        TEXT NOT NULL,
    score_json       TEXT,
    findings_json    TEXT NOT NULL,
    stated_total     NUMERIC,
    recomputed_total NUMERIC,
    errors           INTEGER NOT NULL,
    warnings         INTEGER NOT NULL,
    ruleset          TEXT NOT NULL,
    created_by       BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    PRIMARY KEY (document_id, revision)
);

CREATE TABLE events (
    id          BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id),
    actor_id    BIGINT NOT NULL,
    action      TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    comment     TEXT,
    client      TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX events_by_document ON events (document_id, id);

CREATE TABLE explanations (
    id          BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id),
    revision    INTEGER NOT NULL,
    rule        TEXT NOT NULL,
    line        INTEGER NOT NULL,
    text        TEXT NOT NULL,
    by_id       BIGINT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX explanations_by_document ON explanations (document_id, id);

CREATE TABLE annotations (
    id          BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id),
    revision    INTEGER NOT NULL,
    rule        TEXT NOT NULL,
    line        INTEGER NOT NULL,
    accepted    INTEGER,
    comment     TEXT NOT NULL,
    by_id       BIGINT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX annotations_by_document ON annotations (document_id, id);

-- year 0: every year without a row of its own.
CREATE TABLE region_rulesets (
    region_id BIGINT NOT NULL REFERENCES orgs (id),
    year      INTEGER NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (region_id, year)
);

CREATE TABLE tasks (
    id         BIGSERIAL PRIMARY KEY,
    region_id  BIGINT NOT NULL REFERENCES orgs (id),
    kind       TEXT NOT NULL,
    year       INTEGER NOT NULL,
    deadline   TEXT NOT NULL,
    title      TEXT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE task_units (
    task_id BIGINT NOT NULL REFERENCES tasks (id),
    unit_id BIGINT NOT NULL REFERENCES orgs (id),
    PRIMARY KEY (task_id, unit_id)
);
