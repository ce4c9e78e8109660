#include "auth/phone.hpp"

#include <gtest/gtest.h>

namespace webdpro::auth {

struct PhoneCase {
    const char* input;
    const char* expected;  // nullptr = rejected
};

class PhoneNumberParse : public ::testing::TestWithParam<PhoneCase> {};

TEST_P(PhoneNumberParse, NormalisesOrRejects) {
    const PhoneCase& c = GetParam();
    auto phone = PhoneNumber::Parse(c.input);
    if (c.expected == nullptr) {
        EXPECT_FALSE(phone.has_value()) << "'" << c.input << "' was accepted as " << phone->e164();
    } else {
        ASSERT_TRUE(phone.has_value()) << "'" << c.input << "' was rejected";
        EXPECT_EQ(phone->e164(), c.expected) << c.input;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, PhoneNumberParse,
    ::testing::Values(
        // Accepted: the ways people type an Indian mobile number.
        PhoneCase{"9812345678", "+919812345678"}, PhoneCase{"98123 45678", "+919812345678"},
        PhoneCase{"+91-98123-45678", "+919812345678"}, PhoneCase{"+91 98123 45678", "+919812345678"},
        PhoneCase{"09812345678", "+919812345678"}, PhoneCase{"919812345678", "+919812345678"},
        PhoneCase{"0091 9812345678", "+919812345678"}, PhoneCase{"(+91) 98123-45678", "+919812345678"},
        PhoneCase{"98.123.456.78", "+919812345678"}, PhoneCase{" 6000000000 ", "+916000000000"},
        PhoneCase{"7012345678", "+917012345678"}, PhoneCase{"8012345678", "+918012345678"},
        PhoneCase{"+919812345678", "+919812345678"}, PhoneCase{"9191919191", "+919191919191"},
        PhoneCase{"91 9191919191", "+919191919191"},
        // Rejected.
        PhoneCase{"", nullptr}, PhoneCase{"   ", nullptr}, PhoneCase{"5812345678", nullptr},  // 5-series
        PhoneCase{"1812345678", nullptr}, PhoneCase{"0812345678", nullptr},                   // landline-like
        PhoneCase{"981234567", nullptr}, PhoneCase{"98123456789", nullptr},                   // 9 / 11 digits
        PhoneCase{"+1 415 555 0100", nullptr}, PhoneCase{"+44 7700 900123", nullptr},         // other countries
        PhoneCase{"+9198123456789", nullptr}, PhoneCase{"1800 123 4567", nullptr},            // toll-free
        PhoneCase{"98123x45678", nullptr}, PhoneCase{"98123+45678", nullptr}, PhoneCase{"++919812345678", nullptr},
        PhoneCase{"0 0 9812345678", nullptr}, PhoneCase{"009198123456789", nullptr}, PhoneCase{"9812345678\n", nullptr},
        PhoneCase{"०९८१२३४५६७८", nullptr}, PhoneCase{"+91", nullptr}, PhoneCase{"919812345", nullptr}));

TEST(PhoneNumber, MasksAllButCountryAndLastFour) {
    EXPECT_EQ(PhoneNumber::Parse("9812345678")->Masked(), "+91******5678");
    EXPECT_EQ(MaskPhone("+919812345678"), "+91******5678");
    EXPECT_EQ(MaskPhone("+1415"), "*****");
    EXPECT_EQ(PhoneNumber::Parse("9812345678")->DigitsWithCountryCode(), "919812345678");
}

}  // namespace webdpro::auth
