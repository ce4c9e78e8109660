-- The owner's dashboard figures, owned by analytics and kept by its outbox consumer (one
-- transaction per event, exactly once through processed_events): a page view reads these sums,
-- never the orders themselves. Days are India days (UTC+05:30) of when an order was placed.
--
-- analytics_orders: what each order adds to the sums now. state: PENDING (placed, not paid or
-- collected yet), PAID (paid online or its cash collected at the door), CANCELLED. first_order:
-- the first order the business saw from that customer's phone. When an order moves on, its old
-- contribution comes out of the sums and its new one goes in.
CREATE TABLE analytics_orders (
    tenant_id      TEXT    NOT NULL,
    order_id       TEXT    NOT NULL,
    store_id       TEXT    NOT NULL,
    day            TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    payment_method TEXT    NOT NULL CHECK (payment_method IN ('RAZORPAY', 'UPI', 'COD')),
    total_paise    INTEGER NOT NULL CHECK (total_paise >= 0),
    state          TEXT    NOT NULL CHECK (state IN ('PENDING', 'PAID', 'CANCELLED')),
    first_order    INTEGER NOT NULL CHECK (first_order IN (0, 1)),
    updated_at     INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, order_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX analytics_orders_open ON analytics_orders (tenant_id, state, payment_method);

-- analytics_customers: each customer (by the blind index of their phone) a business has had an order from.
CREATE TABLE analytics_customers (
    tenant_id      TEXT    NOT NULL,
    customer_hash  TEXT    NOT NULL,
    first_order_id TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, customer_hash)
) STRICT, WITHOUT ROWID;

-- analytics_daily: per store and India day. orders leaves cancelled ones out; paid + pending =
-- orders; new_orders + repeat_orders = orders.
CREATE TABLE analytics_daily (
    tenant_id        TEXT    NOT NULL,
    store_id         TEXT    NOT NULL,
    day              TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    orders           INTEGER NOT NULL DEFAULT 0 CHECK (orders >= 0),
    paid_orders      INTEGER NOT NULL DEFAULT 0 CHECK (paid_orders >= 0),
    revenue_paise    INTEGER NOT NULL DEFAULT 0 CHECK (revenue_paise >= 0),
    pending_orders   INTEGER NOT NULL DEFAULT 0 CHECK (pending_orders >= 0),
    pending_paise    INTEGER NOT NULL DEFAULT 0 CHECK (pending_paise >= 0),
    cancelled_orders INTEGER NOT NULL DEFAULT 0 CHECK (cancelled_orders >= 0),
    new_orders       INTEGER NOT NULL DEFAULT 0 CHECK (new_orders >= 0),
    repeat_orders    INTEGER NOT NULL DEFAULT 0 CHECK (repeat_orders >= 0),
    PRIMARY KEY (tenant_id, store_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX analytics_daily_by_day ON analytics_daily (tenant_id, day);

-- analytics_daily_methods: orders (cancelled left out) and paid revenue per payment method.
CREATE TABLE analytics_daily_methods (
    tenant_id      TEXT    NOT NULL,
    store_id       TEXT    NOT NULL,
    day            TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    payment_method TEXT    NOT NULL CHECK (payment_method IN ('RAZORPAY', 'UPI', 'COD')),
    orders         INTEGER NOT NULL DEFAULT 0 CHECK (orders >= 0),
    paid_paise     INTEGER NOT NULL DEFAULT 0 CHECK (paid_paise >= 0),
    PRIMARY KEY (tenant_id, store_id, day, payment_method)
) STRICT, WITHOUT ROWID;
CREATE INDEX analytics_daily_methods_by_day ON analytics_daily_methods (tenant_id, day);

-- analytics_daily_products: units and sales (line totals) of each product in orders not cancelled.
CREATE TABLE analytics_daily_products (
    tenant_id   TEXT    NOT NULL,
    store_id    TEXT    NOT NULL,
    day         TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    product_id  TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    units       INTEGER NOT NULL DEFAULT 0 CHECK (units >= 0),
    sales_paise INTEGER NOT NULL DEFAULT 0 CHECK (sales_paise >= 0),
    PRIMARY KEY (tenant_id, store_id, day, product_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX analytics_daily_products_by_day ON analytics_daily_products (tenant_id, day);

-- The orders placed before these sums existed, counted as the consumer would count them now (the
-- outbox events still to come for them then change nothing, or move them on as usual).
INSERT INTO analytics_orders (tenant_id, order_id, store_id, day, payment_method, total_paise, state, first_order,
                              updated_at)
SELECT tenant_id, order_id, store_id, strftime('%Y-%m-%d', created_at / 1000, 'unixepoch', '+330 minutes'), payment_method, total_paise,
       CASE WHEN status = 'CANCELLED' THEN 'CANCELLED' WHEN payment_status = 'PAID' THEN 'PAID' ELSE 'PENDING' END,
       CASE WHEN row_number() OVER (PARTITION BY tenant_id, customer_phone_hash ORDER BY created_at, order_id) = 1
            THEN 1 ELSE 0 END,
       updated_at
FROM orders;

INSERT INTO analytics_customers (tenant_id, customer_hash, first_order_id)
SELECT tenant_id, customer_phone_hash, order_id FROM (
    SELECT tenant_id, customer_phone_hash, order_id,
           row_number() OVER (PARTITION BY tenant_id, customer_phone_hash ORDER BY created_at, order_id) AS n
    FROM orders) firsts
WHERE n = 1;

INSERT INTO analytics_daily (tenant_id, store_id, day, orders, paid_orders, revenue_paise, pending_orders,
                             pending_paise, cancelled_orders, new_orders, repeat_orders)
SELECT tenant_id, store_id, day,
       sum(CASE WHEN state <> 'CANCELLED' THEN 1 ELSE 0 END),
       sum(CASE WHEN state = 'PAID' THEN 1 ELSE 0 END),
       sum(CASE WHEN state = 'PAID' THEN total_paise ELSE 0 END),
       sum(CASE WHEN state = 'PENDING' THEN 1 ELSE 0 END),
       sum(CASE WHEN state = 'PENDING' THEN total_paise ELSE 0 END),
       sum(CASE WHEN state = 'CANCELLED' THEN 1 ELSE 0 END),
       sum(CASE WHEN state <> 'CANCELLED' AND first_order = 1 THEN 1 ELSE 0 END),
       sum(CASE WHEN state <> 'CANCELLED' AND first_order = 0 THEN 1 ELSE 0 END)
FROM analytics_orders GROUP BY tenant_id, store_id, day;

INSERT INTO analytics_daily_methods (tenant_id, store_id, day, payment_method, orders, paid_paise)
SELECT tenant_id, store_id, day, payment_method,
       sum(CASE WHEN state <> 'CANCELLED' THEN 1 ELSE 0 END),
       sum(CASE WHEN state = 'PAID' THEN total_paise ELSE 0 END)
FROM analytics_orders GROUP BY tenant_id, store_id, day, payment_method;

INSERT INTO analytics_daily_products (tenant_id, store_id, day, product_id, name, units, sales_paise)
SELECT a.tenant_id, a.store_id, a.day, i.product_id, max(i.name), sum(i.quantity), sum(i.line_total_paise)
FROM analytics_orders a JOIN order_items i ON i.tenant_id = a.tenant_id AND i.order_id = a.order_id
WHERE a.state <> 'CANCELLED'
GROUP BY a.tenant_id, a.store_id, a.day, i.product_id;
