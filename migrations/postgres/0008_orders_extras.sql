-- The buyer's GSTIN, and the customer's own orders across stores and tenants. Twin of
-- sqlite/0008_orders_extras.sql.
ALTER TABLE orders ADD COLUMN customer_gstin TEXT CHECK (customer_gstin IS NULL OR length(customer_gstin) = 15);

CREATE INDEX orders_by_customer_phone ON orders (customer_phone_hash, created_at, order_id);
DROP INDEX orders_by_phone_hash;
CREATE INDEX orders_by_customer_user ON orders (customer_user_id, created_at, order_id)
    WHERE customer_user_id IS NOT NULL;
