#include "storefront/detail/color.hpp"

#include <gtest/gtest.h>

namespace webdpro::storefront::detail {
namespace {

constexpr double kAa = 4.5;

Rgb C(std::string_view hex) {
    return ParseHexOr(hex, "#000000");
}

TEST(Contrast, MatchesWcagReferenceValues) {
    EXPECT_NEAR(Contrast(C("#000000"), C("#ffffff")), 21.0, 1e-9);
    EXPECT_NEAR(Contrast(C("#777777"), C("#ffffff")), 4.48, 0.01);
}

TEST(ResolveColors, KeepsGoodSpecColours) {
    const auto& profile = sitegen::ProfileFor(sitegen::Sector::kGrocery);
    const auto colors = ResolveColors({"x", "#2e7d32", "#f9a825", "#f4f9f1"}, profile);
    EXPECT_EQ(colors.primary, "#2e7d32");
    EXPECT_EQ(colors.accent, "#f9a825");
    EXPECT_EQ(colors.background, "#f4f9f1");
}

TEST(ResolveColors, EveryPaletteOfEverySectorIsReadable) {
    for (auto sector : sitegen::kAllSectors) {
        const auto& profile = sitegen::ProfileFor(sector);
        for (const auto& palette : profile.palettes) {
            const auto colors = ResolveColors(sitegen::ThemeFrom(palette), profile);
            EXPECT_GE(Contrast(C(colors.primary), C("#ffffff")), kAa) << palette.name;
            EXPECT_GE(Contrast(C(colors.primary_dark), C(colors.background)), kAa) << palette.name;
            EXPECT_GE(Contrast(C(colors.primary_dark), C(colors.tint)), kAa) << palette.name;
            EXPECT_GE(Contrast(C(colors.accent), C(colors.accent_text)), kAa) << palette.name;
        }
    }
}

TEST(ResolveColors, RepairsUnreadableOrHostileColours) {
    const auto& profile = sitegen::ProfileFor(sitegen::Sector::kBakery);
    // A pale primary, a mid-grey accent, a dark background, and CSS injection attempts.
    for (const sitegen::Theme& theme : {sitegen::Theme{"x", "#ffeeaa", "#888888", "#101010"},
                                        sitegen::Theme{"x", "red;}</style><script>alert(1)</script>", "#fff", ""}}) {
        const auto colors = ResolveColors(theme, profile);
        for (const auto& hex : {colors.primary, colors.primary_dark, colors.accent, colors.accent_text,
                                colors.background, colors.tint, colors.accent_tint}) {
            EXPECT_EQ(hex.size(), 7U);
            EXPECT_EQ(hex.find_first_not_of("#0123456789abcdef"), std::string::npos) << hex;
        }
        EXPECT_GE(Contrast(C(colors.primary), C("#ffffff")), kAa);
        EXPECT_GE(Contrast(C(colors.accent), C(colors.accent_text)), kAa);
        EXPECT_GE(Luminance(C(colors.background)), 0.8);
    }
}

}  // namespace
}  // namespace webdpro::storefront::detail
