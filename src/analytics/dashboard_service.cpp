#include "analytics/dashboard_service.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>

#include "catalog/csv.hpp"
#include "delivery/delivery_service.hpp"
#include "storage/db.hpp"

namespace webdpro::analytics {
namespace {

constexpr int kTopProducts = 5;
constexpr int kLowStockItems = 10;
// Spreadsheets read a file that starts with it as UTF-8 (names in Hindi).
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// A store filter of '' means every store of the tenant.
constexpr std::string_view kStoreOfTenant = "SELECT 1 AS found FROM stores WHERE tenant_id = $1 AND store_id = $2";

constexpr std::string_view kDays = R"(
SELECT day, sum(orders) AS orders, sum(paid_orders) AS paid_orders, sum(revenue_paise) AS revenue_paise,
       sum(pending_orders) AS pending_orders, sum(pending_paise) AS pending_paise,
       sum(cancelled_orders) AS cancelled_orders, sum(new_orders) AS new_orders, sum(repeat_orders) AS repeat_orders,
       sum(refunds) AS refunds, sum(refunded_paise) AS refunded_paise
FROM analytics_daily
WHERE tenant_id = $1 AND day >= $2 AND day <= $3 AND ($4 = '' OR store_id = $4)
GROUP BY day
)";

constexpr std::string_view kMethods = R"(
SELECT payment_method, sum(orders) AS orders, sum(paid_paise) AS paid_paise FROM analytics_daily_methods
WHERE tenant_id = $1 AND day >= $2 AND day <= $3 AND ($4 = '' OR store_id = $4)
GROUP BY payment_method
)";

constexpr std::string_view kTopProductsSql = R"(
SELECT product_id, max(name) AS name, sum(units) AS units, sum(sales_paise) AS sales_paise
FROM analytics_daily_products
WHERE tenant_id = $1 AND day >= $2 AND day <= $3 AND ($4 = '' OR store_id = $4)
GROUP BY product_id
HAVING sum(units) > 0
ORDER BY 3 DESC, 4 DESC, 1
LIMIT $5
)";

constexpr std::string_view kCodToCollect = R"(
SELECT count(*) AS orders, coalesce(sum(total_paise), 0) AS total_paise FROM analytics_orders
WHERE tenant_id = $1 AND state = 'PENDING' AND payment_method = 'COD' AND ($2 = '' OR store_id = $2)
)";

constexpr std::string_view kLowStock = R"(
SELECT product_id, store_id, name, stock_quantity, low_stock_threshold FROM products
WHERE tenant_id = $1 AND active = 1 AND stock_quantity <= low_stock_threshold AND ($2 = '' OR store_id = $2)
ORDER BY stock_quantity, name, product_id
LIMIT $3
)";

// The export reads the orders themselves: it is asked for now and then, not on every page view.
constexpr std::string_view kOrdersInRange = R"(
SELECT o.order_id, o.created_at, s.slug, o.status, o.payment_method, o.payment_status, o.customer_name,
       (SELECT count(*) FROM order_items i WHERE i.tenant_id = o.tenant_id AND i.order_id = o.order_id)
       AS items, o.subtotal_paise, o.delivery_fee_paise, o.discount_paise, o.tax_paise, o.total_paise
FROM orders o JOIN stores s ON s.tenant_id = o.tenant_id AND s.store_id = o.store_id
WHERE o.tenant_id = $1 AND o.created_at >= $2 AND o.created_at < $3 AND ($4 = '' OR o.store_id = $4)
ORDER BY o.created_at, o.order_id
LIMIT $5
)";

constexpr std::array<std::string_view, 3> kMethodOrder = {"UPI", "RAZORPAY", "COD"};

/// "YYYY-MM-DD HH:MM" in India time.
std::string IndiaMinute(std::int64_t unix_ms) {
    const auto local = std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(unix_ms)) +
                       std::chrono::minutes(330);
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::hh_mm_ss time(std::chrono::floor<std::chrono::minutes>(local - day));
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()));
    return IndiaDayOf(FromUnixMillis(unix_ms)) + " " + text;
}

Result<void> CheckStore(storage::Conn& conn, const TenantId& tenant, const std::string& store) {
    if (store.empty()) {
        return {};
    }
    auto found = conn.QueryOne(kStoreOfTenant, tenant, store);
    if (!found) {
        return Fail(std::move(found.error()));
    }
    if (!*found) {
        return Fail(ApiError::NotFound("Store"));
    }
    return {};
}

DayFigures DayOf(const storage::Row& r) {
    return DayFigures{.day = r.Text("day"),
                      .orders = r.Int("orders"),
                      .paid_orders = r.Int("paid_orders"),
                      .revenue = Paise(r.Int("revenue_paise")),
                      .pending_orders = r.Int("pending_orders"),
                      .pending = Paise(r.Int("pending_paise")),
                      .cancelled_orders = r.Int("cancelled_orders"),
                      .new_orders = r.Int("new_orders"),
                      .repeat_orders = r.Int("repeat_orders"),
                      .refunds = r.Int("refunds"),
                      .refunded = Paise(r.Int("refunded_paise"))};
}

/// Every day of the range, from the sums (a day without orders is zero).
Result<std::vector<DayFigures>> ReadDays(storage::Conn& conn, const TenantId& tenant, const DayRange& range,
                                         const std::string& store) {
    auto rows = conn.Query(kDays, tenant, range.from, range.to, store);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::map<std::string, DayFigures, std::less<>> by_day;
    for (const auto& row : *rows) {
        by_day.emplace(row.Text("day"), DayOf(row));
    }
    std::vector<DayFigures> days;
    days.reserve(range.days.size());
    for (const auto& day : range.days) {
        auto it = by_day.find(day);
        if (it != by_day.end()) {
            days.push_back(it->second);
        } else {
            DayFigures empty;
            empty.day = day;
            days.push_back(std::move(empty));
        }
    }
    return days;
}

DayFigures Sum(const std::vector<DayFigures>& days) {
    DayFigures t;
    for (const auto& d : days) {
        t.orders += d.orders;
        t.paid_orders += d.paid_orders;
        t.revenue.value += d.revenue.value;
        t.pending_orders += d.pending_orders;
        t.pending.value += d.pending.value;
        t.cancelled_orders += d.cancelled_orders;
        t.new_orders += d.new_orders;
        t.repeat_orders += d.repeat_orders;
        t.refunds += d.refunds;
        t.refunded.value += d.refunded.value;
    }
    return t;
}

Paise AverageOf(Paise revenue, std::int64_t orders) {
    // Rounded half up to the paisa.
    return orders > 0 ? MulDiv(revenue, 1, orders).value_or(Paise(0)) : Paise(0);
}

Result<void> ReadBreakdowns(storage::Conn& conn, const TenantId& tenant, const std::string& store, Dashboard& out) {
    const DayRange& range = out.range;
    auto methods = conn.Query(kMethods, tenant, range.from, range.to, store);
    if (!methods) {
        return Fail(std::move(methods.error()));
    }
    for (const auto name : kMethodOrder) {
        MethodFigures m;
        m.method = std::string(name);
        for (const auto& row : *methods) {
            if (row.Text("payment_method") == name) {
                m.orders = row.Int("orders");
                m.paid = Paise(row.Int("paid_paise"));
            }
        }
        out.methods.push_back(std::move(m));
    }
    auto top = conn.Query(kTopProductsSql, tenant, range.from, range.to, store, std::int64_t{kTopProducts});
    if (!top) {
        return Fail(std::move(top.error()));
    }
    for (const auto& row : *top) {
        out.top_products.push_back(ProductFigures{.product_id = row.Text("product_id"),
                                                  .name = row.Text("name"),
                                                  .units = row.Int("units"),
                                                  .sales = Paise(row.Int("sales_paise"))});
    }
    auto cod = conn.QueryOne(kCodToCollect, tenant, store);
    if (!cod) {
        return Fail(std::move(cod.error()));
    }
    if (*cod) {
        out.cod.to_collect_orders = (*cod)->Int("orders");
        out.cod.to_collect = Paise((*cod)->Int("total_paise"));
    }
    auto low = conn.Query(kLowStock, tenant, store, std::int64_t{kLowStockItems});
    if (!low) {
        return Fail(std::move(low.error()));
    }
    for (const auto& row : *low) {
        out.low_stock.push_back(LowStockItem{.product_id = row.Text("product_id"),
                                             .store_id = row.Text("store_id"),
                                             .name = row.Text("name"),
                                             .stock = row.Int("stock_quantity"),
                                             .threshold = row.Int("low_stock_threshold")});
    }
    return {};
}

std::string FileRange(const DayRange& range) {
    return range.from == range.to ? range.from : range.from + "-to-" + range.to;
}

}  // namespace

boost::asio::awaitable<Result<Dashboard>> DashboardService::Figures(TenantId tenant, DayRange range,
                                                                    std::optional<StoreId> store) {
    const std::string store_id = store ? store->str() : std::string();
    std::function<Result<Dashboard>(storage::Conn&)> load = [&](storage::Conn& conn) -> Result<Dashboard> {
        if (auto checked = CheckStore(conn, tenant, store_id); !checked) {
            return Fail(std::move(checked.error()));
        }
        Dashboard out;
        out.range = range;
        if (store) {
            out.store_id = store_id;
        }
        auto days = ReadDays(conn, tenant, range, store_id);
        if (!days) {
            return Fail(std::move(days.error()));
        }
        out.days = std::move(*days);
        out.total = Sum(out.days);
        out.average_paid_order = AverageOf(out.total.revenue, out.total.paid_orders);
        if (auto read = ReadBreakdowns(conn, tenant, store_id, out); !read) {
            return Fail(std::move(read.error()));
        }
        return out;
    };
    // A day is a handful of rows; a longer range is a heavy read, which may wait for a slot.
    Result<Dashboard> figures;
    if (range.from == range.to) {
        figures = co_await db_.Read(load);
    } else {
        figures = co_await db_.ReadHeavy(load);
    }
    if (!figures) {
        co_return figures;
    }
    // Cash riders hold is the delivery ledger's figure (riders serve every store of the business).
    auto ledger = co_await deliveries_.CashLedger(tenant);
    if (!ledger) {
        co_return Fail(std::move(ledger.error()));
    }
    for (const auto& line : *ledger) {
        figures->cod.with_riders.value += line.in_hand.value;
    }
    co_return figures;
}

boost::asio::awaitable<Result<CsvFile>> DashboardService::OrdersCsv(TenantId tenant, DayRange range,
                                                                    std::optional<StoreId> store) {
    const std::string store_id = store ? store->str() : std::string();
    const std::int64_t from = IndiaDayStartMillis(range.from);
    const std::int64_t until = IndiaDayStartMillis(range.to) + std::int64_t{24 * 60 * 60 * 1000};
    co_return co_await db_.ReadHeavy([&](storage::Conn& conn) -> Result<CsvFile> {
        if (auto checked = CheckStore(conn, tenant, store_id); !checked) {
            return Fail(std::move(checked.error()));
        }
        auto rows = conn.Query(kOrdersInRange, tenant, from, until, store_id, kMaxExportOrders + 1);
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        if (static_cast<std::int64_t>(rows->size()) > kMaxExportOrders) {
            return Fail(ApiError::Invalid(
                "range", "More than " + std::to_string(kMaxExportOrders) + " orders: download a shorter range."));
        }
        std::string text(kByteOrderMark);
        const std::vector<std::string> header = {"order_id",       "placed_at_ist",  "store",        "status",
                                                 "payment_method", "payment_status", "customer",     "items",
                                                 "subtotal_inr",   "delivery_inr",   "discount_inr", "gst_included_inr",
                                                 "total_inr"};
        catalog::csv::AppendRecord(text, header);
        for (const auto& r : *rows) {
            const std::vector<std::string> cells = {r.Text("order_id"),
                                                    IndiaMinute(r.Int("created_at")),
                                                    catalog::csv::GuardFormula(r.Text("slug")),
                                                    r.Text("status"),
                                                    r.Text("payment_method"),
                                                    r.Text("payment_status"),
                                                    catalog::csv::GuardFormula(r.Text("customer_name")),
                                                    std::to_string(r.Int("items")),
                                                    RupeesText(r.Int("subtotal_paise")),
                                                    RupeesText(r.Int("delivery_fee_paise")),
                                                    RupeesText(r.Int("discount_paise")),
                                                    RupeesText(r.Int("tax_paise")),
                                                    RupeesText(r.Int("total_paise"))};
            catalog::csv::AppendRecord(text, cells);
        }
        return CsvFile{.name = "orders-" + FileRange(range) + ".csv", .text = std::move(text)};
    });
}

boost::asio::awaitable<Result<CsvFile>> DashboardService::SalesCsv(TenantId tenant, DayRange range,
                                                                   std::optional<StoreId> store) {
    const std::string store_id = store ? store->str() : std::string();
    co_return co_await db_.ReadHeavy([&](storage::Conn& conn) -> Result<CsvFile> {
        if (auto checked = CheckStore(conn, tenant, store_id); !checked) {
            return Fail(std::move(checked.error()));
        }
        auto days = ReadDays(conn, tenant, range, store_id);
        if (!days) {
            return Fail(std::move(days.error()));
        }
        std::string text(kByteOrderMark);
        const std::vector<std::string> header = {
            "day",         "orders",           "paid_orders",           "revenue_inr", "pending_orders",
            "pending_inr", "cancelled_orders", "average_paid_order_inr"};
        catalog::csv::AppendRecord(text, header);
        for (const auto& d : *days) {
            const std::vector<std::string> cells = {d.day,
                                                    std::to_string(d.orders),
                                                    std::to_string(d.paid_orders),
                                                    RupeesText(d.revenue.value),
                                                    std::to_string(d.pending_orders),
                                                    RupeesText(d.pending.value),
                                                    std::to_string(d.cancelled_orders),
                                                    RupeesText(AverageOf(d.revenue, d.paid_orders).value)};
            catalog::csv::AppendRecord(text, cells);
        }
        return CsvFile{.name = "sales-" + FileRange(range) + ".csv", .text = std::move(text)};
    });
}

}  // namespace webdpro::analytics
