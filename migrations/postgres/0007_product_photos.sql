-- Owner photos of products, re-encoded WebP only. Twin of sqlite/0007_product_photos.sql.
CREATE TABLE product_photos (
    tenant_id    TEXT    NOT NULL,
    photo_id     TEXT    NOT NULL,
    store_id     TEXT    NOT NULL,
    product_id   TEXT    NOT NULL,
    content_type TEXT    NOT NULL CHECK (content_type = 'image/webp'),
    bytes        BYTEA   NOT NULL,
    byte_size    BIGINT  NOT NULL CHECK (byte_size > 0),
    width        BIGINT  NOT NULL CHECK (width > 0),
    height       BIGINT  NOT NULL CHECK (height > 0),
    sha256       TEXT    NOT NULL CHECK (length(sha256) = 64),
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, photo_id),
    FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, product_id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX product_photos_by_product ON product_photos (tenant_id, product_id);
