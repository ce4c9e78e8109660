#pragma once

#include <string_view>

#include <prometheus/counter.h>
#include <prometheus/family.h>

#include "core/metrics.hpp"

namespace webdpro::auth {

/// Counters of sign-in and request limiting, registered once on the process registry. The
/// Metrics object must outlive it. Thread-safe.
class AuthMetrics final {
public:
    explicit AuthMetrics(Metrics& metrics);

    /// A code went out (label provider).
    void OtpSent(std::string_view provider);
    /// A provider failed to take a code.
    void OtpSendFailed(std::string_view provider);
    void OtpVerified() { otp_verified_.Increment(); }
    /// reason: wrong, expired, blocked, used, none.
    void OtpFailed(std::string_view reason);
    /// limit: ip, principal, otp_cooldown, otp_phone, otp_ip, verify_ip.
    void RateLimited(std::string_view limit);
    /// reason: missing, invalid, revoked, forbidden, origin.
    void AuthRejected(std::string_view reason);

private:
    prometheus::Family<prometheus::Counter>& otp_sent_;
    prometheus::Family<prometheus::Counter>& otp_send_failed_;
    prometheus::Counter& otp_verified_;
    prometheus::Family<prometheus::Counter>& otp_failed_;
    prometheus::Family<prometheus::Counter>& rate_limited_;
    prometheus::Family<prometheus::Counter>& auth_rejected_;
};

}  // namespace webdpro::auth
