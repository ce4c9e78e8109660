#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/awaitable.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "orders/order.hpp"
#include "orders/totals.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::storage {
class Conn;
class Db;
}  // namespace webdpro::storage

namespace webdpro::orders {

struct OrderOptions {
    /// How long an online-payment order holds its stock before it is released.
    std::chrono::minutes reservation{30};
    int max_lines = 50;
    std::int64_t max_quantity = 999;
    int page_size = 50;
};

/// Checks every field of a PlaceOrder and normalises it (phone to E.164, duplicate product lines
/// merged, text trimmed, an optional GSTIN checked with its check character and upper-cased). kInvalidArgument naming
/// every bad field.
Result<PlaceOrder> Validate(PlaceOrder order, const OrderOptions& options);

/// Orders: placement that never oversells, the owner's view and the state machine.
///
/// Place runs in one write transaction: idempotency check, prices from the catalog, conditional
/// stock decrements with ledger entries, the order and its lines, and its outbox events
/// (ORDER_PLACED, ORDER_CONFIRMED for COD, STOCK_LOW on a threshold crossing). Any failure
/// writes nothing. Customer phones are stored encrypted (PiiVault, bound to the tenant) with a
/// blind index. Every method takes the TenantId from a resolved store or the principal; another
/// tenant's order is kNotFound.
///
/// Thread-safe; the Db and vault must outlive it. `on_events` is called after a commit that
/// wrote outbox events (it wakes the dispatcher); it must not block.
class OrderService final {
public:
    OrderService(storage::Db& db, const PiiVault& vault, OrderOptions options, std::function<void()> on_events = {});

    /// Places an order on a store (which must be PUBLISHED, else kNotFound). Errors: kInvalidArgument
    /// (fields; a payment method the store does not offer, or cash on delivery above its limit;
    /// unknown, inactive or other-store products, or one priced above kMaxUnitPrice; more units of a
    /// product than the store allows; an order above kMaxOrderValue or below the minimum order), kConflict
    /// (out of stock: fields name each short line and what is left), kUnprocessable (the key was
    /// used for a different request). The answer carries the order's tracking path.
    boost::asio::awaitable<Result<Placed>> Place(stores::StoreRef store, PlaceOrder request);

    /// One order with its lines; the phone only when `with_phone` (the owner).
    boost::asio::awaitable<Result<Order>> Get(TenantId tenant, OrderId order, bool with_phone);
    /// The store's orders, newest first, optionally of one status. kInvalidArgument for a bad cursor.
    boost::asio::awaitable<Result<OrderPage>> List(TenantId tenant, StoreId store, std::optional<OrderStatus> status,
                                                   std::string cursor);
    /// Moves an order along the state machine. kConflict naming from/to when not allowed.
    /// Cancelling returns the stock (ORDER_CANCELLED ledger entries).
    boost::asio::awaitable<Result<Order>> Transition(TenantId tenant, OrderId order, OrderStatus to, std::string reason,
                                                     std::optional<UserId> actor);

    /// For payments: inside the payment's own transaction, confirms a
    /// PENDING_PAYMENT order as paid (status CONFIRMED, payment_status PAID, ORDER_CONFIRMED).
    static Result<void> ConfirmPaidInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                        TimePoint now);
    /// For payments: inside the payment's own transaction, keeps a PENDING_PAYMENT order (and its
    /// stock) reserved until `until` (a customer's payment waits for the shop's check). False when
    /// the order is no longer waiting for payment.
    static Result<bool> HoldForPaymentInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                           TimePoint until);
    /// For delivery: inside the delivery's own transaction, moves the order as its rider goes. To
    /// OUT_FOR_DELIVERY (picked up) from CONFIRMED (through PACKED) or PACKED; to DELIVERED from
    /// OUT_FOR_DELIVERY, marked PAID when `paid` (cash collected at the door); back to PACKED from
    /// OUT_FOR_DELIVERY when an attempt failed (`reason` says why: the order is at the shop again).
    /// Each step writes its ORDER_* event. kConflict when the order is not where that move starts;
    /// kNotFound for another tenant's order.
    static Result<void> MoveForDeliveryInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                            OrderStatus to, bool paid, const std::string& reason, TimePoint now);
    /// Cancels PENDING_PAYMENT orders whose reservation ran out (stock back as ORDER_RELEASED).
    /// For a scheduler; returns how many were released.
    boost::asio::awaitable<Result<int>> ReleaseExpired(TimePoint now);

    /// The signed tracking token of an order (HMAC under the blind-index key with its own label).
    std::string TrackingToken(const TenantId& tenant, const OrderId& order) const;
    bool TrackingTokenValid(const TenantId& tenant, const OrderId& order, std::string_view token) const;

    /// The database the orders live in (the invoices share it).
    storage::Db& db() const { return db_; }

private:
    storage::Db& db_;
    const PiiVault& vault_;
    OrderOptions options_;
    std::function<void()> on_events_;
};

}  // namespace webdpro::orders
