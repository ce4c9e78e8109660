// A products file that went stale over HTTP on the real binary: the export carries each product's
// stock at export time (exported_stock); importing it after a sale keeps the sale when the stock
// cell was not edited, refuses an edited stock that changed since the export (422 naming the row
// and the stock now) unless ?overwrite_stock=1, and files without the column still import.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

class CsvStaleness : public ShopTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(OpenShop(
            {.owner_phone = "9000000331", .business = "Stale File Kirana", .slug = "stale-file", .products = 1}));
        product_ = store_.product_ids.at(0);
    }

    std::string StoreUrl(const std::string& suffix) const {
        return server_->url("/api/stores/" + store_.store_id + suffix);
    }
    ApiReply Export() const { return Call("GET", StoreUrl("/products.csv"), {owner_->Auth()}); }
    ApiReply Import(const std::string& csv, const std::string& query = "") const {
        return Call("POST", StoreUrl("/products/import" + query), {owner_->Auth()}, csv);
    }
    std::int64_t Stock() const {
        auto got = Call("GET", StoreUrl("/products/" + product_), {owner_->Auth()});
        EXPECT_EQ(got.status, 200) << got.Describe();
        return got.json.value("stock", std::int64_t{-1});
    }
    /// The exported file with the product's stock cell (…,stock,threshold,active,exported_stock)
    /// changed from `from` to `to`.
    static std::string EditStock(std::string csv, std::int64_t from, std::int64_t to) {
        const std::string tail = ",yes," + std::to_string(from) + "\r\n";
        const std::size_t row_end = csv.find(tail);
        EXPECT_NE(row_end, std::string::npos) << csv;
        // Walk back over threshold and stock: ",<stock>,<threshold>,yes,<exported>".
        const std::size_t threshold_comma = csv.rfind(',', row_end - 1);
        const std::size_t stock_comma = csv.rfind(',', threshold_comma - 1);
        EXPECT_EQ(csv.substr(stock_comma + 1, threshold_comma - stock_comma - 1), std::to_string(from));
        csv.replace(stock_comma + 1, threshold_comma - stock_comma - 1, std::to_string(to));
        return csv;
    }

    std::string product_;
};

}  // namespace

TEST_F(CsvStaleness, AnUneditedStaleFileKeepsTheSalesMadeSinceTheExport) {
    auto exported = Export();
    ASSERT_EQ(exported.status, 200) << exported.Describe();
    ASSERT_NE(exported.body.find(",exported_stock\r\n"), std::string::npos) << exported.body;
    ASSERT_EQ(Place(CheckoutBody({{product_, 3}}), "stale-1").status, 201);
    ASSERT_EQ(Stock(), 7);

    auto imported = Import(exported.body);
    ASSERT_EQ(imported.status, 200) << imported.Describe();
    EXPECT_EQ(imported.json["unchanged"], 1);
    EXPECT_EQ(imported.json["updated"], 0);
    EXPECT_EQ(Stock(), 7) << "the file's 10 must not undo the sale";
}

TEST_F(CsvStaleness, AnEditedStockThatChangedSinceTheExportIsARowErrorUnlessOverwritten) {
    auto exported = Export();
    ASSERT_EQ(exported.status, 200) << exported.Describe();
    ASSERT_EQ(Place(CheckoutBody({{product_, 3}}), "stale-2").status, 201);
    const std::string edited = EditStock(exported.body, 10, 50);

    auto refused = Import(edited);
    ASSERT_EQ(refused.status, 422) << refused.Describe();
    const auto& fields = refused.json["error"]["fields"];
    ASSERT_EQ(fields.size(), 1u) << refused.Describe();
    EXPECT_EQ(fields[0]["field"], "rows[2].stock");
    EXPECT_EQ(fields[0]["message"], "stock changed since this file was exported: now 7");
    EXPECT_EQ(Stock(), 7) << "nothing is written";

    EXPECT_EQ(Import(edited, "?overwrite_stock=maybe").status, 400);
    auto forced = Import(edited, "?overwrite_stock=1");
    ASSERT_EQ(forced.status, 200) << forced.Describe();
    EXPECT_EQ(forced.json["updated"], 1);
    EXPECT_EQ(Stock(), 50);
}

TEST_F(CsvStaleness, AnEditedStockIsTakenWhenNothingMovedAndOldFilesStillImport) {
    auto exported = Export();
    ASSERT_EQ(exported.status, 200) << exported.Describe();
    auto counted = Import(EditStock(exported.body, 10, 15));
    ASSERT_EQ(counted.status, 200) << counted.Describe();
    EXPECT_EQ(counted.json["updated"], 1);
    EXPECT_EQ(Stock(), 15);

    // A file from before exported_stock existed sets the stock as given.
    auto old_format = Import("product_id,name,price,stock\n" + product_ + ",Renamed,10,4\n");
    ASSERT_EQ(old_format.status, 200) << old_format.Describe();
    EXPECT_EQ(Stock(), 4);
}

}  // namespace webdpro::testing
