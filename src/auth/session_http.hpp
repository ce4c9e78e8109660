#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "auth/auth_service.hpp"
#include "core/config.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace webdpro::auth {

/// Cookie names. The access cookie goes with every request (Path=/, SameSite=Lax); the refresh
/// cookie only to /api/auth (SameSite=Strict).
inline constexpr std::string_view kAccessCookie = "wdp_access";
inline constexpr std::string_view kRefreshCookie = "wdp_refresh";

/// How a fresh session reaches the client.
enum class TokenDelivery {
    kCookie,  ///< Set-Cookie (web app)
    kBody,    ///< access_token / refresh_token in the JSON body (API clients using Bearer)
};

/// The value of cookie `name` in the request's Cookie header(s).
std::optional<std::string> CookieValue(const http::Request& request, std::string_view name);
/// The token of "Authorization: Bearer <token>".
std::optional<std::string> BearerToken(const http::Request& request);
/// The access token the caller presented: Bearer first, else the wdp_access cookie (the order the
/// guard uses).
std::optional<std::string> AccessToken(const http::Request& request);
/// Who and where, for audit rows.
RequestMeta MetaOf(const http::Request& request);
/// Body delivery when the caller authenticated by Bearer, cookies otherwise.
TokenDelivery DeliveryOf(const http::Request& request);

/// The account as the API shows it: {"user","role","tenant","memberships","expires_in_s"}.
nlohmann::json AccountJson(const Account& account, std::int64_t now_s);

/// Writes sessions into responses: cookies with the right flags, or tokens in the body.
/// Immutable; thread-safe.
class SessionCookies final {
public:
    struct Options {
        std::string secure = "auto";   ///< auto | always | never (AuthConfig::cookie_secure)
        bool trust_forwarded = false;  ///< ServerConfig::trust_forwarded_for: believe X-Forwarded-Proto
    };
    explicit SessionCookies(Options options) : options_(std::move(options)) {}

    /// Whether cookies for this request get the Secure flag.
    bool Secure(const http::Request& request) const;

    /// `body` (a JSON object) as a response with `status`, carrying `session`: two Set-Cookie
    /// headers, or access_token/refresh_token/token_type fields in the body. Never cached.
    http::Response Respond(const http::Request& request, int status, nlohmann::json body, const SignIn& session,
                           TokenDelivery delivery) const;
    /// Adds Set-Cookie headers that delete both session cookies.
    void Clear(const http::Request& request, http::Response& response) const;

private:
    std::string Cookie(const http::Request& request, std::string_view name, std::string_view value,
                       std::string_view path, std::string_view same_site, int max_age_s) const;

    Options options_;
};

}  // namespace webdpro::auth
