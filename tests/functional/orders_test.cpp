// Orders over HTTP on the real binary: checkout on a published store, the idempotent retry, the
// signed tracking link, the owner's view and transitions, and the dispatcher's SMS to the owner.
#include <chrono>
#include <fstream>
#include <limits>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

nlohmann::json Checkout(const std::vector<std::pair<std::string, int>>& lines, const std::string& method = "COD") {
    return CheckoutBody(lines, {}, method);
}

bool OutboxMentions(const TestServer& server, const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        std::ifstream in(server.data_dir() / "outbox" / "sms.jsonl");
        std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (all.find(text) != std::string::npos) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

class OrdersOverHttp : public ShopTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(OpenShop({.owner_phone = "9000000101",
                                          .business = "Asha Kirana",
                                          .slug = "asha-kirana",
                                          .products = 3,
                                          .stock = 5}));
    }
};

}  // namespace

TEST_F(OrdersOverHttp, ACustomerOrdersTracksItAndTheOwnerDeliversIt) {
    const auto& p = store_.product_ids;
    auto placed = Place(Checkout({{p[0], 2}, {p[1], 1}}), "checkout-1");
    ASSERT_EQ(placed.status, 201) << placed.Describe();
    const std::string order_id = placed.json["order_id"];
    EXPECT_EQ(placed.json["status"], "CONFIRMED");
    EXPECT_EQ(placed.json["totals"]["subtotal_paise"], 3000);
    EXPECT_EQ(placed.json["totals"]["tax_paise"], 95 + 48);  // 5% contained in 2000 and in 1000
    EXPECT_EQ(placed.json["totals"]["total_paise"], 3000);
    const std::string tracking = placed.json["tracking_url"];
    ASSERT_NE(tracking.find("/s/asha-kirana/order.html?id=" + order_id + "&t="), std::string::npos) << tracking;
    const std::string token = tracking.substr(tracking.find("&t=") + 3);

    auto retry = Place(Checkout({{p[0], 2}, {p[1], 1}}), "checkout-1");
    EXPECT_EQ(retry.status, 200) << retry.Describe();
    EXPECT_EQ(retry.json["order_id"], order_id);
    auto reused = Place(Checkout({{p[0], 1}}), "checkout-1");
    EXPECT_EQ(reused.status, 422) << reused.Describe();
    EXPECT_EQ(QueryInt(*server_, "SELECT stock_quantity FROM products WHERE product_id = '" + p[0] + "'"), 3);

    auto track = Call("GET", server_->url("/s/asha-kirana/api/orders/" + order_id + "?t=" + token));
    ASSERT_EQ(track.status, 200) << track.Describe();
    EXPECT_EQ(track.json["status"], "CONFIRMED");
    EXPECT_EQ(track.json["items"].size(), 2u);
    EXPECT_FALSE(track.json.contains("customer")) << "no personal data on the public link";
    EXPECT_EQ(Call("GET", server_->url("/s/asha-kirana/api/orders/" + order_id + "?t=0000")).status, 404);
    EXPECT_EQ(Call("GET", server_->url("/s/asha-kirana/api/orders/" + order_id)).status, 404);

    auto mine = Call("GET", server_->url("/api/orders/" + order_id), {owner_->Auth()});
    ASSERT_EQ(mine.status, 200) << mine.Describe();
    EXPECT_EQ(mine.json["order"]["customer"]["phone"], "+919876543210");
    auto list =
        Call("GET", server_->url("/api/stores/" + store_.store_id + "/orders?status=CONFIRMED"), {owner_->Auth()});
    ASSERT_EQ(list.status, 200) << list.Describe();
    ASSERT_EQ(list.json["orders"].size(), 1u);
    EXPECT_EQ(list.json["orders"][0]["order_id"], order_id);
    EXPECT_EQ(list.json["orders"][0]["item_count"], 2);
    EXPECT_TRUE(list.json["next_cursor"].is_null());

    auto move = [&](const std::string& status) {
        return Call("POST", server_->url("/api/orders/" + order_id + "/status"),
                    {owner_->Auth(), {"Content-Type", "application/json"}}, nlohmann::json{{"status", status}}.dump());
    };
    auto skip = move("DELIVERED");
    EXPECT_EQ(skip.status, 409) << skip.Describe();
    EXPECT_NE(skip.body.find("CONFIRMED to DELIVERED"), std::string::npos) << skip.body;
    EXPECT_EQ(move("PACKED").status, 200);
    EXPECT_EQ(move("OUT_FOR_DELIVERY").status, 200);
    auto done = move("DELIVERED");
    ASSERT_EQ(done.status, 200) << done.Describe();
    EXPECT_EQ(done.json["order"]["status"], "DELIVERED");
    EXPECT_EQ(move("CANCELLED").status, 409);

    // The dispatcher told the owner and the customer.
    EXPECT_TRUE(OutboxMentions(*server_, "New order " + order_id + " for ₹30.00, cash on delivery: collect"));
    EXPECT_TRUE(OutboxMentions(*server_, "your order " + order_id + " was delivered"));
    EXPECT_TRUE(OutboxMentions(*server_, "+919876543210"));
}

TEST_F(OrdersOverHttp, ShortStockIsA409AndBadInputA400NamingTheFields) {
    const auto& p = store_.product_ids;
    auto short_stock = Place(Checkout({{p[0], 6}, {p[1], 1}}), "short-1");
    ASSERT_EQ(short_stock.status, 409) << short_stock.Describe();
    ASSERT_TRUE(short_stock.json["error"]["fields"].is_array());
    EXPECT_EQ(short_stock.json["error"]["fields"][0]["field"], "items[0]");
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM orders"), 0);
    EXPECT_EQ(QueryInt(*server_, "SELECT stock_quantity FROM products WHERE product_id = '" + p[1] + "'"), 5);

    nlohmann::json bad = Checkout({{p[0], 1}}, "CASH");
    bad["customer"]["pincode"] = "0123";
    auto invalid = Place(bad, "bad-1");
    ASSERT_EQ(invalid.status, 400) << invalid.Describe();
    EXPECT_NE(invalid.body.find("customer.pincode"), std::string::npos);
    EXPECT_NE(invalid.body.find("payment_method"), std::string::npos);

    auto no_key = Call("POST", server_->url("/s/asha-kirana/api/orders"), {{"Content-Type", "application/json"}},
                       Checkout({{p[0], 1}}).dump());
    EXPECT_EQ(no_key.status, 400) << no_key.Describe();
    EXPECT_EQ(Call("POST", server_->url("/s/nobody-here/api/orders"),
                   {{"Content-Type", "application/json"}, {"Idempotency-Key", "x"}}, Checkout({{p[0], 1}}).dump())
                  .status,
              404);
}

// Money has caps: ₹10,00,000 a unit, ₹1 crore an order. A price above the cap is refused where
// products are written; a row priced above it before the caps existed cannot be ordered, and no
// total overflows into a wrong amount, a "minimum order is ₹0.00" or an event the sales counters drop.
TEST_F(OrdersOverHttp, MoneyCapsRefuseOverflowingPricesAndOrdersAndSalesStillCountTheRest) {
    const auto& p = store_.product_ids;
    auto create =
        Call("POST", server_->url("/api/stores/" + store_.store_id + "/products"),
             {owner_->Auth(), {"Content-Type", "application/json"}},
             nlohmann::json{{"name", "Gold"}, {"price_paise", std::numeric_limits<std::int64_t>::max()}}.dump());
    ASSERT_EQ(create.status, 400) << create.Describe();
    EXPECT_EQ(create.json["error"]["fields"][0]["field"], "price_paise") << create.Describe();

    auto price = [&](const std::string& id, const std::string& paise, int gst_bp, int stock) {
        ASSERT_EQ(QueryInt(*server_, "UPDATE products SET price_paise = " + paise + ", gst_rate_bp = " +
                                         std::to_string(gst_bp) + ", stock_quantity = " + std::to_string(stock) +
                                         " WHERE product_id = '" + id + "' RETURNING 1"),
                  1);
    };
    ASSERT_NO_FATAL_FAILURE(price(p[0], "9223372036854775807", 1800, 5));
    ASSERT_NO_FATAL_FAILURE(price(p[1], "10000000000000000", 500, 5000));
    ASSERT_NO_FATAL_FAILURE(price(p[2], "100000000", 300, 50));

    auto huge = Place(Checkout({{p[0], 1}}), "cap-1");
    ASSERT_EQ(huge.status, 400) << huge.Describe();
    EXPECT_EQ(huge.json["error"]["fields"][0]["field"], "items[0].product_id") << huge.Describe();
    auto many = Place(Checkout({{p[1], 999}}), "cap-2");
    ASSERT_EQ(many.status, 400) << many.Describe();
    EXPECT_EQ(many.body.find("minimum order"), std::string::npos) << many.body;
    auto eleven = Place(Checkout({{p[2], 11}}), "cap-3");
    ASSERT_EQ(eleven.status, 400) << eleven.Describe();
    EXPECT_EQ(eleven.json["error"]["fields"][0]["field"], "items");
    EXPECT_EQ(eleven.json["error"]["fields"][0]["message"], "An order can come to at most ₹1,00,00,000.00.");
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM orders"), 0);
    EXPECT_EQ(QueryInt(*server_, "SELECT stock_quantity FROM products WHERE product_id = '" + p[2] + "'"), 50);

    auto ten = Place(Checkout({{p[2], 10}}), "cap-4");
    ASSERT_EQ(ten.status, 201) << ten.Describe();
    EXPECT_EQ(ten.json["totals"]["total_paise"], 1'000'000'000);
    EXPECT_EQ(ten.json["totals"]["tax_paise"], 29'126'214);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (QueryInt(*server_, "SELECT count(*) FROM outbox WHERE status = 'PENDING'") != 0 &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM outbox WHERE status <> 'DONE'"), 0);
    EXPECT_EQ(QueryInt(*server_, "SELECT revenue_paise FROM daily_sales"), 1'000'000'000);
}

// A method that cannot take the money is neither offered nor accepted: no order waits for a
// payment that can never come, and no stock is held for it.
TEST_F(OrdersOverHttp, OnlyCashOnDeliveryIsOfferedAndTakenUntilOnlinePaymentsWork) {
    const auto& p = store_.product_ids;
    for (const char* method : {"UPI", "RAZORPAY"}) {
        auto refused = Place(Checkout({{p[2], 4}}, method), std::string("online-") + method);
        ASSERT_EQ(refused.status, 400) << refused.Describe();
        EXPECT_NE(refused.body.find("payment_method"), std::string::npos) << refused.body;
    }
    EXPECT_EQ(QueryInt(*server_, "SELECT stock_quantity FROM products WHERE product_id = '" + p[2] + "'"), 5);
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM orders"), 0);

    // What the pages offer (checkout, footer, policies) is covered by the storefront's render tests.

    // Cancelling a confirmed cash-on-delivery order returns its stock.
    auto placed = Place(Checkout({{p[2], 4}}), "cod-1");
    ASSERT_EQ(placed.status, 201) << placed.Describe();
    EXPECT_EQ(QueryInt(*server_, "SELECT stock_quantity FROM products WHERE product_id = '" + p[2] + "'"), 1);
    auto cancelled = Call("POST", server_->url("/api/orders/" + placed.json["order_id"].get<std::string>() + "/status"),
                          {owner_->Auth(), {"Content-Type", "application/json"}},
                          nlohmann::json{{"status", "CANCELLED"}, {"reason", "customer called"}}.dump());
    ASSERT_EQ(cancelled.status, 200) << cancelled.Describe();
    EXPECT_EQ(QueryInt(*server_, "SELECT stock_quantity FROM products WHERE product_id = '" + p[2] + "'"), 5);
}

}  // namespace webdpro::testing
