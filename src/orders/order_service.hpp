#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::storage {
class Conn;
class Db;
class Row;
}  // namespace webdpro::storage

namespace webdpro::orders {

/// PENDING_PAYMENT → CONFIRMED → PACKED → OUT_FOR_DELIVERY → DELIVERED; any non-final → CANCELLED.
enum class OrderStatus : std::uint8_t { kPendingPayment, kConfirmed, kPacked, kOutForDelivery, kDelivered, kCancelled };
enum class PaymentMethod : std::uint8_t { kCod, kUpi, kRazorpay };

std::string_view StatusName(OrderStatus status);
std::optional<OrderStatus> ParseStatus(std::string_view name);
std::string_view PaymentMethodName(PaymentMethod method);
std::optional<PaymentMethod> ParsePaymentMethod(std::string_view name);
/// True when the state machine allows from → to.
bool TransitionAllowed(OrderStatus from, OrderStatus to);

/// One line as the customer asked for it.
struct LineRequest {
    std::string product_id;
    std::int64_t quantity = 0;
};

struct CustomerRequest {
    std::string name;
    std::string phone;
    std::string address;
    std::string pincode;
    std::string gstin;  ///< optional: a registered business buyer's GSTIN (B2B invoice)
};

/// An order as the checkout sends it, before validation.
struct PlaceOrder {
    std::vector<LineRequest> items;
    CustomerRequest customer;
    std::string payment_method;
    std::string idempotency_key;
    std::optional<UserId> customer_user_id;
};

/// A line of a placed order, priced from the catalog at ordering time. Prices include GST.
struct OrderLine {
    int line = 0;
    ProductId product_id;
    std::string name;
    std::string unit;
    Paise unit_price;
    std::int64_t quantity = 0;
    Paise line_total;
    int gst_rate_bp = 0;
    Paise tax;  ///< the GST contained in line_total
    std::string hsn;
};

struct Totals {
    Paise subtotal;
    Paise delivery_fee;
    Paise discount;
    Paise tax;
    Paise total;
};

struct Order {
    OrderId id;
    TenantId tenant_id;
    StoreId store_id;
    OrderStatus status = OrderStatus::kPendingPayment;
    PaymentMethod payment_method = PaymentMethod::kCod;
    std::string payment_status;
    std::string customer_name;
    std::string customer_phone;  ///< E.164; only filled for the owner
    std::string address;
    std::string pincode;
    std::string customer_gstin;    ///< "" unless a registered business bought (B2B)
    std::int64_t item_count = 0;   ///< how many lines it has (also when `lines` is not read)
    std::vector<OrderLine> lines;  ///< empty in lists
    Totals totals;
    std::optional<TimePoint> reservation_expires_at;
    std::string cancel_reason;
    TimePoint created_at;
    TimePoint updated_at;
};

struct Placed {
    Order order;
    bool created = true;  ///< false: a retry with the same Idempotency-Key found this order
};

struct OrderPage {
    std::vector<Order> orders;
    std::string next_cursor;  ///< "" on the last page
};

struct OrderOptions {
    /// How long an online-payment order holds its stock before it is released.
    std::chrono::minutes reservation{30};
    int max_lines = 50;
    std::int64_t max_quantity = 999;
    int page_size = 50;
};

/// The columns OrderFromRow reads, in its order, from `orders o`: every column but the lines.
/// Append further columns after them (from index kOrderColumnCount on), then the FROM clause.
inline constexpr std::string_view kOrderColumns = R"(
SELECT o.tenant_id, o.order_id, o.store_id, o.status, o.payment_method, o.payment_status, o.customer_name,
       o.delivery_address, o.subtotal_paise, o.delivery_fee_paise, o.discount_paise, o.tax_paise, o.total_paise,
       o.reservation_expires_at, coalesce(o.cancel_reason, ''), o.created_at, o.updated_at,
       coalesce(o.customer_gstin, ''), o.customer_phone_enc,
       (SELECT count(*) FROM order_items i WHERE i.tenant_id = o.tenant_id AND i.order_id = o.order_id)
)";
inline constexpr std::size_t kOrderColumnCount = 20;
/// Index of the encrypted phone among kOrderColumns (OrderFromRow leaves the phone empty).
inline constexpr std::size_t kOrderPhoneColumn = 18;

/// An order from a row selected with kOrderColumns: no lines, no phone.
Order OrderFromRow(const storage::Row& row);

/// Where an order list (newest first) goes on: after the order created at `created_ms` with this id.
struct OrderCursor {
    std::int64_t created_ms = 0;  ///< 0: the first page
    std::string order_id;
};
/// The cursor of the page after the one ending with `last` ("<created_at ms>:<order id>").
std::string NextOrderCursor(const Order& last);
/// "" is the first page; kInvalidArgument "cursor" when it is not one NextOrderCursor made.
Result<OrderCursor> ParseOrderCursor(std::string_view cursor);

/// GST contained in a tax-inclusive amount: amount × rate / (100 + rate), rounded half up, in
/// integer arithmetic (rate in basis points).
Paise ContainedGst(Paise amount, int rate_bp);

/// The GST rate of an order's delivery fee. The seller's own delivery of the goods it sells is a
/// composite supply whose principal supply is the goods (CGST Act s.2(30)), and a composite supply
/// is taxed at the rate of its principal supply (s.8(a)). The principal supply is the predominant
/// element, so the rate is that of the line with the largest value (the higher rate on a tie); an
/// order of exempt goods only carries an untaxed fee. 0 when there are no lines.
/// `project` maps an element of `lines` to its OrderLine (Place keeps lines with their stock data).
template <typename Lines, typename Project = std::identity>
int DeliveryFeeRateBp(const Lines& lines, Project project = {}) {
    const OrderLine* principal = nullptr;
    for (const auto& item : lines) {
        const OrderLine& line = std::invoke(project, item);
        if (principal == nullptr || line.line_total > principal->line_total ||
            (line.line_total == principal->line_total && line.gst_rate_bp > principal->gst_rate_bp)) {
            principal = &line;
        }
    }
    return principal == nullptr ? 0 : principal->gst_rate_bp;
}

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
    /// (fields; unknown, inactive or other-store products; below the minimum order), kConflict
    /// (out of stock: fields name each short line and what is left), kUnprocessable (the key was
    /// used for a different request).
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

    /// The Payments issue's hook: inside the payment's own transaction, confirms a
    /// PENDING_PAYMENT order as paid (status CONFIRMED, payment_status PAID, ORDER_CONFIRMED).
    static Result<void> ConfirmPaidInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                        TimePoint now);
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

/// The AEAD context binding an order's encrypted phone to its tenant.
std::string OrderPhoneContext(const TenantId& tenant);

}  // namespace webdpro::orders
