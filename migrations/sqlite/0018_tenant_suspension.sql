-- Why and when the platform's admin suspended a tenant (tenants.status = 'SUSPENDED'), and who did.
-- Restoring sets status back to 'ACTIVE' and clears the three; the audit log keeps the history.
ALTER TABLE tenants ADD COLUMN suspended_reason TEXT;
ALTER TABLE tenants ADD COLUMN suspended_at INTEGER;
ALTER TABLE tenants ADD COLUMN suspended_by TEXT;

-- Start-up loads the suspended tenants; the console filters tenants by status.
CREATE INDEX tenants_by_status ON tenants (status, created_at);

-- The platform console counts the orders of the last hour across tenants.
CREATE INDEX orders_by_time ON orders (created_at);
