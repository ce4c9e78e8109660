#include "builder/store_details.hpp"

#include <algorithm>
#include <vector>

#include "sitegen/text.hpp"

namespace webdpro::builder {
namespace {

constexpr std::size_t kMinDescriptionChars = 3;
constexpr std::size_t kMaxDescriptionChars = 500;

bool IsHexColour(std::string_view s) {
    return s.size() == 7 && s[0] == '#' &&
           std::all_of(s.begin() + 1, s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

sitegen::Language DetectLanguage(std::string_view description) {
    std::size_t devanagari = 0;
    std::size_t latin = 0;
    std::size_t pos = 0;
    while (pos < description.size()) {
        const char32_t cp = sitegen::DecodeUtf8(description, pos);
        if (sitegen::IsDevanagari(cp)) {
            ++devanagari;
        } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
            ++latin;
        }
    }
    return devanagari > latin ? sitegen::Language::kHindi : sitegen::Language::kEnglish;
}

Result<std::string> CheckDescription(std::string description) {
    const auto length = sitegen::Utf8Length(description);
    if (!length) {
        return Fail(ApiError::Invalid("description", "The description must be valid UTF-8 text."));
    }
    std::string trimmed = sitegen::CleanProse(description);
    const std::size_t chars = sitegen::Utf8Length(trimmed).value_or(0);
    if (chars < kMinDescriptionChars || chars > kMaxDescriptionChars) {
        return Fail(ApiError::Invalid("description", "Describe your business in 3 to 500 characters."));
    }
    return trimmed;
}

Result<void> ApplyDetails(const StoreDetails& d, sitegen::SiteSpec& spec, std::optional<double>& latitude,
                          std::optional<double>& longitude) {
    std::vector<FieldError> errors;
    auto text = [](const std::optional<std::string>& v, std::string& target) {
        if (v) {
            target = *v;
        }
    };
    text(d.business_name, spec.business_name);
    text(d.tagline, spec.tagline);
    text(d.about, spec.about);
    if (d.theme_name) {
        if (std::find(kOwnerThemes.begin(), kOwnerThemes.end(), *d.theme_name) == kOwnerThemes.end()) {
            errors.push_back({"theme.name", "Choose one of the themes bazaar, clean or classic."});
        } else {
            spec.theme.name = *d.theme_name;
        }
    }
    auto colour = [&](const std::optional<std::string>& v, std::string& target, const char* field) {
        if (!v) {
            return;
        }
        const std::string lower = sitegen::AsciiLower(*v);
        if (!IsHexColour(lower)) {
            errors.push_back({field, "Give the colour as #rrggbb, for example #1a7f37."});
            return;
        }
        target = lower;
    };
    colour(d.primary, spec.theme.primary, "theme.primary");
    colour(d.accent, spec.theme.accent, "theme.accent");
    colour(d.background, spec.theme.background, "theme.background");
    auto phone = [&](const std::optional<std::string>& v, std::string& target, const char* field) {
        if (!v) {
            return;
        }
        if (sitegen::TrimSpace(*v).empty()) {
            target.clear();
            return;
        }
        auto normalized = sitegen::NormalizeIndianMobile(*v);
        if (!normalized) {
            errors.push_back({field, "Enter a 10-digit Indian mobile number."});
            return;
        }
        target = *normalized;
    };
    phone(d.phone, spec.contact.phone, "contact.phone");
    phone(d.whatsapp, spec.contact.whatsapp, "contact.whatsapp");
    text(d.address, spec.contact.address);
    text(d.city, spec.contact.city);
    text(d.hours, spec.contact.hours);
    if (d.latitude) {
        if (*d.latitude && (**d.latitude < -90.0 || **d.latitude > 90.0)) {
            errors.push_back({"latitude", "Latitude must be between -90 and 90."});
        } else {
            latitude = *d.latitude;
        }
    }
    if (d.longitude) {
        if (*d.longitude && (**d.longitude < -180.0 || **d.longitude > 180.0)) {
            errors.push_back({"longitude", "Longitude must be between -180 and 180."});
        } else {
            longitude = *d.longitude;
        }
    }
    for (auto& e : sitegen::Validate(spec)) {
        const bool already =
            std::any_of(errors.begin(), errors.end(), [&](const FieldError& x) { return x.field == e.field; });
        if (!already) {
            errors.push_back(std::move(e));
        }
    }
    if (!errors.empty()) {
        ApiError error(ErrorCode::kInvalidArgument, "Some store details are not valid.");
        error.fields = std::move(errors);
        return Fail(std::move(error));
    }
    return {};
}

}  // namespace webdpro::builder
