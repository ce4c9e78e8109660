#include "orders/order_consumers.hpp"

#include <chrono>
#include <cstdio>
#include <limits>
#include <optional>

#include "auth/sms.hpp"
#include "core/log.hpp"
#include "core/money.hpp"
#include "orders/order_links.hpp"
#include "orders/order_service.hpp"
#include "storage/db.hpp"

namespace webdpro::orders {
namespace {

// The sum is checked where it is made: a day that cannot take the order's total without passing
// 2^63 - 1 is left as it is (no row changes) instead of failing on an overflow.
constexpr std::string_view kCountSale = R"(
INSERT INTO daily_sales (tenant_id, store_id, day, orders, revenue_paise) VALUES ($1, $2, $3, 1, $4)
ON CONFLICT (tenant_id, store_id, day) DO UPDATE SET orders = daily_sales.orders + 1, revenue_paise = daily_sales.revenue_paise + $4
WHERE daily_sales.revenue_paise <= 9223372036854775807 - $4
)";

// A cancelled order is not revenue: it comes back out of the day it was counted in (the day it
// was placed). The guard makes a cancellation seen before its placement fail, so the dispatcher
// retries it after the ORDER_PLACED has been counted instead of driving the counters negative.
constexpr std::string_view kUncountSale = R"(
UPDATE daily_sales SET orders = orders - 1, revenue_paise = revenue_paise - $4
WHERE tenant_id = $1 AND store_id = $2 AND day = $3 AND orders >= 1 AND revenue_paise >= $4
)";

constexpr std::string_view kOrderPlacedAt = R"(
SELECT store_id, total_paise, created_at FROM orders WHERE tenant_id = $1 AND order_id = $2
)";

constexpr std::string_view kOwnerPhone = R"(
SELECT u.phone, s.business_name FROM stores s
JOIN tenants t ON t.tenant_id = s.tenant_id JOIN users u ON u.user_id = t.owner_user_id
WHERE s.tenant_id = $1 AND s.store_id = $2
)";

constexpr std::string_view kCustomerPhone = R"(
SELECT o.customer_phone_enc, s.business_name, s.slug FROM orders o
JOIN stores s ON s.tenant_id = o.tenant_id AND s.store_id = o.store_id
WHERE o.tenant_id = $1 AND o.order_id = $2
)";

constexpr auto kIndiaOffset = std::chrono::minutes(330);

// Payment events, written by the payments folder (the outbox's types are open-ended strings).
constexpr std::string_view kPaymentSubmitted = "PAYMENT_SUBMITTED";
constexpr std::string_view kPaymentFailed = "PAYMENT_FAILED";
constexpr std::string_view kRefundRequested = "REFUND_REQUESTED";
constexpr std::string_view kRefundProcessed = "REFUND_PROCESSED";
constexpr std::string_view kRefundFailed = "REFUND_FAILED";
// Written by the delivery folder when a store that assigns automatically has no free rider.
constexpr std::string_view kDeliveryWaiting = "DELIVERY_WAITING";
// The reason an unpaid order's reservation ran out (OrderService::ReleaseExpired).
constexpr std::string_view kNotPaidInTime = "payment not received in time";

struct Recipient {
    std::string phone;
    std::string business;
    std::string slug;  ///< the order's store, for its tracking link (customers only)
};

Result<Recipient> OwnerOf(storage::Db& db, const events::Event& event) {
    const std::string store = event.payload.value("store_id", "");
    return db.ReadSync([&](storage::Conn& conn) -> Result<Recipient> {
        auto row = conn.QueryOne(kOwnerPhone, event.tenant_id, store);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        if (!*row) {
            return Fail(ApiError::NotFound("Store"));
        }
        return Recipient{(*row)->Text("phone"), (*row)->Text("business_name"), ""};
    });
}

Result<Recipient> CustomerOf(storage::Db& db, const PiiVault& vault, const events::Event& event) {
    const std::string order = event.payload.value("order_id", "");
    return db.ReadSync([&](storage::Conn& conn) -> Result<Recipient> {
        auto row = conn.QueryOne(kCustomerPhone, event.tenant_id, order);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        if (!*row) {
            return Fail(ApiError::NotFound("Order"));
        }
        auto phone = vault.Decrypt((*row)->BlobAt("customer_phone_enc"), OrderPhoneContext(event.tenant_id));
        if (!phone) {
            return Fail(std::move(phone.error()));
        }
        return Recipient{std::move(*phone), (*row)->Text("business_name"), (*row)->Text("slug")};
    });
}

/// What the owner is asked to pack: an order paid online, or a cash-on-delivery order confirmed.
std::string PackText(const nlohmann::json& p, const std::string& order, const std::string& total) {
    if (p.value("paid", false)) {
        return "New order " + order + " for " + total + ", paid. Open WebDPro to pack it.";
    }
    return "New order " + order + " for " + total + ", cash on delivery: collect " + total +
           ". Open WebDPro to pack it.";
}

/// The customer's text for an event about their order. `tracking` is the order page's address
/// ("" when the site's public origin is not configured): sent with a confirmation and when the
/// order leaves the shop.
std::string CustomerText(const events::Event& event, const std::string& business, const std::string& tracking) {
    const std::string track = tracking.empty() ? "" : " Track it: " + tracking;
    const auto& p = event.payload;
    const std::string order = p.value("order_id", "");
    const std::string total = FormatInr(Paise(p.value("total_paise", std::int64_t{0})));
    if (event.type == kRefundRequested) {
        return business + ": your payment of " + FormatInr(Paise(p.value("amount_paise", std::int64_t{0}))) +
               " for order " + order + " arrived after the order was cancelled. It is being refunded to you.";
    }
    if (event.type == kRefundProcessed && p.value("provider", "") == "RAZORPAY") {
        return business + ": the refund of " + FormatInr(Paise(p.value("amount_paise", std::int64_t{0}))) +
               " for order " + order + " has been processed. Your bank may take 5-7 working days to show it.";
    }
    if (event.type == kRefundProcessed) {
        return business + ": the shop has marked " + FormatInr(Paise(p.value("amount_paise", std::int64_t{0}))) +
               " for order " + order + " as returned to you.";
    }
    if (event.type == kPaymentFailed && p.value("provider", "") == "RAZORPAY") {
        return business + ": your online payment for order " + order +
               " did not go through. You can try again on the order page.";
    }
    if (event.type == kPaymentFailed) {
        return business + ": we did not find your UPI payment with UTR " + p.value("utr", "") + " for order " + order +
               ". Check the UTR and send it again on the order page.";
    }
    if (event.type == events::type::kOrderCancelled) {
        if (p.value("reason", "") == kNotPaidInTime) {
            return business + ": your order " + order + " was cancelled because its payment did not arrive in time.";
        }
        return business + ": your order " + order + " was cancelled.";
    }
    if (event.type == events::type::kOrderConfirmed) {
        return business + ": your order " + order + " for " + total + " is confirmed." + track;
    }
    if (event.type == events::type::kOrderOutForDelivery) {
        return business + ": your order " + order + " is out for delivery." + track;
    }
    return business + ": your order " + order + " was delivered. Thank you!";
}

/// Whether a confirmation asks the owner to pack: not when the owner confirmed it themselves.
bool AsksOwnerToPack(const events::Event& event) {
    return event.type == events::type::kOrderConfirmed && !event.payload.value("by_owner", false);
}

/// An amount of paise in an event's payload: a whole number from 0 to 2^63 - 1, else nullopt.
std::optional<Paise> PaiseIn(const nlohmann::json& payload, std::string_view key) {
    const auto it = payload.find(key);
    if (it == payload.end() || !it->is_number_integer()) {
        return std::nullopt;
    }
    if (it->is_number_unsigned()) {
        const auto value = it->get<std::uint64_t>();
        return value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                   ? std::optional(Paise(static_cast<std::int64_t>(value)))
                   : std::nullopt;
    }
    const auto value = it->get<std::int64_t>();
    return value >= 0 ? std::optional(Paise(value)) : std::nullopt;
}

/// Counts an ORDER_PLACED into its day. An order the counters cannot take (a total that is not a
/// count of paise, or one the day's revenue cannot add without overflowing) is logged and left
/// out: retrying could never succeed, and a dead event would hide every later sale of the
/// dashboard's day behind an error.
Result<void> CountPlaced(storage::Conn& conn, const events::Event& event, Logger* logger) {
    const std::string store = event.payload.value("store_id", "");
    const std::optional<Paise> total = PaiseIn(event.payload, "total_paise");
    const auto at_json = event.payload.find("at");
    const std::int64_t at = at_json != event.payload.end() && at_json->is_number_integer()
                                ? at_json->get<std::int64_t>()
                                : UnixMillis(event.created_at);
    auto skip = [&](std::string_view why) -> Result<void> {
        if (logger != nullptr) {
            logger->Warn("analytics: order left out of the daily sales",
                         {{"event_id", event.id.str()},
                          {"order_id", event.payload.value("order_id", "")},
                          {"store_id", store},
                          {"reason", why}});
        }
        return {};
    };
    if (!total) {
        return skip("total_paise is not a whole number of paise from 0 to 2^63-1");
    }
    auto counted = conn.Exec(kCountSale, event.tenant_id, store, IndiaDay(FromUnixMillis(at)), total->value);
    if (!counted) {
        return Fail(std::move(counted.error()));
    }
    if (*counted == 0) {
        return skip("the day's revenue cannot take this total without overflowing");
    }
    return {};
}

}  // namespace

std::string IndiaDay(TimePoint at) {
    const auto local = std::chrono::floor<std::chrono::days>(at + kIndiaOffset);
    const std::chrono::year_month_day ymd(local);
    char day[16];
    std::snprintf(day, sizeof day, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return day;
}

Result<void> UncountCancelled(storage::Conn& conn, const events::Event& event) {
    const std::string order = event.payload.value("order_id", "");
    auto placed = conn.QueryOne(kOrderPlacedAt, event.tenant_id, order);
    if (!placed) {
        return Fail(std::move(placed.error()));
    }
    if (!*placed) {
        return {};  // nothing was counted for an order that is not there
    }
    const storage::Row& r = **placed;
    auto uncounted = conn.Exec(kUncountSale, event.tenant_id, r.Text("store_id"),
                               IndiaDay(FromUnixMillis(r.Int("created_at"))), r.Int("total_paise"));
    if (!uncounted) {
        return Fail(std::move(uncounted.error()));
    }
    if (*uncounted != 1) {
        return Fail(ApiError::Conflict("the order's sale is not counted yet; retrying the cancellation later"));
    }
    return {};
}

events::Consumer AnalyticsConsumer(Logger* logger) {
    return events::Consumer{
        .name = "analytics",
        .types = {std::string(events::type::kOrderPlaced), std::string(events::type::kOrderCancelled)},
        .apply = [logger](storage::Conn& conn, const events::Event& event) -> Result<void> {
            if (event.type == events::type::kOrderCancelled) {
                return UncountCancelled(conn, event);
            }
            return CountPlaced(conn, event, logger);
        },
        .deliver = {},
    };
}

events::Consumer NotificationsConsumer(storage::Db& db, const PiiVault& vault, auth::SmsSender& sms,
                                       const OrderService& orders, std::string public_origin) {
    while (!public_origin.empty() && public_origin.back() == '/') {
        public_origin.pop_back();
    }
    return events::Consumer{
        .name = "notifications",
        .types = {std::string(events::type::kStockLow), std::string(events::type::kOrderConfirmed),
                  std::string(events::type::kOrderOutForDelivery), std::string(events::type::kOrderDelivered),
                  std::string(events::type::kOrderCancelled), std::string(kPaymentSubmitted),
                  std::string(kPaymentFailed), std::string(kDeliveryWaiting), std::string(kRefundRequested),
                  std::string(kRefundProcessed), std::string(kRefundFailed)},
        .apply = {},
        .deliver = [&db, &vault, &sms, &orders,
                    origin = std::move(public_origin)](const events::Event& event) -> Result<void> {
            const auto& p = event.payload;
            // The owner must act on a refund the platform cannot make: UPI money that went straight
            // to them, or a refund Razorpay failed.
            const bool upi_refund = event.type == kRefundRequested && p.value("provider", "") == "UPI";
            if (upi_refund || event.type == kRefundFailed) {
                auto owner = OwnerOf(db, event);
                if (!owner) {
                    return Fail(std::move(owner.error()));
                }
                const std::string amount = FormatInr(Paise(p.value("amount_paise", std::int64_t{0})));
                const std::string order = p.value("order_id", "");
                return sms.SendBuffered(auth::SmsMessage{
                    .to = owner->phone,
                    .text = upi_refund ? "Order " + order +
                                             " was cancelled after its UPI payment reached your account: "
                                             "pay " +
                                             amount + " back to the customer, then mark it returned in WebDPro."
                                       : "Razorpay could not refund " + amount + " for order " + order +
                                             ". Refund the customer from your Razorpay Dashboard.",
                    .code = ""});
            }
            // A refund asked for by a cancellation is told with the cancellation; only money that
            // came after its order was cancelled needs its own text.
            if (event.type == kRefundRequested && !p.value("late", false)) {
                return {};
            }
            if (event.type == events::type::kStockLow) {
                auto owner = OwnerOf(db, event);
                if (!owner) {
                    return Fail(std::move(owner.error()));
                }
                return sms.SendBuffered(auth::SmsMessage{.to = owner->phone,
                                                         .text = "Low stock: " + p.value("name", "") + " has " +
                                                                 std::to_string(p.value("stock", std::int64_t{0})) +
                                                                 " left. Restock it in WebDPro.",
                                                         .code = ""});
            }
            if (event.type == kDeliveryWaiting) {
                auto owner = OwnerOf(db, event);
                if (!owner) {
                    return Fail(std::move(owner.error()));
                }
                return sms.SendBuffered(
                    auth::SmsMessage{.to = owner->phone,
                                     .text = "Order " + p.value("order_id", "") +
                                             " is ready but no rider is free. Assign a rider in WebDPro.",
                                     .code = ""});
            }
            if (event.type == kPaymentSubmitted) {
                // The owner checks their own account: the money went straight to them.
                auto owner = OwnerOf(db, event);
                if (!owner) {
                    return Fail(std::move(owner.error()));
                }
                const std::string amount = FormatInr(Paise(p.value("amount_paise", std::int64_t{0})));
                return sms.SendBuffered(auth::SmsMessage{
                    .to = owner->phone,
                    .text = "UPI payment to check: " + amount + " for order " + p.value("order_id", "") + ", UTR " +
                            p.value("utr", "") + ". Confirm it in WebDPro when it is in your account.",
                    .code = ""});
            }
            // An order is packed only once it is paid or a cash-on-delivery order is confirmed:
            // ORDER_PLACED alone (an online payment still to come) tells the owner nothing.
            if (AsksOwnerToPack(event)) {
                auto owner = OwnerOf(db, event);
                if (!owner) {
                    return Fail(std::move(owner.error()));
                }
                const std::string total = FormatInr(Paise(p.value("total_paise", std::int64_t{0})));
                if (auto sent = sms.SendBuffered(auth::SmsMessage{
                        .to = owner->phone, .text = PackText(p, p.value("order_id", ""), total), .code = ""});
                    !sent) {
                    return sent;
                }
            }
            auto customer = CustomerOf(db, vault, event);
            if (!customer) {
                return Fail(std::move(customer.error()));
            }
            std::string tracking;
            if (auto id = OrderId::Parse(p.value("order_id", std::string())); id && !origin.empty()) {
                tracking = origin + TrackingPath(customer->slug, *id, orders.TrackingToken(event.tenant_id, *id));
            }
            // Durable at the slice's flush, before the dispatcher records the delivery: one fsync per slice.
            return sms.SendBuffered(auth::SmsMessage{
                .to = customer->phone, .text = CustomerText(event, customer->business, tracking), .code = ""});
        },
        .flush = [&sms]() -> Result<void> { return sms.Flush(); },
    };
}

}  // namespace webdpro::orders
