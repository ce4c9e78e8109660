-- Payment settings of a business and checkout settings of its stores, both owned by payments.
-- Twin of sqlite/0014_payment_settings.sql.
CREATE TABLE payment_settings (
    tenant_id                   TEXT    NOT NULL PRIMARY KEY REFERENCES tenants (tenant_id),
    upi_vpa                     TEXT    CHECK (upi_vpa IS NULL OR (upi_vpa ~ '.@.' AND length(upi_vpa) <= 100)),
    upi_payee_name              TEXT    CHECK (upi_payee_name IS NULL OR length(upi_payee_name) BETWEEN 1 AND 50),
    razorpay_key_id             TEXT    CHECK (razorpay_key_id IS NULL OR razorpay_key_id LIKE 'rzp\_%'),
    razorpay_key_secret_enc     BYTEA,
    razorpay_webhook_secret_enc BYTEA,
    created_at                  BIGINT  NOT NULL,
    updated_at                  BIGINT  NOT NULL,
    CHECK ((upi_vpa IS NULL) = (upi_payee_name IS NULL))
);

CREATE TABLE checkout_settings (
    tenant_id             TEXT    NOT NULL,
    store_id              TEXT    NOT NULL,
    cod_enabled           BIGINT  NOT NULL DEFAULT 1 CHECK (cod_enabled IN (0, 1)),
    cod_max_order_paise   BIGINT  NOT NULL DEFAULT 0 CHECK (cod_max_order_paise >= 0),
    upi_enabled           BIGINT  NOT NULL DEFAULT 0 CHECK (upi_enabled IN (0, 1)),
    razorpay_enabled      BIGINT  NOT NULL DEFAULT 0 CHECK (razorpay_enabled IN (0, 1)),
    max_units_per_product BIGINT  NOT NULL DEFAULT 0 CHECK (max_units_per_product BETWEEN 0 AND 999),
    created_at            BIGINT  NOT NULL,
    updated_at            BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, store_id),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id),
    CHECK (cod_enabled = 1 OR upi_enabled = 1 OR razorpay_enabled = 1)
);
