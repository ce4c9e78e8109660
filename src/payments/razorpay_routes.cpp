#include "payments/razorpay_routes.hpp"

#include "http/route_input.hpp"
#include "payments/detail/customer_order.hpp"

namespace webdpro::payments {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kSmallBody = 2 * 1024;
// Razorpay's payment events are a few kB; refunds and disputes carry a little more.
constexpr std::int64_t kWebhookBody = 256 * 1024;

http::Response NoStore(http::Response response) {
    response.headers.Set("Cache-Control", "no-store");
    return response;
}

std::string TextField(const nlohmann::json& body, const char* name) {
    auto it = body.find(name);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

nlohmann::json RazorpayCheckoutJson(const RazorpayCheckout& checkout) {
    nlohmann::json json = {{"state", checkout.state},
                           {"amount_paise", checkout.amount.value},
                           {"amount", FormatDecimal(checkout.amount)},
                           {"currency", checkout.currency}};
    if (!checkout.razorpay_order_id.empty()) {
        json["key_id"] = checkout.key_id;
        json["razorpay_order_id"] = checkout.razorpay_order_id;
        json["name"] = checkout.name;
        json["script_url"] = checkout.script_url;
    }
    return json;
}

boost::asio::awaitable<Result<nlohmann::json>> RazorpayStarter::Start(const stores::StoreRef& store,
                                                                      const orders::Order& order) {
    auto checkout = co_await razorpay_.StartCheckout(store, order.id);
    if (!checkout) {
        co_return Fail(std::move(checkout.error()));
    }
    co_return RazorpayCheckoutJson(*checkout);
}

void RegisterRazorpayRoutes(http::Router& router, RazorpayService& razorpay, orders::OrderService& orders,
                            stores::StoreDirectory& directory) {
    router.Post(
        "/s/{slug}/api/orders/{order_id}/razorpay",
        [&razorpay, &orders, &directory](http::Request& request) -> Awaitable {
            std::string token = request.QueryParam("t").value_or("");
            if (!request.body.empty()) {
                auto body = http::ReadJsonObject(request);
                if (!body) {
                    co_return http::Response::Error(std::move(body.error()));
                }
                if (auto t = TextField(*body, "t"); !t.empty()) {
                    token = t;
                }
            }
            auto resolved = co_await detail::ResolveCustomerOrder(directory, orders, request, token);
            if (!resolved) {
                co_return http::Response::Error(std::move(resolved.error()));
            }
            auto checkout = co_await razorpay.StartCheckout(resolved->store, resolved->order);
            if (!checkout) {
                co_return http::Response::Error(std::move(checkout.error()));
            }
            co_return NoStore(http::Response::Json(200, RazorpayCheckoutJson(*checkout)));
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = {}});  // public: behind the tracking token

    router.Post(
        "/s/{slug}/api/orders/{order_id}/razorpay/verify",
        [&razorpay, &orders, &directory](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            std::string token = request.QueryParam("t").value_or("");
            if (auto t = TextField(*body, "t"); !t.empty()) {
                token = t;
            }
            auto resolved = co_await detail::ResolveCustomerOrder(directory, orders, request, token);
            if (!resolved) {
                co_return http::Response::Error(std::move(resolved.error()));
            }
            // Checkout also answers razorpay_order_id: ignored, ours comes from the database.
            auto checkout =
                co_await razorpay.Verify(resolved->store, resolved->order, TextField(*body, "razorpay_payment_id"),
                                         TextField(*body, "razorpay_signature"));
            if (!checkout) {
                co_return http::Response::Error(std::move(checkout.error()));
            }
            co_return NoStore(http::Response::Json(200, RazorpayCheckoutJson(*checkout)));
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = {}});  // public: behind the tracking token

    router.Post(
        "/api/webhooks/razorpay/{tenant_id}",
        [&razorpay](http::Request& request) -> Awaitable {
            auto tenant = TenantId::Parse(request.Param("tenant_id"));
            if (!tenant) {
                co_return http::Response::Error(ApiError::NotFound("Webhook"));
            }
            auto done = co_await razorpay.Webhook(std::move(*tenant), request.body,
                                                  std::string(request.Header("X-Razorpay-Signature").value_or("")),
                                                  std::string(request.Header("x-razorpay-event-id").value_or("")));
            if (!done) {
                co_return http::Response::Error(std::move(done.error()));
            }
            co_return NoStore(
                http::Response::Json(200, {{"ok", true}, {"duplicate", done->duplicate}, {"outcome", done->outcome}}));
        },
        http::RouteOptions{.body_limit = kWebhookBody, .permission = {}});  // public: signed by Razorpay
}

}  // namespace webdpro::payments
