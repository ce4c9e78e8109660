-- wrk script for bench/orders/run.sh: every request is a new 3-item COD order with its own
-- Idempotency-Key; the status codes are counted per thread and summed in done().
-- PRODUCTS (comma-separated ids) comes from the environment.

local threads = {}
local products = {}
for id in string.gmatch(os.getenv("PRODUCTS") or "", "[^,]+") do
    products[#products + 1] = id
end

function setup(thread)
    thread:set("tid", #threads + 1)
    threads[#threads + 1] = thread
end

function init(args)
    counter = 0
    created, conflicts, other = 0, 0, 0
    math.randomseed(os.time() * 1000 + tid)
end

function request()
    counter = counter + 1
    local a = math.random(#products)
    local b = a % #products + 1
    local c = b % #products + 1
    local body = string.format(
        '{"items":[{"product_id":"%s","quantity":%d},{"product_id":"%s","quantity":1},{"product_id":"%s","quantity":1}],' ..
        '"customer":{"name":"Bench Buyer","phone":"9876543210","address":"12 MG Road, Pune","pincode":"411001"},' ..
        '"payment_method":"COD"}', products[a], math.random(2), products[b], products[c])
    local headers = {
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = string.format("bench-%d-%d-%d", tid, counter, os.time()),
    }
    return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
    if status == 201 then
        created = created + 1
    elseif status == 409 then
        conflicts = conflicts + 1
    else
        other = other + 1
    end
end

function done(summary, latency, requests)
    local c201, c409, cother = 0, 0, 0
    for _, thread in ipairs(threads) do
        c201 = c201 + thread:get("created")
        c409 = c409 + thread:get("conflicts")
        cother = cother + thread:get("other")
    end
    io.write(string.format("STATUS %d %d %d\n", c201, c409, cother))
    io.write(string.format("LATENCY_P99_MS %.2f\n", latency:percentile(99) / 1000))
    io.write(string.format("DURATION_S %.3f\n", summary.duration / 1e6))
end
