-- Accounts (issue 3): session families for refresh-token rotation, and agents' phone numbers
-- stored beside tenant data encrypted, with a blind index for lookups.

-- Every refresh rotates the session into a new row of the same family; presenting a refresh token
-- that was already rotated revokes the whole family (RFC 6819 §5.2.2.3, RFC 9700 §4.14.2).
-- Rows written before this migration are their own family.
ALTER TABLE sessions ADD COLUMN family_id TEXT;
UPDATE sessions SET family_id = session_id WHERE family_id IS NULL;
CREATE INDEX sessions_by_family ON sessions (family_id);

-- The invited phone number of a membership (agents), encrypted by the application with
-- XChaCha20-Poly1305 bound to the tenant, and its keyed blind index (HMAC-SHA-256, hex).
ALTER TABLE memberships ADD COLUMN phone_enc BLOB;
ALTER TABLE memberships ADD COLUMN phone_hash TEXT CHECK (phone_hash IS NULL OR length(phone_hash) = 64);
ALTER TABLE memberships ADD COLUMN invited_by TEXT;
CREATE INDEX memberships_by_phone_hash ON memberships (tenant_id, phone_hash);
