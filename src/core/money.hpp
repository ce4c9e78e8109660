#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace webdpro {

/// Money in integer paise (1 rupee = 100 paise). Floating point never touches money.
struct Paise {
    std::int64_t value = 0;

    constexpr Paise() = default;
    constexpr explicit Paise(std::int64_t v) : value(v) {}
    static constexpr Paise FromRupees(std::int64_t rupees) { return Paise(rupees * 100); }

    friend constexpr Paise operator+(Paise a, Paise b) { return Paise(a.value + b.value); }
    friend constexpr Paise operator-(Paise a, Paise b) { return Paise(a.value - b.value); }
    friend constexpr Paise operator*(Paise a, std::int64_t n) { return Paise(a.value * n); }
    constexpr Paise& operator+=(Paise o) {
        value += o.value;
        return *this;
    }
    friend constexpr auto operator<=>(Paise, Paise) = default;
};

/// "₹1,23,456.50": Indian digit grouping (last three digits, then pairs), always two decimals,
/// a leading '-' for negative amounts.
std::string FormatInr(Paise amount);

/// The amount as a plain decimal string, "299.00" (as UPI links and Razorpay receipts want).
std::string FormatDecimal(Paise amount);

/// Parses what people and models write for a price: "45", "45.5", "45.00", "₹45", "Rs. 1,234.50",
/// "INR 99". At most two decimals; negative, empty, or absurd (> ₹10 crore) amounts are errors.
Result<Paise> ParseRupees(std::string_view text);

}  // namespace webdpro
