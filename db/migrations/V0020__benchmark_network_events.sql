-- Issue 16: a benchmark network's settings after creation. Coordinators are added and removed (never the last one) and
-- the privacy threshold k changes (never below 3); each change is recorded here: who, when, what before and after.
CREATE TABLE benchmark_network_events (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id      uuid        NOT NULL REFERENCES benchmark_networks (id) ON DELETE CASCADE,
    kind            text        NOT NULL CHECK (kind IN ('k_changed', 'coordinator_added', 'coordinator_removed')),
    -- Who did it; kept as an email as well, so the record still says who after the account is deleted.
    actor_id        uuid        REFERENCES users (id) ON DELETE SET NULL,
    actor_email     text        NOT NULL,
    -- The coordinator added or removed.
    subject_email   text,
    old_k           integer,
    new_k           integer,
    at              timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'k_changed') = (old_k IS NOT NULL AND new_k IS NOT NULL AND subject_email IS NULL)),
    CHECK ((kind <> 'k_changed') = (subject_email IS NOT NULL))
);
CREATE INDEX ix_benchmark_network_events_network_id ON benchmark_network_events (network_id, at);
