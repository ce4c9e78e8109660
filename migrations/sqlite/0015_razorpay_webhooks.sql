-- Razorpay webhook deliveries a business received, and the reconciler's schedule, both owned by
-- payments. Razorpay may deliver one event several times (x-razorpay-event-id is the same each
-- time): the event is applied only by the delivery that inserts its row, in the same transaction
-- as the change it makes.
CREATE TABLE razorpay_webhook_events (
    tenant_id   TEXT    NOT NULL REFERENCES tenants (tenant_id),
    event_id    TEXT    NOT NULL CHECK (length(event_id) BETWEEN 1 AND 100),
    event       TEXT    NOT NULL,                    -- payment.captured, order.paid, ...
    outcome     TEXT    NOT NULL,                    -- what it did: applied / ignored and why
    received_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
) STRICT, WITHOUT ROWID;

-- When the reconciler next asks Razorpay about a payment that has not been captured (NULL = it
-- does not), and how often it asked: the wait doubles each time.
ALTER TABLE payments ADD COLUMN reconcile_at INTEGER;
ALTER TABLE payments ADD COLUMN reconcile_attempts INTEGER NOT NULL DEFAULT 0 CHECK (reconcile_attempts >= 0);
-- Lookup path: the reconciler's queue, across tenants (a background job).
CREATE INDEX payments_reconcile ON payments (reconcile_at) WHERE reconcile_at IS NOT NULL;
