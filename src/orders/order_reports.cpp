#include "orders/order_reports.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "orders/invoice.hpp"
#include "orders/order_consumers.hpp"
#include "orders/order_links.hpp"
#include "orders/order_repository.hpp"
#include "storage/db.hpp"

namespace webdpro::orders {
namespace {

constexpr int kMaxSalesDays = 90;

constexpr std::string_view kStoreInfo = R"(
SELECT CASE WHEN s.business_name <> '' THEN s.business_name ELSE t.business_name END AS name, s.slug, s.language,
       t.gstin IS NOT NULL AND t.gstin <> '' AS has_gstin,
       EXISTS (SELECT 1 FROM invoices i WHERE i.tenant_id = s.tenant_id AND i.order_id = $3) AS invoiced
FROM stores s JOIN tenants t ON t.tenant_id = s.tenant_id
WHERE s.tenant_id = $1 AND s.store_id = $2
)";

constexpr std::string_view kSalesByDay = R"(
SELECT day, sum(orders) AS orders, sum(revenue_paise) AS revenue_paise FROM daily_sales
WHERE tenant_id = $1 AND day >= $2 AND day <= $3
GROUP BY day
)";

constexpr std::string_view kOpenOrders = R"(
SELECT status, count(*) AS orders FROM orders
WHERE tenant_id = $1 AND status IN ('PENDING_PAYMENT', 'CONFIRMED', 'PACKED', 'OUT_FOR_DELIVERY')
GROUP BY status
)";

constexpr std::string_view kStoresToday = R"(
SELECT s.store_id, CASE WHEN s.business_name <> '' THEN s.business_name ELSE s.slug END AS name,
       coalesce(d.orders, 0) AS orders, coalesce(d.revenue_paise, 0) AS revenue_paise
FROM stores s
LEFT JOIN daily_sales d ON d.tenant_id = s.tenant_id AND d.store_id = s.store_id AND d.day = $2
WHERE s.tenant_id = $1
ORDER BY 4 DESC, 2, 1
)";

constexpr std::string_view kUserPhone = "SELECT phone FROM users WHERE user_id = $1";

}  // namespace

boost::asio::awaitable<Result<OrderStoreInfo>> OrderReports::StoreInfo(const Order& order) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<OrderStoreInfo> {
        auto row = conn.QueryOne(kStoreInfo, order.tenant_id, order.store_id, order.id);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        if (!*row) {
            return Fail(ApiError::NotFound("Store"));
        }
        const storage::Row& r = **row;
        return OrderStoreInfo{r.Text("name"), r.Text("slug"), r.Text("language"),
                              InvoiceObtainable(r.Int("has_gstin") != 0, order.status, r.Int("invoiced") != 0)};
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
            by_day[row.Text("day")] = DaySales{row.Text("day"), row.Int("orders"), Paise(row.Int("revenue_paise"))};
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
            summary.open_orders[row.Text("status")] = row.Int("orders");
        }
        auto stores = conn.Query(kStoresToday, tenant, today);
        if (!stores) {
            return Fail(std::move(stores.error()));
        }
        for (const auto& row : *stores) {
            summary.stores.push_back(StoreSales{StoreId(row.Text("store_id")), row.Text("name"), row.Int("orders"),
                                                Paise(row.Int("revenue_paise"))});
        }
        return summary;
    });
}

boost::asio::awaitable<Result<CustomerOrderPage>> OrderReports::MyOrders(UserId user, std::string cursor) {
    auto after = ParseOrderCursor(cursor);
    if (!after) {
        co_return Fail(std::move(after.error()));
    }
    auto phone = co_await db_.Read([&](storage::Conn& conn) -> Result<std::string> {
        auto row = conn.QueryOne(kUserPhone, user);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        return *row ? (*row)->Text("phone") : std::string();
    });
    if (!phone) {
        co_return Fail(std::move(phone.error()));
    }
    // No phone (a deleted account): match by user id only; the hash of "" matches no order.
    const std::string phone_hash = phone->empty() ? std::string() : vault_.BlindIndex(*phone);
    const int page = page_size_;
    auto rows = co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<CustomerOrderRow>> {
        return ListCustomerOrders(conn, phone_hash, user, *after, page + 1);
    });
    if (!rows) {
        co_return Fail(std::move(rows.error()));
    }
    CustomerOrderPage result;
    for (std::size_t i = 0; i < rows->size() && i < static_cast<std::size_t>(page); ++i) {
        CustomerOrderRow& row = (*rows)[i];
        CustomerOrder item{.order = std::move(row.order),
                           .store_name = std::move(row.store_name),
                           .store_slug = std::move(row.store_slug),
                           .tracking_url = {}};
        const Order& order = item.order;
        item.tracking_url = TrackingPath(item.store_slug, order.id, orders_.TrackingToken(order.tenant_id, order.id));
        result.orders.push_back(std::move(item));
    }
    if (rows->size() > static_cast<std::size_t>(page)) {
        result.next_cursor = NextOrderCursor(result.orders.back().order);
    }
    co_return result;
}

}  // namespace webdpro::orders
