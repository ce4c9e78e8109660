#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.hpp"
#include "core/money.hpp"

namespace webdpro::sitegen {

// ---------------------------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------------------------

/// The kind of business; picks the catalog, palette, copy and GST defaults.
enum class Sector : std::uint8_t {
    kGrocery,
    kRestaurant,
    kClinic,
    kFashion,
    kBakery,
    kPharmacy,
    kElectronics,
    kSalon,
    kHardware,
    kStationery,
    kDairy,
    kJewellery,
    kTailoring,
    kGeneral,
};

inline constexpr std::array<Sector, 14> kAllSectors = {
    Sector::kGrocery,  Sector::kRestaurant,  Sector::kClinic,    Sector::kFashion,  Sector::kBakery,
    Sector::kPharmacy, Sector::kElectronics, Sector::kSalon,     Sector::kHardware, Sector::kStationery,
    Sector::kDairy,    Sector::kJewellery,   Sector::kTailoring, Sector::kGeneral,
};

/// The JSON name of a sector, e.g. "grocery".
std::string_view SectorName(Sector sector);
/// The sector with that exact JSON name, or nullopt.
std::optional<Sector> SectorFromName(std::string_view name);

/// How customers act on the store: put products in a cart and check out, book a visit or a
/// time slot, or ask first. Services (clinics, salons, tutors, repairs) book or enquire, on
/// WhatsApp or by phone; they have no cart.
enum class Ordering : std::uint8_t { kCart, kBooking, kEnquiry };

inline constexpr std::array<Ordering, 3> kAllOrderings = {Ordering::kCart, Ordering::kBooking, Ordering::kEnquiry};

/// "cart", "booking" or "enquiry".
std::string_view OrderingName(Ordering ordering);
/// The ordering with that exact JSON name, or nullopt.
std::optional<Ordering> OrderingFromName(std::string_view name);

/// The language of the store's copy.
enum class Language : std::uint8_t { kEnglish, kHindi };

inline constexpr std::array<Language, 2> kAllLanguages = {Language::kEnglish, Language::kHindi};

/// "en" or "hi".
std::string_view LanguageCode(Language language);
/// The language for "en" / "hi", or nullopt.
std::optional<Language> LanguageFromCode(std::string_view code);

// ---------------------------------------------------------------------------------------------
// GST rates (data, not an enum: slabs change by notification)
// ---------------------------------------------------------------------------------------------

/// A GST rate a product may carry, in whole percent.
struct GstRate {
    int percent;
    std::string_view applies_to;
};

/// Rates in force since 22 Sep 2025 (56th GST Council: 12% and 28% removed), plus the special
/// 3% on gold, silver and jewellery. A product's gst_rate must be one of these.
inline constexpr std::array<GstRate, 5> kGstRates = {{
    {0, "nil-rated or exempt: fresh produce, milk, bread, healthcare, notebooks"},
    {3, "gold, silver, jewellery"},
    {5, "merit rate: packaged food, medicines, apparel up to Rs 2,500, salons, restaurants"},
    {18, "standard rate"},
    {40, "luxury and sin goods"},
}};

/// A slab removed on 22 Sep 2025 and the slab most of its goods moved to. Used only to repair
/// model output that still quotes the old table.
struct RetiredGstRate {
    int percent;
    int usual_successor;
};

inline constexpr std::array<RetiredGstRate, 2> kRetiredGstRates = {{{12, 5}, {28, 18}}};

/// True when `percent` is in kGstRates.
bool IsAllowedGstRate(int percent);

// ---------------------------------------------------------------------------------------------
// Limits (shared with docs/site-spec.schema.json; site_spec_schema_test keeps them equal)
// ---------------------------------------------------------------------------------------------

inline constexpr std::size_t kMaxBusinessNameChars = 80;
inline constexpr std::size_t kMaxTaglineChars = 120;
inline constexpr std::size_t kMaxAboutChars = 1200;
inline constexpr std::size_t kMaxThemeNameChars = 40;
inline constexpr std::size_t kMaxFeatures = 8;
inline constexpr std::size_t kMaxFeatureChars = 60;
inline constexpr std::size_t kMinCategories = 1;
inline constexpr std::size_t kMaxCategories = 12;
inline constexpr std::size_t kMaxCategoryNameChars = 40;
inline constexpr std::size_t kMaxSlugChars = 48;
inline constexpr std::size_t kMinProducts = 1;
inline constexpr std::size_t kMaxProducts = 60;
inline constexpr std::size_t kMaxProductNameChars = 80;
inline constexpr std::size_t kMaxDescriptionChars = 300;
inline constexpr std::size_t kMaxUnitChars = 24;
inline constexpr std::size_t kMaxAddressChars = 200;
inline constexpr std::size_t kMaxCityChars = 60;
inline constexpr std::size_t kMaxHoursChars = 80;
inline constexpr std::size_t kMaxBusinessTypeChars = 40;
/// The catalog's cap on one unit (kMaxUnitPrice, ₹10,00,000): a generated product can always be
/// sold, and ten of them still make an order within kMaxOrderValue.
inline constexpr std::int64_t kMaxPricePaise = kMaxUnitPrice.value;

/// Limits of one string field. `path` names the field as the validator reports it, with "[]"
/// standing for any index: "products[].name".
struct TextLimit {
    std::string_view path;
    std::size_t min_chars;
    std::size_t max_chars;
    bool multiline;  ///< newlines allowed (prose); every other control character is rejected
};

inline constexpr std::array<TextLimit, 14> kTextLimits = {{
    {"business_name", 1, kMaxBusinessNameChars, false},
    {"tagline", 1, kMaxTaglineChars, false},
    {"about", 1, kMaxAboutChars, true},
    {"theme.name", 1, kMaxThemeNameChars, false},
    {"features[]", 1, kMaxFeatureChars, false},
    {"categories[].name", 1, kMaxCategoryNameChars, false},
    {"products[].name", 1, kMaxProductNameChars, false},
    {"products[].description", 0, kMaxDescriptionChars, true},
    {"products[].unit", 1, kMaxUnitChars, false},
    {"products[].category", 1, kMaxCategoryNameChars, false},
    {"contact.address", 0, kMaxAddressChars, false},
    {"contact.city", 0, kMaxCityChars, false},
    {"contact.hours", 0, kMaxHoursChars, false},
    {"categories[].slug", 0, kMaxSlugChars, false},
}};

/// Limits of one list field.
struct CountLimit {
    std::string_view path;
    std::size_t min_items;
    std::size_t max_items;
};

inline constexpr std::array<CountLimit, 3> kCountLimits = {{
    {"features", 0, kMaxFeatures},
    {"categories", kMinCategories, kMaxCategories},
    {"products", kMinProducts, kMaxProducts},
}};

/// JSON member names, in serialization order. Every member is required except those listed as
/// optional below.
inline constexpr std::array<std::string_view, 12> kSpecFields = {
    "business_name", "sector", "business_type", "ordering",   "language", "tagline",
    "about",         "theme",  "features",      "categories", "products", "contact",
};
inline constexpr std::array<std::string_view, 2> kOptionalSpecFields = {"business_type", "ordering"};
inline constexpr std::array<std::string_view, 4> kThemeFields = {"name", "primary", "accent", "background"};
inline constexpr std::array<std::string_view, 2> kCategoryFields = {"name", "slug"};
inline constexpr std::array<std::string_view, 1> kOptionalCategoryFields = {"slug"};
inline constexpr std::array<std::string_view, 8> kProductFields = {
    "name", "description", "price_paise", "mrp_paise", "unit", "category", "gst_rate", "hsn",
};
inline constexpr std::array<std::string_view, 5> kContactFields = {"phone", "whatsapp", "address", "city", "hours"};

// ---------------------------------------------------------------------------------------------
// The spec
// ---------------------------------------------------------------------------------------------

/// Store colours, each "#rrggbb" in lower case. `primary` carries white text (buttons, header).
struct Theme {
    std::string name;
    std::string primary;
    std::string accent;
    std::string background;
    friend bool operator==(const Theme&, const Theme&) = default;
};

/// A catalog section. `slug` is optional ("" = let the renderer derive one).
struct Category {
    std::string name;
    std::string slug;
    friend bool operator==(const Category&, const Category&) = default;
};

/// One item for sale. `category` is the name of one of the spec's categories. `gst_rate` is a
/// whole percent from kGstRates; `hsn` is the HSN (goods) or SAC (services, "99…") code.
struct Product {
    std::string name;
    std::string description;
    Paise price;
    Paise mrp;  ///< maximum retail price, ≥ price; equal when there is no discount
    std::string unit;
    std::string category;
    int gst_rate = 0;
    std::string hsn;
    friend bool operator==(const Product&, const Product&) = default;
};

/// How customers reach the shop. Empty strings are "not known"; phones are "+91" + 10 digits.
struct Contact {
    std::string phone;
    std::string whatsapp;
    std::string address;
    std::string city;
    std::string hours;
    friend bool operator==(const Contact&, const Contact&) = default;
};

/// The contract between the AI chain and the storefront renderer. Everything in it is data:
/// the renderer escapes every string, so '<' and '>' are ordinary text here.
struct SiteSpec {
    std::string business_name;
    Sector sector = Sector::kGeneral;
    /// A business type id (sitegen/business_type.hpp), "" when not known. Optional in JSON.
    std::string business_type;
    /// Cart unless the business books or takes enquiries. Optional in JSON ("cart" when absent).
    Ordering ordering = Ordering::kCart;
    Language language = Language::kEnglish;
    std::string tagline;
    std::string about;
    Theme theme;
    std::vector<std::string> features;
    std::vector<Category> categories;
    std::vector<Product> products;
    Contact contact;
    friend bool operator==(const SiteSpec&, const SiteSpec&) = default;
};

// ---------------------------------------------------------------------------------------------
// Validation and JSON
// ---------------------------------------------------------------------------------------------

/// Every problem with `spec`, each naming its field like "products[3].price_paise" (indexes
/// from 0). Empty when the spec is valid. Lengths count Unicode code points, not bytes.
std::vector<FieldError> Validate(const SiteSpec& spec);

/// The canonical JSON form (prices as integer `price_paise` / `mrp_paise`; `slug` omitted when
/// empty). Round-trips through FromJson.
nlohmann::json ToJson(const SiteSpec& spec);

/// Strict reading of the canonical form: wrong types, unknown members and missing required
/// members are kInvalidArgument errors listing every such field. Does not check limits; call
/// Validate (or use ParseSiteSpec) for that.
Result<SiteSpec> FromJson(const nlohmann::json& json);

/// Parses canonical JSON text, reads it strictly and validates it: for specs from storage or
/// an owner's edit. Errors are kInvalidArgument with every bad field. Model output goes through
/// ParseAndRepair (spec_repair.hpp) instead.
Result<SiteSpec> ParseSiteSpec(std::string_view json_text);

/// "+91" + the 10-digit mobile number in `text` after removing spaces, hyphens, dots,
/// parentheses and one +91 / 0091 / 91 / 0 prefix; nullopt when it is not an Indian mobile.
std::optional<std::string> NormalizeIndianMobile(std::string_view text);

}  // namespace webdpro::sitegen
