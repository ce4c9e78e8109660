#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace webdpro::payments {

/// The states of a payment (the payments table's status): one forward-only machine, whoever
/// feeds it (the customer's UTR, the owner's check, a provider's answer, a verified Checkout
/// signature).
///
///   CREATED → AUTHORIZED | PENDING_VERIFICATION | CAPTURED | FAILED
///   AUTHORIZED → CAPTURED | FAILED
///   PENDING_VERIFICATION → CAPTURED | FAILED
///   FAILED → CAPTURED   (money a provider captured after an attempt was reported failed)
///   CAPTURED → REFUNDED
///
/// REFUNDED is final; a CAPTURED payment never goes back to waiting or failed. So whatever order
/// the news arrives in, the payment ends in the furthest state any of it reached. (A UPI payment
/// the owner rejected stays rejected: the UPI service refuses to confirm it.)
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
