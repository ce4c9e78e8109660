#include "payments/razorpay_routes.hpp"

#include <optional>
#include <string>

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

/// A customer's request body: the tracking token may come in it instead of the query.
struct CustomerBody {
    std::optional<std::string> token;
    std::string payment_id;  ///< verify only
    std::string signature;   ///< verify only
};

Result<CustomerBody> ReadCustomerBody(const nlohmann::json& body) {
    http::JsonFields fields(body, "This payment could not be verified.");
    CustomerBody read;
    read.token = fields.String("t");
    read.payment_id = fields.String("razorpay_payment_id").value_or("");
    read.signature = fields.String("razorpay_signature").value_or("");
    // Checkout also answers razorpay_order_id: not read, ours comes from the database.
    return fields.Finish(std::move(read));
}

/// The token of a customer's route: the body's when it has one, else the query's.
std::string TokenOf(const http::Request& request, const Result<CustomerBody>& body) {
    if (body && body->token && !body->token->empty()) {
        return *body->token;
    }
    return std::string(request.QueryParam("t").value_or(""));
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
            // A missing order answers 404 before a bad body answers 400.
            auto body = http::ReadJsonBody(request, ReadCustomerBody);
            auto resolved = co_await detail::ResolveCustomerOrder(directory, orders, request, TokenOf(request, body));
            if (!resolved) {
                co_return http::Response::Error(std::move(resolved.error()));
            }
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            co_return NoStore(
                http::JsonOf(co_await razorpay.StartCheckout(resolved->store, resolved->order), RazorpayCheckoutJson));
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = {}});  // public: behind the tracking token

    router.Post(
        "/s/{slug}/api/orders/{order_id}/razorpay/verify",
        [&razorpay, &orders, &directory](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonBody(request, ReadCustomerBody);
            auto resolved = co_await detail::ResolveCustomerOrder(directory, orders, request, TokenOf(request, body));
            if (!resolved) {
                co_return http::Response::Error(std::move(resolved.error()));
            }
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            co_return NoStore(
                http::JsonOf(co_await razorpay.Verify(resolved->store, resolved->order, std::move(body->payment_id),
                                                      std::move(body->signature)),
                             RazorpayCheckoutJson));
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = {}});  // public: behind the tracking token

    router.Post(
        "/api/webhooks/razorpay/{tenant_id}",
        [&razorpay](http::Request& request) -> Awaitable {
            auto tenant = http::PathId<TenantId>(request, "tenant_id", "Webhook");
            if (!tenant) {
                co_return http::Response::Error(std::move(tenant.error()));
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
