-- When the owner first shared or copied the store's public link (unix ms; NULL = never). Twin of
-- sqlite/0013_store_link_shared.sql.
ALTER TABLE stores ADD COLUMN link_shared_at BIGINT;
