-- Stock reasons: an owner's own stock change is a RESTOCK, a DAMAGE or a CORRECTION. Twin of
-- sqlite/0009_stock_reasons.sql, which rebuilds the table; here the CHECK is replaced in place.
ALTER TABLE inventory_ledger DROP CONSTRAINT inventory_ledger_reason_check;
ALTER TABLE inventory_ledger ADD CONSTRAINT inventory_ledger_reason_check
    CHECK (reason IN ('INITIAL', 'RESTOCK', 'ADJUSTMENT', 'DAMAGE', 'CORRECTION', 'ORDER_RESERVED',
                      'ORDER_RELEASED', 'ORDER_CANCELLED', 'RETURNED'));
