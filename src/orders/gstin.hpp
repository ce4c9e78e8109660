#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace webdpro::orders {

/// The check character of a GSTIN: Luhn mod 36 over its first 14 characters (alphabet 0-9A-Z,
/// factors 1, 2, 1, 2, … from the left, each product's base-36 digits summed). Nullopt when a
/// character is outside 0-9A-Z or there are not 14 of them.
std::optional<char> GstinCheckCharacter(std::string_view first14);

/// The State or territory of a GST state code (1–38, 97 Other Territory, 99 Centre Jurisdiction);
/// nullopt for any other code.
std::optional<std::string_view> GstStateName(int code);

/// The state code whose name matches `name` (case-insensitive), for an address that names its State.
std::optional<int> GstStateCodeByName(std::string_view name);

/// Checks a GSTIN (surrounding spaces ignored, letters upper-cased): 15 characters, a known state
/// code, a PAN (5 letters, 4 digits not all zero, 1 letter), an entity number, 'Z' and the check
/// character. Returns it normalised, or kInvalidArgument on field "gstin" saying what is wrong.
Result<std::string> ValidateGstin(std::string_view raw);

}  // namespace webdpro::orders
