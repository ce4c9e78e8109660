#pragma once

#include "events/dispatcher.hpp"
#include "http/router.hpp"

namespace webdpro::events {

/// The platform admin's dead letters (permission admin.platform): GET /api/admin/events/dead and
/// POST /api/admin/events/{event_id}/replay. The dispatcher must outlive the router.
void RegisterEventRoutes(http::Router& router, Dispatcher& dispatcher);

}  // namespace webdpro::events
