#include "storefront/detail/art.hpp"

#include <gtest/gtest.h>

namespace webdpro::storefront::detail {
namespace {

using sitegen::Sector;

StoreColors Colors() {
    const auto& profile = sitegen::ProfileFor(Sector::kGrocery);
    return ResolveColors(sitegen::ThemeFrom(profile.palettes[0]), profile);
}

TEST(MotifFor, PicksMotifsFromEnglishHinglishAndHindiWords) {
    EXPECT_EQ(MotifFor("Basmati Rice", Sector::kGrocery).name, "sack");
    EXPECT_EQ(MotifFor("Amul Doodh 1L", Sector::kGrocery).name, "bottle");
    EXPECT_EQ(MotifFor("ताज़ा दूध", Sector::kDairy).name, "bottle");
    EXPECT_EQ(MotifFor("Chocolate Cake", Sector::kGeneral).name, "cake");
    EXPECT_EQ(MotifFor("Gel pens (pack of 5)", Sector::kGeneral).name, "pencil");
}

TEST(MotifFor, MatchesAtWordStartsOnlyAndFallsBackToTheSector) {
    EXPECT_EQ(MotifFor("Open box", Sector::kHardware).name, "wrench");  // "pen" inside "Open"
    EXPECT_EQ(MotifFor("Something new", Sector::kClinic).name, "cross");
    EXPECT_EQ(MotifFor("", Sector::kJewellery).name, "diamond");
}

TEST(ProductArt, IsSmallDeterministicAndEscapesItsText) {
    const auto colors = Colors();
    const std::string a = ProductArt(MotifFor("Tomato", Sector::kGrocery), "<", colors, 42);
    EXPECT_EQ(a, ProductArt(MotifFor("Tomato", Sector::kGrocery), "<", colors, 42));
    EXPECT_LT(a.size(), 1024U);
    EXPECT_NE(a.find("&lt;"), std::string::npos);
    EXPECT_EQ(a.find("><</"), std::string::npos);
    EXPECT_TRUE(a.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

TEST(ProductArt, SeedsVaryTheComposition) {
    const auto colors = Colors();
    const auto& motif = SectorMotif(Sector::kGrocery);
    EXPECT_NE(ProductArt(motif, "A", colors, 0), ProductArt(motif, "A", colors, 1));
}

TEST(HeroAndIcons, StayWellUnderTheirBudgets) {
    const auto colors = Colors();
    for (auto sector : sitegen::kAllSectors) {
        EXPECT_LT(HeroArt(SectorMotif(sector), colors).size(), 2048U);
        EXPECT_LT(CategoryArt(SectorMotif(sector), colors).size(), 1024U);
    }
    EXPECT_LT(IconArt("श", colors, false).size(), 1024U);
    EXPECT_NE(IconArt("&", colors, true).find("&amp;"), std::string::npos);
}

}  // namespace
}  // namespace webdpro::storefront::detail
