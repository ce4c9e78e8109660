-- Orders extras (issue 6): the buyer's GSTIN for a B2B invoice, and the customer's own orders
-- across every store and tenant.

-- The buyer's GSTIN when they gave one at checkout (validated, upper-case); NULL for a consumer.
ALTER TABLE orders ADD COLUMN customer_gstin TEXT CHECK (customer_gstin IS NULL OR length(customer_gstin) = 15);

-- "My orders" looks orders up by the customer, not by tenant. The blind index of the phone is
-- keyed by one platform-wide key (PiiVault::BlindIndex, no tenant in it), so the same phone has
-- the same customer_phone_hash in every tenant: only an index that does not start with
-- tenant_id is missing. Orders placed while signed in are found by customer_user_id as well.
CREATE INDEX orders_by_customer_phone ON orders (customer_phone_hash, created_at, order_id);
-- It also serves a tenant's own lookups by phone (one phone has few orders), so the tenant-first
-- copy goes: one index fewer to write per order.
DROP INDEX orders_by_phone_hash;
CREATE INDEX orders_by_customer_user ON orders (customer_user_id, created_at, order_id)
    WHERE customer_user_id IS NOT NULL;
