#include "sitegen/text.hpp"

#include <gtest/gtest.h>

namespace webdpro::sitegen {
namespace {

TEST(Utf8Length, CountsCodePointsNotBytes) {
    EXPECT_EQ(Utf8Length(""), 0U);
    EXPECT_EQ(Utf8Length("atta"), 4U);
    EXPECT_EQ(Utf8Length("दूध"), 3U);  // द ू ध: 9 bytes
    EXPECT_EQ(Utf8Length("₹45"), 3U);
    EXPECT_EQ(Utf8Length("🙂"), 1U);
}

TEST(Utf8Length, RejectsMalformedSequences) {
    for (std::string_view bad : {std::string_view("\xff"), std::string_view("\xc0\xaf"),  // overlong '/'
                                 std::string_view("\xed\xa0\x80"),                        // surrogate
                                 std::string_view("\xe0\xa4"),                            // truncated
                                 std::string_view("ab\x80")}) {
        EXPECT_FALSE(Utf8Length(bad).has_value());
    }
}

TEST(CleanLine, CollapsesWhitespaceAndDropsControls) {
    EXPECT_EQ(CleanLine("  Sharma\t\tKirana \n Store\x01 "), "Sharma Kirana Store");
    EXPECT_EQ(CleanLine("a\xff"
                        "b"),
              "ab");
    EXPECT_EQ(CleanLine("<b>bold</b>"), "<b>bold</b>");  // markup is text; the renderer escapes it
}

TEST(CleanProse, KeepsParagraphs) {
    EXPECT_EQ(CleanProse("One.\r\nTwo.\n\n\n\nThree."), "One.\nTwo.\n\nThree.");
}

TEST(FitChars, CutsAtAWordInsideTheLimit) {
    EXPECT_EQ(FitChars("short", 10), "short");
    EXPECT_EQ(FitChars("fresh vegetables daily", 12), "fresh");
    EXPECT_EQ(FitChars("fresh vegetables daily", 12, "…"), "fresh…");
    const std::string hindi = FitChars("ताज़ी सब्ज़ियाँ रोज़", 10);
    EXPECT_LE(*Utf8Length(hindi), 10U);
    EXPECT_EQ(hindi, "ताज़ी");
}

TEST(Slugify, LowerCaseAsciiWithSingleHyphens) {
    EXPECT_EQ(Slugify("Atta, Rice & Dal", 48), "atta-rice-dal");
    EXPECT_EQ(Slugify("--Hello--World--", 48), "hello-world");
    EXPECT_EQ(Slugify("सब्ज़ियाँ", 48), "");
    EXPECT_EQ(Slugify("abcdefghij", 4), "abcd");
}

}  // namespace
}  // namespace webdpro::sitegen
