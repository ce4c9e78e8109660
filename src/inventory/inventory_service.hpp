#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/products.hpp"
#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "inventory/forecast.hpp"

namespace webdpro {
class WorkPool;
}
namespace webdpro::storage {
class Db;
class Conn;
}  // namespace webdpro::storage

namespace webdpro::inventory {

/// Where a product stands, most urgent first.
enum class StockStatus : std::uint8_t {
    kOut,          ///< nothing on the shelf
    kLow,          ///< at or below the owner's low-stock threshold
    kRunsOutSoon,  ///< above the threshold, but the forecast empties the shelf within a week
    kOk,
};

/// "OUT", "LOW", "RUNS_OUT_SOON", "OK".
std::string_view StockStatusName(StockStatus status);

/// Tunables of the inventory report. Defaults fit a kirana shop that restocks from a wholesaler.
struct InventoryOptions {
    int horizon_days = 14;  ///< days forecast and shown
    int history_days = 28;  ///< days of sales shown
    /// Days of sales the forecast learns from: 13 weeks. 26 cut the backtest error by 1.6% for
    /// twice the ledger to read (bench/forecast).
    int fit_days = 91;
    double service_z = 1.65;     ///< safety stock for ~95% of periods without a stock-out
    int runs_out_soon_days = 7;  ///< a forecast stock-out within this many days raises RUNS_OUT_SOON
};

/// India's calendar day (UTC+05:30) as days since 1970-01-01, and its first instant.
std::int64_t IndiaDay(TimePoint at);
TimePoint IndiaDayStart(std::int64_t day);
/// "YYYY-MM-DD" of an India day number.
std::string FormatDay(std::int64_t day);

/// The owner's reorder settings of a store (stores.reorder_lead_time_days, reorder_review_days).
struct InventorySettings {
    static constexpr int kMinDays = 1;
    static constexpr int kMaxDays = 60;
    int lead_time_days = 3;  ///< from placing an order with the supplier to goods on the shelf
    int review_days = 7;     ///< until the owner orders again; the reorder covers lead time + this
};

/// An owner's change of the settings: absent members stay as they are.
struct InventorySettingsChange {
    std::optional<int> lead_time_days{};
    std::optional<int> review_days{};
};

/// The store's settings. kNotFound("Store") unless the tenant owns the store.
Result<InventorySettings> LoadInventorySettings(storage::Conn& conn, const TenantId& tenant, const StoreId& store);

/// A product with its net units sold per India day, as read from the inventory ledger.
struct ProductSales {
    catalog::Product product;
    std::int64_t listed_day = 0;  ///< India day the product was created
    std::vector<double> daily;    ///< net units per day, `first_day` .. today, oldest first
    /// Per day of `daily` (empty = none): 1 when the day began with no stock (by the ledger) and
    /// nothing sold, so its zero is a stock-out, not a lack of demand (ForecastDemand's `censored`).
    std::vector<std::uint8_t> censored{};
};

struct StoreSales {
    std::int64_t first_day = 0;  ///< India day of daily[0]
    std::int64_t today = 0;
    InventorySettings settings;
    std::vector<ProductSales> products;
};

/// Reads the store's settings, its products (active or not) and their net units sold per India day
/// over the `days` days ending today (today included), from the catalog's daily sums of the ledger
/// (one row per product and day, not one per ledger entry). An order's units count on the day it
/// was placed, less what its cancellation or release gave back (an order cancelled in full counts
/// nothing). The days' net stock changes mark the stock-out days (ProductSales::censored). kNotFound("Store") unless
/// the tenant owns the store.
Result<StoreSales> LoadStoreSales(storage::Conn& conn, const TenantId& tenant, const StoreId& store, TimePoint now,
                                  int days);

/// One product of the report.
struct ProductInventory {
    catalog::Product product;
    StockStatus status = StockStatus::kOk;
    std::int64_t sold_last_7_days = 0;   ///< today included
    std::int64_t sold_last_28_days = 0;  ///< today included
    std::vector<std::int64_t> history;   ///< history_days values, oldest first, ending today
    Forecast forecast;                   ///< daily has horizon_days values, day 0 = today
    double per_day = 0;                  ///< mean of forecast.daily
    std::optional<double> days_until_stockout;
    std::optional<std::string> stockout_date;  ///< "YYYY-MM-DD", India day
    std::int64_t reorder_quantity = 0;
    int lead_time_days = 0;
    int review_days = 0;
    int stockout_days = 0;  ///< days the forecast learnt from that were stock-outs (left out of it)
};

struct InventoryAlert {
    ProductId product_id;
    std::string name;
    StockStatus kind = StockStatus::kOut;
    std::string message;
};

struct InventoryReport {
    TimePoint generated_at;
    int horizon_days = 0;
    InventorySettings settings;              ///< the store's, which every reorder quantity used
    std::vector<ProductInventory> products;  ///< most urgent first; inactive products last
    std::vector<InventoryAlert> alerts;      ///< one per active product that is not OK, same order
};

/// Forecasts every product of `sales` and ranks them. Pure; tens of microseconds per product
/// (a 500-product store: tens of ms, bench/forecast), so callers run it on a WorkPool.
InventoryReport BuildReport(const StoreSales& sales, TimePoint now, const InventoryOptions& options);

/// The owner's inventory page: stock, sales, forecast, stock-out and reorder per product.
/// Reads through the Db and forecasts on `pool` (never on the I/O thread). Thread-safe; the Db and
/// the pool must outlive it.
class InventoryService final {
public:
    InventoryService(storage::Db& db, WorkPool& pool, InventoryOptions options = {})
        : db_(db), pool_(pool), options_(options) {}

    /// kNotFound("Store") unless the tenant owns the store; kUnavailable when the pool is full.
    boost::asio::awaitable<Result<InventoryReport>> Report(TenantId tenant, StoreId store, TimePoint now);
    /// The store's reorder settings. kNotFound("Store") unless the tenant owns the store.
    boost::asio::awaitable<Result<InventorySettings>> Settings(TenantId tenant, StoreId store);
    /// Changes them: each given value must be a whole number of days from kMinDays to kMaxDays
    /// (kInvalidArgument naming every bad field; nothing changes). kNotFound as Settings.
    boost::asio::awaitable<Result<InventorySettings>> UpdateSettings(TenantId tenant, StoreId store,
                                                                     InventorySettingsChange change);

private:
    storage::Db& db_;
    WorkPool& pool_;
    InventoryOptions options_;
};

}  // namespace webdpro::inventory
