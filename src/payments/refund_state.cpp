#include "payments/refund_state.hpp"

#include <array>

namespace webdpro::payments {
namespace {

constexpr std::array<std::string_view, 3> kStates = {"REQUESTED", "PROCESSED", "FAILED"};
constexpr std::array<std::string_view, 2> kProviders = {"RAZORPAY", "UPI"};

}  // namespace

std::string_view RefundStateName(RefundState state) {
    return kStates[static_cast<std::size_t>(state)];
}

std::optional<RefundState> ParseRefundState(std::string_view name) {
    for (std::size_t i = 0; i < kStates.size(); ++i) {
        if (kStates[i] == name) {
            return static_cast<RefundState>(i);
        }
    }
    return std::nullopt;
}

bool RefundMoveAllowed(RefundState from, RefundState to) {
    return from == RefundState::kRequested && to != RefundState::kRequested;
}

RefundState RefundStateOfRazorpay(std::string_view status) {
    if (status == "processed") {
        return RefundState::kProcessed;
    }
    return status == "failed" ? RefundState::kFailed : RefundState::kRequested;
}

std::string_view RefundProviderName(RefundProvider provider) {
    return kProviders[static_cast<std::size_t>(provider)];
}

std::optional<RefundProvider> ParseRefundProvider(std::string_view name) {
    for (std::size_t i = 0; i < kProviders.size(); ++i) {
        if (kProviders[i] == name) {
            return static_cast<RefundProvider>(i);
        }
    }
    return std::nullopt;
}

}  // namespace webdpro::payments
