-- When the owner first shared or copied the store's public link (unix ms; NULL = never): the last
-- step of the setup checklist.
ALTER TABLE stores ADD COLUMN link_shared_at INTEGER;
