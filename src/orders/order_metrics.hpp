#pragma once

#include <string_view>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>

#include "core/error.hpp"
#include "core/metrics.hpp"
#include "core/time.hpp"
#include "events/outbox.hpp"
#include "orders/order_service.hpp"

namespace webdpro::storage {
class Db;
}

namespace webdpro::orders {

/// The outbox gauges read the events folder's backlog figures.
using events::OutboxState;

/// Order and outbox figures on /metrics, registered once on the process registry. The Metrics
/// object must outlive it. Thread-safe.
class OrderMetrics final {
public:
    explicit OrderMetrics(Metrics& metrics);

    /// A new order (not a retry of one).
    void Placed(PaymentMethod method);
    /// An order moved to `to` (by the owner, or released by the reservation sweep).
    void Transitioned(OrderStatus to, int count = 1);
    void SetOutbox(const OutboxState& state);

private:
    prometheus::Family<prometheus::Counter>& placed_;
    prometheus::Family<prometheus::Counter>& transitions_;
    prometheus::Gauge& outbox_pending_;
    prometheus::Gauge& outbox_dead_;
    prometheus::Gauge& outbox_lag_;
};

}  // namespace webdpro::orders
