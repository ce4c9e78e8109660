-- Twin of sqlite/0017_analytics.sql.
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
    day            TEXT    NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    payment_method TEXT    NOT NULL CHECK (payment_method IN ('RAZORPAY', 'UPI', 'COD')),
    total_paise    BIGINT  NOT NULL CHECK (total_paise >= 0),
    state          TEXT    NOT NULL CHECK (state IN ('PENDING', 'PAID', 'CANCELLED')),
    first_order    BIGINT  NOT NULL CHECK (first_order IN (0, 1)),
    updated_at     BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, order_id)
);
CREATE INDEX analytics_orders_open ON analytics_orders (tenant_id, state, payment_method);

-- analytics_customers: each customer (by the blind index of their phone) a business has had an order from.
CREATE TABLE analytics_customers (
    tenant_id      TEXT    NOT NULL,
    customer_hash  TEXT    NOT NULL,
    first_order_id TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, customer_hash)
);

-- analytics_daily: per store and India day. orders leaves cancelled ones out; paid + pending =
-- orders; new_orders + repeat_orders = orders.
CREATE TABLE analytics_daily (
    tenant_id        TEXT    NOT NULL,
    store_id         TEXT    NOT NULL,
    day              TEXT    NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    orders           BIGINT  NOT NULL DEFAULT 0 CHECK (orders >= 0),
    paid_orders      BIGINT  NOT NULL DEFAULT 0 CHECK (paid_orders >= 0),
    revenue_paise    BIGINT  NOT NULL DEFAULT 0 CHECK (revenue_paise >= 0),
    pending_orders   BIGINT  NOT NULL DEFAULT 0 CHECK (pending_orders >= 0),
    pending_paise    BIGINT  NOT NULL DEFAULT 0 CHECK (pending_paise >= 0),
    cancelled_orders BIGINT  NOT NULL DEFAULT 0 CHECK (cancelled_orders >= 0),
    new_orders       BIGINT  NOT NULL DEFAULT 0 CHECK (new_orders >= 0),
    repeat_orders    BIGINT  NOT NULL DEFAULT 0 CHECK (repeat_orders >= 0),
    PRIMARY KEY (tenant_id, store_id, day)
);
CREATE INDEX analytics_daily_by_day ON analytics_daily (tenant_id, day);

-- analytics_daily_methods: orders (cancelled left out) and paid revenue per payment method.
CREATE TABLE analytics_daily_methods (
    tenant_id      TEXT    NOT NULL,
    store_id       TEXT    NOT NULL,
    day            TEXT    NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    payment_method TEXT    NOT NULL CHECK (payment_method IN ('RAZORPAY', 'UPI', 'COD')),
    orders         BIGINT  NOT NULL DEFAULT 0 CHECK (orders >= 0),
    paid_paise     BIGINT  NOT NULL DEFAULT 0 CHECK (paid_paise >= 0),
    PRIMARY KEY (tenant_id, store_id, day, payment_method)
);
CREATE INDEX analytics_daily_methods_by_day ON analytics_daily_methods (tenant_id, day);

-- analytics_daily_products: units and sales (line totals) of each product in orders not cancelled.
CREATE TABLE analytics_daily_products (
    tenant_id   TEXT    NOT NULL,
    store_id    TEXT    NOT NULL,
    day         TEXT    NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    product_id  TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    units       BIGINT  NOT NULL DEFAULT 0 CHECK (units >= 0),
    sales_paise BIGINT  NOT NULL DEFAULT 0 CHECK (sales_paise >= 0),
    PRIMARY KEY (tenant_id, store_id, day, product_id)
);
CREATE INDEX analytics_daily_products_by_day ON analytics_daily_products (tenant_id, day);
