#pragma once

// Private to src/ai: the starter catalog of each sector.

#include <cstdint>
#include <span>
#include <string_view>

#include "sitegen/sector_profile.hpp"
#include "sitegen/site_spec.hpp"

namespace webdpro::ai::detail {

/// A catalog section. `tags` are '|'-separated folded words that lift it when the description
/// mentions them ("fresh vegetables" lifts Vegetables to the top).
struct CatalogCategory {
    sitegen::LocalText name;
    std::string_view slug;
    std::string_view tags;
};

/// One starter product. Prices are 2026 street prices in paise; GST and HSN/SAC follow the
/// slabs in force since 22 Sep 2025 (4-digit HSN headings, as small sellers print them).
struct CatalogItem {
    sitegen::LocalText name;
    sitegen::LocalText description;
    std::int64_t price_paise;
    std::int64_t mrp_paise;  ///< 0 = same as price (no discount shown)
    sitegen::LocalText unit;
    std::uint8_t category;  ///< index into the sector's categories
    std::uint8_t gst_rate;
    std::string_view hsn;
    std::string_view tags;  ///< '|'-separated folded words that lift this item
    bool non_veg = false;   ///< dropped when the shop says it is pure vegetarian
};

struct Catalog {
    sitegen::Sector sector;
    std::span<const CatalogCategory> categories;
    std::span<const CatalogItem> items;
};

/// The starter catalog of `sector`. Data lives for the whole program.
const Catalog& CatalogFor(sitegen::Sector sector);

}  // namespace webdpro::ai::detail
