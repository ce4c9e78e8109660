#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace webdpro {

/// Money in integer paise (1 rupee = 100 paise). Floating point never touches money, and neither
/// does unchecked arithmetic: Paise has no + - or *; sums, differences and products of money go
/// through CheckedAdd, CheckedSub, CheckedMul, MulDiv and PaiseSum, which say when the exact result
/// does not fit in 64 bits instead of wrapping around.
struct Paise {
    std::int64_t value = 0;

    constexpr Paise() = default;
    constexpr explicit Paise(std::int64_t v) : value(v) {}
    /// For constants and amounts already bounded far below 2^63 / 100.
    static constexpr Paise FromRupees(std::int64_t rupees) { return Paise(rupees * 100); }

    friend constexpr auto operator<=>(Paise, Paise) = default;
};

/// The most one unit of a product may cost: ₹10,00,000. Catalog edits, imports and generated
/// store specs refuse more, and checkout refuses to sell a product priced above it.
inline constexpr Paise kMaxUnitPrice{100'000'000};
/// The most one order may come to, delivery included: ₹1,00,00,000 (₹1 crore).
inline constexpr Paise kMaxOrderValue{1'000'000'000};

/// a + b, or nullopt when it does not fit in 64 bits.
constexpr std::optional<Paise> CheckedAdd(Paise a, Paise b) {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a.value, b.value, &sum)) {
        return std::nullopt;
    }
    return Paise(sum);
}

/// a - b, or nullopt when it does not fit in 64 bits.
constexpr std::optional<Paise> CheckedSub(Paise a, Paise b) {
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(a.value, b.value, &difference)) {
        return std::nullopt;
    }
    return Paise(difference);
}

/// amount × n (a unit price times a quantity), or nullopt when it does not fit in 64 bits.
constexpr std::optional<Paise> CheckedMul(Paise amount, std::int64_t n) {
    std::int64_t product = 0;
    if (__builtin_mul_overflow(amount.value, n, &product)) {
        return std::nullopt;
    }
    return Paise(product);
}

enum class Rounding : std::uint8_t {
    kHalfUp,      ///< to the nearest paisa, halves away from zero
    kTowardZero,  ///< the whole paise only (what integer division does)
};

/// amount × numerator / denominator, computed exactly in 128 bits and rounded once: a share of an
/// amount (the GST contained in a price, an average, a percentage). nullopt when the denominator
/// is not positive or the result does not fit in 64 bits.
std::optional<Paise> MulDiv(Paise amount, std::int64_t numerator, std::int64_t denominator,
                            Rounding rounding = Rounding::kHalfUp);

/// A running sum of amounts that remembers an overflow: once an addition does not fit, Value() is
/// nullopt for good.
class PaiseSum {
public:
    constexpr PaiseSum& Add(Paise amount) {
        if (total_) {
            total_ = CheckedAdd(*total_, amount);
        }
        return *this;
    }
    constexpr std::optional<Paise> Value() const { return total_; }

private:
    std::optional<Paise> total_ = Paise(0);
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
