#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/error.hpp"
#include "core/money.hpp"

namespace webdpro {
class WorkPool;
}  // namespace webdpro
namespace webdpro::http {
class Client;
}  // namespace webdpro::http

namespace webdpro::payments {

/// Lowercase hex of HMAC-SHA256(key, message): how Razorpay signs a Checkout payment
/// (`order_id|payment_id` under the key secret) and a webhook (the raw body under the webhook
/// secret). Pure.
std::string RazorpaySignature(std::string_view key, std::string_view message);

/// Whether `signature` is the signature of `razorpay_order_id|razorpay_payment_id` under the key
/// secret. Compared in constant time; anything not 64 hex characters is refused. Pure.
bool PaymentSignatureValid(std::string_view key_secret, std::string_view razorpay_order_id,
                           std::string_view razorpay_payment_id, std::string_view signature);

/// Whether `signature` (X-Razorpay-Signature) signs exactly `raw_body` under the webhook secret.
/// Constant time. Pure.
bool WebhookSignatureValid(std::string_view webhook_secret, std::string_view raw_body, std::string_view signature);

/// What a Razorpay webhook says about a payment, read from its JSON (payload.payment.entity, and
/// payload.order.entity for order.paid).
struct RazorpayEvent {
    std::string event;              ///< "payment.captured", "order.paid", "payment.failed", ...
    std::string razorpay_order_id;  ///< order_… (the payment's, else the order's)
    std::string payment_id;         ///< pay_…, "" when the event carries none
    std::int64_t amount_paise = 0;  ///< the payment's amount
    std::string currency;
    std::string method;  ///< card / upi / netbanking / wallet, as reported
    std::string error_code;
    std::string error_description;
    // refund.* events (payload.refund.entity):
    std::string refund_id;      ///< rfnd_…
    std::string refund_status;  ///< pending / processed / failed
    std::int64_t refund_amount_paise = 0;
    std::string our_refund_id;  ///< notes.refund_id: the refund id we sent
};

/// The event of a webhook body; kInvalidArgument when it is not a Razorpay event envelope.
Result<RazorpayEvent> ParseRazorpayEvent(std::string_view body);

/// Basic auth credentials of one business's Razorpay account.
struct RazorpayKeys {
    std::string key_id;
    std::string key_secret;
};

/// A Razorpay order as created.
struct RazorpayOrder {
    std::string id;  ///< order_…
    std::int64_t amount_paise = 0;
    std::string currency;
};

/// A payment of a Razorpay order as GET /v1/orders/{id}/payments lists it.
struct RazorpayPayment {
    std::string id;
    std::string status;  ///< created / authorized / captured / refunded / failed
    std::int64_t amount_paise = 0;
    std::string method;
    std::string error_code;         ///< a failed payment's
    std::string error_description;  ///< a failed payment's
};

/// A refund as Razorpay answers it (POST /v1/payments/{id}/refund, GET …/refunds).
struct RazorpayRefund {
    std::string id;  ///< rfnd_…
    std::string payment_id;
    std::int64_t amount_paise = 0;
    std::string status;         ///< pending / processed / failed
    std::string our_refund_id;  ///< notes.refund_id: the refund id we sent
};

struct RazorpayApiOptions {
    std::string base_url;  ///< origin, e.g. https://api.razorpay.com (the paths add /v1/…)
    std::chrono::milliseconds timeout{10000};
};

/// Razorpay's REST API over the shared outbound client. Each call runs on `pool` (the client
/// blocks), never on the awaiting I/O thread. Errors: kTimeout, kUnavailable (unreachable, 5xx),
/// kInvalidArgument (Razorpay refused the request, e.g. bad keys: its description in the message),
/// kInternal (an answer Razorpay would not give). Thread-safe; client and pool outlive it.
class RazorpayApi final {
public:
    RazorpayApi(const http::Client& client, WorkPool& pool, RazorpayApiOptions options);

    /// POST /v1/orders {amount, currency INR, receipt, notes}.
    boost::asio::awaitable<Result<RazorpayOrder>> CreateOrder(RazorpayKeys keys, Paise amount, std::string receipt,
                                                              std::map<std::string, std::string> notes);
    /// GET /v1/orders/{id}/payments.
    boost::asio::awaitable<Result<std::vector<RazorpayPayment>>> OrderPayments(RazorpayKeys keys,
                                                                               std::string razorpay_order_id);

    /// POST /v1/payments/{id}/refund {amount, notes {refund_id, order_id}} with
    /// X-Refund-Idempotency: `refund_id` (10 to 40 of [A-Za-z0-9_-]). Sent again with the same key
    /// and body, it is the same refund at Razorpay. A 409 (the same key still in flight) is
    /// kUnavailable: try again later. Blocks the calling thread (the outbox dispatcher's), never
    /// an I/O thread.
    Result<RazorpayRefund> CreateRefund(const RazorpayKeys& keys, const std::string& payment_id, Paise amount,
                                        const std::string& refund_id, const std::string& order_id) const;
    /// GET /v1/payments/{id}/refunds, on the pool.
    boost::asio::awaitable<Result<std::vector<RazorpayRefund>>> PaymentRefunds(RazorpayKeys keys,
                                                                               std::string payment_id);

private:
    const http::Client& client_;
    WorkPool& pool_;
    RazorpayApiOptions options_;
};

}  // namespace webdpro::payments
