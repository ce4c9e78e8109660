#include "payments/payment_state.hpp"

#include <array>

namespace webdpro::payments {
namespace {

constexpr std::array<std::string_view, 6> kNames = {"CREATED",  "AUTHORIZED", "PENDING_VERIFICATION",
                                                    "CAPTURED", "FAILED",     "REFUNDED"};

}  // namespace

std::string_view PaymentStateName(PaymentState state) {
    return kNames[static_cast<std::size_t>(state)];
}

std::optional<PaymentState> ParsePaymentState(std::string_view name) {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name) {
            return static_cast<PaymentState>(i);
        }
    }
    return std::nullopt;
}

bool PaymentMoveAllowed(PaymentState from, PaymentState to) {
    using enum PaymentState;
    switch (from) {
        case kCreated:
            return to == kAuthorized || to == kPendingVerification || to == kCaptured || to == kFailed;
        case kAuthorized:
        case kPendingVerification:
            return to == kCaptured || to == kFailed;
        case kCaptured:
            return to == kRefunded;
        case kFailed:
            return to == kCaptured;
        case kRefunded:
            return false;
    }
    return false;
}

}  // namespace webdpro::payments
