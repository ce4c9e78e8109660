-- Stock reasons (issue 6): an owner's own stock change is a RESTOCK, a DAMAGE or a CORRECTION
-- (imports write CORRECTION too). ADJUSTMENT stays allowed for the rows written before. SQLite
-- cannot change a CHECK in place, so the ledger is rebuilt with the same columns, key and rows.
CREATE TABLE inventory_ledger_new (
    tenant_id     TEXT    NOT NULL,
    product_id    TEXT    NOT NULL,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    delta         INTEGER NOT NULL CHECK (delta <> 0),
    stock_after   INTEGER NOT NULL CHECK (stock_after >= 0),
    reason        TEXT    NOT NULL CHECK (reason IN ('INITIAL', 'RESTOCK', 'ADJUSTMENT', 'DAMAGE', 'CORRECTION',
                                                     'ORDER_RESERVED', 'ORDER_RELEASED', 'ORDER_CANCELLED',
                                                     'RETURNED')),
    order_id      TEXT,
    actor_user_id TEXT,
    note          TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, product_id, seq),
    FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, product_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

INSERT INTO inventory_ledger_new (tenant_id, product_id, seq, delta, stock_after, reason, order_id, actor_user_id,
                                  note, created_at)
SELECT tenant_id, product_id, seq, delta, stock_after, reason, order_id, actor_user_id, note, created_at
FROM inventory_ledger;

DROP TABLE inventory_ledger;
ALTER TABLE inventory_ledger_new RENAME TO inventory_ledger;
