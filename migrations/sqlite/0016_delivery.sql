-- Delivery with the shop's own riders, owned by delivery.
--
-- riders: the profile of a tenant's delivery agent (a DELIVERY_AGENT membership): whether they
-- take orders now, what they ride, how many orders they carry at once, and their home stores (a
-- JSON array of store ids; empty means every store of the tenant). The last position is the
-- last accepted fix (or the one they gave when going on duty); assignment measures from it.
CREATE TABLE riders (
    tenant_id    TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    available    INTEGER NOT NULL DEFAULT 0 CHECK (available IN (0, 1)),
    vehicle      TEXT    NOT NULL DEFAULT 'BIKE' CHECK (vehicle IN ('BICYCLE', 'BIKE', 'SCOOTER', 'CAR', 'ON_FOOT')),
    max_orders   INTEGER NOT NULL DEFAULT 1 CHECK (max_orders BETWEEN 1 AND 10),
    store_ids    TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(store_ids) AND json_type(store_ids) = 'array'),
    last_lat     REAL    CHECK (last_lat IS NULL OR last_lat BETWEEN -90 AND 90),
    last_lng     REAL    CHECK (last_lng IS NULL OR last_lng BETWEEN -180 AND 180),
    last_seen_at INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id),
    CHECK ((last_lat IS NULL) = (last_lng IS NULL))
) STRICT, WITHOUT ROWID;

-- delivery_settings: per store, whether a confirmed order is given to the nearest free rider at
-- once. A store without a row assigns by hand.
CREATE TABLE delivery_settings (
    tenant_id   TEXT    NOT NULL,
    store_id    TEXT    NOT NULL,
    auto_assign INTEGER NOT NULL DEFAULT 0 CHECK (auto_assign IN (0, 1)),
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, store_id),
    FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id)
) STRICT, WITHOUT ROWID;

-- deliveries (0001): the distance of the accepted track, the rider's note when the cash collected
-- differs from the cash due, and when an attempt failed.
ALTER TABLE deliveries ADD COLUMN distance_m REAL NOT NULL DEFAULT 0 CHECK (distance_m >= 0);
ALTER TABLE deliveries ADD COLUMN cash_note TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN failed_at INTEGER;

-- cod_settlements (0001) are the owner's records of cash a rider handed in: cash in hand is the
-- cash collected on delivered orders minus these.
