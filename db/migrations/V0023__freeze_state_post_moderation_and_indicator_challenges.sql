-- Three follow-ups to issues 16 and 17 (ADR 0046). V0018 and V0019 are shipped and stay as they are; this redefines
-- and adds.
--
-- 1. The audit freeze's refusal gets a SQLSTATE of its own. V0018 raised 55000 (object_not_in_prerequisite_state), a
--    state PostgreSQL itself uses for other things (e.g. a lock that is not available with NOWAIT), so the application
--    could not tell "frozen by an audit" from those and answered a write path that skipped its own check with a 500.
--    'CM001' ("CM" is no class PostgreSQL uses) means exactly that, and the message is a sentence for a person: the
--    application answers it as a refusal (422 / the page's message) with this text. Same lock, same cache, same tables.
CREATE OR REPLACE FUNCTION refuse_while_audited(target uuid, what text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    audit      record;
    body       text;
    assessment text;
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
        SELECT s.name INTO assessment FROM assessments s WHERE s.id = target;
        RAISE EXCEPTION 'The assessment “%” is under external audit by % (%): its % are frozen until the audit is closed or the engagement revoked.',
                assessment, body, replace(audit.status, '_', ' '), what
            USING ERRCODE = 'CM001',
                  HINT = 'Close the audit or revoke the engagement first (docs/audit.md).';
    END IF;
    PERFORM set_config('cm.freeze_checked', target::text, true);
END;
$$;

-- 2. A coordinator can show a hidden post again, saying why. The post's hidden_* columns stay its current state; every
--    hiding and showing again is a row here (who, when, why), so un-hiding does not erase the record of the hiding.
--    Who acted is kept for the record and never shown, like the post's writer.
CREATE TABLE benchmark_post_moderation (
    id        uuid        PRIMARY KEY,
    post_id   uuid        NOT NULL REFERENCES benchmark_challenge_posts (id) ON DELETE CASCADE,
    action    text        NOT NULL CHECK (action IN ('hidden', 'shown')),
    reason    text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    acted_by  uuid        REFERENCES users (id) ON DELETE SET NULL,
    acted_at  timestamptz NOT NULL
);
CREATE INDEX ix_benchmark_post_moderation_post ON benchmark_post_moderation (post_id, acted_at);

INSERT INTO benchmark_post_moderation (id, post_id, action, reason, acted_by, acted_at)
SELECT gen_random_uuid(), id, 'hidden', hidden_reason, hidden_by, hidden_at
  FROM benchmark_challenge_posts
 WHERE hidden_at IS NOT NULL;

-- 3. A challenge can be about a shared indicator value (code and year) instead of a characteristic: exactly one of the two.
ALTER TABLE benchmark_challenges
    ALTER COLUMN characteristic_code DROP NOT NULL,
    ADD COLUMN indicator_code text CHECK (length(indicator_code) BETWEEN 1 AND 100),
    ADD COLUMN indicator_year integer CHECK (indicator_year BETWEEN 1950 AND 2200),
    ADD CONSTRAINT benchmark_challenges_one_subject CHECK (
        (characteristic_code IS NULL) <> (indicator_code IS NULL) AND (indicator_code IS NULL) = (indicator_year IS NULL));
CREATE INDEX ix_benchmark_challenges_indicator ON benchmark_challenges (network_id, indicator_code, indicator_year) WHERE indicator_code IS NOT NULL;
