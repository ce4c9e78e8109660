-- Reorder settings of a store: supplier lead time and review period, in days. Twin of
-- sqlite/0012_inventory_settings.sql.
ALTER TABLE stores ADD COLUMN reorder_lead_time_days BIGINT NOT NULL DEFAULT 3
    CHECK (reorder_lead_time_days BETWEEN 1 AND 60);
ALTER TABLE stores ADD COLUMN reorder_review_days BIGINT NOT NULL DEFAULT 7
    CHECK (reorder_review_days BETWEEN 1 AND 60);
