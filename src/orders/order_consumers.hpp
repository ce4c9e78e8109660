#pragma once

#include "core/crypto.hpp"
#include "core/log.hpp"
#include "events/dispatcher.hpp"

namespace webdpro::auth {
class SmsSender;
}
namespace webdpro::storage {
class Db;
}

namespace webdpro::orders {

class OrderService;

/// The analytics consumer: counts each ORDER_PLACED into daily_sales (orders, revenue) for the
/// store and the India-time calendar day, and takes each ORDER_CANCELLED back out of the day the
/// order was placed (cancelled orders are not revenue), in the dispatcher's transaction (exactly
/// once, through processed_events). A cancellation seen before its placement is counted fails
/// and is retried. An order the counters cannot take (a total that is not a whole number of paise,
/// or a day whose revenue would overflow) is left out with a warning to `logger` (when given)
/// instead of failing until the event is dead.
events::Consumer AnalyticsConsumer(Logger* logger = nullptr);

/// The notifications consumer: SMS to the owner on STOCK_LOW and, to pack it, on ORDER_CONFIRMED
/// (an order paid, or a cash-on-delivery order confirmed; not when the owner confirmed it by hand,
/// and never on ORDER_PLACED alone: a payment may still be due); to the customer on
/// ORDER_CONFIRMED, ORDER_OUT_FOR_DELIVERY, ORDER_DELIVERED and ORDER_CANCELLED (saying when its
/// payment did not arrive in time). For UPI paid straight to the business: the owner is asked to
/// check their account on PAYMENT_SUBMITTED, the customer to check the UTR on PAYMENT_FAILED. The
/// customer is told of a refund: on REFUND_REQUESTED only for money that came after its order was cancelled, and on
/// REFUND_PROCESSED; the owner when the refund is theirs to make (REFUND_REQUESTED of UPI money paid straight to them)
/// or Razorpay failed it (REFUND_FAILED). The owner is told on DELIVERY_WAITING (a store that assigns riders
/// automatically found none free). Reads the phone numbers from their rows (the order's is decrypted with `vault`).
/// Blocks on the sender: it runs on the dispatcher's thread. The customer's confirmation and out-for-delivery texts
/// carry the order's tracking link when `public_origin` (scheme://host, no trailing slash) is known; without it they
/// carry no link. `db`, `vault`, `sms` and `orders` must outlive the dispatcher.
events::Consumer NotificationsConsumer(storage::Db& db, const PiiVault& vault, auth::SmsSender& sms,
                                       const OrderService& orders, std::string public_origin);

/// "YYYY-MM-DD" of a moment in India time (UTC+05:30).
std::string IndiaDay(TimePoint at);

}  // namespace webdpro::orders
