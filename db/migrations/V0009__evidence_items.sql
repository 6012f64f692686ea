-- Evidence behind ratings (issue 15): documents, links and indicator references attached to a characteristic of an
-- assessment — to one participant's own answer, to the assessment as a whole (facilitators), or to a workshop's
-- consensus decision. A removed item keeps its row (who removed it and when) as the audit record; its file content
-- is deleted then, so it no longer counts against the organisation's quota. Files live in PostgreSQL (ADR 0025):
-- pg_dump backups carry them, and a file is written in the same transaction as its item and audit row.

CREATE TABLE evidence_items (
    id                        uuid        PRIMARY KEY,
    organisation_id           uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    assessment_id             uuid        NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    characteristic_code       text        NOT NULL CHECK (length(characteristic_code) BETWEEN 1 AND 20),
    -- Set when the item belongs to that participant's own answer.
    participant_id            uuid        REFERENCES participants (id) ON DELETE CASCADE,
    -- Set when a facilitator attached it to a recorded consensus decision.
    consensus_decision_id     uuid        REFERENCES consensus_decisions (id) ON DELETE SET NULL,
    kind                      text        NOT NULL CHECK (kind IN ('document', 'link', 'indicator')),
    -- What a reader sees: the sanitised file name, the link's address, or the indicator's code and year.
    title                     text        NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    url                       text        CHECK (length(url) <= 500),
    indicator_code            text        CHECK (length(indicator_code) <= 60),
    indicator_year            integer     CHECK (indicator_year BETWEEN 1900 AND 2200),
    content_type              text,
    size_bytes                bigint      CHECK (size_bytes > 0),
    sha256                    bytea       CHECK (octet_length(sha256) = 32),
    is_demo                   boolean     NOT NULL DEFAULT false,
    added_at                  timestamptz NOT NULL DEFAULT now(),
    added_by_user_id          uuid        REFERENCES users (id) ON DELETE SET NULL,
    added_by_participant_id   uuid        REFERENCES participants (id) ON DELETE SET NULL,
    removed_at                timestamptz,
    removed_by_user_id        uuid        REFERENCES users (id) ON DELETE SET NULL,
    removed_by_participant_id uuid        REFERENCES participants (id) ON DELETE SET NULL,
    CHECK (kind <> 'document' OR (content_type IS NOT NULL AND size_bytes IS NOT NULL AND sha256 IS NOT NULL)),
    CHECK (kind <> 'link' OR url IS NOT NULL),
    CHECK (kind <> 'indicator' OR (indicator_code IS NOT NULL AND indicator_year IS NOT NULL))
);
CREATE INDEX ix_evidence_items_assessment ON evidence_items (assessment_id, characteristic_code) WHERE removed_at IS NULL;
CREATE INDEX ix_evidence_items_organisation ON evidence_items (organisation_id) WHERE removed_at IS NULL;

-- The bytes of a document, apart from its item so that listing items never reads them. Uploads are mostly
-- compressed formats already (PDF, PNG, JPEG, zip-based office files): stored out of line without compressing again.
CREATE TABLE evidence_files (
    evidence_id uuid  PRIMARY KEY REFERENCES evidence_items (id) ON DELETE CASCADE,
    content     bytea NOT NULL
);
ALTER TABLE evidence_files ALTER COLUMN content SET STORAGE EXTERNAL;

-- Every addition and removal: who (a user or a participant), when, and what (kind, title, SHA-256 of a file).
CREATE TABLE evidence_changes (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    evidence_id         uuid        NOT NULL REFERENCES evidence_items (id) ON DELETE CASCADE,
    assessment_id       uuid        NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    characteristic_code text        NOT NULL,
    action              text        NOT NULL CHECK (action IN ('added', 'removed')),
    changed_at          timestamptz NOT NULL DEFAULT now(),
    by_user_id          uuid        REFERENCES users (id) ON DELETE SET NULL,
    by_participant_id   uuid        REFERENCES participants (id) ON DELETE SET NULL,
    what                text        NOT NULL
);
CREATE INDEX ix_evidence_changes_assessment ON evidence_changes (assessment_id, changed_at DESC);

-- Evidence counts travel in the summary API, which is cached by data version (V0005): an item moves it too.
CREATE TRIGGER evidence_items_inserted AFTER INSERT ON evidence_items REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER evidence_items_updated AFTER UPDATE ON evidence_items REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER evidence_items_deleted AFTER DELETE ON evidence_items REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
