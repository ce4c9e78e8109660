-- Inventory settings (issue 6): how many days the store's supplier takes to deliver (lead time) and
-- how many days pass until the owner orders again (review period). The reorder quantity covers
-- both. Defaults: a wholesaler two or three days away, ordered from weekly.
ALTER TABLE stores ADD COLUMN reorder_lead_time_days INTEGER NOT NULL DEFAULT 3
    CHECK (reorder_lead_time_days BETWEEN 1 AND 60);
ALTER TABLE stores ADD COLUMN reorder_review_days INTEGER NOT NULL DEFAULT 7
    CHECK (reorder_review_days BETWEEN 1 AND 60);
