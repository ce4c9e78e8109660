-- Owner photos of a store itself (the storefront's hero), in two renditions. Twin of
-- sqlite/0011_store_photos.sql.
CREATE TABLE store_photos (
    tenant_id    TEXT    NOT NULL,
    photo_id     TEXT    NOT NULL,
    store_id     TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('hero', 'hero_small')),
    content_type TEXT    NOT NULL CHECK (content_type = 'image/webp'),
    bytes        BYTEA   NOT NULL,
    byte_size    BIGINT  NOT NULL CHECK (byte_size > 0),
    width        BIGINT  NOT NULL CHECK (width > 0),
    height       BIGINT  NOT NULL CHECK (height > 0),
    sha256       TEXT    NOT NULL CHECK (length(sha256) = 64),
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, photo_id),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX store_photos_by_kind ON store_photos (tenant_id, store_id, kind);
