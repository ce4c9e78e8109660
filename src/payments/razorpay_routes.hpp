#pragma once

#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "orders/order_routes.hpp"
#include "orders/order_service.hpp"
#include "payments/razorpay_service.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::payments {

/// Razorpay Standard Checkout. The customer's routes on a published store, behind the order's
/// tracking token (`t`; a wrong token is a missing order): `POST /s/{slug}/api/orders/{order_id}/razorpay`
/// (what Checkout needs; creates the Razorpay order on first call) and `POST …/razorpay/verify`
/// {razorpay_payment_id, razorpay_signature} (Checkout's answer, checked against our Razorpay
/// order id). Razorpay's: `POST /api/webhooks/razorpay/{tenant_id}` (signed with that business's
/// webhook secret; 200 for every delivery it accepted, repeats included).
void RegisterRazorpayRoutes(http::Router& router, RazorpayService& razorpay, orders::OrderService& orders,
                            stores::StoreDirectory& directory);

nlohmann::json RazorpayCheckoutJson(const RazorpayCheckout& checkout);

/// Starts Razorpay Checkout for an order as it is placed (the placement's answer carries it).
class RazorpayStarter final : public orders::PaymentStarter {
public:
    explicit RazorpayStarter(RazorpayService& razorpay) : razorpay_(razorpay) {}
    boost::asio::awaitable<Result<nlohmann::json>> Start(const stores::StoreRef& store,
                                                         const orders::Order& order) override;

private:
    RazorpayService& razorpay_;
};

}  // namespace webdpro::payments
