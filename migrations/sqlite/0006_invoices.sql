-- GST tax invoices (issue 6): one number per order, assigned on the owner's first request and
-- never changed. Numbers run consecutively per tenant and financial year (CGST Rule 46(b)).
CREATE TABLE invoices (
    tenant_id      TEXT    NOT NULL,
    order_id       TEXT    NOT NULL,
    number         TEXT    NOT NULL CHECK (length(number) BETWEEN 1 AND 16),
    financial_year TEXT    NOT NULL CHECK (financial_year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    seq            INTEGER NOT NULL CHECK (seq > 0),
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, order_id),
    UNIQUE (tenant_id, financial_year, seq)
) STRICT, WITHOUT ROWID;
