#include "catalog/catalog_service.hpp"

#include <limits>
#include <optional>
#include <set>
#include <tuple>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/test_util.hpp"
#include "catalog/product_csv.hpp"
#include "storage/db.hpp"

namespace webdpro::catalog {
namespace {

using auth::testing::Await;
using auth::testing::Count;
using ::testing::UnorderedElementsAre;

StockChange Change(std::int64_t delta, StockReason reason = StockReason::kCorrection, std::string note = "") {
    StockChange change;
    change.delta = delta;
    change.reason = reason;
    change.note = std::move(note);
    return change;
}

template <class Fn>
ProductQuery Query(Fn&& set) {
    ProductQuery query;
    set(query);
    return query;
}

std::vector<std::string> FieldNames(const ApiError& error) {
    std::vector<std::string> names;
    for (const auto& f : error.fields) {
        names.push_back(f.field);
    }
    return names;
}

class CatalogServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        ASSERT_NE(db_, nullptr);
        service_ = std::make_unique<CatalogService>(*db_);
        std::tie(tenant_, store_) = MakeStore("sharma");
        std::tie(other_tenant_, other_store_) = MakeStore("gupta");
    }

    std::pair<TenantId, StoreId> MakeStore(const std::string& slug) {
        const auto shop = auth::testing::InsertShop(*db_, slug);
        return {shop.tenant, shop.store};
    }

    static ProductFields Fields(std::string name, std::int64_t price, std::int64_t stock = 0) {
        ProductFields f;
        f.name = std::move(name);
        f.price = Paise(price);
        f.stock = stock;
        return f;
    }

    Result<Product> Create(ProductFields fields) {
        return Await(service_->Create(tenant_, store_, std::move(fields), std::nullopt));
    }

    std::int64_t SiteVersion(const StoreId& store) {
        return Count(*db_, "SELECT site_version FROM stores WHERE store_id = '" + store.str() + "'");
    }

    std::int64_t Products() { return Count(*db_, "SELECT count(*) FROM products"); }

    std::unique_ptr<storage::SqliteDb> db_;
    std::unique_ptr<CatalogService> service_;
    TenantId tenant_;
    StoreId store_;
    TenantId other_tenant_;
    StoreId other_store_;
};

TEST(GstRates, AreTheSlabsInForceSinceSeptember2025) {
    for (int bp : {0, 25, 150, 300, 500, 1800, 4000}) {
        EXPECT_TRUE(IsCurrentGstRate(bp)) << bp;
    }
    for (int bp : {1200, 2800, 100, -500, 50, 10000}) {
        EXPECT_FALSE(IsCurrentGstRate(bp)) << bp;
    }
}

TEST_F(CatalogServiceTest, ValidationNamesEveryBadFieldAndWritesNothing) {
    ProductFields f;
    f.name = std::string(121, 'a');
    f.description = std::string(1001, 'd');
    f.price = Paise(1000);
    f.mrp = std::optional<Paise>(Paise(900));
    f.unit = "";
    f.category = std::string(61, 'c');
    f.gst_rate_bp = 1200;
    f.hsn = "12ab";
    f.stock = -1;
    f.low_stock_threshold = -2;
    const std::int64_t version = SiteVersion(store_);
    auto created = Create(f);
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(FieldNames(created.error()),
                UnorderedElementsAre("name", "description", "mrp_paise", "unit", "category", "gst_rate_bp", "hsn",
                                     "stock", "low_stock_threshold"));
    EXPECT_EQ(Products(), 0);
    EXPECT_EQ(SiteVersion(store_), version);

    auto missing = Create(ProductFields{});
    ASSERT_FALSE(missing);
    EXPECT_THAT(FieldNames(missing.error()), UnorderedElementsAre("name", "price_paise"));

    auto zero = Create(Fields("Atta", 0));
    ASSERT_FALSE(zero);
    EXPECT_THAT(FieldNames(zero.error()), UnorderedElementsAre("price_paise"));
}

TEST_F(CatalogServiceTest, PricesAboveTheUnitCapAreRefusedOnCreateAndEdit) {
    // ₹10,00,000 a unit is the most a product may cost; anything above, up to what 64 bits hold,
    // would make order totals and their GST overflow.
    ASSERT_TRUE(Create(Fields("Gold set", 100'000'000)));
    for (std::int64_t price :
         {std::int64_t{100'000'001}, std::int64_t{10'000'000'000'000'000}, std::numeric_limits<std::int64_t>::max()}) {
        auto created = Create(Fields("Diamond", price));
        ASSERT_FALSE(created) << price;
        EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
        EXPECT_THAT(FieldNames(created.error()), UnorderedElementsAre("price_paise")) << price;
    }
    ProductFields mrp = Fields("Silver", 5000);
    mrp.mrp = std::optional<Paise>(Paise(std::numeric_limits<std::int64_t>::max()));
    auto high_mrp = Create(mrp);
    ASSERT_FALSE(high_mrp);
    EXPECT_THAT(FieldNames(high_mrp.error()), UnorderedElementsAre("mrp_paise"));
    EXPECT_EQ(Products(), 1);

    auto atta = Create(Fields("Atta", 4500));
    ASSERT_TRUE(atta);
    ProductFields edit;
    edit.price = Paise(std::numeric_limits<std::int64_t>::max());
    auto edited = Await(service_->Update(tenant_, store_, atta->id, edit));
    ASSERT_FALSE(edited);
    EXPECT_THAT(FieldNames(edited.error()), UnorderedElementsAre("price_paise"));
    EXPECT_EQ(Count(*db_, "SELECT price_paise FROM products WHERE name = 'Atta'"), 4500);
}

TEST_F(CatalogServiceTest, NamesCountCodePointsSoHindiFitsItsLimit) {
    std::string hindi;
    for (int i = 0; i < 120; ++i) {
        hindi += "क";  // 3 bytes, 1 character
    }
    EXPECT_TRUE(Create(Fields(hindi, 100)));
    auto too_long = Create(Fields(hindi + "क", 100));
    ASSERT_FALSE(too_long);
    EXPECT_THAT(FieldNames(too_long.error()), UnorderedElementsAre("name"));
}

TEST_F(CatalogServiceTest, CreatePatchAndDeactivateBumpTheSiteVersion) {
    const std::int64_t v0 = SiteVersion(store_);
    ProductFields f = Fields("  Toor Dal  ", 15000, 12);
    f.mrp = std::optional<Paise>(Paise(16000));
    f.gst_rate_bp = 500;
    f.hsn = "0713";
    f.category = "Staples";
    f.unit = "kg";
    auto created = Create(f);
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_EQ(created->name, "Toor Dal");
    EXPECT_EQ(created->stock, 12);
    EXPECT_TRUE(created->active);
    EXPECT_EQ(SiteVersion(store_), v0 + 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM inventory_ledger WHERE reason = 'INITIAL' AND delta = 12 AND seq = 1"),
              1);

    ProductFields patch;
    patch.price = Paise(14000);
    patch.description = "Unpolished";
    auto patched = Await(service_->Update(tenant_, store_, created->id, patch));
    ASSERT_TRUE(patched) << patched.error().message;
    EXPECT_EQ(patched->price.value, 14000);
    EXPECT_EQ(patched->description, "Unpolished");
    EXPECT_EQ(patched->stock, 12);
    EXPECT_EQ(SiteVersion(store_), v0 + 2);

    // MRP is checked against the stored price; stock only moves through the ledger.
    ProductFields bad;
    bad.mrp = std::optional<Paise>(Paise(100));
    bad.stock = 99;
    auto refused = Await(service_->Update(tenant_, store_, created->id, bad));
    ASSERT_FALSE(refused);
    EXPECT_THAT(FieldNames(refused.error()), UnorderedElementsAre("mrp_paise", "stock"));
    EXPECT_EQ(SiteVersion(store_), v0 + 2);

    auto hidden = Await(service_->Deactivate(tenant_, store_, created->id));
    ASSERT_TRUE(hidden);
    EXPECT_FALSE(hidden->active);
    EXPECT_EQ(Products(), 1) << "deactivated, not deleted";
    EXPECT_EQ(SiteVersion(store_), v0 + 3);
    auto got = Await(service_->Get(tenant_, store_, created->id));
    ASSERT_TRUE(got);
    EXPECT_FALSE(got->active);
}

TEST_F(CatalogServiceTest, AnotherTenantsStoreOrProductIsNotFound) {
    auto created = Create(Fields("Atta", 4000, 3));
    ASSERT_TRUE(created);
    // Tenant B asking with its own tenant and A's store, or its store and A's product.
    auto list = Await(service_->List(other_tenant_, store_, {}));
    ASSERT_FALSE(list);
    EXPECT_EQ(list.error().code, ErrorCode::kNotFound);
    auto get = Await(service_->Get(other_tenant_, other_store_, created->id));
    ASSERT_FALSE(get);
    EXPECT_EQ(get.error().code, ErrorCode::kNotFound);
    auto make = Await(service_->Create(other_tenant_, store_, Fields("X", 1), std::nullopt));
    ASSERT_FALSE(make);
    EXPECT_EQ(make.error().code, ErrorCode::kNotFound);
    auto invalid_elsewhere = Await(service_->Create(other_tenant_, store_, ProductFields{}, std::nullopt));
    ASSERT_FALSE(invalid_elsewhere);
    EXPECT_EQ(invalid_elsewhere.error().code, ErrorCode::kNotFound) << "404 before 400";
    auto stock =
        Await(service_->AdjustStock(other_tenant_, other_store_, created->id, Change(5, StockReason::kRestock)));
    ASSERT_FALSE(stock);
    EXPECT_EQ(stock.error().code, ErrorCode::kNotFound);
    auto ledger = Await(service_->Ledger(other_tenant_, other_store_, created->id, "", 10));
    ASSERT_FALSE(ledger);
    EXPECT_EQ(ledger.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Count(*db_, "SELECT stock_quantity FROM products"), 3);
}

TEST_F(CatalogServiceTest, StockNeverGoesBelowZeroAndLedgerSeqIncrements) {
    auto created = Create(Fields("Sugar", 5000, 5));
    ASSERT_TRUE(created);
    auto restocked =
        Await(service_->AdjustStock(tenant_, store_, created->id, Change(10, StockReason::kRestock, "Monday")));
    ASSERT_TRUE(restocked);
    EXPECT_EQ(restocked->stock, 15);
    auto too_much = Await(service_->AdjustStock(tenant_, store_, created->id, Change(-16)));
    ASSERT_FALSE(too_much);
    EXPECT_EQ(too_much.error().code, ErrorCode::kConflict);
    EXPECT_THAT(too_much.error().message, ::testing::HasSubstr("15"));
    auto zero = Await(service_->AdjustStock(tenant_, store_, created->id, Change(0)));
    ASSERT_FALSE(zero);
    EXPECT_THAT(FieldNames(zero.error()), UnorderedElementsAre("delta"));
    auto emptied = Await(service_->AdjustStock(tenant_, store_, created->id, Change(-15)));
    ASSERT_TRUE(emptied);
    EXPECT_EQ(emptied->stock, 0);

    auto ledger = Await(service_->Ledger(tenant_, store_, created->id, "", 2));
    ASSERT_TRUE(ledger);
    ASSERT_EQ(ledger->entries.size(), 2u);
    EXPECT_EQ(ledger->entries[0].seq, 3);  // newest first
    EXPECT_EQ(ledger->entries[0].reason, "CORRECTION");
    EXPECT_EQ(ledger->entries[0].stock_after, 0);
    EXPECT_EQ(ledger->entries[1].seq, 2);
    EXPECT_EQ(ledger->entries[1].reason, "RESTOCK");
    EXPECT_EQ(ledger->entries[1].note, "Monday");
    ASSERT_FALSE(ledger->next_cursor.empty());
    auto rest = Await(service_->Ledger(tenant_, store_, created->id, ledger->next_cursor, 2));
    ASSERT_TRUE(rest);
    ASSERT_EQ(rest->entries.size(), 1u);
    EXPECT_EQ(rest->entries[0].seq, 1);
    EXPECT_EQ(rest->entries[0].reason, "INITIAL");
    EXPECT_TRUE(rest->next_cursor.empty());
}

TEST_F(CatalogServiceTest, ConcurrentAdjustmentsNeverTakeStockBelowZero) {
    constexpr std::int64_t kInitial = 40;
    auto created = Create(Fields("Rice", 6000, kInitial));
    ASSERT_TRUE(created);
    // Mostly takes, some gives: demand (about 160 units) far exceeds what is there.
    const auto race = auth::testing::Race(8, 10, [&](int t, int i) {
        const std::int64_t delta = (i % 5 == 4) ? 2 : -(1 + (t + i) % 3);
        return Await(service_->AdjustStock(tenant_, store_, created->id, Change(delta)));
    });
    EXPECT_EQ(race.unexpected, 0);
    EXPECT_GT(race.conflicted, 0);
    const std::string id = created->id.str();
    const std::int64_t stock = Count(*db_, "SELECT stock_quantity FROM products WHERE product_id = '" + id + "'");
    EXPECT_GE(stock, 0);
    EXPECT_EQ(Count(*db_, "SELECT sum(delta) FROM inventory_ledger WHERE product_id = '" + id + "'"), stock);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM inventory_ledger WHERE product_id = '" + id + "'"), race.succeeded + 1);
    EXPECT_EQ(Count(*db_, "SELECT max(seq) FROM inventory_ledger WHERE product_id = '" + id + "'"), race.succeeded + 1);
    EXPECT_EQ(Count(*db_, "SELECT min(stock_after) FROM inventory_ledger WHERE product_id = '" + id + "'") >= 0, true);
}

TEST_F(CatalogServiceTest, PagesCoverEveryProductExactlyOnce) {
    std::set<std::string> made;
    for (int i = 0; i < 23; ++i) {
        ProductFields f = Fields("Item " + std::to_string(i), 100 + i);
        if (i % 4 == 0) {
            f.sort_order = 5;  // ties on sort_order are broken by creation, then id
        }
        auto p = Create(f);
        ASSERT_TRUE(p);
        made.insert(p->id.str());
    }
    std::set<std::string> seen;
    std::string cursor;
    int pages = 0;
    do {
        auto page = Await(service_->List(tenant_, store_, Query([&](ProductQuery& q) {
                                             q.cursor = cursor;
                                             q.limit = 5;
                                         })));
        ASSERT_TRUE(page) << page.error().message;
        for (const auto& p : page->products) {
            EXPECT_TRUE(seen.insert(p.id.str()).second) << "seen twice: " << p.name;
        }
        cursor = page->next_cursor;
        ++pages;
    } while (!cursor.empty() && pages < 20);
    EXPECT_EQ(seen, made);
    EXPECT_EQ(pages, 5);

    auto bad = Await(service_->List(tenant_, store_, Query([](ProductQuery& q) { q.cursor = "not-a-cursor"; })));
    ASSERT_FALSE(bad);
    EXPECT_THAT(FieldNames(bad.error()), UnorderedElementsAre("cursor"));
    auto big = Await(service_->List(tenant_, store_, Query([](ProductQuery& q) { q.limit = 101; })));
    ASSERT_FALSE(big);
    EXPECT_THAT(FieldNames(big.error()), UnorderedElementsAre("limit"));
}

TEST_F(CatalogServiceTest, SearchesNamesAndFiltersByCategoryAndActive) {
    ProductFields dal = Fields("Toor Dal", 15000);
    dal.category = "Staples";
    ProductFields tomato = Fields("Desi Tomato", 4000);
    tomato.category = "Vegetables";
    ProductFields chawal = Fields("बासमती चावल", 9000);
    chawal.category = "Staples";
    auto d = Create(dal);
    auto t = Create(tomato);
    auto c = Create(chawal);
    ASSERT_TRUE(d && t && c);
    ASSERT_TRUE(Await(service_->Deactivate(tenant_, store_, t->id)));

    auto names = [&](ProductQuery q) {
        std::vector<std::string> out;
        auto page = Await(service_->List(tenant_, store_, std::move(q)));
        EXPECT_TRUE(page);
        for (const auto& p : page.value_or(ProductPage{}).products) {
            out.push_back(p.name);
        }
        return out;
    };
    EXPECT_THAT(names(Query([](ProductQuery& q) { q.q = "tOOR"; })), UnorderedElementsAre("Toor Dal"));
    EXPECT_THAT(names(Query([](ProductQuery& q) { q.q = "चावल"; })), UnorderedElementsAre("बासमती चावल"));
    EXPECT_THAT(names(Query([](ProductQuery& q) { q.category = "Staples"; })),
                UnorderedElementsAre("Toor Dal", "बासमती चावल"));
    EXPECT_THAT(names(Query([](ProductQuery& q) { q.active = false; })), UnorderedElementsAre("Desi Tomato"));
    EXPECT_THAT(names(Query([](ProductQuery& q) { q.active = true; })),
                UnorderedElementsAre("Toor Dal", "बासमती चावल"));
    EXPECT_THAT(names(Query([](ProductQuery& q) { q.q = "%"; })), ::testing::IsEmpty()) << "a word, not a pattern";
}

TEST_F(CatalogServiceTest, SearchFindsHindiAndEnglishNamesByTheStartOfTheirWords) {
    for (const char* name : {"आटा 5 kg", "चीनी", "दूध अमूल", "दाल मखनी", "Aashirvaad Atta", "Amul Taaza Milk",
                             "Tata Salt", "Sugar (शक्कर)"}) {
        ASSERT_TRUE(Create(Fields(name, 1000)));
    }
    auto names = [&](std::string q) {
        std::vector<std::string> out;
        auto page = Await(service_->List(tenant_, store_, Query([&](ProductQuery& query) { query.q = q; })));
        EXPECT_TRUE(page) << q;
        for (const auto& p : page.value_or(ProductPage{}).products) {
            out.push_back(p.name);
        }
        return out;
    };
    EXPECT_THAT(names("आटा"), UnorderedElementsAre("आटा 5 kg"));
    EXPECT_THAT(names("चीनी"), UnorderedElementsAre("चीनी"));
    EXPECT_THAT(names("दूध"), UnorderedElementsAre("दूध अमूल"));
    // Vowel signs belong to their word: द finds the words that begin with it, दू only दूध.
    EXPECT_THAT(names("द"), UnorderedElementsAre("दूध अमूल", "दाल मखनी"));
    EXPECT_THAT(names("दू"), UnorderedElementsAre("दूध अमूल"));
    EXPECT_THAT(names("चीन"), UnorderedElementsAre("चीनी"));
    EXPECT_THAT(names("शक्कर"), UnorderedElementsAre("Sugar (शक्कर)"));
    EXPECT_THAT(names("atta"), UnorderedElementsAre("Aashirvaad Atta"));
    EXPECT_THAT(names("AMUL"), UnorderedElementsAre("Amul Taaza Milk"));
    EXPECT_THAT(names("amul milk"), UnorderedElementsAre("Amul Taaza Milk")) << "every word must match";
    EXPECT_THAT(names("amul दूध"), ::testing::IsEmpty());
    EXPECT_THAT(names("ta"), UnorderedElementsAre("Amul Taaza Milk", "Tata Salt"));
    EXPECT_THAT(names("\"milk"), UnorderedElementsAre("Amul Taaza Milk")) << "a quote is text, not syntax";
    EXPECT_THAT(names("milk OR salt"), ::testing::IsEmpty()) << "OR is a word, not an operator";
    EXPECT_THAT(names("NEAR(milk"), ::testing::IsEmpty());
    EXPECT_THAT(names("* - ^"), ::testing::IsEmpty());

    // A renamed product is found by its new name only; a deleted one not at all.
    auto page = Await(service_->List(tenant_, store_, Query([](ProductQuery& q) { q.q = "tata"; })));
    ASSERT_TRUE(page && page->products.size() == 1);
    ProductFields rename;
    rename.name = "Namak";
    ASSERT_TRUE(Await(service_->Update(tenant_, store_, page->products[0].id, rename)));
    EXPECT_THAT(names("tata"), ::testing::IsEmpty());
    EXPECT_THAT(names("namak"), UnorderedElementsAre("Namak"));
    const std::string id = page->products[0].id.str();
    ASSERT_TRUE(db_->WriteSync([&](storage::Conn& conn) -> Result<void> {
        auto gone = conn.Exec("DELETE FROM products WHERE product_id = $1", id);
        if (!gone) {
            return Fail(gone.error());
        }
        return {};
    }));
    EXPECT_THAT(names("namak"), ::testing::IsEmpty());

    // Another tenant's products with the same words are never found.
    ASSERT_TRUE(Await(service_->Create(other_tenant_, other_store_, Fields("दूध Gupta", 1000), std::nullopt)));
    EXPECT_THAT(names("दूध"), UnorderedElementsAre("दूध अमूल"));
}

TEST(SearchText, QuotesEveryWordAsAPrefixForEachEngine) {
    EXPECT_EQ(SearchText("  Amul  दूध ", SearchSyntax::kFts5), R"("Amul"* "दूध"*)");
    EXPECT_EQ(SearchText("Amul दूध", SearchSyntax::kPostgres), "'Amul':* & 'दूध':*");
    EXPECT_EQ(SearchText(R"(a"b)", SearchSyntax::kFts5), R"("a""b"*)");
    EXPECT_EQ(SearchText(R"(it's a\b)", SearchSyntax::kPostgres), R"('it''s':* & 'a\\b':*)");
    EXPECT_EQ(SearchText("% - *", SearchSyntax::kFts5), "");
    EXPECT_EQ(SearchText("", SearchSyntax::kPostgres), "");
}

TEST_F(CatalogServiceTest, PagesSeekTheirIndexInsteadOfSortingTheStore) {
    auto plan = [&](std::string_view sql) {
        std::string out;
        auto rows =
            db_->ReadSync([&](storage::Conn& conn) { return conn.Query("EXPLAIN QUERY PLAN " + std::string(sql)); });
        EXPECT_TRUE(rows);
        for (const auto& row : rows.value_or(std::vector<storage::Row>{})) {
            out += row.Text(3) + "\n";
        }
        return out;
    };
    const std::string all = plan(
        "SELECT product_id FROM products WHERE tenant_id = 't' AND store_id = 's' AND (-1 < 0 OR active = 1) "
        "AND (sort_order, created_at, product_id) > (0, 0, '') ORDER BY sort_order, created_at, product_id LIMIT 5");
    EXPECT_NE(all.find("USING INDEX products_in_order (tenant_id=? AND store_id=? AND (sort_order,created_at,"
                       "product_id)>(?,?,?))"),
              std::string::npos)
        << all;
    EXPECT_EQ(all.find("TEMP B-TREE"), std::string::npos) << all;
    const std::string category = plan(
        "SELECT product_id FROM products WHERE tenant_id = 't' AND store_id = 's' AND category = 'c' "
        "AND (sort_order, created_at, product_id) > (0, 0, '') ORDER BY sort_order, created_at, product_id LIMIT 5");
    EXPECT_NE(category.find("products_in_category_order"), std::string::npos) << category;
    EXPECT_EQ(category.find("TEMP B-TREE"), std::string::npos) << category;
    // A search reads its matches from the word index, never the store in display order.
    const std::string search = plan(
        "SELECT product_id FROM products WHERE rowid IN (SELECT rowid FROM products_fts WHERE products_fts "
        "MATCH '\"atta\"*') AND +tenant_id = 't' AND +store_id = 's' AND (+sort_order, created_at, product_id) "
        "> (0, 0, '') ORDER BY +sort_order, created_at, product_id LIMIT 5");
    EXPECT_NE(search.find("SEARCH products USING INTEGER PRIMARY KEY (rowid=?)"), std::string::npos) << search;
    EXPECT_EQ(search.find("products_in_order"), std::string::npos) << search;
}

TEST_F(CatalogServiceTest, PagesNeitherRepeatNorSkipWhileProductsAreAdded) {
    // Many equal sort keys: sort_order 0 and one creation time for most, so the id breaks ties.
    std::set<std::string> before;
    for (int i = 0; i < 30; ++i) {
        ProductFields f = Fields("Item " + std::to_string(i), 100 + i);
        f.sort_order = i % 3;
        auto p = Create(f);
        ASSERT_TRUE(p);
        before.insert(p->id.str());
    }
    std::vector<std::string> seen;
    std::set<std::string> added;
    std::string cursor;
    int pages = 0;
    std::optional<Product> last;
    do {
        auto page = Await(service_->List(tenant_, store_, Query([&](ProductQuery& q) {
                                             q.cursor = cursor;
                                             q.limit = 4;
                                         })));
        ASSERT_TRUE(page) << page.error().message;
        for (const auto& p : page->products) {
            if (last) {
                const auto key = [](const Product& x) {
                    return std::tuple(x.sort_order, UnixMillis(x.created_at), x.id.str());
                };
                EXPECT_LT(key(*last), key(p)) << "out of order: " << p.name;
            }
            last = p;
            seen.push_back(p.id.str());
        }
        // Between pages the owner adds products on both sides of the cursor.
        for (int side : {0, 2}) {
            ProductFields f = Fields("New " + std::to_string(pages) + "." + std::to_string(side), 500);
            f.sort_order = side;
            auto p = Create(f);
            ASSERT_TRUE(p);
            added.insert(p->id.str());
        }
        cursor = page->next_cursor;
        ++pages;
    } while (!cursor.empty() && pages < 100);
    const std::set<std::string> unique(seen.begin(), seen.end());
    EXPECT_EQ(unique.size(), seen.size()) << "a product was listed twice";
    for (const auto& id : before) {
        EXPECT_TRUE(unique.contains(id)) << "a product there from the start was skipped";
    }
    for (const auto& id : unique) {
        EXPECT_TRUE(before.contains(id) || added.contains(id));
    }
}

TEST(StockReasons, AdjustmentFromOldClientsIsACorrection) {
    EXPECT_EQ(ParseStockReason("RESTOCK"), StockReason::kRestock);
    EXPECT_EQ(ParseStockReason("DAMAGE"), StockReason::kDamage);
    EXPECT_EQ(ParseStockReason("CORRECTION"), StockReason::kCorrection);
    EXPECT_EQ(ParseStockReason("ADJUSTMENT"), StockReason::kCorrection);
    EXPECT_EQ(ParseStockReason("restock"), std::nullopt);
    EXPECT_EQ(StockReasonName(StockReason::kDamage), "DAMAGE");
}

TEST_F(CatalogServiceTest, ARestockMustAddAndDamageMustRemove) {
    auto created = Create(Fields("Eggs", 700, 30));
    ASSERT_TRUE(created);
    auto negative_restock =
        Await(service_->AdjustStock(tenant_, store_, created->id, Change(-2, StockReason::kRestock)));
    ASSERT_FALSE(negative_restock);
    EXPECT_EQ(negative_restock.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(FieldNames(negative_restock.error()), UnorderedElementsAre("delta"));
    auto positive_damage = Await(service_->AdjustStock(tenant_, store_, created->id, Change(2, StockReason::kDamage)));
    ASSERT_FALSE(positive_damage);
    EXPECT_THAT(positive_damage.error().fields[0].message, ::testing::HasSubstr("negative"));
    auto broken = Await(service_->AdjustStock(tenant_, store_, created->id, Change(-6, StockReason::kDamage)));
    ASSERT_TRUE(broken);
    EXPECT_EQ(broken->stock, 24);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM inventory_ledger WHERE reason = 'DAMAGE' AND delta = -6"), 1);
    auto recount = Await(service_->AdjustStock(tenant_, store_, created->id, Change(3, StockReason::kCorrection)));
    ASSERT_TRUE(recount);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM inventory_ledger"), 3);
}

TEST_F(CatalogServiceTest, StockLowIsWrittenOncePerCrossingByHand) {
    ProductFields f = Fields("Paneer", 8000, 10);
    f.low_stock_threshold = 5;
    auto created = Create(f);
    ASSERT_TRUE(created);
    auto low_events = [&] { return Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'STOCK_LOW'"); };
    ASSERT_TRUE(Await(service_->AdjustStock(tenant_, store_, created->id, Change(-4, StockReason::kDamage))));
    EXPECT_EQ(low_events(), 0) << "6 is still above 5";
    ASSERT_TRUE(Await(service_->AdjustStock(tenant_, store_, created->id, Change(-1, StockReason::kDamage))));
    EXPECT_EQ(low_events(), 1) << "5 is at the threshold";
    EXPECT_EQ(Count(*db_, "SELECT json_extract(payload, '$.stock') FROM outbox WHERE type = 'STOCK_LOW'"), 5);
    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM outbox WHERE type = 'STOCK_LOW' AND json_extract(payload, "
                    "'$.product_id') = '" +
                        created->id.str() + "' AND json_extract(payload, '$.threshold') = 5"),
              1);
    ASSERT_TRUE(Await(service_->AdjustStock(tenant_, store_, created->id, Change(-2))));
    EXPECT_EQ(low_events(), 1) << "already low: no second alert";
    ASSERT_TRUE(Await(service_->AdjustStock(tenant_, store_, created->id, Change(10, StockReason::kRestock))));
    ASSERT_TRUE(Await(service_->AdjustStock(tenant_, store_, created->id, Change(-9, StockReason::kDamage))));
    EXPECT_EQ(low_events(), 2) << "a restock above the threshold re-arms it";
}

class CatalogImportTest : public CatalogServiceTest {
protected:
    Result<ImportSummary> Import(const std::string& csv, bool dry_run = false) {
        return Await(service_->Import(tenant_, store_, csv, dry_run, std::nullopt));
    }
    std::string Export() {
        auto exported = Await(service_->Export(tenant_, store_));
        EXPECT_TRUE(exported);
        EXPECT_EQ(exported.value_or(CatalogExport{}).slug, "sharma");
        return exported.value_or(CatalogExport{}).csv;
    }
    std::int64_t Ledger() { return Count(*db_, "SELECT count(*) FROM inventory_ledger"); }
};

TEST_F(CatalogImportTest, AnExportImportsBackUnchangedAndWritesNothing) {
    ASSERT_TRUE(Create(Fields("दाल मखनी", 25000, 4)));
    ASSERT_TRUE(Create(Fields("=1+2 special", 100, 0)));
    auto hidden = Create(Fields("Old stock", 500, 1));
    ASSERT_TRUE(hidden);
    ASSERT_TRUE(Await(service_->Deactivate(tenant_, store_, hidden->id)));
    const std::string csv = Export();
    const auto version = SiteVersion(store_);
    const auto ledger = Ledger();
    auto summary = Import(csv);
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->created, 0u);
    EXPECT_EQ(summary->updated, 0u);
    EXPECT_EQ(summary->unchanged, 3u);
    EXPECT_EQ(SiteVersion(store_), version);
    EXPECT_EQ(Ledger(), ledger);
    EXPECT_EQ(Export(), csv);
}

TEST_F(CatalogImportTest, CreatesUpdatesAndCorrectsStockInOneGo) {
    ProductFields f = Fields("Ghee", 60000, 10);
    f.low_stock_threshold = 3;
    auto ghee = Create(f);
    ASSERT_TRUE(ghee);
    const auto version = SiteVersion(store_);
    const std::string csv = "product_id,name,price,stock,gst_rate\n" + ghee->id.str() +
                            ",Desi Ghee,\"₹ 620.50\",2,5%\n,Makhana,\"1,250\",7,\n,Jaggery,90,,18\n";
    auto dry = Import(csv, true);
    ASSERT_TRUE(dry) << dry.error().message;
    EXPECT_EQ(dry->created, 2u);
    EXPECT_EQ(dry->updated, 1u);
    EXPECT_TRUE(dry->dry_run);
    EXPECT_EQ(Products(), 1) << "a dry run writes nothing";
    EXPECT_EQ(SiteVersion(store_), version);

    auto summary = Import(csv);
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->created, 2u);
    EXPECT_EQ(summary->updated, 1u);
    EXPECT_FALSE(summary->dry_run);
    EXPECT_EQ(SiteVersion(store_), version + 1) << "bumped once for the whole file";
    auto updated = Await(service_->Get(tenant_, store_, ghee->id));
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->name, "Desi Ghee");
    EXPECT_EQ(updated->price.value, 62050);
    EXPECT_EQ(updated->stock, 2);
    EXPECT_EQ(updated->gst_rate_bp, 500);
    EXPECT_EQ(Count(*db_, "SELECT delta FROM inventory_ledger WHERE reason = 'CORRECTION' AND product_id = '" +
                              ghee->id.str() + "'"),
              -8);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'STOCK_LOW'"), 1) << "10 > 3 to 2 <= 3";
    EXPECT_EQ(Count(*db_, "SELECT price_paise FROM products WHERE name = 'Makhana'"), 125000);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM inventory_ledger WHERE reason = 'INITIAL' AND delta = 7"), 1);
    EXPECT_EQ(Count(*db_, "SELECT gst_rate_bp FROM products WHERE name = 'Jaggery'"), 1800);
}

TEST_F(CatalogImportTest, OneBadRowWritesNothingAndEveryProblemIsNamed) {
    auto ghee = Create(Fields("Ghee", 60000, 10));
    ASSERT_TRUE(ghee);
    const auto version = SiteVersion(store_);
    const auto ledger = Ledger();
    const std::string csv = "product_id,name,price,stock\n" + ghee->id.str() + ",Ghee,600,1\n,Good,10,1\n,Bad,-1,1\n";
    auto summary = Import(csv);
    ASSERT_FALSE(summary);
    EXPECT_EQ(summary.error().code, ErrorCode::kUnprocessable);
    EXPECT_THAT(FieldNames(summary.error()), UnorderedElementsAre("rows[4].price"));
    EXPECT_EQ(Products(), 1);
    EXPECT_EQ(Ledger(), ledger);
    EXPECT_EQ(SiteVersion(store_), version);
    EXPECT_EQ(Count(*db_, "SELECT stock_quantity FROM products"), 10);
}

TEST_F(CatalogImportTest, APriceAboveTheUnitCapIsARowErrorAndWritesNothing) {
    const std::string csv = "name,price\nGold set,\"10,00,000\"\nDiamond,\"10,00,000.01\"\nRuby,99999999999\n";
    auto summary = Import(csv);
    ASSERT_FALSE(summary);
    EXPECT_EQ(summary.error().code, ErrorCode::kUnprocessable);
    EXPECT_THAT(FieldNames(summary.error()), UnorderedElementsAre("rows[3].price", "rows[4].price"));
    EXPECT_EQ(Products(), 0);
}

TEST_F(CatalogImportTest, AnotherTenantsProductIsNotInThisStore) {
    auto theirs = Await(service_->Create(other_tenant_, other_store_, Fields("Their Ghee", 60000, 10), std::nullopt));
    ASSERT_TRUE(theirs);
    auto summary = Import("product_id,name,price\n" + theirs->id.str() + ",Stolen,1\n");
    ASSERT_FALSE(summary);
    ASSERT_EQ(summary.error().fields.size(), 1u);
    EXPECT_EQ(summary.error().fields[0].field, "rows[2].product_id");
    EXPECT_EQ(summary.error().fields[0].message, "no such product in this store");
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM products WHERE name = 'Their Ghee' AND price_paise = 60000"), 1);
    auto elsewhere = Await(service_->Import(other_tenant_, store_, "name,price\nX,1\n", false, std::nullopt));
    ASSERT_FALSE(elsewhere);
    EXPECT_EQ(elsewhere.error().code, ErrorCode::kNotFound);
    auto exported = Await(service_->Export(other_tenant_, store_));
    ASSERT_FALSE(exported);
    EXPECT_EQ(exported.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace webdpro::catalog
