#include "payments/refund_routes.hpp"

#include "http/route_input.hpp"
#include "payments/detail/customer_order.hpp"

namespace webdpro::payments {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kSmallBody = 2 * 1024;
constexpr int kListSize = 50;

nlohmann::json RefundsJson(const std::vector<Refund>& refunds, bool for_owner) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : refunds) {
        list.push_back(RefundJson(r, for_owner));
    }
    return {{"refunds", std::move(list)}};
}

}  // namespace

nlohmann::json RefundJson(const Refund& r, bool for_owner) {
    nlohmann::json json = {{"refund_id", r.id.str()},
                           {"order_id", r.order.str()},
                           {"provider", RefundProviderName(r.provider)},
                           {"amount_paise", r.amount.value},
                           {"state", RefundStateName(r.state)},
                           // A UPI payment went to the business's own account: the owner sends it back.
                           {"owed_by_owner", r.provider == RefundProvider::kUpi && r.state == RefundState::kRequested},
                           {"late_payment", r.reason == kRefundLatePayment},
                           {"created_at", FormatRfc3339(r.created_at)},
                           {"processed_at", r.processed_at ? nlohmann::json(FormatRfc3339(*r.processed_at)) : nullptr}};
    if (for_owner) {
        json["payment_id"] = r.payment.str();
        json["reason"] = r.reason;
        json["razorpay_refund_id"] =
            r.provider_refund_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.provider_refund_id);
        json["error"] = r.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.error);
        json["returned_by"] = r.processed_by ? nlohmann::json(r.processed_by->str()) : nullptr;
    }
    return json;
}

void RegisterRefundRoutes(http::Router& router, RefundService& refunds, orders::OrderService& orders,
                          stores::StoreDirectory& directory) {
    router.Get(
        "/api/orders/{order_id}/refunds",
        [&refunds](http::Request& request) -> Awaitable {
            auto order = http::PathId<OrderId>(request, "order_id", "Order");
            if (!order) {
                co_return http::Response::Error(std::move(order.error()));
            }
            co_return http::JsonOf(co_await refunds.OfOrder(http::TenantOf(request), std::move(*order)),
                                   [](const std::vector<Refund>& list) { return RefundsJson(list, true); });
        },
        http::RouteOptions{.permission = "orders.manage"});

    router.Get(
        "/api/payments/refunds",
        [&refunds](http::Request& request) -> Awaitable {
            co_return http::JsonOf(co_await refunds.List(http::TenantOf(request), kListSize),
                                   [](const std::vector<Refund>& list) { return RefundsJson(list, true); });
        },
        http::RouteOptions{.permission = "payments.manage"});

    router.Post(
        "/api/refunds/{refund_id}/returned",
        [&refunds](http::Request& request) -> Awaitable {
            auto refund = http::PathId<RefundId>(request, "refund_id", "Refund");
            if (!refund) {
                co_return http::Response::Error(std::move(refund.error()));
            }
            co_return http::JsonOf(
                co_await refunds.MarkReturned(http::TenantOf(request), std::move(*refund), request.principal->user_id),
                [](const Refund& r) { return RefundJson(r, true); });
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = "payments.manage"});

    router.Get("/s/{slug}/api/orders/{order_id}/refunds",
               [&refunds, &orders, &directory](http::Request& request) -> Awaitable {
                   const std::string token = request.QueryParam("t").value_or("");
                   auto resolved = co_await detail::ResolveCustomerOrder(directory, orders, request, token);
                   if (!resolved) {
                       co_return http::Response::Error(std::move(resolved.error()));
                   }
                   co_return http::JsonOf(co_await refunds.OfOrder(resolved->store.tenant_id, resolved->order),
                                          [](const std::vector<Refund>& list) { return RefundsJson(list, false); });
               });
}

}  // namespace webdpro::payments
