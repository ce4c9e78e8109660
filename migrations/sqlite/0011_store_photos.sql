-- Owner photos of a store itself (issue 6): the storefront's hero. Kept like product photos
-- (0007): only re-encoded WebPs, in the database so nodes stay stateless. A hero upload makes two
-- renditions: 'hero' (at most 1600 px wide, for link previews and wide screens) and 'hero_small'
-- (at most 640 px, what a phone downloads). A new upload replaces both rows in one transaction.
CREATE TABLE store_photos (
    tenant_id    TEXT    NOT NULL,
    photo_id     TEXT    NOT NULL,
    store_id     TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('hero', 'hero_small')),
    content_type TEXT    NOT NULL CHECK (content_type = 'image/webp'),
    bytes        BLOB    NOT NULL,
    byte_size    INTEGER NOT NULL CHECK (byte_size > 0),
    width        INTEGER NOT NULL CHECK (width > 0),
    height       INTEGER NOT NULL CHECK (height > 0),
    sha256       TEXT    NOT NULL CHECK (length(sha256) = 64),
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, photo_id),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id) ON DELETE CASCADE
) STRICT;

-- One photo of each kind per store.
CREATE UNIQUE INDEX store_photos_by_kind ON store_photos (tenant_id, store_id, kind);
