#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "sitegen/site_spec.hpp"

namespace webdpro::builder {

/// The language a description is written in when the owner did not say: Hindi when most of its
/// letters are Devanagari, else English.
sitegen::Language DetectLanguage(std::string_view description);

/// The owner's sentence, trimmed: valid UTF-8 of 3 to 500 characters. kInvalidArgument
/// ("description") otherwise.
Result<std::string> CheckDescription(std::string description);

/// An owner's edit of a store's details (PATCH). Absent members stay as they are; for latitude
/// and longitude an inner nullopt clears the value.
struct StoreDetails {
    std::optional<std::string> business_name;
    std::optional<std::string> tagline;
    std::optional<std::string> about;
    std::optional<std::string> theme_name;  ///< bazaar | clean | classic
    std::optional<std::string> primary;     ///< "#rrggbb"
    std::optional<std::string> accent;
    std::optional<std::string> background;
    std::optional<std::string> phone;
    std::optional<std::string> whatsapp;
    std::optional<std::string> address;
    std::optional<std::string> city;
    std::optional<std::string> hours;
    std::optional<std::optional<double>> latitude;
    std::optional<std::optional<double>> longitude;
};

/// The parts of a store's copy that "Write new copy" rewrites; the rest of the spec stays.
struct CopyParts {
    bool tagline = true;
    bool about = true;
    bool features = true;
};

/// Theme names an owner may choose.
inline constexpr std::array<std::string_view, 3> kOwnerThemes = {"bazaar", "clean", "classic"};

/// Applies `details` to the store's spec and location (copies the caller passes in). Every bad
/// field is named in one kInvalidArgument, and then the caller keeps nothing.
Result<void> ApplyDetails(const StoreDetails& details, sitegen::SiteSpec& spec, std::optional<double>& latitude,
                          std::optional<double>& longitude);

}  // namespace webdpro::builder
