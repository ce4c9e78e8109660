-- WebDPro schema, version 1 (SQLite). The whole data model of ARCHITECTURE §4.
--
-- Conventions (keep them in later migrations; a PostgreSQL twin is a mechanical translation:
-- drop STRICT / WITHOUT ROWID, BLOB -> BYTEA, REAL -> DOUBLE PRECISION, JSON TEXT -> JSONB and drop
-- the json_valid checks):
--   * Every tenant-owned table has tenant_id as the first column of its primary key, and every
--     index on it starts with tenant_id. Global tables (users, sessions, otp_challenges, outbox,
--     ai_calls, audit_log) carry tenant_id as a plain column where it applies.
--   * Ids are TEXT with a type prefix ("ord_01j..."), see core/ids.hpp.
--   * Money is INTEGER paise (*_paise), never negative. GST rates are INTEGER basis points
--     (1800 = 18%).
--   * Timestamps are INTEGER milliseconds since the Unix epoch, UTC, named *_at.
--   * Booleans are INTEGER 0/1 with a CHECK. Enumerations are upper-case TEXT with a CHECK.
--   * JSON is TEXT holding a JSON object or array.
--   * STRICT tables: a value of the wrong type is an error, not silently converted.
--   * WITHOUT ROWID (rows clustered by their tenant-first key) where rows are small and every
--     lookup is by a prefix of the key. Tables with secondary lookup indexes keep a rowid: without
--     ANALYZE statistics SQLite prefers a tenant-wide key range of a WITHOUT ROWID table over the
--     right secondary index. Tables whose rows hold large documents (stores.spec,
--     store_assets.body, idempotency.response_body) keep a rowid too, as SQLite advises. The
--     tenant-first primary key is the same either way.
--   * No BEGIN/COMMIT here: the migration runner wraps each file in its own transaction.
--   * This file never changes once released; later changes go in 0002_*.sql and onwards.

-- Platform ---------------------------------------------------------------------------------------

CREATE TABLE users (
    user_id        TEXT    NOT NULL PRIMARY KEY,
    phone          TEXT    NOT NULL UNIQUE CHECK (phone GLOB '+[1-9]*' AND NOT substr(phone, 2) GLOB '*[^0-9]*'
                                                  AND length(phone) BETWEEN 8 AND 16),  -- E.164
    name           TEXT    NOT NULL DEFAULT '',
    is_super_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_super_admin IN (0, 1)),
    disabled_at    INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE tenants (
    tenant_id                TEXT    NOT NULL PRIMARY KEY,
    owner_user_id            TEXT    NOT NULL REFERENCES users (user_id),
    business_name            TEXT    NOT NULL CHECK (business_name <> ''),
    plan                     TEXT    NOT NULL DEFAULT 'FREE' CHECK (plan IN ('FREE', 'PRO', 'ENTERPRISE')),
    subscription_status      TEXT    NOT NULL DEFAULT 'NONE'
        CHECK (subscription_status IN ('NONE', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELLED')),
    status                   TEXT    NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    -- Payment settings. Secrets are encrypted by the application (never stored in clear).
    upi_vpa                  TEXT,
    upi_payee_name           TEXT,
    razorpay_key_id          TEXT,
    razorpay_key_secret_enc  BLOB,
    razorpay_webhook_secret_enc BLOB,
    gstin                    TEXT,
    created_at               INTEGER NOT NULL,
    updated_at               INTEGER NOT NULL
) STRICT;

CREATE INDEX tenants_by_owner ON tenants (owner_user_id);

-- A user's role in a tenant. SUPER_ADMIN is platform-wide (users.is_super_admin), CUSTOMER needs
-- no membership. Delivery agents keep their availability and last known position here.
CREATE TABLE memberships (
    tenant_id    TEXT    NOT NULL REFERENCES tenants (tenant_id),
    user_id      TEXT    NOT NULL REFERENCES users (user_id),
    role         TEXT    NOT NULL CHECK (role IN ('BUSINESS_OWNER', 'DELIVERY_AGENT')),
    display_name TEXT    NOT NULL DEFAULT '',
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    available    INTEGER NOT NULL DEFAULT 0 CHECK (available IN (0, 1)),
    last_lat     REAL    CHECK (last_lat BETWEEN -90 AND 90),
    last_lng     REAL    CHECK (last_lng BETWEEN -180 AND 180),
    last_seen_at INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
) STRICT, WITHOUT ROWID;

-- Login looks up a user's tenants.
CREATE INDEX memberships_by_user ON memberships (user_id);

-- Stores and their generated sites -----------------------------------------------------------------

CREATE TABLE stores (
    tenant_id        TEXT    NOT NULL REFERENCES tenants (tenant_id),
    store_id         TEXT    NOT NULL,
    slug             TEXT    NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND NOT slug GLOB '*[^a-z0-9-]*'
                                                    AND NOT slug GLOB '*-' AND length(slug) BETWEEN 2 AND 63),
    status           TEXT    NOT NULL DEFAULT 'GENERATING'
        CHECK (status IN ('GENERATING', 'DRAFT', 'PAID', 'PUBLISHED', 'FAILED')),
    description      TEXT    NOT NULL,                -- the owner's sentence
    business_name    TEXT    NOT NULL DEFAULT '',
    sector           TEXT    NOT NULL DEFAULT '',
    language         TEXT    NOT NULL DEFAULT 'en',
    spec             TEXT    CHECK (spec IS NULL OR json_valid(spec)),  -- SiteSpec JSON, NULL while generating
    generation_level TEXT,                            -- AI level that produced the spec
    generation_error TEXT,
    custom_domain    TEXT    UNIQUE,
    site_version     INTEGER NOT NULL DEFAULT 0 CHECK (site_version >= 0),  -- bumped on every re-render
    published_at     INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, store_id)
) STRICT;

CREATE INDEX stores_by_status ON stores (tenant_id, status);

-- Generated pages and images live in the database, so nodes stay stateless.
CREATE TABLE store_assets (
    tenant_id    TEXT    NOT NULL,
    store_id     TEXT    NOT NULL,
    path         TEXT    NOT NULL CHECK (path GLOB '/*'),
    content_type TEXT    NOT NULL,
    body         BLOB    NOT NULL,
    body_gzip    BLOB,
    etag         TEXT    NOT NULL,
    site_version INTEGER NOT NULL CHECK (site_version >= 0),
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, store_id, path),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id) ON DELETE CASCADE
) STRICT;

-- Catalog and stock ---------------------------------------------------------------------------------

CREATE TABLE products (
    tenant_id           TEXT    NOT NULL,
    product_id          TEXT    NOT NULL,
    store_id            TEXT    NOT NULL,
    name                TEXT    NOT NULL CHECK (name <> ''),
    description         TEXT    NOT NULL DEFAULT '',
    price_paise         INTEGER NOT NULL CHECK (price_paise >= 0),
    -- Selling above MRP is illegal in India.
    mrp_paise           INTEGER CHECK (mrp_paise IS NULL OR mrp_paise >= price_paise),
    -- Never negative: the last line of defence against overselling.
    stock_quantity      INTEGER NOT NULL DEFAULT 0 CHECK (stock_quantity >= 0),
    low_stock_threshold INTEGER NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
    category            TEXT    NOT NULL DEFAULT '',
    unit                TEXT    NOT NULL DEFAULT 'piece',
    hsn                 TEXT    CHECK (hsn IS NULL OR (hsn GLOB '[0-9]*' AND NOT hsn GLOB '*[^0-9]*'
                                                      AND length(hsn) BETWEEN 4 AND 8)),
    gst_rate_bp         INTEGER NOT NULL DEFAULT 0 CHECK (gst_rate_bp BETWEEN 0 AND 10000),
    image               TEXT,
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_order          INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, product_id),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id) ON DELETE CASCADE
) STRICT;

-- Lookup path: by store.
CREATE INDEX products_by_store ON products (tenant_id, store_id, active, category);

-- Every stock change, with the stock it left behind (seq = 1, 2, ... per product).
CREATE TABLE inventory_ledger (
    tenant_id     TEXT    NOT NULL,
    product_id    TEXT    NOT NULL,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    delta         INTEGER NOT NULL CHECK (delta <> 0),
    stock_after   INTEGER NOT NULL CHECK (stock_after >= 0),
    reason        TEXT    NOT NULL CHECK (reason IN ('INITIAL', 'RESTOCK', 'ADJUSTMENT', 'ORDER_RESERVED',
                                                     'ORDER_RELEASED', 'ORDER_CANCELLED', 'RETURNED')),
    order_id      TEXT,
    actor_user_id TEXT,
    note          TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, product_id, seq),
    FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, product_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Orders --------------------------------------------------------------------------------------------

CREATE TABLE orders (
    tenant_id              TEXT    NOT NULL,
    order_id               TEXT    NOT NULL,
    store_id               TEXT    NOT NULL,
    customer_user_id       TEXT,                      -- set when the customer was logged in
    customer_name          TEXT    NOT NULL,
    customer_phone_enc     BLOB    NOT NULL,          -- encrypted by the application
    customer_phone_hash    TEXT    NOT NULL,          -- blind index (keyed hash) for lookups
    delivery_address       TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(delivery_address)),
    delivery_lat           REAL    CHECK (delivery_lat BETWEEN -90 AND 90),
    delivery_lng           REAL    CHECK (delivery_lng BETWEEN -180 AND 180),
    notes                  TEXT    NOT NULL DEFAULT '',
    subtotal_paise         INTEGER NOT NULL CHECK (subtotal_paise >= 0),
    delivery_fee_paise     INTEGER NOT NULL DEFAULT 0 CHECK (delivery_fee_paise >= 0),
    discount_paise         INTEGER NOT NULL DEFAULT 0 CHECK (discount_paise >= 0),
    -- GST contained in the prices (prices are tax-inclusive).
    tax_paise              INTEGER NOT NULL DEFAULT 0 CHECK (tax_paise >= 0),
    total_paise            INTEGER NOT NULL CHECK (total_paise >= 0),
    payment_method         TEXT    NOT NULL CHECK (payment_method IN ('RAZORPAY', 'UPI', 'COD')),
    payment_status         TEXT    NOT NULL DEFAULT 'UNPAID'
        CHECK (payment_status IN ('UNPAID', 'PAID', 'REFUNDED')),
    status                 TEXT    NOT NULL
        CHECK (status IN ('PENDING_PAYMENT', 'CONFIRMED', 'PACKED', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED')),
    idempotency_key        TEXT    NOT NULL CHECK (idempotency_key <> ''),
    reservation_expires_at INTEGER,                   -- online payments hold stock until then
    cancel_reason          TEXT,
    confirmed_at           INTEGER,
    delivered_at           INTEGER,
    cancelled_at           INTEGER,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, order_id),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id),
    UNIQUE (tenant_id, store_id, idempotency_key),
    CHECK (discount_paise <= subtotal_paise + delivery_fee_paise),
    CHECK (total_paise = subtotal_paise + delivery_fee_paise - discount_paise),
    CHECK (tax_paise <= total_paise)
) STRICT;

-- Lookup paths: by store, by customer phone hash, by status.
CREATE INDEX orders_by_store ON orders (tenant_id, store_id, created_at);
CREATE INDEX orders_by_phone_hash ON orders (tenant_id, customer_phone_hash, created_at);
CREATE INDEX orders_by_status ON orders (tenant_id, status, created_at);
-- Expiring unpaid reservations (a scheduler scans this across tenants).
CREATE INDEX orders_reservations ON orders (reservation_expires_at) WHERE status = 'PENDING_PAYMENT';

-- Lines of an order, with the name and price copied at ordering time (line = 1, 2, ...).
CREATE TABLE order_items (
    tenant_id        TEXT    NOT NULL,
    order_id         TEXT    NOT NULL,
    line             INTEGER NOT NULL CHECK (line >= 1),
    product_id       TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    unit             TEXT    NOT NULL DEFAULT 'piece',
    unit_price_paise INTEGER NOT NULL CHECK (unit_price_paise >= 0),
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    line_total_paise INTEGER NOT NULL,
    gst_rate_bp      INTEGER NOT NULL DEFAULT 0 CHECK (gst_rate_bp BETWEEN 0 AND 10000),
    hsn              TEXT,
    PRIMARY KEY (tenant_id, order_id, line),
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, order_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, product_id),
    CHECK (line_total_paise = unit_price_paise * quantity)
) STRICT, WITHOUT ROWID;

-- Delivery ------------------------------------------------------------------------------------------

-- Cash handed over by an agent to the owner; deliveries point at the settlement that cleared them.
CREATE TABLE cod_settlements (
    tenant_id     TEXT    NOT NULL,
    settlement_id TEXT    NOT NULL,
    agent_id      TEXT    NOT NULL,
    amount_paise  INTEGER NOT NULL CHECK (amount_paise >= 0),
    settled_by    TEXT    NOT NULL,                  -- the owner's user_id
    note          TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, settlement_id),
    FOREIGN KEY (tenant_id, agent_id) REFERENCES memberships (tenant_id, user_id)
) STRICT;

CREATE INDEX cod_settlements_by_agent ON cod_settlements (tenant_id, agent_id, created_at);

CREATE TABLE deliveries (
    tenant_id           TEXT    NOT NULL,
    delivery_id         TEXT    NOT NULL,
    order_id            TEXT    NOT NULL,
    agent_id            TEXT    NOT NULL,            -- the agent's user_id; must be a member
    status              TEXT    NOT NULL DEFAULT 'ASSIGNED'
        CHECK (status IN ('ASSIGNED', 'PICKED_UP', 'DELIVERED', 'FAILED')),
    proof_code          TEXT,                        -- the customer reads it out on delivery
    cod_due_paise       INTEGER NOT NULL DEFAULT 0 CHECK (cod_due_paise >= 0),
    cod_collected_paise INTEGER NOT NULL DEFAULT 0 CHECK (cod_collected_paise >= 0),
    cod_settlement_id   TEXT,                        -- set when the owner settles the cash
    failure_reason      TEXT,
    assigned_at         INTEGER NOT NULL,
    picked_up_at        INTEGER,
    delivered_at        INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, delivery_id),
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, order_id),
    FOREIGN KEY (tenant_id, agent_id) REFERENCES memberships (tenant_id, user_id),
    FOREIGN KEY (tenant_id, cod_settlement_id) REFERENCES cod_settlements (tenant_id, settlement_id)
) STRICT;

-- Lookup paths: by agent (with status), by order.
CREATE INDEX deliveries_by_agent ON deliveries (tenant_id, agent_id, status);
CREATE INDEX deliveries_by_order ON deliveries (tenant_id, order_id);
-- At most one delivery in progress per order.
CREATE UNIQUE INDEX deliveries_one_active ON deliveries (tenant_id, order_id)
    WHERE status IN ('ASSIGNED', 'PICKED_UP');

-- GPS fixes posted by the agent while riding (seq = 1, 2, ... per delivery).
CREATE TABLE delivery_locations (
    tenant_id   TEXT    NOT NULL,
    delivery_id TEXT    NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    lat         REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng         REAL    NOT NULL CHECK (lng BETWEEN -180 AND 180),
    accuracy_m  REAL    CHECK (accuracy_m >= 0),
    speed_mps   REAL    CHECK (speed_mps >= 0),
    heading_deg REAL    CHECK (heading_deg >= 0 AND heading_deg < 360),
    recorded_at INTEGER NOT NULL,                    -- device time
    created_at  INTEGER NOT NULL,                    -- server time
    PRIMARY KEY (tenant_id, delivery_id, seq),
    FOREIGN KEY (tenant_id, delivery_id) REFERENCES deliveries (tenant_id, delivery_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Payments ------------------------------------------------------------------------------------------

CREATE TABLE payments (
    tenant_id           TEXT    NOT NULL,
    payment_id          TEXT    NOT NULL,
    order_id            TEXT    NOT NULL,
    provider            TEXT    NOT NULL CHECK (provider IN ('RAZORPAY', 'UPI', 'COD')),
    provider_order_id   TEXT,                        -- Razorpay order_...
    provider_payment_id TEXT,                        -- Razorpay pay_..., or the UPI UTR
    amount_paise        INTEGER NOT NULL CHECK (amount_paise >= 0),
    currency            TEXT    NOT NULL DEFAULT 'INR' CHECK (currency = 'INR'),
    status              TEXT    NOT NULL DEFAULT 'CREATED'
        CHECK (status IN ('CREATED', 'AUTHORIZED', 'PENDING_VERIFICATION', 'CAPTURED', 'FAILED', 'REFUNDED')),
    method              TEXT,                        -- upi / card / netbanking / wallet, as reported
    error_code          TEXT,
    error_description   TEXT,
    captured_at         INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, payment_id),
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, order_id)
) STRICT;

-- Lookup paths: by order, by provider payment id (unique: a UTR or pay_ id pays once).
CREATE INDEX payments_by_order ON payments (tenant_id, order_id);
CREATE UNIQUE INDEX payments_by_provider_payment ON payments (tenant_id, provider, provider_payment_id);
CREATE INDEX payments_by_provider_order ON payments (tenant_id, provider, provider_order_id);

-- Events --------------------------------------------------------------------------------------------

-- Written in the same transaction as the change it announces; delivered at least once.
-- type is open-ended (ORDER_PLACED, PAYMENT_CAPTURED, ...): new event types need no migration.
CREATE TABLE outbox (
    event_id        TEXT    NOT NULL PRIMARY KEY,
    tenant_id       TEXT    NOT NULL,
    type            TEXT    NOT NULL CHECK (type GLOB '[A-Z]*' AND NOT type GLOB '*[^A-Z_]*'),
    payload         TEXT    NOT NULL CHECK (json_valid(payload)),
    status          TEXT    NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'DEAD')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at INTEGER NOT NULL,
    claimed_by      TEXT,                            -- node holding the lease, multi-node only
    claimed_until   INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER
) STRICT;

-- Lookup path: by status (the dispatcher's queue, the admin's dead letters).
CREATE INDEX outbox_by_status ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_tenant ON outbox (tenant_id, created_at);

-- Consumers (and webhook handlers) record what they have handled, to be idempotent.
CREATE TABLE processed_events (
    tenant_id    TEXT    NOT NULL,
    consumer     TEXT    NOT NULL,
    event_id     TEXT    NOT NULL,                   -- outbox event_id or a provider's event id
    processed_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, consumer, event_id)
) STRICT, WITHOUT ROWID;

-- Responses of idempotent POSTs, replayed when the same key comes again.
CREATE TABLE idempotency (
    tenant_id     TEXT    NOT NULL,
    idem_key      TEXT    NOT NULL CHECK (idem_key <> ''),
    scope         TEXT    NOT NULL,                  -- e.g. "POST /s/{slug}/api/orders"
    request_hash  TEXT    NOT NULL,                  -- same key, other body = a client error
    status_code   INTEGER CHECK (status_code BETWEEN 100 AND 599),  -- NULL while in progress
    response_body TEXT,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)
) STRICT;

CREATE INDEX idempotency_by_expiry ON idempotency (expires_at);

-- Authentication ------------------------------------------------------------------------------------

-- One-time codes; only a keyed hash of the code is stored.
CREATE TABLE otp_challenges (
    challenge_id TEXT    NOT NULL PRIMARY KEY,
    phone        TEXT    NOT NULL CHECK (phone GLOB '+[1-9]*' AND NOT substr(phone, 2) GLOB '*[^0-9]*'),
    code_hash    TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
    client_ip    TEXT    NOT NULL DEFAULT '',
    expires_at   INTEGER NOT NULL,
    consumed_at  INTEGER,
    created_at   INTEGER NOT NULL,
    CHECK (attempts <= max_attempts)
) STRICT;

-- Resend cooldown and per-phone / per-IP limits count recent challenges.
CREATE INDEX otp_by_phone ON otp_challenges (phone, created_at);
CREATE INDEX otp_by_ip ON otp_challenges (client_ip, created_at);

-- Refresh sessions; only a hash of the refresh token is stored.
CREATE TABLE sessions (
    session_id         TEXT    NOT NULL PRIMARY KEY,
    user_id            TEXT    NOT NULL REFERENCES users (user_id),
    tenant_id          TEXT,                         -- NULL for platform-wide roles and customers
    role               TEXT    NOT NULL
        CHECK (role IN ('BUSINESS_OWNER', 'DELIVERY_AGENT', 'CUSTOMER', 'SUPER_ADMIN')),
    refresh_token_hash TEXT    NOT NULL UNIQUE,
    replaced_by        TEXT,                         -- rotation: reuse of a replaced token revokes the chain
    user_agent         TEXT    NOT NULL DEFAULT '',
    client_ip          TEXT    NOT NULL DEFAULT '',
    created_at         INTEGER NOT NULL,
    last_used_at       INTEGER NOT NULL,
    expires_at         INTEGER NOT NULL,
    revoked_at         INTEGER
) STRICT;

CREATE INDEX sessions_by_user ON sessions (user_id);

-- Telemetry and audit -------------------------------------------------------------------------------

-- Every model call of the generation chain (rule-based level included), for cost and fallback rates.
CREATE TABLE ai_calls (
    call_id        TEXT    NOT NULL PRIMARY KEY,
    tenant_id      TEXT,
    store_id       TEXT,
    level          TEXT    NOT NULL,                 -- e.g. claude-sonnet, titan, llama, rules
    provider       TEXT    NOT NULL,                 -- anthropic, bedrock, openai-compatible, local
    model          TEXT    NOT NULL DEFAULT '',
    outcome        TEXT    NOT NULL
        CHECK (outcome IN ('OK', 'SKIPPED', 'TIMEOUT', 'ERROR', 'INVALID_OUTPUT', 'CIRCUIT_OPEN')),
    input_tokens   INTEGER NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
    output_tokens  INTEGER NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
    cost_micro_usd INTEGER NOT NULL DEFAULT 0 CHECK (cost_micro_usd >= 0),  -- model prices are in USD
    latency_ms     INTEGER NOT NULL DEFAULT 0 CHECK (latency_ms >= 0),
    error          TEXT,
    created_at     INTEGER NOT NULL
) STRICT;

CREATE INDEX ai_calls_by_time ON ai_calls (created_at);
CREATE INDEX ai_calls_by_tenant ON ai_calls (tenant_id, created_at);

CREATE TABLE audit_log (
    audit_id      TEXT    NOT NULL PRIMARY KEY,
    tenant_id     TEXT,                              -- NULL for platform actions
    actor_user_id TEXT,                              -- NULL for the system
    action        TEXT    NOT NULL,                  -- e.g. store.publish, product.update
    target_type   TEXT    NOT NULL DEFAULT '',
    target_id     TEXT    NOT NULL DEFAULT '',
    details       TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
    request_id    TEXT,
    client_ip     TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX audit_log_by_tenant ON audit_log (tenant_id, created_at);
CREATE INDEX audit_log_by_time ON audit_log (created_at);
