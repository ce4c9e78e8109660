#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace webdpro::fakes {

/// A fake Razorpay on loopback for tests of the real client code over real HTTP: the Orders API
/// (POST /v1/orders, GET /v1/orders/{id}/payments) and the Refunds API (POST
/// /v1/payments/{id}/refund with X-Refund-Idempotency: the same key and body give the same refund,
/// another body 409; GET /v1/payments/{id}/refunds, GET /v1/refunds/{id}) behind Basic auth with
/// the key pairs a test adds, a way to "pay" an order as Checkout would (a pay_ id and its real
/// signature), and webhook bodies signed like Razorpay signs them. Faults on demand: 500 or an
/// answer later than the caller's timeout, for every call or only for the next refund answers
/// (made, then answered too late). Thread-safe; the server runs on its own thread until destroyed.
class FakeRazorpay final {
public:
    enum class Mode { kOk, kFail500, kHang };

    struct Order {
        std::string id;
        std::string key_id;
        std::int64_t amount = 0;
        std::string currency;
        std::string receipt;
        nlohmann::json notes;
    };

    struct Payment {
        std::string id;
        std::string order_id;
        std::string status;  ///< captured / failed
        std::int64_t amount = 0;
    };

    struct Refund {
        std::string id;  ///< rfnd_…
        std::string payment_id;
        std::int64_t amount = 0;
        std::string status;  ///< pending / processed / failed
        std::string idempotency_key;
        std::string body;  ///< the request body, compared on a repeat of the key
        nlohmann::json notes;
    };

    /// What Checkout hands the browser after a successful payment.
    struct CheckoutAnswer {
        std::string razorpay_order_id;
        std::string razorpay_payment_id;
        std::string razorpay_signature;
    };

    /// Starts on 127.0.0.1 and a free port; nullptr (with `error` set) when it cannot listen.
    static std::unique_ptr<FakeRazorpay> Start(std::string& error);
    ~FakeRazorpay();
    FakeRazorpay(const FakeRazorpay&) = delete;
    FakeRazorpay& operator=(const FakeRazorpay&) = delete;

    /// The API origin to configure (payments.razorpay_api_base).
    std::string base_url() const;

    /// Lets a key pair in; requests with any other answer 401 as Razorpay does.
    void AddKeys(const std::string& key_id, const std::string& key_secret);
    void SetMode(Mode mode) { mode_.store(mode); }
    /// How long kHang waits before answering (default 5 s).
    void SetHang(std::chrono::milliseconds hang) { hang_ms_.store(hang.count()); }

    std::vector<Order> orders() const;
    /// The order our order id was sent as the receipt of, if any.
    std::optional<Order> OrderByReceipt(const std::string& receipt) const;

    /// The customer pays the order in Checkout: a captured payment and the signed answer.
    CheckoutAnswer Pay(const std::string& razorpay_order_id);
    /// An attempt that fails: a failed payment of the order.
    Payment FailAttempt(const std::string& razorpay_order_id);

    /// A webhook body as Razorpay sends it: `event` (payment.captured, payment.failed, order.paid,
    /// payment.authorized) about `payment`.
    static std::string EventBody(const std::string& event, const Payment& payment);
    /// The X-Razorpay-Signature of `body` under `webhook_secret`.
    static std::string Sign(const std::string& webhook_secret, const std::string& body);
    /// The payment of that id, made by Pay or FailAttempt.
    std::optional<Payment> FindPayment(const std::string& payment_id) const;

    /// The status new refunds get (default "pending", as a normal refund starts).
    void SetRefundStatus(const std::string& status);
    /// The next `answers` refund calls make (or find) their refund, then answer after the hang
    /// (SetHang): the caller times out though Razorpay has the refund.
    void HangRefundAnswers(int answers) { hang_refunds_.store(answers); }
    /// Razorpay settles a refund: its status becomes `status` (processed / failed).
    void SettleRefund(const std::string& refund_id, const std::string& status);
    std::vector<Refund> refunds() const;
    /// How many POST …/refund calls arrived (accepted or not).
    int refund_calls() const { return refund_calls_.load(); }
    /// A refund.processed / refund.failed webhook body about `refund` (with its payment).
    std::string RefundEventBody(const std::string& event, const Refund& refund) const;

private:
    FakeRazorpay();
    void Register();
    std::optional<std::string> KeyOf(const http::Request& request) const;  ///< the key id of good Basic auth

    Logger logger_{2, LogLevel::kError};
    Metrics metrics_;
    http::Router router_;
    std::unique_ptr<http::Server> server_;
    std::thread thread_;
    std::atomic<Mode> mode_{Mode::kOk};
    std::atomic<std::int64_t> hang_ms_{5000};
    mutable std::mutex mutex_;
    std::map<std::string, std::string> keys_;  ///< key id → secret
    std::vector<Order> orders_;
    std::vector<Payment> payments_;
    std::vector<Refund> refunds_;
    std::string refund_status_ = "pending";
    std::atomic<int> hang_refunds_{0};
    std::atomic<int> refund_calls_{0};
    int next_ = 0;
};

}  // namespace webdpro::fakes
