#include "core/money.hpp"

#include <cctype>
#include <limits>

namespace webdpro {
namespace {

constexpr std::int64_t kMaxPaise = 100'000'000LL * 100;  // ₹10 crore

std::string GroupIndian(std::int64_t rupees) {
    std::string digits = std::to_string(rupees);
    if (digits.size() <= 3) {
        return digits;
    }
    std::string head = digits.substr(0, digits.size() - 3);
    std::string out;
    // Pairs from the left of the head: a leading single digit when its length is odd.
    std::size_t first = head.size() % 2 == 0 ? 2 : 1;
    out.append(head, 0, first);
    for (std::size_t i = first; i < head.size(); i += 2) {
        out.push_back(',');
        out.append(head, i, 2);
    }
    out.push_back(',');
    out.append(digits, digits.size() - 3, 3);
    return out;
}

std::string TwoDigits(std::int64_t n) {
    std::string s = std::to_string(n);
    return n < 10 ? "0" + s : s;
}

}  // namespace

std::optional<Paise> MulDiv(Paise amount, std::int64_t numerator, std::int64_t denominator, Rounding rounding) {
    if (denominator <= 0) {
        return std::nullopt;
    }
    // |amount × numerator| < 2^126: exact in 128 bits, and so is doubling it to round half up.
    __extension__ typedef __int128 Wide;
    const Wide product = static_cast<Wide>(amount.value) * numerator;
    Wide quotient = 0;
    if (rounding == Rounding::kHalfUp) {
        const Wide twice = 2 * product;
        const Wide half = static_cast<Wide>(denominator);
        quotient = (product >= 0 ? twice + half : twice - half) / (2 * static_cast<Wide>(denominator));
    } else {
        quotient = product / denominator;
    }
    if (quotient > std::numeric_limits<std::int64_t>::max() || quotient < std::numeric_limits<std::int64_t>::min()) {
        return std::nullopt;
    }
    return Paise(static_cast<std::int64_t>(quotient));
}

std::string FormatInr(Paise amount) {
    const bool negative = amount.value < 0;
    // Work in unsigned magnitude so INT64_MIN cannot overflow.
    const auto magnitude =
        negative ? 0ULL - static_cast<std::uint64_t>(amount.value) : static_cast<std::uint64_t>(amount.value);
    std::string out = negative ? "-₹" : "₹";
    out += GroupIndian(static_cast<std::int64_t>(magnitude / 100));
    out.push_back('.');
    out += TwoDigits(static_cast<std::int64_t>(magnitude % 100));
    return out;
}

std::string FormatDecimal(Paise amount) {
    const bool negative = amount.value < 0;
    const auto magnitude =
        negative ? 0ULL - static_cast<std::uint64_t>(amount.value) : static_cast<std::uint64_t>(amount.value);
    return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." +
           TwoDigits(static_cast<std::int64_t>(magnitude % 100));
}

Result<Paise> ParseRupees(std::string_view text) {
    auto invalid = [&] { return Fail(ErrorCode::kInvalidArgument, "Not a valid rupee amount.", std::string(text)); };
    // Strip currency markers and spaces around the number.
    auto strip_prefix = [&](std::string_view p) {
        if (text.starts_with(p)) {
            text.remove_prefix(p.size());
            return true;
        }
        return false;
    };
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    strip_prefix("₹") || strip_prefix("Rs.") || strip_prefix("Rs") || strip_prefix("rs.") || strip_prefix("rs") ||
        strip_prefix("INR") || strip_prefix("inr");
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    if (text.empty()) {
        return invalid();
    }
    std::int64_t rupees = 0;
    std::int64_t paise = 0;
    int decimals = -1;  // -1: before the point
    bool any_digit = false;
    for (char c : text) {
        if (c == ',' && decimals < 0) {
            continue;
        }
        if (c == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return invalid();
        }
        any_digit = true;
        if (decimals < 0) {
            rupees = rupees * 10 + (c - '0');
            if (rupees * 100 > kMaxPaise) {
                return invalid();
            }
        } else {
            if (++decimals > 2) {
                return invalid();
            }
            paise = paise * 10 + (c - '0');
        }
    }
    if (!any_digit) {
        return invalid();
    }
    if (decimals == 1) {
        paise *= 10;
    }
    const std::int64_t total = rupees * 100 + paise;
    if (total > kMaxPaise) {
        return invalid();
    }
    return Paise(total);
}

}  // namespace webdpro
