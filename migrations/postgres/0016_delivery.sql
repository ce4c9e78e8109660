-- Delivery with the shop's own riders, owned by delivery. Twin of sqlite/0016_delivery.sql.
CREATE TABLE riders (
    tenant_id    TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    available    BIGINT  NOT NULL DEFAULT 0 CHECK (available IN (0, 1)),
    vehicle      TEXT    NOT NULL DEFAULT 'BIKE' CHECK (vehicle IN ('BICYCLE', 'BIKE', 'SCOOTER', 'CAR', 'ON_FOOT')),
    max_orders   BIGINT  NOT NULL DEFAULT 1 CHECK (max_orders BETWEEN 1 AND 10),
    -- A JSON array (the CASE keeps the cast from running on text that is not JSON).
    store_ids    TEXT    NOT NULL DEFAULT '[]'
                         CHECK (CASE WHEN webdpro_json_valid(store_ids) THEN jsonb_typeof(store_ids::jsonb) = 'array'
                                     ELSE false END),
    last_lat     DOUBLE PRECISION CHECK (last_lat IS NULL OR last_lat BETWEEN -90 AND 90),
    last_lng     DOUBLE PRECISION CHECK (last_lng IS NULL OR last_lng BETWEEN -180 AND 180),
    last_seen_at BIGINT,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id),
    CHECK ((last_lat IS NULL) = (last_lng IS NULL))
);

CREATE TABLE delivery_settings (
    tenant_id   TEXT    NOT NULL,
    store_id    TEXT    NOT NULL,
    auto_assign BIGINT  NOT NULL DEFAULT 0 CHECK (auto_assign IN (0, 1)),
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, store_id),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id)
);

ALTER TABLE deliveries ADD COLUMN distance_m DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (distance_m >= 0);
ALTER TABLE deliveries ADD COLUMN cash_note TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN failed_at BIGINT;
