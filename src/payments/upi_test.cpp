#include "payments/upi.hpp"

#include <gtest/gtest.h>

#include "auth/test_util.hpp"
#include "orders/order_service.hpp"
#include "payments/payment_state.hpp"
#include "payments/upi_service.hpp"
#include "storage/db.hpp"

namespace webdpro::payments {
namespace {

using auth::testing::Await;
using auth::testing::Count;

PiiVault MakeVault() {
    return *PiiVault::Create(SecretBytes(Bytes(32, 'e')), SecretBytes(Bytes(32, 'i')));
}

Result<void> Exec(storage::Db& db, const std::string& sql) {
    return db.WriteSync([&](storage::Conn& conn) { return conn.ExecScript(sql); });
}

class UpiServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        orders_ = std::make_unique<orders::OrderService>(*db_, vault_, orders::OrderOptions{});
        upi_ = std::make_unique<UpiService>(*db_, UpiOptions{});
        store_ = Shop("sharma");
        other_ = Shop("gupta");
        product_ = ProductId::New();
        ASSERT_TRUE(Exec(*db_,
                         "INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, stock_quantity, "
                         "low_stock_threshold, gst_rate_bp, active, created_at, updated_at) VALUES ('" +
                             store_.tenant_id.str() + "', '" + product_.str() + "', '" + store_.store_id.str() +
                             "', 'Atta', 29950, 10, 0, 0, 1, 1, 1);"));
    }

    stores::StoreRef Shop(const std::string& slug) {
        const auto shop = auth::testing::InsertShop(*db_, slug, "PUBLISHED");
        EXPECT_TRUE(Exec(*db_,
                         "INSERT INTO payment_settings (tenant_id, upi_vpa, upi_payee_name, created_at, "
                         "updated_at) VALUES ('" +
                             shop.tenant.str() + "', '" + slug +
                             "@okaxis', 'Sharma & Sons', "
                             "1, 1); INSERT INTO checkout_settings (tenant_id, store_id, upi_enabled, created_at, "
                             "updated_at) VALUES ('" +
                             shop.tenant.str() + "', '" + shop.store.str() + "', 1, 1, 1);"));
        return stores::StoreRef{
            .tenant_id = shop.tenant, .store_id = shop.store, .slug = slug, .status = stores::StoreStatus::kPublished};
    }

    OrderId PlaceUpi(int quantity = 1) {
        auto placed = Await(orders_->Place(store_, orders::PlaceOrder{.items = {{product_.str(), quantity}},
                                                                      .customer = {.name = "Asha",
                                                                                   .phone = "98765 43210",
                                                                                   .address = "12 MG Road, Pune",
                                                                                   .pincode = "411001",
                                                                                   .gstin = ""},
                                                                      .payment_method = "UPI",
                                                                      .idempotency_key = NewIdString("key"),
                                                                      .customer_user_id = std::nullopt}));
        EXPECT_TRUE(placed) << (placed ? "" : placed.error().message);
        return placed ? placed->order.id : OrderId();
    }

    PaymentId WaitingPayment() {
        auto waiting = Await(upi_->Waiting(store_.tenant_id));
        EXPECT_TRUE(waiting && waiting->size() == 1);
        return waiting && !waiting->empty() ? waiting->front().id : PaymentId();
    }

    std::string OrderField(const OrderId& id, const std::string& column) {
        auto value = db_->ReadSync([&](storage::Conn& conn) -> Result<std::string> {
            auto row =
                conn.QueryOne("SELECT CAST(" + column + " AS TEXT) AS v FROM orders WHERE order_id = $1", id.str());
            if (!row || !*row) {
                return std::string();
            }
            return (*row)->Text("v");
        });
        return value ? *value : "";
    }

    const PiiVault vault_ = MakeVault();
    std::unique_ptr<storage::SqliteDb> db_;
    std::unique_ptr<orders::OrderService> orders_;
    std::unique_ptr<UpiService> upi_;
    stores::StoreRef store_;
    stores::StoreRef other_;
    ProductId product_;
};

}  // namespace

TEST(UpiLink, CarriesTheNpciFieldsEncoded) {
    EXPECT_EQ(UpiLink({.vpa = "sharma@okaxis",
                       .payee_name = "Sharma & Sons",
                       .amount = Paise(29950),
                       .note = "Order ord_1",
                       .reference = "ord_1"}),
              "upi://pay?pa=sharma@okaxis&pn=Sharma%20%26%20Sons&am=299.50&cu=INR&tn=Order%20ord_1&tr=ord_1");
    EXPECT_NE(UpiLink({.vpa = "a@b", .payee_name = "x", .amount = Paise(100), .note = "", .reference = "r"})
                  .find("&am=1.00&"),
              std::string::npos);
}

TEST(QrSvg, DrawsSquaresInsideAQuietZone) {
    auto svg = QrSvg("upi://pay?pa=a@b");
    ASSERT_TRUE(svg);
    EXPECT_TRUE(svg->starts_with(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 33 33\""));  // version 2: 25 modules + 2 × 4
    EXPECT_NE(svg->find("M4 4h1v1h-1z"), std::string::npos);                  // the finder pattern's corner
    EXPECT_EQ(svg->find("M0 0"), std::string::npos);
}

TEST(NormalizeUtr, TakesExactlyTwelveDigits) {
    EXPECT_EQ(*NormalizeUtr("412345678901"), "412345678901");
    EXPECT_EQ(*NormalizeUtr("4123 4567 8901"), "412345678901");
    for (const char* bad : {"", "41234567890", "4123456789012", "41234567890a", "-12345678901"}) {
        EXPECT_FALSE(NormalizeUtr(bad)) << bad;
    }
}

TEST(PaymentState, MovesOnlyForward) {
    using enum PaymentState;
    const std::vector<PaymentState> all = {kCreated, kAuthorized, kPendingVerification, kCaptured, kFailed, kRefunded};
    const std::set<std::pair<PaymentState, PaymentState>> allowed = {{kCreated, kAuthorized},
                                                                     {kCreated, kPendingVerification},
                                                                     {kCreated, kCaptured},
                                                                     {kCreated, kFailed},
                                                                     {kAuthorized, kCaptured},
                                                                     {kAuthorized, kFailed},
                                                                     {kPendingVerification, kCaptured},
                                                                     {kPendingVerification, kFailed},
                                                                     {kFailed, kCaptured},
                                                                     {kCaptured, kRefunded}};
    for (auto from : all) {
        EXPECT_EQ(ParsePaymentState(PaymentStateName(from)), from);
        for (auto to : all) {
            EXPECT_EQ(PaymentMoveAllowed(from, to), allowed.contains({from, to}))
                << PaymentStateName(from) << " -> " << PaymentStateName(to);
        }
    }
}

TEST_F(UpiServiceTest, TheCustomerPaysSendsTheUtrAndTheOwnerConfirmsOnce) {
    const OrderId order = PlaceUpi(2);
    auto info = Await(upi_->PayInfo(store_, order));
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(info->state, UpiState::kAwaiting);
    EXPECT_EQ(info->link, "upi://pay?pa=sharma@okaxis&pn=Sharma%20%26%20Sons&am=599.00&cu=INR&tn=Order%20" +
                              order.str() + "&tr=" + order.str());
    const std::string expires_before = OrderField(order, "reservation_expires_at");

    EXPECT_EQ(Await(upi_->SubmitUtr(store_, order, "12345")).error().code, ErrorCode::kInvalidArgument);
    auto sent = Await(upi_->SubmitUtr(store_, order, "4123 4567 8901"));
    ASSERT_TRUE(sent) << sent.error().message;
    EXPECT_EQ(sent->state, UpiState::kSubmitted);
    EXPECT_EQ(sent->utr, "412345678901");
    EXPECT_GT(OrderField(order, "reservation_expires_at"), expires_before);  // held for the shop's check
    EXPECT_TRUE(Await(upi_->SubmitUtr(store_, order, "412345678901")));      // sent twice: the same answer
    EXPECT_EQ(Await(upi_->SubmitUtr(store_, order, "999999999999")).error().code, ErrorCode::kConflict);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM payments"), 1);

    const PaymentId payment = WaitingPayment();
    EXPECT_EQ(Await(upi_->Confirm(other_.tenant_id, payment, UserId::New())).error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(Await(upi_->Confirm(store_.tenant_id, payment, UserId::New())));
    ASSERT_TRUE(Await(upi_->Confirm(store_.tenant_id, payment, UserId::New())));  // again: nothing more
    EXPECT_EQ(OrderField(order, "status"), "CONFIRMED");
    EXPECT_EQ(OrderField(order, "payment_status"), "PAID");
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'PAYMENT_CAPTURED'"), 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'ORDER_CONFIRMED'"), 1);
    // A paid order never moves back.
    EXPECT_EQ(Await(upi_->Reject(store_.tenant_id, payment, UserId::New())).error().code, ErrorCode::kConflict);
    EXPECT_EQ(OrderField(order, "payment_status"), "PAID");
    EXPECT_EQ(Await(upi_->PayInfo(store_, order))->state, UpiState::kPaid);
    EXPECT_TRUE(Await(upi_->Waiting(store_.tenant_id))->empty());
}

TEST_F(UpiServiceTest, ARejectedUtrLeavesTheOrderWaitingThenItIsReleased) {
    const OrderId order = PlaceUpi(3);
    ASSERT_TRUE(Await(upi_->SubmitUtr(store_, order, "412345678901")));
    const PaymentId payment = WaitingPayment();
    ASSERT_TRUE(Await(upi_->Reject(store_.tenant_id, payment, UserId::New())));
    auto info = Await(upi_->PayInfo(store_, order));
    ASSERT_TRUE(info);
    EXPECT_EQ(info->state, UpiState::kRejected);
    EXPECT_FALSE(info->link.empty());  // pay again, or send the right UTR
    EXPECT_EQ(Await(upi_->Confirm(store_.tenant_id, payment, UserId::New())).error().code, ErrorCode::kConflict);
    EXPECT_EQ(Await(upi_->SubmitUtr(store_, order, "412345678901")).error().code, ErrorCode::kConflict);  // used
    ASSERT_TRUE(Await(upi_->SubmitUtr(store_, order, "512345678901")));

    // Unconfirmed past its hold: released, stock back, and the page says so.
    auto released = Await(orders_->ReleaseExpired(NowUtc() + std::chrono::hours(49)));
    ASSERT_TRUE(released);
    EXPECT_EQ(*released, 1);
    EXPECT_EQ(OrderField(order, "status"), "CANCELLED");
    EXPECT_EQ(Count(*db_, "SELECT stock_quantity FROM products"), 10);
    EXPECT_EQ(Await(upi_->PayInfo(store_, order))->state, UpiState::kCancelled);
    const PaymentId second = WaitingPayment();
    EXPECT_EQ(Await(upi_->Confirm(store_.tenant_id, second, UserId::New())).error().code, ErrorCode::kConflict);
}

TEST_F(UpiServiceTest, AnotherStoresOrderAndNonUpiOrdersAreNotFound) {
    const OrderId order = PlaceUpi();
    EXPECT_EQ(Await(upi_->PayInfo(other_, order)).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Await(upi_->SubmitUtr(other_, order, "412345678901")).error().code, ErrorCode::kNotFound);
    auto cod = Await(orders_->Place(store_, orders::PlaceOrder{.items = {{product_.str(), 1}},
                                                               .customer = {.name = "Ravi",
                                                                            .phone = "98765 43211",
                                                                            .address = "1 FC Road, Pune",
                                                                            .pincode = "411004",
                                                                            .gstin = ""},
                                                               .payment_method = "COD",
                                                               .idempotency_key = "cod-1",
                                                               .customer_user_id = std::nullopt}));
    ASSERT_TRUE(cod);
    EXPECT_EQ(Await(upi_->PayInfo(store_, cod->order.id)).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Await(upi_->SubmitUtr(store_, cod->order.id, "412345678901")).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM payments"), 0);
}

}  // namespace webdpro::payments
