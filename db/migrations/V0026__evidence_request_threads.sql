-- Issue 17, ADR 0053: an evidence request becomes a thread. After the question (and the city's first answer, kept in
-- audit_requests), the auditor and the city post follow-ups; each is a row here, in the order posted, with who (the
-- account, its side, and its name as it read then) and when. Each post is also an entry of the audit's hash chain
-- (kind "request-message-posted", with the message's id and text) written in the same transaction, so the record
-- covers the thread; the rows themselves are never changed or removed (a trigger, SQLSTATE CM002).
CREATE TABLE audit_request_messages (
    id           uuid        PRIMARY KEY,
    sequence     bigint      GENERATED ALWAYS AS IDENTITY UNIQUE, -- the order posted (timestamps may tie)
    request_id   uuid        NOT NULL REFERENCES audit_requests (id) ON DELETE RESTRICT,
    party        text        NOT NULL CHECK (party IN ('city', 'audit_body')),
    author_id    uuid        REFERENCES users (id) ON DELETE SET NULL,
    author_name  text        NOT NULL CHECK (length(author_name) BETWEEN 1 AND 320),
    body         text        NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    posted_at    timestamptz NOT NULL
);
CREATE INDEX audit_request_messages_by_request ON audit_request_messages (request_id, sequence);

CREATE FUNCTION refuse_request_message_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The messages of an evidence request are part of the audit''s record: they are never changed or removed.' USING ERRCODE = 'CM002';
END;
$$;
CREATE TRIGGER audit_request_messages_append_only BEFORE UPDATE OR DELETE ON audit_request_messages
    FOR EACH ROW EXECUTE FUNCTION refuse_request_message_change();

-- The auditor closes a request once satisfied (or it ends with the audit): open → answered → closed, visible to both.
ALTER TABLE audit_requests ADD COLUMN closed_at timestamptz, ADD COLUMN closed_by uuid REFERENCES users (id) ON DELETE SET NULL;
