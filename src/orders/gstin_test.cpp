#include "orders/gstin.hpp"

#include <gtest/gtest.h>

namespace webdpro::orders {
namespace {

std::string Reason(std::string_view gstin) {
    auto result = ValidateGstin(gstin);
    EXPECT_FALSE(result.has_value()) << gstin;
    if (result || result.error().fields.empty()) {
        return {};
    }
    EXPECT_EQ(result.error().fields[0].field, "gstin");
    return result.error().fields[0].message;
}

TEST(Gstin, PublishedGstinsAreValid) {
    for (std::string_view gstin : {"27AAPFU0939F1ZV", "29AAGCB7383J1Z4", "24AAACC1206D1ZM"}) {
        auto valid = ValidateGstin(gstin);
        ASSERT_TRUE(valid.has_value()) << gstin << ": " << valid.error().fields[0].message;
        EXPECT_EQ(*valid, gstin);
    }
}

TEST(Gstin, CheckCharacterMatchesPublishedOnes) {
    EXPECT_EQ(GstinCheckCharacter("27AAPFU0939F1Z"), 'V');
    EXPECT_EQ(GstinCheckCharacter("29AAGCB7383J1Z"), '4');
    EXPECT_EQ(GstinCheckCharacter("27AAPFU0939F1"), std::nullopt);
    EXPECT_EQ(GstinCheckCharacter("27AAPFU0939F1z"), std::nullopt);
}

TEST(Gstin, NormalisesCaseAndSpaces) {
    auto valid = ValidateGstin("  27aapfu0939f1zv ");
    ASSERT_TRUE(valid.has_value());
    EXPECT_EQ(*valid, "27AAPFU0939F1ZV");
}

TEST(Gstin, EachKindOfErrorIsNamed) {
    EXPECT_NE(Reason("27AAPFU0939F1Z").find("15 characters"), std::string::npos);
    EXPECT_NE(Reason("27AAPFU0939F1ZVX").find("15 characters"), std::string::npos);
    EXPECT_NE(Reason("").find("15 characters"), std::string::npos);
    EXPECT_NE(Reason("40AAPFU0939F1ZV").find("state code"), std::string::npos);
    EXPECT_NE(Reason("00AAPFU0939F1ZV").find("state code"), std::string::npos);
    EXPECT_NE(Reason("2XAAPFU0939F1ZV").find("state code"), std::string::npos);
    EXPECT_NE(Reason("27AAPF10939F1ZV").find("PAN"), std::string::npos);
    EXPECT_NE(Reason("27AAPFUA939F1ZV").find("PAN"), std::string::npos);
    EXPECT_NE(Reason("27AAPFU093991ZV").find("PAN"), std::string::npos);
    EXPECT_NE(Reason("27AAPFU0000F1ZV").find("PAN"), std::string::npos);
    EXPECT_NE(Reason("27AAPFU0939F0ZV").find("entity"), std::string::npos);
    EXPECT_NE(Reason("27AAPFU0939F1-V").find("Z"), std::string::npos);
    EXPECT_NE(Reason("27AAPFU0939F1YV").find("Character 14"), std::string::npos);
}

TEST(Gstin, WrongCheckCharacterIsRefused) {
    EXPECT_NE(Reason("27AAPFU0939F1ZW").find("check character"), std::string::npos);
    EXPECT_NE(Reason("29AAGCB7383J1Z5").find("check character"), std::string::npos);
    // A single changed digit in the body is caught too.
    EXPECT_NE(Reason("27AAPFU0938F1ZV").find("check character"), std::string::npos);
}

TEST(Gstin, SpecialStateCodesAreAccepted) {
    for (std::string code : {"38", "97", "99", "01"}) {
        std::string body = code + "AAPFU0939F1Z";
        const auto check = GstinCheckCharacter(body);
        ASSERT_TRUE(check.has_value());
        EXPECT_TRUE(ValidateGstin(body + *check).has_value()) << body;
    }
}

TEST(Gstin, StateNames) {
    EXPECT_EQ(GstStateName(27), "Maharashtra");
    EXPECT_EQ(GstStateName(29), "Karnataka");
    EXPECT_EQ(GstStateName(38), "Ladakh");
    EXPECT_EQ(GstStateName(97), "Other Territory");
    EXPECT_EQ(GstStateName(99), "Centre Jurisdiction");
    EXPECT_EQ(GstStateName(0), std::nullopt);
    EXPECT_EQ(GstStateName(39), std::nullopt);
    EXPECT_EQ(GstStateCodeByName("tamil nadu"), 33);
    EXPECT_EQ(GstStateCodeByName("Atlantis"), std::nullopt);
}

}  // namespace
}  // namespace webdpro::orders
