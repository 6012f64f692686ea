-- Cross-city benchmarking (issue 16, ADR 0030): networks of organisations that share the scores of closed assessments.
-- What leaves an organisation is only what these tables hold: scores, counts, method, source, dates and the self-declared
-- city profile. Never a participant's name, email, individual rating or comment (there is no column to put them in).

CREATE TABLE benchmark_networks (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text        NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    -- No aggregate for a set of fewer than k cities; never below 3 (ADR 0030).
    k_threshold integer     NOT NULL DEFAULT 5 CHECK (k_threshold BETWEEN 3 AND 50),
    -- The generated demo network and its cities are marked, so they are shown as generated.
    is_demo     boolean     NOT NULL DEFAULT false,
    created_by  uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ux_benchmark_networks_name ON benchmark_networks (lower(name));

-- Those who run a network: invite organisations, see the names of its members, nothing more than members share.
CREATE TABLE benchmark_coordinators (
    network_id uuid NOT NULL REFERENCES benchmark_networks (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (network_id, user_id)
);
CREATE INDEX ix_benchmark_coordinators_user_id ON benchmark_coordinators (user_id);

-- An organisation invited to a network, and once its administrator accepts, a member.
CREATE TABLE benchmark_members (
    network_id      uuid        NOT NULL REFERENCES benchmark_networks (id) ON DELETE CASCADE,
    organisation_id uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    status          text        NOT NULL CHECK (status IN ('invited', 'accepted')),
    -- Shown instead of the name unless the member chooses to appear by name.
    alias           text        NOT NULL CHECK (length(alias) BETWEEN 1 AND 40),
    show_name       boolean     NOT NULL DEFAULT false,
    invited_by      uuid        REFERENCES users (id) ON DELETE SET NULL,
    invited_at      timestamptz NOT NULL DEFAULT now(),
    accepted_by     uuid        REFERENCES users (id) ON DELETE SET NULL,
    accepted_at     timestamptz,
    PRIMARY KEY (network_id, organisation_id),
    UNIQUE (network_id, alias)
);
CREATE INDEX ix_benchmark_members_organisation_id ON benchmark_members (organisation_id);

-- What a city says about itself for peer groups: self-declared, one per organisation, shared by all its networks.
CREATE TABLE city_profiles (
    organisation_id uuid        PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    country         text        NOT NULL DEFAULT '' CHECK (length(country) <= 100),
    region          text        NOT NULL DEFAULT '' CHECK (length(region) <= 100),
    population_band text        NOT NULL DEFAULT '' CHECK (population_band IN ('', 'under-50k', '50k-250k', '250k-1m', '1m-5m', 'over-5m')),
    area_type       text        NOT NULL DEFAULT '' CHECK (area_type IN ('', 'urban', 'suburban', 'rural', 'mixed')),
    tags            text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 10),
    is_demo         boolean     NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- A member's published results: one snapshot per member and network (publishing again replaces it). Withdrawing deletes
-- the row and its scores, so every view, page and API answer loses it at once: nothing is cached across requests.
CREATE TABLE benchmark_snapshots (
    id                uuid        PRIMARY KEY,
    network_id        uuid        NOT NULL,
    organisation_id   uuid        NOT NULL,
    assessment_id     uuid        NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    method            text        NOT NULL CHECK (method IN ('single-stakeholder', 'multi-stakeholder', 'moderated-workshop')),
    -- median, consensus, mixed; audited once the audit feature publishes audited scores.
    score_source      text        NOT NULL CHECK (score_source IN ('median', 'consensus', 'mixed', 'audited')),
    participant_count integer     NOT NULL CHECK (participant_count >= 0),
    group_count       integer     NOT NULL CHECK (group_count >= 0),
    -- How many characteristics in scope carry a recorded consensus: none, some or all.
    consensus_state   text        NOT NULL CHECK (consensus_state IN ('none', 'partial', 'complete')),
    assessed_on       date        NOT NULL,
    published_by      uuid        REFERENCES users (id) ON DELETE SET NULL,
    published_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (network_id, organisation_id) REFERENCES benchmark_members (network_id, organisation_id) ON DELETE CASCADE,
    UNIQUE (network_id, organisation_id)
);
CREATE INDEX ix_benchmark_snapshots_assessment_id ON benchmark_snapshots (assessment_id);

-- The scores a snapshot shares: dimension ("1"), sub-dimension ("1.2") and characteristic ("1.2.3"), now and in two years.
-- The level is part of the key: in dimension 4 a sub-dimension and its one characteristic share a code ("4.1").
CREATE TABLE benchmark_snapshot_scores (
    snapshot_id        uuid         NOT NULL REFERENCES benchmark_snapshots (id) ON DELETE CASCADE,
    code               text         NOT NULL CHECK (code ~ '^[0-9]+(\.[0-9]+){0,2}$'),
    level              text         NOT NULL CHECK (level IN ('dimension', 'sub_dimension', 'characteristic')),
    score_now          numeric(4,2) CHECK (score_now BETWEEN 1 AND 5),
    score_in_two_years numeric(4,2) CHECK (score_in_two_years BETWEEN 1 AND 5),
    -- For a characteristic: median, consensus or audited; for sub-dimensions and dimensions: mean.
    source             text         NOT NULL CHECK (source IN ('median', 'consensus', 'audited', 'mean', 'not_rated')),
    PRIMARY KEY (snapshot_id, level, code)
);
