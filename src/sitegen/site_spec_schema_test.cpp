// Keeps docs/site-spec.schema.json, the constants in site_spec.hpp, ToJson and Validate in
// agreement: field names, required lists, enums, length and count limits, and patterns.

#include <algorithm>
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/embedded.hpp"
#include "sitegen/detail/test_fixture.hpp"
#include "sitegen/site_spec.hpp"

namespace webdpro::sitegen {
namespace {

using nlohmann::json;

const json& Schema() {
    static const json schema = [] {
        for (const EmbeddedFile& file : embedded::docs::Files()) {
            if (file.path == "site-spec.schema.json") {
                return json::parse(file.data);
            }
        }
        ADD_FAILURE() << "docs/site-spec.schema.json is not embedded";
        return json::object();
    }();
    return schema;
}

/// The schema node for a validator path such as "products[].name", with $ref to a $defs entry
/// merged in (the node's own keywords win).
json SchemaAt(std::string_view path) {
    json node = Schema();
    std::size_t pos = 0;
    while (pos < path.size()) {
        std::size_t end = path.find_first_of(".[", pos);
        const std::string member(path.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
        node = node.at("properties").at(member);
        if (end != std::string_view::npos && path[end] == '[') {
            node = node.at("items");
            end += 2;  // skip "[]"
        }
        pos = end == std::string_view::npos ? path.size() : end + (end < path.size() && path[end] == '.' ? 1 : 0);
    }
    if (node.contains("$ref")) {
        const std::string ref = node["$ref"];
        json merged = Schema().at("$defs").at(ref.substr(std::string("#/$defs/").size()));
        merged.update(node);
        merged.erase("$ref");
        return merged;
    }
    return node;
}

template <std::size_t N>
std::set<std::string> SetOf(const std::array<std::string_view, N>& names) {
    return {names.begin(), names.end()};
}

std::set<std::string> Keys(const json& object) {
    std::set<std::string> keys;
    for (const auto& [key, value] : object.items()) {
        keys.insert(key);
    }
    return keys;
}

std::set<std::string> Strings(const json& array) {
    return array.get<std::set<std::string>>();
}

/// `path` with "[]" replaced by "[0]", as Validate names a field of the first list element.
std::string FirstElement(std::string_view path) {
    std::string out(path);
    for (std::size_t at = out.find("[]"); at != std::string::npos; at = out.find("[]", at)) {
        out.replace(at, 2, "[0]");
    }
    return out;
}

/// The JSON pointer for the first element's field: "products[].name" → /products/0/name.
json::json_pointer PointerFor(std::string_view path) {
    std::string pointer = "/" + FirstElement(path);
    for (char& c : pointer) {
        if (c == '.' || c == '[') {
            c = '/';
        }
    }
    pointer.erase(std::remove(pointer.begin(), pointer.end(), ']'), pointer.end());
    return json::json_pointer(pointer);
}

bool HasErrorFor(const std::vector<FieldError>& errors, const std::string& field) {
    return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; });
}

TEST(SiteSpecSchema, IsEmbeddedAndDeclares2020_12) {
    ASSERT_TRUE(Schema().is_object());
    EXPECT_EQ(Schema().at("$schema"), "https://json-schema.org/draft/2020-12/schema");
}

TEST(SiteSpecSchema, PropertyNamesAndRequiredListsMatchTheConstants) {
    const json& top = Schema();
    EXPECT_EQ(Keys(top.at("properties")), SetOf(kSpecFields));
    std::set<std::string> required_top = SetOf(kSpecFields);
    for (std::string_view optional : kOptionalSpecFields) {
        required_top.erase(std::string(optional));
    }
    EXPECT_EQ(Strings(top.at("required")), required_top);

    const json theme = SchemaAt("theme");
    EXPECT_EQ(Keys(theme.at("properties")), SetOf(kThemeFields));
    EXPECT_EQ(Strings(theme.at("required")), SetOf(kThemeFields));

    const json category = SchemaAt("categories").at("items");
    EXPECT_EQ(Keys(category.at("properties")), SetOf(kCategoryFields));
    std::set<std::string> required_category = SetOf(kCategoryFields);
    for (std::string_view optional : kOptionalCategoryFields) {
        required_category.erase(std::string(optional));
    }
    EXPECT_EQ(Strings(category.at("required")), required_category);

    const json product = SchemaAt("products").at("items");
    EXPECT_EQ(Keys(product.at("properties")), SetOf(kProductFields));
    EXPECT_EQ(Strings(product.at("required")), SetOf(kProductFields));

    const json contact = SchemaAt("contact");
    EXPECT_EQ(Keys(contact.at("properties")), SetOf(kContactFields));
    EXPECT_EQ(Strings(contact.at("required")), SetOf(kContactFields));

    for (const json* object : {&top, &theme, &category, &product, &contact}) {
        EXPECT_EQ(object->at("additionalProperties"), false);
    }
}

TEST(SiteSpecSchema, SerializedSpecHasExactlyTheSchemaMembers) {
    SiteSpec sample = SampleSpec();
    // The optional members appear when they say something.
    EXPECT_EQ(Keys(ToJson(sample)), Strings(Schema().at("required")));
    sample.business_type = "mithai";
    sample.ordering = Ordering::kBooking;
    const json spec = ToJson(sample);
    EXPECT_EQ(Keys(spec), Keys(Schema().at("properties")));
    const Result<SiteSpec> back = FromJson(spec);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, sample);
    EXPECT_EQ(Keys(spec.at("theme")), Keys(SchemaAt("theme").at("properties")));
    EXPECT_EQ(Keys(spec.at("categories").at(0)), Keys(SchemaAt("categories").at("items").at("properties")));
    EXPECT_EQ(Keys(spec.at("categories").at(1)), Strings(SchemaAt("categories").at("items").at("required")));
    EXPECT_EQ(Keys(spec.at("products").at(0)), Keys(SchemaAt("products").at("items").at("properties")));
    EXPECT_EQ(Keys(spec.at("contact")), Keys(SchemaAt("contact").at("properties")));
}

TEST(SiteSpecSchema, OrderingEnumMatchesTheConstants) {
    std::vector<std::string> orderings;
    for (Ordering ordering : kAllOrderings) {
        orderings.emplace_back(OrderingName(ordering));
    }
    EXPECT_EQ(SchemaAt("ordering").at("enum").get<std::vector<std::string>>(), orderings);
    EXPECT_EQ(SchemaAt("business_type").at("maxLength"), kMaxBusinessTypeChars);
}

TEST(SiteSpecSchema, EnumsMatchSectorsLanguagesAndGstRates) {
    std::vector<std::string> sectors;
    for (Sector sector : kAllSectors) {
        sectors.emplace_back(SectorName(sector));
    }
    EXPECT_EQ(SchemaAt("sector").at("enum").get<std::vector<std::string>>(), sectors);

    std::vector<std::string> languages;
    for (Language language : kAllLanguages) {
        languages.emplace_back(LanguageCode(language));
    }
    EXPECT_EQ(SchemaAt("language").at("enum").get<std::vector<std::string>>(), languages);

    std::vector<int> rates;
    for (const GstRate& rate : kGstRates) {
        rates.push_back(rate.percent);
    }
    EXPECT_EQ(SchemaAt("products[].gst_rate").at("enum").get<std::vector<int>>(), rates);
}

TEST(SiteSpecSchema, TextLimitsMatchTheSchema) {
    for (const TextLimit& limit : kTextLimits) {
        SCOPED_TRACE(std::string(limit.path));
        const json node = SchemaAt(limit.path);
        EXPECT_EQ(node.at("type"), "string");
        EXPECT_EQ(node.at("minLength").get<std::size_t>(), limit.min_chars);
        EXPECT_EQ(node.at("maxLength").get<std::size_t>(), limit.max_chars);
        if (limit.path != "categories[].slug") {
            const bool allows_newline = node.at("pattern") == Schema().at("$defs").at("prose").at("pattern");
            EXPECT_EQ(allows_newline, limit.multiline);
        }
    }
}

TEST(SiteSpecSchema, CountLimitsMatchTheSchema) {
    for (const CountLimit& limit : kCountLimits) {
        SCOPED_TRACE(std::string(limit.path));
        const json node = SchemaAt(limit.path);
        EXPECT_EQ(node.at("minItems").get<std::size_t>(), limit.min_items);
        EXPECT_EQ(node.at("maxItems").get<std::size_t>(), limit.max_items);
    }
    EXPECT_EQ(SchemaAt("products[].price_paise").at("maximum").get<std::int64_t>(), kMaxPricePaise);
    EXPECT_EQ(SchemaAt("products[].mrp_paise").at("maximum").get<std::int64_t>(), kMaxPricePaise);
}

// Drives Validate from the schema: each string field at exactly maxLength code points passes,
// one more fails at that field, and (if minLength is 1) empty fails. Devanagari letters are
// three bytes each, so a byte-counting validator would fail this.
TEST(SiteSpecSchema, ValidatorEnforcesEverySchemaMaxLengthInCodePoints) {
    for (const TextLimit& limit : kTextLimits) {
        if (limit.path == "categories[].slug" || limit.path == "products[].category") {
            continue;  // ASCII pattern / must name a category: covered by their own tests
        }
        SCOPED_TRACE(std::string(limit.path));
        const std::size_t max_length = SchemaAt(limit.path).at("maxLength");
        const std::string field = FirstElement(limit.path);
        const auto validate_with = [&](const std::string& value) {
            json spec = ToJson(SampleSpec());
            spec[PointerFor(limit.path)] = value;
            Result<SiteSpec> parsed = FromJson(spec);
            EXPECT_TRUE(parsed.has_value());
            return parsed ? Validate(*parsed) : std::vector<FieldError>{};
        };
        std::string at_limit;
        for (std::size_t i = 0; i < max_length; ++i) {
            at_limit += "क";
        }
        EXPECT_FALSE(HasErrorFor(validate_with(at_limit), field));
        EXPECT_TRUE(HasErrorFor(validate_with(at_limit + "ख"), field));
        if (SchemaAt(limit.path).at("minLength") == 1) {
            EXPECT_TRUE(HasErrorFor(validate_with(""), field));
        }
    }
}

TEST(SiteSpecSchema, ValidatorEnforcesEverySchemaCountLimit) {
    for (const CountLimit& limit : kCountLimits) {
        SCOPED_TRACE(std::string(limit.path));
        const json node = SchemaAt(limit.path);
        const auto count_error = [&](std::size_t size) {
            SiteSpec spec = SampleSpec();
            const std::string path(limit.path);
            if (path == "features") {
                spec.features.clear();
                for (std::size_t i = 0; i < size; ++i) {
                    spec.features.push_back("Feature " + std::to_string(i));
                }
            } else if (path == "categories") {
                spec.categories.clear();
                spec.products.resize(std::min<std::size_t>(spec.products.size(), 1));
                for (std::size_t i = 0; i < size; ++i) {
                    spec.categories.push_back({"Category " + std::to_string(i), ""});
                }
                if (!spec.categories.empty()) {
                    spec.products[0].category = spec.categories[0].name;
                }
            } else {
                const Product model = spec.products.front();
                spec.products.clear();
                for (std::size_t i = 0; i < size; ++i) {
                    Product p = model;
                    p.name = "Item " + std::to_string(i);
                    spec.products.push_back(p);
                }
            }
            return HasErrorFor(Validate(spec), path);
        };
        const std::size_t min_items = node.at("minItems");
        const std::size_t max_items = node.at("maxItems");
        EXPECT_FALSE(count_error(min_items));
        EXPECT_FALSE(count_error(max_items));
        EXPECT_TRUE(count_error(max_items + 1));
        if (min_items > 0) {
            EXPECT_TRUE(count_error(min_items - 1));
        }
    }
}

// The schema's patterns (ECMAScript, as JSON Schema specifies) and the validator agree.
TEST(SiteSpecSchema, PatternsAgreeWithTheValidator) {
    struct Case {
        const char* path;
        const char* field;
        std::vector<std::string> values;
    };
    const std::vector<Case> cases = {
        {"products[].hsn",
         "products[0].hsn",
         {"0702", "070200", "07020000", "996331", "9963", "99633100", "99633", "070", "0702000", "12a4", "",
          "1905.31"}},
        {"theme.primary", "theme.primary", {"#2e7d32", "#2E7D32", "2e7d32", "#fff", "#2e7d3z", ""}},
        {"contact.phone",
         "contact.phone",
         {"", "+919829012345", "+915829012345", "9829012345", "+91982901234", "+91 9829012345"}},
        {"categories[].slug", "categories[0].slug", {"atta-rice", "atta--rice", "-atta", "Atta", "atta_rice", "a"}},
    };
    for (const Case& c : cases) {
        const std::regex pattern(SchemaAt(c.path).at("pattern").get<std::string>(), std::regex::ECMAScript);
        for (const std::string& value : c.values) {
            SCOPED_TRACE(std::string(c.path) + " = \"" + value + "\"");
            json spec = ToJson(SampleSpec());
            spec[PointerFor(c.path)] = value;
            Result<SiteSpec> parsed = FromJson(spec);
            ASSERT_TRUE(parsed.has_value());
            const bool schema_ok = std::regex_search(value, pattern);
            // An empty slug means "none" in the struct; the schema expresses that by omission.
            if (std::string(c.path) == "categories[].slug" && value.empty()) {
                continue;
            }
            EXPECT_EQ(schema_ok, !HasErrorFor(Validate(*parsed), c.field));
        }
    }
}

}  // namespace
}  // namespace webdpro::sitegen
