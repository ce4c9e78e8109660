-- Accounts: session families for refresh-token rotation, and agents' phone numbers stored beside
-- tenant data encrypted, with a blind index for lookups. Twin of sqlite/0002_accounts.sql.
ALTER TABLE sessions ADD COLUMN family_id TEXT;
UPDATE sessions SET family_id = session_id WHERE family_id IS NULL;
CREATE INDEX sessions_by_family ON sessions (family_id);

ALTER TABLE memberships ADD COLUMN phone_enc BYTEA;
ALTER TABLE memberships ADD COLUMN phone_hash TEXT CHECK (phone_hash IS NULL OR length(phone_hash) = 64);
ALTER TABLE memberships ADD COLUMN invited_by TEXT;
CREATE INDEX memberships_by_phone_hash ON memberships (tenant_id, phone_hash);
