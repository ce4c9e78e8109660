#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "orders/order.hpp"

namespace webdpro::orders {

/// The statuses the state machine allows next from `from`, in the order of the flow (CANCELLED
/// last); empty for a final status.
std::vector<OrderStatus> AllowedTransitions(OrderStatus from);

/// Percent-encodes `text` for a URL query value: RFC 3986 unreserved characters stay, every other
/// byte (UTF-8 included) becomes %XX.
std::string UrlEncode(std::string_view text);

/// The order's short reference, "#" and the last six characters of its id in capitals
/// ("#TSH5DC"): what the owner's list, the customer's confirmation and messages show.
std::string ShortOrderRef(const OrderId& order);

/// A short message to the customer about their order, in the store's language ("hi" Hindi,
/// anything else English), naming the shop, the order (ShortOrderRef) and its status.
std::string WhatsAppText(std::string_view language, std::string_view store_name, const OrderId& order,
                         OrderStatus status);

/// "https://wa.me/<digits>?text=<encoded>": a chat with `phone` (E.164; the '+' and any other
/// non-digit dropped, as wa.me wants) opened on `text`. "" when the phone has no digits.
std::string WhatsAppLink(std::string_view phone, std::string_view text);

/// Tracking page of an order: "/s/{slug}/order.html?id=…&t=…".
std::string TrackingPath(std::string_view slug, const OrderId& order, std::string_view token);

}  // namespace webdpro::orders
