-- A store's delivery charges, daily sales counters, and the request an order's idempotency key
-- came with. Twin of sqlite/0005_orders.sql.
ALTER TABLE stores ADD COLUMN delivery_fee_paise BIGINT NOT NULL DEFAULT 0 CHECK (delivery_fee_paise >= 0);
ALTER TABLE stores ADD COLUMN min_order_paise BIGINT NOT NULL DEFAULT 0 CHECK (min_order_paise >= 0);
ALTER TABLE stores ADD COLUMN free_delivery_above_paise BIGINT NOT NULL DEFAULT 0
    CHECK (free_delivery_above_paise >= 0);

CREATE TABLE daily_sales (
    tenant_id     TEXT    NOT NULL,
    store_id      TEXT    NOT NULL,
    day           TEXT    NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    orders        BIGINT  NOT NULL DEFAULT 0 CHECK (orders >= 0),
    revenue_paise BIGINT  NOT NULL DEFAULT 0 CHECK (revenue_paise >= 0),
    PRIMARY KEY (tenant_id, store_id, day)
);

ALTER TABLE orders ADD COLUMN request_hash TEXT NOT NULL DEFAULT '';
