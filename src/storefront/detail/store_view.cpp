#include "storefront/detail/store_view.hpp"

#include <algorithm>

#include "sitegen/text.hpp"
#include "storefront/detail/encode.hpp"

namespace webdpro::storefront::detail {

using sitegen::Sector;

/// Replaces every "{key}" in `pattern`.
std::string Fill(std::string_view pattern,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    std::string out(pattern);
    for (const auto& [key, value] : values) {
        std::string token;  // built by appends: g++ 12 -O3 misreports "{" + string as an overflow
        token.reserve(key.size() + 2);
        token += '{';
        token += key;
        token += '}';
        for (std::size_t pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos + value.size())) {
            out.replace(pos, token.size(), value);
        }
    }
    return out;
}

std::vector<std::string> Paragraphs(std::string_view prose) {
    std::vector<std::string> out;
    const std::string clean = sitegen::CleanProse(prose);
    std::size_t start = 0;
    while (start <= clean.size()) {
        const std::size_t end = std::min(clean.find('\n', start), clean.size());
        std::string line = sitegen::CleanLine(std::string_view(clean).substr(start, end - start));
        if (!line.empty()) {
            out.push_back(std::move(line));
        }
        start = end + 1;
    }
    return out;
}

/// An ASCII slug for a name in any script ("देसी टमाटर" → "desi-tamatar"); "" when it would hold no
/// letter at all (a bare "4" makes a poor URL).
std::string ReadableSlug(std::string_view name) {
    std::string slug = sitegen::Slugify(detail::TransliterateDevanagari(name), sitegen::kMaxSlugChars);
    if (std::ranges::none_of(slug, [](char c) { return c >= 'a' && c <= 'z'; })) {
        slug.clear();
    }
    return slug;
}

/// A slug unique within `used`: `base` (or `fallback` when empty), then base-2, base-3, …
std::string UniqueSlug(std::string base, std::string_view fallback, std::set<std::string>& used) {
    if (base.empty()) {
        base = std::string(fallback);
    }
    std::string slug = base;
    for (int n = 2; used.contains(slug); ++n) {
        slug = base + "-" + std::to_string(n);
    }
    used.insert(slug);
    return slug;
}

/// "₹1,250" for whole rupees, "₹12.50" otherwise: how Indian shops write prices.
std::string DisplayPrice(Paise amount) {
    std::string text = FormatInr(amount);
    if (text.ends_with(".00")) {
        text.resize(text.size() - 3);
    }
    return text;
}

/// "+91 98290 12345".
std::string DisplayPhone(std::string_view e164) {
    if (e164.size() != 13) {
        return std::string(e164);
    }
    return std::string(e164.substr(0, 3)) + " " + std::string(e164.substr(3, 5)) + " " + std::string(e164.substr(8));
}

std::string_view SchemaType(Sector sector) {
    switch (sector) {
        case Sector::kGrocery:
            return "GroceryStore";
        case Sector::kRestaurant:
            return "Restaurant";
        case Sector::kClinic:
            return "MedicalClinic";
        case Sector::kFashion:
        case Sector::kTailoring:
            return "ClothingStore";
        case Sector::kBakery:
            return "Bakery";
        case Sector::kPharmacy:
            return "Pharmacy";
        case Sector::kElectronics:
            return "ElectronicsStore";
        case Sector::kSalon:
            return "BeautySalon";
        case Sector::kHardware:
            return "HardwareStore";
        case Sector::kJewellery:
            return "JewelryStore";
        case Sector::kStationery:
        case Sector::kDairy:
        case Sector::kGeneral:
            return "Store";
    }
    return "Store";
}

bool IsPerishable(Sector sector) {
    return sector == Sector::kGrocery || sector == Sector::kRestaurant || sector == Sector::kBakery ||
           sector == Sector::kDairy;
}

bool IsServices(Sector sector) {
    return sector == Sector::kClinic || sector == Sector::kSalon || sector == Sector::kTailoring;
}

Result<Mount> CheckMount(const RenderOptions& options) {
    Mount mount;
    const std::string& base = options.base_path;
    if (!base.empty()) {
        const bool shape_ok = base.front() == '/' && base.back() == '/' && base.find("//") == std::string::npos &&
                              base.find("/./") == std::string::npos && base.find("/../") == std::string::npos;
        const bool chars_ok = std::ranges::all_of(base, [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                   c == '.' || c == '~' || c == '/';
        });
        if (!shape_ok || !chars_ok) {
            return Fail(ErrorCode::kInvalidArgument,
                        "base_path must be empty or a path that starts and ends with '/', like /s/my-shop/");
        }
        mount.base_path = base;
    }
    if (!options.canonical_root.empty()) {
        std::string root = options.canonical_root;
        if (!root.ends_with('/')) {
            root += '/';
        }
        const bool scheme_ok = root.starts_with("https://") || root.starts_with("http://");
        const bool chars_ok = std::ranges::all_of(root, [](char ch) {
            const auto c = static_cast<unsigned char>(ch);
            return c > 0x20 && c < 0x7F && c != '"' && c != '\'' && c != '<' && c != '>' && c != '\\' && c != '`' &&
                   c != '?' && c != '#';
        });
        if (!scheme_ok || !chars_ok || root.size() > 300) {
            return Fail(ErrorCode::kInvalidArgument,
                        "canonical_root must be an http(s) URL of the store's home, like https://my-shop.example.in/");
        }
        mount.root = std::move(root);
    }
    return mount;
}

/// A catalog id is plain ASCII ("prd_…"): anything else is not trusted into the page.
bool IsCartId(std::string_view id) {
    return !id.empty() && id.size() <= 64 && std::ranges::all_of(id, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

}  // namespace webdpro::storefront::detail
