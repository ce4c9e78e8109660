// The products file: rupees and GST percent read exactly, the export's shape, and the import plan
// that reports every problem of every row with its line and column.
#include "catalog/product_csv.hpp"

#include <set>

#include <gtest/gtest.h>

#include "catalog/catalog_service.hpp"
#include "catalog/csv.hpp"

namespace webdpro::catalog {
namespace {

constexpr std::string_view kHeader =
    "product_id,name,description,category,unit,price,mrp,gst_rate,hsn,stock,low_stock_threshold,active\n";

TEST(ParseRupees, ReadsTheFormsOwnersWriteIntoExactPaise) {
    const std::vector<std::pair<std::string, std::int64_t>> cases = {{"45", 4500},
                                                                     {"45.5", 4550},
                                                                     {"45.50", 4550},
                                                                     {"\xE2\x82\xB9"
                                                                      "45.50",
                                                                      4550},
                                                                     {"\xE2\x82\xB9 45", 4500},
                                                                     {"Rs. 45", 4500},
                                                                     {"rs45.05", 4505},
                                                                     {"1,250.00", 125000},
                                                                     {"1,25,000", 12500000},
                                                                     {" 0.01 ", 1},
                                                                     {".5", 50},
                                                                     {"0", 0},
                                                                     {"19.99", 1999},
                                                                     {"999999999999.99", 99999999999999}};
    for (const auto& [text, paise] : cases) {
        auto parsed = ParseRupees(text);
        ASSERT_TRUE(parsed) << text << ": " << parsed.error();
        EXPECT_EQ(parsed->value, paise) << text;
    }
}

TEST(ParseRupees, RefusesNegativesThirdDecimalsAndNonNumbers) {
    for (std::string text : {"-45", "45.505", "abc", "", "45.", "1,,250", ",250", "250,", "4 5", "1e3", "45.5x",
                             "1234567890123", "\xE2\x82\xB9-5"}) {
        EXPECT_FALSE(ParseRupees(text)) << text;
    }
    EXPECT_EQ(ParseRupees("-1").error(), "must not be negative");
    EXPECT_NE(ParseRupees("1.234").error().find("2 decimals"), std::string::npos);
}

TEST(FormatRupees, WritesTwoDecimals) {
    EXPECT_EQ(FormatRupees(Paise(4550)), "45.50");
    EXPECT_EQ(FormatRupees(Paise(4505)), "45.05");
    EXPECT_EQ(FormatRupees(Paise(1)), "0.01");
    EXPECT_EQ(FormatRupees(Paise(125000)), "1250.00");
}

TEST(ParseGstPercent, ReadsPercentIntoBasisPoints) {
    EXPECT_EQ(ParseGstPercent("5"), 500);
    EXPECT_EQ(ParseGstPercent("5%"), 500);
    EXPECT_EQ(ParseGstPercent(" 18 % "), 1800);
    EXPECT_EQ(ParseGstPercent("0.25"), 25);
    EXPECT_EQ(ParseGstPercent("1.5"), 150);
    EXPECT_EQ(ParseGstPercent("0"), 0);
    for (std::string text : {"-5", "5.125", "five", "", "%", "1000"}) {
        EXPECT_FALSE(ParseGstPercent(text)) << text;
    }
}

TEST(FormatGstPercent, WritesTheShortestPercentAndReadsBack) {
    EXPECT_EQ(FormatGstPercent(500), "5");
    EXPECT_EQ(FormatGstPercent(25), "0.25");
    EXPECT_EQ(FormatGstPercent(150), "1.5");
    EXPECT_EQ(FormatGstPercent(0), "0");
    for (int bp : CurrentGstRates()) {
        EXPECT_EQ(ParseGstPercent(FormatGstPercent(bp)), bp);
    }
}

Product Sample(std::string name) {
    Product p;
    p.id = ProductId::New();
    p.store_id = StoreId::New();
    p.name = std::move(name);
    p.description = "Stone-ground, \"chakki\" fresh\nfrom Jaipur";
    p.price = Paise(4550);
    p.mrp = Paise(5000);
    p.stock = 12;
    p.low_stock_threshold = 3;
    p.category = "Atta, Rice & Dal";
    p.unit = "kg";
    p.hsn = "1101";
    p.gst_rate_bp = 500;
    return p;
}

TEST(ProductsCsv, WritesBomHeaderAndGuardedRows) {
    Product p = Sample("=cmd|' /C calc'!A0");
    p.active = false;
    p.mrp.reset();
    const std::string text = ProductsCsv(std::vector<Product>{p});
    ASSERT_TRUE(
        text.starts_with("\xEF\xBB\xBFproduct_id,name,description,category,unit,price,mrp,gst_rate,hsn,stock,"
                         "low_stock_threshold,active,exported_stock\r\n"));
    auto records = csv::Parse(text, 10);
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 2u);
    const auto& row = (*records)[1].cells;
    ASSERT_EQ(row.size(), 13u);
    EXPECT_EQ(row[0], p.id.str());
    EXPECT_EQ(row[1], "'=cmd|' /C calc'!A0");
    EXPECT_EQ(row[2], p.description);
    EXPECT_EQ(row[5], "45.50");
    EXPECT_EQ(row[6], "");
    EXPECT_EQ(row[7], "5");
    EXPECT_EQ(row[9], "12");
    EXPECT_EQ(row[11], "no");
    EXPECT_EQ(row[12], "12") << "exported_stock: the stock when exported";
}

std::set<std::string> FieldsOf(const ApiError& error);

/// The export of `exported` with `product`'s stock cell set to `stock` (every other cell as exported).
std::string WithStock(const Product& exported, std::int64_t stock) {
    std::string text = ProductsCsv(std::vector<Product>{exported});
    const std::string row_end = ",12\r\n";  // ...,active,exported_stock
    const std::string before = ",12,3,yes" + row_end;
    const std::string after = "," + std::to_string(stock) + ",3,yes" + row_end;
    text.replace(text.find(before), before.size(), after);
    return text;
}

TEST(PlanImport, AnUneditedStockKeepsTheSalesMadeSinceTheExport) {
    const Product exported = Sample("Atta");  // stock 12 when exported
    Product now = exported;
    now.stock = 9;  // three sold since
    auto plan = PlanImport(ProductsCsv(std::vector<Product>{exported}), now.store_id, std::vector<Product>{now});
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_EQ(plan->unchanged, 1u);
    EXPECT_TRUE(plan->updates.empty());
}

TEST(PlanImport, AnEditedStockThatWentStaleIsARowError) {
    const Product exported = Sample("Atta");
    Product now = exported;
    now.stock = 37;
    const std::string text = WithStock(exported, 50);
    auto plan = PlanImport(text, now.store_id, std::vector<Product>{now});
    ASSERT_FALSE(plan);
    EXPECT_EQ(plan.error().code, ErrorCode::kUnprocessable);
    ASSERT_EQ(plan.error().fields.size(), 1u);
    EXPECT_EQ(plan.error().fields[0].field, "rows[2].stock");
    EXPECT_EQ(plan.error().fields[0].message, "stock changed since this file was exported: now 37");

    auto forced = PlanImport(text, now.store_id, std::vector<Product>{now}, {.overwrite_stock = true});
    ASSERT_TRUE(forced) << forced.error().message;
    ASSERT_EQ(forced->updates.size(), 1u);
    EXPECT_EQ(forced->updates[0].after.stock, 50);
}

TEST(PlanImport, AnEditedStockIsTakenWhenNothingMovedSinceTheExport) {
    const Product exported = Sample("Atta");
    auto plan = PlanImport(WithStock(exported, 20), exported.store_id, std::vector<Product>{exported});
    ASSERT_TRUE(plan) << plan.error().message;
    ASSERT_EQ(plan->updates.size(), 1u);
    EXPECT_EQ(plan->updates[0].after.stock, 20);
}

TEST(PlanImport, FilesWithoutExportedStockSetTheStockAsGiven) {
    Product now = Sample("Atta");
    now.stock = 37;
    const std::string text = "product_id,name,price,stock\n" + now.id.str() + ",Atta,45.50,50\n";
    auto plan = PlanImport(text, now.store_id, std::vector<Product>{now});
    ASSERT_TRUE(plan) << plan.error().message;
    ASSERT_EQ(plan->updates.size(), 1u);
    EXPECT_EQ(plan->updates[0].after.stock, 50);
}

TEST(PlanImport, ABadExportedStockIsNamed) {
    const Product now = Sample("Atta");
    const std::string text = "product_id,name,price,stock,exported_stock\n" + now.id.str() + ",Atta,45.50,5,lots\n";
    auto plan = PlanImport(text, now.store_id, std::vector<Product>{now});
    ASSERT_FALSE(plan);
    EXPECT_EQ(FieldsOf(plan.error()), std::set<std::string>{"rows[2].exported_stock"});
}

TEST(PlanImport, AnExportImportsUnchanged) {
    const std::vector<Product> current = {Sample("आटा चक्की फ्रेश"), Sample("-Special- masala"), Sample("Dal")};
    auto plan = PlanImport(ProductsCsv(current), current[0].store_id, current);
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_EQ(plan->unchanged, 3u);
    EXPECT_TRUE(plan->creates.empty());
    EXPECT_TRUE(plan->updates.empty());
}

TEST(PlanImport, TrickyNamesSurviveAnExportAndImportUnchanged) {
    std::vector<Product> current;
    for (std::string name : {"'=1+1", "''=SUM(A1)", "|cmd",
                             "\xEF\xBC\x9D"
                             "1+1",
                             "\xEF\xBC\x8B"
                             "91 atta",
                             "\xEF\xBC\x8D"
                             "5 off",
                             "\xEF\xBC\xA0"
                             "home",
                             "'tis fresh", "@home", "+91 dal"}) {
        current.push_back(Sample(name));
        current.back().description = "'" + name;
        current.back().category = name;
    }
    auto plan = PlanImport(ProductsCsv(current), current[0].store_id, current);
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_EQ(plan->unchanged, current.size());
    EXPECT_TRUE(plan->creates.empty());
    for (const auto& update : plan->updates) {
        ADD_FAILURE() << "changed by the round trip: " << update.before.name << " -> " << update.after.name << " / "
                      << update.before.description << " -> " << update.after.description;
    }
}

TEST(PlanImport, CreatesAndUpdatesByProductId) {
    const std::vector<Product> current = {Sample("Atta")};
    const std::string text =
        "name,price,product_id,stock\r\n"
        "Basmati rice,120,,40\r\n"
        "Atta (new pack),45.50," +
        current[0].id.str() + ",2\r\n";
    auto plan = PlanImport(text, current[0].store_id, current);
    ASSERT_TRUE(plan) << plan.error().message;
    ASSERT_EQ(plan->creates.size(), 1u);
    EXPECT_EQ(plan->creates[0].name, "Basmati rice");
    EXPECT_EQ(plan->creates[0].price.value, 12000);
    EXPECT_EQ(plan->creates[0].stock, 40);
    EXPECT_EQ(plan->creates[0].unit, "piece");
    ASSERT_EQ(plan->updates.size(), 1u);
    EXPECT_EQ(plan->updates[0].after.name, "Atta (new pack)");
    EXPECT_EQ(plan->updates[0].after.stock, 2);
    EXPECT_EQ(plan->updates[0].before.stock, 12);
    // Columns not in the file keep their values.
    EXPECT_EQ(plan->updates[0].after.hsn, "1101");
    EXPECT_EQ(plan->updates[0].after.mrp->value, 5000);
}

std::set<std::string> FieldsOf(const ApiError& error) {
    std::set<std::string> out;
    for (const auto& f : error.fields) {
        out.insert(f.field);
    }
    return out;
}

TEST(PlanImport, ReportsEveryProblemOfEveryRowByLineAndColumn) {
    const std::vector<Product> current = {Sample("Atta")};
    const std::string text = std::string(kHeader) +
                             ",Good one,,,,10,,5,,1,,yes\n"             // line 2: fine
                             ",,,,,-4,,7,,x,,maybe\n"                   // line 3: name, price, gst, stock, active
                             ",Cheap,,,,50,40,,,,,\n"                   // line 4: mrp below price
                             "prd_nosuchproduct,Ghost,,,,1,,,,,,\n"     // line 5: unknown id
                             ",Ok,\"Two\nlines\",,,1.234,,,12ab,,,\n";  // line 6: price decimals, hsn
    auto plan = PlanImport(text, current[0].store_id, current);
    ASSERT_FALSE(plan);
    EXPECT_EQ(plan.error().code, ErrorCode::kUnprocessable);
    const std::set<std::string> expected = {"rows[3].name",       "rows[3].price",  "rows[3].gst_rate",
                                            "rows[3].stock",      "rows[3].active", "rows[4].mrp",
                                            "rows[5].product_id", "rows[6].price",  "rows[6].hsn"};
    EXPECT_EQ(FieldsOf(plan.error()), expected);
    for (const auto& f : plan.error().fields) {
        if (f.field == "rows[5].product_id") {
            EXPECT_EQ(f.message, "no such product in this store");
        }
        if (f.field == "rows[3].gst_rate") {
            EXPECT_NE(f.message.find("0.25"), std::string::npos) << f.message;
        }
    }
}

TEST(PlanImport, RefusesARateOutOfForceAndAProductTwice) {
    const std::vector<Product> current = {Sample("Atta")};
    const std::string id = current[0].id.str();
    const std::string text = "product_id,name,price,gst_rate\n" + id + ",Atta,10,12\n" + id + ",Atta,10,5\n";
    auto plan = PlanImport(text, current[0].store_id, current);
    ASSERT_FALSE(plan);
    EXPECT_EQ(FieldsOf(plan.error()), (std::set<std::string>{"rows[2].gst_rate", "rows[3].product_id"}));
}

TEST(PlanImport, NamesFileLevelProblems) {
    const StoreId store = StoreId::New();
    for (std::string text : {std::string(""), std::string("name,colour,price\nA,red,1\n"),
                             std::string("name,stock\nA,1\n"), std::string("name,name,price\n"),
                             std::string("name,price\n\"A,1\n"), std::string("name,price\n\xff\xfe,1\n")}) {
        auto plan = PlanImport(text, store, {});
        ASSERT_FALSE(plan) << text;
        EXPECT_EQ(FieldsOf(plan.error()), std::set<std::string>{"file"}) << text;
    }
}

TEST(PlanImport, RefusesMoreThanTheRowLimit) {
    std::string text = "name,price\n";
    for (std::size_t i = 0; i <= kMaxImportRows; ++i) {
        text += "P" + std::to_string(i) + ",1\n";
    }
    auto plan = PlanImport(text, StoreId::New(), {});
    ASSERT_FALSE(plan);
    ASSERT_EQ(plan.error().fields.size(), 1u);
    EXPECT_NE(plan.error().fields[0].message.find("5000"), std::string::npos);
}

TEST(PlanImport, SkipsBlankRowsAndToleratesShortRowsAndHeaderCase) {
    auto plan = PlanImport("\xEF\xBB\xBF Name ,PRICE,Low Stock Threshold,\n\n,,,\nDal,80\n", StoreId::New(), {});
    ASSERT_TRUE(plan) << plan.error().message;
    ASSERT_EQ(plan->creates.size(), 1u);
    EXPECT_EQ(plan->creates[0].low_stock_threshold, 5);
}

TEST(PlanImport, ListsAtMostTheProblemCapPlusASummary) {
    std::string text = "name,price\n";
    for (int i = 0; i < 300; ++i) {
        text += "P,-1\n";
    }
    auto plan = PlanImport(text, StoreId::New(), {});
    ASSERT_FALSE(plan);
    EXPECT_EQ(plan.error().fields.size(), kMaxImportProblems + 1);
    EXPECT_EQ(plan.error().fields.back().field, "file");
}

TEST(PlanImport, GivesBackTheLeadingZeroExcelTakesFromAnHsn) {
    auto plan = PlanImport("name,price,hsn\nA,1,910\nB,1,91011\nC,1,1101\nD,1,\n", StoreId::New(), {});
    ASSERT_TRUE(plan) << plan.error().message;
    ASSERT_EQ(plan->creates.size(), 4u);
    EXPECT_EQ(plan->creates[0].hsn, "0910");
    EXPECT_EQ(plan->creates[1].hsn, "091011");
    EXPECT_EQ(plan->creates[2].hsn, "1101");
    EXPECT_EQ(plan->creates[3].hsn, "");
}

}  // namespace
}  // namespace webdpro::catalog
