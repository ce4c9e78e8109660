#include "storefront/detail/color.hpp"

#include <algorithm>
#include <cmath>

#include "storefront/detail/encode.hpp"

namespace webdpro::storefront::detail {
namespace {

constexpr Rgb kWhite{1, 1, 1};
constexpr Rgb kBlack{0, 0, 0};
constexpr Rgb kInk{0x1b / 255.0, 0x1b / 255.0, 0x1b / 255.0};
constexpr double kAa = 4.5;
/// A little above AA so rounding to 8-bit channels can never drop below it.
constexpr double kAaMargin = 4.6;
/// Page backgrounds darker than this get lightened: body text must stay far above AA on them.
constexpr double kMinBackgroundLuminance = 0.82;

int HexDigit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return c - 'A' + 10;
}

double Channel(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace

Rgb ParseHexOr(std::string_view hex, std::string_view fallback) {
    if (!IsHexColor(hex)) {
        hex = IsHexColor(fallback) ? fallback : std::string_view("#444444");
    }
    auto byte = [&](std::size_t i) { return (HexDigit(hex[i]) * 16 + HexDigit(hex[i + 1])) / 255.0; };
    return {byte(1), byte(3), byte(5)};
}

std::string ToHex(Rgb color) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "#";
    for (double c : {color.r, color.g, color.b}) {
        const int v = static_cast<int>(std::lround(std::clamp(c, 0.0, 1.0) * 255.0));
        out += kHex[v >> 4];
        out += kHex[v & 15];
    }
    return out;
}

double Luminance(Rgb color) {
    return 0.2126 * Channel(color.r) + 0.7152 * Channel(color.g) + 0.0722 * Channel(color.b);
}

double Contrast(Rgb a, Rgb b) {
    const double la = Luminance(a);
    const double lb = Luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgb Mix(Rgb a, Rgb b, double t) {
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

Rgb DarkenUntil(Rgb color, Rgb against, double ratio) {
    for (int step = 0; step < 40 && Contrast(color, against) < ratio; ++step) {
        color = Mix(color, kBlack, 0.06);
    }
    return color;
}

StoreColors ResolveColors(const sitegen::Theme& theme, const sitegen::SectorProfile& profile) {
    const auto& fallback = profile.palettes[0];
    // A primary from the spec must be a real colour that can carry white text.
    Rgb background = ParseHexOr(theme.background, fallback.background);
    for (int step = 0; step < 20 && Luminance(background) < kMinBackgroundLuminance; ++step) {
        background = Mix(background, kWhite, 0.3);
    }
    const Rgb primary = DarkenUntil(ParseHexOr(theme.primary, fallback.primary), kWhite, kAaMargin);
    const Rgb primary_dark = DarkenUntil(Mix(primary, kBlack, 0.12), background, kAaMargin + 0.5);
    Rgb accent = ParseHexOr(theme.accent, fallback.accent);
    Rgb accent_text = kInk;
    if (Contrast(accent, kInk) < kAa) {
        if (Contrast(accent, kWhite) >= kAa) {
            accent_text = kWhite;
        } else {
            accent = DarkenUntil(accent, kWhite, kAaMargin);
            accent_text = kWhite;
        }
    }
    return StoreColors{
        .primary = ToHex(primary),
        .primary_dark = ToHex(primary_dark),
        .accent = ToHex(accent),
        .accent_text = ToHex(accent_text),
        .background = ToHex(background),
        .tint = ToHex(Mix(primary, kWhite, 0.88)),
        .accent_tint = ToHex(Mix(accent, kWhite, 0.8)),
    };
}

}  // namespace webdpro::storefront::detail
