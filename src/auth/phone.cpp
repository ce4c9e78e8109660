#include "auth/phone.hpp"

namespace webdpro::auth {
namespace {

constexpr std::size_t kNationalDigits = 10;

bool IsSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t';
}
bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

std::optional<PhoneNumber> PhoneNumber::Parse(std::string_view text) {
    std::string cleaned;
    cleaned.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (IsSeparator(c)) {
            continue;
        }
        // '+' only as the very first meaningful character.
        if (c == '+' && cleaned.empty()) {
            cleaned.push_back(c);
            continue;
        }
        if (!IsDigit(c)) {
            return std::nullopt;
        }
        cleaned.push_back(c);
    }
    std::string_view digits = cleaned;
    if (digits.starts_with("+")) {
        if (!digits.starts_with("+91")) {
            return std::nullopt;
        }
        digits.remove_prefix(3);
    } else if (digits.starts_with("0091")) {
        digits.remove_prefix(4);
    } else if (digits.size() == kNationalDigits + 2 && digits.starts_with("91")) {
        digits.remove_prefix(2);
    } else if (digits.size() == kNationalDigits + 1 && digits.starts_with("0")) {
        digits.remove_prefix(1);
    }
    if (digits.size() != kNationalDigits || digits.front() < '6') {
        return std::nullopt;
    }
    return PhoneNumber("+91" + std::string(digits));
}

std::string PhoneNumber::Masked() const {
    return MaskPhone(e164_);
}

std::string MaskPhone(std::string_view e164) {
    if (e164.size() < 8) {
        return std::string(e164.size(), '*');
    }
    const std::size_t country = e164.starts_with("+91") ? 3 : 1;
    const std::size_t hidden = e164.size() - country - 4;
    return std::string(e164.substr(0, country)) + std::string(hidden, '*') + std::string(e164.substr(e164.size() - 4));
}

}  // namespace webdpro::auth
