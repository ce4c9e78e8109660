// The owner's dashboard over HTTP on the real binary: a known set of orders (paid by UPI, unpaid,
// cancelled, cash collected by a rider and cash still to collect) and every figure checked
// exactly, once the outbox consumer has counted them; the CSV exports; bad ranges; another
// tenant's store and people who are not the owner.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "stores_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

using nlohmann::json;

/// Today in India, "YYYY-MM-DD".
std::string IndiaToday() {
    const auto local = std::chrono::system_clock::now() + std::chrono::minutes(330);
    const std::chrono::year_month_day ymd(std::chrono::floor<std::chrono::days>(local));
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return text;
}

class DashboardOverHttp : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = StartRelaxedServer().release();
        ASSERT_NE(server_, nullptr);
        owner_ = new Session();
        auto owner = SignUpOwner(*server_, "9000000801", "Lata Kirana");
        ASSERT_TRUE(owner);
        *owner_ = *owner;
        tenant_ = owner_->account["tenant"]["id"].get<std::string>();
        // The rider signs in before any order: order texts in the SMS outbox would come between
        // the sign-in code and its reader.
        ASSERT_EQ(As(*owner_, "POST", "/api/agents", {{"phone", "9000000811"}, {"name", "Raju Rider"}}).status, 201);
        auto rider = SignIn(*server_, "9000000811");
        ASSERT_TRUE(rider);
        rider_ = new Session(*rider);
        store_ = new SeededStore(SeedPublishedStore(*server_, tenant_, "lata-kirana", 3, 10));
        ASSERT_EQ(store_->product_ids.size(), 3U);
        // The third product counts as low at 6 or fewer.
        Sql(*server_,
            "UPDATE products SET low_stock_threshold = 6 WHERE product_id = " + Quote(store_->product_ids[2]));
        ASSERT_EQ(As(*owner_, "PUT", "/api/tenant/payment-settings",
                     {{"upi_vpa", "lata@okaxis"}, {"upi_payee_name", "Lata Kirana"}})
                      .status,
                  200);
        ASSERT_EQ(As(*owner_, "PUT", "/api/stores/" + store_->store_id + "/checkout-settings",
                     {{"methods", {{"upi", true}, {"cod", true}}}})
                      .status,
                  200);
    }
    // The orders are placed by the first test that runs (once per server), in SetUp, so that a
    // failure is that test's failure, not a silently skipped suite.
    void SetUp() override {
        ASSERT_NE(server_, nullptr);
        ASSERT_NE(store_, nullptr);
        ASSERT_FALSE(store_->product_ids.empty());
        if (!placed_) {
            placed_ = true;
            ASSERT_NO_FATAL_FAILURE(PlaceKnownOrders());
            seeded_ = true;
        }
        ASSERT_TRUE(seeded_) << "the known orders could not be placed (see the first test's failure)";
    }
    static void TearDownTestSuite() {
        delete store_;
        delete rider_;
        delete owner_;
        delete server_;
        store_ = nullptr;
        rider_ = nullptr;
        owner_ = nullptr;
        server_ = nullptr;
    }

    static ApiReply As(const Session& who, const std::string& method, const std::string& path,
                       const json& body = nullptr) {
        return Call(method, server_->url(path), {who.Auth(), {"Content-Type", "application/json"}},
                    body.is_null() ? std::string() : body.dump());
    }

    struct Placed {
        std::string order_id;
        std::string token;
        std::int64_t total = 0;
    };
    static Placed Place(int product, int units, const std::string& method, const Buyer& buyer) {
        static int key = 0;
        auto reply =
            PlaceOrder(*server_, store_->slug, CheckoutBody({{store_->product_ids[product], units}}, buyer, method),
                       "dash-" + std::to_string(++key));
        EXPECT_EQ(reply.status, 201) << reply.Describe();
        const std::string url = reply.json.value("tracking_url", "");
        const auto t = url.find("t=");
        return {reply.json.value("order_id", ""), t == std::string::npos ? "" : url.substr(t + 2),
                reply.json["totals"].value("total_paise", std::int64_t{-1})};
    }

    /// The orders every test reads: ₹10 a unit, no delivery charge, all placed today.
    static void PlaceKnownOrders() {
        const Buyer asha{.name = "Asha", .phone = "98765 43210"};
        const Buyer bina{.name = "=HYPERLINK(\"x\"), Bina", .phone = "98765 43211"};
        const Buyer chand{.name = "Chand", .phone = "98765 43212"};
        // 1. UPI, paid: the customer's UTR, then the owner's check. Asha's first order.
        const Placed upi_paid = Place(0, 2, "UPI", asha);
        ASSERT_EQ(upi_paid.total, 2000);
        const std::string upi = "/s/lata-kirana/api/orders/" + upi_paid.order_id + "/upi?t=" + upi_paid.token;
        ASSERT_EQ(Call("POST", server_->url(upi), {{"Content-Type", "application/json"}},
                       json{{"utr", "412345678901"}}.dump())
                      .status,
                  200);
        auto waiting = As(*owner_, "GET", "/api/payments/upi/waiting");
        ASSERT_EQ(waiting.json["payments"].size(), 1U) << waiting.body;
        ASSERT_EQ(As(*owner_, "POST",
                     "/api/payments/" + waiting.json["payments"][0]["payment_id"].get<std::string>() + "/confirm",
                     json::object())
                      .status,
                  200);
        // 2. UPI, not paid. Bina's first order (a name a spreadsheet would run).
        ASSERT_EQ(Place(1, 1, "UPI", bina).total, 1000);
        // 3. Cash on delivery, cancelled by the owner: Asha again, but it counts nowhere but "cancelled".
        const Placed cancelled = Place(0, 3, "COD", asha);
        ASSERT_EQ(
            As(*owner_, "POST", "/api/orders/" + cancelled.order_id + "/status", {{"status", "CANCELLED"}}).status,
            200);
        // 4. Cash on delivery, delivered and the cash collected by a rider who still holds it. Chand's first.
        const Placed collected = Place(2, 4, "COD", chand);
        ASSERT_EQ(collected.total, 4000);
        auto assigned =
            As(*owner_, "POST", "/api/orders/" + collected.order_id + "/assign", {{"agent_user_id", rider_->UserId()}});
        ASSERT_EQ(assigned.status, 200) << assigned.Describe();
        const std::string path = "/api/agent/deliveries/" + assigned.json["delivery_id"].get<std::string>();
        auto tracking = Call(
            "GET", server_->url("/s/lata-kirana/api/orders/" + collected.order_id + "/tracking?t=" + collected.token));
        const std::string code = tracking.json["delivery"]["code"];
        ASSERT_EQ(As(*rider_, "POST", path + "/picked-up").status, 200);
        auto done = As(*rider_, "POST", path + "/delivered", {{"code", code}, {"cash_collected_paise", 4000}});
        ASSERT_EQ(done.status, 200) << done.Describe();
        // 5. Cash on delivery, confirmed, not collected yet: Asha's repeat order.
        ASSERT_EQ(Place(1, 1, "COD", asha).total, 1000);
        // The consumer counts a moment after each commit.
        // Up to a minute: on a loaded machine a busy database puts an event off with backoff.
        for (int i = 0; i < 1200 && QueryInt(*server_, "SELECT count(*) FROM outbox WHERE status <> 'DONE'") != 0;
             ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ASSERT_EQ(QueryInt(*server_, "SELECT count(*) FROM outbox WHERE status <> 'DONE'"), 0) << server_->Log();
    }

    static inline bool placed_ = false;
    static inline bool seeded_ = false;
    static TestServer* server_;
    static Session* owner_;
    static Session* rider_;
    static std::string tenant_;
    static SeededStore* store_;
};

TestServer* DashboardOverHttp::server_ = nullptr;
Session* DashboardOverHttp::owner_ = nullptr;
Session* DashboardOverHttp::rider_ = nullptr;
std::string DashboardOverHttp::tenant_;
SeededStore* DashboardOverHttp::store_ = nullptr;

TEST_F(DashboardOverHttp, EveryFigureOfAKnownDayIsExact) {
    auto reply = As(*owner_, "GET", "/api/tenant/dashboard?range=7d");
    ASSERT_EQ(reply.status, 200) << reply.Describe();
    const json& d = reply.json;
    const json totals = {{"orders", 4},
                         {"paid_orders", 2},
                         {"revenue_paise", 6000},
                         {"pending_orders", 2},
                         {"pending_paise", 2000},
                         {"cancelled_orders", 1},
                         {"average_paid_order_paise", 3000},
                         {"refunds", 0},
                         {"refunded_paise", 0}};
    EXPECT_EQ(d["totals"], totals) << d.dump(1);
    EXPECT_EQ(d["customers"], (json{{"new_orders", 3}, {"repeat_orders", 1}}));
    ASSERT_EQ(d["days"].size(), 7U);
    EXPECT_EQ(d["days"][6]["day"], IndiaToday());
    EXPECT_EQ(d["days"][6]["revenue_paise"], 6000);
    EXPECT_EQ(d["days"][6]["pending_paise"], 2000);
    for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(d["days"][i]["orders"], 0) << d["days"][i];
    }
    EXPECT_EQ(d["range"]["to"], IndiaToday());
    EXPECT_EQ(d["payment_methods"], (json::array({{{"method", "UPI"}, {"orders", 2}, {"paid_paise", 2000}},
                                                  {{"method", "RAZORPAY"}, {"orders", 0}, {"paid_paise", 0}},
                                                  {{"method", "COD"}, {"orders", 2}, {"paid_paise", 4000}}})));
    // Product 2: 4 units; products 0 and 1: 2 units each (the cancelled 3 units of product 0 left out).
    const auto& p = store_->product_ids;
    const std::string first_tie = std::min(p[0], p[1]);
    const std::string second_tie = std::max(p[0], p[1]);
    auto name_of = [&](const std::string& id) { return id == p[0] ? "Product 0" : "Product 1"; };
    EXPECT_EQ(d["top_products"],
              (json::array(
                  {{{"product_id", p[2]}, {"name", "Product 2"}, {"units", 4}, {"sales_paise", 4000}},
                   {{"product_id", first_tie}, {"name", name_of(first_tie)}, {"units", 2}, {"sales_paise", 2000}},
                   {{"product_id", second_tie}, {"name", name_of(second_tie)}, {"units", 2}, {"sales_paise", 2000}}})));
    EXPECT_EQ(d["cod"], (json{{"to_collect_orders", 1}, {"to_collect_paise", 1000}, {"with_riders_paise", 4000}}));
    EXPECT_EQ(d["low_stock"], (json::array({{{"product_id", p[2]},
                                             {"store_id", store_->store_id},
                                             {"name", "Product 2"},
                                             {"stock", 6},
                                             {"threshold", 6}}})));
    // Each order is counted once, whatever number of events named it.
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM analytics_orders"), 5);

    // The same figures for today and for the store; a day without orders is zero.
    auto today = As(*owner_, "GET", "/api/tenant/dashboard?range=today&store_id=" + store_->store_id);
    ASSERT_EQ(today.status, 200) << today.Describe();
    EXPECT_EQ(today.json["totals"], totals);
    EXPECT_EQ(today.json["store_id"], store_->store_id);
    auto past = As(*owner_, "GET", "/api/tenant/dashboard?range=custom&from=2025-01-01&to=2025-01-31");
    ASSERT_EQ(past.status, 200) << past.Describe();
    EXPECT_EQ(past.json["totals"]["orders"], 0);
    EXPECT_EQ(past.json["days"].size(), 31U);
    EXPECT_EQ(past.json["top_products"], json::array());
}

TEST_F(DashboardOverHttp, ExportsQuoteCellsGuardFormulasAndWriteRupees) {
    auto orders = As(*owner_, "GET", "/api/tenant/dashboard/orders.csv?range=today");
    ASSERT_EQ(orders.status, 200) << orders.Describe();
    EXPECT_EQ(orders.Header("content-type"), "text/csv; charset=utf-8");
    EXPECT_NE(orders.Header("content-disposition").find("orders-" + IndiaToday() + ".csv"), std::string::npos);
    EXPECT_EQ(orders.body.rfind(
                  "\xEF\xBB\xBForder_id,placed_at_ist,store,status,payment_method,payment_status,customer,items,"
                  "subtotal_inr,delivery_inr,discount_inr,gst_included_inr,total_inr\r\n",
                  0),
              0U)
        << orders.body;
    std::size_t lines = 0;
    for (auto at = orders.body.find("\r\n"); at != std::string::npos; at = orders.body.find("\r\n", at + 2)) {
        ++lines;
    }
    EXPECT_EQ(lines, 6U) << orders.body;  // the header and five orders
    EXPECT_NE(orders.body.find(",\"'=HYPERLINK(\"\"x\"\"), Bina\",1,10.00,0.00,0.00,0.48,10.00\r\n"), std::string::npos)
        << orders.body;
    EXPECT_NE(orders.body.find(",DELIVERED,COD,PAID,Chand,1,40.00,0.00,0.00,1.90,40.00\r\n"), std::string::npos)
        << orders.body;

    auto sales =
        As(*owner_, "GET", "/api/tenant/dashboard/sales.csv?range=custom&from=" + IndiaToday() + "&to=" + IndiaToday());
    ASSERT_EQ(sales.status, 200) << sales.Describe();
    EXPECT_EQ(
        sales.body,
        "\xEF\xBB\xBF"
        "day,orders,paid_orders,revenue_inr,pending_orders,pending_inr,cancelled_orders,average_paid_order_inr\r\n" +
            IndiaToday() + ",4,2,60.00,2,20.00,1,30.00\r\n");
}

TEST_F(DashboardOverHttp, BadRangesAreRefusedNamingTheField) {
    auto unknown = As(*owner_, "GET", "/api/tenant/dashboard?range=week");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(ErrorFields(unknown), std::set<std::string>{"range"});
    auto backwards = As(*owner_, "GET", "/api/tenant/dashboard?range=custom&from=2026-03-05&to=2026-03-01");
    EXPECT_EQ(backwards.status, 400);
    EXPECT_EQ(ErrorFields(backwards), std::set<std::string>{"from"});
    auto future = As(*owner_, "GET", "/api/tenant/dashboard/orders.csv?range=custom&from=2026-01-01&to=2999-01-01");
    EXPECT_EQ(future.status, 400);
    EXPECT_EQ(ErrorFields(future), std::set<std::string>{"to"});
    auto not_a_day = As(*owner_, "GET", "/api/tenant/dashboard/sales.csv?range=custom&from=2026-02-30&to=2026-03-01");
    EXPECT_EQ(not_a_day.status, 400);
    EXPECT_EQ(ErrorFields(not_a_day), std::set<std::string>{"from"});
}

TEST_F(DashboardOverHttp, AnotherTenantSeesNoneOfItAndOnlyTheOwnerGetsIn) {
    auto other = SignUpOwner(*server_, "9000000802", "Other Kirana");
    ASSERT_TRUE(other);
    for (const std::string path :
         {"/api/tenant/dashboard", "/api/tenant/dashboard/orders.csv", "/api/tenant/dashboard/sales.csv"}) {
        auto theirs = As(*other, "GET", path + "?range=7d&store_id=" + store_->store_id);
        EXPECT_EQ(theirs.status, 404) << path << " " << theirs.Describe();
        EXPECT_EQ(As(*owner_, "GET", path + "?store_id=not-a-store").status, 404) << path;
        EXPECT_EQ(As(*rider_, "GET", path).status, 403) << path;
        EXPECT_EQ(Call("GET", server_->url(path)).status, 401) << path;
    }
    auto own = As(*other, "GET", "/api/tenant/dashboard?range=7d");
    ASSERT_EQ(own.status, 200);
    EXPECT_EQ(own.json["totals"]["orders"], 0);
    EXPECT_EQ(own.json["cod"]["to_collect_orders"], 0);
    EXPECT_EQ(own.json["low_stock"], json::array());
    auto own_csv = As(*other, "GET", "/api/tenant/dashboard/orders.csv?range=7d");
    EXPECT_EQ(own_csv.body.find("\r\n") + 2, own_csv.body.size()) << "only the header: " << own_csv.body;
}

}  // namespace
}  // namespace webdpro::testing
