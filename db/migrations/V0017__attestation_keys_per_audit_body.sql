-- Each audit body signs its attestations with a key pair of its own (issue 17, ADR 0040). Keys made before this
-- migration belong to no body (audit_body_id null): the installation key, which keeps verifying the attestations it
-- signed. One current key per body, and at most one current installation key.
ALTER TABLE attestation_signing_keys ADD COLUMN audit_body_id uuid REFERENCES organisations (id) ON DELETE RESTRICT;

DROP INDEX attestation_signing_keys_one_current;
CREATE UNIQUE INDEX attestation_signing_keys_one_current_installation ON attestation_signing_keys ((true))
    WHERE retired_at IS NULL AND audit_body_id IS NULL;
CREATE UNIQUE INDEX attestation_signing_keys_one_current_per_body ON attestation_signing_keys (audit_body_id)
    WHERE retired_at IS NULL AND audit_body_id IS NOT NULL;
