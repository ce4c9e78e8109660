#include "payments/refund_state.hpp"

#include <cctype>
#include <set>

#include <gtest/gtest.h>

#include "auth/test_util.hpp"
#include "core/work_pool.hpp"
#include "http/client.hpp"
#include "orders/order_service.hpp"
#include "payments/refund_service.hpp"
#include "storage/db.hpp"

namespace webdpro::payments {
namespace {

using auth::testing::Await;
using auth::testing::Count;

TEST(RefundState, MovesOnlyForward) {
    using enum RefundState;
    const std::vector<RefundState> all = {kRequested, kProcessed, kFailed};
    const std::set<std::pair<RefundState, RefundState>> allowed = {{kRequested, kProcessed}, {kRequested, kFailed}};
    for (auto from : all) {
        EXPECT_EQ(ParseRefundState(RefundStateName(from)), from);
        for (auto to : all) {
            EXPECT_EQ(RefundMoveAllowed(from, to), allowed.contains({from, to}))
                << RefundStateName(from) << " -> " << RefundStateName(to);
        }
    }
    EXPECT_FALSE(ParseRefundState("REFUNDED"));
    EXPECT_FALSE(ParseRefundState("processed"));
}

TEST(RefundState, ReadsRazorpayStatuses) {
    EXPECT_EQ(RefundStateOfRazorpay("processed"), RefundState::kProcessed);
    EXPECT_EQ(RefundStateOfRazorpay("failed"), RefundState::kFailed);
    EXPECT_EQ(RefundStateOfRazorpay("pending"), RefundState::kRequested);
    EXPECT_EQ(RefundStateOfRazorpay(""), RefundState::kRequested);
    EXPECT_EQ(ParseRefundProvider("UPI"), RefundProvider::kUpi);
    EXPECT_EQ(ParseRefundProvider(RefundProviderName(RefundProvider::kRazorpay)), RefundProvider::kRazorpay);
    EXPECT_FALSE(ParseRefundProvider("COD"));
}

TEST(RefundState, IdsAreGoodIdempotencyKeys) {
    // Razorpay takes at least 10 of [A-Za-z0-9_-] as X-Refund-Idempotency.
    const std::string id = RefundId::New().str();
    EXPECT_GE(id.size(), 10U);
    EXPECT_TRUE(id.starts_with("rfd_"));
    for (char c : id) {
        EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') << id;
    }
}

Result<void> Exec(storage::Db& db, const std::string& sql) {
    return db.WriteSync([&](storage::Conn& conn) { return conn.ExecScript(sql); });
}

PiiVault MakeVault() {
    return *PiiVault::Create(SecretBytes(Bytes(32, 'e')), SecretBytes(Bytes(32, 'i')));
}

/// The machine over a migrated database: one refund per payment, news applied once.
class RefundMachineTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        orders_ = std::make_unique<orders::OrderService>(*db_, vault_, orders::OrderOptions{});
        const auto shop = auth::testing::InsertShop(*db_, "refunds-shop", "PUBLISHED");
        store_ = stores::StoreRef{.tenant_id = shop.tenant,
                                  .store_id = shop.store,
                                  .slug = "refunds-shop",
                                  .status = stores::StoreStatus::kPublished};
        product_ = ProductId::New();
        ASSERT_TRUE(Exec(*db_,
                         "INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, stock_quantity, "
                         "low_stock_threshold, gst_rate_bp, active, created_at, updated_at) VALUES ('" +
                             store_.tenant_id.str() + "', '" + product_.str() + "', '" + store_.store_id.str() +
                             "', 'Atta', 29950, 10, 0, 0, 1, 1, 1);"));
        auto placed = Await(orders_->Place(store_, orders::PlaceOrder{.items = {{product_.str(), 1}},
                                                                      .customer = {.name = "Asha",
                                                                                   .phone = "98765 43210",
                                                                                   .address = "12 MG Road, Pune",
                                                                                   .pincode = "411001",
                                                                                   .gstin = ""},
                                                                      .payment_method = "COD",
                                                                      .idempotency_key = NewIdString("key"),
                                                                      .customer_user_id = std::nullopt}));
        ASSERT_TRUE(placed) << placed.error().message;
        order_ = placed->order.id;
    }

    /// A payment of the order in `status`, by `provider`.
    PaymentId Payment(const std::string& provider, const std::string& status) {
        const PaymentId id = PaymentId::New();
        EXPECT_TRUE(Exec(*db_,
                         "INSERT INTO payments (tenant_id, payment_id, order_id, provider, provider_payment_id, "
                         "amount_paise, status, created_at, updated_at) VALUES ('" +
                             store_.tenant_id.str() + "', '" + id.str() + "', '" + order_.str() + "', '" + provider +
                             "', 'pay_Unit" + id.str().substr(4, 8) + "', 29950, '" + status + "', 1, 1);"));
        return id;
    }

    std::vector<RefundId> Request(std::string_view reason = kRefundOrderCancelled) {
        auto made = db_->WriteSync([&](storage::Conn& conn) {
            return RequestRefundsInTx(conn, store_.tenant_id, order_, reason, NowUtc(), std::chrono::minutes(1));
        });
        EXPECT_TRUE(made) << made.error().message;
        return made ? *made : std::vector<RefundId>();
    }

    Result<std::string> Event(const TenantId& tenant, const std::string& name, const std::string& rfnd,
                              const std::string& ours) {
        RazorpayEvent event;
        event.event = name;
        event.refund_id = rfnd;
        event.refund_status = name == "refund.processed" ? "processed" : "failed";
        event.our_refund_id = ours;
        return db_->WriteSync(
            [&](storage::Conn& conn) { return ApplyRazorpayRefundEventInTx(conn, tenant, event, NowUtc()); });
    }

    std::int64_t Outbox(const std::string& type) {
        return Count(*db_, "SELECT count(*) FROM outbox WHERE type = '" + type + "'");
    }

    PiiVault vault_ = MakeVault();
    std::unique_ptr<storage::SqliteDb> db_;
    std::unique_ptr<orders::OrderService> orders_;
    stores::StoreRef store_;
    ProductId product_;
    OrderId order_;
};

TEST_F(RefundMachineTest, NothingPaidNothingRefunded) {
    Payment("RAZORPAY", "FAILED");
    Payment("COD", "CAPTURED");
    EXPECT_TRUE(Request().empty());
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM refunds"), 0);
    EXPECT_EQ(Outbox("REFUND_REQUESTED"), 0);
}

TEST_F(RefundMachineTest, APaymentIsRefundedOnceAndProcessedOnce) {
    const PaymentId payment = Payment("RAZORPAY", "CAPTURED");
    const auto first = Request();
    ASSERT_EQ(first.size(), 1U);
    // A cancellation and a late payment both asking: still one refund.
    EXPECT_TRUE(Request(kRefundLatePayment).empty());
    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM refunds WHERE state = 'REQUESTED' AND amount_paise = 29950 AND "
                    "provider = 'RAZORPAY' AND reconcile_at IS NOT NULL"),
              1);
    EXPECT_EQ(Outbox("REFUND_REQUESTED"), 1);

    // Another business's webhook naming our refund changes nothing.
    const auto stranger = auth::testing::InsertShop(*db_, "stranger", "PUBLISHED");
    auto theirs = Event(stranger.tenant, "refund.processed", "rfnd_X1", first[0].str());
    ASSERT_FALSE(theirs);
    EXPECT_EQ(theirs.error().code, ErrorCode::kNotFound);

    // Found by the id we sent (Razorpay's answer to our call was lost), processed, once.
    auto processed = Event(store_.tenant_id, "refund.processed", "rfnd_X1", first[0].str());
    ASSERT_TRUE(processed) << processed.error().message;
    EXPECT_EQ(*processed, "applied: refund PROCESSED");
    auto again = Event(store_.tenant_id, "refund.processed", "rfnd_X1", "");
    ASSERT_TRUE(again);
    EXPECT_NE(again->find("ignored"), std::string::npos);
    // A failure arriving after it was processed does not move it back.
    auto late_failure = Event(store_.tenant_id, "refund.failed", "rfnd_X1", first[0].str());
    ASSERT_TRUE(late_failure);
    EXPECT_NE(late_failure->find("ignored"), std::string::npos);
    // Another Razorpay refund id for our refund is not ours.
    EXPECT_FALSE(Event(store_.tenant_id, "refund.failed", "rfnd_Other", first[0].str()));

    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM refunds WHERE state = 'PROCESSED' AND provider_refund_id = 'rfnd_X1' "
                    "AND processed_at IS NOT NULL AND reconcile_at IS NULL"),
              1);
    EXPECT_EQ(
        Count(*db_, "SELECT count(*) FROM payments WHERE payment_id = '" + payment.str() + "' AND status = 'REFUNDED'"),
        1);
    EXPECT_EQ(Outbox("REFUND_PROCESSED"), 1);
    EXPECT_EQ(Outbox("REFUND_FAILED"), 0);
}

TEST_F(RefundMachineTest, AFailureIsFinal) {
    Payment("RAZORPAY", "CAPTURED");
    const auto made = Request();
    ASSERT_EQ(made.size(), 1U);
    ASSERT_TRUE(Event(store_.tenant_id, "refund.failed", "rfnd_F1", made[0].str()));
    auto processed = Event(store_.tenant_id, "refund.processed", "rfnd_F1", made[0].str());
    ASSERT_TRUE(processed);
    EXPECT_NE(processed->find("ignored"), std::string::npos);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM refunds WHERE state = 'FAILED' AND error IS NOT NULL"), 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM payments WHERE status = 'CAPTURED'"), 1);
    EXPECT_EQ(Outbox("REFUND_FAILED"), 1);
    EXPECT_EQ(Outbox("REFUND_PROCESSED"), 0);
}

TEST_F(RefundMachineTest, AUpiRefundIsTheOwnersToReturnByHand) {
    Payment("UPI", "CAPTURED");
    const auto made = Request();
    ASSERT_EQ(made.size(), 1U);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM refunds WHERE provider = 'UPI' AND reconcile_at IS NULL"), 1);
    // Razorpay cannot settle a refund it never had.
    EXPECT_FALSE(Event(store_.tenant_id, "refund.processed", "rfnd_U1", made[0].str()));

    // Nothing is sent anywhere for it (the API points at a closed port and is never called).
    http::Client client;
    WorkPool pool("refund-test", 1, 4);
    RazorpayApi api(client, pool, RazorpayApiOptions{.base_url = "http://127.0.0.1:9"});
    RefundService refunds(*db_, vault_, api, RefundOptions{});
    auto requested = db_->ReadSync([&](storage::Conn& conn) -> Result<std::string> {
        auto row = conn.QueryOne("SELECT payload FROM outbox WHERE type = 'REFUND_REQUESTED'");
        if (!row || !*row) {
            return std::string();
        }
        return (*row)->Text("payload");
    });
    ASSERT_TRUE(requested);
    events::Event event{.id = EventId::New(),
                        .tenant_id = store_.tenant_id,
                        .type = std::string(kRefundRequested),
                        .payload = nlohmann::json::parse(*requested),
                        .attempts = 0,
                        .created_at = NowUtc()};
    EXPECT_TRUE(refunds.Send(event));
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM refunds WHERE state = 'REQUESTED'"), 1);

    // Another business cannot mark it; a Razorpay refund cannot be marked by hand.
    const auto stranger = auth::testing::InsertShop(*db_, "stranger-upi", "PUBLISHED");
    auto theirs = Await(refunds.MarkReturned(stranger.tenant, made[0], stranger.owner));
    ASSERT_FALSE(theirs);
    EXPECT_EQ(theirs.error().code, ErrorCode::kNotFound);
    const UserId owner = UserId::New();
    auto marked = Await(refunds.MarkReturned(store_.tenant_id, made[0], owner));
    ASSERT_TRUE(marked) << marked.error().message;
    EXPECT_EQ(marked->state, RefundState::kProcessed);
    ASSERT_TRUE(marked->processed_by);
    EXPECT_EQ(*marked->processed_by, owner);
    EXPECT_TRUE(marked->processed_at);
    auto twice = Await(refunds.MarkReturned(store_.tenant_id, made[0], owner));
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
    EXPECT_EQ(Outbox("REFUND_PROCESSED"), 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM audit_log WHERE action = 'refund.returned_by_hand'"), 1);
}

}  // namespace
}  // namespace webdpro::payments
