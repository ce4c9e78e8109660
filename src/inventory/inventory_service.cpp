#include "inventory/inventory_service.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <unordered_map>

#include "catalog/products.hpp"
#include "core/not_found_first.hpp"
#include "core/work_pool.hpp"
#include "inventory/detail/sales_sql.hpp"
#include "storage/db.hpp"
#include "stores/store_records.hpp"

namespace webdpro::inventory {
namespace {

constexpr std::int64_t kDayMillis = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kIndiaOffsetMillis = (5 * 60 + 30) * 60 * 1000;

constexpr int kStatusRankInactive = 10;

// The inventory page's read model of its store: the reorder settings (written through the stores
// folder).
constexpr std::string_view kSelectSettings = R"(
SELECT reorder_lead_time_days, reorder_review_days FROM stores WHERE tenant_id = $1 AND store_id = $2
)";

/// Why a number of days is out of range, or nullopt when it is in range.
std::optional<std::string> BadDays(int days) {
    if (days < InventorySettings::kMinDays || days > InventorySettings::kMaxDays) {
        return "must be from " + std::to_string(InventorySettings::kMinDays) + " to " +
               std::to_string(InventorySettings::kMaxDays) + " days";
    }
    return std::nullopt;
}

/// kInvalidArgument naming every bad member of `change`, or nullopt.
std::optional<ApiError> CheckSettingsChange(const InventorySettingsChange& change) {
    ApiError invalid(ErrorCode::kInvalidArgument, "Check the highlighted settings.");
    if (!change.lead_time_days && !change.review_days) {
        invalid.fields.push_back({"lead_time_days", "give lead_time_days, review_days or both"});
    }
    for (const auto& [field, value] :
         {std::pair{"lead_time_days", change.lead_time_days}, std::pair{"review_days", change.review_days}}) {
        if (value) {
            if (auto bad = BadDays(*value)) {
                invalid.fields.push_back({field, *bad});
            }
        }
    }
    if (invalid.fields.empty()) {
        return std::nullopt;
    }
    return invalid;
}

/// Marks the days that began with no stock and sold nothing. The stock a day began with is
/// today's stock less every change from that day on (`changes`: net change per day of the window).
std::vector<std::uint8_t> StockOutDays(const std::vector<double>& sold, const std::vector<std::int64_t>& changes,
                                       std::int64_t stock_now) {
    std::vector<std::uint8_t> censored(sold.size(), 0);
    std::int64_t stock_at_start = stock_now;
    for (std::size_t d = sold.size(); d-- > 0;) {
        stock_at_start -= changes[d];
        censored[d] = stock_at_start <= 0 && sold[d] <= 0 ? 1 : 0;
    }
    return censored;
}

int Rank(const ProductInventory& p) {
    return static_cast<int>(p.status) + (p.product.active ? 0 : kStatusRankInactive);
}

/// Most urgent first: active before inactive, then OUT, LOW, RUNS_OUT_SOON, OK, then the sooner
/// stock-out, then the name.
bool MoreUrgent(const ProductInventory& a, const ProductInventory& b) {
    if (Rank(a) != Rank(b)) {
        return Rank(a) < Rank(b);
    }
    const double da = a.days_until_stockout.value_or(std::numeric_limits<double>::infinity());
    const double db = b.days_until_stockout.value_or(std::numeric_limits<double>::infinity());
    if (da != db) {
        return da < db;
    }
    return a.product.name < b.product.name;
}

std::string Units(std::int64_t n, const std::string& unit) {
    return std::to_string(n) + " " + unit;
}

std::string AlertMessage(const ProductInventory& p) {
    const catalog::Product& product = p.product;
    std::string message;
    switch (p.status) {
        case StockStatus::kOut:
            message = product.name + " is out of stock.";
            break;
        case StockStatus::kLow:
            message = "Only " + Units(product.stock, product.unit) + " of " + product.name + " left (alert at " +
                      std::to_string(product.low_stock_threshold) + ").";
            break;
        case StockStatus::kRunsOutSoon: {
            const auto days = static_cast<std::int64_t>(std::floor(*p.days_until_stockout));
            message = product.name + " runs out " +
                      (days < 1 ? std::string("today")
                                : "in about " + std::to_string(days) + (days == 1 ? " day" : " days")) +
                      " at the current rate of sales.";
            break;
        }
        case StockStatus::kOk:
            return "";
    }
    if (p.reorder_quantity > 0) {
        message += " Suggested order: " + Units(p.reorder_quantity, product.unit) + ".";
    }
    return message;
}

ProductInventory Analyse(const ProductSales& sales, std::int64_t first_day, std::int64_t today, double today_left,
                         const InventorySettings& settings, const InventoryOptions& o) {
    ProductInventory out;
    out.product = sales.product;
    out.lead_time_days = settings.lead_time_days;
    out.review_days = settings.review_days;
    const std::vector<double>& daily = sales.daily;
    const std::size_t n = daily.size();

    const std::size_t shown = std::min<std::size_t>(n, static_cast<std::size_t>(o.history_days));
    out.history.assign(static_cast<std::size_t>(o.history_days) - shown, 0);
    for (std::size_t i = n - shown; i < n; ++i) {
        out.history.push_back(std::llround(daily[i]));
    }
    const auto sum_last = [&](std::size_t days) {
        const std::size_t from = n - std::min(days, n);
        return std::llround(std::accumulate(daily.begin() + static_cast<std::ptrdiff_t>(from), daily.end(), 0.0));
    };
    out.sold_last_7_days = sum_last(7);
    out.sold_last_28_days = sum_last(28);

    // Learn from whole days only (today is not over), and only since the product was listed: the
    // days before are not zero demand.
    const std::int64_t from_day = std::max(first_day, sales.listed_day);
    const auto from = static_cast<std::size_t>(std::clamp<std::int64_t>(from_day - first_day, 0, today - first_day));
    const std::size_t fit_length = static_cast<std::size_t>(today - first_day) - from;
    const std::span<const double> fit(daily.data() + from, fit_length);
    std::span<const std::uint8_t> censored;
    if (sales.censored.size() == daily.size()) {
        censored = std::span<const std::uint8_t>(sales.censored.data() + from, fit_length);
        out.stockout_days = static_cast<int>(std::ranges::count(censored, std::uint8_t{1}));
    }
    const auto cover =
        static_cast<std::size_t>(std::max(o.horizon_days, settings.lead_time_days + settings.review_days));
    Forecast forecast = ForecastDemand(fit, cover, censored);

    const std::int64_t stock = sales.product.stock;
    out.reorder_quantity = ReorderQuantity(forecast.daily, forecast.residual_sd, stock, settings.lead_time_days,
                                           settings.review_days, o.service_z);
    // At or below the owner's threshold, order at least back above it, even without a forecast.
    if (stock <= sales.product.low_stock_threshold) {
        out.reorder_quantity = std::max(out.reorder_quantity, sales.product.low_stock_threshold + 1 - stock);
    }
    forecast.daily.resize(static_cast<std::size_t>(o.horizon_days));
    out.per_day = forecast.daily.empty() ? 0
                                         : std::accumulate(forecast.daily.begin(), forecast.daily.end(), 0.0) /
                                               static_cast<double>(forecast.daily.size());
    out.days_until_stockout = DaysUntilStockout(forecast.daily, stock, today_left);
    if (out.days_until_stockout) {
        const double from_midnight = (1 - today_left) + *out.days_until_stockout;
        out.stockout_date = FormatDay(today + static_cast<std::int64_t>(std::floor(from_midnight)));
    }
    out.forecast = std::move(forecast);

    if (stock <= 0) {
        out.status = StockStatus::kOut;
    } else if (stock <= sales.product.low_stock_threshold) {
        out.status = StockStatus::kLow;
    } else if (out.days_until_stockout && *out.days_until_stockout <= o.runs_out_soon_days) {
        out.status = StockStatus::kRunsOutSoon;
    }
    return out;
}

}  // namespace

std::string_view StockStatusName(StockStatus status) {
    switch (status) {
        case StockStatus::kOut:
            return "OUT";
        case StockStatus::kLow:
            return "LOW";
        case StockStatus::kRunsOutSoon:
            return "RUNS_OUT_SOON";
        case StockStatus::kOk:
            return "OK";
    }
    return "OK";
}

std::int64_t IndiaDay(TimePoint at) {
    const std::int64_t ms = UnixMillis(at) + kIndiaOffsetMillis;
    return ms >= 0 ? ms / kDayMillis : (ms - kDayMillis + 1) / kDayMillis;
}

TimePoint IndiaDayStart(std::int64_t day) {
    return FromUnixMillis(day * kDayMillis - kIndiaOffsetMillis);
}

std::string FormatDay(std::int64_t day) {
    const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{day}}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

Result<InventorySettings> LoadInventorySettings(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    auto row = conn.QueryOne(kSelectSettings, tenant, store);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return Fail(ApiError::NotFound("Store"));
    }
    return InventorySettings{.lead_time_days = static_cast<int>((*row)->Int("reorder_lead_time_days")),
                             .review_days = static_cast<int>((*row)->Int("reorder_review_days"))};
}

Result<StoreSales> LoadStoreSales(storage::Conn& conn, const TenantId& tenant, const StoreId& store, TimePoint now,
                                  int days) {
    auto settings = LoadInventorySettings(conn, tenant, store);
    if (!settings) {
        return Fail(std::move(settings.error()));
    }
    StoreSales sales;
    sales.settings = *settings;
    sales.today = IndiaDay(now);
    sales.first_day = sales.today - std::max(days, 1) + 1;
    const auto length = static_cast<std::size_t>(sales.today - sales.first_day + 1);

    auto products = catalog::ListAllProducts(conn, tenant, store);
    if (!products) {
        return Fail(std::move(products.error()));
    }
    std::unordered_map<std::string, std::size_t> index;
    for (catalog::Product& product : *products) {
        index.emplace(product.id.str(), sales.products.size());
        const std::int64_t first_day = IndiaDay(product.created_at);
        sales.products.push_back({std::move(product), first_day, std::vector<double>(length, 0.0)});
    }

    auto rows = conn.Query(detail::kStockDaysSql, tenant, store, sales.first_day);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<std::vector<std::int64_t>> change_by_day(sales.products.size());
    for (const storage::Row& row : *rows) {
        auto it = index.find(row.Text("product_id"));
        const std::int64_t offset = row.Int("day") - sales.first_day;
        if (it == index.end() || offset < 0 || offset >= static_cast<std::int64_t>(length)) {
            continue;  // a day after today: a clock step back
        }
        // Never below zero: a give-back without its order would otherwise cancel another day's sales.
        sales.products[it->second].daily[static_cast<std::size_t>(offset)] =
            static_cast<double>(std::max<std::int64_t>(0, row.Int("sold")));
        auto& product_changes = change_by_day[it->second];
        product_changes.resize(length, 0);
        product_changes[static_cast<std::size_t>(offset)] += row.Int("delta");
    }
    for (std::size_t i = 0; i < sales.products.size(); ++i) {
        ProductSales& product = sales.products[i];
        change_by_day[i].resize(length, 0);
        product.censored = StockOutDays(product.daily, change_by_day[i], product.product.stock);
    }
    return sales;
}

InventoryReport BuildReport(const StoreSales& sales, TimePoint now, const InventoryOptions& options) {
    InventoryReport report;
    report.generated_at = now;
    report.horizon_days = options.horizon_days;
    report.settings = sales.settings;
    const double today_left =
        std::clamp(static_cast<double>(UnixMillis(IndiaDayStart(sales.today + 1)) - UnixMillis(now)) /
                       static_cast<double>(kDayMillis),
                   0.0, 1.0);
    report.products.reserve(sales.products.size());
    for (const ProductSales& product : sales.products) {
        report.products.push_back(Analyse(product, sales.first_day, sales.today, today_left, sales.settings, options));
    }
    std::ranges::sort(report.products, MoreUrgent);
    for (const ProductInventory& p : report.products) {
        if (p.status == StockStatus::kOk || !p.product.active) {
            continue;
        }
        report.alerts.push_back({p.product.id, p.product.name, p.status, AlertMessage(p)});
    }
    return report;
}

boost::asio::awaitable<Result<InventoryReport>> InventoryService::Report(TenantId tenant, StoreId store,
                                                                         TimePoint now) {
    const int fit_days = std::max(options_.fit_days, options_.history_days);
    // A heavy read (every product of the store and its days), which never takes the connections
    // pages need.
    auto sales = co_await db_.ReadHeavy(
        [&](storage::Conn& conn) -> Result<StoreSales> { return LoadStoreSales(conn, tenant, store, now, fit_days); });
    if (!sales) {
        co_return Fail(std::move(sales.error()));
    }
    // By reference: this frame lives until the job is done (and GCC 12 mishandles owning captures
    // of a temporary lambda passed to a coroutine).
    const StoreSales& loaded = *sales;
    co_return co_await pool_.Run(
        [this, &loaded, now]() -> Result<InventoryReport> { return BuildReport(loaded, now, options_); });
}

boost::asio::awaitable<Result<InventorySettings>> InventoryService::Settings(TenantId tenant, StoreId store) {
    co_return co_await db_.Read(
        [&](storage::Conn& conn) -> Result<InventorySettings> { return LoadInventorySettings(conn, tenant, store); });
}

boost::asio::awaitable<Result<InventorySettings>> InventoryService::UpdateSettings(TenantId tenant, StoreId store,
                                                                                   InventorySettingsChange change) {
    if (auto invalid = CheckSettingsChange(change)) {
        co_return co_await NotFoundFirst(Result<InventorySettings>(Fail(std::move(*invalid))),
                                         [&] { return Settings(tenant, store); });
    }
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<InventorySettings> {
        auto settings = LoadInventorySettings(conn, tenant, store);
        if (!settings) {
            return Fail(std::move(settings.error()));
        }
        settings->lead_time_days = change.lead_time_days.value_or(settings->lead_time_days);
        settings->review_days = change.review_days.value_or(settings->review_days);
        if (auto updated = stores::SetReorderDays(conn, tenant, store, settings->lead_time_days, settings->review_days);
            !updated) {
            return Fail(std::move(updated.error()));
        }
        return settings;
    });
}

}  // namespace webdpro::inventory
