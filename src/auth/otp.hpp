#pragma once

#include <functional>
#include <string>

#include "auth/audit.hpp"
#include "auth/auth_metrics.hpp"
#include "auth/phone.hpp"
#include "auth/sms.hpp"
#include "core/awaitable.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/rate_limiter.hpp"
#include "core/time.hpp"
#include "core/work_pool.hpp"
#include "storage/db.hpp"

namespace webdpro::auth {

/// Limits of the one-time-code flow (see AuthConfig for the meaning of each).
struct OtpOptions {
    int ttl_s = 300;
    int max_attempts = 5;
    int resend_cooldown_s = 30;
    int phone_limit = 5;
    int ip_limit = 30;
    int limit_window_s = 3600;
    int verify_ip_per_min = 60;
    std::function<TimePoint()> clock = NowUtc;

    static OtpOptions FromConfig(const AuthConfig& config);
};

/// What the caller of RequestCode is told.
struct OtpIssued {
    int expires_in_s = 0;
    int resend_after_s = 0;
};

/// Phone login codes: issues them, sends them by SMS, verifies them.
///
/// A code is 6 digits from the CSPRNG. Only HMAC-SHA-256(otp_key, challenge id | phone | code)
/// is stored, and the check compares in constant time. A new code retires the phone's earlier
/// ones. Each code lives `ttl_s` and allows `max_attempts` wrong tries; the last wrong try kills
/// it. Sending is refused (kRateLimited with retry_after_s) during the resend cooldown and beyond
/// `phone_limit` codes per phone or `ip_limit` codes per client IP within `limit_window_s` —
/// counted in the database, so the limits hold across nodes. Verification attempts are also
/// limited per client IP (in memory, per node).
///
/// Thread-safe. `db`, `sender`, `pool`, `metrics` and `logger` must outlive it.
class OtpService final {
public:
    OtpService(storage::Db& db, SmsSender& sender, WorkPool& sms_pool, SecretBytes otp_key, OtpOptions options,
               AuthMetrics& metrics, Logger& logger);

    /// Issues and sends a code. Errors: kRateLimited (cooldown or limits, with retry_after_s),
    /// kUnavailable/kTimeout when the SMS could not be sent (nothing is left behind then).
    boost::asio::awaitable<Result<OtpIssued>> RequestCode(PhoneNumber phone, RequestMeta meta);

    /// Checks `code` against the phone's latest code and consumes it on success. Errors
    /// (kUnauthenticated, public message says what to do): no code, expired, already used,
    /// blocked after too many tries, or wrong (the message says how many tries remain);
    /// kRateLimited when this IP verifies too often. Failed tries are audited.
    boost::asio::awaitable<Result<void>> VerifyCode(PhoneNumber phone, std::string code, RequestMeta meta);

    const OtpOptions& options() const { return options_; }

private:
    std::string CodeHash(const std::string& challenge_id, const PhoneNumber& phone, std::string_view code) const;
    std::string MessageText(const std::string& code) const;

    storage::Db& db_;
    SmsSender& sender_;
    WorkPool& sms_pool_;
    SecretBytes otp_key_;
    OtpOptions options_;
    AuthMetrics& metrics_;
    Logger& logger_;
    RateLimiter verify_limiter_;
};

}  // namespace webdpro::auth
