-- Where the shop is, for its map link and delivery distances. Twin of sqlite/0003_store_location.sql.
ALTER TABLE stores ADD COLUMN latitude DOUBLE PRECISION CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90);
ALTER TABLE stores ADD COLUMN longitude DOUBLE PRECISION
    CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180);
