-- GST tax invoices: one number per order, consecutive per tenant and financial year. Twin of
-- sqlite/0006_invoices.sql.
CREATE TABLE invoices (
    tenant_id      TEXT    NOT NULL,
    order_id       TEXT    NOT NULL,
    number         TEXT    NOT NULL CHECK (length(number) BETWEEN 1 AND 16),
    financial_year TEXT    NOT NULL CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
    seq            BIGINT  NOT NULL CHECK (seq > 0),
    created_at     BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, order_id),
    UNIQUE (tenant_id, financial_year, seq)
);
