#include "auth/tokens.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/secrets.hpp"

namespace webdpro::auth {
namespace {

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01T00:00:00Z
constexpr int kLeeway = 30;

const std::string kKeyA = Secrets::NewKey();
const std::string kKeyB = Secrets::NewKey();

TokenSigner Signer(const std::string& spec) {
    auto signer = TokenSigner::FromSpec(spec, kLeeway);
    EXPECT_TRUE(signer) << (signer ? "" : signer.error().message);
    return std::move(*signer);
}

AccessClaims OwnerClaims(std::int64_t iat = kNow, std::int64_t ttl = 900) {
    return AccessClaims{.user_id = UserId::New(),
                        .tenant_id = TenantId::New(),
                        .role = Role::kBusinessOwner,
                        .session_id = SessionId::New(),
                        .issued_at = iat,
                        .expires_at = iat + ttl};
}

std::string Segment(const nlohmann::json& j) {
    return Base64UrlEncode(j.dump());
}

/// A token with arbitrary header and payload, MAC'd under `key` (base64url) as HS256 would be.
std::string Forge(const nlohmann::json& header, const nlohmann::json& payload, const std::string& key) {
    const std::string input = Segment(header) + "." + Segment(payload);
    const auto raw_key = *Base64DecodeAny(key);
    const auto mac = HmacSha256(std::string_view(reinterpret_cast<const char*>(raw_key.data()), raw_key.size()), input);
    return input + "." + Base64UrlEncode(AsView(mac));
}

nlohmann::json PayloadOf(const AccessClaims& c) {
    return {{"iss", "webdpro"},
            {"sub", c.user_id.str()},
            {"role", RoleName(c.role)},
            {"sid", c.session_id.str()},
            {"iat", c.issued_at},
            {"exp", c.expires_at},
            {"tenant", c.tenant_id ? nlohmann::json(c.tenant_id->str()) : nlohmann::json(nullptr)}};
}

const nlohmann::json kHeaderA = {{"alg", "HS256"}, {"typ", "at+jwt"}, {"kid", "a"}};

void ExpectRejected(const TokenSigner& signer, const std::string& token, std::int64_t now = kNow) {
    auto verified = signer.Verify(token, now);
    ASSERT_FALSE(verified) << token;
    EXPECT_EQ(verified.error().code, ErrorCode::kUnauthenticated);
}

}  // namespace

TEST(TokenSigner, RoundTripsClaims) {
    const TokenSigner signer = Signer("a:" + kKeyA);
    const AccessClaims claims = OwnerClaims();
    auto verified = signer.Verify(signer.Sign(claims), kNow + 10);
    ASSERT_TRUE(verified) << verified.error().detail;
    EXPECT_EQ(verified->user_id, claims.user_id);
    EXPECT_EQ(verified->tenant_id, claims.tenant_id);
    EXPECT_EQ(verified->role, Role::kBusinessOwner);
    EXPECT_EQ(verified->session_id, claims.session_id);
    EXPECT_EQ(verified->expires_at, claims.expires_at);
}

TEST(TokenSigner, HeaderPinsAlgTypeAndKid) {
    const TokenSigner signer = Signer("a:" + kKeyA);
    const std::string token = signer.Sign(OwnerClaims());
    auto header = nlohmann::json::parse(*Base64UrlDecode(token.substr(0, token.find('.'))));
    EXPECT_EQ(header["alg"], "HS256");
    EXPECT_EQ(header["typ"], "at+jwt");
    EXPECT_EQ(header["kid"], "a");
}

TEST(TokenSigner, RejectsATamperedPayloadOrSignature) {
    const TokenSigner signer = Signer("a:" + kKeyA);
    const AccessClaims claims = OwnerClaims();
    const std::string token = signer.Sign(claims);
    const auto dot1 = token.find('.');
    const auto dot2 = token.rfind('.');
    // Promote the role in the payload, keep the signature.
    nlohmann::json payload = PayloadOf(claims);
    payload["role"] = "SUPER_ADMIN";
    payload["tenant"] = nullptr;
    ExpectRejected(signer, token.substr(0, dot1) + "." + Segment(payload) + token.substr(dot2));
    // Flip one signature character.
    std::string flipped = token;
    flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
    ExpectRejected(signer, flipped);
    // Drop the signature.
    ExpectRejected(signer, token.substr(0, dot2 + 1));
    ExpectRejected(signer, token.substr(0, dot2));
    ExpectRejected(signer, token + ".extra");
    ExpectRejected(signer, "");
    ExpectRejected(signer, "not a token");
    ExpectRejected(signer, std::string(5000, 'a'));
}

TEST(TokenSigner, RejectsAlgNoneAndOtherAlgorithms) {
    const TokenSigner signer = Signer("a:" + kKeyA);
    const nlohmann::json payload = PayloadOf(OwnerClaims());
    for (const char* alg : {"none", "None", "NONE", "HS384", "HS512", "RS256", "ES256", "hs256"}) {
        nlohmann::json header = kHeaderA;
        header["alg"] = alg;
        ExpectRejected(signer, Segment(header) + "." + Segment(payload) + ".");
        ExpectRejected(signer, Forge(header, payload, kKeyA));
    }
    nlohmann::json no_alg = kHeaderA;
    no_alg.erase("alg");
    ExpectRejected(signer, Forge(no_alg, payload, kKeyA));
}

TEST(TokenSigner, RejectsUnknownOrMissingKid) {
    const TokenSigner signer = Signer("a:" + kKeyA);
    const nlohmann::json payload = PayloadOf(OwnerClaims());
    nlohmann::json header = kHeaderA;
    header["kid"] = "b";
    ExpectRejected(signer, Forge(header, payload, kKeyA));
    header["kid"] = "../../etc/passwd";
    ExpectRejected(signer, Forge(header, payload, kKeyA));
    header.erase("kid");
    ExpectRejected(signer, Forge(header, payload, kKeyA));
    // The right kid with another key's MAC.
    ExpectRejected(signer, Forge(kHeaderA, payload, kKeyB));
}

TEST(TokenSigner, RejectsWrongTypeAndCrit) {
    const TokenSigner signer = Signer("a:" + kKeyA);
    const nlohmann::json payload = PayloadOf(OwnerClaims());
    nlohmann::json header = kHeaderA;
    header["typ"] = "JWT";
    ExpectRejected(signer, Forge(header, payload, kKeyA));
    header = kHeaderA;
    header["crit"] = {"exp"};
    ExpectRejected(signer, Forge(header, payload, kKeyA));
    // A correctly signed token is accepted: the forging helper itself is sound.
    EXPECT_TRUE(signer.Verify(Forge(kHeaderA, payload, kKeyA), kNow));
}

TEST(TokenSigner, ExpiryHonoursTheLeewayAndNoMore) {
    const TokenSigner signer = Signer("a:" + kKeyA);
    const std::string token = signer.Sign(OwnerClaims(kNow, 900));
    EXPECT_TRUE(signer.Verify(token, kNow + 900));
    EXPECT_TRUE(signer.Verify(token, kNow + 900 + kLeeway - 1));
    ExpectRejected(signer, token, kNow + 900 + kLeeway);
    ExpectRejected(signer, token, kNow + 100000);
}

TEST(TokenSigner, RejectsTokensIssuedInTheFuture) {
    const TokenSigner signer = Signer("a:" + kKeyA);
    EXPECT_TRUE(signer.Verify(signer.Sign(OwnerClaims(kNow + kLeeway)), kNow));
    ExpectRejected(signer, signer.Sign(OwnerClaims(kNow + kLeeway + 1)), kNow);
}

TEST(TokenSigner, RejectsMalformedClaims) {
    const TokenSigner signer = Signer("a:" + kKeyA);
    const nlohmann::json good = PayloadOf(OwnerClaims());
    auto with = [&](const char* key, nlohmann::json value) {
        nlohmann::json p = good;
        if (value.is_discarded()) {
            p.erase(key);
        } else {
            p[key] = std::move(value);
        }
        return Forge(kHeaderA, p, kKeyA);
    };
    ExpectRejected(signer, with("iss", "someone-else"));
    ExpectRejected(signer, with("sub", "ten_01jabcdefghjkmnpqrstvwxyz0"));  // a tenant id as the user
    ExpectRejected(signer, with("sid", "nope"));
    ExpectRejected(signer, with("role", "ROOT"));
    ExpectRejected(signer, with("exp", "tomorrow"));
    ExpectRejected(signer, with("exp", nlohmann::json(nlohmann::json::value_t::discarded)));
    ExpectRejected(signer, with("tenant", 42));
    // An owner without a tenant, a customer with one.
    ExpectRejected(signer, with("tenant", nullptr));
    nlohmann::json customer = good;
    customer["role"] = "CUSTOMER";
    ExpectRejected(signer, Forge(kHeaderA, customer, kKeyA));
    // Not JSON at all.
    ExpectRejected(signer, Segment(kHeaderA) + "." + Base64UrlEncode("not json") + "." + Base64UrlEncode("x"));
}

TEST(TokenSigner, RotationSignsWithTheFirstKeyAndStillAcceptsTheOld) {
    const TokenSigner old_signer = Signer("a:" + kKeyA);
    const TokenSigner rotated = Signer("b:" + kKeyB + ", a:" + kKeyA);
    EXPECT_EQ(rotated.current_kid(), "b");
    const std::string old_token = old_signer.Sign(OwnerClaims());
    EXPECT_TRUE(rotated.Verify(old_token, kNow));
    EXPECT_TRUE(rotated.Verify(rotated.Sign(OwnerClaims()), kNow));
    // After the old key is dropped, its tokens are unknown-kid.
    const TokenSigner dropped = Signer("b:" + kKeyB);
    ExpectRejected(dropped, old_token);
    ExpectRejected(old_signer, rotated.Sign(OwnerClaims()));
}

TEST(TokenSigner, RefusesBadKeySpecs) {
    EXPECT_FALSE(TokenSigner::FromSpec("", kLeeway));
    EXPECT_FALSE(TokenSigner::FromSpec("nokid" + kKeyA, kLeeway));
    EXPECT_FALSE(TokenSigner::FromSpec("a:c2hvcnQ", kLeeway));  // too short
    EXPECT_FALSE(TokenSigner::FromSpec("a:" + kKeyA + ",a:" + kKeyB, kLeeway));
    EXPECT_FALSE(TokenSigner::FromSpec("bad kid:" + kKeyA, kLeeway));
    auto error = TokenSigner::FromSpec("a:c2hvcnQ", kLeeway);
    EXPECT_EQ(error.error().message.find("c2hvcnQ"), std::string::npos);
    EXPECT_TRUE(TokenSigner::FromSpec(NewJwtKeySpec(), kLeeway));
}

}  // namespace webdpro::auth
