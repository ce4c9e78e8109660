#pragma once

#include <memory>

#include "http/router.hpp"
#include "orders/invoice.hpp"

namespace webdpro::orders {

/// The owner's GST routes (permission orders.manage): PUT / DELETE /api/tenant/gstin, and
/// GET /api/orders/{order_id}/invoice (printable HTML) and /invoice.json. The service is shared
/// by the handlers.
void RegisterInvoiceRoutes(http::Router& router, std::shared_ptr<InvoiceService> invoices);

}  // namespace webdpro::orders
