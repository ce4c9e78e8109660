#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "orders/order.hpp"
#include "payments/razorpay.hpp"
#include "stores/store_directory.hpp"

namespace webdpro {
class PiiVault;
}  // namespace webdpro
namespace webdpro::storage {
class Db;
}  // namespace webdpro::storage
namespace webdpro::orders {
class OrderReports;
}  // namespace webdpro::orders

namespace webdpro::payments {

/// What the store's page needs to open Razorpay Standard Checkout for an order, and where the
/// order's payment stands.
struct RazorpayCheckout {
    std::string state;  ///< AWAITING_PAYMENT, PAID or CANCELLED
    std::string key_id;
    std::string razorpay_order_id;
    Paise amount;
    std::string currency = "INR";
    std::string name;        ///< the store's name, shown in Checkout
    std::string script_url;  ///< the Checkout script to load
};

/// What a webhook delivery did (the answer is 200 in every case but a refused signature).
struct WebhookOutcome {
    bool duplicate = false;  ///< this event id was applied before: nothing done
    std::string outcome;     ///< "applied: CAPTURED", "ignored: …"
};

struct RazorpayOptions {
    std::string checkout_script;
    /// The reconciler first asks Razorpay about a payment this long after its Razorpay order was
    /// created, then waits twice as long each time, up to `reconcile_max`.
    std::chrono::milliseconds reconcile_after{60000};
    std::chrono::milliseconds reconcile_max{30 * 60 * 1000};
};

/// Razorpay Standard Checkout for a business's own Razorpay account.
///
/// StartCheckout creates the Razorpay order (amount in paise from our order's total, receipt = our
/// order id, notes with tenant and store) once per order and records it as a CREATED payment.
/// Verify (the browser's Checkout answer) and Webhook (Razorpay's own news) feed one forward-only
/// state machine (payment_state.hpp) in one transaction each: CAPTURED confirms the order as paid
/// through `orders::OrderService::ConfirmPaidInTx` with PAYMENT_CAPTURED in the outbox; FAILED
/// writes PAYMENT_FAILED and leaves the order waiting for another attempt until its reservation
/// runs out. Whatever order the news arrives in, the result is the same, and a paid order never
/// moves back. The Razorpay order id is always ours (from the database), never the browser's.
/// Thread-safe; every reference must outlive it.
class RazorpayService final {
public:
    RazorpayService(storage::Db& db, const PiiVault& vault, RazorpayApi& api, orders::OrderReports& reports,
                    RazorpayOptions options);

    /// The Checkout of the store's Razorpay order, creating the Razorpay order on first call.
    /// kNotFound for an order of another store or not paid by Razorpay; kConflict when the
    /// business has no Razorpay keys; Razorpay's own errors (kTimeout, kUnavailable, …) as they come.
    boost::asio::awaitable<Result<RazorpayCheckout>> StartCheckout(stores::StoreRef store, OrderId order);

    /// Checks Checkout's answer: the signature of `<our razorpay order id>|payment_id` under the
    /// key secret. kInvalidArgument (nothing changes) for a signature that does not match;
    /// kNotFound as StartCheckout; kConflict when no Razorpay order was created for it.
    boost::asio::awaitable<Result<RazorpayCheckout>> Verify(stores::StoreRef store, OrderId order,
                                                            std::string payment_id, std::string signature);

    /// One webhook delivery for `tenant`: the signature over the raw body under that tenant's
    /// webhook secret, the event id seen at most once, then the event applied. kNotFound for a
    /// tenant without a webhook secret; kInvalidArgument for a signature that does not match, a
    /// missing event id or a body that is no Razorpay event (nothing changes then).
    boost::asio::awaitable<Result<WebhookOutcome>> Webhook(TenantId tenant, std::string raw_body, std::string signature,
                                                           std::string event_id);

    /// The reconciler: asks Razorpay (GET /v1/orders/{id}/payments) about payments not captured
    /// whose turn has come (reconcile_after after their Razorpay order was created, oldest turn
    /// first) and feeds what it says to the same state machine as Verify and Webhook: a captured
    /// payment of the order's amount (taken while this server missed both the Checkout answer and
    /// the webhook, e.g. it was killed in between) pays the order; else an authorised one, else a
    /// failed attempt, is recorded. An order no longer waiting for payment is not asked about
    /// again; otherwise the wait before the next question doubles (also when Razorpay could not be
    /// asked), up to reconcile_max. For a background loop; returns how many payments it asked
    /// about (an error only for the database).
    boost::asio::awaitable<Result<int>> Reconcile(TimePoint now);

private:
    boost::asio::awaitable<Result<RazorpayCheckout>> CheckoutOf(const stores::StoreRef& store, const OrderId& order);

    storage::Db& db_;
    const PiiVault& vault_;
    RazorpayApi& api_;
    orders::OrderReports& reports_;
    RazorpayOptions options_;
};

}  // namespace webdpro::payments
