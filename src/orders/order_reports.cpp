#include "orders/order_reports.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "orders/order_consumers.hpp"
#include "storage/db.hpp"

namespace webdpro::orders {
namespace {

constexpr int kMaxSalesDays = 90;

constexpr std::string_view kStoreInfo = R"(
SELECT CASE WHEN s.business_name <> '' THEN s.business_name ELSE t.business_name END, s.slug, s.language,
       t.gstin IS NOT NULL AND t.gstin <> ''
FROM stores s JOIN tenants t ON t.tenant_id = s.tenant_id
WHERE s.tenant_id = $1 AND s.store_id = $2
)";

constexpr std::string_view kSalesByDay = R"(
SELECT day, sum(orders), sum(revenue_paise) FROM daily_sales
WHERE tenant_id = $1 AND day >= $2 AND day <= $3
GROUP BY day
)";

constexpr std::string_view kOpenOrders = R"(
SELECT status, count(*) FROM orders
WHERE tenant_id = $1 AND status IN ('PENDING_PAYMENT', 'CONFIRMED', 'PACKED', 'OUT_FOR_DELIVERY')
GROUP BY status
)";

constexpr std::string_view kStoresToday = R"(
SELECT s.store_id, CASE WHEN s.business_name <> '' THEN s.business_name ELSE s.slug END,
       coalesce(d.orders, 0), coalesce(d.revenue_paise, 0)
FROM stores s
LEFT JOIN daily_sales d ON d.tenant_id = s.tenant_id AND d.store_id = s.store_id AND d.day = $2
WHERE s.tenant_id = $1
ORDER BY 4 DESC, 2, 1
)";

constexpr std::string_view kUserPhone = "SELECT phone FROM users WHERE user_id = $1";

// Either index (orders_by_customer_phone, orders_by_customer_user) answers one side of the OR;
// SQLite unions them, so this is two index range scans, never a scan of every tenant's orders.
constexpr std::string_view kMyOrders = R"(
SELECT o.tenant_id, o.order_id, o.store_id, o.status, o.payment_method, o.payment_status, o.customer_name,
       o.delivery_address, o.subtotal_paise, o.delivery_fee_paise, o.discount_paise, o.tax_paise, o.total_paise,
       o.reservation_expires_at, coalesce(o.cancel_reason, ''), o.created_at, o.updated_at,
       coalesce(o.customer_gstin, ''),
       CASE WHEN s.business_name <> '' THEN s.business_name ELSE s.slug END, s.slug,
       (SELECT count(*) FROM order_items i WHERE i.tenant_id = o.tenant_id AND i.order_id = o.order_id)
FROM orders o JOIN stores s ON s.tenant_id = o.tenant_id AND s.store_id = o.store_id
WHERE (o.customer_phone_hash = $1 OR o.customer_user_id = $2)
  AND ($3 = 0 OR o.created_at < $3 OR (o.created_at = $3 AND o.order_id < $4))
ORDER BY o.created_at DESC, o.order_id DESC LIMIT $5
)";

/// "<created_at ms>:<order id>" → its parts; nullopt when malformed.
std::optional<std::pair<std::int64_t, std::string>> ParseCursor(const std::string& cursor) {
    const auto colon = cursor.find(':');
    if (colon == std::string::npos || colon == 0) {
        return std::nullopt;
    }
    try {
        std::size_t used = 0;
        const std::int64_t ms = std::stoll(cursor.substr(0, colon), &used);
        if (used != colon || ms <= 0 || !OrderId::Parse(cursor.substr(colon + 1))) {
            return std::nullopt;
        }
        return std::make_pair(ms, cursor.substr(colon + 1));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace

std::string TrackingPath(std::string_view slug, const OrderId& order, std::string_view token) {
    return "/s/" + std::string(slug) + "/order.html?id=" + order.str() + "&t=" + std::string(token);
}

boost::asio::awaitable<Result<OrderStoreInfo>> OrderReports::StoreInfo(TenantId tenant, StoreId store) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<OrderStoreInfo> {
        auto row = conn.QueryOne(kStoreInfo, tenant, store);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        if (!*row) {
            return Fail(ApiError::NotFound("Store"));
        }
        const storage::Row& r = **row;
        return OrderStoreInfo{r.Text(0), r.Text(1), r.Text(2), r.Int(3) != 0};
    });
}

boost::asio::awaitable<Result<SalesSummary>> OrderReports::Sales(TenantId tenant, int days, TimePoint now) {
    if (days < 1 || days > kMaxSalesDays) {
        co_return Fail(ApiError::Invalid("days", "Ask for 1 to 90 days."));
    }
    constexpr auto kDay = std::chrono::hours(24);
    // India days counted back from today; the first day of the window or yesterday, whichever is earlier.
    std::vector<std::string> window;
    for (int back = days - 1; back >= 0; --back) {
        window.push_back(IndiaDay(now - back * kDay));
    }
    const std::string today = window.back();
    const std::string yesterday = IndiaDay(now - kDay);
    const std::string first = std::min(window.front(), yesterday);
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<SalesSummary> {
        auto rows = conn.Query(kSalesByDay, tenant, first, today);
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        std::map<std::string, DaySales> by_day;
        for (const auto& row : *rows) {
            by_day[row.Text(0)] = DaySales{row.Text(0), row.Int(1), Paise(row.Int(2))};
        }
        auto day_of = [&by_day](const std::string& day) {
            auto it = by_day.find(day);
            return it == by_day.end() ? DaySales{day, 0, Paise(0)} : it->second;
        };
        SalesSummary summary;
        summary.today = day_of(today);
        summary.yesterday = day_of(yesterday);
        for (const auto& day : window) {
            summary.days.push_back(day_of(day));
        }
        for (const char* status : {"PENDING_PAYMENT", "CONFIRMED", "PACKED", "OUT_FOR_DELIVERY"}) {
            summary.open_orders[status] = 0;
        }
        auto open = conn.Query(kOpenOrders, tenant);
        if (!open) {
            return Fail(std::move(open.error()));
        }
        for (const auto& row : *open) {
            summary.open_orders[row.Text(0)] = row.Int(1);
        }
        auto stores = conn.Query(kStoresToday, tenant, today);
        if (!stores) {
            return Fail(std::move(stores.error()));
        }
        for (const auto& row : *stores) {
            summary.stores.push_back(StoreSales{StoreId(row.Text(0)), row.Text(1), row.Int(2), Paise(row.Int(3))});
        }
        return summary;
    });
}

boost::asio::awaitable<Result<CustomerOrderPage>> OrderReports::MyOrders(UserId user, std::string cursor) {
    std::int64_t cursor_ms = 0;
    std::string cursor_id;
    if (!cursor.empty()) {
        auto parsed = ParseCursor(cursor);
        if (!parsed) {
            co_return Fail(ApiError::Invalid("cursor", "This cursor is not valid; start from the first page."));
        }
        std::tie(cursor_ms, cursor_id) = *parsed;
    }
    auto phone = co_await db_.Read([&](storage::Conn& conn) -> Result<std::string> {
        auto row = conn.QueryOne(kUserPhone, user);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        return *row ? (*row)->Text(0) : std::string();
    });
    if (!phone) {
        co_return Fail(std::move(phone.error()));
    }
    // No phone (a deleted account): match by user id only; the hash of "" matches no order.
    const std::string phone_hash = phone->empty() ? std::string() : vault_.BlindIndex(*phone);
    const int page = page_size_;
    auto rows = co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<storage::Row>> {
        return conn.Query(kMyOrders, phone_hash, user, cursor_ms, cursor_id, static_cast<std::int64_t>(page + 1));
    });
    if (!rows) {
        co_return Fail(std::move(rows.error()));
    }
    CustomerOrderPage result;
    for (std::size_t i = 0; i < rows->size() && i < static_cast<std::size_t>(page); ++i) {
        const storage::Row& r = (*rows)[i];
        CustomerOrder item;
        Order& order = item.order;
        order.tenant_id = TenantId(r.Text(0));
        order.id = OrderId(r.Text(1));
        order.store_id = StoreId(r.Text(2));
        order.status = ParseStatus(r.Text(3)).value_or(OrderStatus::kPendingPayment);
        order.payment_method = ParsePaymentMethod(r.Text(4)).value_or(PaymentMethod::kCod);
        order.payment_status = r.Text(5);
        order.customer_name = r.Text(6);
        const auto address = nlohmann::json::parse(r.Text(7), nullptr, false);
        if (address.is_object()) {
            order.address = address.value("address", "");
            order.pincode = address.value("pincode", "");
        }
        order.totals = Totals{.subtotal = Paise(r.Int(8)),
                              .delivery_fee = Paise(r.Int(9)),
                              .discount = Paise(r.Int(10)),
                              .tax = Paise(r.Int(11)),
                              .total = Paise(r.Int(12))};
        if (auto expires = r.OptInt(13)) {
            order.reservation_expires_at = FromUnixMillis(*expires);
        }
        order.cancel_reason = r.Text(14);
        order.created_at = FromUnixMillis(r.Int(15));
        order.updated_at = FromUnixMillis(r.Int(16));
        order.customer_gstin = r.Text(17);
        item.store_name = r.Text(18);
        item.store_slug = r.Text(19);
        item.item_count = r.Int(20);
        item.tracking_url = TrackingPath(item.store_slug, order.id, orders_.TrackingToken(order.tenant_id, order.id));
        result.orders.push_back(std::move(item));
    }
    if (rows->size() > static_cast<std::size_t>(page)) {
        const Order& last = result.orders.back().order;
        result.next_cursor = std::to_string(UnixMillis(last.created_at)) + ":" + last.id.str();
    }
    co_return result;
}

}  // namespace webdpro::orders
