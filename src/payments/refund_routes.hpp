#pragma once

#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "orders/order_service.hpp"
#include "payments/refund_service.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::payments {

/// Refunds. The owner's: `GET /api/orders/{order_id}/refunds` (an order's refunds),
/// `GET /api/payments/refunds` (the business's newest refunds), `POST /api/refunds/{refund_id}/returned`
/// (a UPI refund the owner sent back by hand). The customer's, behind the order's tracking token:
/// `GET /s/{slug}/api/orders/{order_id}/refunds?t=…`.
void RegisterRefundRoutes(http::Router& router, RefundService& refunds, orders::OrderService& orders,
                          stores::StoreDirectory& directory);

/// A refund as the API answers it. `for_owner` adds who marked it returned and the reason's detail.
nlohmann::json RefundJson(const Refund& refund, bool for_owner);

}  // namespace webdpro::payments
