#include "sitegen/spec_repair.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sitegen/detail/test_fixture.hpp"
#include "sitegen/sector_profile.hpp"
#include "sitegen/text.hpp"

namespace webdpro::sitegen {
namespace {

using nlohmann::json;

/// A minimal model reply: one product, everything optional left out.
constexpr std::string_view kMinimal = R"({
  "business_name": "Sharma Kirana",
  "sector": "grocery",
  "products": [{"name": "Tomato", "price_paise": 4000}]
})";

/// A context with only the given fields set (designated initializers trip -Wmissing-field-initializers
/// on g++ 12).
RepairContext Context(std::optional<Language> language, std::string city_hint = {}, std::string description = {},
                      std::optional<Sector> sector_hint = std::nullopt) {
    RepairContext context;
    context.language = language;
    context.city_hint = std::move(city_hint);
    context.description = std::move(description);
    context.sector_hint = sector_hint;
    return context;
}

SiteSpec MustRepair(std::string_view text, const RepairContext& context = {}) {
    Result<SiteSpec> spec = ParseAndRepair(text, context);
    EXPECT_TRUE(spec.has_value()) << (spec ? "" : spec.error().message + " / " + spec.error().detail);
    return spec ? *spec : SiteSpec{};
}

/// A reply with one product whose JSON members are `product_members` (without braces).
std::string WithProduct(std::string_view product_members) {
    return R"({"business_name":"Sharma Kirana","sector":"grocery","products":[{"name":"Tomato",)" +
           std::string(product_members) + "}]}";
}

TEST(ParseAndRepair, AcceptsTheCanonicalFormUnchanged) {
    SiteSpec sample = SampleSpec();
    sample.categories[1].slug = "staples";  // repair gives every category a slug
    EXPECT_EQ(MustRepair(ToJson(sample).dump(2)), sample);
}

TEST(ParseAndRepair, StripsCodeFencesAndProse) {
    const std::string reply = "Sure! Here is the store spec you asked for:\n\n```json\n" + std::string(kMinimal) +
                              "\n```\n\nLet me know if you want changes. {not this}";
    EXPECT_EQ(MustRepair(reply).business_name, "Sharma Kirana");
    EXPECT_EQ(MustRepair("```\n" + std::string(kMinimal) + "\n```").products.size(), 1U);
    EXPECT_EQ(MustRepair("Here you go: " + std::string(kMinimal) + " Hope this helps!").products.size(), 1U);
}

TEST(ParseAndRepair, RemovesTrailingCommas) {
    const SiteSpec spec = MustRepair(R"({"business_name": "Sharma Kirana", "sector": "grocery",
        "features": ["Home delivery", "Cash on delivery",],
        "products": [{"name": "Tomato", "price_paise": 4000,}, ],
    })");
    EXPECT_EQ(spec.features, (std::vector<std::string>{"Home delivery", "Cash on delivery"}));
}

TEST(ParseAndRepair, KeepsCommasAndBracesInsideStrings) {
    const SiteSpec spec = MustRepair(
        R"({"business_name": "Sharma, {Kirana},]", "sector": "grocery", "products": [{"name": "Tomato", "price_paise": 4000}]})");
    EXPECT_EQ(spec.business_name, "Sharma, {Kirana},]");
}

TEST(ParseAndRepair, EscapesRawNewlinesInsideStrings) {
    const SiteSpec spec = MustRepair(
        "{\"business_name\": \"Sharma Kirana\", \"about\": \"Line one\nLine two\", \"sector\": \"grocery\", "
        "\"products\": [{\"name\": \"Tomato\", \"price_paise\": 4000}]}");
    EXPECT_EQ(spec.about, "Line one\nLine two");
}

TEST(ParseAndRepair, ConvertsPricesWrittenAsText) {
    const std::pair<std::string_view, std::int64_t> cases[] = {
        {R"("price": "₹45")", 4500},        {R"("price": "45.00")", 4500},
        {R"("price": "Rs 45")", 4500},      {R"("price": "Rs. 1,299.50")", 129950},
        {R"("price": "45/-")", 4500},       {R"("price": "₹45 per kg")", 4500},
        {R"("price_paise": "₹45")", 4500},  {R"("price_paise": "4500")", 4500},
        {R"("price_paise": 4500.0)", 4500}, {R"("price": "INR 99")", 9900},
    };
    for (const auto& [members, paise] : cases) {
        SCOPED_TRACE(std::string(members));
        const SiteSpec spec = MustRepair(WithProduct(members));
        ASSERT_EQ(spec.products.size(), 1U);
        EXPECT_EQ(spec.products[0].price.value, paise);
    }
}

TEST(ParseAndRepair, ConvertsRupeeNumbersInPriceAndMrp) {
    const SiteSpec spec = MustRepair(WithProduct(R"("price": 45, "mrp": 52.5)"));
    EXPECT_EQ(spec.products[0].price.value, 4500);
    EXPECT_EQ(spec.products[0].mrp.value, 5250);
    // price_paise wins when both are present.
    EXPECT_EQ(MustRepair(WithProduct(R"("price": 45, "price_paise": 4000)")).products[0].price.value, 4000);
    EXPECT_EQ(MustRepair(WithProduct(R"("price": 45.5)")).products[0].price.value, 4550);
}

TEST(ParseAndRepair, RejectsUnusablePrices) {
    for (std::string_view members :
         {R"("price": "-45")", R"("price": "free")", R"("price_paise": -100)", R"("price": true)", R"("name2": 1)"}) {
        SCOPED_TRACE(std::string(members));
        Result<SiteSpec> spec = ParseAndRepair(WithProduct(members), {});
        ASSERT_FALSE(spec.has_value());
        EXPECT_EQ(spec.error().code, ErrorCode::kUnprocessable);
        ASSERT_FALSE(spec.error().fields.empty());
        EXPECT_EQ(spec.error().fields[0].field, "products[0].price_paise");
    }
}

TEST(ParseAndRepair, FillsMissingOptionalFieldsFromTheSector) {
    const SiteSpec spec = MustRepair(kMinimal, Context(std::nullopt, "Jaipur"));
    const SectorProfile& grocery = ProfileFor(Sector::kGrocery);
    const Product& tomato = spec.products.at(0);
    EXPECT_EQ(tomato.mrp, tomato.price);
    EXPECT_EQ(tomato.unit, "piece");
    EXPECT_EQ(tomato.gst_rate, grocery.default_gst_rate);
    EXPECT_EQ(tomato.hsn, grocery.default_hsn);
    EXPECT_EQ(spec.theme, ThemeFrom(grocery.palettes[0]));
    ASSERT_EQ(spec.features.size(), grocery.features.size());
    EXPECT_EQ(spec.features[0], grocery.features[0].en);
    EXPECT_EQ(spec.categories.size(), 1U);
    EXPECT_EQ(tomato.category, spec.categories[0].name);
    EXPECT_EQ(spec.contact.city, "Jaipur");
    EXPECT_NE(spec.tagline.find("Jaipur"), std::string::npos);
    EXPECT_NE(spec.about.find("Sharma Kirana"), std::string::npos);
    EXPECT_EQ(spec.language, Language::kEnglish);
}

TEST(ParseAndRepair, UsesTheRequestedLanguageForDefaults) {
    const SiteSpec spec = MustRepair(kMinimal, Context(Language::kHindi, "जयपुर"));
    EXPECT_EQ(spec.language, Language::kHindi);
    EXPECT_EQ(spec.features[0], ProfileFor(Sector::kGrocery).features[0].hi);
    EXPECT_EQ(spec.categories[0].name, "सभी उत्पाद");
    EXPECT_EQ(spec.categories[0].slug, "all-products");
    EXPECT_NE(spec.tagline.find("जयपुर में"), std::string::npos);
}

TEST(ParseAndRepair, MapsUnknownSectorToGeneralOrTheHint) {
    const std::string reply =
        R"({"business_name": "X", "sector": "spaceship", "products": [{"name": "A", "price": 5}]})";
    EXPECT_EQ(MustRepair(reply).sector, Sector::kGeneral);
    EXPECT_EQ(MustRepair(reply, Context(std::nullopt, "", "", Sector::kBakery)).sector, Sector::kBakery);
    EXPECT_EQ(
        MustRepair(R"({"business_name": "X", "sector": "Jewelry", "products": [{"name": "A", "price": 5}]})").sector,
        Sector::kJewellery);
    EXPECT_EQ(MustRepair(R"({"business_name": "X", "products": [{"name": "A", "price": 5}]})").sector,
              Sector::kGeneral);
}

TEST(ParseAndRepair, AddsCategoriesThatProductsReference) {
    const SiteSpec spec = MustRepair(R"({"business_name": "Sharma Kirana", "sector": "grocery",
        "categories": ["Vegetables"],
        "products": [
          {"name": "Tomato", "price": 40, "category": "vegetables"},
          {"name": "Toor dal", "price": 150, "category": "Atta, Rice & Dal"},
          {"name": "Salt", "price": 28}
        ]})");
    ASSERT_EQ(spec.categories.size(), 2U);
    EXPECT_EQ(spec.categories[0].name, "Vegetables");
    EXPECT_EQ(spec.categories[1].name, "Atta, Rice & Dal");
    EXPECT_EQ(spec.categories[1].slug, "atta-rice-dal");
    EXPECT_EQ(spec.products[0].category, "Vegetables");  // matched case-insensitively
    EXPECT_EQ(spec.products[2].category, "Vegetables");  // uncategorised → first category
}

TEST(ParseAndRepair, FlattensProductsNestedInCategories) {
    const SiteSpec spec = MustRepair(R"({"business_name": "Gupta Bakery", "sector": "bakery",
        "categories": [{"name": "Cakes", "products": [{"name": "Black forest", "price": 450}]},
                       {"name": "Breads", "items": [{"name": "Pav", "price": 30}]}]})");
    ASSERT_EQ(spec.products.size(), 2U);
    EXPECT_EQ(spec.products[1].category, "Breads");
    const SiteSpec menu = MustRepair(R"({"business_name": "Dhaba", "sector": "restaurant",
        "menu": {"Thali": [{"name": "Veg thali", "price": 180}], "Breads": [{"name": "Roti", "price": 15}]}})");
    ASSERT_EQ(menu.products.size(), 2U);
    EXPECT_EQ(menu.products[0].unit, "plate");
}

TEST(ParseAndRepair, AcceptsMemberNameVariantsAndWrappers) {
    const SiteSpec spec = MustRepair(R"({"site_spec": {"businessName": "Verma Medical", "Sector": "pharmacy",
        "items": [{"title": "Paracetamol 650", "Price": "₹32", "MRP": "₹35", "hsnCode": "3004.90", "GST": "5%"}],
        "contactInfo": {"Phone Number": "+91 98290 12345"}}})",
                                     Context(std::nullopt, "", "Verma Medical, call 98290-12345"));
    EXPECT_EQ(spec.business_name, "Verma Medical");
    EXPECT_EQ(spec.sector, Sector::kPharmacy);
    const Product& p = spec.products.at(0);
    EXPECT_EQ(p.price.value, 3200);
    EXPECT_EQ(p.mrp.value, 3500);
    EXPECT_EQ(p.hsn, "300490");
    EXPECT_EQ(p.gst_rate, 5);
    EXPECT_EQ(spec.contact.phone, "+919829012345");
}

TEST(ParseAndRepair, RepairsGstRates) {
    const std::pair<std::string_view, int> cases[] = {
        {R"("gst_rate": 12)", 5}, {R"("gst_rate": 28)", 18},   {R"("gst_rate": 0.18)", 18},
        {R"("gst": "18 %")", 18}, {R"("gst_rate": 5.0)", 5},   {R"("gst_rate": 7)", 5},  // unknown → sector default
        {R"("gst_rate": 0)", 0},  {R"("gst_rate": "abc")", 5},
    };
    for (const auto& [members, rate] : cases) {
        SCOPED_TRACE(std::string(members));
        EXPECT_EQ(MustRepair(WithProduct(std::string(members) + R"(, "price": 40)")).products[0].gst_rate, rate);
    }
    // Apparel above ₹2,500 a piece defaults to 18%.
    const SiteSpec lehenga =
        MustRepair(R"({"business_name":"X","sector":"fashion","products":[{"name":"Lehenga","price":5999}]})");
    EXPECT_EQ(lehenga.products[0].gst_rate, 18);
}

TEST(ParseAndRepair, RepairsHsnCodes) {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {R"("hsn": 702)", "0702"},         {R"("hsn": "HSN 0702")", "0702"}, {R"("hsn": "1905.31")", "190531"},
        {R"("sac": "9963 31")", "996331"}, {R"("hsn": "12")", "2106"},       {R"("hsn": "19053")", "1905"},
    };
    for (const auto& [members, hsn] : cases) {
        SCOPED_TRACE(std::string(members));
        EXPECT_EQ(MustRepair(WithProduct(std::string(members) + R"(, "price": 40)")).products[0].hsn, hsn);
    }
}

TEST(ParseAndRepair, FixesMrpBelowPrice) {
    const Product p = MustRepair(WithProduct(R"("price": 50, "mrp": 45)")).products[0];
    EXPECT_EQ(p.price.value, 5000);
    EXPECT_EQ(p.mrp.value, 5000);
}

TEST(ParseAndRepair, NormalisesThemeColours) {
    const SiteSpec spec = MustRepair(R"({"business_name":"X","sector":"salon","products":[{"name":"Cut","price":150}],
        "theme": {"primary": "#ABC", "accent": "ff8800", "background": "light pink"}})");
    EXPECT_EQ(spec.theme.primary, "#aabbcc");
    EXPECT_EQ(spec.theme.accent, "#ff8800");
    EXPECT_EQ(spec.theme.background, ProfileFor(Sector::kSalon).palettes[0].background);
    EXPECT_EQ(spec.theme.name, ProfileFor(Sector::kSalon).palettes[0].name);
}

TEST(ParseAndRepair, DropsInventedAndPlaceholderContactDetails) {
    const std::string reply = R"({"business_name":"X","sector":"grocery","products":[{"name":"A","price":5}],
        "contact": {"phone": "9876543210", "whatsapp": "+91 94140 55555", "address": "[Your address here]",
                    "city": "N/A", "hours": "9 AM - 9 PM"}})";
    const SiteSpec spec = MustRepair(reply, Context(std::nullopt, "", "X store, Jaipur. WhatsApp 9414055555"));
    EXPECT_EQ(spec.contact.phone, "");  // the classic invented number
    EXPECT_EQ(spec.contact.whatsapp, "+919414055555");
    EXPECT_EQ(spec.contact.address, "");
    EXPECT_EQ(spec.contact.city, "");
    EXPECT_EQ(spec.contact.hours, "9 AM - 9 PM");
    // A valid-looking number that is not in the owner's sentence is invented too.
    EXPECT_EQ(MustRepair(reply, Context(std::nullopt, "", "X store, Jaipur")).contact.whatsapp, "");
}

TEST(ParseAndRepair, CutsOverlongProseAndLists) {
    json reply = json::parse(kMinimal);
    reply["about"] = std::string(3000, 'a') + " end";
    reply["tagline"] = "word " + std::string(200, 'b');
    json features = json::array();
    for (int i = 0; i < 20; ++i) {
        features.push_back("Feature " + std::to_string(i));
    }
    reply["features"] = features;
    json products = json::array();
    for (int i = 0; i < 90; ++i) {
        products.push_back({{"name", "Item " + std::to_string(i)}, {"price", 10 + i}});
    }
    reply["products"] = products;
    const SiteSpec spec = MustRepair(reply.dump());
    EXPECT_EQ(Utf8Length(spec.about), kMaxAboutChars);
    EXPECT_TRUE(spec.about.ends_with("…"));
    EXPECT_LE(Utf8Length(spec.tagline).value_or(999), kMaxTaglineChars);
    EXPECT_EQ(spec.features.size(), kMaxFeatures);
    EXPECT_EQ(spec.products.size(), kMaxProducts);
}

TEST(ParseAndRepair, FailsWithFieldsWhenRepairIsNotEnough) {
    Result<SiteSpec> spec = ParseAndRepair(R"({"sector": "grocery", "products": []})", {});
    ASSERT_FALSE(spec.has_value());
    EXPECT_EQ(spec.error().code, ErrorCode::kUnprocessable);
    std::vector<std::string> fields;
    for (const FieldError& e : spec.error().fields) {
        fields.push_back(e.field);
    }
    EXPECT_NE(std::find(fields.begin(), fields.end(), "business_name"), fields.end());
    EXPECT_NE(std::find(fields.begin(), fields.end(), "products"), fields.end());
}

TEST(ParseAndRepair, FailsOnTextWithoutJson) {
    for (std::string_view bad :
         {"", "I cannot help with that.", "{\"business_name\": ", "[1, 2, 3]", "```json\n{\"a\": }\n```"}) {
        SCOPED_TRACE(std::string(bad));
        Result<SiteSpec> spec = ParseAndRepair(bad, {});
        ASSERT_FALSE(spec.has_value());
        EXPECT_EQ(spec.error().code, ErrorCode::kUnprocessable);
    }
    EXPECT_FALSE(ParseAndRepair(std::string(300 * 1024, ' ') + std::string(kMinimal), {}).has_value());
}

TEST(ParseAndRepair, KeepsInjectedMarkupAsText) {
    const SiteSpec spec = MustRepair(R"({"business_name": "<script>alert('x')</script>", "sector": "grocery",
        "products": [{"name": "Tomato <img src=x onerror=alert(1)>", "price": 40}]})");
    EXPECT_EQ(spec.business_name, "<script>alert('x')</script>");  // the renderer escapes it
}

TEST(ExtractJsonText, ReturnsTheBalancedObject) {
    EXPECT_EQ(ExtractJsonText("x {\"a\": [1, 2,], } y {\"b\": 1}"), "{\"a\": [1, 2] }");
    EXPECT_FALSE(ExtractJsonText("no object here").has_value());
}

}  // namespace
}  // namespace webdpro::sitegen
