#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "orders/order.hpp"
#include "orders/totals.hpp"

namespace webdpro::storage {
class Conn;
}

/// The orders folder's rows: every statement on orders and order_items, and what the checkout reads
/// of its store. Each function runs inside the caller's transaction and maps rows by column name.
namespace webdpro::orders {

/// An order found by its idempotency key: its id and the hash of the request that placed it.
struct KeyedOrder {
    OrderId id;
    std::string request_hash;
};
/// The store's order placed with this Idempotency-Key, or nullopt.
Result<std::optional<KeyedOrder>> FindOrderByKey(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                                 std::string_view idempotency_key);

/// What the checkout reads of its store (read models of the stores table and of the payments
/// folder's checkout and payment settings): whether it is published, what it charges for delivery,
/// the smallest order it takes, the payment methods it offers and its limits (0 = none).
struct StoreTerms {
    bool published = false;
    DeliveryTerms delivery;
    Paise min_order;
    bool cod = true;
    bool upi = false;
    bool razorpay = false;
    Paise cod_max_order;
    std::int64_t max_units_per_product = 0;
};
/// The store's terms, or nullopt when the tenant has no such store.
Result<std::optional<StoreTerms>> ReadStoreTerms(storage::Conn& conn, const TenantId& tenant, const StoreId& store);

/// What an order's row keeps beside the Order itself: who placed it, and with which request.
struct OrderProvenance {
    std::optional<UserId> customer_user;
    Bytes phone_enc;         ///< the phone sealed by PiiVault under OrderPhoneContext
    std::string phone_hash;  ///< its blind index
    std::string idempotency_key;
    std::string request_hash;
};
/// Writes a new order and its lines (`order.lines`). A CONFIRMED order is confirmed at its
/// creation time; a PENDING_PAYMENT one holds its stock until `order.reservation_expires_at`.
Result<void> InsertOrder(storage::Conn& conn, const Order& order, const OrderProvenance& provenance);

/// The order with its lines; with a vault, its customer's phone decrypted too. kNotFound("Order").
Result<Order> ReadOrder(storage::Conn& conn, const PiiVault* vault, const TenantId& tenant, const OrderId& id);

/// A page of the store's orders, newest first, optionally of one status; no lines, no phone.
Result<OrderPage> ListStoreOrders(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                  std::optional<OrderStatus> status, const OrderCursor& after, int page_size);

/// One of a customer's orders with the store it was placed on.
struct CustomerOrderRow {
    Order order;  ///< no lines, no phone
    std::string store_name;
    std::string store_slug;
};
/// A customer's orders across every store, newest first: those placed with the phone whose blind
/// index is `phone_hash` or by the signed-in `user`. At most `limit` rows.
Result<std::vector<CustomerOrderRow>> ListCustomerOrders(storage::Conn& conn, std::string_view phone_hash,
                                                         const UserId& user, const OrderCursor& after, int limit);

/// Where an order stands, for a transition.
struct OrderState {
    OrderStatus status = OrderStatus::kPendingPayment;
    StoreId store_id;
    Paise total;
    TimePoint created_at{};  ///< when the order was placed
};
/// The order's state, or nullopt when the tenant has no such order.
Result<std::optional<OrderState>> ReadOrderState(storage::Conn& conn, const TenantId& tenant, const OrderId& id);

/// Moves the order from `from` to `to` (with `reason` when cancelling; `paid` marks it PAID), only
/// if it is still in `from`. False when it was not (it changed meanwhile).
Result<bool> UpdateOrderStatus(storage::Conn& conn, const TenantId& tenant, const OrderId& id, OrderStatus from,
                               OrderStatus to, std::string_view reason, bool paid, TimePoint now);

/// How many of which product each line of the order holds, in line order.
struct ItemQuantity {
    ProductId product_id;
    std::int64_t quantity = 0;
};
Result<std::vector<ItemQuantity>> ReadItemQuantities(storage::Conn& conn, const TenantId& tenant, const OrderId& id);

/// Sets a PENDING_PAYMENT order's reservation to end at `until`; false when the order is not
/// waiting for payment (or not there).
Result<bool> ExtendReservation(storage::Conn& conn, const TenantId& tenant, const OrderId& id, TimePoint until);

/// Up to `limit` PENDING_PAYMENT orders of any tenant whose reservation ran out by `now`, oldest first.
Result<std::vector<std::pair<TenantId, OrderId>>> FindExpiredReservations(storage::Conn& conn, TimePoint now,
                                                                          int limit);

/// Whether `vault` reads this database's orders: the newest order's phone opens and its blind
/// index matches. Success when there are no orders; kConflict (naming no data) when the keys
/// belong to another database.
Result<void> CheckVaultReadsOrders(storage::Conn& conn, const PiiVault& vault);

}  // namespace webdpro::orders
