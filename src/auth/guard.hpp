#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/auth_metrics.hpp"
#include "auth/auth_service.hpp"
#include "auth/suspended_tenants.hpp"
#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "core/rate_limiter.hpp"
#include "http/router.hpp"

namespace webdpro::auth {

struct GuardOptions {
    int ip_per_min = 1000;         ///< 0 = off
    int principal_per_min = 1000;  ///< 0 = off
    /// Origins allowed to send cookie-authenticated writes besides the server's own.
    std::vector<std::string> cors_origins{};
    /// The server's own origin (scheme, host and port compared); empty = the origin the request was
    /// sent to: its Host, on http unless a trusted proxy's X-Forwarded-Proto says https.
    std::string public_origin{};
    /// ServerConfig::trust_forwarded_for: believe X-Forwarded-Proto when public_origin is empty.
    bool trust_forwarded_proto = false;
};

/// The one place where requests are authenticated, rate limited and authorized. Installed as the
/// router's guard, so it runs before every matched route's handler, public ones included:
///
///  1. token bucket per client IP (every route) → 429 + Retry-After;
///  2. credentials: `Authorization: Bearer <jwt>`, else the `wdp_access` cookie;
///  3. CSRF: a write (POST/PUT/PATCH/DELETE) not authenticated by Bearer must come from an allowed
///     Origin (or Referer): the server's own (same scheme, host and port) or one of cors_origins
///     → else 403. A write carrying session cookies without any Origin/Referer is refused too;
///  4. the token is verified and its session must be active (AuthService::Authenticate);
///  5. public routes (empty permission) continue, with the principal when there is one;
///  6. protected routes need a principal (401), pass the per-principal bucket (429), and the
///     policy table must grant the route's permission to the principal's role (403);
///  7. a tenant-scoped route of a suspended tenant (see SuspendedTenants) → 403 "This business
///     is suspended".
/// On success the principal is stored in Request::principal and the way it authenticated in
/// Request::context[kAuthViaKey].
///
/// Thread-safe; `auth`, `metrics` and `suspended` (when given) must outlive it.
class AuthGuard final {
public:
    AuthGuard(AuthService& auth, AuthMetrics& metrics, GuardOptions options,
              const SuspendedTenants* suspended = nullptr);

    /// The guard itself: nullopt lets the handler run; a response short-circuits it.
    boost::asio::awaitable<std::optional<http::Response>> Check(http::Request& request, const http::Route& route);

    /// Every route's permission must be in the policy table; call after all routes are registered
    /// (an error stops start-up).
    static Result<void> CheckRoutes(const http::Router& router);

    /// True when `origin` ("https://host:port") may send cookie-authenticated writes to `request`.
    bool OriginAllowed(const http::Request& request, std::string_view origin) const;

private:
    http::Response Refuse(ApiError error, std::string_view metric_reason);

    AuthService& auth_;
    AuthMetrics& metrics_;
    GuardOptions options_;
    const SuspendedTenants* suspended_;
    RateLimiter ip_limiter_;
    RateLimiter principal_limiter_;
};

}  // namespace webdpro::auth
