#include "core/money.hpp"

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

}  // namespace webdpro
