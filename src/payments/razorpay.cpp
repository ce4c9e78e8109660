#include "payments/razorpay.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/work_pool.hpp"
#include "http/client.hpp"

namespace webdpro::payments {
namespace {

constexpr std::size_t kSignatureChars = 64;
constexpr std::size_t kMaxAnswerBytes = 1U << 20U;

bool LowerHex(std::string_view text) {
    return std::ranges::all_of(text, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool SignatureMatches(std::string_view key, std::string_view message, std::string_view signature) {
    if (signature.size() != kSignatureChars || !LowerHex(signature)) {
        return false;
    }
    return ConstantTimeEquals(RazorpaySignature(key, message), signature);
}

/// Standard base64 with padding (RFC 4648 §4), as HTTP Basic auth wants it.
std::string Base64(std::string_view data) {
    std::string text = Base64UrlEncode(data);
    std::ranges::replace(text, '-', '+');
    std::ranges::replace(text, '_', '/');
    while (text.size() % 4 != 0) {
        text.push_back('=');
    }
    return text;
}

std::string Text(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t Integer(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

/// The entity under payload.<name>.entity, or an empty object.
const nlohmann::json& Entity(const nlohmann::json& envelope, const char* name) {
    static const nlohmann::json kEmpty = nlohmann::json::object();
    auto payload = envelope.find("payload");
    if (payload == envelope.end() || !payload->is_object()) {
        return kEmpty;
    }
    auto part = payload->find(name);
    if (part == payload->end() || !part->is_object()) {
        return kEmpty;
    }
    auto entity = part->find("entity");
    return entity != part->end() && entity->is_object() ? *entity : kEmpty;
}

/// What a call's answer means: the JSON of a 2xx, else the error it maps to.
Result<nlohmann::json> Answer(const Result<http::ClientResponse>& response, std::string_view what) {
    if (!response) {
        ApiError error = response.error();
        error.message = "Razorpay did not answer. Please try again.";
        return Fail(std::move(error));
    }
    auto json = nlohmann::json::parse(response->body, nullptr, false);
    if (response->status >= 500) {
        return Fail(
            ApiError::Unavailable("Razorpay " + std::string(what) + " answered " + std::to_string(response->status)));
    }
    if (response->status >= 400) {
        std::string description = "Razorpay refused the request.";
        if (json.is_object() && json.contains("error") && json["error"].is_object()) {
            if (auto text = Text(json["error"], "description"); !text.empty()) {
                description = "Razorpay: " + text;
            }
        }
        return Fail(ApiError(ErrorCode::kInvalidArgument, description,
                             "Razorpay " + std::string(what) + " answered " + std::to_string(response->status)));
    }
    if (!json.is_object()) {
        return Fail(ApiError::Internal("Razorpay " + std::string(what) + " answered something that is not JSON"));
    }
    return json;
}

RazorpayRefund RefundOf(const nlohmann::json& entity) {
    RazorpayRefund refund;
    refund.id = Text(entity, "id");
    refund.payment_id = Text(entity, "payment_id");
    refund.amount_paise = Integer(entity, "amount");
    refund.status = Text(entity, "status");
    if (auto notes = entity.find("notes"); notes != entity.end() && notes->is_object()) {
        refund.our_refund_id = Text(*notes, "refund_id");
    }
    return refund;
}

/// Whether an id is one Razorpay can take in a path: letters, digits and '_'.
bool PathSafe(std::string_view id) {
    return !id.empty() && id.size() <= 64 && std::ranges::all_of(id, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

// A call to Razorpay's API at `path` under the configured base URL, signed in with the
// business's keys, with the configured timeouts and the answer size bound.
http::ClientRequest ApiRequest(const RazorpayApiOptions& options, std::string method, const std::string& path,
                               const RazorpayKeys& keys) {
    http::ClientRequest request;
    request.method = std::move(method);
    request.url = options.base_url + path;
    request.headers.Set("Authorization", "Basic " + Base64(keys.key_id + ":" + keys.key_secret));
    request.connect_timeout = std::min(request.connect_timeout, options.timeout);
    request.total_timeout = options.timeout;
    request.max_response_bytes = kMaxAnswerBytes;
    return request;
}

}  // namespace

std::string RazorpaySignature(std::string_view key, std::string_view message) {
    return HexEncode(HmacSha256(key, message));
}

bool PaymentSignatureValid(std::string_view key_secret, std::string_view razorpay_order_id,
                           std::string_view razorpay_payment_id, std::string_view signature) {
    if (key_secret.empty() || razorpay_order_id.empty() || razorpay_payment_id.empty()) {
        return false;
    }
    const std::string message = std::string(razorpay_order_id) + "|" + std::string(razorpay_payment_id);
    return SignatureMatches(key_secret, message, signature);
}

bool WebhookSignatureValid(std::string_view webhook_secret, std::string_view raw_body, std::string_view signature) {
    return !webhook_secret.empty() && SignatureMatches(webhook_secret, raw_body, signature);
}

Result<RazorpayEvent> ParseRazorpayEvent(std::string_view body) {
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_object() || Text(json, "entity") != "event" || Text(json, "event").empty()) {
        return Fail(ApiError::Invalid("event", "Not a Razorpay event."));
    }
    RazorpayEvent event;
    event.event = Text(json, "event");
    const nlohmann::json& payment = Entity(json, "payment");
    const nlohmann::json& order = Entity(json, "order");
    event.payment_id = Text(payment, "id");
    event.razorpay_order_id = Text(payment, "order_id");
    if (event.razorpay_order_id.empty()) {
        event.razorpay_order_id = Text(order, "id");
    }
    event.amount_paise = Integer(payment, "amount");
    event.currency = Text(payment, "currency");
    event.method = Text(payment, "method");
    event.error_code = Text(payment, "error_code");
    event.error_description = Text(payment, "error_description");
    const RazorpayRefund refund = RefundOf(Entity(json, "refund"));
    event.refund_id = refund.id;
    event.refund_status = refund.status;
    event.refund_amount_paise = refund.amount_paise;
    event.our_refund_id = refund.our_refund_id;
    if (event.payment_id.empty()) {
        event.payment_id = refund.payment_id;
    }
    return event;
}

RazorpayApi::RazorpayApi(const http::Client& client, WorkPool& pool, RazorpayApiOptions options)
    : client_(client), pool_(pool), options_(std::move(options)) {}

boost::asio::awaitable<Result<RazorpayOrder>> RazorpayApi::CreateOrder(RazorpayKeys keys, Paise amount,
                                                                       std::string receipt,
                                                                       std::map<std::string, std::string> notes) {
    http::ClientRequest request = ApiRequest(options_, "POST", "/v1/orders", keys);
    request.headers.Set("Content-Type", "application/json");
    request.body =
        nlohmann::json{{"amount", amount.value}, {"currency", "INR"}, {"receipt", receipt}, {"notes", notes}}.dump();
    auto response =
        co_await pool_.Run([this, &request]() -> Result<http::ClientResponse> { return client_.Send(request); });
    auto json = Answer(response, "create order");
    if (!json) {
        co_return Fail(std::move(json.error()));
    }
    RazorpayOrder order{
        .id = Text(*json, "id"), .amount_paise = Integer(*json, "amount"), .currency = Text(*json, "currency")};
    if (!order.id.starts_with("order_") || order.amount_paise != amount.value) {
        co_return Fail(ApiError::Internal("Razorpay create order answered without the order asked for"));
    }
    co_return order;
}

boost::asio::awaitable<Result<std::vector<RazorpayPayment>>> RazorpayApi::OrderPayments(RazorpayKeys keys,
                                                                                        std::string razorpay_order_id) {
    http::ClientRequest request = ApiRequest(options_, "GET", "/v1/orders/" + razorpay_order_id + "/payments", keys);
    auto response =
        co_await pool_.Run([this, &request]() -> Result<http::ClientResponse> { return client_.Send(request); });
    auto json = Answer(response, "order payments");
    if (!json) {
        co_return Fail(std::move(json.error()));
    }
    std::vector<RazorpayPayment> payments;
    auto items = json->find("items");
    if (items == json->end() || !items->is_array()) {
        co_return Fail(ApiError::Internal("Razorpay order payments answered without items"));
    }
    for (const auto& item : *items) {
        if (!item.is_object()) {
            continue;
        }
        RazorpayPayment payment;
        payment.id = Text(item, "id");
        payment.status = Text(item, "status");
        payment.amount_paise = Integer(item, "amount");
        payment.method = Text(item, "method");
        payment.error_code = Text(item, "error_code");
        payment.error_description = Text(item, "error_description");
        payments.push_back(std::move(payment));
    }
    co_return payments;
}

Result<RazorpayRefund> RazorpayApi::CreateRefund(const RazorpayKeys& keys, const std::string& payment_id, Paise amount,
                                                 const std::string& refund_id, const std::string& order_id) const {
    if (!PathSafe(payment_id)) {
        return Fail(ApiError::Internal("not a Razorpay payment id: " + payment_id));
    }
    http::ClientRequest request = ApiRequest(options_, "POST", "/v1/payments/" + payment_id + "/refund", keys);
    request.headers.Set("Content-Type", "application/json");
    request.headers.Set("X-Refund-Idempotency", refund_id);
    // The same body every time for one key: Razorpay refuses a repeat with another body.
    request.body = nlohmann::json{{"amount", amount.value},
                                  {"speed", "normal"},
                                  {"notes", {{"refund_id", refund_id}, {"order_id", order_id}}}}
                       .dump();
    auto response = client_.Send(request);
    if (response && response->status == 409) {
        return Fail(ApiError::Unavailable("Razorpay refund answered 409: the same refund is still being made"));
    }
    auto json = Answer(response, "refund");
    if (!json) {
        return Fail(std::move(json.error()));
    }
    RazorpayRefund refund = RefundOf(*json);
    if (!refund.id.starts_with("rfnd_") || refund.amount_paise != amount.value) {
        return Fail(ApiError::Internal("Razorpay refund answered without the refund asked for"));
    }
    return refund;
}

boost::asio::awaitable<Result<std::vector<RazorpayRefund>>> RazorpayApi::PaymentRefunds(RazorpayKeys keys,
                                                                                        std::string payment_id) {
    if (!PathSafe(payment_id)) {
        co_return Fail(ApiError::Internal("not a Razorpay payment id: " + payment_id));
    }
    http::ClientRequest request = ApiRequest(options_, "GET", "/v1/payments/" + payment_id + "/refunds", keys);
    auto response =
        co_await pool_.Run([this, &request]() -> Result<http::ClientResponse> { return client_.Send(request); });
    auto json = Answer(response, "payment refunds");
    if (!json) {
        co_return Fail(std::move(json.error()));
    }
    auto items = json->find("items");
    if (items == json->end() || !items->is_array()) {
        co_return Fail(ApiError::Internal("Razorpay payment refunds answered without items"));
    }
    std::vector<RazorpayRefund> refunds;
    for (const auto& item : *items) {
        if (item.is_object()) {
            refunds.push_back(RefundOf(item));
        }
    }
    co_return refunds;
}

}  // namespace webdpro::payments
