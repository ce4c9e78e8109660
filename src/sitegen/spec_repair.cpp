#include "sitegen/spec_repair.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sitegen/sector_profile.hpp"
#include "sitegen/text.hpp"

namespace webdpro::sitegen {
namespace {

using nlohmann::json;
using Names = std::span<const std::string_view>;

constexpr std::size_t kMaxModelTextBytes = 256 * 1024;
constexpr std::size_t kMaxProductsRead = 200;
constexpr std::string_view kEllipsis = "…";

// Member names models use instead of the canonical ones. Lookup ignores case, '_', '-' and ' ',
// so "businessName" and "Business Name" match "business_name" without being listed.
constexpr auto kBusinessNameKeys =
    std::to_array<std::string_view>({"business_name", "name", "store_name", "shop_name", "business"});
constexpr auto kSectorKeys = std::to_array<std::string_view>({"sector", "business_type", "industry", "type"});
constexpr auto kLanguageKeys = std::to_array<std::string_view>({"language", "lang", "locale"});
constexpr auto kTaglineKeys = std::to_array<std::string_view>({"tagline", "slogan", "headline"});
constexpr auto kAboutKeys = std::to_array<std::string_view>({"about", "about_us", "about_text", "description"});
constexpr auto kThemeKeys = std::to_array<std::string_view>({"theme", "colors", "colours", "palette"});
constexpr auto kFeatureKeys = std::to_array<std::string_view>({"features", "highlights", "usps"});
constexpr auto kCategoryKeys = std::to_array<std::string_view>({"categories", "sections", "collections"});
constexpr auto kProductKeys =
    std::to_array<std::string_view>({"products", "items", "catalog", "catalogue", "menu", "services"});
constexpr auto kContactKeys = std::to_array<std::string_view>({"contact", "contact_info", "contact_details"});

constexpr auto kThemeNameKeys = std::to_array<std::string_view>({"name", "theme_name"});
constexpr auto kPrimaryKeys = std::to_array<std::string_view>({"primary", "primary_color", "primary_colour", "main"});
constexpr auto kAccentKeys =
    std::to_array<std::string_view>({"accent", "accent_color", "accent_colour", "secondary", "secondary_color"});
constexpr auto kBackgroundKeys =
    std::to_array<std::string_view>({"background", "background_color", "background_colour", "bg"});

constexpr auto kCategoryNameKeys = std::to_array<std::string_view>({"name", "title", "category"});
constexpr auto kFeatureTextKeys = std::to_array<std::string_view>({"title", "name", "text"});
constexpr auto kSlugKeys = std::to_array<std::string_view>({"slug"});
constexpr auto kNestedProductKeys = std::to_array<std::string_view>({"products", "items"});

constexpr auto kProductNameKeys =
    std::to_array<std::string_view>({"name", "title", "product_name", "item_name", "item"});
constexpr auto kDescriptionKeys = std::to_array<std::string_view>({"description", "desc", "details"});
constexpr auto kPricePaiseKeys = std::to_array<std::string_view>({"price_paise", "price_in_paise"});
constexpr auto kPriceRupeeKeys =
    std::to_array<std::string_view>({"price", "price_inr", "price_rupees", "selling_price", "sale_price", "rate"});
constexpr auto kMrpPaiseKeys = std::to_array<std::string_view>({"mrp_paise", "mrp_in_paise"});
constexpr auto kMrpRupeeKeys = std::to_array<std::string_view>(
    {"mrp", "mrp_inr", "mrp_rupees", "original_price", "list_price", "max_retail_price"});
constexpr auto kUnitKeys = std::to_array<std::string_view>({"unit", "uom", "unit_of_measure", "per", "quantity"});
constexpr auto kProductCategoryKeys = std::to_array<std::string_view>({"category", "category_name", "section"});
constexpr auto kGstKeys =
    std::to_array<std::string_view>({"gst_rate", "gst", "gst_percent", "gst_percentage", "tax_rate", "tax"});
constexpr auto kHsnKeys =
    std::to_array<std::string_view>({"hsn", "hsn_code", "sac", "sac_code", "hsn_sac", "hsn_sac_code"});

constexpr auto kPhoneKeys =
    std::to_array<std::string_view>({"phone", "mobile", "phone_number", "mobile_number", "tel"});
constexpr auto kWhatsappKeys = std::to_array<std::string_view>({"whatsapp", "whatsapp_number"});
constexpr auto kAddressKeys = std::to_array<std::string_view>({"address", "location"});
constexpr auto kCityKeys = std::to_array<std::string_view>({"city", "town"});
constexpr auto kHoursKeys = std::to_array<std::string_view>({"hours", "timings", "timing", "opening_hours"});

/// Sector words models write instead of the enum names.
struct SectorAlias {
    std::string_view word;
    Sector sector;
};
constexpr std::array<SectorAlias, 24> kSectorAliases = {{
    {"jewelry", Sector::kJewellery},  {"jewellers", Sector::kJewellery},    {"kirana", Sector::kGrocery},
    {"groceries", Sector::kGrocery},  {"supermarket", Sector::kGrocery},    {"food", Sector::kRestaurant},
    {"cafe", Sector::kRestaurant},    {"dhaba", Sector::kRestaurant},       {"medical", Sector::kPharmacy},
    {"chemist", Sector::kPharmacy},   {"medical store", Sector::kPharmacy}, {"doctor", Sector::kClinic},
    {"healthcare", Sector::kClinic},  {"boutique", Sector::kFashion},       {"clothing", Sector::kFashion},
    {"apparel", Sector::kFashion},    {"beauty", Sector::kSalon},           {"beauty parlour", Sector::kSalon},
    {"mobile", Sector::kElectronics}, {"books", Sector::kStationery},       {"milk", Sector::kDairy},
    {"tailor", Sector::kTailoring},   {"sweets", Sector::kBakery},          {"retail", Sector::kGeneral},
}};

/// Values models put where they know nothing; treated as empty.
constexpr std::array<std::string_view, 12> kPlaceholderValues = {
    "n/a", "na", "none", "null", "nil", "-", "—", "tbd", "not available", "not provided", "unknown", "to be added",
};

/// Numbers models invent for a phone they were not given.
constexpr std::array<std::string_view, 6> kPlaceholderPhones = {
    "+919876543210", "+919999999999", "+919000000000", "+919123456789", "+919898989898", "+918888888888",
};

constexpr LocalText kDefaultCategory = {"All products", "सभी उत्पाद"};

std::string NormalizedKey(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '_' || c == '-' || c == ' ') {
            continue;
        }
        out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    }
    return out;
}

/// The first member of `object` matching any of `names` (in the order of `names`), or nullptr.
const json* Find(const json& object, Names names) {
    if (!object.is_object()) {
        return nullptr;
    }
    for (std::string_view name : names) {
        if (const auto it = object.find(name); it != object.end() && !it->is_null()) {
            return &*it;
        }
    }
    for (std::string_view name : names) {
        const std::string wanted = NormalizedKey(name);
        for (const auto& [key, value] : object.items()) {
            if (!value.is_null() && NormalizedKey(key) == wanted) {
                return &value;
            }
        }
    }
    return nullptr;
}

/// A scalar as text: strings as they are, numbers in JSON notation, anything else "".
std::string Text(const json* value) {
    if (value == nullptr) {
        return {};
    }
    if (value->is_string()) {
        return value->get<std::string>();
    }
    if (value->is_number()) {
        return value->dump();
    }
    return {};
}

bool IsPlaceholder(std::string_view value) {
    const std::string lower = AsciiLower(TrimSpace(value));
    if (std::find(kPlaceholderValues.begin(), kPlaceholderValues.end(), lower) != kPlaceholderValues.end()) {
        return true;
    }
    // "[Your address here]", "XXXXXXXXXX", "<city>"
    return (lower.find('[') != std::string::npos && lower.find(']') != std::string::npos) ||
           lower.find("xxx") != std::string::npos ||
           (lower.starts_with('<') && lower.ends_with('>') && std::count(lower.begin(), lower.end(), '<') == 1 &&
            std::count(lower.begin(), lower.end(), '>') == 1);
}

/// One line of model text, cleaned and fitted; placeholders become "".
std::string Line(const json* value, std::size_t max_chars, std::string_view ellipsis = {}) {
    std::string text = CleanLine(Text(value));
    if (IsPlaceholder(text)) {
        return {};
    }
    return FitChars(text, max_chars, ellipsis);
}

std::string Prose(const json* value, std::size_t max_chars) {
    std::string text = CleanProse(Text(value));
    if (IsPlaceholder(text)) {
        return {};
    }
    return FitChars(text, max_chars, kEllipsis);
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

/// Rupees as people and models write them: "₹45", "Rs 45", "45.00", "45/-", "₹1,299 per kg".
std::optional<Paise> RupeesFromText(std::string_view text) {
    text = TrimSpace(text);
    if (text.ends_with("/-")) {
        text.remove_suffix(2);
    }
    if (auto parsed = ParseRupees(text)) {
        return *parsed;
    }
    // Fall back to the first number in the text, unless it is negative.
    const auto first = std::find_if(text.begin(), text.end(), IsDigit);
    if (first == text.end() || (first != text.begin() && *(first - 1) == '-')) {
        return std::nullopt;
    }
    auto last = std::find_if(first, text.end(), [](char c) { return !IsDigit(c) && c != ',' && c != '.'; });
    std::string_view number(&*first, static_cast<std::size_t>(last - first));
    while (!number.empty() && (number.back() == '.' || number.back() == ',')) {
        number.remove_suffix(1);
    }
    if (auto parsed = ParseRupees(number)) {
        return *parsed;
    }
    return std::nullopt;
}

/// A member meant to hold integer paise. A string with a currency sign or decimals is rupees.
std::optional<Paise> FromPaiseField(const json& value) {
    if (value.is_number_unsigned()) {
        const auto v = value.get<std::uint64_t>();
        return v <= static_cast<std::uint64_t>(kMaxPricePaise) * 10 ? std::optional(Paise(static_cast<std::int64_t>(v)))
                                                                    : std::nullopt;
    }
    if (value.is_number_integer()) {
        const auto v = value.get<std::int64_t>();
        return v >= 0 ? std::optional(Paise(v)) : std::nullopt;
    }
    if (value.is_number_float()) {
        // Only an exactly integral value is a paise count (4500.0); anything else is not money.
        const double v = value.get<double>();
        if (v >= 0 && v <= static_cast<double>(kMaxPricePaise) * 10 && std::floor(v) == v) {
            return Paise(static_cast<std::int64_t>(v));
        }
        return std::nullopt;
    }
    if (value.is_string()) {
        const std::string_view text = TrimSpace(value.get_ref<const std::string&>());
        if (!text.empty() && text.size() <= 12 && std::all_of(text.begin(), text.end(), IsDigit)) {
            return Paise(std::stoll(std::string(text)));
        }
        return RupeesFromText(text);
    }
    return std::nullopt;
}

/// A member meant to hold rupees, as a number or text. Decimal numbers go through their JSON
/// text so that no floating-point arithmetic touches the amount.
std::optional<Paise> FromRupeeField(const json& value) {
    if (value.is_number_integer()) {
        const auto v =
            value.is_number_unsigned()
                ? static_cast<std::int64_t>(std::min<std::uint64_t>(value.get<std::uint64_t>(), kMaxPricePaise))
                : value.get<std::int64_t>();
        if (v < 0 || v > kMaxPricePaise / 100) {
            return std::nullopt;
        }
        return Paise::FromRupees(v);
    }
    if (value.is_number_float() || value.is_string()) {
        return RupeesFromText(Text(&value));
    }
    return std::nullopt;
}

std::optional<Paise> ReadMoney(const json& object, Names paise_keys, Names rupee_keys) {
    if (const json* paise = Find(object, paise_keys)) {
        if (auto v = FromPaiseField(*paise)) {
            return v;
        }
    }
    if (const json* rupees = Find(object, rupee_keys)) {
        return FromRupeeField(*rupees);
    }
    return std::nullopt;
}

int ReadGstRate(const json* value, const SectorProfile& profile, Paise price) {
    std::optional<double> number;
    if (value != nullptr && value->is_number()) {
        number = value->get<double>();
    } else if (value != nullptr && value->is_string()) {
        const std::string& text = value->get_ref<const std::string&>();
        const auto first = std::find_if(text.begin(), text.end(), [](char c) { return IsDigit(c) || c == '.'; });
        if (first != text.end()) {
            number = std::strtod(&*first, nullptr);
        }
    }
    if (number && *number >= 0) {
        // 0.05 is a fraction; 5 and 5.0 are percent.
        const double percent_value = *number > 0 && *number < 1 ? *number * 100 : *number;
        int percent = static_cast<int>(std::lround(percent_value));
        for (const RetiredGstRate& retired : kRetiredGstRates) {
            if (retired.percent == percent) {
                percent = retired.usual_successor;
            }
        }
        if (std::abs(percent_value - std::round(percent_value)) < 1e-6 && IsAllowedGstRate(percent)) {
            return percent;
        }
    }
    return DefaultGstRate(profile, price);
}

std::string ReadHsn(const json* value, const SectorProfile& profile) {
    std::string digits;
    for (char c : Text(value)) {
        if (IsDigit(c)) {
            digits.push_back(c);
        }
    }
    // A JSON number loses the leading zero of chapters 01–09 (0401 → 401).
    if (value != nullptr && value->is_number_integer() && digits.size() % 2 == 1) {
        digits.insert(digits.begin(), '0');
    }
    if (digits.size() < 4) {
        return std::string(profile.default_hsn);
    }
    if (digits.starts_with("99")) {
        return digits.substr(0, digits.size() >= 6 ? 6 : 4);
    }
    return digits.substr(0, std::min<std::size_t>(8, digits.size() - digits.size() % 2));
}

std::optional<std::string> NormalizeColour(std::string_view text) {
    std::string colour = AsciiLower(TrimSpace(text));
    if (!colour.starts_with('#')) {
        colour.insert(colour.begin(), '#');
    }
    const bool hex =
        std::all_of(colour.begin() + 1, colour.end(), [](char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); });
    if (!hex) {
        return std::nullopt;
    }
    if (colour.size() == 4) {
        return std::string{'#', colour[1], colour[1], colour[2], colour[2], colour[3], colour[3]};
    }
    return colour.size() == 7 ? std::optional(colour) : std::nullopt;
}

Sector ReadSector(const json* value, const RepairContext& context) {
    const std::string word = AsciiLower(CleanLine(Text(value)));
    if (auto exact = SectorFromName(word)) {
        return *exact;
    }
    for (const SectorAlias& alias : kSectorAliases) {
        if (alias.word == word) {
            return alias.sector;
        }
    }
    return context.sector_hint.value_or(Sector::kGeneral);
}

Theme ReadTheme(const json* value, const SectorProfile& profile) {
    Theme theme = ThemeFrom(profile.palettes[0]);
    if (value == nullptr || !value->is_object()) {
        return theme;
    }
    if (std::string name = Line(Find(*value, kThemeNameKeys), kMaxThemeNameChars); !name.empty()) {
        theme.name = std::move(name);
    }
    const std::pair<Names, std::string*> colours[] = {
        {kPrimaryKeys, &theme.primary}, {kAccentKeys, &theme.accent}, {kBackgroundKeys, &theme.background}};
    for (const auto& [keys, slot] : colours) {
        if (auto colour = NormalizeColour(Text(Find(*value, keys)))) {
            *slot = std::move(*colour);
        }
    }
    return theme;
}

std::vector<std::string> ReadFeatures(const json* value, const SectorProfile& profile, Language language) {
    std::vector<std::string> raw;
    if (value != nullptr && value->is_array()) {
        for (const json& item : *value) {
            raw.push_back(item.is_object() ? Text(Find(item, kFeatureTextKeys)) : Text(&item));
        }
    } else if (value != nullptr && value->is_string()) {
        std::string current;
        for (char c : value->get_ref<const std::string&>()) {
            if (c == ',' || c == ';' || c == '|' || c == '\n') {
                raw.push_back(std::move(current));
                current.clear();
            } else {
                current.push_back(c);
            }
        }
        raw.push_back(std::move(current));
    }
    std::vector<std::string> features;
    std::set<std::string> seen;
    for (const std::string& item : raw) {
        std::string feature = CleanLine(item);
        if (feature.empty() || IsPlaceholder(feature) || !seen.insert(AsciiLower(feature)).second) {
            continue;
        }
        features.push_back(FitChars(feature, kMaxFeatureChars, kEllipsis));
        if (features.size() == kMaxFeatures) {
            break;
        }
    }
    if (features.empty()) {
        for (const LocalText& feature : profile.features) {
            features.emplace_back(feature.In(language));
        }
    }
    return features;
}

/// A phone number the model returned, if it is a real-looking Indian mobile that the owner gave.
std::string ReadPhone(const json* value, const RepairContext& context) {
    const std::optional<std::string> phone = NormalizeIndianMobile(Text(value));
    if (!phone) {
        return {};
    }
    if (std::find(kPlaceholderPhones.begin(), kPlaceholderPhones.end(), *phone) != kPlaceholderPhones.end()) {
        return {};
    }
    if (!context.description.empty()) {
        std::string digits;
        std::copy_if(context.description.begin(), context.description.end(), std::back_inserter(digits), IsDigit);
        if (digits.find(phone->substr(3)) == std::string::npos) {
            return {};
        }
    }
    return *phone;
}

Contact ReadContact(const json& root, const RepairContext& context) {
    const json* nested = Find(root, kContactKeys);
    const json& source = nested != nullptr && nested->is_object() ? *nested : root;
    Contact contact;
    contact.phone = ReadPhone(Find(source, kPhoneKeys), context);
    contact.whatsapp = ReadPhone(Find(source, kWhatsappKeys), context);
    contact.address = Line(Find(source, kAddressKeys), kMaxAddressChars);
    contact.city = Line(Find(source, kCityKeys), kMaxCityChars);
    if (contact.city.empty()) {
        contact.city = FitChars(CleanLine(context.city_hint), kMaxCityChars);
    }
    contact.hours = Line(Find(source, kHoursKeys), kMaxHoursChars);
    return contact;
}

/// Categories and products, built together: categories are deduplicated case-insensitively and
/// every category a product names exists afterwards.
class CatalogBuilder final {
public:
    CatalogBuilder(const SectorProfile& profile, Language language) : profile_(profile), language_(language) {}

    /// The canonical name of the category called `name`, adding it when new.
    std::string AddCategory(std::string_view name, std::string_view slug = {}) {
        std::string clean = FitChars(CleanLine(name), kMaxCategoryNameChars);
        if (clean.empty()) {
            return {};
        }
        const std::string key = AsciiLower(clean);
        for (const Category& category : categories_) {
            if (AsciiLower(category.name) == key) {
                return category.name;
            }
        }
        categories_.push_back({clean, Slugify(slug, kMaxSlugChars)});
        return clean;
    }

    void AddProduct(const json& item, std::string_view nested_category) {
        if (!item.is_object() || products_.size() >= kMaxProducts) {
            return;
        }
        Product product;
        product.name = Line(Find(item, kProductNameKeys), kMaxProductNameChars);
        if (product.name.empty()) {
            return;
        }
        product.description = Prose(Find(item, kDescriptionKeys), kMaxDescriptionChars);
        product.price = ReadMoney(item, kPricePaiseKeys, kPriceRupeeKeys).value_or(Paise(0));
        product.mrp = ReadMoney(item, kMrpPaiseKeys, kMrpRupeeKeys).value_or(product.price);
        if (product.mrp < product.price) {
            // A "discount" upward is a model slip; never show a fake MRP.
            product.mrp = product.price;
        }
        const json* unit = Find(item, kUnitKeys);
        product.unit = unit != nullptr && unit->is_string() ? Line(unit, kMaxUnitChars) : std::string();
        if (product.unit.empty()) {
            product.unit = std::string(profile_.default_unit);
        }
        std::string category = Line(Find(item, kProductCategoryKeys), kMaxCategoryNameChars);
        product.category = AddCategory(category.empty() ? nested_category : category);
        product.gst_rate = ReadGstRate(Find(item, kGstKeys), profile_, product.price);
        product.hsn = ReadHsn(Find(item, kHsnKeys), profile_);
        if (!seen_.insert({AsciiLower(product.name), AsciiLower(product.unit)}).second) {
            return;
        }
        products_.push_back(std::move(product));
    }

    /// Gives uncategorised products a home and every category a unique slug.
    void Finish() {
        const bool uncategorised =
            std::any_of(products_.begin(), products_.end(), [](const Product& p) { return p.category.empty(); });
        if (categories_.empty() || uncategorised) {
            const std::string fallback = categories_.empty()
                                             ? AddCategory(kDefaultCategory.In(language_), "all-products")
                                             : categories_.front().name;
            for (Product& product : products_) {
                if (product.category.empty()) {
                    product.category = fallback;
                }
            }
        }
        std::set<std::string> slugs;
        for (std::size_t i = 0; i < categories_.size(); ++i) {
            std::string& slug = categories_[i].slug;
            if (slug.empty()) {
                slug = Slugify(categories_[i].name, kMaxSlugChars);
            }
            if (slug.empty()) {
                slug = "category-" + std::to_string(i + 1);
            }
            const std::string base = slug.substr(0, kMaxSlugChars - 4);
            for (int n = 2; !slugs.insert(slug).second; ++n) {
                slug = base + "-" + std::to_string(n);
            }
        }
    }

    std::vector<Category> TakeCategories() { return std::move(categories_); }
    std::vector<Product> TakeProducts() { return std::move(products_); }

private:
    const SectorProfile& profile_;
    Language language_;
    std::vector<Category> categories_;
    std::vector<Product> products_;
    std::set<std::pair<std::string, std::string>> seen_;
};

void ReadCatalog(const json& root, CatalogBuilder& builder) {
    std::size_t budget = kMaxProductsRead;
    const auto add_products = [&](const json& list, std::string_view category) {
        if (!list.is_array()) {
            return;
        }
        for (const json& item : list) {
            if (budget-- == 0) {
                return;
            }
            builder.AddProduct(item, category);
        }
    };
    // Categories first so their order is the model's; products may be nested inside them, or the
    // whole list may be an object of category name → products.
    if (const json* categories = Find(root, kCategoryKeys)) {
        if (categories->is_array()) {
            for (const json& item : *categories) {
                if (item.is_string()) {
                    builder.AddCategory(item.get_ref<const std::string&>());
                } else if (item.is_object()) {
                    const std::string name =
                        builder.AddCategory(Text(Find(item, kCategoryNameKeys)), Text(Find(item, kSlugKeys)));
                    if (const json* nested = Find(item, kNestedProductKeys)) {
                        add_products(*nested, name);
                    }
                }
            }
        } else if (categories->is_object()) {
            for (const auto& [name, list] : categories->items()) {
                add_products(list, builder.AddCategory(name));
            }
        }
    }
    if (const json* products = Find(root, kProductKeys)) {
        if (products->is_object()) {
            for (const auto& [name, list] : products->items()) {
                add_products(list, builder.AddCategory(name));
            }
        } else {
            add_products(*products, "");
        }
    }
    builder.Finish();
}

/// The spec object inside a wrapper such as {"site_spec": {...}} or [{...}].
const json& Unwrap(const json& root) {
    const json* current = &root;
    for (int depth = 0; depth < 3; ++depth) {
        if (current->is_array() && current->size() == 1) {
            current = &(*current)[0];
            continue;
        }
        if (current->is_object() && current->size() == 1 && current->begin()->is_object() &&
            Find(*current, kProductKeys) == nullptr) {
            current = &*current->begin();
            continue;
        }
        break;
    }
    return *current;
}

SiteSpec Repair(const json& root, const RepairContext& context) {
    SiteSpec spec;
    if (context.language) {
        spec.language = *context.language;
    } else {
        spec.language =
            LanguageFromCode(AsciiLower(CleanLine(Text(Find(root, kLanguageKeys))))).value_or(Language::kEnglish);
    }
    spec.sector = ReadSector(Find(root, kSectorKeys), context);
    const SectorProfile& profile = ProfileFor(spec.sector);

    spec.business_name = Line(Find(root, kBusinessNameKeys), kMaxBusinessNameChars);
    if (spec.business_name.empty()) {
        spec.business_name = FitChars(CleanLine(context.business_name_hint), kMaxBusinessNameChars);
    }
    spec.contact = ReadContact(root, context);
    spec.theme = ReadTheme(Find(root, kThemeKeys), profile);
    spec.features = ReadFeatures(Find(root, kFeatureKeys), profile, spec.language);

    CatalogBuilder builder(profile, spec.language);
    ReadCatalog(root, builder);
    spec.categories = builder.TakeCategories();
    spec.products = builder.TakeProducts();

    spec.tagline = Line(Find(root, kTaglineKeys), kMaxTaglineChars, kEllipsis);
    if (spec.tagline.empty()) {
        spec.tagline = FitChars(
            FillTemplate(profile.taglines[0].In(spec.language), spec.business_name, spec.contact.city, spec.language),
            kMaxTaglineChars, kEllipsis);
    }
    spec.about = Prose(Find(root, kAboutKeys), kMaxAboutChars);
    if (spec.about.empty() && !spec.business_name.empty()) {
        spec.about = FitChars(
            FillTemplate(profile.about.In(spec.language), spec.business_name, spec.contact.city, spec.language),
            kMaxAboutChars, kEllipsis);
    }
    return spec;
}

}  // namespace

std::optional<std::string> ExtractJsonText(std::string_view text) {
    std::string_view body = text;
    // Prefer the first fenced block that holds an object; the fence line may name a language.
    for (std::size_t search = 0;;) {
        const std::size_t open = text.find("```", search);
        if (open == std::string_view::npos) {
            break;
        }
        const std::size_t line_end = text.find('\n', open + 3);
        if (line_end == std::string_view::npos) {
            break;
        }
        const std::size_t close = text.find("```", line_end + 1);
        const std::string_view inner =
            text.substr(line_end + 1, close == std::string_view::npos ? std::string_view::npos : close - line_end - 1);
        if (inner.find('{') != std::string_view::npos) {
            body = inner;
            break;
        }
        if (close == std::string_view::npos) {
            break;
        }
        search = close + 3;
    }
    const std::size_t start = body.find('{');
    if (start == std::string_view::npos) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(body.size() - start);
    bool in_string = false;
    bool escaped = false;
    int depth = 0;
    for (std::size_t i = start; i < body.size(); ++i) {
        const char c = body[i];
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            } else if (c == '\n') {
                out += "\\n";
                continue;
            } else if (c == '\r') {
                continue;
            } else if (c == '\t') {
                out += "\\t";
                continue;
            }
            out.push_back(c);
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            // Drop a trailing comma before the closing bracket.
            std::size_t end = out.size();
            while (end > 0 &&
                   (out[end - 1] == ' ' || out[end - 1] == '\n' || out[end - 1] == '\r' || out[end - 1] == '\t')) {
                --end;
            }
            if (end > 0 && out[end - 1] == ',') {
                out.erase(end - 1, 1);
            }
            out.push_back(c);
            if (--depth == 0) {
                break;
            }
            continue;
        }
        out.push_back(c);
    }
    return out;
}

Result<SiteSpec> ParseAndRepair(std::string_view model_text, const RepairContext& context) {
    if (model_text.size() > kMaxModelTextBytes) {
        return Fail(ErrorCode::kUnprocessable, "The model reply is too large.",
                    "model reply of " + std::to_string(model_text.size()) + " bytes");
    }
    const std::optional<std::string> text = ExtractJsonText(model_text);
    if (!text) {
        return Fail(ErrorCode::kUnprocessable, "The model reply holds no JSON object.");
    }
    const json root = json::parse(*text, nullptr, false);
    if (root.is_discarded()) {
        return Fail(ErrorCode::kUnprocessable, "The model reply is not valid JSON.", text->substr(0, 200));
    }
    const json& object = Unwrap(root);
    if (!object.is_object()) {
        return Fail(ErrorCode::kUnprocessable, "The model reply is not a JSON object.");
    }
    SiteSpec spec = Repair(object, context);
    std::vector<FieldError> errors = Validate(spec);
    if (!errors.empty()) {
        ApiError error(ErrorCode::kUnprocessable, "The model reply is not a valid store spec.",
                       std::to_string(errors.size()) + " invalid field(s), first: " + errors.front().field + " " +
                           errors.front().message);
        error.fields = std::move(errors);
        return Fail(std::move(error));
    }
    return spec;
}

}  // namespace webdpro::sitegen
