#include "stores/store_rules.hpp"

#include <algorithm>
#include <vector>

#include "sitegen/text.hpp"

namespace webdpro::stores {

bool PlanAllowsCustomDomain(std::string_view plan) {
    return plan == "PRO" || plan == "ENTERPRISE";
}

int StoreLimitForPlan(std::string_view plan) {
    if (plan == "ENTERPRISE") {
        return 100;
    }
    if (plan == "PRO") {
        return 20;
    }
    return 3;
}

Result<std::string> NormalizeCustomDomain(std::string_view host) {
    auto invalid = [] {
        return Fail(ApiError::Invalid("domain",
                                      "Enter a domain name such as shop.example.com, without http:// "
                                      "or a path."));
    };
    std::string name = sitegen::AsciiLower(sitegen::TrimSpace(host));
    if (!name.empty() && name.back() == '.') {
        name.pop_back();
    }
    if (name.empty() || name.size() > 253) {
        return invalid();
    }
    std::vector<std::string_view> labels;
    std::string_view rest = name;
    while (true) {
        const auto dot = rest.find('.');
        labels.push_back(rest.substr(0, dot));
        if (dot == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(dot + 1);
    }
    if (labels.size() < 2) {
        return invalid();
    }
    for (std::string_view label : labels) {
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
            return invalid();
        }
        if (!std::all_of(label.begin(), label.end(),
                         [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; })) {
            return invalid();
        }
    }
    const std::string_view tld = labels.back();
    if (std::all_of(tld.begin(), tld.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return invalid();
    }
    return name;
}

}  // namespace webdpro::stores
