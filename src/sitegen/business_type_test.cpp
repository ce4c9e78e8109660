// The business-type data files: every one parses and is complete, enough of them exist, and
// the loader rejects a malformed file with the file and field named.

#include "sitegen/business_type.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

namespace webdpro::sitegen {
namespace {

constexpr std::size_t kMinTypes = 50;
constexpr std::size_t kMinItems = 6;

bool AllAscii(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

TEST(BusinessTypes, AtLeastFiftyParseAndTheNeutralOneExists) {
    EXPECT_GE(BusinessTypes().size(), kMinTypes);
    const BusinessType* neutral = FindBusinessType(kNeutralBusinessType);
    ASSERT_NE(neutral, nullptr);
    EXPECT_EQ(neutral->sector, Sector::kGeneral);
    EXPECT_EQ(FindBusinessType("no_such_type"), nullptr);
}

TEST(BusinessTypes, EachHasACatalogCopyAndHonestData) {
    for (const BusinessType& type : BusinessTypes()) {
        SCOPED_TRACE(type.id);
        EXPECT_GE(type.items.size(), kMinItems);
        EXPECT_GE(type.taglines.size(), 2U);
        EXPECT_GE(type.abouts.size(), 2U);
        EXPECT_GE(type.features.size(), 3U);
        std::set<std::string> names;
        std::set<std::string> used_categories;
        for (const TypeItem& item : type.items) {
            EXPECT_TRUE(names.insert(item.name.en).second) << "duplicate " << item.name.en;
            EXPECT_TRUE(IsAllowedGstRate(item.gst_rate)) << item.name.en;
            EXPECT_TRUE(item.hsn.size() == 4 || item.hsn.size() == 6 || item.hsn.size() == 8) << item.name.en;
            EXPECT_FALSE(AllAscii(item.name.hi)) << item.name.en << " has no Hindi name";
            EXPECT_FALSE(AllAscii(item.unit.hi)) << item.name.en << " has no Hindi unit";
            used_categories.insert(item.category);
        }
        for (const TypeCategory& category : type.categories) {
            EXPECT_TRUE(used_categories.contains(category.slug)) << "empty category " << category.slug;
            EXPECT_FALSE(AllAscii(category.name.hi)) << category.slug;
        }
        for (const BilingualText& text : type.taglines) {
            EXPECT_LE(text.en.size(), kMaxTaglineChars) << text.en;
            EXPECT_FALSE(AllAscii(text.hi)) << text.en;
        }
        // Services take bookings or enquiries, never a cart of "consultations".
        if (type.sector == Sector::kClinic || type.sector == Sector::kSalon || type.sector == Sector::kTailoring) {
            EXPECT_NE(type.ordering, Ordering::kCart);
        }
    }
}

TEST(BusinessTypes, MalformedFilesAreRejectedNamingTheField) {
    const auto message = [](std::string_view text) {
        try {
            ParseBusinessType("broken.toml", text);
        } catch (const std::runtime_error& e) {
            return std::string(e.what());
        }
        return std::string("parsed");
    };
    EXPECT_NE(message("id = ").find("broken.toml"), std::string::npos);
    EXPECT_NE(message("id = \"x\"\nsector = \"moon\"").find("sector"), std::string::npos);
    const std::string base =
        "id = \"x\"\nsector = \"general\"\nname = [\"a\", \"अ\"]\nordering = \"cart\"\n"
        "fallback_name = [\"a\", \"अ\"]\ncity_fallback_name = [\"a\", \"अ\"]\nkeywords = [[\"x\", 3]]\n"
        "categories = [[\"c\", \"C\", \"सी\"]]\ntaglines = [[\"t\", \"त\"]]\nabout = [[\"t\", \"त\"]]\n"
        "features = [[\"t\", \"त\"]]\n";
    EXPECT_EQ(message(base + "items = [[\"A\", \"अ\", 10, \"kg\", \"किलो\", \"c\", 5, \"1234\", \"a\"]]"), "parsed");
    EXPECT_NE(message(base + "items = [[\"A\", \"अ\", 10, \"kg\", \"किलो\", \"c\", 12, \"1234\", \"a\"]]").find("gst"),
              std::string::npos);
    EXPECT_NE(
        message(base + "items = [[\"A\", \"अ\", 10, \"kg\", \"किलो\", \"zz\", 5, \"1234\", \"a\"]]").find("category"),
        std::string::npos);
    EXPECT_NE(message(base + "items = [[\"A\", \"अ\", 0, \"kg\", \"किलो\", \"c\", 5, \"1234\", \"a\"]]").find("price"),
              std::string::npos);
    EXPECT_NE(message(base.substr(0, base.find("ordering")) + "ordering = \"basket\"\n").find("ordering"),
              std::string::npos);
}

}  // namespace
}  // namespace webdpro::sitegen
