-- External audit and verifiable attestation (issue 17, ADR 0031). An audit body is an organisation of its own kind;
-- a city engages it on one closed assessment. The audit's record is a hash chain (audit_entries): each row's hash
-- covers its content and the previous row's hash, so a changed, removed or reordered row is detected by
-- AuditService.VerifyChainAsync. Attestations are signed statements kept with their exact bytes.

ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check;
ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN ('community', 'facilitating_body', 'audit_body'));

-- The engagement and the audit are one row: a grant (dates, revocable, scope) and the audit's state.
CREATE TABLE audits (
    id                  uuid        PRIMARY KEY,
    assessment_id       uuid        NOT NULL REFERENCES assessments (id) ON DELETE RESTRICT,
    audit_body_id       uuid        NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    engaged_from        date        NOT NULL,
    engaged_until       date        NOT NULL,
    indicator_years     integer[]   NOT NULL DEFAULT '{}',
    show_personal_data  boolean     NOT NULL DEFAULT false,
    status              text        NOT NULL CHECK (status IN ('requested', 'in_progress', 'findings_issued', 'city_responded', 'closed')),
    submission_version  integer     NOT NULL DEFAULT 1 CHECK (submission_version >= 1),
    opinion             text        CHECK (opinion IN ('verified', 'verified_with_reservations', 'not_verified')),
    reservations        text        CHECK (length(reservations) <= 4000),
    city_response       text        CHECK (length(city_response) <= 4000),
    engaged_by          uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL,
    revoked_at          timestamptz,
    closed_at           timestamptz,
    CHECK (engaged_until >= engaged_from),
    CHECK ((status = 'closed') = (opinion IS NOT NULL))
);

-- One audit at a time per assessment (a revoked one no longer counts).
CREATE UNIQUE INDEX audits_one_open_per_assessment ON audits (assessment_id) WHERE status <> 'closed' AND revoked_at IS NULL;
CREATE INDEX audits_by_body ON audits (audit_body_id);

-- Closing (or revoking) an audit changes which scores count: move the assessment's data version like a rating change.
CREATE TRIGGER audits_inserted AFTER INSERT ON audits REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER audits_updated AFTER UPDATE ON audits REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();

-- The current finding per characteristic in scope (the record of every change is in audit_entries).
CREATE TABLE audit_findings (
    audit_id            uuid        NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
    characteristic_code text        NOT NULL,
    verified_level      smallint    CHECK (verified_level BETWEEN 1 AND 5),
    finding             text        NOT NULL CHECK (finding IN ('conforms', 'minor_gap', 'major_gap', 'not_evidenced')),
    evidence_examined   text        NOT NULL CHECK (length(evidence_examined) BETWEEN 1 AND 4000),
    note                text        CHECK (length(note) <= 4000),
    examined_in_depth   boolean     NOT NULL DEFAULT false,
    sampling_reason     text        CHECK (length(sampling_reason) <= 4000),
    recorded_by         uuid        REFERENCES users (id) ON DELETE SET NULL,
    recorded_at         timestamptz NOT NULL,
    PRIMARY KEY (audit_id, characteristic_code)
);

-- Per indicator value in scope: verified, queried or rejected, with a reason.
CREATE TABLE audit_indicator_checks (
    audit_id            uuid        NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
    indicator_value_id  uuid        NOT NULL REFERENCES indicator_values (id) ON DELETE RESTRICT,
    verdict             text        NOT NULL CHECK (verdict IN ('verified', 'queried', 'rejected')),
    reason              text        CHECK (length(reason) <= 4000),
    checked_by          uuid        REFERENCES users (id) ON DELETE SET NULL,
    checked_at          timestamptz NOT NULL,
    PRIMARY KEY (audit_id, indicator_value_id),
    CHECK (verdict = 'verified' OR length(reason) > 0)
);

-- Requests for more evidence: one thread per characteristic, each request answered by the city (documents are
-- attached to the characteristic through the evidence feature).
CREATE TABLE audit_requests (
    id                  uuid        PRIMARY KEY,
    audit_id            uuid        NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
    characteristic_code text        NOT NULL,
    question            text        NOT NULL CHECK (length(question) BETWEEN 1 AND 4000),
    asked_by            uuid        REFERENCES users (id) ON DELETE SET NULL,
    asked_at            timestamptz NOT NULL,
    answer              text        CHECK (length(answer) <= 4000),
    answered_by         uuid        REFERENCES users (id) ON DELETE SET NULL,
    answered_at         timestamptz
);
CREATE INDEX audit_requests_by_audit ON audit_requests (audit_id, characteristic_code, asked_at);

-- The audit's record: a hash chain, appended to only.
CREATE TABLE audit_entries (
    audit_id            uuid        NOT NULL REFERENCES audits (id) ON DELETE RESTRICT,
    sequence            integer     NOT NULL CHECK (sequence >= 1),
    at                  timestamptz NOT NULL,
    kind                text        NOT NULL,
    actor               text        NOT NULL,
    details             text        NOT NULL,
    previous_hash       text        NOT NULL,
    hash                text        NOT NULL,
    PRIMARY KEY (audit_id, sequence)
);

-- Everything an auditor opened; the city reads it.
CREATE TABLE audit_access_log (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    audit_id            uuid        NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
    user_id             uuid        REFERENCES users (id) ON DELETE SET NULL,
    at                  timestamptz NOT NULL,
    what                text        NOT NULL
);
CREATE INDEX audit_access_log_by_audit ON audit_access_log (audit_id, at);

-- The key that signs attestations: the private half encrypted by ASP.NET Core data protection (whose key ring is
-- itself protected by the operator's certificate, ADR 0015); the public half is published at a well-known address.
CREATE TABLE attestation_signing_keys (
    key_id              text        PRIMARY KEY,
    public_key_spki     bytea       NOT NULL,
    protected_private_key text      NOT NULL,
    created_at          timestamptz NOT NULL,
    retired_at          timestamptz
);
CREATE UNIQUE INDEX attestation_signing_keys_one_current ON attestation_signing_keys ((true)) WHERE retired_at IS NULL;

-- A signed attestation: the exact bytes that were signed and the signature. Withdrawal marks it, never deletes it.
CREATE TABLE audit_attestations (
    code                text        PRIMARY KEY,
    audit_id            uuid        NOT NULL UNIQUE REFERENCES audits (id) ON DELETE RESTRICT,
    canonical           bytea       NOT NULL,
    signature           bytea       NOT NULL,
    key_id              text        NOT NULL REFERENCES attestation_signing_keys (key_id),
    issued_at           timestamptz NOT NULL,
    withdrawn_at        timestamptz,
    withdrawn_reason    text        CHECK (length(withdrawn_reason) <= 4000)
);
