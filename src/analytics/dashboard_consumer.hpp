#pragma once

#include "events/dispatcher.hpp"

namespace webdpro::analytics {

/// The outbox consumer that keeps the owner's dashboard sums (analytics_* tables). On each order
/// event (ORDER_PLACED, ORDER_CONFIRMED, ORDER_DELIVERED, ORDER_CANCELLED, PAYMENT_CAPTURED) it
/// reads the order as it stands and moves the order's contribution to its India day from what was
/// counted before to what it is now: pending until paid online or its cash is collected at the
/// door, then revenue; out of every figure but the cancelled count once cancelled. It runs in the
/// dispatcher's transaction, once per event (processed_events); since it counts the order's state
/// rather than the event, a late or repeated event changes nothing. REFUND_PROCESSED adds one refund
/// and its amount to the store's India day it was processed, apart from revenue (the cancelled
/// order it belongs to is already out of the revenue).
events::Consumer DashboardConsumer();

}  // namespace webdpro::analytics
