#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace webdpro::payments {

/// The states of a payment (the payments table's status): one forward-only machine, whoever
/// feeds it (the customer's UTR, the owner's check, a provider's answer).
///
///   CREATED → AUTHORIZED | PENDING_VERIFICATION | CAPTURED | FAILED
///   AUTHORIZED → CAPTURED | FAILED
///   PENDING_VERIFICATION → CAPTURED | FAILED
///   CAPTURED → REFUNDED
///
/// FAILED and REFUNDED are final; a CAPTURED payment never goes back to waiting or failed.
enum class PaymentState : std::uint8_t {
    kCreated,
    kAuthorized,
    kPendingVerification,
    kCaptured,
    kFailed,
    kRefunded,
};

std::string_view PaymentStateName(PaymentState state);
std::optional<PaymentState> ParsePaymentState(std::string_view name);
/// Whether the machine has the arrow `from` → `to`.
bool PaymentMoveAllowed(PaymentState from, PaymentState to);

}  // namespace webdpro::payments
