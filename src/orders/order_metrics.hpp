#pragma once

#include <string_view>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>

#include "core/error.hpp"
#include "core/metrics.hpp"
#include "core/time.hpp"
#include "orders/order_service.hpp"

namespace webdpro::storage {
class Db;
}

namespace webdpro::orders {

/// What the outbox holds: the dispatcher's backlog and its dead letters.
struct OutboxState {
    std::int64_t pending = 0;
    std::int64_t dead = 0;
    double oldest_pending_age_s = 0;  ///< 0 when nothing is pending
};

/// Reads the outbox's PENDING / DEAD counts and the age of the oldest PENDING event (through the
/// outbox_by_status index). Blocking: call from a background thread, not an I/O thread.
Result<OutboxState> ReadOutboxState(storage::Db& db, TimePoint now);

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
