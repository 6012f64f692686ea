-- Benchmarking between peers (issue 16, ADR 0042): indicator values a member publishes into a network, the evidence items
-- it chooses to share with its published results, and peer challenge threads. As in V0012, nothing here has a column for
-- a participant's name, email, rating or comment; who wrote a post or hid it is kept for the record and never shown.

-- Chosen years of a member's published indicator values, copied when it publishes them (only code, year, value and unit:
-- never the source or note, which may name people). Publishing again replaces them; withdrawing or leaving deletes them.
CREATE TABLE benchmark_indicator_values (
    network_id      uuid        NOT NULL,
    organisation_id uuid        NOT NULL,
    indicator_code  text        NOT NULL CHECK (length(indicator_code) BETWEEN 1 AND 100),
    year            integer     NOT NULL CHECK (year BETWEEN 1950 AND 2200),
    value           numeric     NOT NULL,
    unit            text        NOT NULL CHECK (length(unit) <= 100),
    published_by    uuid        REFERENCES users (id) ON DELETE SET NULL,
    published_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (network_id, organisation_id, indicator_code, year),
    FOREIGN KEY (network_id, organisation_id) REFERENCES benchmark_members (network_id, organisation_id) ON DELETE CASCADE
);
CREATE INDEX ix_benchmark_indicator_values_indicator ON benchmark_indicator_values (network_id, indicator_code, year);

-- The evidence items of the published assessment that the member opted in, one by one. Keyed by the snapshot: sharing
-- another assessment or withdrawing deletes the snapshot and with it every choice; removing an item deletes its row here.
CREATE TABLE benchmark_shared_evidence (
    snapshot_id uuid        NOT NULL REFERENCES benchmark_snapshots (id) ON DELETE CASCADE,
    evidence_id uuid        NOT NULL REFERENCES evidence_items (id) ON DELETE CASCADE,
    shared_by   uuid        REFERENCES users (id) ON DELETE SET NULL,
    shared_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (snapshot_id, evidence_id)
);

-- A member questions another member's shared score and evidence on one characteristic (three-part codes such as 1.1.1,
-- and dimension 4's two-part 4.1 to 4.6). Both are members: leaving the network deletes the threads it opened or was
-- challenged in.
CREATE TABLE benchmark_challenges (
    id                        uuid        PRIMARY KEY,
    network_id                uuid        NOT NULL REFERENCES benchmark_networks (id) ON DELETE CASCADE,
    target_organisation_id    uuid        NOT NULL,
    characteristic_code       text        NOT NULL CHECK (characteristic_code ~ '^[0-9]+(\.[0-9]+){1,2}$'),
    opened_by_organisation_id uuid        NOT NULL,
    opened_by                 uuid        REFERENCES users (id) ON DELETE SET NULL,
    opened_at                 timestamptz NOT NULL DEFAULT now(),
    closed_at                 timestamptz,
    closed_by                 uuid        REFERENCES users (id) ON DELETE SET NULL,
    CHECK (target_organisation_id <> opened_by_organisation_id),
    FOREIGN KEY (network_id, target_organisation_id) REFERENCES benchmark_members (network_id, organisation_id) ON DELETE CASCADE,
    FOREIGN KEY (network_id, opened_by_organisation_id) REFERENCES benchmark_members (network_id, organisation_id) ON DELETE CASCADE
);
CREATE INDEX ix_benchmark_challenges_network ON benchmark_challenges (network_id, characteristic_code);

-- The question and the answers. A post appears under its organisation's name or alias, never its writer's. Posts are
-- never edited or deleted by the application: a coordinator hides one (who, when, why), which is the moderation record.
CREATE TABLE benchmark_challenge_posts (
    id                     uuid        PRIMARY KEY,
    challenge_id           uuid        NOT NULL REFERENCES benchmark_challenges (id) ON DELETE CASCADE,
    author_organisation_id uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    body                   text        NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    posted_by              uuid        REFERENCES users (id) ON DELETE SET NULL,
    posted_at              timestamptz NOT NULL DEFAULT now(),
    hidden_at              timestamptz,
    hidden_by              uuid        REFERENCES users (id) ON DELETE SET NULL,
    hidden_reason          text        CHECK (length(hidden_reason) <= 500),
    CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL))
);
CREATE INDEX ix_benchmark_challenge_posts_challenge ON benchmark_challenge_posts (challenge_id, posted_at);
