-- Stores (issues 4 and 5): where the shop is, for the map link on its contact page and for
-- delivery distances later. Set by the owner on the store page; NULL until then.
ALTER TABLE stores ADD COLUMN latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90);
ALTER TABLE stores ADD COLUMN longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180);
