#pragma once

#include "http/router.hpp"
#include "orders/order_metrics.hpp"
#include "orders/order_reports.hpp"
#include "orders/order_service.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::orders {

/// Starts the online payment of an order as it is placed, so the placement's answer carries what
/// the store's page needs to take the money (implemented above orders, by payments). An error
/// leaves the order placed and waiting for payment: the page can start the payment again.
class PaymentStarter {
public:
    virtual ~PaymentStarter() = default;
    virtual boost::asio::awaitable<Result<nlohmann::json>> Start(const stores::StoreRef& store, const Order& order) = 0;
};

/// The owner's order routes (permission orders.manage: GET /api/stores/{store_id}/orders,
/// GET /api/orders/{order_id}, POST /api/orders/{order_id}/status, GET /api/tenant/sales), the
/// customer's own orders (permission me: GET /api/me/orders), the storefront's public ones
/// (POST /s/{slug}/api/orders, GET /s/{slug}/api/orders/{order_id}?t=TOKEN), and the invoice
/// routes of invoice_routes.hpp. A Razorpay order's placement answer carries `razorpay` from
/// `razorpay` when given (or `razorpay_error`). Every reference must outlive the router.
void RegisterOrderRoutes(http::Router& router, OrderService& orders, stores::StoreDirectory& directory,
                         OrderReports& reports, OrderMetrics& metrics, PaymentStarter* razorpay = nullptr);

/// The order as the API shows it. The phone only when the order carries one (the owner's view).
nlohmann::json OrderJson(const Order& order);

/// The owner's view: OrderJson plus `links` {whatsapp (chat with the customer about this order,
/// in the store's language), tracking}, `allowed_transitions` and `invoice_available`.
nlohmann::json OwnerOrderJson(const Order& order, const OrderStoreInfo& store, const OrderService& orders);

}  // namespace webdpro::orders
