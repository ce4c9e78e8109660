#include "stores/slug.hpp"

#include <gtest/gtest.h>

namespace webdpro::stores {
namespace {

TEST(Slug, EnglishNamesBecomeLowerCaseWords) {
    EXPECT_EQ(BaseSlug("Sharma Kirana Store"), "sharma-kirana-store");
    EXPECT_EQ(BaseSlug("  Gupta & Sons -- Bakery!! "), "gupta-sons-bakery");
    EXPECT_EQ(BaseSlug("Sharma's Kirana"), "sharmas-kirana");
    EXPECT_EQ(BaseSlug("Sharma\u2019s Kirana"), "sharmas-kirana");
    EXPECT_EQ(BaseSlug("24x7 Medicals"), "24x7-medicals");
}

TEST(Slug, HinglishIsKeptAsWritten) {
    EXPECT_EQ(BaseSlug("Apna Bazaar Sabzi Wala"), "apna-bazaar-sabzi-wala");
    EXPECT_EQ(BaseSlug("Chai Point, Jaipur"), "chai-point-jaipur");
}

TEST(Slug, DevanagariIsTransliterated) {
    EXPECT_EQ(BaseSlug("शर्मा किराना"), "sharma-kirana");
    EXPECT_EQ(BaseSlug("गुप्ता स्वीट्स"), "gupta-svits");
    EXPECT_EQ(BaseSlug("राम भंडार"), "ram-bhandar");
    EXPECT_EQ(BaseSlug("दूध डेयरी"), "dudh-deyari");
    // Mixed scripts and digits.
    EXPECT_EQ(BaseSlug("मिठाई Shop २४"), "mithai-shop-24");
}

TEST(Slug, TransliterationFollowsTheSyllables) {
    EXPECT_EQ(TransliterateDevanagari("कमल"), "kamal");                // final inherent vowel dropped
    EXPECT_EQ(TransliterateDevanagari("क"), "ka");                     // kept in a one-letter word
    EXPECT_EQ(TransliterateDevanagari("गंगा"), "ganga");                // anusvara
    EXPECT_EQ(TransliterateDevanagari("चंपा"), "champa");               // anusvara before a labial
    EXPECT_EQ(TransliterateDevanagari("ज़रा"), "zara");                 // combining nukta
    EXPECT_EQ(TransliterateDevanagari("\u095B\u0930\u093E"), "zara");  // precomposed nukta letter
    EXPECT_EQ(TransliterateDevanagari("फ़ैशन"), "faishan");
    EXPECT_EQ(TransliterateDevanagari("आम"), "am");
    EXPECT_EQ(TransliterateDevanagari("ऊषा"), "usha");
    EXPECT_EQ(TransliterateDevanagari("Shop"), "Shop");  // other text untouched
}

TEST(Slug, NothingUsableFallsBack) {
    EXPECT_EQ(BaseSlug("🛒🍎✨"), "my-store");
    EXPECT_EQ(BaseSlug("!!! ... ???"), "my-store");
    EXPECT_EQ(BaseSlug(""), "my-store");
    EXPECT_EQ(BaseSlug("x"), "my-store");
    EXPECT_EQ(BaseSlug("தமிழ் கடை", "grocery-store"), "grocery-store");  // a script we do not spell
}

TEST(Slug, ReservedWordsAreRefused) {
    for (const char* word : {"www", "api", "admin", "s", "static", "login", "shop", "store", "webdpro", "status"}) {
        EXPECT_TRUE(IsReservedSlug(word)) << word;
        const std::string slug = BaseSlug(word);
        EXPECT_FALSE(IsReservedSlug(slug)) << word << " -> " << slug;
        EXPECT_TRUE(IsWellFormedSlug(slug)) << slug;
    }
    EXPECT_EQ(BaseSlug("Admin"), "my-admin");
    EXPECT_EQ(BaseSlug("API"), "my-api");
    EXPECT_FALSE(IsReservedSlug("sharma-kirana"));
    EXPECT_FALSE(IsReservedSlug("shopping-center"));
}

TEST(Slug, LongNamesAreCutAtAWordWithinTheLimit) {
    const std::string name =
        "The Very Famous And Extremely Long Named Sharma Brothers General Provision And Grocery Store Of Jaipur";
    const std::string slug = BaseSlug(name);
    EXPECT_LE(slug.size(), kMaxSlugChars);
    EXPECT_TRUE(IsWellFormedSlug(slug)) << slug;
    EXPECT_NE(slug.back(), '-');
    EXPECT_EQ(slug, "the-very-famous-and-extremely-long-named-sharma-brothers");
    // One long word is cut hard.
    const std::string word(100, 'a');
    EXPECT_EQ(BaseSlug(word), std::string(63, 'a'));
}

TEST(Slug, SuffixesStayWithinTheLimit) {
    EXPECT_EQ(WithSuffix("sharma-kirana", 1), "sharma-kirana");
    EXPECT_EQ(WithSuffix("sharma-kirana", 2), "sharma-kirana-2");
    const std::string long_slug(63, 'a');
    const std::string suffixed = WithSuffix(long_slug, 12);
    EXPECT_EQ(suffixed.size(), 63u);
    EXPECT_TRUE(suffixed.ends_with("-12"));
    EXPECT_TRUE(IsWellFormedSlug(suffixed));
}

TEST(Slug, WellFormednessMatchesTheDatabaseRule) {
    EXPECT_TRUE(IsWellFormedSlug("ab"));
    EXPECT_TRUE(IsWellFormedSlug("a-b-2"));
    EXPECT_FALSE(IsWellFormedSlug("a"));
    EXPECT_FALSE(IsWellFormedSlug("-ab"));
    EXPECT_FALSE(IsWellFormedSlug("ab-"));
    EXPECT_FALSE(IsWellFormedSlug("Ab"));
    EXPECT_FALSE(IsWellFormedSlug("a_b"));
    EXPECT_FALSE(IsWellFormedSlug(std::string(64, 'a')));
}

}  // namespace
}  // namespace webdpro::stores
