#include "auth/guard.hpp"

#include <algorithm>
#include <chrono>

#include "auth/policy.hpp"
#include "auth/session_http.hpp"
#include "http/headers.hpp"
#include "http/origin.hpp"

namespace webdpro::auth {
namespace {

bool IsWrite(http::Method method) {
    return method == http::Method::kPost || method == http::Method::kPut || method == http::Method::kPatch ||
           method == http::Method::kDelete;
}

/// "scheme://authority" of an absolute URL (a Referer), or empty.
std::string OriginOfUrl(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return {};
    }
    const auto path = url.find_first_of("/?#", scheme_end + 3);
    return std::string(url.substr(0, path));
}

ApiError RateLimitedError(int retry_after_s) {
    ApiError error(ErrorCode::kRateLimited, "Too many requests. Please slow down and try again shortly.");
    error.retry_after_s = retry_after_s;
    return error;
}

}  // namespace

AuthGuard::AuthGuard(AuthService& auth, AuthMetrics& metrics, GuardOptions options, const SuspendedTenants* suspended)
    : auth_(auth),
      metrics_(metrics),
      options_(std::move(options)),
      suspended_(suspended),
      ip_limiter_(options_.ip_per_min, std::chrono::minutes(1)),
      principal_limiter_(options_.principal_per_min, std::chrono::minutes(1)) {}

http::Response AuthGuard::Refuse(ApiError error, std::string_view metric_reason) {
    if (error.code == ErrorCode::kRateLimited) {
        metrics_.RateLimited(metric_reason);
    } else {
        metrics_.AuthRejected(metric_reason);
    }
    return http::Response::Error(std::move(error));
}

bool AuthGuard::OriginAllowed(const http::Request& request, std::string_view origin) const {
    if (origin.empty() || origin == "null") {
        return false;
    }
    if (std::find(options_.cors_origins.begin(), options_.cors_origins.end(), origin) != options_.cors_origins.end()) {
        return true;
    }
    // Scheme, host and port all count: https://host is another site than http://host.
    const auto from = http::ParseOrigin(origin);
    if (!from) {
        return false;
    }
    if (!options_.public_origin.empty()) {
        return from == http::ParseOrigin(options_.public_origin);
    }
    return from == http::RequestOrigin(request, options_.trust_forwarded_proto);
}

boost::asio::awaitable<std::optional<http::Response>> AuthGuard::Check(http::Request& request,
                                                                       const http::Route& route) {
    if (auto ip = ip_limiter_.Take(request.remote); !ip.allowed) {
        co_return Refuse(RateLimitedError(ip.retry_after_s), "ip");
    }

    const bool bearer = BearerToken(request).has_value();
    std::optional<std::string> token = AccessToken(request);

    if (IsWrite(request.method) && !bearer) {
        std::string origin(request.Header("Origin").value_or(""));
        if (origin.empty()) {
            origin = OriginOfUrl(request.Header("Referer").value_or(""));
        }
        const bool has_session_cookie =
            CookieValue(request, kAccessCookie).has_value() || CookieValue(request, kRefreshCookie).has_value();
        if (!origin.empty() ? !OriginAllowed(request, origin) : has_session_cookie) {
            co_return Refuse(ApiError(ErrorCode::kForbidden, "This request did not come from the WebDPro app.",
                                      "origin check failed: '" + origin + "'"),
                             "origin");
        }
    }

    std::optional<AccessClaims> claims;
    std::optional<ApiError> auth_error;
    if (token) {
        auto authenticated = co_await auth_.Authenticate(*token);
        if (authenticated) {
            claims = std::move(*authenticated);
        } else if (authenticated.error().code != ErrorCode::kUnauthenticated) {
            // The session store is down: say so rather than pretending the caller is anonymous.
            co_return http::Response::Error(std::move(authenticated.error()));
        } else {
            auth_error = std::move(authenticated.error());
        }
    }

    if (claims) {
        if (auto p = principal_limiter_.Take(claims->user_id.str()); !p.allowed) {
            co_return Refuse(RateLimitedError(p.retry_after_s), "principal");
        }
        request.principal = claims->ToPrincipal();
    }

    if (route.options.permission.empty()) {
        co_return std::nullopt;
    }
    if (!claims) {
        if (auth_error) {
            co_return Refuse(std::move(*auth_error), "invalid");
        }
        co_return Refuse(ApiError(ErrorCode::kUnauthenticated, "Please sign in.", "no credentials"), "missing");
    }
    if (auto allowed = Policy::Authorize(*request.principal, route.options.permission); !allowed) {
        co_return Refuse(std::move(allowed.error()), "forbidden");
    }
    // Suspension keeps the tenant's people signed in (they can read why) but stops every action
    // on the tenant; nothing of it is deleted.
    const PermissionRule* rule = Policy::Find(route.options.permission);
    if (suspended_ != nullptr && rule != nullptr && rule->scope == Scope::kTenant && request.principal->tenant_id &&
        suspended_->Contains(*request.principal->tenant_id)) {
        co_return Refuse(ApiError(ErrorCode::kForbidden,
                                  "This business is suspended by WebDPro. Contact WebDPro support to restore it.",
                                  "tenant " + request.principal->tenant_id->str() + " is suspended"),
                         "suspended");
    }
    co_return std::nullopt;
}

Result<void> AuthGuard::CheckRoutes(const http::Router& router) {
    std::vector<Policy::TaggedRoute> routes;
    for (const auto& route : router.Routes()) {
        routes.push_back({route.method, route.pattern, route.permission});
    }
    return Policy::CheckRoutes(routes);
}

}  // namespace webdpro::auth
