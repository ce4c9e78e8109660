#include "sitegen/site_spec.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "sitegen/text.hpp"

namespace webdpro::sitegen {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 14> kSectorNames = {
    "grocery", "restaurant", "clinic",     "fashion", "bakery",    "pharmacy",  "electronics",
    "salon",   "hardware",   "stationery", "dairy",   "jewellery", "tailoring", "general",
};

constexpr std::array<std::string_view, 2> kLanguageCodes = {"en", "hi"};

constexpr std::array<std::string_view, 3> kOrderingNames = {"cart", "booking", "enquiry"};

/// "mithai", "womens_salon": a lower-case letter, then lower-case letters, digits and '_'.
bool IsTypeId(std::string_view id) {
    if (id.empty() || id.size() > kMaxBusinessTypeChars || id.front() < 'a' || id.front() > 'z') {
        return false;
    }
    return std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

constexpr std::size_t kMaxJsonTextBytes = 512 * 1024;

const TextLimit& LimitFor(std::string_view path) {
    for (const TextLimit& limit : kTextLimits) {
        if (limit.path == path) {
            return limit;
        }
    }
    // Every caller passes a path from the table; reaching here is a programming error.
    return kTextLimits.front();
}

std::string Indexed(std::string_view list, std::size_t index, std::string_view member = {}) {
    std::string out(list);
    out += '[' + std::to_string(index) + ']';
    if (!member.empty()) {
        out += '.';
        out += member;
    }
    return out;
}

bool IsColour(std::string_view value) {
    if (value.size() != 7 || value[0] != '#') {
        return false;
    }
    return std::all_of(value.begin() + 1, value.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool IsSlug(std::string_view value) {
    if (value.empty() || value.front() == '-' || value.back() == '-' || value.find("--") != std::string_view::npos) {
        return false;
    }
    return std::all_of(value.begin(), value.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool AllDigits(std::string_view value) {
    return std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// HSN codes for goods are 4, 6 or 8 digits; SAC codes for services begin with 99 and are 4 or
/// 6 digits.
bool IsHsn(std::string_view value) {
    if (!AllDigits(value)) {
        return false;
    }
    if (value.starts_with("99")) {
        return value.size() == 4 || value.size() == 6;
    }
    return value.size() == 4 || value.size() == 6 || value.size() == 8;
}

bool IsStoredPhone(std::string_view value) {
    return value.size() == 13 && value.starts_with("+91") && value[3] >= '6' && value[3] <= '9' &&
           AllDigits(value.substr(3));
}

std::string GstRateList() {
    std::string out;
    for (const GstRate& rate : kGstRates) {
        out += (out.empty() ? "" : ", ") + std::to_string(rate.percent);
    }
    return out;
}

/// Collects field errors for Validate.
class Checker final {
public:
    explicit Checker(std::vector<FieldError>& errors) : errors_(errors) {}

    void Add(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }

    /// Checks a string against the limits registered for `limit_path`, reporting it as `field`.
    void Text(const std::string& field, std::string_view value, std::string_view limit_path) {
        const TextLimit& limit = LimitFor(limit_path);
        const std::optional<std::size_t> length = Utf8Length(value);
        if (!length) {
            Add(field, "must be valid UTF-8");
            return;
        }
        if (limit.min_chars > 0 && TrimSpace(value).empty()) {
            Add(field, "must not be empty");
            return;
        }
        if (*length > limit.max_chars) {
            Add(field, "must be at most " + std::to_string(limit.max_chars) + " characters");
        }
        std::size_t pos = 0;
        while (pos < value.size()) {
            const char32_t cp = DecodeUtf8(value, pos);
            if (IsControl(cp) && !(limit.multiline && cp == '\n')) {
                Add(field, "must not contain control characters");
                return;
            }
        }
    }

    void Count(std::string_view field, std::size_t size, std::size_t min, std::size_t max) {
        if (size < min || size > max) {
            Add(std::string(field), "must have " + std::to_string(min) + " to " + std::to_string(max) + " items");
        }
    }

    void Colour(std::string field, std::string_view value) {
        if (!IsColour(value)) {
            Add(std::move(field), "must be a lower-case colour like #1a7f37");
        }
    }

    void Phone(std::string field, std::string_view value) {
        if (!value.empty() && !IsStoredPhone(value)) {
            Add(std::move(field), "must be empty or +91 followed by a 10-digit mobile number");
        }
    }

private:
    std::vector<FieldError>& errors_;
};

// ------------------------------------------------------------------------------------------
// Strict JSON reading
// ------------------------------------------------------------------------------------------

/// Reads members of one JSON object, recording wrong types, missing and unknown members.
class ObjectReader final {
public:
    ObjectReader(const json& object, std::string prefix, std::vector<FieldError>& errors)
        : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

    bool IsObject() const { return object_.is_object(); }

    std::string Name(std::string_view member) const {
        return prefix_.empty() ? std::string(member) : prefix_ + "." + std::string(member);
    }

    const json* Member(std::string_view member, bool required = true) const {
        const auto it = object_.find(member);
        if (it == object_.end()) {
            if (required) {
                errors_.push_back({Name(member), "is required"});
            }
            return nullptr;
        }
        return &*it;
    }

    void String(std::string_view member, std::string& out, bool required = true) const {
        const json* value = Member(member, required);
        if (value == nullptr) {
            return;
        }
        if (!value->is_string()) {
            errors_.push_back({Name(member), "must be a string"});
            return;
        }
        out = value->get<std::string>();
    }

    void Integer(std::string_view member, std::int64_t& out) const {
        const json* value = Member(member);
        if (value == nullptr) {
            return;
        }
        if (!value->is_number_integer()) {
            errors_.push_back({Name(member), "must be an integer"});
            return;
        }
        out = value->is_number_unsigned() && value->get<std::uint64_t>() > INT64_MAX ? INT64_MAX
                                                                                     : value->get<std::int64_t>();
    }

    template <std::size_t N>
    void RejectUnknown(const std::array<std::string_view, N>& known) const {
        for (const auto& [key, value] : object_.items()) {
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                errors_.push_back({Name(key), "is not a known field"});
            }
        }
    }

private:
    const json& object_;
    std::string prefix_;
    std::vector<FieldError>& errors_;
};

template <class T, class ReadOne>
void ReadArray(const ObjectReader& parent, std::string_view member, std::vector<T>& out,
               std::vector<FieldError>& errors, ReadOne read_one) {
    const json* value = parent.Member(member);
    if (value == nullptr) {
        return;
    }
    if (!value->is_array()) {
        errors.push_back({parent.Name(member), "must be an array"});
        return;
    }
    out.reserve(value->size());
    for (std::size_t i = 0; i < value->size(); ++i) {
        out.push_back(read_one((*value)[i], Indexed(parent.Name(member), i)));
    }
}

}  // namespace

std::string_view SectorName(Sector sector) {
    return kSectorNames[static_cast<std::size_t>(sector)];
}

std::optional<Sector> SectorFromName(std::string_view name) {
    for (Sector sector : kAllSectors) {
        if (SectorName(sector) == name) {
            return sector;
        }
    }
    return std::nullopt;
}

std::string_view OrderingName(Ordering ordering) {
    return kOrderingNames[static_cast<std::size_t>(ordering)];
}

std::optional<Ordering> OrderingFromName(std::string_view name) {
    for (Ordering ordering : kAllOrderings) {
        if (OrderingName(ordering) == name) {
            return ordering;
        }
    }
    return std::nullopt;
}

std::string_view LanguageCode(Language language) {
    return kLanguageCodes[static_cast<std::size_t>(language)];
}

std::optional<Language> LanguageFromCode(std::string_view code) {
    for (Language language : kAllLanguages) {
        if (LanguageCode(language) == code) {
            return language;
        }
    }
    return std::nullopt;
}

bool IsAllowedGstRate(int percent) {
    return std::any_of(kGstRates.begin(), kGstRates.end(), [&](const GstRate& r) { return r.percent == percent; });
}

std::vector<FieldError> Validate(const SiteSpec& spec) {
    std::vector<FieldError> errors;
    Checker check(errors);

    check.Text("business_name", spec.business_name, "business_name");
    if (!spec.business_type.empty() && !IsTypeId(spec.business_type)) {
        check.Add("business_type", "must be lower-case letters, digits and '_', at most 40");
    }
    check.Text("tagline", spec.tagline, "tagline");
    check.Text("about", spec.about, "about");

    check.Text("theme.name", spec.theme.name, "theme.name");
    check.Colour("theme.primary", spec.theme.primary);
    check.Colour("theme.accent", spec.theme.accent);
    check.Colour("theme.background", spec.theme.background);

    check.Count("features", spec.features.size(), 0, kMaxFeatures);
    for (std::size_t i = 0; i < spec.features.size(); ++i) {
        check.Text(Indexed("features", i), spec.features[i], "features[]");
    }

    check.Count("categories", spec.categories.size(), kMinCategories, kMaxCategories);
    std::set<std::string> category_names;
    std::set<std::string> slugs;
    for (std::size_t i = 0; i < spec.categories.size(); ++i) {
        const Category& category = spec.categories[i];
        check.Text(Indexed("categories", i, "name"), category.name, "categories[].name");
        if (!category_names.insert(AsciiLower(category.name)).second) {
            check.Add(Indexed("categories", i, "name"), "duplicates another category");
        }
        if (category.slug.empty()) {
            continue;
        }
        if (category.slug.size() > kMaxSlugChars || !IsSlug(category.slug)) {
            check.Add(Indexed("categories", i, "slug"),
                      "must be lower-case letters, digits and single hyphens, at most " +
                          std::to_string(kMaxSlugChars) + " characters");
        } else if (!slugs.insert(category.slug).second) {
            check.Add(Indexed("categories", i, "slug"), "duplicates another category's slug");
        }
    }

    check.Count("products", spec.products.size(), kMinProducts, kMaxProducts);
    std::set<std::pair<std::string, std::string>> product_keys;
    for (std::size_t i = 0; i < spec.products.size(); ++i) {
        const Product& product = spec.products[i];
        const auto field = [&](std::string_view member) { return Indexed("products", i, member); };
        check.Text(field("name"), product.name, "products[].name");
        check.Text(field("description"), product.description, "products[].description");
        check.Text(field("unit"), product.unit, "products[].unit");
        if (!product_keys.insert({AsciiLower(product.name), AsciiLower(product.unit)}).second) {
            check.Add(field("name"), "duplicates another product with the same unit");
        }
        if (product.price.value <= 0) {
            check.Add(field("price_paise"), "must be > 0");
        } else if (product.price.value > kMaxPricePaise) {
            check.Add(field("price_paise"), "must be at most " + std::to_string(kMaxPricePaise));
        }
        if (product.mrp < product.price) {
            check.Add(field("mrp_paise"), "must be >= price_paise");
        } else if (product.mrp.value > kMaxPricePaise) {
            check.Add(field("mrp_paise"), "must be at most " + std::to_string(kMaxPricePaise));
        }
        const bool known_category = std::any_of(spec.categories.begin(), spec.categories.end(),
                                                [&](const Category& c) { return c.name == product.category; });
        if (!known_category) {
            check.Add(field("category"), "must be the name of one of the categories");
        }
        if (!IsAllowedGstRate(product.gst_rate)) {
            check.Add(field("gst_rate"), "must be one of " + GstRateList());
        }
        if (!IsHsn(product.hsn)) {
            check.Add(field("hsn"), "must be a 4, 6 or 8 digit HSN code, or a 4 or 6 digit SAC code starting 99");
        }
    }

    check.Phone("contact.phone", spec.contact.phone);
    check.Phone("contact.whatsapp", spec.contact.whatsapp);
    check.Text("contact.address", spec.contact.address, "contact.address");
    check.Text("contact.city", spec.contact.city, "contact.city");
    check.Text("contact.hours", spec.contact.hours, "contact.hours");
    return errors;
}

nlohmann::json ToJson(const SiteSpec& spec) {
    json categories = json::array();
    for (const Category& category : spec.categories) {
        json c = {{"name", category.name}};
        if (!category.slug.empty()) {
            c["slug"] = category.slug;
        }
        categories.push_back(std::move(c));
    }
    json products = json::array();
    for (const Product& p : spec.products) {
        products.push_back({
            {"name", p.name},
            {"description", p.description},
            {"price_paise", p.price.value},
            {"mrp_paise", p.mrp.value},
            {"unit", p.unit},
            {"category", p.category},
            {"gst_rate", p.gst_rate},
            {"hsn", p.hsn},
        });
    }
    json out = {
        {"business_name", spec.business_name},
        {"sector", SectorName(spec.sector)},
        {"language", LanguageCode(spec.language)},
        {"tagline", spec.tagline},
        {"about", spec.about},
        {"theme",
         {{"name", spec.theme.name},
          {"primary", spec.theme.primary},
          {"accent", spec.theme.accent},
          {"background", spec.theme.background}}},
        {"features", spec.features},
        {"categories", std::move(categories)},
        {"products", std::move(products)},
        {"contact",
         {{"phone", spec.contact.phone},
          {"whatsapp", spec.contact.whatsapp},
          {"address", spec.contact.address},
          {"city", spec.contact.city},
          {"hours", spec.contact.hours}}},
    };
    // Optional members appear only when they say something, so older specs read back unchanged.
    if (!spec.business_type.empty()) {
        out["business_type"] = spec.business_type;
    }
    if (spec.ordering != Ordering::kCart) {
        out["ordering"] = OrderingName(spec.ordering);
    }
    return out;
}

Result<SiteSpec> FromJson(const nlohmann::json& root) {
    std::vector<FieldError> errors;
    SiteSpec spec;
    if (!root.is_object()) {
        return Fail(ApiError::Invalid("spec", "must be a JSON object"));
    }
    const ObjectReader top(root, "", errors);
    top.RejectUnknown(kSpecFields);
    top.String("business_name", spec.business_name);
    top.String("tagline", spec.tagline);
    top.String("about", spec.about);

    std::string sector;
    top.String("sector", sector);
    if (const json* value = top.Member("sector", false); value != nullptr && value->is_string()) {
        if (auto parsed = SectorFromName(sector)) {
            spec.sector = *parsed;
        } else {
            errors.push_back({"sector", "must be one of the known sectors"});
        }
    }
    top.String("business_type", spec.business_type, false);
    if (const json* value = top.Member("ordering", false); value != nullptr) {
        std::string ordering;
        top.String("ordering", ordering, false);
        if (value->is_string()) {
            if (auto parsed = OrderingFromName(ordering)) {
                spec.ordering = *parsed;
            } else {
                errors.push_back({"ordering", "must be \"cart\", \"booking\" or \"enquiry\""});
            }
        }
    }
    std::string language;
    top.String("language", language);
    if (const json* value = top.Member("language", false); value != nullptr && value->is_string()) {
        if (auto parsed = LanguageFromCode(language)) {
            spec.language = *parsed;
        } else {
            errors.push_back({"language", "must be \"en\" or \"hi\""});
        }
    }

    if (const json* theme = top.Member("theme"); theme != nullptr) {
        const ObjectReader reader(*theme, "theme", errors);
        if (!reader.IsObject()) {
            errors.push_back({"theme", "must be an object"});
        } else {
            reader.RejectUnknown(kThemeFields);
            reader.String("name", spec.theme.name);
            reader.String("primary", spec.theme.primary);
            reader.String("accent", spec.theme.accent);
            reader.String("background", spec.theme.background);
        }
    }

    ReadArray(top, "features", spec.features, errors, [&](const json& item, const std::string& name) {
        if (!item.is_string()) {
            errors.push_back({name, "must be a string"});
            return std::string();
        }
        return item.get<std::string>();
    });

    ReadArray(top, "categories", spec.categories, errors, [&](const json& item, const std::string& name) {
        Category category;
        const ObjectReader reader(item, name, errors);
        if (!reader.IsObject()) {
            errors.push_back({name, "must be an object"});
            return category;
        }
        reader.RejectUnknown(kCategoryFields);
        reader.String("name", category.name);
        reader.String("slug", category.slug, false);
        return category;
    });

    ReadArray(top, "products", spec.products, errors, [&](const json& item, const std::string& name) {
        Product product;
        const ObjectReader reader(item, name, errors);
        if (!reader.IsObject()) {
            errors.push_back({name, "must be an object"});
            return product;
        }
        reader.RejectUnknown(kProductFields);
        reader.String("name", product.name);
        reader.String("description", product.description);
        reader.Integer("price_paise", product.price.value);
        reader.Integer("mrp_paise", product.mrp.value);
        reader.String("unit", product.unit);
        reader.String("category", product.category);
        std::int64_t gst = 0;
        reader.Integer("gst_rate", gst);
        product.gst_rate = static_cast<int>(std::clamp<std::int64_t>(gst, -1, 100));
        reader.String("hsn", product.hsn);
        return product;
    });

    if (const json* contact = top.Member("contact"); contact != nullptr) {
        const ObjectReader reader(*contact, "contact", errors);
        if (!reader.IsObject()) {
            errors.push_back({"contact", "must be an object"});
        } else {
            reader.RejectUnknown(kContactFields);
            reader.String("phone", spec.contact.phone);
            reader.String("whatsapp", spec.contact.whatsapp);
            reader.String("address", spec.contact.address);
            reader.String("city", spec.contact.city);
            reader.String("hours", spec.contact.hours);
        }
    }

    if (!errors.empty()) {
        ApiError error(ErrorCode::kInvalidArgument, "The store spec has invalid fields.");
        error.fields = std::move(errors);
        return Fail(std::move(error));
    }
    return spec;
}

Result<SiteSpec> ParseSiteSpec(std::string_view json_text) {
    if (json_text.size() > kMaxJsonTextBytes) {
        return Fail(ErrorCode::kPayloadTooLarge, "The store spec is too large.");
    }
    const json root = json::parse(json_text, nullptr, false);
    if (root.is_discarded()) {
        return Fail(ApiError::Invalid("spec", "must be valid JSON"));
    }
    Result<SiteSpec> spec = FromJson(root);
    if (!spec) {
        return spec;
    }
    std::vector<FieldError> errors = Validate(*spec);
    if (!errors.empty()) {
        ApiError error(ErrorCode::kInvalidArgument, "The store spec has invalid fields.");
        error.fields = std::move(errors);
        return Fail(std::move(error));
    }
    return spec;
}

std::optional<std::string> NormalizeIndianMobile(std::string_view text) {
    std::string digits;
    bool plus = false;
    for (char c : TrimSpace(text)) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        } else if (c == '+' && digits.empty() && !plus) {
            plus = true;
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
            return std::nullopt;
        }
    }
    std::string_view rest = digits;
    if (rest.size() == 14 && rest.starts_with("0091")) {
        rest.remove_prefix(4);
    } else if (rest.size() == 12 && rest.starts_with("91")) {
        rest.remove_prefix(2);
    } else if (rest.size() == 11 && rest.starts_with("0") && !plus) {
        rest.remove_prefix(1);
    } else if (plus) {
        return std::nullopt;  // a '+' must introduce +91
    }
    if (rest.size() != 10 || rest[0] < '6' || rest[0] > '9') {
        return std::nullopt;
    }
    return "+91" + std::string(rest);
}

}  // namespace webdpro::sitegen
