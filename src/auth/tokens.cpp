#include "auth/tokens.hpp"

#include <nlohmann/json.hpp>

#include "core/secrets.hpp"
#include "core/time.hpp"

namespace webdpro::auth {
namespace {

constexpr std::string_view kAlg = "HS256";
constexpr std::size_t kMaxTokenBytes = 4096;
constexpr std::size_t kMaxKidLength = 32;

ApiError Rejected(std::string why) {
    return ApiError(ErrorCode::kUnauthenticated, "Your session is not valid. Please sign in again.",
                    "access token rejected: " + std::move(why));
}

bool IsKid(std::string_view kid) {
    if (kid.empty() || kid.size() > kMaxKidLength) {
        return false;
    }
    for (char c : kid) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::optional<nlohmann::json> ParseObject(std::string_view segment) {
    auto decoded = Base64UrlDecode(segment);
    if (!decoded) {
        return std::nullopt;
    }
    auto json = nlohmann::json::parse(*decoded, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return std::nullopt;
    }
    return json;
}

std::optional<std::string> StringField(const nlohmann::json& obj, const char* name) {
    auto it = obj.find(name);
    if (it == obj.end() || !it->is_string()) {
        return std::nullopt;
    }
    return it->get<std::string>();
}

std::optional<std::int64_t> IntField(const nlohmann::json& obj, const char* name) {
    auto it = obj.find(name);
    if (it == obj.end() || !it->is_number_integer()) {
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

bool IsTenantRole(Role role) {
    return role == Role::kBusinessOwner || role == Role::kDeliveryAgent;
}

}  // namespace

Result<TokenSigner> TokenSigner::FromSpec(std::string_view spec, int leeway_s) {
    std::map<std::string, SecretBytes, std::less<>> keys;
    std::string current;
    std::size_t start = 0;
    while (start <= spec.size()) {
        const std::size_t comma = spec.find(',', start);
        std::string_view item =
            spec.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        while (!item.empty() && item.back() == ' ') {
            item.remove_suffix(1);
        }
        if (!item.empty()) {
            const std::size_t colon = item.find(':');
            if (colon == std::string_view::npos) {
                return Fail(ErrorCode::kInvalidArgument, "secrets: jwt_keys entries must be kid:base64key");
            }
            const std::string kid(item.substr(0, colon));
            if (!IsKid(kid)) {
                return Fail(ErrorCode::kInvalidArgument,
                            "secrets: jwt_keys has a kid that is not 1-32 characters of A-Z a-z 0-9 . _ -");
            }
            auto key = Base64DecodeAny(item.substr(colon + 1));
            if (!key || key->size() < 32) {
                return Fail(ErrorCode::kInvalidArgument,
                            "secrets: jwt_keys key '" + kid + "' must be base64 of at least 32 bytes");
            }
            if (keys.contains(kid)) {
                return Fail(ErrorCode::kInvalidArgument, "secrets: jwt_keys lists kid '" + kid + "' twice");
            }
            if (current.empty()) {
                current = kid;
            }
            keys.emplace(kid, SecretBytes(std::move(*key)));
        }
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    if (keys.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "secrets: jwt_keys has no key");
    }
    return TokenSigner(std::move(keys), std::move(current), leeway_s);
}

std::string TokenSigner::Sign(const AccessClaims& claims) const {
    const nlohmann::json header = {{"alg", kAlg}, {"typ", kType}, {"kid", current_kid_}};
    nlohmann::json payload = {{"iss", kIssuer},
                              {"sub", claims.user_id.str()},
                              {"role", RoleName(claims.role)},
                              {"sid", claims.session_id.str()},
                              {"iat", claims.issued_at},
                              {"exp", claims.expires_at}};
    payload["tenant"] = claims.tenant_id ? nlohmann::json(claims.tenant_id->str()) : nlohmann::json(nullptr);
    std::string signing_input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload.dump());
    const auto mac = HmacSha256(keys_.at(current_kid_).view(), signing_input);
    return signing_input + "." + Base64UrlEncode(AsView(mac));
}

Result<AccessClaims> TokenSigner::Verify(std::string_view token, std::int64_t now_s) const {
    if (token.empty() || token.size() > kMaxTokenBytes) {
        return Fail(Rejected("empty or oversized"));
    }
    const std::size_t dot1 = token.find('.');
    const std::size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
        return Fail(Rejected("not three segments"));
    }
    auto header = ParseObject(token.substr(0, dot1));
    if (!header) {
        return Fail(Rejected("malformed header"));
    }
    // The algorithm is ours to choose, not the token's: anything but exactly HS256 is refused.
    if (StringField(*header, "alg") != kAlg) {
        return Fail(Rejected("alg is not HS256"));
    }
    if (StringField(*header, "typ") != kType) {
        return Fail(Rejected("typ is not at+jwt"));
    }
    if (header->contains("crit")) {
        return Fail(Rejected("crit header present"));
    }
    auto kid = StringField(*header, "kid");
    if (!kid) {
        return Fail(Rejected("no kid"));
    }
    auto key = keys_.find(*kid);
    if (key == keys_.end()) {
        return Fail(Rejected("unknown kid"));
    }
    auto signature = Base64UrlDecode(token.substr(dot2 + 1));
    if (!signature) {
        return Fail(Rejected("malformed signature"));
    }
    const auto expected = HmacSha256(key->second.view(), token.substr(0, dot2));
    if (!ConstantTimeEquals(*signature, AsView(expected))) {
        return Fail(Rejected("bad signature"));
    }

    auto payload = ParseObject(token.substr(dot1 + 1, dot2 - dot1 - 1));
    if (!payload) {
        return Fail(Rejected("malformed payload"));
    }
    if (StringField(*payload, "iss") != kIssuer) {
        return Fail(Rejected("wrong issuer"));
    }
    auto exp = IntField(*payload, "exp");
    auto iat = IntField(*payload, "iat");
    if (!exp || !iat) {
        return Fail(Rejected("exp or iat missing"));
    }
    if (now_s >= *exp + leeway_s_) {
        return Fail(Rejected("expired"));
    }
    if (*iat > now_s + leeway_s_) {
        return Fail(Rejected("issued in the future"));
    }
    if (*iat > *exp) {
        return Fail(Rejected("iat after exp"));
    }
    auto sub = StringField(*payload, "sub");
    auto sid = StringField(*payload, "sid");
    auto role_name = StringField(*payload, "role");
    auto user_id = sub ? UserId::Parse(*sub) : std::nullopt;
    auto session_id = sid ? SessionId::Parse(*sid) : std::nullopt;
    // A missing role reads as an unknown one (ParseRole("") is nullopt), without a conditional
    // optional that GCC's -Wmaybe-uninitialized misreads once IsTenantRole is inlined.
    const std::optional<Role> role = ParseRole(role_name.value_or(std::string()));
    if (!user_id || !session_id || !role) {
        return Fail(Rejected("sub, sid or role missing or malformed"));
    }
    std::optional<TenantId> tenant_id;
    if (auto it = payload->find("tenant"); it != payload->end() && !it->is_null()) {
        if (!it->is_string()) {
            return Fail(Rejected("tenant malformed"));
        }
        tenant_id = TenantId::Parse(it->get<std::string>());
        if (!tenant_id) {
            return Fail(Rejected("tenant malformed"));
        }
    }
    if (IsTenantRole(*role) != tenant_id.has_value()) {
        return Fail(Rejected("role and tenant disagree"));
    }
    return AccessClaims{.user_id = std::move(*user_id),
                        .tenant_id = std::move(tenant_id),
                        .role = *role,
                        .session_id = std::move(*session_id),
                        .issued_at = *iat,
                        .expires_at = *exp};
}

std::string NewJwtKeySpec() {
    std::string date = FormatRfc3339(NowUtc()).substr(0, 10);
    std::erase(date, '-');
    return "k" + date + ":" + Secrets::NewKey();
}

}  // namespace webdpro::auth
