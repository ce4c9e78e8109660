#pragma once

#include "http/router.hpp"
#include "orders/order_metrics.hpp"
#include "orders/order_reports.hpp"
#include "orders/order_service.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::orders {

/// The owner's order routes (permission orders.manage: GET /api/stores/{store_id}/orders,
/// GET /api/orders/{order_id}, POST /api/orders/{order_id}/status, GET /api/tenant/sales), the
/// customer's own orders (permission me: GET /api/me/orders), the storefront's public ones
/// (POST /s/{slug}/api/orders, GET /s/{slug}/api/orders/{order_id}?t=TOKEN), and the invoice
/// routes of invoice_routes.hpp. Every reference must outlive the router.
void RegisterOrderRoutes(http::Router& router, OrderService& orders, stores::StoreDirectory& directory,
                         OrderReports& reports, OrderMetrics& metrics);

/// The order as the API shows it. The phone only when the order carries one (the owner's view).
nlohmann::json OrderJson(const Order& order);

/// The owner's view: OrderJson plus `links` {whatsapp (chat with the customer about this order,
/// in the store's language), tracking}, `allowed_transitions` and `invoice_available`.
nlohmann::json OwnerOrderJson(const Order& order, const OrderStoreInfo& store, const OrderService& orders);

}  // namespace webdpro::orders
