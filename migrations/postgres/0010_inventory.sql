-- The inventory forecast reads each product's sales of a window from the ledger. Twin of
-- sqlite/0010_inventory.sql.
CREATE INDEX inventory_ledger_by_time ON inventory_ledger (tenant_id, product_id, created_at, reason, order_id, delta);
