-- Lists that seek, product search on an index, and the stock ledger summed per product and day.

-- The owner's product list walks one of these in display order from its cursor, so a page costs
-- its own rows, not a sort of the whole store: the first for every product, the second within one
-- category.
CREATE INDEX products_in_order ON products (tenant_id, store_id, sort_order, created_at, product_id);
CREATE INDEX products_in_category_order ON products (tenant_id, store_id, category, sort_order, created_at,
                                                     product_id);

-- The owner's orders of one status, newest first, from the cursor: a status that matches little
-- reads little.
CREATE INDEX orders_by_store_status ON orders (tenant_id, store_id, status, created_at, order_id);

-- Product search: FTS5 over product names (external content: the names stay in products alone,
-- the index row of a product has the product's rowid; backups copy pages, so rowids survive them).
-- unicode61 keeps letters and numbers together and, with the marks (M*) among the token
-- characters, keeps a Devanagari word whole: by default a vowel sign or virama would cut दूध into
-- द and ध. Queries are word prefixes ("चीन" finds चीनी, "atta" finds "Aashirvaad Atta"), which
-- work from the first letter typed, where a trigram index needs three.
CREATE VIRTUAL TABLE products_fts USING fts5(
    name, content = 'products', tokenize = "unicode61 categories 'L* N* Co M*'"
);
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_fts (rowid, name) VALUES (new.rowid, new.name);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
END;
CREATE TRIGGER products_fts_rename AFTER UPDATE OF name ON products WHEN old.name <> new.name BEGIN
    INSERT INTO products_fts (products_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
    INSERT INTO products_fts (rowid, name) VALUES (new.rowid, new.name);
END;
INSERT INTO products_fts (products_fts) VALUES ('rebuild');

-- inventory_stock_days: per product and India day (days since 1970-01-01 at UTC+05:30), the units
-- sold in orders placed that day less what cancellations and releases of those orders gave back
-- (sold), and the net stock change of every ledger entry made that day (delta). Written with each
-- ledger entry, in its transaction, by catalog::AppendLedgerEntry; the inventory report reads it,
-- O(products x days) instead of O(ledger rows).
CREATE TABLE inventory_stock_days (
    tenant_id  TEXT    NOT NULL,
    product_id TEXT    NOT NULL,
    day        INTEGER NOT NULL,
    sold       INTEGER NOT NULL DEFAULT 0,
    delta      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, product_id, day),
    FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, product_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

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
