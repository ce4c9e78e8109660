#include "fakes/fake_razorpay.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/crypto.hpp"

namespace webdpro::fakes {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

http::Response RazorpayError(int status, const std::string& code, const std::string& description) {
    return http::Response::Json(status, {{"error",
                                          {{"code", code},
                                           {"description", description},
                                           {"source", "business"},
                                           {"step", "payment_initiation"},
                                           {"reason", "input_validation_failed"},
                                           {"metadata", nlohmann::json::object()}}}});
}

nlohmann::json PaymentJson(const FakeRazorpay::Payment& p) {
    nlohmann::json json = {{"id", p.id},
                           {"entity", "payment"},
                           {"amount", p.amount},
                           {"currency", "INR"},
                           {"status", p.status},
                           {"order_id", p.order_id},
                           {"method", "upi"},
                           {"captured", p.status == "captured"},
                           {"created_at", 1700000000}};
    if (p.status == "failed") {
        json["error_code"] = "BAD_REQUEST_ERROR";
        json["error_description"] = "Payment failed";
    }
    return json;
}

nlohmann::json RefundJson(const FakeRazorpay::Refund& r) {
    return {{"id", r.id},
            {"entity", "refund"},
            {"amount", r.amount},
            {"currency", "INR"},
            {"payment_id", r.payment_id},
            {"notes", r.notes},
            {"receipt", nullptr},
            {"acquirer_data", {{"arn", nullptr}}},
            {"created_at", 1700000100},
            {"batch_id", nullptr},
            {"status", r.status},
            {"speed_processed", "normal"},
            {"speed_requested", "normal"}};
}

/// X-Refund-Idempotency as Razorpay takes it: at least 10 of [A-Za-z0-9_-].
bool IdempotencyKeyValid(const std::string& key) {
    if (key.size() < 10) {
        return false;
    }
    for (char c : key) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
            return false;
        }
    }
    return true;
}

}  // namespace

FakeRazorpay::FakeRazorpay() = default;

void FakeRazorpay::SetRefundStatus(const std::string& status) {
    std::lock_guard lock(mutex_);
    refund_status_ = status;
}

void FakeRazorpay::SettleRefund(const std::string& refund_id, const std::string& status) {
    std::lock_guard lock(mutex_);
    for (auto& r : refunds_) {
        if (r.id == refund_id) {
            r.status = status;
        }
    }
}

std::vector<FakeRazorpay::Refund> FakeRazorpay::refunds() const {
    std::lock_guard lock(mutex_);
    return refunds_;
}

std::string FakeRazorpay::RefundEventBody(const std::string& event, const Refund& refund) const {
    nlohmann::json payment = nlohmann::json::object();
    if (auto found = FindPayment(refund.payment_id)) {
        payment = PaymentJson(*found);
    }
    Refund as_sent = refund;
    as_sent.status = event == "refund.failed" ? "failed" : (event == "refund.processed" ? "processed" : refund.status);
    return nlohmann::json{
        {"entity", "event"},
        {"account_id", "acc_FakeAccount01"},
        {"event", event},
        {"contains", nlohmann::json::array({"refund", "payment"})},
        {"payload", {{"refund", {{"entity", RefundJson(as_sent)}}}, {"payment", {{"entity", payment}}}}},
        {"created_at", 1700000200}}
        .dump();
}

std::unique_ptr<FakeRazorpay> FakeRazorpay::Start(std::string& error) {
    std::unique_ptr<FakeRazorpay> fake(new FakeRazorpay());
    fake->Register();
    http::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.io_threads = 2;
    options.access_log = false;
    options.shutdown_grace = std::chrono::milliseconds(100);
    fake->server_ = std::make_unique<http::Server>(options, fake->router_, fake->logger_, fake->metrics_);
    if (auto started = fake->server_->Start(); !started) {
        error = started.error().message;
        return nullptr;
    }
    fake->thread_ = std::thread([server = fake->server_.get()] { server->Run(); });
    return fake;
}

FakeRazorpay::~FakeRazorpay() {
    if (server_) {
        server_->Stop();
    }
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::string FakeRazorpay::base_url() const {
    return "http://127.0.0.1:" + std::to_string(server_->port());
}

void FakeRazorpay::AddKeys(const std::string& key_id, const std::string& key_secret) {
    std::lock_guard lock(mutex_);
    keys_[key_id] = key_secret;
}

std::vector<FakeRazorpay::Order> FakeRazorpay::orders() const {
    std::lock_guard lock(mutex_);
    return orders_;
}

std::optional<FakeRazorpay::Order> FakeRazorpay::OrderByReceipt(const std::string& receipt) const {
    std::lock_guard lock(mutex_);
    for (const auto& o : orders_) {
        if (o.receipt == receipt) {
            return o;
        }
    }
    return std::nullopt;
}

std::optional<FakeRazorpay::Payment> FakeRazorpay::FindPayment(const std::string& payment_id) const {
    std::lock_guard lock(mutex_);
    for (const auto& p : payments_) {
        if (p.id == payment_id) {
            return p;
        }
    }
    return std::nullopt;
}

FakeRazorpay::CheckoutAnswer FakeRazorpay::Pay(const std::string& razorpay_order_id) {
    std::lock_guard lock(mutex_);
    std::string secret;
    std::int64_t amount = 0;
    for (const auto& o : orders_) {
        if (o.id == razorpay_order_id) {
            secret = keys_[o.key_id];
            amount = o.amount;
        }
    }
    Payment payment{.id = "pay_Fake" + std::to_string(++next_) + "x9Q2",
                    .order_id = razorpay_order_id,
                    .status = "captured",
                    .amount = amount};
    payments_.push_back(payment);
    return {.razorpay_order_id = razorpay_order_id,
            .razorpay_payment_id = payment.id,
            .razorpay_signature = Sign(secret, razorpay_order_id + "|" + payment.id)};
}

FakeRazorpay::Payment FakeRazorpay::FailAttempt(const std::string& razorpay_order_id) {
    std::lock_guard lock(mutex_);
    std::int64_t amount = 0;
    for (const auto& o : orders_) {
        if (o.id == razorpay_order_id) {
            amount = o.amount;
        }
    }
    Payment payment{.id = "pay_Fake" + std::to_string(++next_) + "f7K1",
                    .order_id = razorpay_order_id,
                    .status = "failed",
                    .amount = amount};
    payments_.push_back(payment);
    return payment;
}

std::string FakeRazorpay::EventBody(const std::string& event, const Payment& payment) {
    nlohmann::json entity = PaymentJson(payment);
    nlohmann::json body = {{"entity", "event"},
                           {"account_id", "acc_FakeAccount01"},
                           {"event", event},
                           {"contains", nlohmann::json::array({"payment"})},
                           {"payload", {{"payment", {{"entity", entity}}}}},
                           {"created_at", 1700000001}};
    if (event == "order.paid") {
        body["contains"].push_back("order");
        body["payload"]["order"] = {{"entity",
                                     {{"id", payment.order_id},
                                      {"entity", "order"},
                                      {"amount", payment.amount},
                                      {"amount_paid", payment.amount},
                                      {"amount_due", 0},
                                      {"currency", "INR"},
                                      {"status", "paid"}}}};
    }
    return body.dump();
}

std::string FakeRazorpay::Sign(const std::string& webhook_secret, const std::string& body) {
    return HexEncode(HmacSha256(webhook_secret, body));
}

std::optional<std::string> FakeRazorpay::KeyOf(const http::Request& request) const {
    const std::string header(request.Header("Authorization").value_or(""));
    if (!header.starts_with("Basic ")) {
        return std::nullopt;
    }
    auto decoded = Base64DecodeAny(std::string_view(header).substr(6));
    if (!decoded) {
        return std::nullopt;
    }
    const std::string pair(decoded->begin(), decoded->end());
    const auto colon = pair.find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    const std::string id = pair.substr(0, colon);
    std::lock_guard lock(mutex_);
    auto it = keys_.find(id);
    if (it == keys_.end() || it->second != pair.substr(colon + 1)) {
        return std::nullopt;
    }
    return id;
}

void FakeRazorpay::Register() {
    // Faults first, as the real service fails: before looking at the request.
    auto fault = [this]() -> boost::asio::awaitable<std::optional<http::Response>> {
        switch (mode_.load()) {
            case Mode::kOk:
                co_return std::nullopt;
            case Mode::kFail500:
                co_return RazorpayError(500, "SERVER_ERROR", "We are facing some trouble completing your request");
            case Mode::kHang: {
                boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor,
                                                std::chrono::milliseconds(hang_ms_.load()));
                co_await timer.async_wait(boost::asio::use_awaitable);
                co_return RazorpayError(500, "SERVER_ERROR", "too late");
            }
        }
        co_return std::nullopt;
    };

    router_.Post("/v1/orders", [this, fault](http::Request& request) -> Awaitable {
        if (auto failed = co_await fault()) {
            co_return std::move(*failed);
        }
        auto key = KeyOf(request);
        if (!key) {
            co_return RazorpayError(401, "BAD_REQUEST_ERROR", "Authentication failed");
        }
        auto body = nlohmann::json::parse(request.body, nullptr, false);
        if (!body.is_object() || !body.contains("amount") || !body["amount"].is_number_integer()) {
            co_return RazorpayError(400, "BAD_REQUEST_ERROR", "The amount field is required.");
        }
        const auto amount = body["amount"].get<std::int64_t>();
        if (amount < 100) {
            co_return RazorpayError(400, "BAD_REQUEST_ERROR", "The amount must be at least INR 1.00");
        }
        if (body.value("currency", "") != "INR") {
            co_return RazorpayError(400, "BAD_REQUEST_ERROR", "The currency field is required.");
        }
        const std::string receipt = body.value("receipt", "");
        if (receipt.size() > 40) {
            co_return RazorpayError(400, "BAD_REQUEST_ERROR", "receipt: may not be greater than 40 characters.");
        }
        Order order;
        {
            std::lock_guard lock(mutex_);
            // Field by field: g++ 12 miscompiles string literals in a coroutine's aggregate initializer.
            order.id = "order_Fake" + std::to_string(++next_) + "Ab3";
            order.key_id = *key;
            order.amount = amount;
            order.currency = "INR";
            order.receipt = receipt;
            order.notes = body.value("notes", nlohmann::json::object());
            orders_.push_back(order);
        }
        co_return http::Response::Json(200, {{"id", order.id},
                                             {"entity", "order"},
                                             {"amount", order.amount},
                                             {"amount_paid", 0},
                                             {"amount_due", order.amount},
                                             {"currency", "INR"},
                                             {"receipt", order.receipt},
                                             {"status", "created"},
                                             {"attempts", 0},
                                             {"notes", order.notes},
                                             {"created_at", 1700000000}});
    });

    router_.Get("/v1/orders/{id}/payments", [this, fault](http::Request& request) -> Awaitable {
        if (auto failed = co_await fault()) {
            co_return std::move(*failed);
        }
        auto key = KeyOf(request);
        if (!key) {
            co_return RazorpayError(401, "BAD_REQUEST_ERROR", "Authentication failed");
        }
        const std::string id(request.Param("id"));
        std::lock_guard lock(mutex_);
        bool found = false;
        for (const auto& o : orders_) {
            found = found || (o.id == id && o.key_id == *key);
        }
        if (!found) {
            co_return RazorpayError(400, "BAD_REQUEST_ERROR", "The id provided does not exist");
        }
        nlohmann::json items = nlohmann::json::array();
        for (const auto& p : payments_) {
            if (p.order_id == id) {
                items.push_back(PaymentJson(p));
            }
        }
        co_return http::Response::Json(200, {{"entity", "collection"}, {"count", items.size()}, {"items", items}});
    });

    // Whether the key's account made the payment (its order was created with that key).
    auto owns_payment = [this](const std::string& key, const std::string& payment_id) {
        for (const auto& p : payments_) {
            if (p.id != payment_id) {
                continue;
            }
            for (const auto& o : orders_) {
                if (o.id == p.order_id && o.key_id == key) {
                    return true;
                }
            }
        }
        return false;
    };

    router_.Post("/v1/payments/{id}/refund", [this, fault, owns_payment](http::Request& request) -> Awaitable {
        ++refund_calls_;
        if (auto failed = co_await fault()) {
            co_return std::move(*failed);
        }
        auto key = KeyOf(request);
        if (!key) {
            co_return RazorpayError(401, "BAD_REQUEST_ERROR", "Authentication failed");
        }
        const std::string payment_id(request.Param("id"));
        const std::string idempotency(request.Header("X-Refund-Idempotency").value_or(""));
        if (!idempotency.empty() && !IdempotencyKeyValid(idempotency)) {
            co_return RazorpayError(400, "BAD_REQUEST_ERROR", "The idempotency key is invalid.");
        }
        auto body = nlohmann::json::parse(request.body.empty() ? std::string("{}") : request.body, nullptr, false);
        if (!body.is_object()) {
            co_return RazorpayError(400, "BAD_REQUEST_ERROR", "The request body is not valid JSON.");
        }
        Refund refund;
        bool made = false;
        {
            std::lock_guard lock(mutex_);
            if (!owns_payment(*key, payment_id)) {
                co_return RazorpayError(400, "BAD_REQUEST_ERROR", "The id provided does not exist");
            }
            const Payment* payment = nullptr;
            for (const auto& p : payments_) {
                if (p.id == payment_id) {
                    payment = &p;
                }
            }
            for (const auto& r : refunds_) {
                if (!idempotency.empty() && r.idempotency_key == idempotency) {
                    if (r.body != request.body) {
                        co_return RazorpayError(409, "BAD_REQUEST_ERROR",
                                                "The request body differs from the first request with this key.");
                    }
                    refund = r;
                    made = true;
                }
            }
            if (!made) {
                if (payment->status != "captured") {
                    co_return RazorpayError(400, "BAD_REQUEST_ERROR", "The payment has not been captured.");
                }
                std::int64_t refunded = 0;
                for (const auto& r : refunds_) {
                    refunded += r.payment_id == payment_id && r.status != "failed" ? r.amount : 0;
                }
                const std::int64_t amount = body.contains("amount") && body["amount"].is_number_integer()
                                                ? body["amount"].get<std::int64_t>()
                                                : payment->amount - refunded;
                if (amount <= 0 || amount > payment->amount - refunded) {
                    co_return RazorpayError(400, "BAD_REQUEST_ERROR",
                                            "The refund amount provided is greater than amount captured.");
                }
                refund.id = "rfnd_Fake" + std::to_string(++next_) + "Rf5";
                refund.payment_id = payment_id;
                refund.amount = amount;
                refund.status = refund_status_;
                refund.idempotency_key = idempotency;
                refund.body = request.body;
                refund.notes = body.value("notes", nlohmann::json::object());
                refunds_.push_back(refund);
            }
        }
        if (hang_refunds_.load() > 0) {
            --hang_refunds_;
            boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor,
                                            std::chrono::milliseconds(hang_ms_.load()));
            co_await timer.async_wait(boost::asio::use_awaitable);
        }
        co_return http::Response::Json(200, RefundJson(refund));
    });

    router_.Get("/v1/payments/{id}/refunds", [this, fault, owns_payment](http::Request& request) -> Awaitable {
        if (auto failed = co_await fault()) {
            co_return std::move(*failed);
        }
        auto key = KeyOf(request);
        if (!key) {
            co_return RazorpayError(401, "BAD_REQUEST_ERROR", "Authentication failed");
        }
        const std::string payment_id(request.Param("id"));
        std::lock_guard lock(mutex_);
        if (!owns_payment(*key, payment_id)) {
            co_return RazorpayError(400, "BAD_REQUEST_ERROR", "The id provided does not exist");
        }
        nlohmann::json items = nlohmann::json::array();
        for (const auto& r : refunds_) {
            if (r.payment_id == payment_id) {
                items.push_back(RefundJson(r));
            }
        }
        co_return http::Response::Json(200, {{"entity", "collection"}, {"count", items.size()}, {"items", items}});
    });

    router_.Get("/v1/refunds/{id}", [this, fault, owns_payment](http::Request& request) -> Awaitable {
        if (auto failed = co_await fault()) {
            co_return std::move(*failed);
        }
        auto key = KeyOf(request);
        if (!key) {
            co_return RazorpayError(401, "BAD_REQUEST_ERROR", "Authentication failed");
        }
        const std::string id(request.Param("id"));
        std::lock_guard lock(mutex_);
        for (const auto& r : refunds_) {
            if (r.id == id && owns_payment(*key, r.payment_id)) {
                co_return http::Response::Json(200, RefundJson(r));
            }
        }
        co_return RazorpayError(400, "BAD_REQUEST_ERROR", "The id provided does not exist");
    });
}

}  // namespace webdpro::fakes
