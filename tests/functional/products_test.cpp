// The owner's products API over the real binary: create, list page by page, bad bodies named field
// by field, another tenant's ids as 404, stock changes with their ledger, and the published
// storefront showing a product created a moment ago.
#include <chrono>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "stores_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

using ::testing::HasSubstr;

class ProductsApi : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = StartRelaxedServer().release();
        ASSERT_NE(server_, nullptr);
        owner_ = new Session(*SignUpOwner(*server_, "9000000301", "Sharma Kirana"));
        other_ = new Session(*SignUpOwner(*server_, "9000000302", "Gupta Bakery"));
        store_id_ = new std::string(MakeStore(*owner_, "Sharma Kirana, fresh vegetables and groceries in Jaipur"));
    }
    static void TearDownTestSuite() {
        delete server_;
        delete owner_;
        delete other_;
        delete store_id_;
    }

    /// A generated store of `owner`'s, once it is a DRAFT.
    static std::string MakeStore(const Session& owner, const std::string& description) {
        const auto store = GenerateStore(*server_, owner, description);
        EXPECT_EQ(store.view["status"], "DRAFT") << store.view.dump();
        return store.id;
    }

    static std::string Products(const std::string& suffix = "") {
        return server_->url("/api/stores/" + *store_id_ + "/products" + suffix);
    }

    static ApiReply Create(const nlohmann::json& body) {
        return Call("POST", Products(), {owner_->Auth()}, body.dump());
    }

    static TestServer* server_;
    static Session* owner_;
    static Session* other_;
    static std::string* store_id_;
};
TestServer* ProductsApi::server_ = nullptr;
Session* ProductsApi::owner_ = nullptr;
Session* ProductsApi::other_ = nullptr;
std::string* ProductsApi::store_id_ = nullptr;

TEST_F(ProductsApi, CreatesAProductAndListsEveryProductOncePageByPage) {
    auto created = Create({{"name", "Kashmiri Saffron"},
                           {"price_paise", 45000},
                           {"mrp_paise", 50000},
                           {"unit", "g"},
                           {"category", "Spices"},
                           {"gst_rate_bp", 500},
                           {"hsn", "0910"},
                           {"stock", 7}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json["name"], "Kashmiri Saffron");
    EXPECT_EQ(created.json["stock"], 7);
    EXPECT_EQ(created.json["active"], true);
    const std::string id = created.json["product_id"];
    EXPECT_EQ(created.Header("location"), "/api/stores/" + *store_id_ + "/products/" + id);

    auto got = Call("GET", Products("/" + id), {owner_->Auth()});
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.json["mrp_paise"], 50000);

    std::set<std::string> seen;
    std::string cursor;
    int pages = 0;
    std::size_t total = 0;
    do {
        auto page = Call("GET", Products("?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor)), {owner_->Auth()});
        ASSERT_EQ(page.status, 200) << page.body;
        for (const auto& p : page.json["products"]) {
            EXPECT_TRUE(seen.insert(p["product_id"].get<std::string>()).second) << p.dump();
            ++total;
        }
        cursor = page.json["next_cursor"].is_null() ? "" : page.json["next_cursor"].get<std::string>();
        ++pages;
    } while (!cursor.empty() && pages < 100);
    EXPECT_GT(pages, 1);
    EXPECT_TRUE(seen.contains(id));
    auto all = Call("GET", Products("?limit=100"), {owner_->Auth()});
    EXPECT_EQ(all.json["products"].size(), total);

    auto search = Call("GET", Products("?q=saffron"), {owner_->Auth()});
    ASSERT_EQ(search.status, 200);
    ASSERT_EQ(search.json["products"].size(), 1u) << search.body;
    EXPECT_EQ(search.json["products"][0]["product_id"], id);
}

TEST_F(ProductsApi, BadBodiesNameEveryFieldAndWriteNothing) {
    auto before = Call("GET", Products("?limit=100"), {owner_->Auth()});
    auto bad = Create({{"name", ""},
                       {"price_paise", 0},
                       {"gst_rate_bp", 1200},
                       {"stock", -1},
                       {"hsn", "12"},
                       {"colour", "red"},
                       {"unit", 5}});
    ASSERT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(bad.ErrorCode(), "invalid_argument");
    EXPECT_EQ(ErrorFields(bad), (std::set<std::string>{"colour", "unit"}));  // types first

    auto values = Create({{"name", ""}, {"price_paise", 0}, {"gst_rate_bp", 1200}, {"stock", -1}, {"hsn", "12"}});
    ASSERT_EQ(values.status, 400) << values.body;
    EXPECT_EQ(ErrorFields(values), (std::set<std::string>{"gst_rate_bp", "hsn", "name", "price_paise", "stock"}));

    EXPECT_EQ(Call("GET", Products("?limit=0"), {owner_->Auth()}).status, 400);
    EXPECT_EQ(Call("GET", Products("?cursor=nonsense"), {owner_->Auth()}).status, 400);
    auto after = Call("GET", Products("?limit=100"), {owner_->Auth()});
    EXPECT_EQ(after.json["products"].size(), before.json["products"].size());
}

TEST_F(ProductsApi, StockChangesKeepALedgerAndNeverGoBelowZero) {
    auto created = Create({{"name", "Jaggery"}, {"price_paise", 9000}, {"stock", 3}});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string base = "/" + created.json["product_id"].get<std::string>();
    auto restock = Call("POST", Products(base + "/stock"), {owner_->Auth()},
                        nlohmann::json{{"delta", 5}, {"reason", "RESTOCK"}, {"note", "from the mandi"}}.dump());
    ASSERT_EQ(restock.status, 200) << restock.body;
    EXPECT_EQ(restock.json["stock"], 8);
    auto oversell = Call("POST", Products(base + "/stock"), {owner_->Auth()},
                         nlohmann::json{{"delta", -9}, {"reason", "ADJUSTMENT"}}.dump());
    EXPECT_EQ(oversell.status, 409) << oversell.body;
    EXPECT_THAT(oversell.body, HasSubstr("8"));
    auto ledger = Call("GET", Products(base + "/ledger"), {owner_->Auth()});
    ASSERT_EQ(ledger.status, 200) << ledger.body;
    ASSERT_EQ(ledger.json["entries"].size(), 2u);
    EXPECT_EQ(ledger.json["entries"][0]["seq"], 2);
    EXPECT_EQ(ledger.json["entries"][0]["reason"], "RESTOCK");
    EXPECT_EQ(ledger.json["entries"][1]["reason"], "INITIAL");

    auto patched = Call("PATCH", Products(base), {owner_->Auth()}, nlohmann::json{{"price_paise", 8500}}.dump());
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.json["price_paise"], 8500);
    auto removed = Call("DELETE", Products(base), {owner_->Auth()});
    ASSERT_EQ(removed.status, 200) << removed.body;
    EXPECT_EQ(removed.json["active"], false);
    auto inactive = Call("GET", Products("?active=false"), {owner_->Auth()});
    ASSERT_EQ(inactive.status, 200);
    EXPECT_THAT(inactive.body, HasSubstr(created.json["product_id"].get<std::string>()));
}

TEST_F(ProductsApi, AnotherTenantsStoreAndProductsAre404) {
    auto created = Create({{"name", "Ghee"}, {"price_paise", 60000}});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string product = created.json["product_id"];
    for (const auto& [method, suffix, body] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"GET", "", ""},
             {"POST", "", R"({"name":"Stolen","price_paise":100})"},
             {"GET", "/" + product, ""},
             {"PATCH", "/" + product, R"({"price_paise":1})"},
             {"DELETE", "/" + product, ""},
             {"POST", "/" + product + "/stock", R"({"delta":-1,"reason":"ADJUSTMENT"})"},
             {"GET", "/" + product + "/ledger", ""}}) {
        auto reply = Call(method, Products(suffix), {other_->Auth()}, body);
        EXPECT_EQ(reply.status, 404) << method << " " << suffix << ": " << reply.body;
    }
    auto still = Call("GET", Products("/" + product), {owner_->Auth()});
    EXPECT_EQ(still.json["price_paise"], 60000);
    EXPECT_EQ(still.json["active"], true);
}

TEST_F(ProductsApi, ThePublishedStorefrontShowsANewProduct) {
    auto published = Call("POST", server_->url("/api/stores/" + *store_id_ + "/publish"), {owner_->Auth()}, "{}");
    ASSERT_EQ(published.status, 200) << published.body;
    const std::string page = server_->url("/s/" + published.json["slug"].get<std::string>() + "/");
    auto created = Create({{"name", "Pahadi Rajma Fresh"}, {"price_paise", 18000}, {"stock", 4}});
    ASSERT_EQ(created.status, 201) << created.body;
    // The store lookup is cached for up to 2 s; the new site_version shows after it.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::string body;
    while (std::chrono::steady_clock::now() < deadline) {
        auto home = Call("GET", page);
        body = home.body;
        if (home.status == 200 && body.find("Pahadi Rajma Fresh") != std::string::npos) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    EXPECT_THAT(body, HasSubstr("Pahadi Rajma Fresh"));
    EXPECT_THAT(body, HasSubstr(created.json["product_id"].get<std::string>()));
}

}  // namespace
}  // namespace webdpro::testing
