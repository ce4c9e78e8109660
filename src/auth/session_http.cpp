#include "auth/session_http.hpp"

#include "core/time.hpp"
#include "http/headers.hpp"

namespace webdpro::auth {
namespace {

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

nlohmann::json MembershipJson(const MembershipView& m) {
    return {{"tenant_id", m.tenant_id.str()}, {"business_name", m.business_name}, {"role", RoleName(m.role)}};
}

}  // namespace

std::optional<std::string> CookieValue(const http::Request& request, std::string_view name) {
    for (const auto& [field, value] : request.headers) {
        if (!http::EqualsIgnoreCase(field, "Cookie")) {
            continue;
        }
        std::string_view rest = value;
        while (!rest.empty()) {
            const auto semi = rest.find(';');
            const std::string_view pair = Trim(rest.substr(0, semi));
            rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
            const auto eq = pair.find('=');
            if (eq == std::string_view::npos || Trim(pair.substr(0, eq)) != name) {
                continue;
            }
            std::string_view v = Trim(pair.substr(eq + 1));
            if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
                v = v.substr(1, v.size() - 2);
            }
            if (v.empty()) {
                return std::nullopt;
            }
            return std::string(v);
        }
    }
    return std::nullopt;
}

std::optional<std::string> BearerToken(const http::Request& request) {
    auto header = request.Header("Authorization");
    if (!header) {
        return std::nullopt;
    }
    std::string_view value = Trim(*header);
    constexpr std::string_view kScheme = "bearer ";
    if (value.size() <= kScheme.size() || !http::EqualsIgnoreCase(value.substr(0, kScheme.size()), kScheme)) {
        return std::nullopt;
    }
    const std::string_view token = Trim(value.substr(kScheme.size()));
    if (token.empty()) {
        return std::nullopt;
    }
    return std::string(token);
}

RequestMeta MetaOf(const http::Request& request) {
    return RequestMeta{.request_id = request.request_id,
                       .client_ip = request.remote,
                       .user_agent = std::string(request.Header("User-Agent").value_or(""))};
}

std::optional<std::string> AccessToken(const http::Request& request) {
    if (auto bearer = BearerToken(request)) {
        return bearer;
    }
    return CookieValue(request, kAccessCookie);
}

TokenDelivery DeliveryOf(const http::Request& request) {
    return BearerToken(request) ? TokenDelivery::kBody : TokenDelivery::kCookie;
}

nlohmann::json AccountJson(const Account& account, std::int64_t now_s) {
    nlohmann::json memberships = nlohmann::json::array();
    for (const auto& m : account.memberships) {
        memberships.push_back(MembershipJson(m));
    }
    nlohmann::json tenant = nullptr;
    if (account.tenant) {
        tenant = {{"id", account.tenant->tenant_id.str()}, {"business_name", account.tenant->business_name}};
    }
    return {{"user", {{"id", account.user.id.str()}, {"phone", account.user.phone}, {"name", account.user.name}}},
            {"role", RoleName(account.role)},
            {"tenant", std::move(tenant)},
            {"memberships", std::move(memberships)},
            {"expires_in_s", std::max<std::int64_t>(0, account.access_expires_at - now_s)}};
}

bool SessionCookies::Secure(const http::Request& request) const {
    if (options_.secure == "always") {
        return true;
    }
    if (options_.secure == "never" || !options_.trust_forwarded) {
        return false;
    }
    auto proto = request.Header("X-Forwarded-Proto");
    if (!proto) {
        return false;
    }
    // The first value is the client's hop.
    std::string_view first = Trim(proto->substr(0, proto->find(',')));
    return http::EqualsIgnoreCase(first, "https");
}

std::string SessionCookies::Cookie(const http::Request& request, std::string_view name, std::string_view value,
                                   std::string_view path, std::string_view same_site, int max_age_s) const {
    std::string cookie = std::string(name) + "=" + std::string(value) + "; Path=" + std::string(path) +
                         "; Max-Age=" + std::to_string(max_age_s) + "; HttpOnly; SameSite=" + std::string(same_site);
    if (Secure(request)) {
        cookie += "; Secure";
    }
    return cookie;
}

http::Response SessionCookies::Respond(const http::Request& request, int status, nlohmann::json body,
                                       const SignIn& session, TokenDelivery delivery) const {
    if (delivery == TokenDelivery::kBody) {
        body["access_token"] = session.access_token;
        body["refresh_token"] = session.refresh_token;
        body["token_type"] = "Bearer";
        body["refresh_expires_in_s"] = session.refresh_ttl_s;
    }
    http::Response response = http::Response::Json(status, body);
    if (delivery == TokenDelivery::kCookie) {
        response.headers.Add("Set-Cookie",
                             Cookie(request, kAccessCookie, session.access_token, "/", "Lax", session.access_ttl_s));
        response.headers.Add("Set-Cookie", Cookie(request, kRefreshCookie, session.refresh_token, "/api/auth", "Strict",
                                                  session.refresh_ttl_s));
    }
    return response;
}

void SessionCookies::Clear(const http::Request& request, http::Response& response) const {
    response.headers.Add("Set-Cookie", Cookie(request, kAccessCookie, "", "/", "Lax", 0));
    response.headers.Add("Set-Cookie", Cookie(request, kRefreshCookie, "", "/api/auth", "Strict", 0));
    response.headers.Set("Cache-Control", "no-store");
}

}  // namespace webdpro::auth
