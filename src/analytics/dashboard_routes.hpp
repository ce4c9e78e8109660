#pragma once

#include "analytics/dashboard_service.hpp"
#include "http/router.hpp"

namespace webdpro::analytics {

/// GET /api/tenant/dashboard (the figures as JSON), /api/tenant/dashboard/orders.csv and
/// /api/tenant/dashboard/sales.csv, each with ?range=today|7d|30d|custom&from=&to= and an optional
/// store_id; permission `orders.manage` (the business owner). A bad range is 400 naming the field;
/// a store of another tenant, or an id that is not one, 404. `service` must outlive the router.
void RegisterDashboardRoutes(http::Router& router, DashboardService& service);

}  // namespace webdpro::analytics
