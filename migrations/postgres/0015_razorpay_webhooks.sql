-- Razorpay webhook deliveries a business received, and the reconciler's schedule, both owned by
-- payments. Twin of sqlite/0015_razorpay_webhooks.sql.
CREATE TABLE razorpay_webhook_events (
    tenant_id   TEXT    NOT NULL REFERENCES tenants (tenant_id),
    event_id    TEXT    NOT NULL CHECK (length(event_id) BETWEEN 1 AND 100),
    event       TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    received_at BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);

ALTER TABLE payments ADD COLUMN reconcile_at BIGINT;
ALTER TABLE payments ADD COLUMN reconcile_attempts BIGINT NOT NULL DEFAULT 0 CHECK (reconcile_attempts >= 0);
CREATE INDEX payments_reconcile ON payments (reconcile_at) WHERE reconcile_at IS NOT NULL;
