// GST tax invoices over HTTP on the real binary: the owner sets a GSTIN (a bad one is refused
// naming the field), a customer orders, and the invoice page carries the GSTIN, the HSN codes and
// the CGST/SGST (same State) or IGST (another State) lines; without a GSTIN the error says so.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

class InvoiceOverHttp : public ShopTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(
            OpenShop({.owner_phone = "9000000161", .business = "Asha Kirana", .slug = "asha-gst", .stock = 50}));
        EXPECT_EQ(QueryInt(*server_, "UPDATE products SET hsn = '1006' WHERE product_id = '" + store_.product_ids[0] +
                                         "' RETURNING 1"),
                  1);
    }

    std::string PlaceOrder(const std::string& pincode, const std::string& key) {
        const auto body = CheckoutBody({{store_.product_ids[0], 3}, {store_.product_ids[1], 1}},
                                       {.name = "Ravi <Kumar>", .address = "12 MG Road", .pincode = pincode});
        auto placed = Place(body, key);
        EXPECT_EQ(placed.status, 201) << placed.Describe();
        return placed.status == 201 ? placed.json["order_id"].get<std::string>() : "";
    }

    ApiReply Invoice(const std::string& order_id, const std::string& suffix = "") {
        return Call("GET", server_->url("/api/orders/" + order_id + "/invoice" + suffix), {owner_->Auth()});
    }
};

TEST_F(InvoiceOverHttp, BadGstinIsRefusedNamingTheFieldAndNothingChanges) {
    for (const char* bad : {"27AAPFU0939F1Z", "27AAPFU0939F1ZW", "X7AAPFU0939F1ZV"}) {
        auto reply = SetGstin(bad);
        EXPECT_EQ(reply.status, 400) << reply.Describe();
        ASSERT_TRUE(reply.json["error"]["fields"].is_array()) << reply.Describe();
        EXPECT_EQ(reply.json["error"]["fields"][0]["field"], "gstin") << reply.Describe();
    }
    EXPECT_NE(SetGstin("27AAPFU0939F1ZW").body.find("check character"), std::string::npos);
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM tenants WHERE gstin IS NOT NULL"), 0);
    auto no_auth = Call("PUT", server_->url("/api/tenant/gstin"), {{"Content-Type", "application/json"}},
                        R"({"gstin":"27AAPFU0939F1ZV"})");
    EXPECT_EQ(no_auth.status, 401) << no_auth.Describe();
}

TEST_F(InvoiceOverHttp, WithoutGstinTheInvoiceSaysToAddOne) {
    const std::string order_id = PlaceOrder("411001", "no-gstin");
    ASSERT_FALSE(order_id.empty());
    auto reply = Invoice(order_id);
    EXPECT_EQ(reply.status, 409) << reply.Describe();
    EXPECT_NE(reply.body.find("no GSTIN; add it in settings"), std::string::npos) << reply.body;
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM invoices"), 0);
}

TEST_F(InvoiceOverHttp, SameStateInvoiceHasCgstAndSgstAndAStableNumber) {
    auto set = SetGstin(" 27aapfu0939f1zv");
    ASSERT_EQ(set.status, 200) << set.Describe();
    EXPECT_EQ(set.json["gstin"], "27AAPFU0939F1ZV");
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM tenants WHERE gstin = '27AAPFU0939F1ZV'"), 1);
    auto read = Call("GET", server_->url("/api/tenant/gstin"), {owner_->Auth()});
    ASSERT_EQ(read.status, 200) << read.Describe();
    EXPECT_EQ(read.json["gstin"], "27AAPFU0939F1ZV");

    const std::string order_id = PlaceOrder("411001", "pune");  // Pune: Maharashtra, as the GSTIN
    ASSERT_FALSE(order_id.empty());
    auto page = Invoice(order_id);
    ASSERT_EQ(page.status, 200) << page.Describe();
    EXPECT_NE(page.Header("content-type").find("text/html"), std::string::npos);
    for (const char* part :
         {"TAX INVOICE", "27AAPFU0939F1ZV", "1006", "CGST", "SGST", "2.5%",
          "Whether tax is payable on reverse charge: No", "Ravi &lt;Kumar&gt;", "Rupees Forty Only"}) {
        EXPECT_NE(page.body.find(part), std::string::npos) << part;
    }
    EXPECT_EQ(page.body.find("IGST"), std::string::npos);

    auto json = Invoice(order_id, ".json");
    ASSERT_EQ(json.status, 200) << json.Describe();
    const auto& invoice = json.json["invoice"];
    const std::string number = invoice["invoice_number"];
    EXPECT_EQ(number.size(), 15u) << number;
    EXPECT_EQ(invoice["supply_type"], "INTRA_STATE");
    EXPECT_EQ(invoice["total_paise"], 4000);
    const auto& tax = invoice["tax_totals"];
    EXPECT_EQ(tax["taxable_paise"].get<int>() + tax["cgst_paise"].get<int>() + tax["sgst_paise"].get<int>(), 4000);
    EXPECT_EQ(Invoice(order_id, ".json").json["invoice"]["invoice_number"], number) << "same number on re-request";

    const std::string next_order = PlaceOrder("411002", "pune-2");
    auto next = Invoice(next_order, ".json");
    ASSERT_EQ(next.status, 200) << next.Describe();
    const std::string next_number = next.json["invoice"]["invoice_number"];
    EXPECT_EQ(next_number.substr(0, 9), number.substr(0, 9));
    EXPECT_EQ(std::stoi(next_number.substr(9)), std::stoi(number.substr(9)) + 1);
}

TEST_F(InvoiceOverHttp, TheOrdersInvoiceFlagAgreesWithTheInvoiceRoute) {
    ASSERT_EQ(SetGstin("27AAPFU0939F1ZV").status, 200);
    const auto flag = [&](const std::string& order_id) {
        auto order = Call("GET", server_->url("/api/orders/" + order_id), {owner_->Auth()});
        EXPECT_EQ(order.status, 200) << order.Describe();
        return order.json["order"].value("invoice_available", true);
    };
    const auto move = [&](const std::string& order_id, const std::string& status) {
        return Call("POST", server_->url("/api/orders/" + order_id + "/status"),
                    {owner_->Auth(), {"Content-Type", "application/json"}}, nlohmann::json{{"status", status}}.dump())
            .status;
    };

    // (An order awaiting an online payment gets no invoice; the checkout takes no such orders today.)

    // Confirmed: the flag and the route say yes.
    const std::string confirmed = PlaceOrder("411001", "confirmed");
    EXPECT_TRUE(flag(confirmed));
    EXPECT_EQ(Invoice(confirmed).status, 200);

    // Cancelled before an invoice was made: no; cancelled after: the invoice made stays available.
    const std::string cancelled = PlaceOrder("411001", "cancelled-early");
    ASSERT_EQ(move(cancelled, "CANCELLED"), 200);
    EXPECT_FALSE(flag(cancelled));
    EXPECT_EQ(Invoice(cancelled).status, 409);
    ASSERT_EQ(move(confirmed, "CANCELLED"), 200);
    EXPECT_TRUE(flag(confirmed));
    EXPECT_EQ(Invoice(confirmed).status, 200);

    // Without a GSTIN nothing can be issued, whatever the order.
    EXPECT_EQ(Call("DELETE", server_->url("/api/tenant/gstin"), {owner_->Auth()}).status, 204);
    EXPECT_FALSE(flag(confirmed));
    EXPECT_EQ(Invoice(confirmed).status, 409);
}

TEST_F(InvoiceOverHttp, OtherStateInvoiceHasIgst) {
    ASSERT_EQ(SetGstin("27AAPFU0939F1ZV").status, 200);
    const std::string order_id = PlaceOrder("560001", "bengaluru");  // Karnataka
    ASSERT_FALSE(order_id.empty());
    auto page = Invoice(order_id);
    ASSERT_EQ(page.status, 200) << page.Describe();
    EXPECT_NE(page.body.find("IGST"), std::string::npos);
    EXPECT_NE(page.body.find("Karnataka (29)"), std::string::npos);
    EXPECT_EQ(page.body.find("CGST"), std::string::npos);

    EXPECT_EQ(Call("DELETE", server_->url("/api/tenant/gstin"), {owner_->Auth()}).status, 204);
    auto cleared = Call("GET", server_->url("/api/tenant/gstin"), {owner_->Auth()});
    ASSERT_EQ(cleared.status, 200) << cleared.Describe();
    EXPECT_TRUE(cleared.json["gstin"].is_null()) << cleared.Describe();
    EXPECT_EQ(Invoice(order_id).status, 409);
    EXPECT_EQ(Invoice("ord_doesnotexist").status, 404);
}

}  // namespace
}  // namespace webdpro::testing
