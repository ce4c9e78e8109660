// The products CSV over the real binary: export and import round trip byte for byte (Hindi
// included), a file with bad rows is refused whole with every problem named, a dry run writes
// nothing, another tenant's product id is just "no such product", and a stock change by hand that
// crosses the low-stock threshold leaves exactly one STOCK_LOW event in the outbox.
#include <chrono>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "stores_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

class ProductsCsv : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = StartRelaxedServer().release();
        ASSERT_NE(server_, nullptr);
        owner_ = new Session(*SignUpOwner(*server_, "9000000401", "Verma General Store"));
        other_ = new Session(*SignUpOwner(*server_, "9000000402", "Iyer Sweets"));
        store_id_ = new std::string(MakeStore(*owner_, "Verma General Store, groceries and snacks in Lucknow"));
        other_store_id_ = new std::string(MakeStore(*other_, "Iyer Sweets, South Indian sweets in Chennai"));
    }
    static void TearDownTestSuite() {
        delete server_;
        delete owner_;
        delete other_;
        delete store_id_;
        delete other_store_id_;
    }

    static std::string MakeStore(const Session& owner, const std::string& description) {
        return GenerateStore(*server_, owner, description).id;
    }

    static std::string Url(const std::string& suffix, const std::string& store = "") {
        return server_->url("/api/stores/" + (store.empty() ? *store_id_ : store) + suffix);
    }
    static ApiReply Export() { return Call("GET", Url("/products.csv"), {owner_->Auth()}); }
    static ApiReply Import(const std::string& csv, const std::string& query = "") {
        return Call("POST", Url("/products/import" + query), {owner_->Auth()}, csv);
    }
    /// Every product of the store, active or not, as the API lists them.
    static nlohmann::json AllProducts() {
        auto list = Call("GET", Url("/products?limit=100"), {owner_->Auth()});
        EXPECT_EQ(list.status, 200) << list.body;
        EXPECT_TRUE(list.json["next_cursor"].is_null()) << "more than 100 products: the test needs paging";
        return list.json["products"];
    }
    static std::int64_t LedgerRows() {
        return QueryInt(*server_, "SELECT count(*) FROM inventory_ledger WHERE tenant_id = '" +
                                      owner_->account["tenant"]["id"].get<std::string>() + "'");
    }
    static ApiReply CreateProduct(const nlohmann::json& body) {
        return Call("POST", Url("/products"), {owner_->Auth()}, body.dump());
    }

    static TestServer* server_;
    static Session* owner_;
    static Session* other_;
    static std::string* store_id_;
    static std::string* other_store_id_;
};
TestServer* ProductsCsv::server_ = nullptr;
Session* ProductsCsv::owner_ = nullptr;
Session* ProductsCsv::other_ = nullptr;
std::string* ProductsCsv::store_id_ = nullptr;
std::string* ProductsCsv::other_store_id_ = nullptr;

TEST_F(ProductsCsv, ExportThenImportChangesNothingAndHindiSurvives) {
    auto hindi = CreateProduct({{"name", "आलू भुजिया (हल्दीराम)"},
                                {"description", "कुरकुरी, \"ताज़ा\"\nदो लाइन"},
                                {"price_paise", 4550},
                                {"mrp_paise", 5000},
                                {"gst_rate_bp", 25},
                                {"stock", 9}});
    ASSERT_EQ(hindi.status, 201) << hindi.body;
    auto formula = CreateProduct({{"name", "=HYPERLINK(\"http://x\")"}, {"price_paise", 100}, {"category", "-misc"}});
    ASSERT_EQ(formula.status, 201) << formula.body;

    auto exported = Export();
    ASSERT_EQ(exported.status, 200) << exported.body;
    EXPECT_THAT(exported.Header("content-type"), HasSubstr("text/csv"));
    EXPECT_THAT(exported.Header("content-disposition"), HasSubstr("attachment; filename=\""));
    EXPECT_THAT(exported.Header("content-disposition"), HasSubstr("-products.csv\""));
    ASSERT_TRUE(exported.body.starts_with(std::string(kBom) +
                                          "product_id,name,description,category,unit,price,mrp,"
                                          "gst_rate,hsn,stock,low_stock_threshold,active,exported_stock\r\n"));
    EXPECT_THAT(exported.body, HasSubstr("आलू भुजिया (हल्दीराम)"));
    EXPECT_THAT(exported.body, HasSubstr(",45.50,50.00,0.25,"));
    EXPECT_THAT(exported.body, HasSubstr("'=HYPERLINK(\"\"http://x\"\")"));

    const nlohmann::json before = AllProducts();
    const std::int64_t ledger = LedgerRows();
    auto imported = Import(exported.body);
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(imported.json["created"], 0);
    EXPECT_EQ(imported.json["updated"], 0);
    EXPECT_EQ(imported.json["unchanged"], before.size());
    EXPECT_EQ(imported.json["dry_run"], false);
    EXPECT_EQ(AllProducts(), before);
    EXPECT_EQ(LedgerRows(), ledger);
    EXPECT_EQ(Export().body, exported.body);

    auto got = Call("GET", Url("/products/" + hindi.json["product_id"].get<std::string>()), {owner_->Auth()});
    EXPECT_EQ(got.json["name"], "आलू भुजिया (हल्दीराम)");
    EXPECT_EQ(got.json["description"], "कुरकुरी, \"ताज़ा\"\nदो लाइन");
    auto unguarded = Call("GET", Url("/products/" + formula.json["product_id"].get<std::string>()), {owner_->Auth()});
    EXPECT_EQ(unguarded.json["name"], "=HYPERLINK(\"http://x\")");
    EXPECT_EQ(unguarded.json["category"], "-misc");
}

// Names a spreadsheet would run, and names that already start with the guard's apostrophe: the
// export guards each once more, and an untouched file imports with every name as it was.
TEST_F(ProductsCsv, TrickyNamesRoundTripUnchangedAndAreGuardedInTheFile) {
    const std::vector<std::string> names = {"'=1+1", "|cmd",
                                            "\xEF\xBC\x9D"
                                            "1+1",
                                            "\xEF\xBC\x8B"
                                            "91 Dal",
                                            "'tis fresh"};
    std::vector<std::string> ids;
    for (const auto& name : names) {
        auto created = CreateProduct({{"name", name}, {"price_paise", 1000}, {"category", name}});
        ASSERT_EQ(created.status, 201) << created.body;
        ids.push_back(created.json["product_id"]);
    }
    auto exported = Export();
    ASSERT_EQ(exported.status, 200) << exported.body;
    EXPECT_THAT(exported.body, HasSubstr(",''=1+1,"));
    EXPECT_THAT(exported.body, HasSubstr(",'|cmd,"));
    EXPECT_THAT(exported.body, HasSubstr(",'\xEF\xBC\x9D"
                                         "1+1,"));
    EXPECT_THAT(exported.body, HasSubstr(",'\xEF\xBC\x8B"
                                         "91 Dal,"));
    EXPECT_THAT(exported.body, HasSubstr(",'tis fresh,"));

    const nlohmann::json before = AllProducts();
    auto imported = Import(exported.body);
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(imported.json["updated"], 0) << imported.body;
    EXPECT_EQ(imported.json["unchanged"], before.size());
    EXPECT_EQ(AllProducts(), before);
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto got = Call("GET", Url("/products/" + ids[i]), {owner_->Auth()});
        EXPECT_EQ(got.json["name"], names[i]);
        EXPECT_EQ(got.json["category"], names[i]);
    }
}

TEST_F(ProductsCsv, EditedRowsUpdateAndStockBecomesACorrection) {
    auto tea = CreateProduct({{"name", "Assam Tea"}, {"price_paise", 25000}, {"stock", 20}});
    ASSERT_EQ(tea.status, 201) << tea.body;
    const std::string id = tea.json["product_id"];
    auto imported = Import("product_id,price,name,stock\n" + id + ",\"₹ 1,260.00\",Assam Tea 1 kg,17\n");
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(imported.json["updated"], 1);
    EXPECT_EQ(imported.json["created"], 0);
    auto got = Call("GET", Url("/products/" + id), {owner_->Auth()});
    EXPECT_EQ(got.json["price_paise"], 126000);
    EXPECT_EQ(got.json["stock"], 17);
    auto ledger = Call("GET", Url("/products/" + id + "/ledger"), {owner_->Auth()});
    ASSERT_EQ(ledger.status, 200) << ledger.body;
    EXPECT_EQ(ledger.json["entries"][0]["reason"], "CORRECTION");
    EXPECT_EQ(ledger.json["entries"][0]["delta"], -3);
}

TEST_F(ProductsCsv, ThreeBadRowsAmongTenAreAllNamedAndNothingIsWritten) {
    const nlohmann::json before = AllProducts();
    const std::int64_t ledger = LedgerRows();
    const std::string existing = before[0]["product_id"];
    std::string csv = "name,price,gst_rate,stock,product_id\r\n";    // line 1
    csv += "Poha,45,5,10,\r\n";                                      // 2
    csv += "Sooji,38.5,5,10,\r\n";                                   // 3
    csv += "Besan,-40,5,10,\r\n";                                    // 4: negative price
    csv += "Chana,60,5,10,\r\n";                                     // 5
    csv += "Renamed," + std::string("99,5,3,") + existing + "\r\n";  // 6: a good update
    csv += "Maida,30,12,10,\r\n";                                    // 7: 12% is no longer a slab
    csv += "Rava,30,5,10,\r\n";                                      // 8
    csv += "Dalia,30,5,10,\r\n";                                     // 9
    csv += ",30,5,10,\r\n";                                          // 10: no name
    csv += "Sabudana,70,5,10,\r\n";                                  // 11
    auto refused = Import(csv);
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.ErrorCode(), "unprocessable");
    EXPECT_EQ(ErrorFields(refused), (std::set<std::string>{"rows[4].price", "rows[7].gst_rate", "rows[10].name"}))
        << refused.body;
    EXPECT_EQ(AllProducts(), before);
    EXPECT_EQ(LedgerRows(), ledger);
}

TEST_F(ProductsCsv, ADryRunCountsButWritesNothing) {
    const auto before = AllProducts().size();
    const std::string csv = "name,price,category\nKhakhra,55,Snacks\nThepla,80,Snacks\n";
    auto dry = Import(csv, "?dry_run=1");
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_EQ(dry.json["created"], 2);
    EXPECT_EQ(dry.json["dry_run"], true);
    EXPECT_EQ(AllProducts().size(), before);
    auto real = Import(csv);
    ASSERT_EQ(real.status, 200) << real.body;
    EXPECT_EQ(real.json["created"], 2);
    EXPECT_EQ(AllProducts().size(), before + 2);
    EXPECT_EQ(Import(csv, "?dry_run=maybe").status, 400);
}

TEST_F(ProductsCsv, AnotherTenantsProductAndStoreAreNotThere) {
    auto theirs = Call("GET", Url("/products?limit=1", *other_store_id_), {other_->Auth()});
    ASSERT_EQ(theirs.status, 200) << theirs.body;
    ASSERT_FALSE(theirs.json["products"].empty());
    const nlohmann::json product = theirs.json["products"][0];
    auto refused = Import("product_id,name,price\n" + product["product_id"].get<std::string>() + ",Mine now,1\n");
    ASSERT_EQ(refused.status, 422) << refused.body;
    ASSERT_EQ(refused.json["error"]["fields"].size(), 1u) << refused.body;
    EXPECT_EQ(refused.json["error"]["fields"][0]["field"], "rows[2].product_id");
    EXPECT_EQ(refused.json["error"]["fields"][0]["message"], "no such product in this store");
    auto still =
        Call("GET", Url("/products/" + product["product_id"].get<std::string>(), *other_store_id_), {other_->Auth()});
    EXPECT_EQ(still.json["name"], product["name"]);

    EXPECT_EQ(Call("GET", Url("/products.csv", *other_store_id_), {owner_->Auth()}).status, 404);
    EXPECT_EQ(Call("POST", Url("/products/import", *other_store_id_), {owner_->Auth()}, "name,price\nX,1\n").status,
              404);
}

TEST_F(ProductsCsv, AFileAbove2MiBIs413) {
    std::string csv = "name,price,description\n";
    while (csv.size() <= 2 * 1024 * 1024) {
        csv += "Filler,1," + std::string(900, 'x') + "\n";
    }
    auto refused = Import(csv);
    EXPECT_EQ(refused.status, 413) << refused.Describe().substr(0, 300);
}

TEST_F(ProductsCsv, DamageCrossingTheThresholdWritesExactlyOneStockLow) {
    auto paneer =
        CreateProduct({{"name", "Malai Paneer"}, {"price_paise", 9000}, {"stock", 8}, {"low_stock_threshold", 3}});
    ASSERT_EQ(paneer.status, 201) << paneer.body;
    const std::string id = paneer.json["product_id"];
    const std::string stock = Url("/products/" + id + "/stock");
    auto change = [&](int delta, const std::string& reason) {
        return Call("POST", stock, {owner_->Auth()}, nlohmann::json{{"delta", delta}, {"reason", reason}}.dump());
    };
    const std::string count_sql =
        "SELECT count(*) FROM outbox WHERE type = 'STOCK_LOW' AND json_extract(payload, '$.product_id') = '" + id + "'";

    auto wrong_restock = change(-1, "RESTOCK");
    EXPECT_EQ(wrong_restock.status, 400) << wrong_restock.body;
    EXPECT_EQ(ErrorFields(wrong_restock), std::set<std::string>{"delta"});
    auto wrong_damage = change(2, "DAMAGE");
    EXPECT_EQ(wrong_damage.status, 400) << wrong_damage.body;

    ASSERT_EQ(change(-4, "DAMAGE").status, 200);  // 8 → 4, still above 3
    EXPECT_EQ(QueryInt(*server_, count_sql), 0);
    auto crossed = change(-1, "DAMAGE");  // 4 → 3: at the threshold
    ASSERT_EQ(crossed.status, 200) << crossed.body;
    EXPECT_EQ(crossed.json["stock"], 3);
    EXPECT_EQ(QueryInt(*server_, count_sql), 1);
    ASSERT_EQ(change(-1, "ADJUSTMENT").status, 200);  // already low: no second event
    EXPECT_EQ(QueryInt(*server_, count_sql), 1);

    auto ledger = Call("GET", Url("/products/" + id + "/ledger"), {owner_->Auth()});
    ASSERT_EQ(ledger.status, 200) << ledger.body;
    EXPECT_EQ(ledger.json["entries"][0]["reason"], "CORRECTION") << "ADJUSTMENT is stored as CORRECTION";
    EXPECT_EQ(ledger.json["entries"][1]["reason"], "DAMAGE");
}

}  // namespace
}  // namespace webdpro::testing
