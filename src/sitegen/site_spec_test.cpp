#include "sitegen/site_spec.hpp"

#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sitegen/detail/test_fixture.hpp"
#include "sitegen/sector_profile.hpp"

namespace webdpro::sitegen {
namespace {

using nlohmann::json;

std::string MessageFor(const std::vector<FieldError>& errors, std::string_view field) {
    for (const FieldError& error : errors) {
        if (error.field == field) {
            return error.message;
        }
    }
    return {};
}

std::vector<std::string> FieldsOf(const std::vector<FieldError>& errors) {
    std::vector<std::string> fields;
    for (const FieldError& error : errors) {
        fields.push_back(error.field);
    }
    return fields;
}

TEST(Validate, AcceptsTheSample) {
    EXPECT_TRUE(Validate(SampleSpec()).empty());
}

TEST(Validate, NamesEveryBadFieldAtOnce) {
    SiteSpec spec = SampleSpec();
    spec.business_name = "   ";
    spec.theme.accent = "orange";
    spec.products[2].price = Paise(0);
    spec.products[1].mrp = Paise(100);  // below price
    spec.products[0].category = "Fruits";
    spec.products[0].gst_rate = 12;  // retired slab
    spec.products[1].hsn = "07A2";
    spec.contact.whatsapp = "12345";
    spec.categories[1].slug = "Staples!";
    const std::vector<FieldError> errors = Validate(spec);
    EXPECT_EQ(MessageFor(errors, "business_name"), "must not be empty");
    EXPECT_EQ(MessageFor(errors, "theme.accent"), "must be a lower-case colour like #1a7f37");
    EXPECT_EQ(MessageFor(errors, "products[2].price_paise"), "must be > 0");
    EXPECT_EQ(MessageFor(errors, "products[1].mrp_paise"), "must be >= price_paise");
    EXPECT_EQ(MessageFor(errors, "products[0].category"), "must be the name of one of the categories");
    EXPECT_EQ(MessageFor(errors, "products[0].gst_rate"), "must be one of 0, 3, 5, 18, 40");
    EXPECT_FALSE(MessageFor(errors, "products[1].hsn").empty());
    EXPECT_FALSE(MessageFor(errors, "contact.whatsapp").empty());
    EXPECT_FALSE(MessageFor(errors, "categories[1].slug").empty());
    EXPECT_EQ(errors.size(), 9U) << ::testing::PrintToString(FieldsOf(errors));
}

TEST(Validate, CountsHindiInCharactersNotBytes) {
    SiteSpec spec = SampleSpec();
    // 80 Devanagari code points = 240 bytes: within the 80-character limit.
    spec.business_name.clear();
    for (int i = 0; i < 80; ++i) {
        spec.business_name += "श";
    }
    EXPECT_TRUE(Validate(spec).empty());
    spec.business_name += "र";
    EXPECT_EQ(MessageFor(Validate(spec), "business_name"), "must be at most 80 characters");
}

TEST(Validate, RejectsControlCharactersButAllowsNewlinesInProse) {
    SiteSpec spec = SampleSpec();
    spec.about = "Line one\nLine two";
    spec.products[0].description = "Para one\n\nPara two";
    EXPECT_TRUE(Validate(spec).empty());
    spec.tagline = "Fresh\nveg";
    spec.products[1].name = std::string("Onion\x07");
    spec.about = std::string("Bell\x1b[31m");
    const std::vector<FieldError> errors = Validate(spec);
    EXPECT_EQ(MessageFor(errors, "tagline"), "must not contain control characters");
    EXPECT_EQ(MessageFor(errors, "products[1].name"), "must not contain control characters");
    EXPECT_EQ(MessageFor(errors, "about"), "must not contain control characters");
}

TEST(Validate, TreatsMarkupAsPlainText) {
    SiteSpec spec = SampleSpec();
    spec.tagline = "<script>alert(1)</script> Best <b>atta</b> in town";
    EXPECT_TRUE(Validate(spec).empty());
}

TEST(Validate, RejectsInvalidUtf8) {
    SiteSpec spec = SampleSpec();
    spec.products[0].description = "bad \xff byte";
    EXPECT_EQ(MessageFor(Validate(spec), "products[0].description"), "must be valid UTF-8");
}

TEST(Validate, RejectsDuplicatesAndBadCounts) {
    SiteSpec spec = SampleSpec();
    spec.categories.push_back({"vegetables", ""});
    spec.products.push_back(spec.products[0]);
    const std::vector<FieldError> errors = Validate(spec);
    EXPECT_EQ(MessageFor(errors, "categories[2].name"), "duplicates another category");
    EXPECT_EQ(MessageFor(errors, "products[3].name"), "duplicates another product with the same unit");

    SiteSpec empty = SampleSpec();
    empty.products.clear();
    empty.categories.clear();
    const std::vector<FieldError> empty_errors = Validate(empty);
    EXPECT_EQ(MessageFor(empty_errors, "products"), "must have 1 to 60 items");
    EXPECT_EQ(MessageFor(empty_errors, "categories"), "must have 1 to 12 items");
}

TEST(Validate, AcceptsSacCodesAndTheJewelleryRate) {
    SiteSpec spec = SampleSpec();
    spec.products[0].hsn = "996331";
    spec.products[1].hsn = "9988";
    spec.products[2].gst_rate = 3;
    EXPECT_TRUE(Validate(spec).empty());
    spec.products[0].hsn = "99633100";
    EXPECT_FALSE(MessageFor(Validate(spec), "products[0].hsn").empty());
}

TEST(SiteSpecJson, RoundTrips) {
    const SiteSpec spec = SampleSpec();
    const json j = ToJson(spec);
    EXPECT_EQ(j.at("products").at(0).at("price_paise"), 4000);
    EXPECT_EQ(j.at("products").at(0).at("mrp_paise"), 5000);
    EXPECT_FALSE(j.at("categories").at(1).contains("slug"));
    Result<SiteSpec> back = FromJson(j);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, spec);
    Result<SiteSpec> parsed = ParseSiteSpec(j.dump());
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, spec);
}

TEST(SiteSpecJson, StrictReadingNamesWrongTypesUnknownAndMissingMembers) {
    json j = ToJson(SampleSpec());
    j["products"][1]["price_paise"] = "45";
    j["products"][0]["colour"] = "red";
    j["contact"].erase("city");
    j["sector"] = "spaceship";
    j["features"][0] = 7;
    Result<SiteSpec> result = FromJson(j);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    const auto& errors = result.error().fields;
    EXPECT_EQ(MessageFor(errors, "products[1].price_paise"), "must be an integer");
    EXPECT_EQ(MessageFor(errors, "products[0].colour"), "is not a known field");
    EXPECT_EQ(MessageFor(errors, "contact.city"), "is required");
    EXPECT_EQ(MessageFor(errors, "sector"), "must be one of the known sectors");
    EXPECT_EQ(MessageFor(errors, "features[0]"), "must be a string");
}

TEST(SiteSpecJson, ParseSiteSpecReportsValidationErrors) {
    json j = ToJson(SampleSpec());
    j["products"][0]["price_paise"] = -5;
    Result<SiteSpec> result = ParseSiteSpec(j.dump());
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(MessageFor(result.error().fields, "products[0].price_paise"), "must be > 0");
    EXPECT_FALSE(ParseSiteSpec("{not json").has_value());
    EXPECT_FALSE(ParseSiteSpec("[]").has_value());
}

TEST(SectorNames, RoundTripAndRejectUnknown) {
    for (Sector sector : kAllSectors) {
        EXPECT_EQ(SectorFromName(SectorName(sector)), sector);
    }
    EXPECT_FALSE(SectorFromName("Grocery").has_value());
    EXPECT_EQ(LanguageFromCode("hi"), Language::kHindi);
    EXPECT_FALSE(LanguageFromCode("fr").has_value());
}

TEST(NormalizeIndianMobile, AcceptsCommonFormsAndRejectsOthers) {
    EXPECT_EQ(NormalizeIndianMobile("98290 12345"), "+919829012345");
    EXPECT_EQ(NormalizeIndianMobile("+91-98290-12345"), "+919829012345");
    EXPECT_EQ(NormalizeIndianMobile("09829012345"), "+919829012345");
    EXPECT_EQ(NormalizeIndianMobile("00919829012345"), "+919829012345");
    EXPECT_EQ(NormalizeIndianMobile("919829012345"), "+919829012345");
    EXPECT_FALSE(NormalizeIndianMobile("5829012345").has_value());    // not a mobile series
    EXPECT_FALSE(NormalizeIndianMobile("0141 2345678").has_value());  // landline
    EXPECT_FALSE(NormalizeIndianMobile("+1 9829012345").has_value());
    EXPECT_FALSE(NormalizeIndianMobile("call 9829012345").has_value());
}

TEST(SectorProfile, EveryProfileIsInEnumOrderAndProducesValidDefaults) {
    for (Sector sector : kAllSectors) {
        const SectorProfile& profile = ProfileFor(sector);
        EXPECT_EQ(profile.sector, sector);
        SiteSpec spec = SampleSpec();
        spec.sector = sector;
        for (const Palette& palette : profile.palettes) {
            spec.theme = ThemeFrom(palette);
            EXPECT_TRUE(Validate(spec).empty()) << palette.name;
        }
        for (Language language : kAllLanguages) {
            spec.language = language;
            spec.features.clear();
            for (const LocalText& feature : profile.features) {
                spec.features.emplace_back(feature.In(language));
            }
            for (const LocalText& tagline : profile.taglines) {
                spec.tagline = FillTemplate(tagline.In(language), "Sharma Kirana", "Jaipur", language);
                EXPECT_EQ(spec.tagline.find('{'), std::string::npos);
            }
            spec.about = FillTemplate(profile.about.In(language), "Sharma Kirana", "", language);
            spec.products[0].gst_rate = profile.default_gst_rate;
            spec.products[0].hsn = std::string(profile.default_hsn);
            EXPECT_TRUE(Validate(spec).empty()) << SectorName(sector) << " " << LanguageCode(language);
        }
    }
}

TEST(FillTemplate, PlacesTheCityPerLanguage) {
    EXPECT_EQ(FillTemplate("Groceries{in_city}", "X", "Jaipur", Language::kEnglish), "Groceries in Jaipur");
    EXPECT_EQ(FillTemplate("Groceries{in_city}", "X", "", Language::kEnglish), "Groceries");
    EXPECT_EQ(FillTemplate("{name} {in_city}दुकान", "शर्मा", "जयपुर", Language::kHindi), "शर्मा जयपुर में दुकान");
    EXPECT_EQ(FillTemplate("{name} {in_city}दुकान", "शर्मा", "", Language::kHindi), "शर्मा दुकान");
}

TEST(DefaultGstRate, AppliesTheApparelThreshold) {
    const SectorProfile& fashion = ProfileFor(Sector::kFashion);
    EXPECT_EQ(DefaultGstRate(fashion, Paise::FromRupees(2'500)), 5);
    EXPECT_EQ(DefaultGstRate(fashion, Paise::FromRupees(2'501)), 18);
    EXPECT_EQ(DefaultGstRate(ProfileFor(Sector::kJewellery), Paise::FromRupees(50'000)), 3);
}

}  // namespace
}  // namespace webdpro::sitegen
