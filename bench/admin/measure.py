"""Signs in as the super admin and times ROUNDS requests of each admin page over one keep-alive
connection; prints p50 / p99 / max per route.
   python3 measure.py PORT DATA_DIR PHONE ROUNDS"""
import http.client
import json
import sys
import time

port, data_dir, phone, rounds = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def call(method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    reply = conn.getresponse()
    return reply.status, reply.read()


status, _ = call("POST", "/api/auth/otp", {"phone": phone})
assert status in (200, 202), status
code = ""
for _ in range(200):
    try:
        with open(f"{data_dir}/outbox/sms.jsonl", encoding="utf-8") as f:
            for line in f:
                message = json.loads(line)
                if message.get("code"):
                    code = message["code"]
    except FileNotFoundError:
        pass
    if code:
        break
    time.sleep(0.05)
status, body = call("POST", "/api/auth/verify", {"phone": phone, "code": code, "token_delivery": "body"})
assert status == 200, (status, body)
token = json.loads(body)["access_token"]

routes = ["/api/admin/overview", "/api/admin/tenants", "/api/admin/tenants?q=business%2099", "/api/admin/ai/usage?range=30d"]
print(f"{'route':<40} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for route in routes:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        status, body = call("GET", route, token=token)
        times.append((time.perf_counter() - start) * 1000)
        assert status == 200, (route, status, body[:200])
    times.sort()
    p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    print(f"{route:<40} {p(0.5):8.1f} {p(0.99):8.1f} {times[-1]:8.1f}")
