-- The improvement plan (issue 18): actions a city takes on a characteristic of an assessment — a weakness, a gap in
-- plans or any other — with an owner, a due date, a status, the ISO documents that help (catalogue Table 3 codes) and
-- the indicators that will show progress with a target value and year. The next cycle reads them beside the
-- characteristic's movement. Actions are never deleted: "dropped" is a status, so the plan keeps its history.

CREATE TABLE improvement_actions (
    id                  uuid        PRIMARY KEY,
    organisation_id     uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    assessment_id       uuid        NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    characteristic_code text        NOT NULL CHECK (length(characteristic_code) BETWEEN 1 AND 20),
    title               text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    -- The owner is a member of the organisation or a name typed in (a department, a partner): exactly one of the two.
    owner_user_id       uuid        REFERENCES users (id) ON DELETE SET NULL,
    owner_name          text        CHECK (length(owner_name) BETWEEN 1 AND 200),
    due_date            date        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
    -- Codes of the catalogue's helpful documents (clause 5.2, Table 3), validated against the catalogue by the application.
    documents           text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(documents) <= 20),
    created_at          timestamptz NOT NULL DEFAULT now(),
    created_by_user_id  uuid        REFERENCES users (id) ON DELETE SET NULL,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_improvement_actions_assessment ON improvement_actions (assessment_id, characteristic_code);
-- The dashboard asks for an organisation's open actions past their date.
CREATE INDEX ix_improvement_actions_open_due ON improvement_actions (assessment_id, due_date) WHERE status IN ('planned', 'in_progress');

-- The indicators that will show progress, each with the value the action aims for and the year it should be reached.
CREATE TABLE improvement_action_indicators (
    action_id      uuid    NOT NULL REFERENCES improvement_actions (id) ON DELETE CASCADE,
    indicator_code text    NOT NULL CHECK (length(indicator_code) BETWEEN 1 AND 60),
    target_value   numeric NOT NULL,
    target_year    integer NOT NULL CHECK (target_year BETWEEN 1900 AND 2200),
    PRIMARY KEY (action_id, indicator_code)
);

-- Every change, one row per field changed: who, when, the value before and after, as a reader sees them.
CREATE TABLE improvement_action_changes (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action_id     uuid        NOT NULL REFERENCES improvement_actions (id) ON DELETE CASCADE,
    assessment_id uuid        NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    field         text        NOT NULL CHECK (length(field) BETWEEN 1 AND 40),
    old_value     text,
    new_value     text,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    by_user_id    uuid        REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX ix_improvement_action_changes_action ON improvement_action_changes (action_id, id);
