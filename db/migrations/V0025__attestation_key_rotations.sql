-- Issue 17, ADR 0050: an audit body's administrator can rotate the body's attestation signing key. The old key is
-- retired (it signs nothing more, but every attestation it signed still verifies under it, and it stays published);
-- a new key becomes current. Each rotation is recorded here: which body, which key was retired and which made, who
-- did it (the account, and its name as it read then, kept if the account is removed) and when. Rows are never
-- changed or removed.
CREATE TABLE attestation_key_rotations (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    audit_body_id    uuid        NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    retired_key_id   text        REFERENCES attestation_signing_keys (key_id),
    new_key_id       text        NOT NULL UNIQUE REFERENCES attestation_signing_keys (key_id),
    rotated_by       uuid        REFERENCES users (id) ON DELETE SET NULL,
    rotated_by_name  text        NOT NULL CHECK (length(rotated_by_name) BETWEEN 1 AND 320),
    rotated_at       timestamptz NOT NULL
);
CREATE INDEX attestation_key_rotations_body ON attestation_key_rotations (audit_body_id, rotated_at);

CREATE FUNCTION refuse_key_rotation_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The record of attestation key rotations is never changed or removed.' USING ERRCODE = 'CM002';
END;
$$;
CREATE TRIGGER attestation_key_rotations_append_only BEFORE UPDATE OR DELETE ON attestation_key_rotations
    FOR EACH ROW EXECUTE FUNCTION refuse_key_rotation_change();
