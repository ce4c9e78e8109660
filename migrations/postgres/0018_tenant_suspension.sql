-- Why and when the platform's admin suspended a tenant, and who did. Twin of
-- sqlite/0018_tenant_suspension.sql.
ALTER TABLE tenants ADD COLUMN suspended_reason TEXT;
ALTER TABLE tenants ADD COLUMN suspended_at BIGINT;
ALTER TABLE tenants ADD COLUMN suspended_by TEXT;

CREATE INDEX tenants_by_status ON tenants (status, created_at);

-- The platform console counts the orders of the last hour across tenants.
CREATE INDEX orders_by_time ON orders (created_at);
