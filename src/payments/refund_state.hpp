#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/ids.hpp"

namespace webdpro::payments {

struct RefundTag {
    static constexpr std::string_view kPrefix = "rfd";
};
/// Our id of a refund (the refunds table's key). Razorpay gets it as X-Refund-Idempotency, so a
/// refund sent again after a timeout is the same refund at Razorpay.
using RefundId = Id<RefundTag>;

/// The states of a refund (the refunds table's state): one forward-only machine, whoever feeds
/// it (Razorpay's answer to the refund call, its refund.processed / refund.failed webhooks, the
/// reconciler, the owner marking a UPI refund returned by hand).
///
///   REQUESTED → PROCESSED | FAILED
///
/// PROCESSED and FAILED are final: news arriving late or twice changes nothing.
enum class RefundState : std::uint8_t {
    kRequested,
    kProcessed,
    kFailed,
};

/// Who sends the money back: Razorpay for a Razorpay payment; the business itself for a UPI
/// payment that went straight to its own account (the platform never held that money).
enum class RefundProvider : std::uint8_t {
    kRazorpay,
    kUpi,
};

std::string_view RefundStateName(RefundState state);
std::optional<RefundState> ParseRefundState(std::string_view name);
/// Whether the machine has the arrow `from` → `to`.
bool RefundMoveAllowed(RefundState from, RefundState to);
/// The state a Razorpay refund status stands for: "processed" → PROCESSED, "failed" → FAILED,
/// "pending" (or anything else: not final yet) → REQUESTED.
RefundState RefundStateOfRazorpay(std::string_view status);

std::string_view RefundProviderName(RefundProvider provider);
std::optional<RefundProvider> ParseRefundProvider(std::string_view name);

}  // namespace webdpro::payments
