-- Issue 17, ADR 0041. Two things:
--
-- 1. The audit freeze, in the database too. While an assessment has an open audit (not closed, not revoked), its
--    ratings and consensus decisions cannot be written, and its status and scope cannot change — by the application or
--    by anyone with SQL. The application asks AuditFreeze first and answers with a sentence; these triggers are the
--    floor under it. Each takes a KEY SHARE lock on the assessment's row before looking: engaging an audit body locks
--    that row FOR UPDATE, so a write and an engagement queue behind each other and the write sees the audit if the
--    engagement committed first (no race between "checked: not frozen" and "audit engaged").
--
-- 2. Documents attached to an answer of an audit's evidence request: the document is an evidence item of the
--    request's characteristic (stored like every evidence file, V0009); this table says which answer it belongs to.

-- Checked once per assessment and transaction: a ratings import writes thousands of rows of one assessment, and once
-- this transaction holds the KEY SHARE lock no engagement of another transaction can commit before it ends, so a
-- second look would find what the first found. The last assessment found not frozen is remembered in a
-- transaction-local setting (cm.freeze_checked; a savepoint rolled back takes it back with the lock). This transaction's
-- own writes to audits forget it (audits_forget_freeze_check below), so an engagement and a later rating write in the
-- same transaction are still refused. The audit body's name is looked up only when refusing.
CREATE OR REPLACE FUNCTION refuse_while_audited(target uuid, what text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    audit  record;
    body   text;
BEGIN
    IF current_setting('cm.freeze_checked', true) = target::text THEN
        RETURN;
    END IF;
    PERFORM 1 FROM assessments WHERE id = target FOR KEY SHARE;
    SELECT a.audit_body_id, a.status INTO audit
      FROM audits a
     WHERE a.assessment_id = target AND a.status <> 'closed' AND a.revoked_at IS NULL;
    IF FOUND THEN
        SELECT o.name INTO body FROM organisations o WHERE o.id = audit.audit_body_id;
        RAISE EXCEPTION 'assessment % is under external audit by % (%): its % are frozen until the audit is closed or the engagement revoked',
                target, body, replace(audit.status, '_', ' '), what
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Close the audit or revoke the engagement first (docs/audit.md).';
    END IF;
    PERFORM set_config('cm.freeze_checked', target::text, true);
END;
$$;

CREATE OR REPLACE FUNCTION audits_forget_freeze_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('cm.freeze_checked', '', true);
    RETURN NULL;
END;
$$;

CREATE TRIGGER audits_forget_freeze_check
    AFTER INSERT OR UPDATE OR DELETE ON audits FOR EACH STATEMENT EXECUTE FUNCTION audits_forget_freeze_check();

CREATE OR REPLACE FUNCTION ratings_frozen_while_audited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM refuse_while_audited(OLD.assessment_id, TG_ARGV[0]);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.assessment_id IS DISTINCT FROM OLD.assessment_id) THEN
        PERFORM refuse_while_audited(NEW.assessment_id, TG_ARGV[0]);
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER ratings_frozen_while_audited
    BEFORE INSERT OR DELETE OR UPDATE OF assessment_id, participant_id, characteristic_code, level_now, level_in_two_years, comment, evidence_links
    ON ratings FOR EACH ROW EXECUTE FUNCTION ratings_frozen_while_audited('ratings');

-- workshop_id is left out: deleting a workshop sets it to NULL, which changes no figure.
CREATE TRIGGER consensus_decisions_frozen_while_audited
    BEFORE INSERT OR DELETE OR UPDATE OF assessment_id, characteristic_code, level_now, level_in_two_years, rationale, evidence_links
    ON consensus_decisions FOR EACH ROW EXECUTE FUNCTION ratings_frozen_while_audited('consensus decisions');

CREATE OR REPLACE FUNCTION assessment_frozen_while_audited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status OR NEW.scope IS DISTINCT FROM OLD.scope THEN
        PERFORM refuse_while_audited(OLD.id, 'status and scope');
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER assessments_frozen_while_audited
    BEFORE UPDATE OF status, scope ON assessments FOR EACH ROW EXECUTE FUNCTION assessment_frozen_while_audited();

-- The documents the city attached to its answer of an evidence request (the auditor opens them; each opening is logged).
CREATE TABLE audit_request_documents (
    request_id   uuid        NOT NULL REFERENCES audit_requests (id) ON DELETE CASCADE,
    evidence_id  uuid        NOT NULL REFERENCES evidence_items (id) ON DELETE RESTRICT,
    attached_by  uuid        REFERENCES users (id) ON DELETE SET NULL,
    attached_at  timestamptz NOT NULL,
    PRIMARY KEY (request_id, evidence_id)
);
CREATE INDEX audit_request_documents_by_evidence ON audit_request_documents (evidence_id);
