-- Refunds, owned by payments. Twin of sqlite/0020_refunds.sql.
--
-- A Razorpay payment is refunded through Razorpay (POST /v1/payments/{id}/refund) by the outbox
-- (REFUND_REQUESTED), never inside an owner's request; refund_id is sent as X-Refund-Idempotency,
-- so a call repeated after a timeout refunds once. A UPI payment went straight to the business's
-- own account: the platform cannot send it back, so its refund row says what the owner owes the
-- customer until the owner marks it returned by hand (processed_by, processed_at).
-- state moves forward only: REQUESTED -> PROCESSED | FAILED.
CREATE TABLE refunds (
    tenant_id          TEXT    NOT NULL,
    refund_id          TEXT    NOT NULL,              -- rfd_..., our id and the idempotency key
    order_id           TEXT    NOT NULL,
    payment_id         TEXT    NOT NULL,              -- our payments row
    provider           TEXT    NOT NULL CHECK (provider IN ('RAZORPAY', 'UPI')),
    amount_paise       BIGINT  NOT NULL CHECK (amount_paise > 0),
    state              TEXT    NOT NULL DEFAULT 'REQUESTED' CHECK (state IN ('REQUESTED', 'PROCESSED', 'FAILED')),
    reason             TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    provider_refund_id TEXT,                          -- Razorpay rfnd_..., once Razorpay named it
    error              TEXT,                          -- why it failed
    processed_by       TEXT,                          -- the user who marked a UPI refund returned
    reconcile_at       BIGINT,                       -- when the reconciler next asks Razorpay (NULL: it does not)
    reconcile_attempts BIGINT  NOT NULL DEFAULT 0 CHECK (reconcile_attempts >= 0),
    created_at         BIGINT  NOT NULL,
    updated_at         BIGINT  NOT NULL,
    processed_at       BIGINT,                       -- when it became PROCESSED or FAILED
    PRIMARY KEY (tenant_id, refund_id),
    FOREIGN KEY (tenant_id, payment_id) REFERENCES payments (tenant_id, payment_id),
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, order_id)
);

-- A payment is refunded in full, once: a cancellation and a late payment seen together make one refund.
CREATE UNIQUE INDEX refunds_of_payment ON refunds (tenant_id, payment_id);
-- Lookup paths: an order's refunds, a Razorpay refund by its id (webhooks), the newest first (the owner's list).
CREATE INDEX refunds_by_order ON refunds (tenant_id, order_id);
CREATE UNIQUE INDEX refunds_by_provider_refund ON refunds (tenant_id, provider_refund_id);
CREATE INDEX refunds_by_time ON refunds (tenant_id, created_at);
-- The reconciler's queue, across tenants (a background job).
CREATE INDEX refunds_reconcile ON refunds (reconcile_at) WHERE reconcile_at IS NOT NULL;

-- The owner's dashboard counts refunds apart from revenue (a cancelled order already left the
-- revenue): refunds processed per store and India day of processing, and their amount.
ALTER TABLE analytics_daily ADD COLUMN refunds BIGINT  NOT NULL DEFAULT 0 CHECK (refunds >= 0);
ALTER TABLE analytics_daily ADD COLUMN refunded_paise BIGINT  NOT NULL DEFAULT 0 CHECK (refunded_paise >= 0);
