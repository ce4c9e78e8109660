-- Inventory forecast (issue 6): the owner's inventory page reads each product's sales of the last
-- six months from the ledger. Through the primary key (tenant_id, product_id, seq) it would read
-- every row a product ever had; this index reads only the window, and covers the columns the query
-- needs so that SQLite prefers it to the key (the table is WITHOUT ROWID: the key is the table).
CREATE INDEX inventory_ledger_by_time ON inventory_ledger (tenant_id, product_id, created_at, reason, order_id, delta);
