-- Scheduled reminders before an assessment's deadline (issue 13, ADR 0026).

-- A manager can turn the scheduled reminders off for one assessment; they are on by default.
ALTER TABLE assessments ADD COLUMN reminders_enabled boolean NOT NULL DEFAULT true;

-- One row per reminder sent: the primary key makes "at most once per participant and stage" the database's rule, so
-- two app instances (or one restarted mid-run) can never both send the same reminder. The row, the fresh link and
-- the outbox message are written in one transaction.
CREATE TABLE participant_reminders (
    participant_id uuid        NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    assessment_id  uuid        NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    -- The stage: how many days before the deadline it is due (7 or 2 today).
    days_before    smallint    NOT NULL CHECK (days_before BETWEEN 1 AND 60),
    sent_at        timestamptz NOT NULL,
    PRIMARY KEY (participant_id, days_before)
);
CREATE INDEX ix_participant_reminders_assessment_id ON participant_reminders (assessment_id);

-- What a message is, so the outbox can tell an invitation from a reminder; NULL for account mail (sign-up, reset).
ALTER TABLE outbox_messages ADD COLUMN kind text CHECK (kind IN ('invitation', 'reminder', 'scheduled-reminder'));
