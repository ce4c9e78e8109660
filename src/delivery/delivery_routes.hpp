#pragma once

#include <nlohmann/json.hpp>

#include "delivery/delivery_service.hpp"
#include "delivery/tracking_hub.hpp"
#include "http/router.hpp"
#include "orders/order_service.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::delivery {

/// The owner's riders, store delivery settings, assignment, deliveries and cash ledger
/// (`deliveries.manage`); the rider's profile, deliveries, steps and location (`/api/agent/…`,
/// `deliveries.ride`); and the customer's tracking of an order
/// (`GET /s/{slug}/api/orders/{order_id}/tracking?t=…`, public with the order's tracking token), live
/// over server-sent events (`…/events?t=…`, fed by `hub`, which every committed rider step and fix
/// made here notifies).
void RegisterDeliveryRoutes(http::Router& router, DeliveryService& deliveries, orders::OrderService& orders,
                            stores::StoreDirectory& directory, TrackingHub& hub);

nlohmann::json RiderJson(const Rider& rider);
nlohmann::json DeliveryJson(const Delivery& delivery);

}  // namespace webdpro::delivery
