-- Renames of an assessment series (issue 18): who renamed it, when, the name before and after. Written in the
-- transaction of the rename itself; saving the name unchanged writes nothing. Rows are never updated.
CREATE TABLE series_renames (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    series_id   uuid        NOT NULL REFERENCES assessment_series (id) ON DELETE CASCADE,
    old_name    text        NOT NULL CHECK (length(old_name) BETWEEN 1 AND 200),
    new_name    text        NOT NULL CHECK (length(new_name) BETWEEN 1 AND 200),
    renamed_at  timestamptz NOT NULL DEFAULT now(),
    by_user_id  uuid        REFERENCES users (id) ON DELETE SET NULL,
    CHECK (old_name <> new_name)
);
CREATE INDEX ix_series_renames_series ON series_renames (series_id, id);
