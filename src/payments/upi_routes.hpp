#pragma once

#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "orders/order_service.hpp"
#include "payments/upi_service.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::payments {

/// UPI straight to the merchant. The customer's routes on a published store, behind the order's
/// tracking token (`t`, as in the tracking link; a wrong token is a missing order):
/// `GET /s/{slug}/api/orders/{order_id}/upi` (the link and state), `GET …/upi/qr.svg` (the QR
/// code of the link), `POST …/upi` {"utr"} (the customer's UTR). The owner's:
/// `GET /api/payments/upi/waiting`, `POST /api/payments/{payment_id}/confirm` and `…/reject`.
void RegisterUpiRoutes(http::Router& router, UpiService& upi, orders::OrderService& orders,
                       stores::StoreDirectory& directory);

nlohmann::json UpiPayInfoJson(const UpiPayInfo& info);

}  // namespace webdpro::payments
