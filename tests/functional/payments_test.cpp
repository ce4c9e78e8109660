// Payments over HTTP on the real binary: the owner's payment and checkout settings, what the store
// then offers and charges, another tenant's store kept out of reach, and UPI straight to the
// business (the order's QR code read back by zbarimg, the UTR, the owner's confirmation).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "stores_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

class PaymentsOverHttp : public ShopTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(OpenShop({.owner_phone = "9000000301",
                                          .business = "Meera Stores",
                                          .slug = "meera-stores",
                                          .products = 2,
                                          .stock = 20}));
        // The seeded store gets the pages of a store generated through the API, so its checkout,
        // policies and order page render (they show its products and its checkout settings).
        const GeneratedStore generated = GenerateStore(*server_, *owner_, "Meera Stores, groceries in Pune");
        ASSERT_FALSE(generated.id.empty());
        Sql(*server_, "UPDATE stores SET spec = (SELECT spec FROM stores WHERE store_id = " + Quote(generated.id) +
                          ") WHERE store_id = " + Quote(store_.store_id));
    }

    ApiReply AsOwner(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr) {
        return Call(method, server_->url(path), {owner_->Auth(), {"Content-Type", "application/json"}},
                    body.is_null() ? std::string() : body.dump());
    }

    std::string CheckoutPath() const { return "/api/stores/" + store_.store_id + "/checkout-settings"; }
};

/// What a command prints on stdout (and whether it exited 0).
std::pair<bool, std::string> RunShell(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        return {false, out};
    }
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
        out += buffer;
    }
    return {::pclose(pipe) == 0, out};
}

bool OutboxHas(const TestServer& server, const std::string& text) {
    for (int i = 0; i < 200; ++i) {
        std::ifstream in(server.data_dir() / "outbox" / "sms.jsonl");
        const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (all.find(text) != std::string::npos) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace

TEST_F(PaymentsOverHttp, SettingsChangeWhatTheCheckoutOffersAndChargesAndStayInTheirTenant) {
    // Razorpay cannot be switched on before the business's key pair is saved.
    auto early = AsOwner("PUT", CheckoutPath(), {{"methods", {{"razorpay", true}}}});
    EXPECT_EQ(early.status, 400) << early.Describe();
    EXPECT_NE(early.body.find("Add your Razorpay keys"), std::string::npos) << early.body;
    EXPECT_EQ(AsOwner("GET", CheckoutPath()).json["available"]["razorpay"], false);

    // Payment settings: the secret is sealed and never comes back.
    auto saved = AsOwner("PUT", "/api/tenant/payment-settings",
                         {{"razorpay_key_id", "rzp_test_AbCdEf123456"}, {"razorpay_key_secret", "sekrit-value-99"}});
    ASSERT_EQ(saved.status, 200) << saved.Describe();
    EXPECT_EQ(saved.json["razorpay"]["key_id_last4"], "3456");
    EXPECT_EQ(saved.json["razorpay"]["key_secret_set"], true);
    EXPECT_EQ(saved.body.find("sekrit"), std::string::npos);
    EXPECT_EQ(AsOwner("GET", "/api/tenant/payment-settings").body.find("sekrit"), std::string::npos);
    EXPECT_EQ(QueryInt(*server_,
                       "SELECT count(*) FROM payment_settings WHERE instr(CAST(razorpay_key_secret_enc AS "
                       "TEXT), 'sekrit') > 0"),
              0);
    auto bad = AsOwner("PUT", "/api/tenant/payment-settings", {{"upi_vpa", "not-a-vpa"}, {"upi_payee_name", "M"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("upi_vpa"), std::string::npos) << bad.body;

    // Checkout settings: a delivery charge, a free-delivery threshold and a limit per product.
    auto set =
        AsOwner("PUT", CheckoutPath(),
                {{"delivery_fee_paise", 2500}, {"free_delivery_above_paise", 5000}, {"max_units_per_product", 3}});
    ASSERT_EQ(set.status, 200) << set.Describe();
    EXPECT_EQ(set.json["methods"]["cod"], true);
    EXPECT_EQ(set.json["delivery_fee_paise"], 2500);
    // Razorpay can be switched on once its key pair is saved, and off again.
    auto card = AsOwner("PUT", CheckoutPath(), {{"methods", {{"razorpay", true}}}});
    EXPECT_EQ(card.status, 200) << card.Describe();
    EXPECT_EQ(card.json["methods"]["razorpay"], true);
    EXPECT_EQ(card.json["available"]["razorpay"], true);
    EXPECT_NE(Call("GET", server_->url("/s/meera-stores/checkout.html")).body.find("value=\"RAZORPAY\""),
              std::string::npos);
    EXPECT_EQ(AsOwner("PUT", CheckoutPath(), {{"methods", {{"razorpay", false}}}}).status, 200);
    EXPECT_EQ(AsOwner("PUT", CheckoutPath(), {{"methods", {{"cod", false}}}}).status, 400);  // nothing left

    // The store's checkout shows the charge before the order, and the server charges exactly it.
    auto page = Call("GET", server_->url("/s/meera-stores/checkout.html"));
    EXPECT_NE(page.body.find("data-fee=\"2500\" data-free-above=\"5000\""), std::string::npos);
    auto shipping = Call("GET", server_->url("/s/meera-stores/shipping.html"));
    EXPECT_NE(shipping.body.find("Delivery costs ₹25 per order, free on orders of ₹50 or more."), std::string::npos)
        << shipping.body;
    const auto& p = store_.product_ids;
    auto small = Place(CheckoutBody({{p[0], 2}}), "small-1");  // ₹20 + ₹25
    ASSERT_EQ(small.status, 201) << small.Describe();
    EXPECT_EQ(small.json["totals"]["delivery_fee_paise"], 2500);
    EXPECT_EQ(small.json["totals"]["total_paise"], 4500);
    auto too_many = Place(CheckoutBody({{p[0], 4}}), "many-1");
    EXPECT_EQ(too_many.status, 400);
    EXPECT_NE(too_many.body.find("items[0].quantity"), std::string::npos) << too_many.body;
    auto free = Place(CheckoutBody({{p[0], 3}, {p[1], 3}}), "free-1");  // ₹60: above ₹50, delivered free
    ASSERT_EQ(free.status, 201) << free.Describe();
    EXPECT_EQ(free.json["totals"]["delivery_fee_paise"], 0);
    EXPECT_EQ(free.json["totals"]["total_paise"], 6000);

    // Another tenant's owner reaches neither the settings nor the store.
    auto stranger = SignUpOwner(*server_, "9000000302", "Other Shop");
    ASSERT_TRUE(stranger);
    for (const char* method : {"GET", "PUT"}) {
        auto other =
            Call(method, server_->url(CheckoutPath()), {stranger->Auth(), {"Content-Type", "application/json"}},
                 std::string(method) == "PUT" ? nlohmann::json{{"delivery_fee_paise", 0}}.dump() : "");
        EXPECT_EQ(other.status, 404) << method << " " << other.Describe();
    }
    EXPECT_EQ(QueryInt(*server_, "SELECT delivery_fee_paise FROM stores WHERE store_id = '" + store_.store_id + "'"),
              2500);
    auto theirs = Call("GET", server_->url("/api/tenant/payment-settings"), {stranger->Auth()});
    ASSERT_EQ(theirs.status, 200);
    EXPECT_EQ(theirs.json["razorpay"]["key_id_set"], false);
}

TEST_F(PaymentsOverHttp, ACustomerPaysByUpiAndTheOwnerConfirmsIt) {
    ASSERT_EQ(AsOwner("PUT", CheckoutPath(), {{"methods", {{"upi", true}}}}).status, 400);  // no UPI ID yet
    auto upi = AsOwner("PUT", "/api/tenant/payment-settings",
                       {{"upi_vpa", "Meera.Stores@okaxis"}, {"upi_payee_name", "Meera Stores"}});
    ASSERT_EQ(upi.status, 200) << upi.Describe();
    EXPECT_EQ(upi.json["upi"]["vpa"], "meera.stores@okaxis");
    auto on = AsOwner("PUT", CheckoutPath(), {{"methods", {{"upi", true}}}, {"delivery_fee_paise", 1500}});
    ASSERT_EQ(on.status, 200) << on.Describe();
    EXPECT_EQ(on.json["methods"]["upi"], true);
    auto page = Call("GET", server_->url("/s/meera-stores/checkout.html"));
    EXPECT_NE(page.body.find("value=\"UPI\" checked"), std::string::npos);
    EXPECT_NE(Call("GET", server_->url("/s/meera-stores/terms.html")).body.find("Pay by UPI or cash on delivery."),
              std::string::npos);

    const auto& p = store_.product_ids;
    auto placed = Place(CheckoutBody({{p[0], 3}}, {}, "UPI"), "upi-1");  // ₹30 + ₹15 delivery
    ASSERT_EQ(placed.status, 201) << placed.Describe();
    EXPECT_EQ(placed.json["status"], "PENDING_PAYMENT");
    const std::string order = placed.json["order_id"];
    const std::string tracking = placed.json["tracking_url"];
    const std::string token = tracking.substr(tracking.find("&t=") + 3);
    const std::string base = "/s/meera-stores/api/orders/" + order + "/upi";
    EXPECT_EQ(Call("GET", server_->url(base + "?t=wrong")).status, 404);

    auto info = Call("GET", server_->url(base + "?t=" + token));
    ASSERT_EQ(info.status, 200) << info.Describe();
    const std::string link =
        "upi://pay?pa=meera.stores@okaxis&pn=Meera%20Stores&am=45.00&cu=INR&tn=Order%20" + order + "&tr=" + order;
    EXPECT_EQ(info.json["link"], link);
    EXPECT_EQ(info.json["state"], "AWAITING_PAYMENT");
    // The QR code the page shows decodes to exactly that link.
    auto qr = Call("GET", server_->url(base + "/qr.svg?t=" + token));
    ASSERT_EQ(qr.status, 200);
    const auto dir = std::filesystem::temp_directory_path() / ("webdpro-qr-" + order);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "qr.svg") << qr.body;
    auto drawn =
        RunShell("rsvg-convert -w 400 -o '" + (dir / "qr.png").string() + "' '" + (dir / "qr.svg").string() + "'");
    ASSERT_TRUE(drawn.first) << "rsvg-convert (librsvg2-bin, scripts/setup.sh --test) failed";
    auto read = RunShell("zbarimg --quiet --raw '" + (dir / "qr.png").string() + "'");
    std::filesystem::remove_all(dir);
    ASSERT_TRUE(read.first) << "zbarimg (zbar-tools, scripts/setup.sh --test) read no code";
    EXPECT_EQ(read.second, link + "\n");

    // The UTR, then the owner's check: confirmed once, the order paid, the owner asked to pack it.
    auto bad = Call("POST", server_->url(base + "?t=" + token), {{"Content-Type", "application/json"}},
                    nlohmann::json{{"utr", "12ab"}}.dump());
    EXPECT_EQ(bad.status, 400);
    auto sent = Call("POST", server_->url(base + "?t=" + token), {{"Content-Type", "application/json"}},
                     nlohmann::json{{"utr", "4123 4567 8901"}}.dump());
    ASSERT_EQ(sent.status, 200) << sent.Describe();
    EXPECT_EQ(sent.json["state"], "WAITING_FOR_SHOP");
    EXPECT_TRUE(OutboxHas(*server_, "UPI payment to check: ₹45.00 for order " + order + ", UTR 412345678901"));
    auto waiting = AsOwner("GET", "/api/payments/upi/waiting");
    ASSERT_EQ(waiting.status, 200);
    ASSERT_EQ(waiting.json["payments"].size(), 1U) << waiting.body;
    EXPECT_EQ(waiting.json["payments"][0]["utr"], "412345678901");
    EXPECT_EQ(waiting.json["payments"][0]["amount_paise"], 4500);
    const std::string payment = waiting.json["payments"][0]["payment_id"];

    auto stranger = SignUpOwner(*server_, "9000000303", "Other Shop");
    ASSERT_TRUE(stranger);
    EXPECT_EQ(Call("POST", server_->url("/api/payments/" + payment + "/confirm"),
                   {stranger->Auth(), {"Content-Type", "application/json"}}, "{}")
                  .status,
              404);
    EXPECT_EQ(AsOwner("POST", "/api/payments/" + payment + "/confirm", nlohmann::json::object()).status, 200);
    EXPECT_EQ(AsOwner("POST", "/api/payments/" + payment + "/reject", nlohmann::json::object()).status, 409);
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM orders WHERE order_id = '" + order +
                                     "' AND status = 'CONFIRMED' AND payment_status = 'PAID'"),
              1);
    EXPECT_EQ(Call("GET", server_->url(base + "?t=" + token)).json["state"], "PAID");
    EXPECT_TRUE(OutboxHas(*server_, "New order " + order + " for ₹45.00, paid. Open WebDPro to pack it."));
}

TEST_F(PaymentsOverHttp, ARefundOfACancelledUpiOrderIsOwedByTheOwnerAndMarkedReturnedByHand) {
    ASSERT_EQ(AsOwner("PUT", "/api/tenant/payment-settings",
                      {{"upi_vpa", "meera.stores@okaxis"}, {"upi_payee_name", "Meera Stores"}})
                  .status,
              200);
    ASSERT_EQ(AsOwner("PUT", CheckoutPath(), {{"methods", {{"upi", true}}}}).status, 200);
    auto placed = Place(CheckoutBody({{store_.product_ids[0], 2}}, {}, "UPI"), "upi-refund");
    ASSERT_EQ(placed.status, 201) << placed.Describe();
    const std::string order = placed.json["order_id"];
    const std::string tracking = placed.json["tracking_url"];
    const std::string token = tracking.substr(tracking.find("&t=") + 3);
    ASSERT_EQ(Call("POST", server_->url("/s/meera-stores/api/orders/" + order + "/upi?t=" + token),
                   {{"Content-Type", "application/json"}}, nlohmann::json{{"utr", "512345678901"}}.dump())
                  .status,
              200);
    auto waiting = AsOwner("GET", "/api/payments/upi/waiting");
    ASSERT_EQ(waiting.json["payments"].size(), 1U) << waiting.body;
    const std::string payment = waiting.json["payments"][0]["payment_id"];
    ASSERT_EQ(AsOwner("POST", "/api/payments/" + payment + "/confirm", nlohmann::json::object()).status, 200);

    // Cancelled after the owner confirmed the money: the platform never held it, so the owner owes it.
    ASSERT_EQ(AsOwner("POST", "/api/orders/" + order + "/status", {{"status", "CANCELLED"}}).status, 200);
    nlohmann::json refunds;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        refunds = AsOwner("GET", "/api/orders/" + order + "/refunds").json["refunds"];
        if (!refunds.empty()) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(refunds.size(), 1U);
    EXPECT_EQ(refunds[0]["provider"], "UPI");
    EXPECT_EQ(refunds[0]["state"], "REQUESTED");
    EXPECT_EQ(refunds[0]["owed_by_owner"], true);
    EXPECT_EQ(refunds[0]["amount_paise"], 2000);
    const std::string refund = refunds[0]["refund_id"];
    EXPECT_TRUE(OutboxHas(*server_, "Order " + order +
                                        " was cancelled after its UPI payment reached your account: "
                                        "pay ₹20.00 back to the customer"));
    auto customer = Call("GET", server_->url("/s/meera-stores/api/orders/" + order + "/refunds?t=" + token));
    ASSERT_EQ(customer.status, 200);
    EXPECT_EQ(customer.json["refunds"][0]["owed_by_owner"], true);

    // Another business cannot mark it; the owner can, once, and who and when are kept.
    auto stranger = SignUpOwner(*server_, "9000000304", "Other Shop");
    ASSERT_TRUE(stranger);
    EXPECT_EQ(Call("POST", server_->url("/api/refunds/" + refund + "/returned"),
                   {stranger->Auth(), {"Content-Type", "application/json"}}, "{}")
                  .status,
              404);
    auto marked = AsOwner("POST", "/api/refunds/" + refund + "/returned", nlohmann::json::object());
    ASSERT_EQ(marked.status, 200) << marked.Describe();
    EXPECT_EQ(marked.json["state"], "PROCESSED");
    EXPECT_EQ(marked.json["owed_by_owner"], false);
    EXPECT_EQ(marked.json["returned_by"], owner_->UserId());
    EXPECT_FALSE(marked.json["processed_at"].is_null());
    EXPECT_EQ(AsOwner("POST", "/api/refunds/" + refund + "/returned", nlohmann::json::object()).status, 409);
    EXPECT_EQ(QueryInt(*server_,
                       "SELECT count(*) FROM payments WHERE payment_id = '" + payment + "' AND status = 'REFUNDED'"),
              1);
    EXPECT_TRUE(OutboxHas(*server_, "as returned to you."));
}

}  // namespace webdpro::testing
