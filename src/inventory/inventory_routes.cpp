#include "inventory/inventory_routes.hpp"

#include <cmath>

#include "core/time.hpp"
#include "http/route_input.hpp"

namespace webdpro::inventory {
namespace {

/// Forecast figures are shown to two decimals: more is noise.
double Rounded(double value) {
    return std::round(value * 100) / 100;
}

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kSmallBody = 4 * 1024;

using http::TenantOf;

/// The store of /api/stores/{store_id}/...; an unparsable id is as absent as another tenant's.
Result<StoreId> StoreIdOf(const http::Request& request) {
    return http::PathId<StoreId>(request, "store_id", "Store");
}

/// A handler of /api/stores/{store_id}/... that gets the parsed store id. `handler` lives in the
/// router (the coroutine refers to it).
template <class Fn>
http::Handler ForStore(Fn handler) {
    return http::WithPath(&StoreIdOf, std::move(handler));
}

nlohmann::json SettingsJson(const InventorySettings& settings) {
    return {{"lead_time_days", settings.lead_time_days}, {"review_days", settings.review_days}};
}

/// An optional whole number of days in the body; kInvalidArgument for anything else.
Result<std::optional<int>> OptionalDays(const nlohmann::json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end()) {
        return std::optional<int>();
    }
    // Numbers far out of range still read as ints; the service names the range.
    if (!it->is_number_integer() || it->get<std::int64_t>() < -1000 || it->get<std::int64_t>() > 1000) {
        return Fail(ApiError::Invalid(field, "must be a whole number of days"));
    }
    return std::optional<int>(it->get<int>());
}

Result<InventorySettingsChange> SettingsChangeOf(const nlohmann::json& body) {
    auto lead = OptionalDays(body, "lead_time_days");
    if (!lead) {
        return Fail(std::move(lead.error()));
    }
    auto review = OptionalDays(body, "review_days");
    if (!review) {
        return Fail(std::move(review.error()));
    }
    return InventorySettingsChange{.lead_time_days = *lead, .review_days = *review};
}

nlohmann::json ForecastJson(const ProductInventory& p) {
    nlohmann::json daily = nlohmann::json::array();
    for (double d : p.forecast.daily) {
        daily.push_back(Rounded(d));
    }
    return {{"method", ForecastMethodName(p.forecast.method)},
            {"daily", std::move(daily)},
            {"per_day", Rounded(p.per_day)},
            {"days_until_stockout",
             p.days_until_stockout ? nlohmann::json(Rounded(*p.days_until_stockout)) : nlohmann::json(nullptr)},
            {"stockout_date", p.stockout_date ? nlohmann::json(*p.stockout_date) : nlohmann::json(nullptr)},
            {"reorder_quantity", p.reorder_quantity},
            {"lead_time_days", p.lead_time_days},
            {"review_days", p.review_days},
            {"stockout_days", p.stockout_days}};
}

nlohmann::json ProductJson(const ProductInventory& p) {
    const catalog::Product& product = p.product;
    return {{"product_id", product.id.str()},
            {"name", product.name},
            {"unit", product.unit},
            {"category", product.category},
            {"stock", product.stock},
            {"low_stock_threshold", product.low_stock_threshold},
            {"active", product.active},
            {"image", product.image},
            {"status", StockStatusName(p.status)},
            {"sold_last_7_days", p.sold_last_7_days},
            {"sold_last_28_days", p.sold_last_28_days},
            {"history", p.history},
            {"forecast", ForecastJson(p)}};
}

}  // namespace

nlohmann::json InventoryJson(const InventoryReport& report) {
    nlohmann::json products = nlohmann::json::array();
    for (const auto& p : report.products) {
        products.push_back(ProductJson(p));
    }
    nlohmann::json alerts = nlohmann::json::array();
    for (const auto& a : report.alerts) {
        alerts.push_back({{"product_id", a.product_id.str()},
                          {"name", a.name},
                          {"kind", StockStatusName(a.kind)},
                          {"message", a.message}});
    }
    return {{"generated_at", FormatRfc3339(report.generated_at)},
            {"horizon_days", report.horizon_days},
            {"settings", SettingsJson(report.settings)},
            {"products", std::move(products)},
            {"alerts", std::move(alerts)}};
}

void RegisterInventoryRoutes(http::Router& router, InventoryService& inventory) {
    router.Get("/api/stores/{store_id}/inventory",
               ForStore([&inventory](http::Request& request, StoreId store) -> Awaitable {
                   co_return http::JsonOf(co_await inventory.Report(TenantOf(request), store, NowUtc()), InventoryJson);
               }),
               http::RouteOptions{.permission = "stores.manage"});

    router.Get("/api/stores/{store_id}/inventory/settings",
               ForStore([&inventory](http::Request& request, StoreId store) -> Awaitable {
                   co_return http::JsonOf(co_await inventory.Settings(TenantOf(request), store), SettingsJson);
               }),
               http::RouteOptions{.permission = "stores.manage"});

    router.Put("/api/stores/{store_id}/inventory/settings",
               ForStore([&inventory](http::Request& request, StoreId store) -> Awaitable {
                   auto change = co_await NotFoundFirst(http::ReadJsonBody(request, &SettingsChangeOf),
                                                        [&] { return inventory.Settings(TenantOf(request), store); });
                   if (!change) {
                       co_return http::Response::Error(std::move(change.error()));
                   }
                   co_return http::JsonOf(co_await inventory.UpdateSettings(TenantOf(request), store, *change),
                                          SettingsJson);
               }),
               http::RouteOptions{.body_limit = kSmallBody, .permission = "stores.manage"});
}

}  // namespace webdpro::inventory
