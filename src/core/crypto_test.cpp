#include "core/crypto.hpp"

#include <set>

#include <gtest/gtest.h>

namespace webdpro {
namespace {

SecretBytes Key(char fill, std::size_t n = 32) {
    return SecretBytes(Bytes(n, static_cast<std::uint8_t>(fill)));
}

PiiVault MakeVault(char enc = 'e', char idx = 'i') {
    auto vault = PiiVault::Create(Key(enc), Key(idx));
    EXPECT_TRUE(vault.has_value());
    return std::move(*vault);
}

}  // namespace

TEST(HmacSha256, MatchesRfc4231TestCase2) {
    // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
    EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Sha256, MatchesKnownDigestOfEmptyInput) {
    EXPECT_EQ(HexEncode(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256Stream, EqualsTheOneShotDigestWhateverThePieces) {
    const std::string text(100000, 'x');
    Sha256Stream stream;
    for (std::size_t at = 0; at < text.size(); at += 777) {
        stream.Update(std::string_view(text).substr(at, 777));
    }
    stream.Update("");
    EXPECT_EQ(HexEncode(stream.Finish()), HexEncode(Sha256(text)));
}

TEST(SealWithPassphrase, OpensOnlyWithThePassphraseAndContextItWasSealedWith) {
    const Bytes blob = SealWithPassphrase("the keys", "a long passphrase", "archive|1");
    auto opened = OpenWithPassphrase(blob, "a long passphrase", "archive|1");
    ASSERT_TRUE(opened);
    EXPECT_EQ(*opened, "the keys");
    EXPECT_FALSE(OpenWithPassphrase(blob, "a long passphrasE", "archive|1"));
    EXPECT_FALSE(OpenWithPassphrase(blob, "a long passphrase", "archive|2"));
    Bytes tampered = blob;
    tampered.back() ^= 1U;
    EXPECT_FALSE(OpenWithPassphrase(tampered, "a long passphrase", "archive|1"));
    // Limits read from the blob are bounded: a crafted one cannot ask for unbounded work.
    Bytes greedy = blob;
    greedy[1 + 16 + 8 + 7] = 0x7f;  // memlimit's top byte
    auto refused = OpenWithPassphrase(greedy, "a long passphrase", "archive|1");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_FALSE(OpenWithPassphrase(Bytes{1, 2, 3}, "a long passphrase", "archive|1"));
}

TEST(Base64Url, RoundTripsWithoutPadding) {
    for (const std::string& text : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar",
                                                            std::string("\xff\xfe\x00\x01", 4)}) {
        const std::string encoded = Base64UrlEncode(text);
        EXPECT_EQ(encoded.find('='), std::string::npos);
        auto decoded = Base64UrlDecode(encoded);
        ASSERT_TRUE(decoded) << encoded;
        EXPECT_EQ(*decoded, text);
    }
    EXPECT_EQ(Base64UrlEncode(std::string("\xfb\xff", 2)), "-_8");
}

TEST(Base64Url, RejectsPaddingForeignAlphabetAndNonCanonicalBits) {
    EXPECT_FALSE(Base64UrlDecode("Zm9v="));
    EXPECT_FALSE(Base64UrlDecode("+/8"));
    EXPECT_FALSE(Base64UrlDecode("Zm9v!"));
    EXPECT_FALSE(Base64UrlDecode("Zh"));  // "f" is "Zg": trailing bits set
    EXPECT_FALSE(Base64UrlDecode("A"));   // impossible length
}

TEST(Base64DecodeAny, AcceptsBothAlphabetsAndPadding) {
    EXPECT_EQ(Base64DecodeAny("Zm9vYg==")->size(), 4u);
    EXPECT_EQ(Base64DecodeAny(" Zm9vYg \n")->size(), 4u);
    EXPECT_EQ(*Base64DecodeAny("-_8"), (Bytes{0xfb, 0xff}));
    EXPECT_EQ(*Base64DecodeAny("+/8="), (Bytes{0xfb, 0xff}));
    EXPECT_FALSE(Base64DecodeAny(""));
    EXPECT_FALSE(Base64DecodeAny("not base64 at all!"));
}

TEST(ConstantTimeEquals, ComparesContentAndLength) {
    EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
    EXPECT_TRUE(ConstantTimeEquals("", ""));
    EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
    EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

TEST(RandomDigits, HasTheLengthAndOnlyDigits) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string code = RandomDigits(6);
        ASSERT_EQ(code.size(), 6u);
        EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos) << code;
        seen.insert(code);
    }
    // 200 draws from a million: a repeat is possible but many repeats mean a broken generator.
    EXPECT_GT(seen.size(), 190u);
    EXPECT_THROW(RandomDigits(0), std::invalid_argument);
    EXPECT_THROW(RandomDigits(10), std::invalid_argument);
}

TEST(RandomBytes, DiffersBetweenCalls) {
    EXPECT_EQ(RandomBytes(32).size(), 32u);
    EXPECT_NE(RandomBytes(32), RandomBytes(32));
    EXPECT_TRUE(RandomBytes(0).empty());
}

TEST(PiiVault, RefusesShortKeys) {
    EXPECT_FALSE(PiiVault::Create(Key('e', 31), Key('i')));
    EXPECT_FALSE(PiiVault::Create(Key('e'), Key('i', 8)));
    EXPECT_FALSE(PiiVault::Create(SecretBytes(), Key('i')));
}

TEST(PiiVault, EncryptsWithAFreshNonceAndDecrypts) {
    const PiiVault vault = MakeVault();
    const Bytes a = vault.Encrypt("+919812345678", "membership.phone|ten_a");
    const Bytes b = vault.Encrypt("+919812345678", "membership.phone|ten_a");
    EXPECT_NE(a, b);
    const std::string as_text(a.begin(), a.end());
    EXPECT_EQ(as_text.find("9812345678"), std::string::npos);
    auto plain = vault.Decrypt(a, "membership.phone|ten_a");
    ASSERT_TRUE(plain) << plain.error().detail;
    EXPECT_EQ(*plain, "+919812345678");
}

TEST(PiiVault, RefusesAnotherContextAnotherKeyAndTampering) {
    const PiiVault vault = MakeVault();
    Bytes blob = vault.Encrypt("+919812345678", "membership.phone|ten_a");
    EXPECT_FALSE(vault.Decrypt(blob, "membership.phone|ten_b"));
    EXPECT_FALSE(MakeVault('x').Decrypt(blob, "membership.phone|ten_a"));
    Bytes flipped = blob;
    flipped.back() ^= 1U;
    EXPECT_FALSE(vault.Decrypt(flipped, "membership.phone|ten_a"));
    EXPECT_FALSE(vault.Decrypt(Bytes{1, 2, 3}, "membership.phone|ten_a"));
    Bytes wrong_version = blob;
    wrong_version[0] = 9;
    EXPECT_FALSE(vault.Decrypt(wrong_version, "membership.phone|ten_a"));
}

TEST(PiiVault, BlindIndexIsDeterministicAndKeyed) {
    const PiiVault vault = MakeVault();
    EXPECT_EQ(vault.BlindIndex("+919812345678"), vault.BlindIndex("+919812345678"));
    EXPECT_NE(vault.BlindIndex("+919812345678"), vault.BlindIndex("+919812345679"));
    EXPECT_NE(vault.BlindIndex("+919812345678"), MakeVault('e', 'j').BlindIndex("+919812345678"));
    EXPECT_EQ(vault.BlindIndex("x").size(), 64u);
}

}  // namespace webdpro
