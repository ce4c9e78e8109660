#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"

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
    /// Optional: where to deliver, shared by the customer's phone ("Use my location"), in degrees.
    std::optional<double> lat{};
    std::optional<double> lng{};
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
    std::string customer_gstin;            ///< "" unless a registered business bought (B2B)
    std::optional<double> delivery_lat{};  ///< where to deliver, when the customer shared it
    std::optional<double> delivery_lng{};
    std::int64_t item_count = 0;   ///< how many lines it has (also when `lines` is not read)
    std::vector<OrderLine> lines;  ///< empty in lists
    Totals totals;
    std::optional<TimePoint> reservation_expires_at;
    std::string cancel_reason;
    TimePoint created_at;
    TimePoint updated_at;
};

/// What Place answers: the order, whether this call created it, and where its customer follows it.
struct Placed {
    Order order;
    bool created = true;  ///< false: a retry with the same Idempotency-Key found this order
    /// The order's tracking page on its store, with its signed token ("/s/{slug}/order.html?id=…&t=…").
    std::string tracking_path{};
};

struct OrderPage {
    std::vector<Order> orders;
    std::string next_cursor;  ///< "" on the last page
};

/// Where an order list (newest first) goes on: after the order created at `created_ms` with this id.
struct OrderCursor {
    std::int64_t created_ms = 0;  ///< 0: the first page
    std::string order_id;
};
/// The cursor of the page after the one ending with `last` ("<created_at ms>:<order id>").
std::string NextOrderCursor(const Order& last);
/// "" is the first page; kInvalidArgument "cursor" when it is not one NextOrderCursor made.
Result<OrderCursor> ParseOrderCursor(std::string_view cursor);

/// The AEAD context binding an order's encrypted phone to its tenant.
std::string OrderPhoneContext(const TenantId& tenant);

}  // namespace webdpro::orders
