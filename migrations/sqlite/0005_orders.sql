-- Orders and events (issue 6): the store's delivery settings, and the analytics counters the
-- outbox dispatcher maintains.

-- What a store charges for delivery. 0 everywhere means free delivery and no minimum order;
-- free_delivery_above_paise = 0 means there is no free-delivery threshold.
ALTER TABLE stores ADD COLUMN delivery_fee_paise INTEGER NOT NULL DEFAULT 0 CHECK (delivery_fee_paise >= 0);
ALTER TABLE stores ADD COLUMN min_order_paise INTEGER NOT NULL DEFAULT 0 CHECK (min_order_paise >= 0);
ALTER TABLE stores ADD COLUMN free_delivery_above_paise INTEGER NOT NULL DEFAULT 0
    CHECK (free_delivery_above_paise >= 0);

-- Orders and revenue per store and calendar day (India time), counted once per ORDER_PLACED by
-- the analytics consumer (processed_events keeps it exactly once).
CREATE TABLE daily_sales (
    tenant_id     TEXT    NOT NULL,
    store_id      TEXT    NOT NULL,
    day           TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    orders        INTEGER NOT NULL DEFAULT 0 CHECK (orders >= 0),
    revenue_paise INTEGER NOT NULL DEFAULT 0 CHECK (revenue_paise >= 0),
    PRIMARY KEY (tenant_id, store_id, day)
) STRICT, WITHOUT ROWID;

-- What the Idempotency-Key of an order was sent with: a retry with the same key and the same
-- request gets the same order, the same key with another request is refused.
ALTER TABLE orders ADD COLUMN request_hash TEXT NOT NULL DEFAULT '';
