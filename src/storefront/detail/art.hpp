#pragma once

// Private to src/storefront: deterministic SVG art for stores without photos. Each image is a few
// shapes in the store's colours plus a line-drawn motif that fits the product or sector; the same
// input always gives the same bytes. Every text that reaches an SVG is XML-escaped here.

#include <cstdint>
#include <string>
#include <string_view>

#include "sitegen/site_spec.hpp"
#include "storefront/detail/color.hpp"

namespace webdpro::storefront::detail {

/// A line drawing on a 24×24 grid (stroke only), as SVG path data.
struct Motif {
    std::string_view name;
    std::string_view path;
};

/// The motif a keyword in `text` asks for, or nullptr.
const Motif* FindMotif(std::string_view text);

/// The motif for a product or category name ("Basmati rice" → sack, "दूध" → bottle), or the
/// sector's own motif when no keyword matches.
const Motif& MotifFor(std::string_view text, sitegen::Sector sector);

/// The sector's own motif (grocery → basket, clinic → cross, …).
const Motif& SectorMotif(sitegen::Sector sector);

/// 160×160 product tile: tinted background, a soft disc, the motif, and `initial` in a badge.
/// `seed` varies the composition between products. Well under 1 KB.
std::string ProductArt(const Motif& motif, std::string_view initial, const StoreColors& colors, std::uint64_t seed);

/// 64×64 round category icon.
std::string CategoryArt(const Motif& motif, const StoreColors& colors);

/// 240×180 hero: a small shop front with a striped awning and the sector motif in its window.
std::string HeroArt(const Motif& motif, const StoreColors& colors);

/// App / favicon icon: `initial` on the primary colour. `maskable` keeps the glyph in the safe zone
/// and fills the whole square.
std::string IconArt(std::string_view initial, const StoreColors& colors, bool maskable);

/// 64-bit FNV-1a of `text`, for seeds.
std::uint64_t Fnv1a(std::string_view text);

}  // namespace webdpro::storefront::detail
