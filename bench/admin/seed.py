"""Seeds a migrated WebDPro SQLite database for bench/admin: TENANTS tenants (1-3 stores each),
ORDERS orders over the last 365 days (the newest in the last hour), the daily_sales counters the
orders' consumer would have kept for them, and AI calls. Written straight into the file while no
server runs.
   python3 seed.py DB TENANTS ORDERS"""
import random
import sqlite3
import sys
import time

db, tenants, orders = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(7)
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def new_id(prefix):
    return prefix + "_01" + "".join(rng.choice(ALPHABET) for _ in range(24))


now = int(time.time() * 1000)
day_ms = 86_400_000
conn = sqlite3.connect(db)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA synchronous = OFF")
conn.execute("BEGIN")
stores = []
for t in range(tenants):
    user, tenant = new_id("usr"), new_id("ten")
    created = now - rng.randrange(400 * day_ms)
    conn.execute("INSERT INTO users (user_id, phone, created_at, updated_at) VALUES (?, ?, ?, ?)",
                 (user, f"+9190{t:08d}", created, created))
    conn.execute("INSERT INTO tenants (tenant_id, owner_user_id, business_name, plan, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 (tenant, user, f"Bench Business {t}", rng.choice(["FREE", "FREE", "PRO"]), created, created))
    for s in range(rng.randint(1, 3)):
        store = new_id("sto")
        conn.execute("INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, sector, "
                     "generation_level, created_at, updated_at) VALUES (?, ?, ?, 'PUBLISHED', 'bench', ?, ?, ?, ?, ?)",
                     (tenant, store, f"bench-{t}-{s}", f"Bench Store {t}-{s}", rng.choice(["grocery", "sweets", "pharmacy"]),
                      rng.choice(["claude", "titan", "rules"]), created, created))
        stores.append((tenant, store))

sales = {}
batch = []
for i in range(orders):
    tenant, store = stores[rng.randrange(len(stores))]
    # 1 in 500 orders in the last hour, the rest over the year.
    at = now - (rng.randrange(3_600_000) if i % 500 == 0 else rng.randrange(365 * day_ms))
    total = rng.randrange(1000, 500_000)
    batch.append((tenant, new_id("ord"), store, "Bench", b"x", "h", total, total, f"k{i}", at, at))
    day = time.strftime("%Y-%m-%d", time.gmtime((at + 19_800_000) / 1000))
    key = (tenant, store, day)
    count, revenue = sales.get(key, (0, 0))
    sales[key] = (count + 1, revenue + total)
    if len(batch) == 10_000:
        conn.executemany("INSERT INTO orders (tenant_id, order_id, store_id, customer_name, customer_phone_enc, "
                         "customer_phone_hash, subtotal_paise, total_paise, payment_method, status, idempotency_key, "
                         "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'COD', 'CONFIRMED', ?, ?, ?)", batch)
        batch = []
if batch:
    conn.executemany("INSERT INTO orders (tenant_id, order_id, store_id, customer_name, customer_phone_enc, "
                     "customer_phone_hash, subtotal_paise, total_paise, payment_method, status, idempotency_key, "
                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'COD', 'CONFIRMED', ?, ?, ?)", batch)
conn.executemany("INSERT INTO daily_sales (tenant_id, store_id, day, orders, revenue_paise) VALUES (?, ?, ?, ?, ?)",
                 [(k[0], k[1], k[2], v[0], v[1]) for k, v in sales.items()])
calls = []
for i in range(20_000):
    tenant, store = stores[rng.randrange(len(stores))]
    level = rng.choice(["claude", "titan", "rules"])
    outcome = rng.choice(["OK", "OK", "OK", "TIMEOUT", "SKIPPED"])
    calls.append((new_id("aic"), tenant, store, level, "bench", level, outcome, rng.randrange(5000),
                  rng.randrange(5000), rng.randrange(20_000) if level != "rules" else 0, rng.randrange(3000),
                  now - rng.randrange(30 * day_ms)))
conn.executemany("INSERT INTO ai_calls (call_id, tenant_id, store_id, level, provider, model, outcome, input_tokens, "
                 "output_tokens, cost_micro_usd, latency_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 calls)
conn.commit()
conn.execute("ANALYZE")
conn.close()
print(f"seeded {tenants} tenants, {len(stores)} stores, {orders} orders, {len(sales)} daily_sales rows, "
      f"{len(calls)} AI calls")
