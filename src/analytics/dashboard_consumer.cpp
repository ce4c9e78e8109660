#include "analytics/dashboard_consumer.hpp"

#include <optional>
#include <string>

#include "analytics/day_range.hpp"
#include "storage/db.hpp"

namespace webdpro::analytics {
namespace {

constexpr std::string_view kOrderNow = R"(
SELECT store_id, created_at, total_paise, payment_method, payment_status, status, customer_phone_hash
FROM orders WHERE tenant_id = $1 AND order_id = $2
)";

constexpr std::string_view kCounted = R"(
SELECT store_id, day, payment_method, total_paise, state, first_order FROM analytics_orders
WHERE tenant_id = $1 AND order_id = $2
)";

constexpr std::string_view kFirstFromCustomer = R"(
INSERT INTO analytics_customers (tenant_id, customer_hash, first_order_id) VALUES ($1, $2, $3)
ON CONFLICT (tenant_id, customer_hash) DO NOTHING
)";

constexpr std::string_view kInsertCounted = R"(
INSERT INTO analytics_orders (tenant_id, order_id, store_id, day, payment_method, total_paise, state, first_order,
                              updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
)";

constexpr std::string_view kUpdateCounted = R"(
UPDATE analytics_orders SET state = $3, updated_at = $4 WHERE tenant_id = $1 AND order_id = $2
)";

// A change is added to its row when the row is there, else the row is made: an upsert would check
// the row it proposes (negative when a change takes an order out) against the CHECKs first.
constexpr std::string_view kAddDaily = R"(
UPDATE analytics_daily SET orders = orders + $4, paid_orders = paid_orders + $5, revenue_paise = revenue_paise + $6,
    pending_orders = pending_orders + $7, pending_paise = pending_paise + $8, cancelled_orders = cancelled_orders + $9,
    new_orders = new_orders + $10, repeat_orders = repeat_orders + $11
WHERE tenant_id = $1 AND store_id = $2 AND day = $3
)";

constexpr std::string_view kNewDaily = R"(
INSERT INTO analytics_daily (tenant_id, store_id, day, orders, paid_orders, revenue_paise, pending_orders,
                             pending_paise, cancelled_orders, new_orders, repeat_orders)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
)";

constexpr std::string_view kAddMethod = R"(
UPDATE analytics_daily_methods SET orders = orders + $5, paid_paise = paid_paise + $6
WHERE tenant_id = $1 AND store_id = $2 AND day = $3 AND payment_method = $4
)";

constexpr std::string_view kNewMethod = R"(
INSERT INTO analytics_daily_methods (tenant_id, store_id, day, payment_method, orders, paid_paise)
VALUES ($1, $2, $3, $4, $5, $6)
)";

constexpr std::string_view kItems = R"(
SELECT product_id, name, quantity, line_total_paise FROM order_items WHERE tenant_id = $1 AND order_id = $2
)";

constexpr std::string_view kAddProduct = R"(
UPDATE analytics_daily_products SET name = $5, units = units + $6, sales_paise = sales_paise + $7
WHERE tenant_id = $1 AND store_id = $2 AND day = $3 AND product_id = $4
)";

constexpr std::string_view kNewProduct = R"(
INSERT INTO analytics_daily_products (tenant_id, store_id, day, product_id, name, units, sales_paise)
VALUES ($1, $2, $3, $4, $5, $6, $7)
)";

// A refund processed counts on the India day it was processed, apart from revenue.
constexpr std::string_view kAddRefund = R"(
UPDATE analytics_daily SET refunds = refunds + 1, refunded_paise = refunded_paise + $4
WHERE tenant_id = $1 AND store_id = $2 AND day = $3
)";

constexpr std::string_view kNewRefund = R"(
INSERT INTO analytics_daily (tenant_id, store_id, day, refunds, refunded_paise) VALUES ($1, $2, $3, 1, $4)
)";

// Written by the payments folder (the outbox's types are open-ended strings).
constexpr std::string_view kRefundProcessed = "REFUND_PROCESSED";

constexpr std::string_view kPending = "PENDING";
constexpr std::string_view kPaid = "PAID";
constexpr std::string_view kCancelled = "CANCELLED";

/// What one order adds to its day's sums in a given state.
struct Contribution {
    std::int64_t orders = 0;
    std::int64_t paid_orders = 0;
    std::int64_t revenue = 0;
    std::int64_t pending_orders = 0;
    std::int64_t pending = 0;
    std::int64_t cancelled = 0;
    std::int64_t new_orders = 0;
    std::int64_t repeat_orders = 0;
    std::int64_t method_orders = 0;
    std::int64_t method_paid = 0;

    static Contribution Of(std::string_view state, std::int64_t total, bool first) {
        Contribution c;
        if (state == kCancelled) {
            c.cancelled = 1;
            return c;
        }
        c.orders = 1;
        c.method_orders = 1;
        (first ? c.new_orders : c.repeat_orders) = 1;
        if (state == kPaid) {
            c.paid_orders = 1;
            c.revenue = total;
            c.method_paid = total;
        } else {
            c.pending_orders = 1;
            c.pending = total;
        }
        return c;
    }

    Contribution Minus(const Contribution& o) const {
        return {orders - o.orders,
                paid_orders - o.paid_orders,
                revenue - o.revenue,
                pending_orders - o.pending_orders,
                pending - o.pending,
                cancelled - o.cancelled,
                new_orders - o.new_orders,
                repeat_orders - o.repeat_orders,
                method_orders - o.method_orders,
                method_paid - o.method_paid};
    }
};

/// The order as counted: which sums it sits in.
struct Counted {
    std::string store_id;
    std::string day;
    std::string method;
    std::int64_t total = 0;
    std::string state;
    bool first = false;
};

/// Runs `add` (an UPDATE by the row's key) and, when no row was there, `make` (its INSERT) with the
/// same values.
template <class... Args>
Result<void> AddOrMake(storage::Conn& conn, std::string_view add, std::string_view make, const Args&... args) {
    auto added = conn.Exec(add, args...);
    if (!added) {
        return Fail(std::move(added.error()));
    }
    if (*added > 0) {
        return {};
    }
    auto made = conn.Exec(make, args...);
    if (!made) {
        return Fail(std::move(made.error()));
    }
    return {};
}

Result<void> AddToSums(storage::Conn& conn, const TenantId& tenant, const Counted& order, const Contribution& d) {
    if (auto daily = AddOrMake(conn, kAddDaily, kNewDaily, tenant, order.store_id, order.day, d.orders, d.paid_orders,
                               d.revenue, d.pending_orders, d.pending, d.cancelled, d.new_orders, d.repeat_orders);
        !daily) {
        return daily;
    }
    if (d.method_orders == 0 && d.method_paid == 0) {
        return {};
    }
    return AddOrMake(conn, kAddMethod, kNewMethod, tenant, order.store_id, order.day, order.method, d.method_orders,
                     d.method_paid);
}

/// Adds (`sign` 1) or takes out (-1) the order's lines from its day's product sums.
Result<void> AddProducts(storage::Conn& conn, const TenantId& tenant, const std::string& order_id, const Counted& order,
                         std::int64_t sign) {
    auto items = conn.Query(kItems, tenant, order_id);
    if (!items) {
        return Fail(std::move(items.error()));
    }
    for (const auto& item : *items) {
        if (auto added =
                AddOrMake(conn, kAddProduct, kNewProduct, tenant, order.store_id, order.day, item.Text("product_id"),
                          item.Text("name"), sign * item.Int("quantity"), sign * item.Int("line_total_paise"));
            !added) {
            return added;
        }
    }
    return {};
}

std::string StateOf(const storage::Row& order) {
    if (order.Text("status") == kCancelled) {
        return std::string(kCancelled);
    }
    return order.Text("payment_status") == kPaid ? std::string(kPaid) : std::string(kPending);
}

Result<void> Sync(storage::Conn& conn, const events::Event& event) {
    const std::string order_id = event.payload.value("order_id", "");
    const TenantId& tenant = event.tenant_id;
    auto now_row = conn.QueryOne(kOrderNow, tenant, order_id);
    if (!now_row) {
        return Fail(std::move(now_row.error()));
    }
    if (!*now_row) {
        return {};  // no such order in this tenant: nothing to count
    }
    const storage::Row& order = **now_row;
    const std::string state = StateOf(order);
    auto counted_row = conn.QueryOne(kCounted, tenant, order_id);
    if (!counted_row) {
        return Fail(std::move(counted_row.error()));
    }
    const std::int64_t at = UnixMillis(event.created_at);
    if (!*counted_row) {
        auto first = conn.Exec(kFirstFromCustomer, tenant, order.Text("customer_phone_hash"), order_id);
        if (!first) {
            return Fail(std::move(first.error()));
        }
        const Counted counted{.store_id = order.Text("store_id"),
                              .day = IndiaDayOf(FromUnixMillis(order.Int("created_at"))),
                              .method = order.Text("payment_method"),
                              .total = order.Int("total_paise"),
                              .state = state,
                              .first = *first == 1};
        auto inserted = conn.Exec(kInsertCounted, tenant, order_id, counted.store_id, counted.day, counted.method,
                                  counted.total, counted.state, std::int64_t{counted.first ? 1 : 0}, at);
        if (!inserted) {
            return Fail(std::move(inserted.error()));
        }
        if (auto added = AddToSums(conn, tenant, counted, Contribution::Of(state, counted.total, counted.first));
            !added) {
            return added;
        }
        return state == kCancelled ? Result<void>{} : AddProducts(conn, tenant, order_id, counted, 1);
    }
    const storage::Row& r = **counted_row;
    const Counted before{.store_id = r.Text("store_id"),
                         .day = r.Text("day"),
                         .method = r.Text("payment_method"),
                         .total = r.Int("total_paise"),
                         .state = r.Text("state"),
                         .first = r.Int("first_order") != 0};
    if (before.state == state) {
        return {};
    }
    auto updated = conn.Exec(kUpdateCounted, tenant, order_id, state, at);
    if (!updated) {
        return Fail(std::move(updated.error()));
    }
    const Contribution delta = Contribution::Of(state, before.total, before.first)
                                   .Minus(Contribution::Of(before.state, before.total, before.first));
    if (auto added = AddToSums(conn, tenant, before, delta); !added) {
        return added;
    }
    if (state == kCancelled) {
        return AddProducts(conn, tenant, order_id, before, -1);
    }
    if (before.state == kCancelled) {
        return AddProducts(conn, tenant, order_id, before, 1);
    }
    return {};
}

/// Counts a REFUND_PROCESSED into its store's day. A payload without a store or a whole positive
/// amount is left out (retrying could never count it).
Result<void> CountRefund(storage::Conn& conn, const events::Event& event) {
    const std::string store = event.payload.value("store_id", "");
    const auto amount = event.payload.find("amount_paise");
    if (store.empty() || amount == event.payload.end() || !amount->is_number_integer() ||
        amount->get<std::int64_t>() <= 0) {
        return {};
    }
    const auto at_json = event.payload.find("at");
    const std::int64_t at = at_json != event.payload.end() && at_json->is_number_integer()
                                ? at_json->get<std::int64_t>()
                                : UnixMillis(event.created_at);
    return AddOrMake(conn, kAddRefund, kNewRefund, event.tenant_id, store, IndiaDayOf(FromUnixMillis(at)),
                     amount->get<std::int64_t>());
}

}  // namespace

events::Consumer DashboardConsumer() {
    return events::Consumer{
        .name = "dashboard",
        .types = {std::string(events::type::kOrderPlaced), std::string(events::type::kOrderConfirmed),
                  std::string(events::type::kOrderDelivered), std::string(events::type::kOrderCancelled),
                  "PAYMENT_CAPTURED", std::string(kRefundProcessed)},
        .apply = [](storage::Conn& conn, const events::Event& event) -> Result<void> {
            if (event.type == kRefundProcessed) {
                return CountRefund(conn, event);
            }
            return Sync(conn, event);
        },
        .deliver = {},
    };
}

}  // namespace webdpro::analytics
