#pragma once

#include "auth/auth_service.hpp"
#include "auth/session_http.hpp"
#include "http/router.hpp"
#include "tenancy/tenancy_service.hpp"

namespace webdpro::tenancy {

/// POST /api/tenants (tenant.create), GET/POST /api/agents and DELETE /api/agents/{user_id}
/// (agents.manage). Tenant ids come from the request's principal only. Every reference must outlive the router.
void RegisterTenancyRoutes(http::Router& router, TenancyService& tenancy, auth::AuthService& auth,
                           const auth::SessionCookies& cookies);

}  // namespace webdpro::tenancy
