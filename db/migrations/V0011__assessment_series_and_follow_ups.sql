-- Assessment cycles (issue 18): an organisation's assessments form named series, and a follow-up links to the
-- assessment it follows. Plan realisation compares a cycle with its predecessor, so the link is kept explicitly
-- rather than guessed from dates.

CREATE TABLE assessment_series (
    id              uuid        PRIMARY KEY,
    organisation_id uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ux_assessment_series_name ON assessment_series (organisation_id, lower(name));

ALTER TABLE assessments
    ADD COLUMN series_id      uuid REFERENCES assessment_series (id) ON DELETE SET NULL,
    ADD COLUMN predecessor_id uuid REFERENCES assessments (id) ON DELETE SET NULL;

-- One follow-up per assessment: a series is a line, not a tree, so "the next cycle" is never ambiguous.
CREATE UNIQUE INDEX ux_assessments_predecessor_id ON assessments (predecessor_id);
CREATE INDEX ix_assessments_series_id ON assessments (series_id);
