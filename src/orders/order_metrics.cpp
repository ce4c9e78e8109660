#include "orders/order_metrics.hpp"

#include <string>

namespace webdpro::orders {
OrderMetrics::OrderMetrics(Metrics& metrics)
    : placed_(prometheus::BuildCounter()
                  .Name("webdpro_orders_placed_total")
                  .Help("Orders placed, by payment method (COD, UPI, RAZORPAY); retries of one order count once.")
                  .Register(metrics.registry())),
      transitions_(prometheus::BuildCounter()
                       .Name("webdpro_order_transitions_total")
                       .Help("Order status changes by the status moved to.")
                       .Register(metrics.registry())),
      outbox_pending_(prometheus::BuildGauge()
                          .Name("webdpro_outbox_pending")
                          .Help("Outbox events waiting for the dispatcher.")
                          .Register(metrics.registry())
                          .Add({})),
      outbox_dead_(prometheus::BuildGauge()
                       .Name("webdpro_outbox_dead")
                       .Help("Outbox events that ran out of attempts (see /api/admin/events/dead).")
                       .Register(metrics.registry())
                       .Add({})),
      outbox_lag_(prometheus::BuildGauge()
                      .Name("webdpro_outbox_lag_seconds")
                      .Help("Age of the oldest pending outbox event; 0 when none is pending.")
                      .Register(metrics.registry())
                      .Add({})) {
    // Known series start at zero, so dashboards and alerts see them before the first order.
    for (PaymentMethod method : {PaymentMethod::kCod, PaymentMethod::kUpi, PaymentMethod::kRazorpay}) {
        placed_.Add({{"method", std::string(PaymentMethodName(method))}});
    }
    using enum OrderStatus;
    for (OrderStatus status : {kConfirmed, kPacked, kOutForDelivery, kDelivered, kCancelled}) {
        transitions_.Add({{"status", std::string(StatusName(status))}});
    }
}

void OrderMetrics::Placed(PaymentMethod method) {
    placed_.Add({{"method", std::string(PaymentMethodName(method))}}).Increment();
}

void OrderMetrics::Transitioned(OrderStatus to, int count) {
    transitions_.Add({{"status", std::string(StatusName(to))}}).Increment(count);
}

void OrderMetrics::SetOutbox(const OutboxState& state) {
    outbox_pending_.Set(static_cast<double>(state.pending));
    outbox_dead_.Set(static_cast<double>(state.dead));
    outbox_lag_.Set(state.oldest_pending_age_s);
}

}  // namespace webdpro::orders
