-- Payment settings of a business and checkout settings of its stores, both owned by payments.
--
-- payment_settings: how the business is paid. UPI straight to its own VPA, and its own Razorpay
-- keys. The two secrets are sealed by the application (PiiVault, bound to the tenant and the
-- field) and never leave the server; only the key id is kept in clear. The payment columns of
-- tenants (0001) are not used: these settings live here, with their owner.
CREATE TABLE payment_settings (
    tenant_id                   TEXT    NOT NULL PRIMARY KEY REFERENCES tenants (tenant_id),
    upi_vpa                     TEXT    CHECK (upi_vpa IS NULL OR (upi_vpa GLOB '*?@?*' AND length(upi_vpa) <= 100)),
    upi_payee_name              TEXT    CHECK (upi_payee_name IS NULL OR length(upi_payee_name) BETWEEN 1 AND 50),
    razorpay_key_id             TEXT    CHECK (razorpay_key_id IS NULL OR razorpay_key_id GLOB 'rzp_*'),
    razorpay_key_secret_enc     BLOB,
    razorpay_webhook_secret_enc BLOB,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    -- A VPA is never without the name the customer's UPI app shows.
    CHECK ((upi_vpa IS NULL) = (upi_payee_name IS NULL))
) STRICT;

-- checkout_settings: what one store's checkout offers. A store without a row offers cash on
-- delivery with no limits (the defaults below). A method switched on here is offered only while
-- the business's payment settings for it are complete. 0 in a limit means "no limit".
-- The delivery charges stay on stores (0005), written through the stores folder.
CREATE TABLE checkout_settings (
    tenant_id             TEXT    NOT NULL,
    store_id              TEXT    NOT NULL,
    cod_enabled           INTEGER NOT NULL DEFAULT 1 CHECK (cod_enabled IN (0, 1)),
    cod_max_order_paise   INTEGER NOT NULL DEFAULT 0 CHECK (cod_max_order_paise >= 0),
    upi_enabled           INTEGER NOT NULL DEFAULT 0 CHECK (upi_enabled IN (0, 1)),
    razorpay_enabled      INTEGER NOT NULL DEFAULT 0 CHECK (razorpay_enabled IN (0, 1)),
    max_units_per_product INTEGER NOT NULL DEFAULT 0 CHECK (max_units_per_product BETWEEN 0 AND 999),
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, store_id),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id),
    -- Some way to pay is always left.
    CHECK (cod_enabled = 1 OR upi_enabled = 1 OR razorpay_enabled = 1)
) STRICT, WITHOUT ROWID;
