#include "storefront/detail/encode.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace webdpro::storefront::detail {
namespace {

TEST(EscapeXml, EscapesEveryMarkupCharacter) {
    EXPECT_EQ(EscapeXml("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(EscapeXml("दूध"), "दूध");
}

TEST(PercentEncode, KeepsOnlyUnreservedCharacters) {
    EXPECT_EQ(PercentEncode("a-b_c.d~e"), "a-b_c.d~e");
    EXPECT_EQ(PercentEncode("x y&z=\"<'>"), "x%20y%26z%3D%22%3C%27%3E");
    EXPECT_EQ(PercentEncode("दू"), "%E0%A4%A6%E0%A5%82");
    EXPECT_EQ(PercentEncode("javascript:alert(1)"), "javascript%3Aalert%281%29");
}

TEST(JsonForScript, CannotCloseTheScriptElement) {
    const nlohmann::json json = {{"name", "</script><script>alert(1)</script>"}, {"x", "a & b <!--"}};
    const std::string out = JsonForScript(json);
    EXPECT_EQ(out.find('<'), std::string::npos);
    EXPECT_EQ(out.find('>'), std::string::npos);
    EXPECT_EQ(out.find('&'), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(out), json);
}

TEST(JsonForScript, ReplacesInvalidUtf8InsteadOfThrowing) {
    const nlohmann::json json = {{"name", std::string("ok\xff\xfe")}};
    EXPECT_NO_THROW((void)JsonForScript(json));
}

TEST(IsHexColor, AcceptsOnlySixDigitHex) {
    EXPECT_TRUE(IsHexColor("#2e7d32"));
    EXPECT_TRUE(IsHexColor("#ABCDEF"));
    EXPECT_FALSE(IsHexColor("#abc"));
    EXPECT_FALSE(IsHexColor("red"));
    EXPECT_FALSE(IsHexColor("#2e7d32;}</style><script>"));
    EXPECT_FALSE(IsHexColor("#gggggg"));
}

TEST(SafeImageUrl, AcceptsHttpsAndPlainRelativePaths) {
    EXPECT_EQ(SafeImageUrl("https://cdn.example.com/a/b.webp?w=320"), "https://cdn.example.com/a/b.webp?w=320");
    EXPECT_EQ(SafeImageUrl("media/p/12.webp"), "media/p/12.webp");
}

TEST(SafeImageUrl, RejectsEverythingElse) {
    for (const char* bad : {"javascript:alert(1)", "data:image/svg+xml,<svg onload=alert(1)>", "http://x/a.png",
                            "https://x/a\".png", "https://x/a b.png", "https://x/<a>", "/etc/passwd", "//evil/a.png",
                            "../a.png", "media/../../a.png", "https://", "vbscript:x", "MEDIA\\a.png"}) {
        EXPECT_EQ(SafeImageUrl(bad), "") << bad;
    }
}

TEST(FirstGrapheme, KeepsDevanagariMatrasWithTheirLetter) {
    EXPECT_EQ(FirstGrapheme("sharma"), "S");
    EXPECT_EQ(FirstGrapheme("  Gupta"), "G");
    EXPECT_EQ(FirstGrapheme("दूध"), "दू");
    EXPECT_EQ(FirstGrapheme("शर्मा"), "श");
    EXPECT_EQ(FirstGrapheme("ब्लैक"), "ब");
    EXPECT_EQ(FirstGrapheme("चॉकलेट"), "चॉ");
    EXPECT_EQ(FirstGrapheme(""), "");
    EXPECT_EQ(FirstGrapheme("\xff"), "");
}

TEST(TransliterateDevanagari, WritesHindiTheWayItIsTyped) {
    EXPECT_EQ(TransliterateDevanagari("देसी टमाटर"), "desi tamatar");
    EXPECT_EQ(TransliterateDevanagari("प्याज़"), "pyaz");
    EXPECT_EQ(TransliterateDevanagari("शर्मा किराना स्टोर"), "sharma kirana stor");
    EXPECT_EQ(TransliterateDevanagari("भिंडी"), "bhindi");
    EXPECT_EQ(TransliterateDevanagari("चावल 5 किलो"), "chaval 5 kilo");
    EXPECT_EQ(TransliterateDevanagari("Amul दूध"), "Amul dudh");
    EXPECT_EQ(TransliterateDevanagari("ब्लैक फ़ॉरेस्ट केक"), "blaik forest kek");
}

}  // namespace
}  // namespace webdpro::storefront::detail
