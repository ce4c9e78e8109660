#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "analytics/day_range.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"

namespace webdpro::storage {
class Db;
}
namespace webdpro::delivery {
class DeliveryService;
}

namespace webdpro::analytics {

/// One India day of the dashboard. orders = paid_orders + pending_orders (cancelled ones apart).
struct DayFigures {
    std::string day;
    std::int64_t orders = 0;
    std::int64_t paid_orders = 0;
    Paise revenue;  ///< paid online, or cash collected at the door
    std::int64_t pending_orders = 0;
    Paise pending;  ///< placed, not paid or collected yet
    std::int64_t cancelled_orders = 0;
    std::int64_t new_orders = 0;     ///< the customer's first order with the business
    std::int64_t repeat_orders = 0;  ///< from a customer who had ordered before
    /// Refunds processed that India day (by when they were processed), apart from revenue: a
    /// cancelled order has already left the revenue, so they are not taken off it again.
    std::int64_t refunds = 0;
    Paise refunded;
};

struct MethodFigures {
    std::string method;  ///< "UPI" | "RAZORPAY" | "COD"
    std::int64_t orders = 0;
    Paise paid;
};

struct ProductFigures {
    std::string product_id;
    std::string name;
    std::int64_t units = 0;
    Paise sales;  ///< line totals
};

struct LowStockItem {
    std::string product_id;
    std::string store_id;
    std::string name;
    std::int64_t stock = 0;
    std::int64_t threshold = 0;
};

/// Cash on delivery not in the owner's hands yet.
struct CodFigures {
    std::int64_t to_collect_orders = 0;  ///< open cash orders, not collected yet (any day)
    Paise to_collect;
    Paise with_riders;  ///< collected by riders and not handed in (the whole business)
};

/// The owner's dashboard for a range of India days (by the day each order was placed).
struct Dashboard {
    DayRange range;
    std::optional<std::string> store_id;
    DayFigures total;  ///< the whole range (day is "")
    Paise average_paid_order;
    std::vector<DayFigures> days;  ///< every day of the range, oldest first
    std::vector<MethodFigures> methods;
    std::vector<ProductFigures> top_products;  ///< by units, at most five
    CodFigures cod;
    std::vector<LowStockItem> low_stock;  ///< at or below the product's threshold, emptiest first, at most ten
};

/// A CSV file to download.
struct CsvFile {
    std::string name;
    std::string text;
};

/// The owner's figures: the dashboard from the sums the dashboard consumer keeps (a page view
/// never reads the orders), and CSV exports of the orders and the daily sales of a range. Every
/// call takes the tenant of the principal; a store of another tenant is kNotFound("Store").
/// Thread-safe; `db` and `deliveries` must outlive it.
class DashboardService final {
public:
    /// The most orders one export holds.
    static constexpr std::int64_t kMaxExportOrders = 100'000;

    DashboardService(storage::Db& db, delivery::DeliveryService& deliveries) : db_(db), deliveries_(deliveries) {}

    boost::asio::awaitable<Result<Dashboard>> Figures(TenantId tenant, DayRange range, std::optional<StoreId> store);

    /// One line per order placed in the range, oldest first: money in rupees with two decimals,
    /// text cells guarded against spreadsheet formulas. kInvalidArgument "range" above
    /// kMaxExportOrders orders.
    boost::asio::awaitable<Result<CsvFile>> OrdersCsv(TenantId tenant, DayRange range, std::optional<StoreId> store);

    /// One line per day of the range, from the dashboard's sums.
    boost::asio::awaitable<Result<CsvFile>> SalesCsv(TenantId tenant, DayRange range, std::optional<StoreId> store);

private:
    storage::Db& db_;
    delivery::DeliveryService& deliveries_;
};

}  // namespace webdpro::analytics
