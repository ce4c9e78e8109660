#!/usr/bin/env python3
"""Live tracking load against a running `webdpro serve`: N riders each posting a fix every
--period seconds to POST /api/agent/location, and M customers holding the live stream
GET /s/{slug}/api/orders/{id}/events open, for --seconds. Seeds its own shop beside the running
server (SQLite, WAL): one published store, N riders on duty each carrying one picked-up cash order,
with sessions the bench signs access tokens for (the data dir's development jwt_keys).

Prints one "KEY value" line per figure: fixes posted and stored, the p50/p99 fix-to-subscriber
latency (from the moment a fix is sent to the moment a stream delivers the position it carried),
streams opened and refused, and events received.

    load.py PORT DATA_DIR --riders 2000 --subscribers 10000 --seconds 60 [--period 5]
"""

import argparse
import asyncio
import base64
import hashlib
import hmac
import json
import os
import random
import re
import sqlite3
import sys
import time

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
STORE_LAT, STORE_LNG = 28.6315, 77.2167


def new_id(prefix):
    ms = int(time.time() * 1000)
    head = "".join(CROCKFORD[(ms >> (45 - 5 * i)) & 31] for i in range(10))
    return f"{prefix}_{head}" + "".join(random.choice(CROCKFORD) for _ in range(16))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64any(text):
    text = text.strip()
    pad = "=" * (-len(text) % 4)
    try:
        return base64.urlsafe_b64decode(text + pad)
    except Exception:
        return base64.b64decode(text + pad)


def read_secrets(data_dir):
    values = {}
    with open(os.path.join(data_dir, "secrets.toml")) as f:
        for line in f:
            m = re.match(r'\s*([a-z_]+)\s*=\s*"([^"]*)"', line)
            if m:
                values[m.group(1)] = m.group(2)
    return values


def sign(claims, kid, key):
    header = {"alg": "HS256", "typ": "at+jwt", "kid": kid}
    signing = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + \
        b64url(json.dumps(claims, separators=(",", ":")).encode())
    mac = hmac.new(key, signing.encode(), hashlib.sha256).digest()
    return signing + "." + b64url(mac)


def seed(db_path, riders, secrets):
    kid, key64 = secrets["jwt_keys"].split(",")[0].split(":", 1)
    jwt_key = b64any(key64)
    index_key = b64any(secrets["blind_index_key"])
    now = int(time.time() * 1000)
    db = sqlite3.connect(db_path, timeout=30)
    db.execute("PRAGMA busy_timeout = 30000")
    owner, tenant, store = new_id("usr"), new_id("ten"), new_id("sto")
    slug = "bench-track"
    cur = db.cursor()
    cur.execute("BEGIN IMMEDIATE")
    cur.execute("INSERT INTO users (user_id, phone, created_at, updated_at) VALUES (?, '+919000000001', 1, 1)", (owner,))
    cur.execute("INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, updated_at) "
                "VALUES (?, ?, 'Bench Kirana', 1, 1)", (tenant, owner))
    cur.execute("INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, latitude, longitude, "
                "created_at, updated_at) VALUES (?, ?, ?, 'PUBLISHED', 'bench', 'Bench Kirana', ?, ?, 1, 1)",
                (tenant, store, slug, STORE_LAT, STORE_LNG))
    out = []
    for i in range(riders):
        user, session, order, delivery = new_id("usr"), new_id("ses"), new_id("ord"), new_id("dlv")
        phone = "+91%010d" % (7000000000 + i)
        cur.execute("INSERT INTO users (user_id, phone, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                    (user, phone, f"Rider{i} Kumar", now, now))
        cur.execute("INSERT INTO memberships (tenant_id, user_id, role, display_name, created_at, updated_at) "
                    "VALUES (?, ?, 'DELIVERY_AGENT', ?, ?, ?)", (tenant, user, f"Rider{i} Kumar", now, now))
        cur.execute("INSERT INTO riders (tenant_id, user_id, available, created_at, updated_at) VALUES (?, ?, 1, ?, ?)",
                    (tenant, user, now, now))
        cur.execute("INSERT INTO sessions (session_id, user_id, tenant_id, role, refresh_token_hash, family_id, "
                    "created_at, last_used_at, expires_at) VALUES (?, ?, ?, 'DELIVERY_AGENT', ?, ?, ?, ?, ?)",
                    (session, user, tenant, hashlib.sha256(session.encode()).hexdigest(), session, now, now,
                     now + 86400000))
        # Each customer lives 1 to 4 km away in some direction; the rider starts at the store.
        angle = random.uniform(0, 6.283)
        km = random.uniform(1, 4)
        home = (STORE_LAT + km / 111.2 * __import__("math").cos(angle),
                STORE_LNG + km / 111.2 * __import__("math").sin(angle) / 0.877)
        cur.execute("INSERT INTO orders (tenant_id, order_id, store_id, customer_name, customer_phone_enc, "
                    "customer_phone_hash, delivery_address, delivery_lat, delivery_lng, subtotal_paise, total_paise, "
                    "payment_method, status, idempotency_key, confirmed_at, created_at, updated_at) "
                    "VALUES (?, ?, ?, 'Asha', x'00', 'h', '{\"address\":\"12 MG Road\",\"pincode\":\"110001\"}', "
                    "?, ?, 10000, 10000, 'COD', 'OUT_FOR_DELIVERY', ?, ?, ?, ?)",
                    (tenant, order, store, home[0], home[1], "bench-" + order, now, now, now))
        cur.execute("INSERT INTO deliveries (tenant_id, delivery_id, order_id, agent_id, status, proof_code, "
                    "cod_due_paise, assigned_at, picked_up_at, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, 'PICKED_UP', '1234', 10000, ?, ?, ?, ?)",
                    (tenant, delivery, order, user, now, now, now, now))
        token = sign({"iss": "webdpro", "sub": user, "role": "DELIVERY_AGENT", "sid": session,
                      "iat": now // 1000, "exp": now // 1000 + 86400, "tenant": tenant}, kid, jwt_key)
        tracking = hmac.new(index_key, f"order.tracking.v1|{tenant}|{order}".encode(), hashlib.sha256).hexdigest()[:32]
        out.append({"token": token, "order": order, "delivery": delivery, "t": tracking, "home": home})
    cur.execute("COMMIT")
    db.close()
    return slug, out


class Stats:
    def __init__(self):
        self.sent_at = {}  # (delivery, fix ms) -> perf counter when sent
        self.latencies = []
        self.fixes_ok = 0
        self.fixes_failed = 0
        self.streams_open = 0
        self.streams_refused = 0
        self.stream_errors = 0
        self.events = 0
        self.first_refusal = ""


async def http_request(reader, writer, method, path, headers, body=b""):
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    head += f"Content-Length: {len(body)}\r\n\r\n"
    writer.write(head.encode() + body)
    await writer.drain()
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return status, body


async def rider(port, r, stats, period, deadline, start_delay):
    await asyncio.sleep(start_delay)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lat, lng = STORE_LAT, STORE_LNG
    home_lat, home_lng = r["home"]
    step = 0
    try:
        while time.monotonic() < deadline:
            step += 1
            # 25 m a fix towards the customer (18 km/h at one fix every 5 s).
            share = min(1.0, step * 25 / 4000)
            lat = STORE_LAT + (home_lat - STORE_LAT) * share
            lng = STORE_LNG + (home_lng - STORE_LNG) * share
            at = int(time.time() * 1000)
            body = json.dumps({"delivery_id": r["delivery"],
                               "fixes": [{"lat": lat, "lng": lng, "at": at, "accuracy_m": 8}]}).encode()
            stats.sent_at[(r["delivery"], at)] = time.perf_counter()
            try:
                status, answer = await http_request(reader, writer, "POST", "/api/agent/location",
                                            {"Authorization": "Bearer " + r["token"],
                                             "Content-Type": "application/json"}, body)
            except (ConnectionError, asyncio.IncompleteReadError):
                stats.fixes_failed += 1
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            if status == 200:
                stats.fixes_ok += 1
            else:
                stats.fixes_failed += 1
                if not stats.first_refusal:
                    stats.first_refusal = f"{status} {answer[:300]!r}"
            await asyncio.sleep(period)
    finally:
        writer.close()


async def subscriber(port, slug, r, stats, deadline, start_delay):
    await asyncio.sleep(start_delay)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        stats.stream_errors += 1
        return
    path = f"/s/{slug}/api/orders/{r['order']}/events?t={r['t']}"
    writer.write(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode())
    try:
        await writer.drain()
        status_line = await reader.readline()
        if not status_line:
            stats.stream_errors += 1
            return
        status = int(status_line.split()[1])
        if status != 200:
            stats.streams_refused += 1
            if not stats.first_refusal:
                stats.first_refusal = (status_line + await reader.read(2000)).decode(errors="replace")
            return
        stats.streams_open += 1
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        last_at = None
        while time.monotonic() < deadline:
            try:
                line = await asyncio.wait_for(reader.readline(), timeout=max(0.1, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                break
            if not line:
                break
            if line.startswith(b"data: "):
                stats.events += 1
                info = json.loads(line[6:])
                d = info.get("delivery") or {}
                pos = d.get("position")
                if pos and pos.get("at") != last_at:
                    last_at = pos.get("at")
                    # The fix's own time: RFC 3339 with milliseconds as the server formats it.
                    at_ms = rfc3339_ms(last_at)
                    sent = stats.sent_at.get((r["delivery"], at_ms))
                    if sent is not None:
                        stats.latencies.append(time.perf_counter() - sent)
    except (ConnectionError, asyncio.IncompleteReadError, ValueError):
        stats.stream_errors += 1
    finally:
        writer.close()


def rfc3339_ms(text):
    from datetime import datetime
    return int(round(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000))


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("port", type=int)
    p.add_argument("data_dir")
    p.add_argument("--riders", type=int, default=2000)
    p.add_argument("--subscribers", type=int, default=10000)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--period", type=float, default=5)
    a = p.parse_args()
    secrets = read_secrets(a.data_dir)
    t0 = time.monotonic()
    slug, riders = seed(os.path.join(a.data_dir, "webdpro.db"), a.riders, secrets)
    print(f"SEEDED_S {time.monotonic() - t0:.1f}", flush=True)
    stats = Stats()
    ramp = min(10.0, a.seconds / 4)
    # Streams open first (spread over the ramp), then the riders start, spread over one period.
    start = time.monotonic()
    deadline = start + ramp + a.seconds
    tasks = [asyncio.create_task(subscriber(a.port, slug, riders[i % len(riders)], stats, deadline,
                                            ramp * i / max(1, a.subscribers)))
             for i in range(a.subscribers)]
    tasks += [asyncio.create_task(rider(a.port, r, stats, a.period, deadline, ramp + a.period * i / len(riders)))
              for i, r in enumerate(riders)]
    print("READY", flush=True)
    await asyncio.gather(*tasks, return_exceptions=True)
    lat = sorted(stats.latencies)
    q = lambda f: (lat[min(len(lat) - 1, int(f * len(lat)))] * 1000) if lat else float("nan")
    print(f"FIXES_OK {stats.fixes_ok}")
    print(f"FIXES_FAILED {stats.fixes_failed}")
    print(f"STREAMS_OPEN {stats.streams_open}")
    print(f"STREAMS_REFUSED {stats.streams_refused}")
    print(f"STREAM_ERRORS {stats.stream_errors}")
    print(f"EVENTS {stats.events}")
    print(f"LATENCY_SAMPLES {len(lat)}")
    print(f"LATENCY_P50_MS {q(0.50):.1f}")
    print(f"LATENCY_P99_MS {q(0.99):.1f}")
    print(f"LOAD_SECONDS {a.seconds}")
    if stats.first_refusal:
        print("FIRST_REFUSAL " + " ".join(stats.first_refusal.split()), file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main())
