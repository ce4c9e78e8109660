#pragma once

#include "auth/auth_service.hpp"
#include "auth/session_http.hpp"
#include "http/router.hpp"

namespace webdpro::auth {

/// POST /api/auth/otp, /api/auth/verify, /api/auth/refresh, /api/auth/logout, /api/auth/switch and
/// GET /api/me. Handlers only parse, call AuthService and shape the answer; authentication,
/// rate limits and authorization happen in AuthGuard. `auth` and `cookies` must outlive the router.
void RegisterAuthRoutes(http::Router& router, AuthService& auth, const SessionCookies& cookies);

}  // namespace webdpro::auth
