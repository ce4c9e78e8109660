#pragma once

#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "inventory/inventory_service.hpp"

namespace webdpro::inventory {

/// GET /api/stores/{store_id}/inventory (permission stores.manage): the owner's inventory page
/// (stock, sales, forecast, stock-out, reorder, alerts). GET and PUT
/// /api/stores/{store_id}/inventory/settings: the store's supplier lead time and review period
/// ({"lead_time_days", "review_days"}, whole days 1-60; PUT changes the ones given). The service
/// must outlive the router.
void RegisterInventoryRoutes(http::Router& router, InventoryService& inventory);

/// The report as the API shows it (the Inventory schema of docs/openapi.yaml).
nlohmann::json InventoryJson(const InventoryReport& report);

}  // namespace webdpro::inventory
