#include "orders/order_links.hpp"

#include <algorithm>
#include <cstdio>

namespace webdpro::orders {
namespace {

constexpr std::string_view kWhatsAppBase = "https://wa.me/";

std::string_view EnglishStatus(OrderStatus status) {
    switch (status) {
        case OrderStatus::kPendingPayment:
            return "is waiting for payment";
        case OrderStatus::kConfirmed:
            return "is confirmed";
        case OrderStatus::kPacked:
            return "is packed";
        case OrderStatus::kOutForDelivery:
            return "is out for delivery";
        case OrderStatus::kDelivered:
            return "has been delivered";
        case OrderStatus::kCancelled:
            return "has been cancelled";
    }
    return "";
}

std::string_view HindiStatus(OrderStatus status) {
    switch (status) {
        case OrderStatus::kPendingPayment:
            return "भुगतान की प्रतीक्षा में है";
        case OrderStatus::kConfirmed:
            return "पक्का हो गया है";
        case OrderStatus::kPacked:
            return "पैक हो गया है";
        case OrderStatus::kOutForDelivery:
            return "डिलीवरी के लिए निकल चुका है";
        case OrderStatus::kDelivered:
            return "पहुँच गया है";
        case OrderStatus::kCancelled:
            return "रद्द हो गया है";
    }
    return "";
}

bool Unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

}  // namespace

std::vector<OrderStatus> AllowedTransitions(OrderStatus from) {
    using enum OrderStatus;
    std::vector<OrderStatus> next;
    for (OrderStatus to : {kPendingPayment, kConfirmed, kPacked, kOutForDelivery, kDelivered, kCancelled}) {
        if (TransitionAllowed(from, to)) {
            next.push_back(to);
        }
    }
    return next;
}

std::string UrlEncode(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (Unreserved(c)) {
            out.push_back(ch);
            continue;
        }
        char escaped[4];
        std::snprintf(escaped, sizeof escaped, "%%%02X", c);
        out += escaped;
    }
    return out;
}

std::string ShortOrderRef(const OrderId& order) {
    constexpr std::size_t kRefChars = 6;
    const std::string& id = order.str();
    std::string ref = "#" + id.substr(id.size() - std::min(id.size(), kRefChars));
    for (char& c : ref) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return ref;
}

std::string WhatsAppText(std::string_view language, std::string_view store_name, const OrderId& order,
                         OrderStatus status) {
    if (language == "hi") {
        return "नमस्ते! " + std::string(store_name) + " से आपका ऑर्डर " + ShortOrderRef(order) + " " +
               std::string(HindiStatus(status)) + "।";
    }
    return "Hello! Your order " + ShortOrderRef(order) + " from " + std::string(store_name) + " " +
           std::string(EnglishStatus(status)) + ".";
}

std::string WhatsAppLink(std::string_view phone, std::string_view text) {
    std::string digits;
    for (char c : phone) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        }
    }
    if (digits.empty()) {
        return "";
    }
    return std::string(kWhatsAppBase) + digits + "?text=" + UrlEncode(text);
}

std::string TrackingPath(std::string_view slug, const OrderId& order, std::string_view token) {
    return "/s/" + std::string(slug) + "/order.html?id=" + order.str() + "&t=" + std::string(token);
}

}  // namespace webdpro::orders
