-- Personal access tokens: how integrations (a city's BI tool, a script) read the results API as a user.
-- Read-only by construction: the token signs its user in for GET requests to /api/* only, with that user's own
-- permissions, looked up afresh on every request. Only the SHA-256 of the random token is stored.

CREATE TABLE personal_access_tokens (
    id           uuid        PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash   bytea       NOT NULL UNIQUE,
    scope        text        NOT NULL DEFAULT 'read' CHECK (scope IN ('read')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX ix_personal_access_tokens_user_id ON personal_access_tokens (user_id);
