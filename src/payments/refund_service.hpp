#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "events/dispatcher.hpp"
#include "payments/razorpay.hpp"
#include "payments/refund_state.hpp"
#include "stores/store_directory.hpp"

namespace webdpro {
class PiiVault;
}  // namespace webdpro
namespace webdpro::storage {
class Conn;
class Db;
}  // namespace webdpro::storage

namespace webdpro::payments {

/// Outbox event types of refunds (payload: refund_id, order_id, store_id, payment_id, provider,
/// amount_paise, reason, at; REFUND_REQUESTED also `late` (the money came after the order was
/// cancelled), REFUND_FAILED also `error`).
inline constexpr std::string_view kRefundRequested = "REFUND_REQUESTED";
inline constexpr std::string_view kRefundProcessed = "REFUND_PROCESSED";
inline constexpr std::string_view kRefundFailed = "REFUND_FAILED";

/// Why a refund was made (the refunds table's reason).
inline constexpr std::string_view kRefundOrderCancelled = "order cancelled";
inline constexpr std::string_view kRefundLatePayment = "paid after the order was cancelled";

/// One refund as the owner and the customer see it.
struct Refund {
    RefundId id;
    OrderId order;
    PaymentId payment;
    RefundProvider provider = RefundProvider::kRazorpay;
    Paise amount;
    RefundState state = RefundState::kRequested;
    std::string reason;
    std::string provider_refund_id;  ///< rfnd_…, "" until Razorpay named it
    std::string error;               ///< why it failed
    std::optional<UserId> processed_by;
    TimePoint created_at;
    std::optional<TimePoint> processed_at;
};

/// Inside the caller's transaction: a refund in full of each CAPTURED payment of `order` that has
/// none yet (a payment is refunded once, whoever asks), with REFUND_REQUESTED in the outbox. A
/// Razorpay refund is first asked about by the reconciler `reconcile_after` from now; a UPI refund
/// is the owner's to make by hand. Returns the refunds made (none: nothing was paid, or it was
/// refunded already).
Result<std::vector<RefundId>> RequestRefundsInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                                 std::string_view reason, TimePoint now,
                                                 std::chrono::milliseconds reconcile_after);

/// What a refund.processed / refund.failed webhook said, applied inside the webhook's transaction
/// to the refund it names (by Razorpay's refund id, else by the refund id we sent in its notes).
/// kNotFound when this business has no such refund.
Result<std::string> ApplyRazorpayRefundEventInTx(storage::Conn& conn, const TenantId& tenant,
                                                 const RazorpayEvent& event, TimePoint now);

struct RefundOptions {
    /// The reconciler first asks Razorpay about a refund still REQUESTED this long after it was
    /// made, then twice as long each time, up to `reconcile_max`.
    std::chrono::milliseconds reconcile_after{60000};
    std::chrono::milliseconds reconcile_max{30 * 60 * 1000};
};

/// Refunds of paid orders (refund_state.hpp has the machine).
///
/// Cancelling an order whose payment was captured refunds it: the ORDER_CANCELLED consumer records
/// the refund (REQUESTED) and REFUND_REQUESTED; the REFUND_REQUESTED consumer sends a Razorpay
/// refund with our refund id as X-Refund-Idempotency (retried by the dispatcher with backoff, the
/// same refund however often it is sent). Razorpay's answer, its refund webhooks and the
/// reconciler move it to PROCESSED or FAILED, with REFUND_PROCESSED / REFUND_FAILED in the outbox
/// and the payment REFUNDED. UPI money went straight to the business: its refund stays REQUESTED
/// (the owner owes it) until the owner marks it returned. Every method takes the tenant; another
/// tenant's refund is kNotFound. Thread-safe; every reference must outlive it.
class RefundService final {
public:
    RefundService(storage::Db& db, const PiiVault& vault, RazorpayApi& api, RefundOptions options);

    /// The refunds of one order of `tenant`, oldest first; kNotFound for another tenant's order.
    boost::asio::awaitable<Result<std::vector<Refund>>> OfOrder(TenantId tenant, OrderId order);
    /// The business's refunds, newest first, at most `limit`.
    boost::asio::awaitable<Result<std::vector<Refund>>> List(TenantId tenant, int limit);
    /// The owner returned a UPI refund themselves: PROCESSED, recorded with who and when (and
    /// audited). kNotFound for another tenant's refund; kConflict for a Razorpay refund (Razorpay
    /// makes it) or one no longer REQUESTED.
    boost::asio::awaitable<Result<Refund>> MarkReturned(TenantId tenant, RefundId refund, UserId actor);

    /// Sends the Razorpay refund of a REFUND_REQUESTED event (nothing for a UPI refund or one
    /// Razorpay already has). Blocks: for the dispatcher's thread. An error (Razorpay down or slow)
    /// makes the dispatcher try again later with the same idempotency key; a refund Razorpay refuses
    /// (4xx) is FAILED with its reason.
    Result<void> Send(const events::Event& event);

    /// The reconciler: asks Razorpay (GET /v1/payments/{id}/refunds) about Razorpay refunds still
    /// REQUESTED whose turn has come, and applies what it says; the wait doubles after each
    /// question. For a background loop; returns how many it asked about.
    boost::asio::awaitable<Result<int>> Reconcile(TimePoint now);

private:
    storage::Db& db_;
    const PiiVault& vault_;
    RazorpayApi& api_;
    RefundOptions options_;
};

/// ORDER_CANCELLED → RequestRefundsInTx (apply: exactly once, in the dispatcher's transaction).
events::Consumer RefundOnCancelConsumer(RefundOptions options);
/// REFUND_REQUESTED → RefundService::Send (deliver: at least once; Razorpay's idempotency key makes
/// a repeat the same refund).
events::Consumer RefundSenderConsumer(RefundService& refunds);

}  // namespace webdpro::payments
