#include "orders/invoice_routes.hpp"

#include "http/route_input.hpp"

namespace webdpro::orders {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kGstinBody = 1024;

using http::TenantOf;

/// The printable invoice is per tenant and never cached.
http::Response NoStore(http::Response response) {
    response.headers.Set("Cache-Control", "no-store");
    return response;
}

/// The invoice of the route's order, or the error response to send.
boost::asio::awaitable<Result<Invoice>> RequestedInvoice(InvoiceService& invoices, const http::Request& request) {
    auto id = http::PathId<OrderId>(request, "order_id", "Order");
    if (!id) {
        co_return Fail(std::move(id.error()));
    }
    co_return co_await invoices.ForOrder(TenantOf(request), *id);
}

}  // namespace

void RegisterInvoiceRoutes(http::Router& router, std::shared_ptr<InvoiceService> invoices) {
    router.Get(
        "/api/tenant/gstin",
        [invoices](http::Request& request) -> Awaitable {
            auto gstin = co_await invoices->Gstin(TenantOf(request));
            if (!gstin) {
                co_return http::Response::Error(std::move(gstin.error()));
            }
            co_return http::Response::Json(200,
                                           {{"gstin", *gstin ? nlohmann::json(**gstin) : nlohmann::json(nullptr)}});
        },
        http::RouteOptions{.permission = "orders.manage"});

    router.Put(
        "/api/tenant/gstin",
        [invoices](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            auto gstin = body->find("gstin");
            if (gstin == body->end() || !gstin->is_string()) {
                co_return http::Response::Error(ApiError::Invalid("gstin", "Send the GSTIN as text."));
            }
            auto stored = co_await invoices->SetGstin(TenantOf(request), gstin->get<std::string>());
            if (!stored) {
                co_return http::Response::Error(std::move(stored.error()));
            }
            co_return http::Response::Json(200, {{"gstin", *stored}});
        },
        http::RouteOptions{.body_limit = kGstinBody, .permission = "orders.manage"});

    router.Delete(
        "/api/tenant/gstin",
        [invoices](http::Request& request) -> Awaitable {
            auto removed = co_await invoices->SetGstin(TenantOf(request), std::nullopt);
            if (!removed) {
                co_return http::Response::Error(std::move(removed.error()));
            }
            co_return http::Response::NoContent();
        },
        http::RouteOptions{.permission = "orders.manage"});

    router.Get(
        "/api/orders/{order_id}/invoice",
        [invoices](http::Request& request) -> Awaitable {
            auto invoice = co_await RequestedInvoice(*invoices, request);
            if (!invoice) {
                co_return http::Response::Error(std::move(invoice.error()));
            }
            co_return NoStore(http::Response::Text(200, InvoiceHtml(*invoice), "text/html; charset=utf-8"));
        },
        http::RouteOptions{.permission = "orders.manage"});

    router.Get(
        "/api/orders/{order_id}/invoice.json",
        [invoices](http::Request& request) -> Awaitable {
            auto invoice = co_await RequestedInvoice(*invoices, request);
            if (!invoice) {
                co_return http::Response::Error(std::move(invoice.error()));
            }
            co_return http::Response::Json(200, {{"invoice", InvoiceJson(*invoice)}});
        },
        http::RouteOptions{.permission = "orders.manage"});
}

}  // namespace webdpro::orders
