-- Dashboard summaries, derived from each revision's form, score and findings at save time
-- (jixiao_store::analyse::summarise) so dashboards aggregate columns instead of parsing JSON.
-- Amounts are NUMERIC (exact). `rules` holds the rule code of every error and warning
-- finding, space-separated (empty: none); NULL marks a row saved before this migration,
-- whose summary the store computes from its stored JSON when first needed.
ALTER TABLE documents
    ADD COLUMN stated_grade     TEXT,
    ADD COLUMN recomputed_grade TEXT,
    ADD COLUMN annual_budget    NUMERIC,
    ADD COLUMN executed         NUMERIC,
    ADD COLUMN rules            TEXT;

ALTER TABLE revisions
    ADD COLUMN stated_grade     TEXT,
    ADD COLUMN recomputed_grade TEXT,
    ADD COLUMN annual_budget    NUMERIC,
    ADD COLUMN executed         NUMERIC,
    ADD COLUMN rules            TEXT;

CREATE INDEX documents_by_region_year ON documents (region_id, year);
CREATE INDEX documents_by_department_year ON documents (department_id, year);
