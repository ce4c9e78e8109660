#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sitegen/site_spec.hpp"

namespace webdpro::sitegen {

/// A string in both store languages, owned.
struct BilingualText {
    std::string en;
    std::string hi;

    /// The text in `language`.
    std::string_view In(Language language) const { return language == Language::kHindi ? hi : en; }
};

/// A word or phrase that points to a business type. `pattern` is '|'-separated alternatives of
/// one or more words, '*' ending a word matches any ending; weight 1 (weak hint) to 6 (names
/// the kind of business: "halwai", "मिठाई की दुकान").
struct TypeKeyword {
    std::string pattern;
    int weight = 0;
};

/// A catalog section of a business type.
struct TypeCategory {
    std::string slug;
    BilingualText name;
};

/// A starter product: 2026 street price, GST on the slabs in force since 22 Sep 2025, 4-digit
/// HSN heading (or 6-digit SAC for services). `tags` ('|'-separated, like keywords) are the
/// ways an owner may name it.
struct TypeItem {
    BilingualText name;
    std::int64_t price_paise = 0;
    BilingualText unit;
    std::string category;  ///< slug of one of the type's categories
    int gst_rate = 0;
    std::string hsn;
    std::string tags;
    BilingualText description;  ///< may be empty
};

/// What one kind of business sells and how it talks: a data file under
/// src/sitegen/business_types/, compiled into the binary. Copy patterns may use {name},
/// {city}, {in_city} and {specials} (the products the owner named, else the first few of the
/// catalog).
struct BusinessType {
    std::string id;                    ///< "mithai", "womens_salon": the SiteSpec's business_type
    Sector sector = Sector::kGeneral;  ///< parent: palette, theme art, GST defaults
    BilingualText name;                ///< "sweet shop" / "मिठाई की दुकान"
    Ordering ordering = Ordering::kCart;
    BilingualText fallback_name;       ///< when the description names no business and no city
    BilingualText city_fallback_name;  ///< "{city} Sweets"
    std::vector<TypeKeyword> keywords;
    std::vector<TypeCategory> categories;
    std::vector<TypeItem> items;
    std::vector<BilingualText> taglines;
    std::vector<BilingualText> abouts;
    std::vector<BilingualText> features;
};

/// The id of the neutral type used when a description does not say clearly what the business is.
inline constexpr std::string_view kNeutralBusinessType = "general_store";

/// Every business type, sorted by id, parsed once from the embedded data files on first use.
/// Thread-safe. Throws std::runtime_error naming the file and field when a file is malformed (a
/// unit test parses them all, so a release binary never does).
std::span<const BusinessType> BusinessTypes();

/// The type with that id, or nullptr.
const BusinessType* FindBusinessType(std::string_view id);

/// Parses one data file (exposed for tests). Throws std::runtime_error with `path` and the field.
BusinessType ParseBusinessType(std::string_view path, std::string_view toml_text);

}  // namespace webdpro::sitegen
