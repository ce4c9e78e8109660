#include "orders/order_service.hpp"

#include <atomic>
#include <limits>

#include <gtest/gtest.h>

#include "auth/sms.hpp"
#include "auth/test_util.hpp"
#include "events/outbox.hpp"
#include "orders/order_consumers.hpp"
#include "storage/db.hpp"

namespace webdpro::orders {
namespace {

using auth::testing::Await;
using auth::testing::Count;

PiiVault MakeVault() {
    return *PiiVault::Create(SecretBytes(Bytes(32, 'e')), SecretBytes(Bytes(32, 'i')));
}

Result<void> Exec(storage::Db& db, std::string sql) {
    return db.WriteSync([&](storage::Conn& conn) { return conn.ExecScript(sql); });
}

class OrderServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        service_ = std::make_unique<OrderService>(*db_, vault_, OrderOptions{}, [this] { ++notified_; });
        store_ = MakeStore("sharma", "PUBLISHED");
        // store_ takes UPI as well (the payment states need it); other_store_ has no settings.
        EXPECT_TRUE(Exec(*db_,
                         "INSERT INTO payment_settings (tenant_id, upi_vpa, upi_payee_name, created_at, updated_at) "
                         "VALUES ('" +
                             store_.tenant_id.str() +
                             "', 'sharma@okaxis', 'Sharma', 1, 1);"
                             "INSERT INTO checkout_settings (tenant_id, store_id, upi_enabled, created_at, updated_at) "
                             "VALUES ('" +
                             store_.tenant_id.str() + "', '" + store_.store_id.str() + "', 1, 1, 1);"));
        other_store_ = MakeStore("gupta", "PUBLISHED");
    }

    stores::StoreRef MakeStore(const std::string& slug, const std::string& status) {
        const auto shop = auth::testing::InsertShop(*db_, slug, status);
        return stores::StoreRef{.tenant_id = shop.tenant,
                                .store_id = shop.store,
                                .slug = slug,
                                .status = *stores::ParseStoreStatus(status)};
    }

    ProductId AddProduct(const stores::StoreRef& store, std::int64_t price, std::int64_t stock, int gst_bp = 0,
                         std::int64_t threshold = 0, bool active = true) {
        const ProductId id = ProductId::New();
        EXPECT_TRUE(Exec(*db_,
                         "INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, "
                         "stock_quantity, low_stock_threshold, gst_rate_bp, active, created_at, updated_at) "
                         "VALUES ('" +
                             store.tenant_id.str() + "', '" + id.str() + "', '" + store.store_id.str() + "', 'Item " +
                             std::to_string(counter_++) + "', " + std::to_string(price) + ", " + std::to_string(stock) +
                             ", " + std::to_string(threshold) + ", " + std::to_string(gst_bp) + ", " +
                             (active ? "1" : "0") + ", 1, 1);"));
        return id;
    }

    PlaceOrder Request(std::vector<LineRequest> items, std::string key = "", std::string method = "COD") {
        return PlaceOrder{.items = std::move(items),
                          .customer = {.name = "Asha",
                                       .phone = "98765 43210",
                                       .address = "12 MG Road, Pune",
                                       .pincode = "411001",
                                       .gstin = ""},
                          .payment_method = std::move(method),
                          .idempotency_key = key.empty() ? NewIdString("key") : std::move(key),
                          .customer_user_id = std::nullopt};
    }

    Result<Placed> Place(PlaceOrder request) { return Await(service_->Place(store_, std::move(request))); }

    std::int64_t Stock(const ProductId& id) {
        return Count(*db_, "SELECT stock_quantity FROM products WHERE product_id = '" + id.str() + "'");
    }

    const PiiVault vault_ = MakeVault();
    std::unique_ptr<storage::SqliteDb> db_;
    std::unique_ptr<OrderService> service_;
    std::atomic<int> notified_{0};
    int counter_ = 0;
    stores::StoreRef store_;
    stores::StoreRef other_store_;
};

}  // namespace

TEST(OrderMath, ContainedGstIsRoundedHalfUpPerAmount) {
    EXPECT_EQ(ContainedGst(Paise(11800), 1800).value, 1800);
    EXPECT_EQ(ContainedGst(Paise(10500), 500).value, 500);
    EXPECT_EQ(ContainedGst(Paise(100), 1200).value, 11);  // 10.71 → 11
    EXPECT_EQ(ContainedGst(Paise(9999), 0).value, 0);
    EXPECT_EQ(ContainedGst(Paise(5), 500).value, 0);  // 0.238 → 0
}

TEST(OrderMath, TheStateMachineAllowsExactlyItsArrows) {
    using enum OrderStatus;
    const std::vector<OrderStatus> all = {kPendingPayment, kConfirmed, kPacked,
                                          kOutForDelivery, kDelivered, kCancelled};
    const std::set<std::pair<OrderStatus, OrderStatus>> allowed = {
        {kPendingPayment, kConfirmed}, {kConfirmed, kPacked},         {kPacked, kOutForDelivery},
        {kOutForDelivery, kDelivered}, {kPendingPayment, kCancelled}, {kConfirmed, kCancelled},
        {kPacked, kCancelled},         {kOutForDelivery, kCancelled}};
    for (auto from : all) {
        for (auto to : all) {
            EXPECT_EQ(TransitionAllowed(from, to), allowed.contains({from, to}))
                << StatusName(from) << " -> " << StatusName(to);
        }
    }
}

TEST(OrderValidation, NamesEveryBadField) {
    PlaceOrder bad{.items = {{"nope", 1}, {ProductId::New().str(), 1000}},
                   .customer = {.name = "", .phone = "12345", .address = "x", .pincode = "012345", .gstin = ""},
                   .payment_method = "CASH",
                   .idempotency_key = "",
                   .customer_user_id = std::nullopt};
    auto result = Validate(bad, OrderOptions{});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    std::set<std::string> fields;
    for (const auto& f : result.error().fields) {
        fields.insert(f.field);
    }
    EXPECT_EQ(fields,
              (std::set<std::string>{"items[0].product_id", "items[1].quantity", "customer.name", "customer.phone",
                                     "customer.address", "customer.pincode", "payment_method", "Idempotency-Key"}));
}

TEST(OrderValidation, MergesDuplicateLinesAndNormalisesThePhone) {
    const std::string p = ProductId::New().str();
    PlaceOrder order{.items = {{p, 2}, {p, 3}},
                     .customer = {.name = " Asha ",
                                  .phone = "+91 98765-43210",
                                  .address = "12 MG Road",
                                  .pincode = "411001",
                                  .gstin = ""},
                     .payment_method = "UPI",
                     .idempotency_key = "k",
                     .customer_user_id = std::nullopt};
    auto result = Validate(order, OrderOptions{});
    ASSERT_TRUE(result) << result.error().message;
    ASSERT_EQ(result->items.size(), 1u);
    EXPECT_EQ(result->items[0].quantity, 5);
    EXPECT_EQ(result->customer.phone, "+919876543210");
    EXPECT_EQ(result->customer.name, "Asha");
    PlaceOrder too_many = order;
    too_many.items.assign(51, {p, 1});
    EXPECT_FALSE(Validate(too_many, OrderOptions{}));
}

TEST_F(OrderServiceTest, PricesComeFromTheCatalogWithGstPerLineAndTheStoresDeliveryFee) {
    ASSERT_TRUE(Exec(*db_, "UPDATE stores SET delivery_fee_paise = 4000, free_delivery_above_paise = 90000;"));
    const ProductId a = AddProduct(store_, 11800, 10, 1800);
    const ProductId b = AddProduct(store_, 10500, 10, 500);
    auto placed = Place(Request({{a.str(), 2}, {b.str(), 1}}));
    ASSERT_TRUE(placed) << placed.error().message;
    const Order& order = placed->order;
    EXPECT_TRUE(placed->created);
    EXPECT_EQ(order.status, OrderStatus::kConfirmed);  // COD
    EXPECT_EQ(order.totals.subtotal.value, 2 * 11800 + 10500);
    EXPECT_EQ(order.totals.tax.value, 3600 + 500 + 610);  // + 18% contained in the fee: line a is the principal
    EXPECT_EQ(order.totals.delivery_fee.value, 4000);
    EXPECT_EQ(order.totals.total.value, 2 * 11800 + 10500 + 4000);
    ASSERT_EQ(order.lines.size(), 2u);
    EXPECT_EQ(order.lines[0].tax.value, 3600);
    EXPECT_EQ(order.customer_phone, "") << "no phone unless asked for by the owner";
    EXPECT_EQ(Stock(a), 8);
    EXPECT_EQ(Stock(b), 9);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM inventory_ledger WHERE reason = 'ORDER_RESERVED'"), 2);
    EXPECT_EQ(Count(*db_, "SELECT stock_after FROM inventory_ledger WHERE product_id = '" + a.str() + "'"), 8);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'ORDER_PLACED'"), 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'ORDER_CONFIRMED'"), 1);
    EXPECT_GE(notified_.load(), 1);

    auto owner_view = Await(service_->Get(store_.tenant_id, order.id, true));
    ASSERT_TRUE(owner_view);
    EXPECT_EQ(owner_view->customer_phone, "+919876543210");
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM orders WHERE CAST(customer_phone_enc AS TEXT) LIKE '%9876543210%'"), 0)
        << "the phone is stored encrypted";

    // Above the threshold, delivery is free.
    auto big = Place(Request({{a.str(), 8}}));
    ASSERT_TRUE(big);
    EXPECT_EQ(big->order.totals.delivery_fee.value, 0);
}

TEST_F(OrderServiceTest, MinimumOrderIsEnforced) {
    ASSERT_TRUE(Exec(*db_, "UPDATE stores SET min_order_paise = 50000;"));
    const ProductId a = AddProduct(store_, 10000, 10);
    auto placed = Place(Request({{a.str(), 1}}));
    ASSERT_FALSE(placed);
    EXPECT_EQ(placed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(Stock(a), 10);
}

TEST_F(OrderServiceTest, PricesAndOrderValuesBeyondTheCapsAreRefusedAndWriteNothing) {
    // Rows written before the caps existed: ordering them must not overflow into a wrong total.
    const ProductId huge = AddProduct(store_, std::numeric_limits<std::int64_t>::max(), 50, 1800);
    const ProductId big = AddProduct(store_, 10'000'000'000'000'000, 5000, 500);
    const ProductId at_cap = AddProduct(store_, 100'000'000, 50, 300);  // ₹10,00,000 a unit

    auto one_huge = Place(Request({{huge.str(), 1}}));
    ASSERT_FALSE(one_huge);
    EXPECT_EQ(one_huge.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(one_huge.error().fields.size(), 1U);
    EXPECT_EQ(one_huge.error().fields[0].field, "items[0].product_id");

    auto many_big = Place(Request({{big.str(), 999}}));
    ASSERT_FALSE(many_big);
    EXPECT_EQ(many_big.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(many_big.error().fields.size(), 1U);
    EXPECT_EQ(many_big.error().fields[0].field, "items[0].product_id");
    EXPECT_EQ(many_big.error().fields[0].message.find("minimum order"), std::string::npos);

    // Eleven units at the cap come to ₹1,10,00,000: above the ₹1 crore an order may come to.
    auto too_much = Place(Request({{at_cap.str(), 11}}));
    ASSERT_FALSE(too_much);
    EXPECT_EQ(too_much.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(too_much.error().fields.size(), 1U);
    EXPECT_EQ(too_much.error().fields[0].field, "items");
    EXPECT_EQ(too_much.error().fields[0].message, "An order can come to at most ₹1,00,00,000.00.");
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM orders"), 0);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox"), 0);
    EXPECT_EQ(Stock(at_cap), 50);

    // Ten units are exactly ₹1 crore, with their 3% GST exact to the paisa.
    auto ten = Place(Request({{at_cap.str(), 10}}));
    ASSERT_TRUE(ten) << ten.error().message;
    EXPECT_EQ(ten->order.totals.total.value, 1'000'000'000);
    EXPECT_EQ(ten->order.totals.tax.value, 29'126'214);  // 1e9 × 3 / 103 = 29,126,213.59
}

TEST_F(OrderServiceTest, ARetryWithTheSameKeyReturnsTheSameOrder) {
    const ProductId a = AddProduct(store_, 1000, 10);
    auto first = Place(Request({{a.str(), 3}}, "key-1"));
    ASSERT_TRUE(first);
    auto again = Place(Request({{a.str(), 3}}, "key-1"));
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->created);
    EXPECT_EQ(again->order.id, first->order.id);
    EXPECT_EQ(Stock(a), 7);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM orders"), 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'ORDER_PLACED'"), 1);
}

TEST_F(OrderServiceTest, TheSameKeyWithAnotherRequestIsRefused) {
    const ProductId a = AddProduct(store_, 1000, 10);
    ASSERT_TRUE(Place(Request({{a.str(), 3}}, "key-1")));
    auto other = Place(Request({{a.str(), 4}}, "key-1"));
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::kUnprocessable);
    EXPECT_EQ(Stock(a), 7);
}

TEST_F(OrderServiceTest, ShortStockIsA409NamingEachShortLineAndWritesNothing) {
    const ProductId a = AddProduct(store_, 1000, 5);
    const ProductId b = AddProduct(store_, 1000, 1);
    const ProductId c = AddProduct(store_, 1000, 50);
    auto placed = Place(Request({{c.str(), 1}, {a.str(), 6}, {b.str(), 2}}));
    ASSERT_FALSE(placed);
    EXPECT_EQ(placed.error().code, ErrorCode::kConflict);
    ASSERT_EQ(placed.error().fields.size(), 2u);
    EXPECT_EQ(placed.error().fields[0].field, "items[1]");
    EXPECT_NE(placed.error().fields[0].message.find("Only 5 left"), std::string::npos);
    EXPECT_EQ(placed.error().fields[1].field, "items[2]");
    EXPECT_EQ(Stock(a), 5);
    EXPECT_EQ(Stock(b), 1);
    EXPECT_EQ(Stock(c), 50) << "the line that fitted was rolled back too";
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM orders"), 0);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM order_items"), 0);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox"), 0);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM inventory_ledger"), 0);
}

TEST_F(OrderServiceTest, ProductsOfAnotherStoreOrInactiveOnesAreRefusedByName) {
    const ProductId foreign = AddProduct(other_store_, 1000, 5);
    const ProductId off = AddProduct(store_, 1000, 5, 0, 0, false);
    auto placed = Place(Request({{foreign.str(), 1}, {off.str(), 1}}));
    ASSERT_FALSE(placed);
    EXPECT_EQ(placed.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(placed.error().fields.size(), 2u);
    EXPECT_EQ(placed.error().fields[0].field, "items[0].product_id");
    EXPECT_EQ(placed.error().fields[1].field, "items[1].product_id");
    EXPECT_EQ(Stock(foreign), 5);
}

TEST_F(OrderServiceTest, AnUnpublishedStoreTakesNoOrders) {
    auto draft = MakeStore("draft", "DRAFT");
    const ProductId a = AddProduct(draft, 1000, 5);
    auto placed = Await(service_->Place(draft, Request({{a.str(), 1}})));
    ASSERT_FALSE(placed);
    EXPECT_EQ(placed.error().code, ErrorCode::kNotFound);
}

TEST_F(OrderServiceTest, AMethodTheStoreDoesNotOfferIsRefusedAndWritesNothing) {
    const ProductId a = AddProduct(other_store_, 1000, 5);
    for (const char* method : {"UPI", "RAZORPAY"}) {
        auto placed = Await(service_->Place(other_store_, Request({{a.str(), 2}}, "", method)));
        ASSERT_FALSE(placed) << method;
        EXPECT_EQ(placed.error().code, ErrorCode::kInvalidArgument);
        ASSERT_EQ(placed.error().fields.size(), 1U);
        EXPECT_EQ(placed.error().fields[0].field, "payment_method");
    }
    EXPECT_EQ(Stock(a), 5);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM orders"), 0);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox"), 0);
    EXPECT_TRUE(Await(service_->Place(other_store_, Request({{a.str(), 2}}, "", "COD"))));
    // store_ offers UPI but not card payments (no Razorpay keys).
    const ProductId b = AddProduct(store_, 1000, 5);
    EXPECT_TRUE(Place(Request({{b.str(), 1}}, "", "UPI")));
    EXPECT_EQ(Place(Request({{b.str(), 1}}, "", "RAZORPAY")).error().fields.front().field, "payment_method");
}

TEST_F(OrderServiceTest, TheStoresLimitsAreKept) {
    const ProductId a = AddProduct(store_, 10000, 50);
    ASSERT_TRUE(Exec(*db_,
                     "UPDATE checkout_settings SET max_units_per_product = 3, cod_max_order_paise = 25000;"
                     "UPDATE stores SET delivery_fee_paise = 4000, free_delivery_above_paise = 50000;"));
    auto too_many = Place(Request({{a.str(), 4}}));
    ASSERT_FALSE(too_many);
    EXPECT_EQ(too_many.error().fields.front().field, "items[0].quantity");
    // 2 × ₹100 + ₹40 delivery = ₹240: within the cash-on-delivery limit of ₹250.
    auto two = Place(Request({{a.str(), 2}}));
    ASSERT_TRUE(two);
    EXPECT_EQ(two->order.totals.delivery_fee.value, 4000);
    EXPECT_EQ(two->order.totals.total.value, 24000);
    // 3 × ₹100 + ₹40 = ₹340 is above it: cash on delivery is refused, UPI is not.
    auto cod = Place(Request({{a.str(), 3}}));
    ASSERT_FALSE(cod);
    EXPECT_EQ(cod.error().fields.front().field, "payment_method");
    EXPECT_TRUE(Place(Request({{a.str(), 3}}, "", "UPI")));
    EXPECT_EQ(Stock(a), 45);
}

TEST_F(OrderServiceTest, OnlinePaymentsWaitWithAReservationThatCanExpire) {
    const ProductId a = AddProduct(store_, 1000, 5);
    auto placed = Place(Request({{a.str(), 2}}, "", "UPI"));
    ASSERT_TRUE(placed);
    EXPECT_EQ(placed->order.status, OrderStatus::kPendingPayment);
    ASSERT_TRUE(placed->order.reservation_expires_at);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'ORDER_CONFIRMED'"), 0);
    EXPECT_EQ(Stock(a), 3);

    auto none = Await(service_->ReleaseExpired(NowUtc()));
    ASSERT_TRUE(none);
    EXPECT_EQ(*none, 0);
    auto released = Await(service_->ReleaseExpired(NowUtc() + std::chrono::hours(1)));
    ASSERT_TRUE(released);
    EXPECT_EQ(*released, 1);
    EXPECT_EQ(Stock(a), 5);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM inventory_ledger WHERE reason = 'ORDER_RELEASED'"), 1);
}

TEST_F(OrderServiceTest, ThePaymentsHookConfirmsAPendingOrder) {
    const ProductId a = AddProduct(store_, 1000, 5);
    auto placed = Place(Request({{a.str(), 1}}, "", "UPI"));
    ASSERT_TRUE(placed);
    ASSERT_TRUE(db_->WriteSync([&](storage::Conn& conn) {
        return OrderService::ConfirmPaidInTx(conn, store_.tenant_id, placed->order.id, NowUtc());
    }));
    auto order = Await(service_->Get(store_.tenant_id, placed->order.id, false));
    ASSERT_TRUE(order);
    EXPECT_EQ(order->status, OrderStatus::kConfirmed);
    EXPECT_EQ(order->payment_status, "PAID");
    EXPECT_FALSE(order->reservation_expires_at);
}

TEST_F(OrderServiceTest, TransitionsFollowTheStateMachineAndCancellingReturnsStock) {
    const ProductId a = AddProduct(store_, 1000, 5);
    auto placed = Place(Request({{a.str(), 2}}));
    ASSERT_TRUE(placed);
    const OrderId id = placed->order.id;
    const TenantId& t = store_.tenant_id;

    auto skip = Await(service_->Transition(t, id, OrderStatus::kDelivered, "", std::nullopt));
    ASSERT_FALSE(skip);
    EXPECT_EQ(skip.error().code, ErrorCode::kConflict);
    EXPECT_NE(skip.error().message.find("CONFIRMED to DELIVERED"), std::string::npos) << skip.error().message;

    ASSERT_TRUE(Await(service_->Transition(t, id, OrderStatus::kPacked, "", std::nullopt)));
    auto cancelled = Await(service_->Transition(t, id, OrderStatus::kCancelled, "customer asked", std::nullopt));
    ASSERT_TRUE(cancelled) << cancelled.error().message;
    EXPECT_EQ(cancelled->status, OrderStatus::kCancelled);
    EXPECT_EQ(cancelled->cancel_reason, "customer asked");
    EXPECT_EQ(Stock(a), 5);
    EXPECT_EQ(Count(*db_, "SELECT stock_after FROM inventory_ledger WHERE reason = 'ORDER_CANCELLED'"), 5);
    EXPECT_EQ(Count(*db_, "SELECT max(seq) FROM inventory_ledger WHERE product_id = '" + a.str() + "'"), 2);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'ORDER_CANCELLED'"), 1);

    auto twice = Await(service_->Transition(t, id, OrderStatus::kCancelled, "", std::nullopt));
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
    EXPECT_EQ(Stock(a), 5) << "stock returns once";

    auto foreign = Await(service_->Transition(other_store_.tenant_id, id, OrderStatus::kCancelled, "", std::nullopt));
    ASSERT_FALSE(foreign);
    EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
}

TEST_F(OrderServiceTest, StockLowIsRaisedOncePerCrossing) {
    const ProductId a = AddProduct(store_, 1000, 10, 0, 5);
    ASSERT_TRUE(Place(Request({{a.str(), 4}})));  // 6: above
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'STOCK_LOW'"), 0);
    ASSERT_TRUE(Place(Request({{a.str(), 1}})));  // 5: crosses
    ASSERT_TRUE(Place(Request({{a.str(), 1}})));  // 4: already below
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'STOCK_LOW'"), 1);
    ASSERT_TRUE(Exec(*db_, "UPDATE products SET stock_quantity = 20;"));  // restocked
    ASSERT_TRUE(Place(Request({{a.str(), 16}})));                         // 4: crosses again
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'STOCK_LOW'"), 2);
}

TEST_F(OrderServiceTest, ListsNewestFirstWithACursorAndAStatusFilter) {
    const ProductId a = AddProduct(store_, 1000, 500);
    OrderOptions small;
    small.page_size = 2;
    OrderService paged(*db_, vault_, small);
    std::vector<OrderId> ids;
    for (int i = 0; i < 5; ++i) {
        auto placed = Place(Request({{a.str(), 1}}, "", i == 4 ? "UPI" : "COD"));
        ASSERT_TRUE(placed);
        ids.push_back(placed->order.id);
    }
    std::vector<OrderId> seen;
    std::string cursor;
    do {
        auto page = Await(paged.List(store_.tenant_id, store_.store_id, std::nullopt, cursor));
        ASSERT_TRUE(page) << page.error().message;
        for (const auto& o : page->orders) {
            seen.push_back(o.id);
        }
        cursor = page->next_cursor;
    } while (!cursor.empty());
    ASSERT_EQ(seen.size(), 5u);
    std::set<OrderId> unique(seen.begin(), seen.end());
    EXPECT_EQ(unique.size(), 5u);
    auto pending = Await(paged.List(store_.tenant_id, store_.store_id, OrderStatus::kPendingPayment, ""));
    ASSERT_TRUE(pending);
    ASSERT_EQ(pending->orders.size(), 1u);
    EXPECT_EQ(pending->orders[0].id, ids[4]);
    auto bad = Await(paged.List(store_.tenant_id, store_.store_id, std::nullopt, "garbage"));
    ASSERT_FALSE(bad);
    auto foreign = Await(paged.List(other_store_.tenant_id, store_.store_id, std::nullopt, ""));
    ASSERT_TRUE(foreign);
    EXPECT_TRUE(foreign->orders.empty());
}

TEST_F(OrderServiceTest, TrackingTokensAreBoundToTheOrderAndTenant) {
    const OrderId id = OrderId::New();
    const std::string token = service_->TrackingToken(store_.tenant_id, id);
    EXPECT_EQ(token.size(), 32u);
    EXPECT_TRUE(service_->TrackingTokenValid(store_.tenant_id, id, token));
    EXPECT_FALSE(service_->TrackingTokenValid(store_.tenant_id, OrderId::New(), token));
    EXPECT_FALSE(service_->TrackingTokenValid(other_store_.tenant_id, id, token));
    EXPECT_FALSE(service_->TrackingTokenValid(store_.tenant_id, id, ""));
}

TEST_F(OrderServiceTest, ManyConcurrentBuyersNeverOversell) {
    constexpr std::int64_t kInitial = 60;
    const ProductId scarce = AddProduct(store_, 1000, kInitial);
    const ProductId other = AddProduct(store_, 500, 1000);
    const auto race = auth::testing::Race(8, 15, [&](int t, int i) {
        return Place(Request({{scarce.str(), 1 + (t + i) % 3}, {other.str(), 1}}));
    });
    EXPECT_EQ(race.unexpected, 0);
    EXPECT_GT(race.conflicted, 0) << "demand (about 240 units) exceeds the stock";
    const std::int64_t sold =
        Count(*db_, "SELECT coalesce(sum(quantity), 0) FROM order_items WHERE product_id = '" + scarce.str() + "'");
    EXPECT_GE(Stock(scarce), 0);
    EXPECT_EQ(Stock(scarce), kInitial - sold);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM orders"), race.succeeded);
    EXPECT_EQ(Count(*db_, "SELECT -sum(delta) FROM inventory_ledger WHERE product_id = '" + scarce.str() + "'"), sold);
}

TEST(OrderConsumers, IndiaDayUsesIndiaTime) {
    // 2026-01-01 19:00 UTC is 2026-01-02 00:30 in India.
    EXPECT_EQ(IndiaDay(FromUnixMillis(1767294000000)), "2026-01-02");
    EXPECT_EQ(IndiaDay(FromUnixMillis(1767292140000)), "2026-01-01");
}

/// Keeps every text it is asked to send.
class RecordingSms final : public auth::SmsSender {
public:
    std::string_view name() const override { return "recording"; }
    Result<void> Send(const auth::SmsMessage& message) override {
        texts.push_back(message.text);
        return {};
    }
    std::vector<std::string> texts;
};

// The owner packs an order once it is paid or confirmed as cash on delivery, never when an order
// that still waits for its payment is placed; the customer hears when it is confirmed.
TEST_F(OrderServiceTest, TheOwnerIsAskedToPackOnlyConfirmedOrders) {
    const ProductId a = AddProduct(store_, 1000, 50);
    RecordingSms sms;
    Logger logger(2, LogLevel::kError);
    events::Dispatcher dispatcher(
        *db_, logger,
        {.node_id = "t", .backoff_base = std::chrono::milliseconds(0), .backoff_max = std::chrono::milliseconds(0)});
    dispatcher.AddConsumer(NotificationsConsumer(*db_, vault_, sms, *service_, ""));
    auto waiting = Place(Request({{a.str(), 2}}, "", "UPI"));
    ASSERT_TRUE(waiting);
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_TRUE(sms.texts.empty()) << sms.texts.front();

    ASSERT_TRUE(db_->WriteSync([&](storage::Conn& conn) {
        return OrderService::ConfirmPaidInTx(conn, store_.tenant_id, waiting->order.id, NowUtc());
    }));
    auto cod = Place(Request({{a.str(), 1}}));
    ASSERT_TRUE(cod);
    ASSERT_TRUE(dispatcher.RunOnce());
    const std::vector<std::string> expected = {
        "New order " + waiting->order.id.str() + " for ₹20.00, paid. Open WebDPro to pack it.",
        "Sharma Kirana: your order " + waiting->order.id.str() + " for ₹20.00 is confirmed.",
        "New order " + cod->order.id.str() + " for ₹10.00, cash on delivery: collect ₹10.00. Open WebDPro to pack it.",
        "Sharma Kirana: your order " + cod->order.id.str() + " for ₹10.00 is confirmed."};
    EXPECT_EQ(sms.texts, expected);

    // An order the owner confirmed themselves does not ask them to pack it.
    auto manual = Place(Request({{a.str(), 1}}, "", "UPI"));
    ASSERT_TRUE(manual);
    sms.texts.clear();
    ASSERT_TRUE(
        Await(service_->Transition(store_.tenant_id, manual->order.id, OrderStatus::kConfirmed, "", UserId::New())));
    ASSERT_TRUE(dispatcher.RunOnce());
    ASSERT_EQ(sms.texts.size(), 1U);
    EXPECT_EQ(sms.texts[0], "Sharma Kirana: your order " + manual->order.id.str() + " for ₹10.00 is confirmed.");
}

// With the site's public origin known, the customer's confirmation and out-for-delivery texts carry
// the order's tracking link; it opens the order page with the order's own token.
TEST_F(OrderServiceTest, TheCustomerIsSentTheTrackingLinkWhenTheOriginIsKnown) {
    const ProductId a = AddProduct(store_, 1000, 50);
    RecordingSms sms;
    Logger logger(2, LogLevel::kError);
    events::Dispatcher dispatcher(
        *db_, logger,
        {.node_id = "t", .backoff_base = std::chrono::milliseconds(0), .backoff_max = std::chrono::milliseconds(0)});
    dispatcher.AddConsumer(NotificationsConsumer(*db_, vault_, sms, *service_, "https://webdpro.example/"));
    auto cod = Place(Request({{a.str(), 1}}));
    ASSERT_TRUE(cod);
    ASSERT_TRUE(dispatcher.RunOnce());
    const OrderId id = cod->order.id;
    const std::string link = "https://webdpro.example/s/sharma/order.html?id=" + id.str() +
                             "&t=" + service_->TrackingToken(store_.tenant_id, id);
    ASSERT_EQ(sms.texts.size(), 2U);
    EXPECT_EQ(sms.texts[1], "Sharma Kirana: your order " + id.str() + " for ₹10.00 is confirmed. Track it: " + link);
    EXPECT_TRUE(service_->TrackingTokenValid(store_.tenant_id, id, service_->TrackingToken(store_.tenant_id, id)));
}

TEST_F(OrderServiceTest, AnalyticsCountsEachPlacedOrderExactlyOnce) {
    const ProductId a = AddProduct(store_, 1000, 50);
    Logger logger(2, LogLevel::kError);
    events::Dispatcher dispatcher(
        *db_, logger,
        {.node_id = "t", .backoff_base = std::chrono::milliseconds(0), .backoff_max = std::chrono::milliseconds(0)});
    dispatcher.AddConsumer(AnalyticsConsumer());
    ASSERT_TRUE(Place(Request({{a.str(), 2}})));
    ASSERT_TRUE(Place(Request({{a.str(), 3}})));
    ASSERT_TRUE(dispatcher.RunOnce());
    ASSERT_TRUE(Exec(*db_, "UPDATE outbox SET status = 'PENDING', attempts = 0;"));  // as if redelivered
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_EQ(Count(*db_, "SELECT orders FROM daily_sales"), 2);
    EXPECT_EQ(Count(*db_, "SELECT revenue_paise FROM daily_sales"), 5000);
}

TEST_F(OrderServiceTest, AnalyticsSkipsAnOrderItCannotAddInsteadOfKillingTheEvent) {
    const ProductId a = AddProduct(store_, 1000, 50);
    auto first = Place(Request({{a.str(), 2}}));
    ASSERT_TRUE(first);
    Logger logger(2, LogLevel::kError);
    events::Dispatcher dispatcher(*db_, logger,
                                  {.node_id = "t",
                                   .max_attempts = 2,
                                   .backoff_base = std::chrono::milliseconds(0),
                                   .backoff_max = std::chrono::milliseconds(0)});
    dispatcher.AddConsumer(AnalyticsConsumer());
    ASSERT_TRUE(dispatcher.RunOnce());
    ASSERT_EQ(Count(*db_, "SELECT revenue_paise FROM daily_sales"), 2000);
    // A day whose revenue is already at the edge of 64 bits cannot take another order; nor can a
    // total that is not a count of paise. Neither may keep the event failing until it is dead.
    const std::int64_t edge = std::numeric_limits<std::int64_t>::max() - 500;
    ASSERT_TRUE(Exec(*db_, "UPDATE daily_sales SET revenue_paise = " + std::to_string(edge) + ";"));
    ASSERT_TRUE(Place(Request({{a.str(), 1}})));
    ASSERT_TRUE(db_->WriteSync([&](storage::Conn& conn) {
        return events::Enqueue(conn, store_.tenant_id, events::type::kOrderPlaced,
                               {{"order_id", "odd"}, {"store_id", store_.store_id.str()}, {"total_paise", "lots"}},
                               NowUtc());
    }));
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(dispatcher.RunOnce());
    }
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE status <> 'DONE'"), 0);
    EXPECT_EQ(Count(*db_, "SELECT orders FROM daily_sales"), 1);
    EXPECT_EQ(Count(*db_, "SELECT revenue_paise FROM daily_sales"), edge);
}

TEST_F(OrderServiceTest, CancelledOrdersAreTakenBackOutOfTheirDaysSalesOnce) {
    const ProductId a = AddProduct(store_, 1000, 50);
    Logger logger(2, LogLevel::kError);
    events::Dispatcher dispatcher(
        *db_, logger,
        {.node_id = "t", .backoff_base = std::chrono::milliseconds(0), .backoff_max = std::chrono::milliseconds(0)});
    dispatcher.AddConsumer(AnalyticsConsumer());
    auto kept = Place(Request({{a.str(), 2}}));
    auto cancelled = Place(Request({{a.str(), 3}}));
    ASSERT_TRUE(kept && cancelled);
    // Cancelled before the dispatcher counted the placement: the events are handled in order.
    ASSERT_TRUE(Await(service_->Transition(store_.tenant_id, cancelled->order.id, OrderStatus::kCancelled, "", {})));
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_EQ(Count(*db_, "SELECT orders FROM daily_sales"), 1);
    EXPECT_EQ(Count(*db_, "SELECT revenue_paise FROM daily_sales"), 2000);
    ASSERT_TRUE(Exec(*db_, "UPDATE outbox SET status = 'PENDING', attempts = 0;"));  // as if redelivered
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_EQ(Count(*db_, "SELECT orders FROM daily_sales"), 1);
    EXPECT_EQ(Count(*db_, "SELECT revenue_paise FROM daily_sales"), 2000);
}

TEST_F(OrderServiceTest, ACancellationSeenBeforeItsPlacementWaitsForIt) {
    const ProductId a = AddProduct(store_, 1000, 50);
    auto placed = Place(Request({{a.str(), 1}}));
    ASSERT_TRUE(placed);
    ASSERT_TRUE(Await(service_->Transition(store_.tenant_id, placed->order.id, OrderStatus::kCancelled, "", {})));
    Logger logger(2, LogLevel::kError);
    events::Dispatcher dispatcher(
        *db_, logger,
        {.node_id = "t", .backoff_base = std::chrono::milliseconds(0), .backoff_max = std::chrono::milliseconds(0)});
    dispatcher.AddConsumer(AnalyticsConsumer());
    // Only the cancellation is due: it must not drive the counters negative, and is retried.
    ASSERT_TRUE(Exec(*db_, "UPDATE outbox SET next_attempt_at = 9e15 WHERE type <> 'ORDER_CANCELLED';"));
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'ORDER_CANCELLED' AND status = 'PENDING'"), 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM daily_sales"), 0);
    ASSERT_TRUE(Exec(*db_, "UPDATE outbox SET next_attempt_at = 0;"));
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE status <> 'DONE'"), 0);
    EXPECT_EQ(Count(*db_, "SELECT orders FROM daily_sales"), 0);
    EXPECT_EQ(Count(*db_, "SELECT revenue_paise FROM daily_sales"), 0);
}

TEST_F(OrderServiceTest, ABuyersGstinIsCheckedAndStored) {
    const ProductId a = AddProduct(store_, 1000, 50);
    PlaceOrder bad = Request({{a.str(), 1}});
    bad.customer.gstin = "27AAPFU0939F1ZW";
    auto refused = Place(bad);
    ASSERT_FALSE(refused);
    ASSERT_EQ(refused.error().fields.size(), 1u);
    EXPECT_EQ(refused.error().fields[0].field, "customer.gstin");
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM orders"), 0);

    PlaceOrder good = Request({{a.str(), 1}});
    good.customer.gstin = " 27aapfu0939f1zv ";
    auto placed = Place(good);
    ASSERT_TRUE(placed) << placed.error().message;
    EXPECT_EQ(placed->order.customer_gstin, "27AAPFU0939F1ZV");
    auto read = Await(service_->Get(store_.tenant_id, placed->order.id, true));
    ASSERT_TRUE(read);
    EXPECT_EQ(read->customer_gstin, "27AAPFU0939F1ZV");
    // Without a GSTIN the column stays empty.
    auto plain = Place(Request({{a.str(), 1}}));
    ASSERT_TRUE(plain);
    EXPECT_EQ(Await(service_->Get(store_.tenant_id, plain->order.id, true))->customer_gstin, "");
}

}  // namespace webdpro::orders
