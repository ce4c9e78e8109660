// Orders extras over HTTP on the real binary: the owner's order view (WhatsApp link, tracking link,
// allowed transitions, invoice flag), the buyer's GSTIN on a B2B invoice, GST on the delivery fee,
// the sales dashboard (cancelled orders are not revenue), "my orders" across tenants for the
// signed-in customer only, and the order metrics.
#include <cctype>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

constexpr const char* kSupplierGstin = "27AAPFU0939F1ZV";  // Maharashtra
constexpr const char* kBuyerGstin = "29AAGCB7383J1Z4";     // Karnataka

/// Decodes %XX escapes (the WhatsApp text).
std::string PercentDecode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

/// A COD checkout by Ravi, delivered to `pincode`, with the buyer's GSTIN when given.
nlohmann::json Checkout(const std::vector<std::pair<std::string, int>>& lines, const std::string& phone,
                        const std::string& pincode = "411001", const std::string& gstin = "") {
    return CheckoutBody(lines,
                        {.name = "Ravi", .phone = phone, .address = "12 MG Road", .pincode = pincode, .gstin = gstin});
}

class OrdersExtras : public ShopTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(
            OpenShop({.owner_phone = "9000000171", .business = "Asha Kirana", .slug = "asha-extras", .stock = 50}));
    }

    ApiReply Place(const std::string& slug, const nlohmann::json& body, const std::string& key,
                   const Session* as = nullptr) {
        return PlaceOrder(*server_, slug, body, key, as);
    }

    std::string PlaceOk(const nlohmann::json& body, const std::string& key) {
        auto placed = Place(store_.slug, body, key);
        EXPECT_EQ(placed.status, 201) << placed.Describe();
        return placed.status == 201 ? placed.json["order_id"].get<std::string>() : "";
    }

    ApiReply Move(const std::string& order_id, const std::string& status) {
        return Call("POST", server_->url("/api/orders/" + order_id + "/status"),
                    {owner_->Auth(), {"Content-Type", "application/json"}}, nlohmann::json{{"status", status}}.dump());
    }

    ApiReply Sales(const std::string& query = "") {
        return Call("GET", server_->url("/api/tenant/sales" + query), {owner_->Auth()});
    }
};

TEST_F(OrdersExtras, TheOwnersOrderCarriesAWhatsAppLinkTheNextStepsAndTheInvoiceFlag) {
    const std::string order_id = PlaceOk(Checkout({{store_.product_ids[0], 1}}, "98765 43210"), "wa-1");
    ASSERT_FALSE(order_id.empty());

    auto got = Call("GET", server_->url("/api/orders/" + order_id), {owner_->Auth()});
    ASSERT_EQ(got.status, 200) << got.Describe();
    const auto& order = got.json["order"];
    const std::string whatsapp = order["links"]["whatsapp"];
    const std::string prefix = "https://wa.me/919876543210?text=";
    ASSERT_EQ(whatsapp.rfind(prefix, 0), 0u) << whatsapp;
    const std::string encoded = whatsapp.substr(prefix.size());
    EXPECT_EQ(encoded.find_first_of(" &#+?"), std::string::npos) << "the text must be URL-encoded: " << encoded;
    const std::string text = PercentDecode(encoded);
    EXPECT_NE(text.find("Test Kirana"), std::string::npos) << text;  // the shop
    // The order by the short reference the owner's list and the customer's confirmation show.
    std::string reference = "#" + order_id.substr(order_id.size() - 6);
    for (char& c : reference) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    EXPECT_NE(text.find(reference), std::string::npos) << text;
    EXPECT_EQ(text.find(order_id), std::string::npos) << text;
    EXPECT_NE(text.find("confirmed"), std::string::npos) << text;  // its status
    const std::string tracking = order["links"]["tracking"];
    EXPECT_EQ(tracking.rfind("/s/asha-extras/order.html?id=" + order_id + "&t=", 0), 0u) << tracking;
    EXPECT_EQ(order["allowed_transitions"], nlohmann::json({"PACKED", "CANCELLED"}));
    EXPECT_EQ(order["invoice_available"], false);
    EXPECT_FALSE(order["customer"].contains("gstin"));

    // The tracking link works for the customer.
    const std::string token = tracking.substr(tracking.find("&t=") + 3);
    EXPECT_EQ(Call("GET", server_->url("/s/asha-extras/api/orders/" + order_id + "?t=" + token)).status, 200);

    // A transition answers the same view, with the next steps and the text following the status.
    ASSERT_EQ(SetGstin(kSupplierGstin).status, 200);
    auto packed = Move(order_id, "PACKED");
    ASSERT_EQ(packed.status, 200) << packed.Describe();
    EXPECT_EQ(packed.json["order"]["allowed_transitions"], nlohmann::json({"OUT_FOR_DELIVERY", "CANCELLED"}));
    EXPECT_EQ(packed.json["order"]["invoice_available"], true);
    EXPECT_NE(PercentDecode(packed.json["order"]["links"]["whatsapp"].get<std::string>()).find("packed"),
              std::string::npos);

    // The store's language decides the message's.
    ASSERT_EQ(QueryInt(*server_, "UPDATE stores SET language = 'hi' WHERE slug = 'asha-extras' RETURNING 1"), 1);
    auto hindi = Call("GET", server_->url("/api/orders/" + order_id), {owner_->Auth()});
    ASSERT_EQ(hindi.status, 200);
    const std::string hindi_text = PercentDecode(hindi.json["order"]["links"]["whatsapp"].get<std::string>());
    EXPECT_NE(hindi_text.find("पैक हो गया है"), std::string::npos) << hindi_text;
    EXPECT_NE(hindi_text.find(reference), std::string::npos) << hindi_text;

    auto cancelled = Move(order_id, "CANCELLED");
    ASSERT_EQ(cancelled.status, 200);
    EXPECT_EQ(cancelled.json["order"]["allowed_transitions"], nlohmann::json::array());
}

TEST_F(OrdersExtras, ABuyersGstinIsCheckedStoredAndPrintedOnTheInvoice) {
    ASSERT_EQ(SetGstin(kSupplierGstin).status, 200);
    const auto before_stock = QueryInt(*server_, "SELECT sum(stock_quantity) FROM products");

    auto bad = Place(store_.slug, Checkout({{store_.product_ids[0], 2}}, "98765 43210", "411001", "27AAPFU0939F1ZW"),
                     "gstin-bad");
    EXPECT_EQ(bad.status, 400) << bad.Describe();
    ASSERT_TRUE(bad.json["error"]["fields"].is_array()) << bad.Describe();
    EXPECT_EQ(bad.json["error"]["fields"][0]["field"], "customer.gstin") << bad.Describe();
    EXPECT_NE(bad.body.find("check character"), std::string::npos) << bad.body;
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM orders"), 0) << "a refused order writes nothing";
    EXPECT_EQ(QueryInt(*server_, "SELECT sum(stock_quantity) FROM products"), before_stock);

    // Lower case and spaces are accepted and normalised. Delivered in Maharashtra (the pincode),
    // the supply is intra-state even though the buyer is registered in Karnataka.
    const std::string order_id =
        PlaceOk(Checkout({{store_.product_ids[0], 2}}, "98765 43210", "411001", " 29aagcb7383j1z4 "), "gstin-ok");
    ASSERT_FALSE(order_id.empty());
    auto got = Call("GET", server_->url("/api/orders/" + order_id), {owner_->Auth()});
    EXPECT_EQ(got.json["order"]["customer"]["gstin"], kBuyerGstin) << got.Describe();

    auto invoice = Call("GET", server_->url("/api/orders/" + order_id + "/invoice.json"), {owner_->Auth()});
    ASSERT_EQ(invoice.status, 200) << invoice.Describe();
    EXPECT_EQ(invoice.json["invoice"]["recipient"]["gstin"], kBuyerGstin);
    EXPECT_EQ(invoice.json["invoice"]["supply_type"], "INTRA_STATE");
    auto html = Call("GET", server_->url("/api/orders/" + order_id + "/invoice"), {owner_->Auth()});
    ASSERT_EQ(html.status, 200);
    EXPECT_NE(html.body.find(kBuyerGstin), std::string::npos);
    EXPECT_EQ(html.body.find("GSTIN: Unregistered"), std::string::npos);

    // Without a GSTIN the recipient is unregistered.
    const std::string b2c = PlaceOk(Checkout({{store_.product_ids[0], 1}}, "98765 43210"), "gstin-none");
    auto plain = Call("GET", server_->url("/api/orders/" + b2c + "/invoice.json"), {owner_->Auth()});
    ASSERT_EQ(plain.status, 200);
    EXPECT_TRUE(plain.json["invoice"]["recipient"]["gstin"].is_null());
}

/// Every line's parts add up to its total, the lines to the invoice, and the tax totals to the lines.
void ExpectExactToThePaisa(const nlohmann::json& invoice) {
    std::int64_t lines = 0;
    std::int64_t taxable = 0;
    std::int64_t tax = 0;
    for (const auto& line : invoice["lines"]) {
        const std::int64_t parts = line["taxable_paise"].get<std::int64_t>() + line["cgst_paise"].get<std::int64_t>() +
                                   line["sgst_paise"].get<std::int64_t>() + line["igst_paise"].get<std::int64_t>();
        EXPECT_EQ(parts, line["total_paise"].get<std::int64_t>()) << line.dump();
        lines += line["total_paise"].get<std::int64_t>();
        taxable += line["taxable_paise"].get<std::int64_t>();
        tax += line["cgst_paise"].get<std::int64_t>() + line["sgst_paise"].get<std::int64_t>() +
               line["igst_paise"].get<std::int64_t>();
    }
    EXPECT_EQ(lines, invoice["total_paise"].get<std::int64_t>());
    const auto& totals = invoice["tax_totals"];
    EXPECT_EQ(totals["taxable_paise"].get<std::int64_t>(), taxable);
    EXPECT_EQ(totals["cgst_paise"].get<std::int64_t>() + totals["sgst_paise"].get<std::int64_t>() +
                  totals["igst_paise"].get<std::int64_t>(),
              tax);
}

TEST_F(OrdersExtras, TheDeliveryFeeIsATaxedLineAtThePrincipalItemsRate) {
    ASSERT_EQ(SetGstin(kSupplierGstin).status, 200);
    ASSERT_EQ(QueryInt(*server_, "UPDATE stores SET delivery_fee_paise = 4000 WHERE slug = 'asha-extras' RETURNING 1"),
              1);
    ASSERT_EQ(QueryInt(*server_, "UPDATE products SET gst_rate_bp = 1800 WHERE product_id = '" + store_.product_ids[1] +
                                     "' RETURNING 1"),
              1);
    // 3 × ₹10 at 5% is the principal item (₹30 against ₹10 at 18%): the ₹40 fee carries 5%.
    const auto lines = std::vector<std::pair<std::string, int>>{{store_.product_ids[0], 3}, {store_.product_ids[1], 1}};

    const std::string intra = PlaceOk(Checkout(lines, "98765 43210", "411001"), "fee-intra");
    ASSERT_FALSE(intra.empty());
    auto same_state = Call("GET", server_->url("/api/orders/" + intra + "/invoice.json"), {owner_->Auth()});
    ASSERT_EQ(same_state.status, 200) << same_state.Describe();
    const auto& invoice = same_state.json["invoice"];
    ASSERT_EQ(invoice["lines"].size(), 3u) << invoice.dump();
    const auto& fee = invoice["lines"][2];
    EXPECT_EQ(fee["hsn"], "9968");
    EXPECT_EQ(fee["gst_rate_bp"], 500);
    EXPECT_EQ(fee["total_paise"], 4000);
    // 4000 × 5 / 105 = 190.48 → 190, halved: 95 + 95.
    EXPECT_EQ(fee["cgst_paise"], 95);
    EXPECT_EQ(fee["sgst_paise"], 95);
    EXPECT_EQ(fee["igst_paise"], 0);
    EXPECT_EQ(fee["taxable_paise"], 3810);
    EXPECT_EQ(invoice["total_paise"], 8000);
    ExpectExactToThePaisa(invoice);

    const std::string inter = PlaceOk(Checkout(lines, "98765 43210", "560001"), "fee-inter");
    auto other_state = Call("GET", server_->url("/api/orders/" + inter + "/invoice.json"), {owner_->Auth()});
    ASSERT_EQ(other_state.status, 200) << other_state.Describe();
    const auto& igst = other_state.json["invoice"];
    EXPECT_EQ(igst["supply_type"], "INTER_STATE");
    EXPECT_EQ(igst["lines"][2]["igst_paise"], 190);
    EXPECT_EQ(igst["lines"][2]["cgst_paise"], 0);
    ExpectExactToThePaisa(igst);
    auto html = Call("GET", server_->url("/api/orders/" + inter + "/invoice"), {owner_->Auth()});
    EXPECT_NE(html.body.find("9968"), std::string::npos);
}

TEST_F(OrdersExtras, SalesCountTodaysOrdersAndLeaveOutACancelledOne) {
    const std::string kept = PlaceOk(Checkout({{store_.product_ids[0], 2}}, "98765 43210"), "sale-1");
    const std::string cancelled = PlaceOk(Checkout({{store_.product_ids[1], 5}}, "98765 43210"), "sale-2");
    ASSERT_FALSE(kept.empty());
    ASSERT_FALSE(cancelled.empty());
    ASSERT_EQ(Move(cancelled, "CANCELLED").status, 200);

    // The counters are the dispatcher's: wait until both placements and the cancellation are in.
    ApiReply sales;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
        sales = Sales();
        ASSERT_EQ(sales.status, 200) << sales.Describe();
        if (QueryInt(*server_, "SELECT count(*) FROM outbox WHERE status = 'PENDING'") == 0) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    sales = Sales();
    const auto& today = sales.json["today"];
    EXPECT_EQ(today["orders"], 1) << sales.Describe();
    EXPECT_EQ(today["revenue_paise"], 2000) << sales.Describe();
    EXPECT_EQ(today["average_order_paise"], 2000);
    EXPECT_EQ(sales.json["yesterday"]["orders"], 0);
    ASSERT_EQ(sales.json["days"].size(), 7u);
    EXPECT_EQ(sales.json["days"][6]["day"], today["day"]);
    EXPECT_EQ(sales.json["days"][6]["orders"], 1);
    EXPECT_EQ(sales.json["open_orders"]["CONFIRMED"], 1);
    EXPECT_EQ(sales.json["open_orders"]["PACKED"], 0);
    EXPECT_EQ(sales.json["open_orders"]["PENDING_PAYMENT"], 0);
    ASSERT_EQ(sales.json["stores"].size(), 1u);
    EXPECT_EQ(sales.json["stores"][0]["store_id"], store_.store_id);
    EXPECT_EQ(sales.json["stores"][0]["orders_today"], 1);
    EXPECT_EQ(sales.json["stores"][0]["revenue_today_paise"], 2000);

    auto three = Sales("?days=3");
    ASSERT_EQ(three.status, 200);
    EXPECT_EQ(three.json["days"].size(), 3u);
    for (const char* bad : {"?days=0", "?days=91", "?days=abc", "?days=7x"}) {
        auto refused = Sales(bad);
        EXPECT_EQ(refused.status, 400) << bad << " " << refused.Describe();
        EXPECT_EQ(refused.json["error"]["fields"][0]["field"], "days") << refused.Describe();
    }
    auto customer = SignIn(*server_, "9000000172");
    ASSERT_TRUE(customer);
    EXPECT_EQ(Call("GET", server_->url("/api/tenant/sales"), {customer->Auth()}).status, 403);
    EXPECT_EQ(Call("GET", server_->url("/api/tenant/sales")).status, 401);
}

TEST_F(OrdersExtras, MyOrdersShowsTheCustomersOrdersInEveryTenantAndNobodyElses) {
    auto other_owner = SignUpOwner(*server_, "9000000181", "Bala Stores");
    ASSERT_TRUE(other_owner);
    const auto other_store =
        SeedPublishedStore(*server_, other_owner->account["tenant"]["id"].get<std::string>(), "bala-stores", 1, 50);
    ASSERT_EQ(other_store.product_ids.size(), 1u);

    auto chitra = SignIn(*server_, "9000000191");
    auto dev = SignIn(*server_, "9000000192");
    auto esha = SignIn(*server_, "9000000193");
    ASSERT_TRUE(chitra && dev && esha);

    // Chitra orders in tenant A without signing in (found by her phone), then in tenant B signed in.
    auto first = Place(store_.slug, Checkout({{store_.product_ids[0], 2}}, "90000 00191"), "chitra-a");
    ASSERT_EQ(first.status, 201) << first.Describe();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto second =
        Place(other_store.slug, Checkout({{other_store.product_ids[0], 1}}, "9000000191"), "chitra-b", &*chitra);
    ASSERT_EQ(second.status, 201) << second.Describe();
    // Dev orders in tenant A.
    auto devs = Place(store_.slug, Checkout({{store_.product_ids[1], 1}}, "9000000192"), "dev-a");
    ASSERT_EQ(devs.status, 201) << devs.Describe();

    auto mine = Call("GET", server_->url("/api/me/orders"), {chitra->Auth()});
    ASSERT_EQ(mine.status, 200) << mine.Describe();
    const auto& orders = mine.json["orders"];
    ASSERT_EQ(orders.size(), 2u) << mine.Describe();
    EXPECT_TRUE(mine.json["next_cursor"].is_null());
    EXPECT_EQ(orders[0]["order_id"], second.json["order_id"]) << "newest first";
    EXPECT_EQ(orders[1]["order_id"], first.json["order_id"]);
    EXPECT_EQ(orders[0]["store"]["slug"], "bala-stores");
    EXPECT_EQ(orders[0]["store"]["url"], "/s/bala-stores/");
    EXPECT_EQ(orders[0]["store"]["name"], "Test Kirana");
    EXPECT_EQ(orders[1]["store"]["slug"], "asha-extras");
    EXPECT_EQ(orders[1]["item_count"], 1);
    EXPECT_EQ(orders[1]["totals"]["total_paise"], 2000);
    for (const auto& order : orders) {
        EXPECT_FALSE(order["customer"].contains("phone")) << order.dump();
        EXPECT_FALSE(order.contains("items")) << order.dump();
        const std::string tracking = order["tracking_url"];
        EXPECT_EQ(Call("GET", server_->url(tracking.substr(0, tracking.find("/order.html")) + "/api/orders/" +
                                           order["order_id"].get<std::string>() +
                                           "?t=" + tracking.substr(tracking.find("&t=") + 3)))
                      .status,
                  200)
            << tracking;
    }
    EXPECT_EQ(mine.body.find("9000000191"), std::string::npos) << "no phone in the list";
    EXPECT_EQ(mine.body.find(devs.json["order_id"].get<std::string>()), std::string::npos);

    auto his = Call("GET", server_->url("/api/me/orders"), {dev->Auth()});
    ASSERT_EQ(his.status, 200) << his.Describe();
    ASSERT_EQ(his.json["orders"].size(), 1u) << his.Describe();
    EXPECT_EQ(his.json["orders"][0]["order_id"], devs.json["order_id"]);

    auto none = Call("GET", server_->url("/api/me/orders"), {esha->Auth()});
    ASSERT_EQ(none.status, 200);
    EXPECT_TRUE(none.json["orders"].empty()) << none.Describe();

    EXPECT_EQ(Call("GET", server_->url("/api/me/orders")).status, 401);
    auto bad_cursor = Call("GET", server_->url("/api/me/orders?cursor=nope"), {chitra->Auth()});
    EXPECT_EQ(bad_cursor.status, 400) << bad_cursor.Describe();
}

TEST_F(OrdersExtras, MetricsCountPlacementsByMethodTransitionsAndTheOutbox) {
    const std::string order_id = PlaceOk(Checkout({{store_.product_ids[0], 1}}, "98765 43210"), "metrics-1");
    ASSERT_FALSE(order_id.empty());
    ASSERT_EQ(Place(store_.slug, Checkout({{store_.product_ids[0], 1}}, "98765 43210"), "metrics-1").status, 200)
        << "the retry";
    ASSERT_EQ(Move(order_id, "PACKED").status, 200);
    auto metrics = Call("GET", server_->url("/metrics"));
    ASSERT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.body.find("webdpro_orders_placed_total{method=\"COD\"} 1\n"), std::string::npos) << metrics.body;
    EXPECT_NE(metrics.body.find("webdpro_orders_placed_total{method=\"UPI\"} 0\n"), std::string::npos);
    EXPECT_NE(metrics.body.find("webdpro_order_transitions_total{status=\"PACKED\"} 1\n"), std::string::npos);
    EXPECT_NE(metrics.body.find("webdpro_order_transitions_total{status=\"CANCELLED\"} 0\n"), std::string::npos);
    for (const char* gauge : {"webdpro_outbox_pending ", "webdpro_outbox_dead ", "webdpro_outbox_lag_seconds "}) {
        EXPECT_NE(metrics.body.find(gauge), std::string::npos) << gauge;
    }
}

TEST(OrdersConfig, TheOrderKeysReachTheServerAndContradictoryEventKeysStopIt) {
    std::string error;
    TestServer::Options options;
    options.extra_args = RelaxedLimits();
    options.extra_args.insert(options.extra_args.end(), {"--set", "orders.max_lines=1"});
    auto server = TestServer::Start(options, error);
    ASSERT_NE(server, nullptr) << error;
    auto owner = SignUpOwner(*server, "9000000175", "One Line");
    ASSERT_TRUE(owner);
    const auto store = SeedPublishedStore(*server, owner->account["tenant"]["id"].get<std::string>(), "one-line", 2, 5);
    ASSERT_EQ(store.product_ids.size(), 2u);
    auto two_lines = PlaceOrder(*server, "one-line",
                                Checkout({{store.product_ids[0], 1}, {store.product_ids[1], 1}}, "98765 43210"), "two");
    EXPECT_EQ(two_lines.status, 400) << two_lines.Describe();
    EXPECT_NE(two_lines.body.find("at most 1 lines"), std::string::npos) << two_lines.body;

    std::string output;
    EXPECT_NE(RunWebdpro({"serve", "--set", "events.backoff_base_ms=5000", "--set", "events.backoff_max_ms=10",
                          "--data-dir", (server->data_dir() / "other").string()},
                         output),
              0);
    EXPECT_NE(output.find("events.backoff_max_ms"), std::string::npos) << output;
}

}  // namespace
}  // namespace webdpro::testing
