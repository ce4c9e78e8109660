#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "sitegen/site_spec.hpp"

namespace webdpro::sitegen {

/// What the caller knows about the request, used to fill what a model left out.
struct RepairContext {
    /// The language the owner asked for; wins over the model's "language". Unset: the model's
    /// value, else English.
    std::optional<Language> language;
    /// Sector to use when the model's sector is missing or unknown; without a hint, kGeneral.
    std::optional<Sector> sector_hint;
    /// Used when the model gives no business name / city.
    std::string business_name_hint;
    std::string city_hint;
    /// The owner's own sentence. When set, a phone number the model returns that does not occur
    /// in it is treated as invented and dropped.
    std::string description;
};

/// The JSON object inside a model's reply: drops ``` fences and prose around the object,
/// trailing commas before '}' or ']', and escapes raw newlines and tabs inside strings. Returns
/// nullopt when the text holds no '{'. The result may still be invalid JSON.
std::optional<std::string> ExtractJsonText(std::string_view model_text);

/// Turns a model's reply into a valid SiteSpec, repairing the usual mistakes first: code fences
/// and prose, trailing commas, a wrapper object, member-name variants ("price", "hsn_code",
/// camelCase), prices as strings ("₹45", "Rs 45", "45.00", "45/-") or as rupees in `price` /
/// `mrp`, MRP missing or below price, GST as "5%" / 0.05 / a retired 12 or 28 slab, HSN with dots
/// or spaces, colours without '#' or in short form, categories as plain strings or with products
/// nested inside them, categories referenced by products but missing, unknown sector, missing
/// optional fields (unit, GST, HSN, theme, features, tagline, about, contact), over-long prose
/// and lists (cut), and invented phone numbers (dropped).
/// Errors: kUnprocessable when no JSON object can be read or the repaired spec still fails
/// Validate (the error's `fields` lists every bad field). Pure function; thread-safe.
Result<SiteSpec> ParseAndRepair(std::string_view model_text, const RepairContext& context);

}  // namespace webdpro::sitegen
