#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/principal.hpp"

namespace webdpro::auth {

/// What an access token asserts.
struct AccessClaims {
    UserId user_id{};                     ///< "sub"
    std::optional<TenantId> tenant_id{};  ///< "tenant"; null for customers and super admins
    Role role = Role::kCustomer;          ///< "role"
    SessionId session_id{};               ///< "sid": the refresh session this token was issued from
    std::int64_t issued_at = 0;           ///< "iat", seconds since the epoch
    std::int64_t expires_at = 0;          ///< "exp", seconds since the epoch

    Principal ToPrincipal() const {
        return Principal{.user_id = user_id, .session_id = session_id, .role = role, .tenant_id = tenant_id};
    }
};

/// Signs and verifies access tokens: compact JWS with HS256 (RFC 7515/7519), following RFC 8725:
/// the algorithm is pinned (the header's alg must be exactly "HS256"; "none" and everything else
/// are refused), the type is explicit (typ "at+jwt"), `kid` selects a key from a fixed ring (an
/// unknown kid is refused, never "try every key"), the MAC is compared in constant time, and
/// exp/iat are checked with a small leeway. Immutable after construction; thread-safe.
class TokenSigner final {
public:
    static constexpr std::string_view kIssuer = "webdpro";
    static constexpr std::string_view kType = "at+jwt";

    /// Keys from the `jwt_keys` secret: "kid:base64key[,kid:base64key...]". The first key signs;
    /// the others only verify (keep the previous key listed for one access-token lifetime after a
    /// rotation). Each kid is 1-32 characters of [A-Za-z0-9._-], unique; each key at least 32 bytes.
    /// kInvalidArgument (naming the problem, never a key) otherwise.
    static Result<TokenSigner> FromSpec(std::string_view spec, int leeway_s);

    /// A signed token for `claims`.
    std::string Sign(const AccessClaims& claims) const;
    /// The claims of a valid token at `now_s`. kUnauthenticated otherwise; the detail says why
    /// (malformed, bad alg, unknown kid, bad signature, expired, ...) for the log only.
    Result<AccessClaims> Verify(std::string_view token, std::int64_t now_s) const;

    const std::string& current_kid() const { return current_kid_; }

private:
    TokenSigner(std::map<std::string, SecretBytes, std::less<>> keys, std::string current_kid, int leeway_s)
        : keys_(std::move(keys)), current_kid_(std::move(current_kid)), leeway_s_(leeway_s) {}

    std::map<std::string, SecretBytes, std::less<>> keys_;
    std::string current_kid_;
    int leeway_s_;
};

/// A fresh key ring spec with one random key, for development secrets: "k<yyyymmdd>:<base64url>".
std::string NewJwtKeySpec();

}  // namespace webdpro::auth
