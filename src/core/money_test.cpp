#include "core/money.hpp"

#include <limits>

#include <gtest/gtest.h>

namespace webdpro {

TEST(FormatInr, UsesIndianGrouping) {
    EXPECT_EQ(FormatInr(Paise(0)), "₹0.00");
    EXPECT_EQ(FormatInr(Paise(5)), "₹0.05");
    EXPECT_EQ(FormatInr(Paise(99900)), "₹999.00");
    EXPECT_EQ(FormatInr(Paise(100000)), "₹1,000.00");
    EXPECT_EQ(FormatInr(Paise(12345650)), "₹1,23,456.50");
    EXPECT_EQ(FormatInr(Paise(1234567800)), "₹1,23,45,678.00");
    EXPECT_EQ(FormatInr(Paise(-12345650)), "-₹1,23,456.50");
}

TEST(FormatDecimal, TwoDecimalsNoGrouping) {
    EXPECT_EQ(FormatDecimal(Paise(29900)), "299.00");
    EXPECT_EQ(FormatDecimal(Paise(14950)), "149.50");
    EXPECT_EQ(FormatDecimal(Paise(7)), "0.07");
}

TEST(ParseRupees, AcceptsWhatPeopleWrite) {
    EXPECT_EQ(ParseRupees("45")->value, 4500);
    EXPECT_EQ(ParseRupees("45.5")->value, 4550);
    EXPECT_EQ(ParseRupees("45.00")->value, 4500);
    EXPECT_EQ(ParseRupees("₹45")->value, 4500);
    EXPECT_EQ(ParseRupees("Rs. 1,234.50")->value, 123450);
    EXPECT_EQ(ParseRupees(" INR 99 ")->value, 9900);
}

TEST(ParseRupees, RejectsBadAmounts) {
    for (const char* bad : {"", "abc", "-5", "1.234", "₹", "1e5", "12..3", "99999999999"}) {
        auto r = ParseRupees(bad);
        EXPECT_FALSE(r.has_value()) << bad;
        if (!r) {
            EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
        }
    }
}

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

TEST(CheckedMoney, GivesTheExactResultOrNothing) {
    EXPECT_EQ(CheckedAdd(Paise(2), Paise(3)), Paise(5));
    EXPECT_EQ(CheckedAdd(Paise(kMax), Paise(0)), Paise(kMax));
    EXPECT_EQ(CheckedAdd(Paise(kMax), Paise(1)), std::nullopt);
    EXPECT_EQ(CheckedAdd(Paise(kMin), Paise(-1)), std::nullopt);
    EXPECT_EQ(CheckedSub(Paise(5), Paise(7)), Paise(-2));
    EXPECT_EQ(CheckedSub(Paise(kMin), Paise(1)), std::nullopt);
    EXPECT_EQ(CheckedMul(Paise(100'000'000), 999), Paise(99'900'000'000));
    EXPECT_EQ(CheckedMul(Paise(10'000'000'000'000'000), 999), std::nullopt);
    EXPECT_EQ(CheckedMul(Paise(kMax), 1), Paise(kMax));
    EXPECT_EQ(CheckedMul(Paise(kMax), 2), std::nullopt);
}

TEST(CheckedMoney, ASumRemembersAnOverflow) {
    PaiseSum sum;
    EXPECT_EQ(sum.Add(Paise(40)).Add(Paise(2)).Value(), Paise(42));
    sum.Add(Paise(kMax));
    EXPECT_EQ(sum.Value(), std::nullopt);
    sum.Add(Paise(-kMax));
    EXPECT_EQ(sum.Value(), std::nullopt) << "an overflow is not undone by later additions";
}

TEST(CheckedMoney, MulDivIsExactIn128BitsAndRoundsOnce) {
    // The GST contained in a price: amount × rate / (100% + rate), half up.
    EXPECT_EQ(MulDiv(Paise(11800), 1800, 11800), Paise(1800));
    EXPECT_EQ(MulDiv(Paise(100), 1200, 11200), Paise(11));  // 10.71
    EXPECT_EQ(MulDiv(Paise(5), 1, 2), Paise(3));            // 2.5 → 3
    EXPECT_EQ(MulDiv(Paise(-5), 1, 2), Paise(-3));          // halves away from zero
    EXPECT_EQ(MulDiv(Paise(5), 1, 2, Rounding::kTowardZero), Paise(2));
    EXPECT_EQ(MulDiv(Paise(kMax), 1800, 11800), Paise(1'406'955'056'469'372'581));
    EXPECT_EQ(MulDiv(Paise(kMax), 3, 2), std::nullopt);
    EXPECT_EQ(MulDiv(Paise(kMax), 1, 1), Paise(kMax));
    EXPECT_EQ(MulDiv(Paise(1), 1, 0), std::nullopt);
    EXPECT_EQ(MulDiv(Paise(1), 1, -3), std::nullopt);
}

TEST(MoneyCaps, AnOrderAtTheCapHoldsTenUnitsAtTheUnitCap) {
    EXPECT_EQ(FormatInr(kMaxUnitPrice), "₹10,00,000.00");
    EXPECT_EQ(FormatInr(kMaxOrderValue), "₹1,00,00,000.00");
    EXPECT_EQ(CheckedMul(kMaxUnitPrice, 10), kMaxOrderValue);
}

}  // namespace webdpro
