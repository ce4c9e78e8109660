#include "sitegen/business_type.hpp"

#include <algorithm>
#include <stdexcept>

#include <toml++/toml.h>

#include "core/embedded.hpp"

namespace webdpro::sitegen {
namespace {

constexpr std::string_view kDataSuffix = ".toml";
constexpr int kMaxKeywordWeight = 6;

[[noreturn]] void Fail(std::string_view path, std::string_view field, std::string_view reason) {
    throw std::runtime_error("business type " + std::string(path) + ": " + std::string(field) + " " +
                             std::string(reason));
}

std::string RequireString(const toml::node* node, std::string_view path, std::string_view field) {
    const auto* value = node == nullptr ? nullptr : node->as_string();
    if (value == nullptr || value->get().empty()) {
        Fail(path, field, "must be a non-empty string");
    }
    return value->get();
}

std::string OptionalString(const toml::node* node, std::string_view path, std::string_view field) {
    if (node == nullptr) {
        return {};
    }
    const auto* value = node->as_string();
    if (value == nullptr) {
        Fail(path, field, "must be a string");
    }
    return value->get();
}

std::int64_t RequireInteger(const toml::node* node, std::string_view path, std::string_view field) {
    const auto* value = node == nullptr ? nullptr : node->as_integer();
    if (value == nullptr) {
        Fail(path, field, "must be an integer");
    }
    return value->get();
}

/// { en = "...", hi = "..." } or ["en", "hi"].
BilingualText Bilingual(const toml::node* node, std::string_view path, std::string_view field) {
    if (node == nullptr) {
        Fail(path, field, "is required");
    }
    if (const auto* table = node->as_table()) {
        return {RequireString(table->get("en"), path, field), RequireString(table->get("hi"), path, field)};
    }
    if (const auto* array = node->as_array(); array != nullptr && array->size() == 2) {
        return {RequireString(array->get(0), path, field), RequireString(array->get(1), path, field)};
    }
    Fail(path, field, "must be { en, hi } or [en, hi]");
}

const toml::array& RequireArray(const toml::table& table, std::string_view key, std::string_view path) {
    const auto* array = table.get_as<toml::array>(key);
    if (array == nullptr || array->empty()) {
        Fail(path, key, "must be a non-empty array");
    }
    return *array;
}

std::vector<BilingualText> BilingualList(const toml::table& table, std::string_view key, std::string_view path) {
    std::vector<BilingualText> out;
    for (const toml::node& node : RequireArray(table, key, path)) {
        out.push_back(Bilingual(&node, path, key));
    }
    return out;
}

}  // namespace

BusinessType ParseBusinessType(std::string_view path, std::string_view toml_text) {
    toml::table table;
    try {
        table = toml::parse(toml_text, path);
    } catch (const toml::parse_error& e) {
        Fail(path, "file", std::string("does not parse: ") + std::string(e.description()));
    }
    BusinessType type;
    type.id = RequireString(table.get("id"), path, "id");
    const std::optional<Sector> sector = SectorFromName(RequireString(table.get("sector"), path, "sector"));
    if (!sector) {
        Fail(path, "sector", "must name a known sector");
    }
    type.sector = *sector;
    type.name = Bilingual(table.get("name"), path, "name");
    const std::optional<Ordering> ordering = OrderingFromName(RequireString(table.get("ordering"), path, "ordering"));
    if (!ordering) {
        Fail(path, "ordering", "must be cart, booking or enquiry");
    }
    type.ordering = *ordering;
    type.fallback_name = Bilingual(table.get("fallback_name"), path, "fallback_name");
    type.city_fallback_name = Bilingual(table.get("city_fallback_name"), path, "city_fallback_name");

    for (const toml::node& node : RequireArray(table, "keywords", path)) {
        const auto* pair = node.as_array();
        if (pair == nullptr || pair->size() != 2) {
            Fail(path, "keywords", "entries must be [pattern, weight]");
        }
        TypeKeyword keyword{RequireString(pair->get(0), path, "keywords"),
                            static_cast<int>(RequireInteger(pair->get(1), path, "keywords"))};
        if (keyword.weight < 1 || keyword.weight > kMaxKeywordWeight) {
            Fail(path, "keywords", "weights are 1 to 6");
        }
        type.keywords.push_back(std::move(keyword));
    }
    for (const toml::node& node : RequireArray(table, "categories", path)) {
        const auto* row = node.as_array();
        if (row == nullptr || row->size() != 3) {
            Fail(path, "categories", "entries must be [slug, en, hi]");
        }
        type.categories.push_back(
            {RequireString(row->get(0), path, "categories"),
             {RequireString(row->get(1), path, "categories"), RequireString(row->get(2), path, "categories")}});
    }
    // [name_en, name_hi, rupees, unit_en, unit_hi, category, gst, hsn, tags(, desc_en, desc_hi)]
    for (const toml::node& node : RequireArray(table, "items", path)) {
        const auto* row = node.as_array();
        if (row == nullptr || (row->size() != 9 && row->size() != 11)) {
            Fail(path, "items", "entries must be [en, hi, rupees, unit_en, unit_hi, category, gst, hsn, tags]");
        }
        TypeItem item;
        item.name = {RequireString(row->get(0), path, "items"), RequireString(row->get(1), path, "items")};
        const std::int64_t rupees = RequireInteger(row->get(2), path, "items");
        if (rupees <= 0 || rupees > kMaxPricePaise / 100) {
            Fail(path, "items", "price must be positive: " + item.name.en);
        }
        item.price_paise = rupees * 100;
        item.unit = {RequireString(row->get(3), path, "items"), RequireString(row->get(4), path, "items")};
        item.category = RequireString(row->get(5), path, "items");
        if (std::none_of(type.categories.begin(), type.categories.end(),
                         [&](const TypeCategory& c) { return c.slug == item.category; })) {
            Fail(path, "items", "category is not one of the type's categories: " + item.name.en);
        }
        item.gst_rate = static_cast<int>(RequireInteger(row->get(6), path, "items"));
        if (!IsAllowedGstRate(item.gst_rate)) {
            Fail(path, "items", "gst rate is not a current slab: " + item.name.en);
        }
        item.hsn = RequireString(row->get(7), path, "items");
        item.tags = RequireString(row->get(8), path, "items");
        if (row->size() == 11) {
            item.description = {OptionalString(row->get(9), path, "items"),
                                OptionalString(row->get(10), path, "items")};
        }
        type.items.push_back(std::move(item));
    }
    type.taglines = BilingualList(table, "taglines", path);
    type.abouts = BilingualList(table, "about", path);
    type.features = BilingualList(table, "features", path);
    return type;
}

std::span<const BusinessType> BusinessTypes() {
    static const std::vector<BusinessType> types = [] {
        std::vector<BusinessType> out;
        for (const EmbeddedFile& file : embedded::business_types::Files()) {
            if (file.path.ends_with(kDataSuffix)) {
                out.push_back(ParseBusinessType(file.path, file.data));
            }
        }
        std::sort(out.begin(), out.end(), [](const BusinessType& a, const BusinessType& b) { return a.id < b.id; });
        for (std::size_t i = 1; i < out.size(); ++i) {
            if (out[i].id == out[i - 1].id) {
                throw std::runtime_error("business type id used twice: " + out[i].id);
            }
        }
        return out;
    }();
    return types;
}

const BusinessType* FindBusinessType(std::string_view id) {
    const std::span<const BusinessType> types = BusinessTypes();
    const auto it = std::lower_bound(types.begin(), types.end(), id,
                                     [](const BusinessType& type, std::string_view key) { return type.id < key; });
    return it != types.end() && it->id == id ? &*it : nullptr;
}

}  // namespace webdpro::sitegen
