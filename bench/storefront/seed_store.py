#!/usr/bin/env python3
"""Writes a PUBLISHED store into a WebDPro SQLite database the way the stores feature does: a
user, a tenant, the store row with its SiteSpec, and the spec's products in the catalog.
For benchmarks only (run it while the server is stopped).

    seed_store.py DB SPEC_JSON --slug sharma-kirana [--stock 25]
Prints the store id.
"""
import argparse
import json
import secrets
import sqlite3
import time

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def new_id(prefix):
    return prefix + "_" + "".join(secrets.choice(CROCKFORD) for _ in range(26))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("spec")
    parser.add_argument("--slug", required=True)
    parser.add_argument("--stock", type=int, default=25)
    args = parser.parse_args()

    spec_text = open(args.spec, encoding="utf-8").read()
    spec = json.loads(spec_text)
    now = int(time.time() * 1000)
    user, tenant, store = new_id("usr"), new_id("ten"), new_id("sto")
    phone = "+9190000" + "".join(secrets.choice("0123456789") for _ in range(5))
    db = sqlite3.connect(args.db)
    with db:
        db.execute("INSERT INTO users (user_id, phone, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                   (user, phone, "Bench owner", now, now))
        db.execute("INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?)", (tenant, user, spec["business_name"], now, now))
        db.execute("INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, sector, "
                   "language, spec, site_version, published_at, created_at, updated_at) "
                   "VALUES (?, ?, ?, 'PUBLISHED', ?, ?, ?, ?, ?, 1, ?, ?, ?)",
                   (tenant, store, args.slug, spec["business_name"], spec["business_name"], spec["sector"],
                    spec["language"], spec_text, now, now, now))
        for order, p in enumerate(spec["products"]):
            db.execute("INSERT INTO products (tenant_id, product_id, store_id, name, description, price_paise, "
                       "mrp_paise, stock_quantity, category, unit, hsn, gst_rate_bp, sort_order, created_at, "
                       "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (tenant, new_id("prd"), store, p["name"], p["description"], p["price_paise"],
                        p["mrp_paise"], args.stock, p["category"], p["unit"], p["hsn"] or None,
                        p["gst_rate"] * 100, order, now, now))
    db.close()
    print(store)


if __name__ == "__main__":
    main()
