#include "inventory/inventory_routes.hpp"

#include <cmath>

#include "core/time.hpp"

namespace webdpro::inventory {
namespace {

/// Forecast figures are shown to two decimals: more is noise.
double Rounded(double value) {
    return std::round(value * 100) / 100;
}

/// The API's method names: short histories and intermittent sellers are both forecast as a flat
/// average rate (the latter with Croston's method), so both read "average".
std::string_view MethodJsonName(ForecastMethod method) {
    return method == ForecastMethod::kIntermittent ? ForecastMethodName(ForecastMethod::kAverage)
                                                   : ForecastMethodName(method);
}

nlohmann::json ForecastJson(const ProductInventory& p) {
    nlohmann::json daily = nlohmann::json::array();
    for (double d : p.forecast.daily) {
        daily.push_back(Rounded(d));
    }
    return {{"method", MethodJsonName(p.forecast.method)},
            {"daily", std::move(daily)},
            {"per_day", Rounded(p.per_day)},
            {"days_until_stockout",
             p.days_until_stockout ? nlohmann::json(Rounded(*p.days_until_stockout)) : nlohmann::json(nullptr)},
            {"stockout_date", p.stockout_date ? nlohmann::json(*p.stockout_date) : nlohmann::json(nullptr)},
            {"reorder_quantity", p.reorder_quantity},
            {"lead_time_days", p.lead_time_days}};
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
            {"products", std::move(products)},
            {"alerts", std::move(alerts)}};
}

void RegisterInventoryRoutes(http::Router& router, InventoryService& inventory) {
    router.Get(
        "/api/stores/{store_id}/inventory",
        [&inventory](http::Request& request) -> boost::asio::awaitable<http::Response> {
            // An unparsable id is as absent as another tenant's.
            auto store = StoreId::Parse(request.Param("store_id"));
            if (!store) {
                co_return http::Response::Error(ApiError::NotFound("Store"));
            }
            auto report = co_await inventory.Report(*request.principal->tenant_id, *store, NowUtc());
            if (!report) {
                co_return http::Response::Error(std::move(report.error()));
            }
            http::Response response = http::Response::Json(200, InventoryJson(*report));
            response.headers.Set("Cache-Control", "no-store");
            co_return response;
        },
        http::RouteOptions{.permission = "stores.manage"});
}

}  // namespace webdpro::inventory
