-- WebDPro schema, version 1 (PostgreSQL). The twin of sqlite/0001_init.sql: the same tables,
-- columns, nullability, keys and indexes (storage_pg_test compares the two after every version).
--
-- Every file of sqlite/ has a file of the same number and name here. Translation rules:
--   * INTEGER -> BIGINT (ids of time, money and counts are 64-bit), REAL -> DOUBLE PRECISION,
--     BLOB -> BYTEA, TEXT stays TEXT (JSON too, checked by webdpro_json_valid, so documents read
--     back byte for byte as written).
--   * STRICT and WITHOUT ROWID have no equivalent and are dropped; PostgreSQL types are strict.
--   * GLOB patterns become anchored regular expressions (~).
--   * SQLite rebuilds a table to change a CHECK; here the constraint is dropped and added again.
--   * Texts compare byte-wise on SQLite: create the database with LC_COLLATE C (or C.UTF-8) so
--     ORDER BY gives the same order.
--   * No BEGIN/COMMIT here: the migration runner wraps each file in its own transaction.
--   * This file never changes once released; later changes go in 0002_*.sql and onwards.

-- json_valid() of SQLite: true when the text is JSON. STRICT: NULL stays NULL (a CHECK passes).
CREATE FUNCTION webdpro_json_valid(doc TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    PERFORM doc::jsonb;
    RETURN true;
EXCEPTION WHEN others THEN
    RETURN false;
END;
$$;

-- SQLite's functions that queries shared by both engines use, with SQLite's meaning:
-- instr(text, part): 1-based position of part in text, 0 when absent.
CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS BIGINT LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT strpos(haystack, needle)::BIGINT
$$;
-- json_extract(doc, '$.a.b'): the value at an object path, as text (NULL when absent). Only
-- object paths of the form '$.key.key' are supported.
CREATE FUNCTION json_extract(doc TEXT, path TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT doc::jsonb #>> string_to_array(substr(path, 3), '.')
$$;

-- Platform ---------------------------------------------------------------------------------------

CREATE TABLE users (
    user_id        TEXT    NOT NULL PRIMARY KEY,
    phone          TEXT    NOT NULL UNIQUE CHECK (phone ~ '^\+[1-9][0-9]*$' AND length(phone) BETWEEN 8 AND 16),
    name           TEXT    NOT NULL DEFAULT '',
    is_super_admin BIGINT  NOT NULL DEFAULT 0 CHECK (is_super_admin IN (0, 1)),
    disabled_at    BIGINT,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);

CREATE TABLE tenants (
    tenant_id                TEXT    NOT NULL PRIMARY KEY,
    owner_user_id            TEXT    NOT NULL REFERENCES users (user_id),
    business_name            TEXT    NOT NULL CHECK (business_name <> ''),
    plan                     TEXT    NOT NULL DEFAULT 'FREE' CHECK (plan IN ('FREE', 'PRO', 'ENTERPRISE')),
    subscription_status      TEXT    NOT NULL DEFAULT 'NONE'
        CHECK (subscription_status IN ('NONE', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELLED')),
    status                   TEXT    NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    upi_vpa                  TEXT,
    upi_payee_name           TEXT,
    razorpay_key_id          TEXT,
    razorpay_key_secret_enc  BYTEA,
    razorpay_webhook_secret_enc BYTEA,
    gstin                    TEXT,
    created_at               BIGINT  NOT NULL,
    updated_at               BIGINT  NOT NULL
);

CREATE INDEX tenants_by_owner ON tenants (owner_user_id);

CREATE TABLE memberships (
    tenant_id    TEXT    NOT NULL REFERENCES tenants (tenant_id),
    user_id      TEXT    NOT NULL REFERENCES users (user_id),
    role         TEXT    NOT NULL CHECK (role IN ('BUSINESS_OWNER', 'DELIVERY_AGENT')),
    display_name TEXT    NOT NULL DEFAULT '',
    active       BIGINT  NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    available    BIGINT  NOT NULL DEFAULT 0 CHECK (available IN (0, 1)),
    last_lat     DOUBLE PRECISION CHECK (last_lat BETWEEN -90 AND 90),
    last_lng     DOUBLE PRECISION CHECK (last_lng BETWEEN -180 AND 180),
    last_seen_at BIGINT,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE INDEX memberships_by_user ON memberships (user_id);

-- Stores and their generated sites -----------------------------------------------------------------

CREATE TABLE stores (
    tenant_id        TEXT    NOT NULL REFERENCES tenants (tenant_id),
    store_id         TEXT    NOT NULL,
    slug             TEXT    NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'
                                                    AND length(slug) BETWEEN 2 AND 63),
    status           TEXT    NOT NULL DEFAULT 'GENERATING'
        CHECK (status IN ('GENERATING', 'DRAFT', 'PAID', 'PUBLISHED', 'FAILED')),
    description      TEXT    NOT NULL,
    business_name    TEXT    NOT NULL DEFAULT '',
    sector           TEXT    NOT NULL DEFAULT '',
    language         TEXT    NOT NULL DEFAULT 'en',
    spec             TEXT    CHECK (webdpro_json_valid(spec)),
    generation_level TEXT,
    generation_error TEXT,
    custom_domain    TEXT    UNIQUE,
    site_version     BIGINT  NOT NULL DEFAULT 0 CHECK (site_version >= 0),
    published_at     BIGINT,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, store_id)
);

CREATE INDEX stores_by_status ON stores (tenant_id, status);

CREATE TABLE store_assets (
    tenant_id    TEXT    NOT NULL,
    store_id     TEXT    NOT NULL,
    path         TEXT    NOT NULL CHECK (path LIKE '/%'),
    content_type TEXT    NOT NULL,
    body         BYTEA   NOT NULL,
    body_gzip    BYTEA,
    etag         TEXT    NOT NULL,
    site_version BIGINT  NOT NULL CHECK (site_version >= 0),
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, store_id, path),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id) ON DELETE CASCADE
);

-- Catalog and stock ---------------------------------------------------------------------------------

CREATE TABLE products (
    tenant_id           TEXT    NOT NULL,
    product_id          TEXT    NOT NULL,
    store_id            TEXT    NOT NULL,
    name                TEXT    NOT NULL CHECK (name <> ''),
    description         TEXT    NOT NULL DEFAULT '',
    price_paise         BIGINT  NOT NULL CHECK (price_paise >= 0),
    mrp_paise           BIGINT  CHECK (mrp_paise IS NULL OR mrp_paise >= price_paise),
    stock_quantity      BIGINT  NOT NULL DEFAULT 0 CHECK (stock_quantity >= 0),
    low_stock_threshold BIGINT  NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
    category            TEXT    NOT NULL DEFAULT '',
    unit                TEXT    NOT NULL DEFAULT 'piece',
    hsn                 TEXT    CHECK (hsn IS NULL OR hsn ~ '^[0-9]{4,8}$'),
    gst_rate_bp         BIGINT  NOT NULL DEFAULT 0 CHECK (gst_rate_bp BETWEEN 0 AND 10000),
    image               TEXT,
    active              BIGINT  NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_order          BIGINT  NOT NULL DEFAULT 0,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, product_id),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id) ON DELETE CASCADE
);

CREATE INDEX products_by_store ON products (tenant_id, store_id, active, category);

CREATE TABLE inventory_ledger (
    tenant_id     TEXT    NOT NULL,
    product_id    TEXT    NOT NULL,
    seq           BIGINT  NOT NULL CHECK (seq >= 1),
    delta         BIGINT  NOT NULL CHECK (delta <> 0),
    stock_after   BIGINT  NOT NULL CHECK (stock_after >= 0),
    reason        TEXT    NOT NULL CHECK (reason IN ('INITIAL', 'RESTOCK', 'ADJUSTMENT', 'ORDER_RESERVED',
                                                     'ORDER_RELEASED', 'ORDER_CANCELLED', 'RETURNED')),
    order_id      TEXT,
    actor_user_id TEXT,
    note          TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, product_id, seq),
    FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, product_id) ON DELETE CASCADE
);

-- Orders --------------------------------------------------------------------------------------------

CREATE TABLE orders (
    tenant_id              TEXT    NOT NULL,
    order_id               TEXT    NOT NULL,
    store_id               TEXT    NOT NULL,
    customer_user_id       TEXT,
    customer_name          TEXT    NOT NULL,
    customer_phone_enc     BYTEA   NOT NULL,
    customer_phone_hash    TEXT    NOT NULL,
    delivery_address       TEXT    NOT NULL DEFAULT '{}' CHECK (webdpro_json_valid(delivery_address)),
    delivery_lat           DOUBLE PRECISION CHECK (delivery_lat BETWEEN -90 AND 90),
    delivery_lng           DOUBLE PRECISION CHECK (delivery_lng BETWEEN -180 AND 180),
    notes                  TEXT    NOT NULL DEFAULT '',
    subtotal_paise         BIGINT  NOT NULL CHECK (subtotal_paise >= 0),
    delivery_fee_paise     BIGINT  NOT NULL DEFAULT 0 CHECK (delivery_fee_paise >= 0),
    discount_paise         BIGINT  NOT NULL DEFAULT 0 CHECK (discount_paise >= 0),
    tax_paise              BIGINT  NOT NULL DEFAULT 0 CHECK (tax_paise >= 0),
    total_paise            BIGINT  NOT NULL CHECK (total_paise >= 0),
    payment_method         TEXT    NOT NULL CHECK (payment_method IN ('RAZORPAY', 'UPI', 'COD')),
    payment_status         TEXT    NOT NULL DEFAULT 'UNPAID'
        CHECK (payment_status IN ('UNPAID', 'PAID', 'REFUNDED')),
    status                 TEXT    NOT NULL
        CHECK (status IN ('PENDING_PAYMENT', 'CONFIRMED', 'PACKED', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED')),
    idempotency_key        TEXT    NOT NULL CHECK (idempotency_key <> ''),
    reservation_expires_at BIGINT,
    cancel_reason          TEXT,
    confirmed_at           BIGINT,
    delivered_at           BIGINT,
    cancelled_at           BIGINT,
    created_at             BIGINT  NOT NULL,
    updated_at             BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, order_id),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id),
    UNIQUE (tenant_id, store_id, idempotency_key),
    CHECK (discount_paise <= subtotal_paise + delivery_fee_paise),
    CHECK (total_paise = subtotal_paise + delivery_fee_paise - discount_paise),
    CHECK (tax_paise <= total_paise)
);

CREATE INDEX orders_by_store ON orders (tenant_id, store_id, created_at);
CREATE INDEX orders_by_phone_hash ON orders (tenant_id, customer_phone_hash, created_at);
CREATE INDEX orders_by_status ON orders (tenant_id, status, created_at);
CREATE INDEX orders_reservations ON orders (reservation_expires_at) WHERE status = 'PENDING_PAYMENT';

CREATE TABLE order_items (
    tenant_id        TEXT    NOT NULL,
    order_id         TEXT    NOT NULL,
    line             BIGINT  NOT NULL CHECK (line >= 1),
    product_id       TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    unit             TEXT    NOT NULL DEFAULT 'piece',
    unit_price_paise BIGINT  NOT NULL CHECK (unit_price_paise >= 0),
    quantity         BIGINT  NOT NULL CHECK (quantity > 0),
    line_total_paise BIGINT  NOT NULL,
    gst_rate_bp      BIGINT  NOT NULL DEFAULT 0 CHECK (gst_rate_bp BETWEEN 0 AND 10000),
    hsn              TEXT,
    PRIMARY KEY (tenant_id, order_id, line),
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, order_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, product_id),
    CHECK (line_total_paise = unit_price_paise * quantity)
);

-- Delivery ------------------------------------------------------------------------------------------

CREATE TABLE cod_settlements (
    tenant_id     TEXT    NOT NULL,
    settlement_id TEXT    NOT NULL,
    agent_id      TEXT    NOT NULL,
    amount_paise  BIGINT  NOT NULL CHECK (amount_paise >= 0),
    settled_by    TEXT    NOT NULL,
    note          TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, settlement_id),
    FOREIGN KEY (tenant_id, agent_id) REFERENCES memberships (tenant_id, user_id)
);

CREATE INDEX cod_settlements_by_agent ON cod_settlements (tenant_id, agent_id, created_at);

CREATE TABLE deliveries (
    tenant_id           TEXT    NOT NULL,
    delivery_id         TEXT    NOT NULL,
    order_id            TEXT    NOT NULL,
    agent_id            TEXT    NOT NULL,
    status              TEXT    NOT NULL DEFAULT 'ASSIGNED'
        CHECK (status IN ('ASSIGNED', 'PICKED_UP', 'DELIVERED', 'FAILED')),
    proof_code          TEXT,
    cod_due_paise       BIGINT  NOT NULL DEFAULT 0 CHECK (cod_due_paise >= 0),
    cod_collected_paise BIGINT  NOT NULL DEFAULT 0 CHECK (cod_collected_paise >= 0),
    cod_settlement_id   TEXT,
    failure_reason      TEXT,
    assigned_at         BIGINT  NOT NULL,
    picked_up_at        BIGINT,
    delivered_at        BIGINT,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, delivery_id),
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, order_id),
    FOREIGN KEY (tenant_id, agent_id) REFERENCES memberships (tenant_id, user_id),
    FOREIGN KEY (tenant_id, cod_settlement_id) REFERENCES cod_settlements (tenant_id, settlement_id)
);

CREATE INDEX deliveries_by_agent ON deliveries (tenant_id, agent_id, status);
CREATE INDEX deliveries_by_order ON deliveries (tenant_id, order_id);
CREATE UNIQUE INDEX deliveries_one_active ON deliveries (tenant_id, order_id)
    WHERE status IN ('ASSIGNED', 'PICKED_UP');

CREATE TABLE delivery_locations (
    tenant_id   TEXT    NOT NULL,
    delivery_id TEXT    NOT NULL,
    seq         BIGINT  NOT NULL CHECK (seq >= 1),
    lat         DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng         DOUBLE PRECISION NOT NULL CHECK (lng BETWEEN -180 AND 180),
    accuracy_m  DOUBLE PRECISION CHECK (accuracy_m >= 0),
    speed_mps   DOUBLE PRECISION CHECK (speed_mps >= 0),
    heading_deg DOUBLE PRECISION CHECK (heading_deg >= 0 AND heading_deg < 360),
    recorded_at BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, delivery_id, seq),
    FOREIGN KEY (tenant_id, delivery_id) REFERENCES deliveries (tenant_id, delivery_id) ON DELETE CASCADE
);

-- Payments ------------------------------------------------------------------------------------------

CREATE TABLE payments (
    tenant_id           TEXT    NOT NULL,
    payment_id          TEXT    NOT NULL,
    order_id            TEXT    NOT NULL,
    provider            TEXT    NOT NULL CHECK (provider IN ('RAZORPAY', 'UPI', 'COD')),
    provider_order_id   TEXT,
    provider_payment_id TEXT,
    amount_paise        BIGINT  NOT NULL CHECK (amount_paise >= 0),
    currency            TEXT    NOT NULL DEFAULT 'INR' CHECK (currency = 'INR'),
    status              TEXT    NOT NULL DEFAULT 'CREATED'
        CHECK (status IN ('CREATED', 'AUTHORIZED', 'PENDING_VERIFICATION', 'CAPTURED', 'FAILED', 'REFUNDED')),
    method              TEXT,
    error_code          TEXT,
    error_description   TEXT,
    captured_at         BIGINT,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, payment_id),
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, order_id)
);

CREATE INDEX payments_by_order ON payments (tenant_id, order_id);
CREATE UNIQUE INDEX payments_by_provider_payment ON payments (tenant_id, provider, provider_payment_id);
CREATE INDEX payments_by_provider_order ON payments (tenant_id, provider, provider_order_id);

-- Events --------------------------------------------------------------------------------------------

CREATE TABLE outbox (
    event_id        TEXT    NOT NULL PRIMARY KEY,
    tenant_id       TEXT    NOT NULL,
    type            TEXT    NOT NULL CHECK (type ~ '^[A-Z][A-Z_]*$'),
    payload         TEXT    NOT NULL CHECK (webdpro_json_valid(payload)),
    status          TEXT    NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'DEAD')),
    attempts        BIGINT  NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at BIGINT  NOT NULL,
    claimed_by      TEXT,
    claimed_until   BIGINT,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    done_at         BIGINT
);

CREATE INDEX outbox_by_status ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_tenant ON outbox (tenant_id, created_at);

CREATE TABLE processed_events (
    tenant_id    TEXT    NOT NULL,
    consumer     TEXT    NOT NULL,
    event_id     TEXT    NOT NULL,
    processed_at BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, consumer, event_id)
);

CREATE TABLE idempotency (
    tenant_id     TEXT    NOT NULL,
    idem_key      TEXT    NOT NULL CHECK (idem_key <> ''),
    scope         TEXT    NOT NULL,
    request_hash  TEXT    NOT NULL,
    status_code   BIGINT  CHECK (status_code BETWEEN 100 AND 599),
    response_body TEXT,
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)
);

CREATE INDEX idempotency_by_expiry ON idempotency (expires_at);

-- Authentication ------------------------------------------------------------------------------------

CREATE TABLE otp_challenges (
    challenge_id TEXT    NOT NULL PRIMARY KEY,
    phone        TEXT    NOT NULL CHECK (phone ~ '^\+[1-9][0-9]*$'),
    code_hash    TEXT    NOT NULL,
    attempts     BIGINT  NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts BIGINT  NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
    client_ip    TEXT    NOT NULL DEFAULT '',
    expires_at   BIGINT  NOT NULL,
    consumed_at  BIGINT,
    created_at   BIGINT  NOT NULL,
    CHECK (attempts <= max_attempts)
);

CREATE INDEX otp_by_phone ON otp_challenges (phone, created_at);
CREATE INDEX otp_by_ip ON otp_challenges (client_ip, created_at);

CREATE TABLE sessions (
    session_id         TEXT    NOT NULL PRIMARY KEY,
    user_id            TEXT    NOT NULL REFERENCES users (user_id),
    tenant_id          TEXT,
    role               TEXT    NOT NULL
        CHECK (role IN ('BUSINESS_OWNER', 'DELIVERY_AGENT', 'CUSTOMER', 'SUPER_ADMIN')),
    refresh_token_hash TEXT    NOT NULL UNIQUE,
    replaced_by        TEXT,
    user_agent         TEXT    NOT NULL DEFAULT '',
    client_ip          TEXT    NOT NULL DEFAULT '',
    created_at         BIGINT  NOT NULL,
    last_used_at       BIGINT  NOT NULL,
    expires_at         BIGINT  NOT NULL,
    revoked_at         BIGINT
);

CREATE INDEX sessions_by_user ON sessions (user_id);

-- Telemetry and audit -------------------------------------------------------------------------------

CREATE TABLE ai_calls (
    call_id        TEXT    NOT NULL PRIMARY KEY,
    tenant_id      TEXT,
    store_id       TEXT,
    level          TEXT    NOT NULL,
    provider       TEXT    NOT NULL,
    model          TEXT    NOT NULL DEFAULT '',
    outcome        TEXT    NOT NULL
        CHECK (outcome IN ('OK', 'SKIPPED', 'TIMEOUT', 'ERROR', 'INVALID_OUTPUT', 'CIRCUIT_OPEN')),
    input_tokens   BIGINT  NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
    output_tokens  BIGINT  NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
    cost_micro_usd BIGINT  NOT NULL DEFAULT 0 CHECK (cost_micro_usd >= 0),
    latency_ms     BIGINT  NOT NULL DEFAULT 0 CHECK (latency_ms >= 0),
    error          TEXT,
    created_at     BIGINT  NOT NULL
);

CREATE INDEX ai_calls_by_time ON ai_calls (created_at);
CREATE INDEX ai_calls_by_tenant ON ai_calls (tenant_id, created_at);

CREATE TABLE audit_log (
    audit_id      TEXT    NOT NULL PRIMARY KEY,
    tenant_id     TEXT,
    actor_user_id TEXT,
    action        TEXT    NOT NULL,
    target_type   TEXT    NOT NULL DEFAULT '',
    target_id     TEXT    NOT NULL DEFAULT '',
    details       TEXT    NOT NULL DEFAULT '{}' CHECK (webdpro_json_valid(details)),
    request_id    TEXT,
    client_ip     TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT  NOT NULL
);

CREATE INDEX audit_log_by_tenant ON audit_log (tenant_id, created_at);
CREATE INDEX audit_log_by_time ON audit_log (created_at);
