-- Twin of sqlite/0021_lists_search_and_stock_days.sql.

-- The owner's product list walks one of these in display order from its cursor, so a page costs
-- its own rows, not a sort of the whole store: the first for every product, the second within one
-- category.
CREATE INDEX products_in_order ON products (tenant_id, store_id, sort_order, created_at, product_id);
CREATE INDEX products_in_category_order ON products (tenant_id, store_id, category, sort_order, created_at,
                                                     product_id);

-- The owner's orders of one status, newest first, from the cursor: a status that matches little
-- reads little.
CREATE INDEX orders_by_store_status ON orders (tenant_id, store_id, status, created_at, order_id);

-- Product search: a GIN index over the words of product names ('simple': lower case, no stemming;
-- PostgreSQL's parser keeps a Devanagari word whole). Queries are word prefixes, as on SQLite.
-- The expression is the one the search query uses (catalog_service.cpp), or the index is not used.
CREATE INDEX products_name_search ON products USING gin (to_tsvector('simple', name));

-- inventory_stock_days: per product and India day (days since 1970-01-01 at UTC+05:30), the units
-- sold in orders placed that day less what cancellations and releases of those orders gave back
-- (sold), and the net stock change of every ledger entry made that day (delta). Written with each
-- ledger entry, in its transaction, by catalog::AppendLedgerEntry; the inventory report reads it,
-- O(products x days) instead of O(ledger rows).
CREATE TABLE inventory_stock_days (
    tenant_id  TEXT    NOT NULL,
    product_id TEXT    NOT NULL,
    day        BIGINT  NOT NULL,
    sold       BIGINT  NOT NULL DEFAULT 0,
    delta      BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, product_id, day),
    FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, product_id) ON DELETE CASCADE
);

-- The ledger so far, summed the way the report summed it: a give-back counts on the day its order
-- was placed.
INSERT INTO inventory_stock_days (tenant_id, product_id, day, sold, delta)
SELECT tenant_id, product_id, day, sum(sold) AS sold, sum(delta) AS delta
FROM (
    SELECT tenant_id, product_id, (created_at + 19800000) / 86400000 AS day, 0 AS sold, delta
    FROM inventory_ledger
    UNION ALL
    SELECT l.tenant_id, l.product_id,
           (CASE WHEN l.reason = 'ORDER_RESERVED' THEN l.created_at
                 ELSE coalesce((SELECT o.created_at FROM orders o
                                WHERE o.tenant_id = l.tenant_id AND o.order_id = l.order_id), l.created_at)
            END + 19800000) / 86400000 AS day,
           -l.delta AS sold, 0 AS delta
    FROM inventory_ledger l
    WHERE l.reason IN ('ORDER_RESERVED', 'ORDER_RELEASED', 'ORDER_CANCELLED', 'RETURNED') AND l.order_id IS NOT NULL
) AS moves
GROUP BY tenant_id, product_id, day;
