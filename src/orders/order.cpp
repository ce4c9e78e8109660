#include "orders/order.hpp"

#include <array>
#include <charconv>

namespace webdpro::orders {
namespace {

constexpr std::array<std::string_view, 6> kStatusNames = {"PENDING_PAYMENT",  "CONFIRMED", "PACKED",
                                                          "OUT_FOR_DELIVERY", "DELIVERED", "CANCELLED"};
constexpr std::array<std::string_view, 3> kMethodNames = {"COD", "UPI", "RAZORPAY"};

}  // namespace

std::string_view StatusName(OrderStatus status) {
    return kStatusNames[static_cast<std::size_t>(status)];
}

std::optional<OrderStatus> ParseStatus(std::string_view name) {
    for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
        if (kStatusNames[i] == name) {
            return static_cast<OrderStatus>(i);
        }
    }
    return std::nullopt;
}

std::string_view PaymentMethodName(PaymentMethod method) {
    return kMethodNames[static_cast<std::size_t>(method)];
}

std::optional<PaymentMethod> ParsePaymentMethod(std::string_view name) {
    for (std::size_t i = 0; i < kMethodNames.size(); ++i) {
        if (kMethodNames[i] == name) {
            return static_cast<PaymentMethod>(i);
        }
    }
    return std::nullopt;
}

bool TransitionAllowed(OrderStatus from, OrderStatus to) {
    using enum OrderStatus;
    const bool final_state = from == kDelivered || from == kCancelled;
    if (to == kCancelled) {
        return !final_state;
    }
    switch (from) {
        case kPendingPayment:
            return to == kConfirmed;
        case kConfirmed:
            return to == kPacked;
        case kPacked:
            return to == kOutForDelivery;
        case kOutForDelivery:
            return to == kDelivered;
        case kDelivered:
        case kCancelled:
            return false;
    }
    return false;
}

std::string NextOrderCursor(const Order& last) {
    return std::to_string(UnixMillis(last.created_at)) + ":" + last.id.str();
}

Result<OrderCursor> ParseOrderCursor(std::string_view cursor) {
    if (cursor.empty()) {
        return OrderCursor{};
    }
    const auto colon = cursor.find(':');
    OrderCursor parsed;
    if (colon != std::string_view::npos && colon > 0) {
        const auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + colon, parsed.created_ms);
        parsed.order_id = std::string(cursor.substr(colon + 1));
        if (ec == std::errc() && end == cursor.data() + colon && parsed.created_ms > 0 &&
            OrderId::Parse(parsed.order_id)) {
            return parsed;
        }
    }
    return Fail(ApiError::Invalid("cursor", "This cursor is not valid; start from the first page."));
}

std::string OrderPhoneContext(const TenantId& tenant) {
    return "order.phone|" + tenant.str();
}

}  // namespace webdpro::orders
