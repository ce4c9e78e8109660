#!/usr/bin/env python3
"""Bulk seed for bench/analytics: TENANTS businesses with one published store and 20 products
each, ORDERS orders spread evenly over them and over the last DAYS India days (one to three lines
each; paid by UPI or online, cash collected or not, a few cancelled), and the dashboard's sums
built from those orders the way its consumer would have kept them. Written straight into a
stopped server's SQLite database. The owner's tenant (made through the API) gets its share too."""
import argparse
import random
import sqlite3
import time

ap = argparse.ArgumentParser()
ap.add_argument("db")
ap.add_argument("--tenants", type=int, default=1000)
ap.add_argument("--orders", type=int, default=1_000_000)
ap.add_argument("--days", type=int, default=90)
ap.add_argument("--owner-tenant", required=True)
ap.add_argument("--owner-store", required=True)
args = ap.parse_args()

rng = random.Random(7)
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def new_id(prefix):
    return prefix + "_01" + "".join(rng.choice(ALPHABET) for _ in range(24))


db = sqlite3.connect(args.db)
db.execute("PRAGMA foreign_keys = OFF")
db.execute("PRAGMA synchronous = OFF")
db.execute("PRAGMA journal_mode = WAL")
now_ms = int(time.time() * 1000)
IST_MS = 330 * 60 * 1000
DAY_MS = 86_400_000

# Tenants and stores: the owner's, then the others written here.
shops = [(args.owner_tenant, args.owner_store)]
with db:
    for i in range(1, args.tenants):
        user, tenant, store = new_id("usr"), new_id("ten"), new_id("sto")
        db.execute("INSERT INTO users (user_id, phone, created_at, updated_at) VALUES (?, ?, 1, 1)",
                   (user, "+917%09d" % i))
        db.execute("INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, updated_at) "
                   "VALUES (?, ?, ?, 1, 1)", (tenant, user, "Shop %d" % i))
        db.execute("INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, created_at, "
                   "updated_at) VALUES (?, ?, ?, 'PUBLISHED', 'bench', ?, 1, 1)",
                   (tenant, store, "shop-%d" % i, "Shop %d" % i))
        shops.append((tenant, store))
    products = {}
    for tenant, store in shops:
        ids = []
        for p in range(20):
            pid = new_id("prd")
            db.execute("INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, stock_quantity, "
                       "low_stock_threshold, gst_rate_bp, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 5, 500, 1, 1)",
                       (tenant, pid, store, "Product %d" % p, 1000 + 500 * p, rng.randint(0, 200)))
            ids.append((pid, "Product %d" % p, 1000 + 500 * p))
        products[tenant] = ids

per_tenant = args.orders // len(shops)
first_day_ms = now_ms - args.days * DAY_MS
order_sql = ("INSERT INTO orders (tenant_id, order_id, store_id, customer_name, customer_phone_enc, customer_phone_hash, "
             "subtotal_paise, total_paise, tax_paise, payment_method, payment_status, status, idempotency_key, "
             "created_at, updated_at) VALUES (?, ?, ?, 'Bench', x'00', ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)")
item_sql = ("INSERT INTO order_items (tenant_id, order_id, line, product_id, name, unit_price_paise, quantity, "
            "line_total_paise, gst_rate_bp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 500)")
counted_sql = ("INSERT INTO analytics_orders (tenant_id, order_id, store_id, day, payment_method, total_paise, state, "
               "first_order, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
customer_sql = "INSERT INTO analytics_customers (tenant_id, customer_hash, first_order_id) VALUES (?, ?, ?)"
started = time.time()
written = 0
for tenant, store in shops:
    orders, items, counted, customers = [], [], [], []
    seen = set()
    stamps = sorted(rng.randrange(first_day_ms, now_ms - 60_000) for _ in range(per_tenant))
    for at in stamps:
        oid = new_id("ord")
        phone = "h%04d" % rng.randrange(300)
        method = rng.choice(("UPI", "UPI", "COD", "COD", "RAZORPAY"))
        roll = rng.random()
        if roll < 0.05:
            status, paid = "CANCELLED", False
        elif roll < 0.75:
            status, paid = "DELIVERED", True
        elif method == "COD":
            status, paid = "CONFIRMED", False
        else:
            status, paid = "PENDING_PAYMENT", False
        total = 0
        for line in range(1, rng.randint(1, 3) + 1):
            pid, name, price = rng.choice(products[tenant])
            qty = rng.randint(1, 4)
            items.append((tenant, oid, line, pid, name, price, qty, price * qty))
            total += price * qty
        # Lines name distinct products in real orders; a repeat here only merges in the sums.
        orders.append((tenant, oid, store, phone, total, total, method, "PAID" if paid else "UNPAID", status, oid, at, at))
        first = phone not in seen
        if first:
            seen.add(phone)
            customers.append((tenant, phone, oid))
        day = time.strftime("%Y-%m-%d", time.gmtime((at + IST_MS) // 1000))
        state = "CANCELLED" if status == "CANCELLED" else ("PAID" if paid else "PENDING")
        counted.append((tenant, oid, store, day, method, total, state, 1 if first else 0, at))
    with db:
        db.executemany(order_sql, orders)
        db.executemany(item_sql, items)
        db.executemany(counted_sql, counted)
        db.executemany(customer_sql, customers)
    written += len(orders)
print(f"seeded {written} orders for {len(shops)} businesses in {time.time() - started:.0f} s")

# The sums, as the consumer keeps them, from what each order adds (the real order's included).
with db:
    for table in ("analytics_daily", "analytics_daily_methods", "analytics_daily_products"):
        db.execute(f"DELETE FROM {table}")
    db.execute("""
INSERT INTO analytics_daily (tenant_id, store_id, day, orders, paid_orders, revenue_paise, pending_orders,
                             pending_paise, cancelled_orders, new_orders, repeat_orders)
SELECT tenant_id, store_id, day, sum(state <> 'CANCELLED'), sum(state = 'PAID'),
       sum(CASE WHEN state = 'PAID' THEN total_paise ELSE 0 END), sum(state = 'PENDING'),
       sum(CASE WHEN state = 'PENDING' THEN total_paise ELSE 0 END), sum(state = 'CANCELLED'),
       sum(state <> 'CANCELLED' AND first_order = 1), sum(state <> 'CANCELLED' AND first_order = 0)
FROM analytics_orders GROUP BY tenant_id, store_id, day""")
    db.execute("""
INSERT INTO analytics_daily_methods (tenant_id, store_id, day, payment_method, orders, paid_paise)
SELECT tenant_id, store_id, day, payment_method, sum(state <> 'CANCELLED'),
       sum(CASE WHEN state = 'PAID' THEN total_paise ELSE 0 END)
FROM analytics_orders GROUP BY tenant_id, store_id, day, payment_method""")
    db.execute("""
INSERT INTO analytics_daily_products (tenant_id, store_id, day, product_id, name, units, sales_paise)
SELECT a.tenant_id, a.store_id, a.day, i.product_id, max(i.name), sum(i.quantity), sum(i.line_total_paise)
FROM analytics_orders a JOIN order_items i ON i.tenant_id = a.tenant_id AND i.order_id = a.order_id
WHERE a.state <> 'CANCELLED'
GROUP BY a.tenant_id, a.store_id, a.day, i.product_id""")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.execute("ANALYZE")
db.close()
print(f"sums built in {time.time() - started:.0f} s")
