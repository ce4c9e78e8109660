#pragma once

// Private to src/storefront: store colours made safe to use. Spec colours come from a model or an
// owner, so they are parsed strictly and nudged until text on them is readable (WCAG AA).

#include <string>
#include <string_view>

#include "sitegen/sector_profile.hpp"

namespace webdpro::storefront::detail {

struct Rgb {
    double r = 0;  ///< 0..1
    double g = 0;
    double b = 0;
};

/// "#rrggbb" → colour; `fallback` when `hex` is not exactly that form.
Rgb ParseHexOr(std::string_view hex, std::string_view fallback);
/// Lower-case "#rrggbb".
std::string ToHex(Rgb color);
/// WCAG relative luminance.
double Luminance(Rgb color);
/// WCAG contrast ratio, 1..21.
double Contrast(Rgb a, Rgb b);
/// `a` moved towards `b` by `t` (0 = a, 1 = b).
Rgb Mix(Rgb a, Rgb b, double t);
/// `color` darkened in small steps until its contrast against `against` is at least `ratio`.
Rgb DarkenUntil(Rgb color, Rgb against, double ratio);

/// The colours a rendered store uses, all "#rrggbb".
struct StoreColors {
    std::string primary;       ///< buttons and header; white text on it passes AA
    std::string primary_dark;  ///< links and prices on the page background; passes AA
    std::string accent;        ///< badges and highlights
    std::string accent_text;   ///< text on accent: near-black or white, whichever passes
    std::string background;    ///< page background; light
    std::string tint;          ///< very light primary
    std::string accent_tint;   ///< very light accent
};

/// Resolves the spec's theme colours against the sector's default palette and fixes contrast.
StoreColors ResolveColors(const sitegen::Theme& theme, const sitegen::SectorProfile& profile);

}  // namespace webdpro::storefront::detail
