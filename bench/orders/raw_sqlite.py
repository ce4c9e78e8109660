#!/usr/bin/env python3
"""The baseline for bench/orders: raw SQLite writing the rows of one 3-item order per transaction
(products UPDATE x3, ledger x3, order, items x3, outbox event), WAL with synchronous=FULL, so each
commit is one fsync. Usage: raw_sqlite.py DB_FILE SECONDS. Prints "<orders/s> <p99 ms>"."""
import os
import random
import sqlite3
import sys
import time

path, seconds = sys.argv[1], float(sys.argv[2])
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.executescript("""
CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, stock INTEGER NOT NULL CHECK (stock >= 0));
CREATE TABLE IF NOT EXISTS ledger (product INTEGER, seq INTEGER, delta INTEGER, stock_after INTEGER, reason TEXT,
                                   order_id TEXT, created_at INTEGER, PRIMARY KEY (product, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS orders (order_id TEXT PRIMARY KEY, idem TEXT UNIQUE, customer TEXT, phone BLOB,
                                   total INTEGER, status TEXT, created_at INTEGER);
CREATE TABLE IF NOT EXISTS items (order_id TEXT, line INTEGER, product INTEGER, qty INTEGER, price INTEGER,
                                  PRIMARY KEY (order_id, line)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (event_id TEXT PRIMARY KEY, type TEXT, payload TEXT, status TEXT, created_at INTEGER);
""")
db.executemany("INSERT OR REPLACE INTO products VALUES (?, ?)", [(i, 10**9) for i in range(50)])

latencies = []
n = 0
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    start = time.monotonic()
    order = "ord_%d_%s" % (n, os.urandom(6).hex())
    now = int(time.time() * 1000)
    picks = random.sample(range(50), 3)
    db.execute("BEGIN IMMEDIATE")
    for line, p in enumerate(picks, 1):
        (after,) = db.execute("UPDATE products SET stock = stock - 1 WHERE id = ? AND stock >= 1 RETURNING stock",
                              (p,)).fetchone()
        db.execute("INSERT INTO ledger VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM ledger WHERE product = ?),"
                   " -1, ?, 'ORDER_RESERVED', ?, ?)", (p, p, after, order, now))
        db.execute("INSERT INTO items VALUES (?, ?, ?, 1, 1000)", (order, line, p))
    db.execute("INSERT INTO orders VALUES (?, ?, 'Bench Buyer', ?, 3000, 'CONFIRMED', ?)",
               (order, order, os.urandom(48), now))
    db.execute("INSERT INTO outbox VALUES (?, 'ORDER_PLACED', '{}', 'PENDING', ?)", ("evt" + order, now))
    db.execute("COMMIT")
    latencies.append(time.monotonic() - start)
    n += 1

latencies.sort()
p99 = latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0
print("%.0f %.2f" % (n / seconds, p99))
