#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "sitegen/site_spec.hpp"

namespace webdpro::sitegen {

/// A string in both store languages.
struct LocalText {
    std::string_view en;
    std::string_view hi;

    /// The text in `language`.
    std::string_view In(Language language) const { return language == Language::kHindi ? hi : en; }
};

/// A named set of store colours ("#rrggbb", lower case). `primary` carries white text.
struct Palette {
    std::string_view name;
    std::string_view primary;
    std::string_view accent;
    std::string_view background;
};

/// What a sector looks and sounds like by default: colours, copy, and the GST/HSN/unit a
/// product gets when nothing better is known. Copy templates use "{name}" (business name) and
/// "{in_city}" (" in Jaipur" / ", जयपुर में", or nothing when the city is unknown).
struct SectorProfile {
    Sector sector;
    LocalText shop_noun;  ///< "kirana store" / "किराना स्टोर"
    std::array<Palette, 2> palettes;
    int default_gst_rate;
    std::string_view default_hsn;
    std::string_view default_unit;
    /// Apparel and footwear: above this price per piece the rate is gst_rate_above (0 = no rule).
    std::int64_t gst_threshold_paise;
    int gst_rate_above;
    std::array<LocalText, 2> taglines;
    LocalText about;
    std::array<LocalText, 4> features;
    LocalText fallback_name;       ///< when the description names no business and no city
    LocalText city_fallback_name;  ///< "{city} Kirana Store"
};

/// The profile of `sector`. Data lives for the whole program.
const SectorProfile& ProfileFor(Sector sector);

/// The theme for a palette.
Theme ThemeFrom(const Palette& palette);

/// Fills "{name}", "{city}" and "{in_city}" in `pattern` for `language`.
std::string FillTemplate(std::string_view pattern, std::string_view name, std::string_view city, Language language);

/// The GST rate for a product of `sector` at `price` when the model or catalog gave none.
int DefaultGstRate(const SectorProfile& profile, Paise price);

}  // namespace webdpro::sitegen
