-- Moderated workshops: a facilitator steps a room through characteristics, participants vote on their phones in
-- rounds whose values stay hidden until the reveal, and the facilitator records consensus decisions, which become
-- the characteristics' scores (source "consensus").

CREATE TABLE workshops (
    id                   uuid        PRIMARY KEY,
    assessment_id        uuid        NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    -- What people type on their phones: unambiguous capitals and digits, unique among workshops not yet ended.
    join_code            text        NOT NULL CHECK (join_code ~ '^[A-Z0-9]{6}$'),
    status               text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'paused', 'ended')),
    -- Characteristic codes in the order the facilitator chose; validated against the scope by the application.
    agenda               text[]      NOT NULL CHECK (cardinality(agenda) BETWEEN 1 AND 32),
    current_position     integer     NOT NULL DEFAULT 0 CHECK (current_position >= 0 AND current_position < cardinality(agenda)),
    allow_walk_ins       boolean     NOT NULL,
    created_by           uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    ended_at             timestamptz
);
CREATE INDEX ix_workshops_assessment_id ON workshops (assessment_id);
CREATE UNIQUE INDEX ux_workshops_live_join_code ON workshops (join_code) WHERE status <> 'ended';

-- The people in the room: invited participants (recognised by their personal link or their account) and walk-ins.
CREATE TABLE workshop_attendees (
    id                 uuid        PRIMARY KEY,
    workshop_id        uuid        NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    participant_id     uuid        REFERENCES participants (id) ON DELETE CASCADE,
    display_name       text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    group_id           uuid        NOT NULL REFERENCES stakeholder_groups (id),
    -- The phone's session: only the SHA-256 of the random secret in its cookie is stored.
    session_hash       bytea       NOT NULL UNIQUE,
    joined_at          timestamptz NOT NULL DEFAULT now(),
    removed_at         timestamptz
);
CREATE INDEX ix_workshop_attendees_workshop_id ON workshop_attendees (workshop_id);
-- An invited participant is one attendee, however many times they join again.
CREATE UNIQUE INDEX ux_workshop_attendees_participant ON workshop_attendees (workshop_id, participant_id) WHERE participant_id IS NOT NULL;

CREATE TABLE workshop_rounds (
    id                  uuid        PRIMARY KEY,
    workshop_id         uuid        NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    characteristic_code text        NOT NULL,
    -- 1 for the first vote on a characteristic in this workshop, 2 for the re-vote, and so on.
    number              integer     NOT NULL CHECK (number >= 1),
    status              text        NOT NULL CHECK (status IN ('open', 'closed', 'revealed')),
    opened_at           timestamptz NOT NULL DEFAULT now(),
    closes_at           timestamptz,
    closed_at           timestamptz,
    revealed_at         timestamptz,
    UNIQUE (workshop_id, characteristic_code, number)
);
-- At most one round accepts votes at a time in a workshop.
CREATE UNIQUE INDEX ux_workshop_rounds_one_open ON workshop_rounds (workshop_id) WHERE status = 'open';

-- One vote per attendee and round (changed in place until the round closes).
CREATE TABLE workshop_votes (
    round_id            uuid        NOT NULL REFERENCES workshop_rounds (id) ON DELETE CASCADE,
    attendee_id         uuid        NOT NULL REFERENCES workshop_attendees (id) ON DELETE CASCADE,
    workshop_id         uuid        NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    level_now           text        CHECK (level_now IN ('1', '2', '3', '4', '5', 'DK')),
    level_in_two_years  text        CHECK (level_in_two_years IN ('1', '2', '3', '4', '5', 'DK')),
    cast_at             timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (round_id, attendee_id)
);

-- A consensus decision for one characteristic. Every decision is kept; the latest one per characteristic counts.
-- Both levels NULL = "no consensus — noted" (the median then stays the score).
CREATE TABLE consensus_decisions (
    id                  uuid        PRIMARY KEY,
    assessment_id       uuid        NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    workshop_id         uuid        REFERENCES workshops (id) ON DELETE SET NULL,
    characteristic_code text        NOT NULL,
    level_now           smallint    CHECK (level_now BETWEEN 1 AND 5),
    level_in_two_years  smallint    CHECK (level_in_two_years BETWEEN 1 AND 5),
    rationale           text        NOT NULL CHECK (length(rationale) <= 4000),
    evidence_links      text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(evidence_links) <= 10),
    recorded_by         uuid        REFERENCES users (id) ON DELETE SET NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_consensus_decisions_latest ON consensus_decisions (assessment_id, characteristic_code, recorded_at DESC);

-- A decision changes scores: move the assessment's data version like any rating change (V0005).
CREATE TRIGGER consensus_decisions_inserted AFTER INSERT ON consensus_decisions REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER consensus_decisions_updated AFTER UPDATE ON consensus_decisions REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER consensus_decisions_deleted AFTER DELETE ON consensus_decisions REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();

-- Live events across app instances: PostgreSQL delivers a NOTIFY to every listening connection when the writing
-- transaction commits (never before, never for a rollback, and never replayed). Payloads carry ids only; listeners
-- re-query. 'assessment:<id>' = scores may have changed; 'workshop:<id>:state' = the workshop, a round or the
-- attendees changed; 'workshop:<id>:votes' = a vote was cast or changed (its value is never in the payload).
-- Identical payloads within one transaction are folded into one by PostgreSQL.
CREATE OR REPLACE FUNCTION bump_assessment_data_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed uuid;
BEGIN
    INSERT INTO assessment_data_versions AS v (assessment_id, version)
    SELECT DISTINCT changed_rows.assessment_id, 1
    FROM changed_rows
    JOIN assessments a ON a.id = changed_rows.assessment_id
    ON CONFLICT (assessment_id) DO UPDATE SET version = v.version + 1;
    FOR changed IN SELECT DISTINCT changed_rows.assessment_id FROM changed_rows LOOP
        PERFORM pg_notify('citymaturity_events', 'assessment:' || changed);
    END LOOP;
    RETURN NULL;
END $$;

CREATE FUNCTION notify_workshop_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed uuid;
BEGIN
    FOR changed IN SELECT DISTINCT changed_rows.workshop_id FROM changed_rows WHERE changed_rows.workshop_id IS NOT NULL LOOP
        PERFORM pg_notify('citymaturity_events', 'workshop:' || changed || ':' || TG_ARGV[0]);
    END LOOP;
    RETURN NULL;
END $$;

-- The workshops table's own id is the workshop's id.
CREATE FUNCTION notify_workshop_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed uuid;
BEGIN
    FOR changed IN SELECT DISTINCT changed_rows.id FROM changed_rows LOOP
        PERFORM pg_notify('citymaturity_events', 'workshop:' || changed || ':state');
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER workshops_inserted AFTER INSERT ON workshops REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_workshop_row_changed();
CREATE TRIGGER workshops_updated AFTER UPDATE ON workshops REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_workshop_row_changed();

CREATE TRIGGER workshop_rounds_inserted AFTER INSERT ON workshop_rounds REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_workshop_changed('state');
CREATE TRIGGER workshop_rounds_updated AFTER UPDATE ON workshop_rounds REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_workshop_changed('state');

CREATE TRIGGER workshop_attendees_inserted AFTER INSERT ON workshop_attendees REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_workshop_changed('attendees');
CREATE TRIGGER workshop_attendees_updated AFTER UPDATE ON workshop_attendees REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_workshop_changed('attendees');

-- A recorded decision shows on the console, the presenter view and the phones of the workshop it was made in.
CREATE TRIGGER consensus_decisions_inserted_notify AFTER INSERT ON consensus_decisions REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_workshop_changed('state');

CREATE TRIGGER workshop_votes_inserted AFTER INSERT ON workshop_votes REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_workshop_changed('votes');
CREATE TRIGGER workshop_votes_updated AFTER UPDATE ON workshop_votes REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_workshop_changed('votes');
