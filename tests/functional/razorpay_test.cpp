// Razorpay Standard Checkout over HTTP on the real binary, against a fake Razorpay on loopback:
// the order is created with our total, Checkout's answer is verified against our own Razorpay order
// id, webhooks are signed per business and applied once whatever order they arrive in, and
// another business's secret or order changes nothing.
#include <chrono>
#include <fstream>
#include <functional>
#include <iterator>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "fakes/fake_razorpay.hpp"
#include "orders_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

using fakes::FakeRazorpay;

constexpr const char* kKeyId = "rzp_test_Meera1234ab";
constexpr const char* kKeySecret = "meera-key-secret-0001";
constexpr const char* kWebhookSecret = "meera-webhook-secret-01";

class RazorpayOverHttp : public ShopTest {
protected:
    void SetUp() override {
        std::string error;
        razorpay_ = FakeRazorpay::Start(error);
        ASSERT_NE(razorpay_, nullptr) << error;
        razorpay_->AddKeys(kKeyId, kKeySecret);
        ASSERT_NO_FATAL_FAILURE(OpenShop({.owner_phone = "9000000401",
                                          .business = "Meera Stores",
                                          .slug = "meera-pay",
                                          .products = 2,
                                          .stock = 50,
                                          .extra_args = ExtraArgs()}));
        auto keys = AsOwner("PUT", "/api/tenant/payment-settings",
                            {{"razorpay_key_id", kKeyId},
                             {"razorpay_key_secret", kKeySecret},
                             {"razorpay_webhook_secret", kWebhookSecret}});
        ASSERT_EQ(keys.status, 200) << keys.Describe();
        auto on = AsOwner("PUT", "/api/stores/" + store_.store_id + "/checkout-settings",
                          {{"methods", {{"cod", true}, {"razorpay", true}}}});
        ASSERT_EQ(on.status, 200) << on.Describe();
        ASSERT_EQ(on.json["methods"]["razorpay"], true);
    }

    /// The server's flags: the fake's address, a short timeout; the reconciler as configured by default.
    virtual std::vector<std::string> ExtraArgs() const {
        return {"--set", "payments.razorpay_api_base=" + razorpay_->base_url(), "--set",
                "payments.razorpay_timeout_ms=1000"};
    }

    ApiReply AsOwner(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr) {
        return Call(method, server_->url(path), {owner_->Auth(), {"Content-Type", "application/json"}},
                    body.is_null() ? std::string() : body.dump());
    }

    /// A Razorpay order of `units` of the first product; its id and tracking token.
    struct Placed {
        std::string order;
        std::string token;
        nlohmann::json answer;
    };
    Placed PlaceRazorpay(int units, const std::string& key) {
        auto placed = Place(CheckoutBody({{store_.product_ids[0], units}}, {}, "RAZORPAY"), key);
        EXPECT_EQ(placed.status, 201) << placed.Describe();
        const std::string tracking = placed.json.value("tracking_url", "");
        return {placed.json.value("order_id", ""), tracking.substr(tracking.find("&t=") + 3), placed.json};
    }

    std::string OrderPath(const Placed& p, const std::string& rest) const {
        return "/s/" + store_.slug + "/api/orders/" + p.order + rest + "?t=" + p.token;
    }

    ApiReply Verify(const Placed& p, const std::string& payment_id, const std::string& signature) {
        return Call("POST", server_->url(OrderPath(p, "/razorpay/verify")), {{"Content-Type", "application/json"}},
                    nlohmann::json{{"razorpay_order_id", "order_whatever_the_browser_says"},
                                   {"razorpay_payment_id", payment_id},
                                   {"razorpay_signature", signature}}
                        .dump());
    }

    ApiReply Webhook(const std::string& tenant, const std::string& body, const std::string& secret,
                     const std::string& event_id) {
        return Call("POST", server_->url("/api/webhooks/razorpay/" + tenant),
                    {{"Content-Type", "application/json"},
                     {"X-Razorpay-Signature", FakeRazorpay::Sign(secret, body)},
                     {"x-razorpay-event-id", event_id}},
                    body);
    }

    std::int64_t Events(const std::string& type, const std::string& order) {
        return QueryInt(*server_, "SELECT count(*) FROM outbox WHERE type = '" + type +
                                      "' AND json_extract(payload, '$.order_id') = '" + order + "'");
    }
    std::string OrderState(const std::string& order) {
        return QueryInt(*server_, "SELECT count(*) FROM orders WHERE order_id = '" + order +
                                      "' AND status = 'CONFIRMED' AND payment_status = 'PAID'") == 1
                   ? "paid"
                   : (QueryInt(*server_, "SELECT count(*) FROM orders WHERE order_id = '" + order +
                                             "' AND status = 'PENDING_PAYMENT'") == 1
                          ? "pending"
                          : "other");
    }
    std::int64_t PaymentsIn(const std::string& order, const std::string& status) {
        return QueryInt(*server_,
                        "SELECT count(*) FROM payments WHERE order_id = '" + order + "' AND status = '" + status + "'");
    }

    std::unique_ptr<FakeRazorpay> razorpay_;
};

TEST_F(RazorpayOverHttp, PlaceVerifyPaidAndAForgedSignatureChangesNothing) {
    // Razorpay down or slow at placement: the order stands and the page can start the payment again.
    razorpay_->SetMode(FakeRazorpay::Mode::kFail500);
    auto down = PlaceRazorpay(2, "rzp-down");
    EXPECT_EQ(down.answer["status"], "PENDING_PAYMENT");
    EXPECT_FALSE(down.answer.contains("razorpay"));
    EXPECT_TRUE(down.answer.contains("razorpay_error")) << down.answer.dump();
    razorpay_->SetMode(FakeRazorpay::Mode::kHang);
    razorpay_->SetHang(std::chrono::milliseconds(3000));
    auto slow = Call("POST", server_->url(OrderPath(down, "/razorpay")), {{"Content-Type", "application/json"}}, "");
    EXPECT_EQ(slow.status, 504) << slow.Describe();
    razorpay_->SetMode(FakeRazorpay::Mode::kOk);
    auto again = Call("POST", server_->url(OrderPath(down, "/razorpay")), {{"Content-Type", "application/json"}}, "");
    ASSERT_EQ(again.status, 200) << again.Describe();
    EXPECT_EQ(again.json["amount_paise"], 2000);
    EXPECT_EQ(
        Call("POST", server_->url("/s/" + store_.slug + "/api/orders/" + down.order + "/razorpay?t=wrong")).status,
        404);

    // Placement creates the Razorpay order from our total, receipt = our order id.
    auto p = PlaceRazorpay(3, "rzp-happy");
    ASSERT_TRUE(p.answer.contains("razorpay")) << p.answer.dump();
    const auto& checkout = p.answer["razorpay"];
    EXPECT_EQ(checkout["key_id"], kKeyId);
    EXPECT_EQ(checkout["amount_paise"], p.answer["totals"]["total_paise"]);
    EXPECT_EQ(checkout["currency"], "INR");
    EXPECT_EQ(checkout["script_url"], "https://checkout.razorpay.com/v1/checkout.js");
    EXPECT_EQ(checkout.dump().find(kKeySecret), std::string::npos);
    auto made = razorpay_->OrderByReceipt(p.order);
    ASSERT_TRUE(made);
    EXPECT_EQ(checkout["razorpay_order_id"], made->id);
    EXPECT_EQ(made->amount, 3000);
    EXPECT_EQ(made->notes["tenant_id"], tenant_id_);
    EXPECT_EQ(made->notes["store_id"], store_.store_id);
    // Asking again gives the same Razorpay order.
    auto same = Call("POST", server_->url(OrderPath(p, "/razorpay")), {{"Content-Type", "application/json"}}, "");
    EXPECT_EQ(same.json["razorpay_order_id"], made->id);

    // Forged, altered or borrowed signatures: 400 and nothing changes.
    auto paid = razorpay_->Pay(made->id);
    auto other = razorpay_->Pay(razorpay_->OrderByReceipt(down.order)->id);  // a real payment of another order
    std::string flipped = paid.razorpay_signature;
    flipped[0] = flipped[0] == 'a' ? 'b' : 'a';
    for (const auto& [payment, signature] :
         std::vector<std::pair<std::string, std::string>>{{paid.razorpay_payment_id, flipped},
                                                          {paid.razorpay_payment_id, std::string(64, '0')},
                                                          {other.razorpay_payment_id, other.razorpay_signature},
                                                          {paid.razorpay_payment_id, other.razorpay_signature},
                                                          {"", paid.razorpay_signature}}) {
        auto refused = Verify(p, payment, signature);
        EXPECT_EQ(refused.status, 400) << refused.Describe();
    }
    EXPECT_EQ(OrderState(p.order), "pending");
    EXPECT_EQ(PaymentsIn(p.order, "CREATED"), 1);
    EXPECT_EQ(Events("PAYMENT_CAPTURED", p.order), 0);

    // The real answer: paid, once.
    auto ok = Verify(p, paid.razorpay_payment_id, paid.razorpay_signature);
    ASSERT_EQ(ok.status, 200) << ok.Describe();
    EXPECT_EQ(ok.json["state"], "PAID");
    auto twice = Verify(p, paid.razorpay_payment_id, paid.razorpay_signature);
    EXPECT_EQ(twice.status, 200);
    EXPECT_EQ(OrderState(p.order), "paid");
    EXPECT_EQ(PaymentsIn(p.order, "CAPTURED"), 1);
    EXPECT_EQ(Events("PAYMENT_CAPTURED", p.order), 1);
    EXPECT_EQ(Events("ORDER_CONFIRMED", p.order), 1);
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM payments WHERE order_id = '" + p.order +
                                     "' AND provider_payment_id = '" + paid.razorpay_payment_id + "'"),
              1);
}

TEST_F(RazorpayOverHttp, WebhooksApplyOnceInAnyOrderAndStayInTheirTenant) {
    // Captured, delivered three times, with a late failure of an earlier attempt in between.
    auto a = PlaceRazorpay(2, "rzp-hook-a");
    const std::string a_rzp = a.answer["razorpay"]["razorpay_order_id"];
    auto failed_attempt = razorpay_->FailAttempt(a_rzp);
    auto captured = razorpay_->FindPayment(razorpay_->Pay(a_rzp).razorpay_payment_id);
    ASSERT_TRUE(captured);
    const std::string captured_body = FakeRazorpay::EventBody("payment.captured", *captured);
    const std::string failed_body = FakeRazorpay::EventBody("payment.failed", failed_attempt);
    const std::string paid_body = FakeRazorpay::EventBody("order.paid", *captured);
    for (const auto& [body, event_id] : std::vector<std::pair<std::string, std::string>>{{captured_body, "evt_A1"},
                                                                                         {captured_body, "evt_A1"},
                                                                                         {failed_body, "evt_A2"},
                                                                                         {captured_body, "evt_A1"},
                                                                                         {paid_body, "evt_A3"}}) {
        auto delivered = Webhook(tenant_id_, body, kWebhookSecret, event_id);
        EXPECT_EQ(delivered.status, 200) << delivered.Describe();
    }
    EXPECT_EQ(OrderState(a.order), "paid");
    EXPECT_EQ(PaymentsIn(a.order, "CAPTURED"), 1);
    EXPECT_EQ(Events("PAYMENT_CAPTURED", a.order), 1);
    EXPECT_EQ(Events("PAYMENT_FAILED", a.order), 0);
    EXPECT_EQ(Events("ORDER_CONFIRMED", a.order), 1);
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM razorpay_webhook_events WHERE tenant_id = '" + tenant_id_ + "'"),
              3);

    // The other way round: the failure first (the order waits), then the capture completes it.
    auto b = PlaceRazorpay(1, "rzp-hook-b");
    const std::string b_rzp = b.answer["razorpay"]["razorpay_order_id"];
    ASSERT_EQ(Webhook(tenant_id_, FakeRazorpay::EventBody("payment.failed", razorpay_->FailAttempt(b_rzp)),
                      kWebhookSecret, "evt_B1")
                  .status,
              200);
    EXPECT_EQ(OrderState(b.order), "pending");
    EXPECT_EQ(PaymentsIn(b.order, "FAILED"), 1);
    EXPECT_EQ(Events("PAYMENT_FAILED", b.order), 1);
    auto b_paid = razorpay_->FindPayment(razorpay_->Pay(b_rzp).razorpay_payment_id);
    ASSERT_EQ(
        Webhook(tenant_id_, FakeRazorpay::EventBody("payment.captured", *b_paid), kWebhookSecret, "evt_B2").status,
        200);
    EXPECT_EQ(OrderState(b.order), "paid");
    EXPECT_EQ(Events("PAYMENT_CAPTURED", b.order), 1);

    // Another business with its own keys and webhook secret.
    auto stranger = SignUpOwner(*server_, "9000000402", "Other Shop");
    ASSERT_TRUE(stranger);
    const std::string other_tenant = stranger->account["tenant"]["id"];
    const std::string other_secret = "other-webhook-secret-9";
    ASSERT_EQ(Call("PUT", server_->url("/api/tenant/payment-settings"),
                   {stranger->Auth(), {"Content-Type", "application/json"}},
                   nlohmann::json{{"razorpay_key_id", "rzp_test_Other5678cd"},
                                  {"razorpay_key_secret", "other-key-secret-0002"},
                                  {"razorpay_webhook_secret", other_secret}}
                       .dump())
                  .status,
              200);
    auto c = PlaceRazorpay(1, "rzp-hook-c");
    const std::string c_rzp = c.answer["razorpay"]["razorpay_order_id"];
    auto c_paid = razorpay_->FindPayment(razorpay_->Pay(c_rzp).razorpay_payment_id);
    const std::string c_body = FakeRazorpay::EventBody("payment.captured", *c_paid);
    // Signed with the other business's secret, sent to ours: refused.
    EXPECT_EQ(Webhook(tenant_id_, c_body, other_secret, "evt_C1").status, 400);
    // A forged signature: refused.
    auto forged = Call("POST", server_->url("/api/webhooks/razorpay/" + tenant_id_),
                       {{"X-Razorpay-Signature", std::string(64, 'a')}, {"x-razorpay-event-id", "evt_C2"}}, c_body);
    EXPECT_EQ(forged.status, 400);
    // Properly signed by the other business, about our order: not theirs, so nothing happens.
    auto theirs = Webhook(other_tenant, c_body, other_secret, "evt_C3");
    EXPECT_EQ(theirs.status, 200) << theirs.Describe();
    EXPECT_NE(theirs.body.find("ignored"), std::string::npos) << theirs.body;
    // A business that set no webhook secret, or no business at all.
    EXPECT_EQ(Webhook("ten_00000000000000000000000000", c_body, kWebhookSecret, "evt_C4").status, 404);
    EXPECT_EQ(OrderState(c.order), "pending");
    EXPECT_EQ(PaymentsIn(c.order, "CREATED"), 1);
    EXPECT_EQ(Events("PAYMENT_CAPTURED", c.order), 0);
    EXPECT_EQ(QueryInt(*server_,
                       "SELECT count(*) FROM razorpay_webhook_events WHERE event_id LIKE 'evt_C%' AND "
                       "tenant_id = '" +
                           tenant_id_ + "'"),
              0);
    // Our own, properly signed: paid.
    EXPECT_EQ(Webhook(tenant_id_, c_body, kWebhookSecret, "evt_C5").status, 200);
    EXPECT_EQ(OrderState(c.order), "paid");
}

/// A reconciler that asks soon and often.
class RazorpayReconciler : public RazorpayOverHttp {
protected:
    std::vector<std::string> ExtraArgs() const override {
        auto args = RazorpayOverHttp::ExtraArgs();
        args.insert(args.end(),
                    {"--set", "payments.reconcile_interval_ms=200", "--set", "payments.reconcile_after_ms=300"});
        return args;
    }
};

TEST_F(RazorpayReconciler, FindsAPaymentTheServerNeverHeardAbout) {
    // Paid at Razorpay, but neither Checkout's answer nor a webhook ever reached the server (as
    // when it is killed between the two): the reconciler asks Razorpay and completes the order.
    auto p = PlaceRazorpay(2, "rzp-recon");
    const std::string p_rzp = p.answer["razorpay"]["razorpay_order_id"];
    // Another order whose only attempt failed, and one nobody tried to pay yet.
    auto q = PlaceRazorpay(1, "rzp-recon-failed");
    razorpay_->FailAttempt(q.answer["razorpay"]["razorpay_order_id"]);
    auto r = PlaceRazorpay(1, "rzp-recon-untried");
    auto waitFor = [](const std::function<bool()>& done, std::chrono::seconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return done();
    };
    const std::string attempts_of_p = "SELECT reconcile_attempts FROM payments WHERE order_id = '" + p.order + "'";

    // Razorpay down: each question fails, the payment is asked about again later, nothing changes.
    razorpay_->SetMode(FakeRazorpay::Mode::kFail500);
    razorpay_->Pay(p_rzp);
    EXPECT_TRUE(waitFor([&] { return QueryInt(*server_, attempts_of_p) >= 2; }, std::chrono::seconds(10)));
    EXPECT_EQ(OrderState(p.order), "pending");
    EXPECT_EQ(PaymentsIn(p.order, "CREATED"), 1);

    // Razorpay back: the captured payment pays the order, once, and is not asked about again.
    razorpay_->SetMode(FakeRazorpay::Mode::kOk);
    EXPECT_TRUE(waitFor([&] { return OrderState(p.order) == "paid"; }, std::chrono::seconds(20))) << server_->Log();
    EXPECT_EQ(Events("PAYMENT_CAPTURED", p.order), 1);
    EXPECT_EQ(Events("ORDER_CONFIRMED", p.order), 1);
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM payments WHERE order_id = '" + p.order +
                                     "' AND status = 'CAPTURED' AND reconcile_at IS NULL AND provider_payment_id "
                                     "LIKE 'pay_%'"),
              1);
    const std::int64_t asked = QueryInt(*server_, attempts_of_p);

    // The failed attempt is recorded through the same machine; the order still waits for money.
    EXPECT_TRUE(waitFor([&] { return PaymentsIn(q.order, "FAILED") == 1; }, std::chrono::seconds(10)));
    EXPECT_EQ(Events("PAYMENT_FAILED", q.order), 1);
    EXPECT_EQ(OrderState(q.order), "pending");
    // Nobody paid the third: asked about, unchanged.
    EXPECT_TRUE(waitFor(
        [&] {
            return QueryInt(*server_, "SELECT reconcile_attempts FROM payments WHERE order_id = '" + r.order + "'") >=
                   1;
        },
        std::chrono::seconds(10)));
    EXPECT_EQ(PaymentsIn(r.order, "CREATED"), 1);
    EXPECT_EQ(OrderState(r.order), "pending");
    EXPECT_EQ(QueryInt(*server_, attempts_of_p), asked);
    EXPECT_EQ(Events("PAYMENT_CAPTURED", p.order), 1);
}

/// Refunds: quick outbox retries and a reconciler that asks soon.
class RefundsOverHttp : public RazorpayOverHttp {
protected:
    std::vector<std::string> ExtraArgs() const override {
        auto args = RazorpayOverHttp::ExtraArgs();
        args.insert(args.end(), {"--set", "events.backoff_base_ms=200", "--set", "events.backoff_max_ms=400", "--set",
                                 "payments.reconcile_interval_ms=200", "--set",
                                 "payments.reconcile_after_ms=" + ReconcileAfterMs()});
        return args;
    }

    /// When the reconciler first asks about a refund (soon: it follows refunds no webhook reported).
    virtual std::string ReconcileAfterMs() const { return "300"; }

    static bool WaitFor(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(15)) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return done();
    }

    /// A Razorpay order of `units`, paid through Checkout and verified.
    Placed PlacePaid(int units, const std::string& key) {
        auto p = PlaceRazorpay(units, key);
        auto paid = razorpay_->Pay(p.answer["razorpay"]["razorpay_order_id"]);
        auto ok = Verify(p, paid.razorpay_payment_id, paid.razorpay_signature);
        EXPECT_EQ(ok.status, 200) << ok.Describe();
        EXPECT_EQ(OrderState(p.order), "paid");
        return p;
    }

    ApiReply Cancel(const Placed& p) {
        return AsOwner("POST", "/api/orders/" + p.order + "/status",
                       {{"status", "CANCELLED"}, {"reason", "customer asked"}});
    }

    /// How many refunds of `order` match `condition`.
    std::int64_t Refunds(const std::string& order, const std::string& condition = "1 = 1") {
        return QueryInt(*server_, "SELECT count(*) FROM refunds WHERE order_id = '" + order + "' AND " + condition);
    }
    bool Sent(const std::string& order) { return Refunds(order, "provider_refund_id IS NOT NULL") == 1; }
    bool InState(const std::string& order, const std::string& state) {
        return Refunds(order, "state = '" + state + "'") == 1;
    }
    /// The owner's view of the order's refunds.
    nlohmann::json OwnerRefunds(const std::string& order) {
        auto view = AsOwner("GET", "/api/orders/" + order + "/refunds");
        EXPECT_EQ(view.status, 200) << view.Describe();
        return view.json["refunds"];
    }

    std::string Sms() const {
        std::ifstream in(server_->data_dir() / "outbox" / "sms.jsonl");
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    std::int64_t Stock() { return QueryInt(*server_, "SELECT sum(stock_quantity) FROM products"); }
};

/// Refunds whose only way to Razorpay is the outbox's retries: the reconciler asks much later.
class RefundRetries : public RefundsOverHttp {
protected:
    std::string ReconcileAfterMs() const override { return "600000"; }
};

TEST_F(RefundRetries, CancellingAPaidOrderRefundsItOnceEvenWhenTheFirstCallTimesOut) {
    auto p = PlacePaid(3, "refund-timeout");
    const std::int64_t stock_paid = Stock();
    // Razorpay makes the refund but answers after our 1 s timeout: the dispatcher sends it again
    // with the same X-Refund-Idempotency and gets the same refund.
    razorpay_->SetHang(std::chrono::milliseconds(1500));
    razorpay_->HangRefundAnswers(1);
    const auto asked = std::chrono::steady_clock::now();
    auto cancelled = Cancel(p);
    const auto took = std::chrono::steady_clock::now() - asked;
    ASSERT_EQ(cancelled.status, 200) << cancelled.Describe();
    EXPECT_EQ(cancelled.json["order"]["status"], "CANCELLED");
    // The owner's request never waits on Razorpay (a call to it would take the whole 1 s timeout).
    EXPECT_LT(took, std::chrono::milliseconds(1000));
    EXPECT_EQ(Stock(), stock_paid + 3);

    ASSERT_TRUE(WaitFor([&] { return Sent(p.order); })) << server_->Log();
    const auto refunds = razorpay_->refunds();
    ASSERT_EQ(refunds.size(), 1U);
    EXPECT_GE(razorpay_->refund_calls(), 2);
    const auto ours = OwnerRefunds(p.order);
    ASSERT_EQ(ours.size(), 1U);
    const std::string refund_id = ours[0]["refund_id"];
    EXPECT_EQ(refunds[0].idempotency_key, refund_id);
    EXPECT_EQ(refunds[0].amount, 3000);
    EXPECT_EQ(refunds[0].notes["refund_id"], refund_id);
    EXPECT_EQ(ours[0]["razorpay_refund_id"], refunds[0].id);
    EXPECT_EQ(ours[0]["state"], "REQUESTED");  // Razorpay said pending
    EXPECT_EQ(Events("REFUND_REQUESTED", p.order), 1);

    // refund.processed three times (one event id), then an older refund.failed: processed, once.
    razorpay_->SettleRefund(refunds[0].id, "processed");
    const std::string processed = razorpay_->RefundEventBody("refund.processed", refunds[0]);
    const std::string failed = razorpay_->RefundEventBody("refund.failed", refunds[0]);
    for (const auto& [body, id] : std::vector<std::pair<std::string, std::string>>{
             {processed, "evt_R1"}, {processed, "evt_R1"}, {failed, "evt_R0"}, {processed, "evt_R1"}}) {
        auto delivered = Webhook(tenant_id_, body, kWebhookSecret, id);
        EXPECT_EQ(delivered.status, 200) << delivered.Describe();
    }
    EXPECT_TRUE(InState(p.order, "PROCESSED"));
    EXPECT_EQ(Events("REFUND_PROCESSED", p.order), 1);
    EXPECT_EQ(Events("REFUND_FAILED", p.order), 0);
    EXPECT_EQ(PaymentsIn(p.order, "REFUNDED"), 1);
    EXPECT_EQ(razorpay_->refunds().size(), 1U);
    EXPECT_EQ(Stock(), stock_paid + 3);

    // The owner sees it on the order and in the payments list; the customer on the tracking page.
    auto owner_view = AsOwner("GET", "/api/orders/" + p.order + "/refunds");
    ASSERT_EQ(owner_view.status, 200) << owner_view.Describe();
    ASSERT_EQ(owner_view.json["refunds"].size(), 1U);
    EXPECT_EQ(owner_view.json["refunds"][0]["state"], "PROCESSED");
    EXPECT_EQ(owner_view.json["refunds"][0]["amount_paise"], 3000);
    EXPECT_EQ(owner_view.json["refunds"][0]["razorpay_refund_id"], refunds[0].id);
    auto listed = AsOwner("GET", "/api/payments/refunds");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json["refunds"][0]["refund_id"], refund_id);
    auto customer = Call("GET", server_->url(OrderPath(p, "/refunds")));
    ASSERT_EQ(customer.status, 200) << customer.Describe();
    EXPECT_EQ(customer.json["refunds"][0]["state"], "PROCESSED");
    EXPECT_EQ(customer.json["refunds"][0]["amount_paise"], 3000);
    EXPECT_FALSE(customer.json["refunds"][0].contains("razorpay_refund_id"));
    EXPECT_EQ(Call("GET", server_->url("/s/" + store_.slug + "/api/orders/" + p.order + "/refunds?t=wrong")).status,
              404);
    EXPECT_TRUE(WaitFor([&] {
        return Sms().find("for order " + p.order + " has been processed") != std::string::npos;
    })) << Sms();

    // The dashboard counts it apart from revenue (the cancelled order is no revenue already).
    ASSERT_TRUE(WaitFor([&] {
        auto today = AsOwner("GET", "/api/tenant/dashboard?range=today");
        return today.status == 200 && today.json["totals"].value("refunds", 0) == 1;
    }));
    auto today = AsOwner("GET", "/api/tenant/dashboard?range=today");
    EXPECT_EQ(today.json["totals"]["refunded_paise"], 3000);
    EXPECT_EQ(today.json["totals"]["revenue_paise"], 0);

    // Another business sees none of it and cannot touch it.
    auto stranger = SignUpOwner(*server_, "9000000403", "Stranger Shop");
    ASSERT_TRUE(stranger);
    auto theirs = Call("GET", server_->url("/api/orders/" + p.order + "/refunds"), {stranger->Auth()});
    EXPECT_EQ(theirs.status, 404) << theirs.Describe();
    auto their_list = Call("GET", server_->url("/api/payments/refunds"), {stranger->Auth()});
    EXPECT_EQ(their_list.status, 200);
    EXPECT_TRUE(their_list.json["refunds"].empty());
    auto mark = Call("POST", server_->url("/api/refunds/" + refund_id + "/returned"),
                     {stranger->Auth(), {"Content-Type", "application/json"}}, "{}");
    EXPECT_EQ(mark.status, 404) << mark.Describe();
    // A Razorpay refund is not marked by hand, even by its owner.
    EXPECT_EQ(AsOwner("POST", "/api/refunds/" + refund_id + "/returned", nlohmann::json::object()).status, 409);
}

TEST_F(RefundsOverHttp, ARefundAfterRazorpayErrorsAndAFailedRefundIsShown) {
    auto p = PlacePaid(1, "refund-5xx");
    razorpay_->SetMode(FakeRazorpay::Mode::kFail500);
    ASSERT_EQ(Cancel(p).status, 200);
    ASSERT_TRUE(WaitFor([&] { return razorpay_->refund_calls() >= 2; }));
    EXPECT_TRUE(InState(p.order, "REQUESTED"));
    EXPECT_TRUE(razorpay_->refunds().empty());
    razorpay_->SetMode(FakeRazorpay::Mode::kOk);
    ASSERT_TRUE(WaitFor([&] { return Sent(p.order); })) << server_->Log();
    ASSERT_EQ(razorpay_->refunds().size(), 1U);

    auto refund = razorpay_->refunds()[0];
    razorpay_->SettleRefund(refund.id, "failed");
    ASSERT_EQ(Webhook(tenant_id_, razorpay_->RefundEventBody("refund.failed", refund), kWebhookSecret, "evt_F1").status,
              200);
    EXPECT_TRUE(InState(p.order, "FAILED"));
    EXPECT_EQ(Events("REFUND_FAILED", p.order), 1);
    EXPECT_TRUE(WaitFor([&] {
        return Sms().find("Razorpay could not refund ₹10.00 for order " + p.order) != std::string::npos;
    })) << Sms();
    EXPECT_EQ(PaymentsIn(p.order, "CAPTURED"), 1);
    auto owner_view = AsOwner("GET", "/api/orders/" + p.order + "/refunds");
    EXPECT_EQ(owner_view.json["refunds"][0]["state"], "FAILED");
    EXPECT_FALSE(owner_view.json["refunds"][0]["error"].is_null());
    // A webhook signed by nobody we know changes nothing.
    EXPECT_EQ(Webhook(tenant_id_, razorpay_->RefundEventBody("refund.processed", refund), "wrong-secret-0000", "evt_F2")
                  .status,
              400);
    EXPECT_TRUE(InState(p.order, "FAILED"));
}

TEST_F(RefundsOverHttp, TheReconcilerFollowsARefundNoWebhookReported) {
    auto p = PlacePaid(2, "refund-recon");
    ASSERT_EQ(Cancel(p).status, 200);
    ASSERT_TRUE(WaitFor([&] { return Sent(p.order); }));
    razorpay_->SettleRefund(razorpay_->refunds()[0].id, "processed");
    ASSERT_TRUE(WaitFor([&] { return InState(p.order, "PROCESSED"); })) << server_->Log();
    EXPECT_EQ(Events("REFUND_PROCESSED", p.order), 1);
    EXPECT_EQ(PaymentsIn(p.order, "REFUNDED"), 1);
    EXPECT_EQ(razorpay_->refunds().size(), 1U);
}

TEST_F(RefundsOverHttp, ALatePaymentAfterTheOrderWasCancelledIsRefundedAndTheCustomerTold) {
    auto p = PlaceRazorpay(2, "refund-late");
    const std::string rzp = p.answer["razorpay"]["razorpay_order_id"];
    const std::int64_t stock_held = Stock();
    ASSERT_EQ(Cancel(p).status, 200);
    EXPECT_EQ(Stock(), stock_held + 2);
    // Nothing was paid when it was cancelled: no refund.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(Refunds(p.order), 0);

    // The money comes anyway (a late authorisation, captured): refunded in full, automatically.
    razorpay_->SetRefundStatus("processed");
    auto late = razorpay_->FindPayment(razorpay_->Pay(rzp).razorpay_payment_id);
    ASSERT_TRUE(late);
    auto hook = Webhook(tenant_id_, FakeRazorpay::EventBody("payment.captured", *late), kWebhookSecret, "evt_L1");
    ASSERT_EQ(hook.status, 200) << hook.Describe();
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM orders WHERE order_id = '" + p.order +
                                     "' AND status = "
                                     "'CANCELLED'"),
              1);
    EXPECT_EQ(Refunds(p.order, "reason = 'paid after the order was cancelled'"), 1);
    ASSERT_TRUE(WaitFor([&] { return InState(p.order, "PROCESSED"); })) << server_->Log();
    ASSERT_EQ(razorpay_->refunds().size(), 1U);
    EXPECT_EQ(razorpay_->refunds()[0].payment_id, late->id);
    EXPECT_EQ(razorpay_->refunds()[0].amount, 2000);
    EXPECT_EQ(PaymentsIn(p.order, "REFUNDED"), 1);
    EXPECT_EQ(Stock(), stock_held + 2);  // the stock stayed released
    EXPECT_TRUE(WaitFor([&] {
        return Sms().find("arrived after the order was cancelled. It is being refunded") != std::string::npos;
    })) << Sms();
    auto customer = Call("GET", server_->url(OrderPath(p, "/refunds")));
    ASSERT_EQ(customer.status, 200);
    EXPECT_EQ(customer.json["refunds"][0]["late_payment"], true);
}

}  // namespace
}  // namespace webdpro::testing
