-- Owner photos of products (issue 6). Only the re-encoded WebP is kept: the upload's metadata (EXIF
-- GPS of the owner's home) never reaches the database. Photos live here, not on a node's disk, so
-- nodes stay stateless. products.image holds the photo's URL path while it is in use.
CREATE TABLE product_photos (
    tenant_id    TEXT    NOT NULL,
    photo_id     TEXT    NOT NULL,
    store_id     TEXT    NOT NULL,
    product_id   TEXT    NOT NULL,
    content_type TEXT    NOT NULL CHECK (content_type = 'image/webp'),
    bytes        BLOB    NOT NULL,
    byte_size    INTEGER NOT NULL CHECK (byte_size > 0),
    width        INTEGER NOT NULL CHECK (width > 0),
    height       INTEGER NOT NULL CHECK (height > 0),
    sha256       TEXT    NOT NULL CHECK (length(sha256) = 64),
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, photo_id),
    FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, product_id) ON DELETE CASCADE
) STRICT;

-- One photo per product: replacing it deletes the old row in the same transaction.
CREATE UNIQUE INDEX product_photos_by_product ON product_photos (tenant_id, product_id);
