-- Assessments, stakeholder groups, participants, ratings and their audit trail.

CREATE TABLE assessments (
    id              uuid        PRIMARY KEY,
    organisation_id uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    community       text        NOT NULL CHECK (length(community) BETWEEN 1 AND 200),
    purpose         text        NOT NULL CHECK (purpose IN ('commitment', 'baseline-review', 'strategy', 'action-plan', 'evaluation')),
    method          text        NOT NULL CHECK (method IN ('single-stakeholder', 'multi-stakeholder', 'moderated-workshop')),
    status          text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'archived')),
    -- Characteristic codes in scope, in catalogue order; validated against the catalogue by the application.
    scope           text[]      NOT NULL CHECK (cardinality(scope) BETWEEN 1 AND 32),
    deadline        date,
    created_by      uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_assessments_organisation_id ON assessments (organisation_id);

CREATE TABLE assessment_targets (
    assessment_id       uuid     NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    characteristic_code text     NOT NULL,
    target_level        smallint NOT NULL CHECK (target_level BETWEEN 1 AND 5),
    PRIMARY KEY (assessment_id, characteristic_code)
);

-- Per-assessment roles for organisation members beyond their organisation role.
CREATE TABLE assessment_roles (
    assessment_id uuid NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role          text NOT NULL CHECK (role IN ('facilitator', 'observer')),
    PRIMARY KEY (assessment_id, user_id)
);

CREATE TABLE stakeholder_groups (
    id            uuid    PRIMARY KEY,
    assessment_id uuid    NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    name          text    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    position      integer NOT NULL
);
CREATE UNIQUE INDEX ux_stakeholder_groups_name ON stakeholder_groups (assessment_id, lower(name));

CREATE TABLE participants (
    id                    uuid        PRIMARY KEY,
    assessment_id         uuid        NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    group_id              uuid        NOT NULL REFERENCES stakeholder_groups (id),
    name                  text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email                 text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    -- Set when the participant is an organisation member who rates signed in.
    user_id               uuid        REFERENCES users (id) ON DELETE SET NULL,
    -- The personal rating link: only the SHA-256 of its random token is stored.
    token_hash            bytea       UNIQUE,
    token_expires_at      timestamptz,
    token_revoked_at      timestamptz,
    invited_at            timestamptz,
    reminded_at           timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ux_participants_email ON participants (assessment_id, lower(email));
CREATE INDEX ix_participants_user_id ON participants (user_id);

-- One participant's answer for one characteristic. NULL = not answered; 'DK' = don't know.
CREATE TABLE ratings (
    id                  uuid        PRIMARY KEY,
    assessment_id       uuid        NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    participant_id      uuid        NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    characteristic_code text        NOT NULL,
    level_now           text        CHECK (level_now IN ('1', '2', '3', '4', '5', 'DK')),
    level_in_two_years  text        CHECK (level_in_two_years IN ('1', '2', '3', '4', '5', 'DK')),
    comment             text        CHECK (length(comment) <= 2000),
    evidence_links      text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(evidence_links) <= 10),
    -- Optimistic concurrency: every save names the version it read; a stale save is refused.
    version             integer     NOT NULL DEFAULT 1,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (participant_id, characteristic_code)
);
CREATE INDEX ix_ratings_assessment_id ON ratings (assessment_id);

-- Every change of a rating: who, when, through what, old and new values.
CREATE TABLE rating_changes (
    id                     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rating_id              uuid        NOT NULL REFERENCES ratings (id) ON DELETE CASCADE,
    assessment_id          uuid        NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    participant_id         uuid        NOT NULL,
    characteristic_code    text        NOT NULL,
    changed_at             timestamptz NOT NULL DEFAULT now(),
    changed_by_user_id     uuid        REFERENCES users (id) ON DELETE SET NULL,
    changed_by_participant boolean     NOT NULL,
    source                 text        NOT NULL CHECK (source IN ('rating-form', 'import')),
    old_level_now          text,
    new_level_now          text,
    old_level_in_two_years text,
    new_level_in_two_years text,
    old_comment            text,
    new_comment            text,
    old_evidence_links     text[],
    new_evidence_links     text[]
);
CREATE INDEX ix_rating_changes_rating_id ON rating_changes (rating_id, changed_at DESC);
CREATE INDEX ix_rating_changes_assessment_id ON rating_changes (assessment_id, changed_at DESC);
