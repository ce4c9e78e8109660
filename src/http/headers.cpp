#include "http/headers.hpp"

#include <algorithm>

namespace webdpro::http {
namespace {

char Lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (Lower(a[i]) != Lower(b[i])) {
            return false;
        }
    }
    return true;
}

std::optional<std::string_view> Headers::Get(std::string_view name) const {
    for (const auto& [key, value] : fields_) {
        if (EqualsIgnoreCase(key, name)) {
            return std::string_view(value);
        }
    }
    return std::nullopt;
}

void Headers::Set(std::string_view name, std::string_view value) {
    Remove(name);
    fields_.emplace_back(std::string(name), std::string(value));
}

void Headers::SetDefault(std::string_view name, std::string_view value) {
    if (!Has(name)) {
        fields_.emplace_back(std::string(name), std::string(value));
    }
}

void Headers::Add(std::string_view name, std::string_view value) {
    fields_.emplace_back(std::string(name), std::string(value));
}

void Headers::Remove(std::string_view name) {
    std::erase_if(fields_, [&](const Field& field) { return EqualsIgnoreCase(field.first, name); });
}

}  // namespace webdpro::http
