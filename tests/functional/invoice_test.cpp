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

class InvoiceOverHttp : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        TestServer::Options options;
        options.extra_args = RelaxedLimits();
        server_ = TestServer::Start(options, error);
        ASSERT_NE(server_, nullptr) << error;
        owner_ = SignUpOwner(*server_, "9000000161", "Asha Kirana");
        ASSERT_TRUE(owner_);
        tenant_id_ = owner_->account["tenant"]["id"].get<std::string>();
        store_ = SeedPublishedStore(*server_, tenant_id_, "asha-gst", 2, 50);
        ASSERT_EQ(store_.product_ids.size(), 2u);
        EXPECT_EQ(QueryInt(*server_, "UPDATE products SET hsn = '1006' WHERE product_id = '" + store_.product_ids[0] +
                                         "' RETURNING 1"),
                  1);
    }

    ApiReply SetGstin(const std::string& gstin) {
        return Call("PUT", server_->url("/api/tenant/gstin"), {owner_->Auth(), {"Content-Type", "application/json"}},
                    nlohmann::json{{"gstin", gstin}}.dump());
    }

    std::string PlaceOrder(const std::string& pincode, const std::string& key) {
        nlohmann::json body = {
            {"items",
             {{{"product_id", store_.product_ids[0]}, {"quantity", 3}},
              {{"product_id", store_.product_ids[1]}, {"quantity", 1}}}},
            {"customer",
             {{"name", "Ravi <Kumar>"}, {"phone", "98765 43210"}, {"address", "12 MG Road"}, {"pincode", pincode}}},
            {"payment_method", "COD"}};
        auto placed = Call("POST", server_->url("/s/" + store_.slug + "/api/orders"),
                           {{"Content-Type", "application/json"}, {"Idempotency-Key", key}}, body.dump());
        EXPECT_EQ(placed.status, 201) << placed.Describe();
        return placed.status == 201 ? placed.json["order_id"].get<std::string>() : "";
    }

    ApiReply Invoice(const std::string& order_id, const std::string& suffix = "") {
        return Call("GET", server_->url("/api/orders/" + order_id + "/invoice" + suffix), {owner_->Auth()});
    }

    std::unique_ptr<TestServer> server_;
    std::optional<Session> owner_;
    std::string tenant_id_;
    SeededStore store_;
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
