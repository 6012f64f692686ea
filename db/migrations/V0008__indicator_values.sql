-- City indicator data: an organisation's own figure per indicator and year, and the audit trail of every change.
-- Indicators are named by code (unique across every loaded framework); the frameworks are embedded data, not
-- tables, so the application checks codes against them. See docs/decisions/0024-indicator-values-storage.md.

-- A new organisation role for the people who keep those figures.
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
    CHECK (role IN ('org_admin', 'facilitator', 'leader', 'member', 'data_officer'));
ALTER TABLE invitations DROP CONSTRAINT invitations_role_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_role_check
    CHECK (role IN ('org_admin', 'facilitator', 'leader', 'member', 'data_officer'));

CREATE TABLE indicator_values (
    id                 uuid        PRIMARY KEY,
    organisation_id    uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    indicator_code     text        NOT NULL CHECK (length(indicator_code) BETWEEN 1 AND 100),
    year               integer     NOT NULL CHECK (year BETWEEN 1950 AND 2200),
    value              numeric     NOT NULL,
    unit               text        NOT NULL CHECK (length(unit) <= 100),
    numerator          numeric,
    denominator        numeric     CHECK (denominator > 0),
    source             text        CHECK (length(source) <= 500),
    note               text        CHECK (length(note) <= 2000),
    status             text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    entered_by_user_id uuid        REFERENCES users (id) ON DELETE SET NULL,
    entered_at         timestamptz NOT NULL DEFAULT now(),
    -- Optimistic concurrency: every save names the version it read; a stale save is refused.
    version            integer     NOT NULL DEFAULT 1,
    -- Given together or not at all.
    CHECK ((numerator IS NULL) = (denominator IS NULL)),
    UNIQUE (organisation_id, indicator_code, year)
);
CREATE INDEX ix_indicator_values_year ON indicator_values (organisation_id, year);

-- Every change of a value: who, when, through what, the entry before and after (NULL before = created,
-- NULL after = removed). Keyed by organisation, indicator and year, so a removed value keeps its history.
CREATE TABLE indicator_value_changes (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id    uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    indicator_code     text        NOT NULL,
    year               integer     NOT NULL,
    changed_at         timestamptz NOT NULL DEFAULT now(),
    changed_by_user_id uuid        REFERENCES users (id) ON DELETE SET NULL,
    source             text        NOT NULL CHECK (source IN ('page', 'import')),
    old_entry          jsonb,
    new_entry          jsonb,
    CHECK (old_entry IS NOT NULL OR new_entry IS NOT NULL)
);
CREATE INDEX ix_indicator_value_changes_value ON indicator_value_changes (organisation_id, indicator_code, year, changed_at DESC);
