#pragma once

#include "admin/admin_console.hpp"
#include "http/router.hpp"

namespace webdpro::admin {

/// The platform console's API (permission admin.platform, SUPER_ADMIN only):
/// GET /api/admin/overview, GET /api/admin/tenants, GET /api/admin/tenants/{tenant_id},
/// POST /api/admin/tenants/{tenant_id}/suspend | restore | plan, GET /api/admin/ai/usage and
/// GET /api/admin/audit. `console` must outlive the router.
void RegisterAdminRoutes(http::Router& router, AdminConsole& console);

}  // namespace webdpro::admin
