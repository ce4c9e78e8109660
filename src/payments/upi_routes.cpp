#include "payments/upi_routes.hpp"

#include "core/time.hpp"
#include "http/route_input.hpp"
#include "payments/detail/customer_order.hpp"
#include "payments/upi.hpp"

namespace webdpro::payments {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kSmallBody = 2 * 1024;

nlohmann::json WaitingJson(const std::vector<WaitingUpiPayment>& waiting) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& w : waiting) {
        list.push_back({{"payment_id", w.id.str()},
                        {"order_id", w.order.str()},
                        {"store_id", w.store.str()},
                        {"amount_paise", w.amount.value},
                        {"utr", w.utr},
                        {"customer_name", w.customer_name},
                        {"submitted_at", FormatRfc3339(w.submitted_at)}});
    }
    return {{"payments", std::move(list)}};
}

/// An owner's decision on a payment: POST /api/payments/{payment_id}/{confirm|reject}.
template <class Decide>
http::Handler Decision(Decide decide) {
    return [decide = std::move(decide)](http::Request& request) -> Awaitable {
        auto payment = http::PathId<PaymentId>(request, "payment_id", "Payment");
        if (!payment) {
            co_return http::Response::Error(std::move(payment.error()));
        }
        auto done = co_await decide(http::TenantOf(request), std::move(*payment), request.principal->user_id);
        if (!done) {
            co_return http::Response::Error(std::move(done.error()));
        }
        co_return http::Response::Json(200, {{"ok", true}});
    };
}

}  // namespace

nlohmann::json UpiPayInfoJson(const UpiPayInfo& info) {
    nlohmann::json json = {{"state", UpiStateName(info.state)},
                           {"amount_paise", info.amount.value},
                           {"amount", FormatDecimal(info.amount)}};
    if (!info.link.empty()) {
        json["link"] = info.link;
        json["vpa"] = info.vpa;
        json["payee_name"] = info.payee_name;
    }
    if (!info.utr.empty()) {
        json["utr"] = info.utr;
    }
    if (info.expires_at && (info.state == UpiState::kAwaiting || info.state == UpiState::kRejected ||
                            info.state == UpiState::kSubmitted)) {
        json["expires_at"] = FormatRfc3339(*info.expires_at);
    }
    return json;
}

void RegisterUpiRoutes(http::Router& router, UpiService& upi, orders::OrderService& orders,
                       stores::StoreDirectory& directory) {
    router.Get("/s/{slug}/api/orders/{order_id}/upi", [&upi, &orders, &directory](http::Request& request) -> Awaitable {
        const std::string token = request.QueryParam("t").value_or("");
        auto resolved = co_await detail::ResolveCustomerOrder(directory, orders, request, token);
        if (!resolved) {
            co_return http::Response::Error(std::move(resolved.error()));
        }
        auto info = co_await upi.PayInfo(resolved->store, resolved->order);
        if (!info) {
            co_return http::Response::Error(std::move(info.error()));
        }
        co_return http::Response::Json(200, UpiPayInfoJson(*info));
    });

    router.Get("/s/{slug}/api/orders/{order_id}/upi/qr.svg",
               [&upi, &orders, &directory](http::Request& request) -> Awaitable {
                   const std::string token = request.QueryParam("t").value_or("");
                   auto resolved = co_await detail::ResolveCustomerOrder(directory, orders, request, token);
                   if (!resolved) {
                       co_return http::Response::Error(std::move(resolved.error()));
                   }
                   auto info = co_await upi.PayInfo(resolved->store, resolved->order);
                   if (!info) {
                       co_return http::Response::Error(std::move(info.error()));
                   }
                   if (info->link.empty()) {
                       co_return http::Response::Error(ApiError::NotFound("UPI payment"));
                   }
                   auto svg = QrSvg(info->link);
                   if (!svg) {
                       co_return http::Response::Error(std::move(svg.error()));
                   }
                   http::Response response;
                   response.status = 200;
                   response.body = std::move(*svg);
                   response.headers.Set("Content-Type", "image/svg+xml");
                   response.headers.Set("Cache-Control", "no-store");
                   co_return response;
               });

    router.Post(
        "/s/{slug}/api/orders/{order_id}/upi",
        [&upi, &orders, &directory](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            std::string token = request.QueryParam("t").value_or("");
            if (auto t = body->find("t"); t != body->end() && t->is_string()) {
                token = t->get<std::string>();
            }
            auto resolved = co_await detail::ResolveCustomerOrder(directory, orders, request, token);
            if (!resolved) {
                co_return http::Response::Error(std::move(resolved.error()));
            }
            auto utr = body->find("utr");
            if (utr == body->end() || !utr->is_string()) {
                co_return http::Response::Error(
                    ApiError::Invalid("utr", "Enter the 12-digit UTR (UPI reference) your UPI app shows."));
            }
            auto info = co_await upi.SubmitUtr(resolved->store, resolved->order, utr->get<std::string>());
            if (!info) {
                co_return http::Response::Error(std::move(info.error()));
            }
            co_return http::Response::Json(200, UpiPayInfoJson(*info));
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = {}});  // public: behind the tracking token

    router.Get(
        "/api/payments/upi/waiting",
        [&upi](http::Request& request) -> Awaitable {
            auto waiting = co_await upi.Waiting(http::TenantOf(request));
            if (!waiting) {
                co_return http::Response::Error(std::move(waiting.error()));
            }
            co_return http::Response::Json(200, WaitingJson(*waiting));
        },
        http::RouteOptions{.permission = "payments.manage"});

    router.Post("/api/payments/{payment_id}/confirm",
                Decision([&upi](TenantId tenant, PaymentId payment, UserId actor) {
                    return upi.Confirm(std::move(tenant), std::move(payment), std::move(actor));
                }),
                http::RouteOptions{.body_limit = kSmallBody, .permission = "payments.manage"});
    router.Post("/api/payments/{payment_id}/reject", Decision([&upi](TenantId tenant, PaymentId payment, UserId actor) {
                    return upi.Reject(std::move(tenant), std::move(payment), std::move(actor));
                }),
                http::RouteOptions{.body_limit = kSmallBody, .permission = "payments.manage"});
}

}  // namespace webdpro::payments
