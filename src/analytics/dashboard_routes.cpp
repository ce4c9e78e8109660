#include "analytics/dashboard_routes.hpp"

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "http/route_input.hpp"

namespace webdpro::analytics {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

/// What every dashboard route reads from its query: the days and an optional store.
struct Ask {
    DayRange range;
    std::optional<StoreId> store;
};

Result<Ask> AskOf(const http::Request& request) {
    auto param = [&request](std::string_view name) { return request.QueryParam(name).value_or(""); };
    auto range = ParseDayRange(param("range"), param("from"), param("to"), NowUtc());
    if (!range) {
        return Fail(std::move(range.error()));
    }
    Ask ask{.range = std::move(*range), .store = std::nullopt};
    if (const std::string store = param("store_id"); !store.empty()) {
        ask.store = StoreId::Parse(store);
        if (!ask.store) {
            return Fail(ApiError::NotFound("Store"));
        }
    }
    return ask;
}

nlohmann::json DayJson(const DayFigures& d) {
    nlohmann::json json = {{"orders", d.orders},
                           {"paid_orders", d.paid_orders},
                           {"revenue_paise", d.revenue.value},
                           {"pending_orders", d.pending_orders},
                           {"pending_paise", d.pending.value},
                           {"cancelled_orders", d.cancelled_orders},
                           {"refunds", d.refunds},
                           {"refunded_paise", d.refunded.value}};
    if (!d.day.empty()) {
        json["day"] = d.day;
    }
    return json;
}

nlohmann::json DashboardJson(const Dashboard& d) {
    nlohmann::json days = nlohmann::json::array();
    for (const auto& day : d.days) {
        days.push_back(DayJson(day));
    }
    nlohmann::json methods = nlohmann::json::array();
    for (const auto& m : d.methods) {
        methods.push_back({{"method", m.method}, {"orders", m.orders}, {"paid_paise", m.paid.value}});
    }
    nlohmann::json top = nlohmann::json::array();
    for (const auto& p : d.top_products) {
        top.push_back(
            {{"product_id", p.product_id}, {"name", p.name}, {"units", p.units}, {"sales_paise", p.sales.value}});
    }
    nlohmann::json low = nlohmann::json::array();
    for (const auto& item : d.low_stock) {
        low.push_back({{"product_id", item.product_id},
                       {"store_id", item.store_id},
                       {"name", item.name},
                       {"stock", item.stock},
                       {"threshold", item.threshold}});
    }
    nlohmann::json totals = DayJson(d.total);
    totals["average_paid_order_paise"] = d.average_paid_order.value;
    return {{"range", {{"from", d.range.from}, {"to", d.range.to}, {"days", d.range.days.size()}}},
            {"store_id", d.store_id ? nlohmann::json(*d.store_id) : nlohmann::json(nullptr)},
            {"totals", std::move(totals)},
            {"customers", {{"new_orders", d.total.new_orders}, {"repeat_orders", d.total.repeat_orders}}},
            {"days", std::move(days)},
            {"payment_methods", std::move(methods)},
            {"top_products", std::move(top)},
            {"cod",
             {{"to_collect_orders", d.cod.to_collect_orders},
              {"to_collect_paise", d.cod.to_collect.value},
              {"with_riders_paise", d.cod.with_riders.value}}},
            {"low_stock", std::move(low)}};
}

http::Response CsvResponse(CsvFile file) {
    http::Response response = http::Response::Text(200, std::move(file.text), "text/csv; charset=utf-8");
    response.headers.Set("Content-Disposition", "attachment; filename=\"" + file.name + "\"");
    return response;
}

}  // namespace

void RegisterDashboardRoutes(http::Router& router, DashboardService& service) {
    const http::RouteOptions owner{.permission = "orders.manage"};
    router.Get(
        "/api/tenant/dashboard",
        [&service](http::Request& request) -> Awaitable {
            auto ask = AskOf(request);
            if (!ask) {
                co_return http::Response::Error(std::move(ask.error()));
            }
            auto figures = co_await service.Figures(http::TenantOf(request), std::move(ask->range), ask->store);
            if (!figures) {
                co_return http::Response::Error(std::move(figures.error()));
            }
            co_return http::Response::Json(200, DashboardJson(*figures));
        },
        owner);
    router.Get(
        "/api/tenant/dashboard/orders.csv",
        [&service](http::Request& request) -> Awaitable {
            auto ask = AskOf(request);
            if (!ask) {
                co_return http::Response::Error(std::move(ask.error()));
            }
            auto file = co_await service.OrdersCsv(http::TenantOf(request), std::move(ask->range), ask->store);
            if (!file) {
                co_return http::Response::Error(std::move(file.error()));
            }
            co_return CsvResponse(std::move(*file));
        },
        owner);
    router.Get(
        "/api/tenant/dashboard/sales.csv",
        [&service](http::Request& request) -> Awaitable {
            auto ask = AskOf(request);
            if (!ask) {
                co_return http::Response::Error(std::move(ask.error()));
            }
            auto file = co_await service.SalesCsv(http::TenantOf(request), std::move(ask->range), ask->store);
            if (!file) {
                co_return http::Response::Error(std::move(file.error()));
            }
            co_return CsvResponse(std::move(*file));
        },
        owner);
}

}  // namespace webdpro::analytics
