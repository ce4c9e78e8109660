#include "auth/otp.hpp"

#include <chrono>

namespace webdpro::auth {
namespace {

constexpr int kCodeDigits = 6;
constexpr std::string_view kChallengePrefix = "otp";
constexpr std::int64_t kMsPerSecond = 1000;
// Challenges older than this are deleted when the phone asks again (kept a day for the audit trail
// of limits; the audit log keeps the rest).
constexpr std::int64_t kKeepChallengesMs = 24LL * 3600 * 1000;

constexpr std::string_view kLatestCreatedForPhone = R"sql(
SELECT created_at FROM otp_challenges WHERE phone = $1 ORDER BY created_at DESC LIMIT 1
)sql";

constexpr std::string_view kCountForPhoneSince = R"sql(
SELECT count(*), min(created_at) FROM otp_challenges WHERE phone = $1 AND created_at > $2
)sql";

constexpr std::string_view kCountForIpSince = R"sql(
SELECT count(*), min(created_at) FROM otp_challenges WHERE client_ip = $1 AND created_at > $2
)sql";

constexpr std::string_view kDeleteOldForPhone = R"sql(
DELETE FROM otp_challenges WHERE phone = $1 AND created_at < $2
)sql";

constexpr std::string_view kRetireOpenForPhone = R"sql(
UPDATE otp_challenges SET consumed_at = $2 WHERE phone = $1 AND consumed_at IS NULL
)sql";

constexpr std::string_view kInsertChallenge = R"sql(
INSERT INTO otp_challenges (challenge_id, phone, code_hash, attempts, max_attempts, client_ip, expires_at, created_at)
VALUES ($1, $2, $3, 0, $4, $5, $6, $7)
)sql";

constexpr std::string_view kDeleteChallenge = R"sql(
DELETE FROM otp_challenges WHERE challenge_id = $1
)sql";

constexpr std::string_view kLatestForPhone = R"sql(
SELECT challenge_id, code_hash, attempts, max_attempts, expires_at, consumed_at
FROM otp_challenges WHERE phone = $1 ORDER BY created_at DESC LIMIT 1
)sql";

constexpr std::string_view kConsume = R"sql(
UPDATE otp_challenges SET consumed_at = $2 WHERE challenge_id = $1 AND consumed_at IS NULL
)sql";

// The last allowed wrong try also kills the challenge.
constexpr std::string_view kRecordWrongTry = R"sql(
UPDATE otp_challenges
SET attempts = attempts + 1,
    consumed_at = CASE WHEN attempts + 1 >= max_attempts THEN $2 ELSE NULL END
WHERE challenge_id = $1
)sql";

int CeilSeconds(std::int64_t ms) {
    return static_cast<int>(std::max<std::int64_t>(1, (ms + kMsPerSecond - 1) / kMsPerSecond));
}

struct SendDecision {
    bool issued = false;
    int retry_after_s = 0;
    std::string_view limit{};
};

enum class VerifyState { kOk, kNone, kUsed, kBlocked, kExpired, kWrong };

struct VerifyOutcome {
    VerifyState state = VerifyState::kNone;
    int remaining = 0;
};

std::string_view ReasonName(VerifyState state) {
    switch (state) {
        case VerifyState::kOk:
            return "ok";
        case VerifyState::kNone:
            return "none";
        case VerifyState::kUsed:
            return "used";
        case VerifyState::kBlocked:
            return "blocked";
        case VerifyState::kExpired:
            return "expired";
        case VerifyState::kWrong:
            return "wrong";
    }
    return "none";
}

ApiError VerifyError(const VerifyOutcome& outcome) {
    std::string message;
    switch (outcome.state) {
        case VerifyState::kNone:
            message = "No code is waiting for this number. Ask for a new code.";
            break;
        case VerifyState::kUsed:
            message = "This code was already used. Ask for a new code.";
            break;
        case VerifyState::kBlocked:
            message = "Too many wrong tries. Ask for a new code.";
            break;
        case VerifyState::kExpired:
            message = "This code has expired. Ask for a new code.";
            break;
        case VerifyState::kWrong:
            if (outcome.remaining <= 0) {
                message = "Wrong code. No tries left: ask for a new code.";
            } else if (outcome.remaining == 1) {
                message = "Wrong code. 1 try left.";
            } else {
                message = "Wrong code. " + std::to_string(outcome.remaining) + " tries left.";
            }
            break;
        case VerifyState::kOk:
            break;
    }
    return ApiError(ErrorCode::kUnauthenticated, std::move(message), "otp: " + std::string(ReasonName(outcome.state)));
}

}  // namespace

OtpOptions OtpOptions::FromConfig(const AuthConfig& config) {
    return OtpOptions{.ttl_s = config.otp_ttl_s,
                      .max_attempts = config.otp_max_attempts,
                      .resend_cooldown_s = config.otp_resend_cooldown_s,
                      .phone_limit = config.otp_phone_limit,
                      .ip_limit = config.otp_ip_limit,
                      .limit_window_s = config.otp_limit_window_s,
                      .verify_ip_per_min = config.verify_ip_per_min};
}

OtpService::OtpService(storage::Db& db, SmsSender& sender, WorkPool& sms_pool, SecretBytes otp_key, OtpOptions options,
                       AuthMetrics& metrics, Logger& logger)
    : db_(db),
      sender_(sender),
      sms_pool_(sms_pool),
      otp_key_(std::move(otp_key)),
      options_(std::move(options)),
      metrics_(metrics),
      logger_(logger),
      verify_limiter_(options_.verify_ip_per_min, std::chrono::minutes(1)) {}

std::string OtpService::CodeHash(const std::string& challenge_id, const PhoneNumber& phone,
                                 std::string_view code) const {
    return HexEncode(HmacSha256(otp_key_.view(), challenge_id + "|" + phone.e164() + "|" + std::string(code)));
}

std::string OtpService::MessageText(const std::string& code) const {
    const std::string validity = options_.ttl_s >= 60 ? std::to_string((options_.ttl_s + 59) / 60) + " min"
                                                      : std::to_string(options_.ttl_s) + " s";
    return code + " is your WebDPro login code. It is valid for " + validity + ". Do not share it with anyone.";
}

boost::asio::awaitable<Result<OtpIssued>> OtpService::RequestCode(PhoneNumber phone, RequestMeta meta) {
    const std::int64_t now_ms = UnixMillis(options_.clock());
    const std::string challenge_id = NewIdString(kChallengePrefix);
    const std::string code = RandomDigits(kCodeDigits);
    const std::string code_hash = CodeHash(challenge_id, phone, code);

    auto decided = co_await db_.Write([&](storage::Conn& conn) -> Result<SendDecision> {
        const std::int64_t cooldown_ms = options_.resend_cooldown_s * kMsPerSecond;
        auto latest = conn.QueryOne(kLatestCreatedForPhone, phone.e164());
        if (!latest) {
            return Fail(latest.error());
        }
        if (*latest && now_ms - (*latest)->Int(0) < cooldown_ms) {
            return SendDecision{false, CeilSeconds((*latest)->Int(0) + cooldown_ms - now_ms), "otp_cooldown"};
        }
        const std::int64_t window_ms = options_.limit_window_s * kMsPerSecond;
        const std::int64_t window_start = now_ms - window_ms;
        auto per_phone = conn.QueryOne(kCountForPhoneSince, phone.e164(), window_start);
        if (!per_phone) {
            return Fail(per_phone.error());
        }
        if ((*per_phone)->Int(0) >= options_.phone_limit) {
            return SendDecision{false, CeilSeconds((*per_phone)->Int(1) + window_ms - now_ms), "otp_phone"};
        }
        auto per_ip = conn.QueryOne(kCountForIpSince, meta.client_ip, window_start);
        if (!per_ip) {
            return Fail(per_ip.error());
        }
        if ((*per_ip)->Int(0) >= options_.ip_limit) {
            return SendDecision{false, CeilSeconds((*per_ip)->Int(1) + window_ms - now_ms), "otp_ip"};
        }
        if (auto r = conn.Exec(kDeleteOldForPhone, phone.e164(), now_ms - std::max(window_ms, kKeepChallengesMs)); !r) {
            return Fail(r.error());
        }
        if (auto r = conn.Exec(kRetireOpenForPhone, phone.e164(), now_ms); !r) {
            return Fail(r.error());
        }
        if (auto r = conn.Exec(kInsertChallenge, challenge_id, phone.e164(), code_hash, options_.max_attempts,
                               meta.client_ip, now_ms + options_.ttl_s * kMsPerSecond, now_ms);
            !r) {
            return Fail(r.error());
        }
        return SendDecision{true, 0, {}};
    });
    if (!decided) {
        co_return Fail(decided.error());
    }
    if (!decided->issued) {
        metrics_.RateLimited(decided->limit);
        ApiError error(ErrorCode::kRateLimited,
                       decided->limit == "otp_cooldown" ? "Please wait " + std::to_string(decided->retry_after_s) +
                                                              " s before asking for another code."
                                                        : "Too many codes were requested. Please try again later.",
                       "otp: " + std::string(decided->limit));
        error.retry_after_s = decided->retry_after_s;
        co_return Fail(std::move(error));
    }

    const SmsMessage message{.to = phone.e164(), .text = MessageText(code), .code = code};
    auto sent = co_await sms_pool_.Run([&]() -> Result<void> { return sender_.Send(message); });
    if (!sent) {
        metrics_.OtpSendFailed(sender_.name());
        logger_.Warn("sms send failed", {{"provider", sender_.name()},
                                         {"to", phone.Masked()},
                                         {"code", CodeName(sent.error().code)},
                                         {"detail", sent.error().detail},
                                         {"request_id", meta.request_id}});
        // The code never reached the phone: forget it, so it neither counts against the limits
        // nor blocks a retry.
        auto removed = co_await db_.Write(
            [&](storage::Conn& conn) -> Result<std::int64_t> { return conn.Exec(kDeleteChallenge, challenge_id); });
        if (!removed) {
            logger_.Error("could not delete unsent otp challenge", {{"detail", removed.error().detail}});
        }
        ApiError error(sent.error().code == ErrorCode::kTimeout ? ErrorCode::kTimeout : ErrorCode::kUnavailable,
                       "We could not send the code right now. Please try again in a minute.", sent.error().detail);
        co_return Fail(std::move(error));
    }
    metrics_.OtpSent(sender_.name());
    co_return OtpIssued{.expires_in_s = options_.ttl_s, .resend_after_s = options_.resend_cooldown_s};
}

boost::asio::awaitable<Result<void>> OtpService::VerifyCode(PhoneNumber phone, std::string code, RequestMeta meta) {
    if (auto allowed = verify_limiter_.Take(meta.client_ip); !allowed.allowed) {
        metrics_.RateLimited("verify_ip");
        ApiError error(ErrorCode::kRateLimited, "Too many attempts. Please wait a moment and try again.",
                       "otp: verify_ip");
        error.retry_after_s = allowed.retry_after_s;
        co_return Fail(std::move(error));
    }
    const TimePoint now = options_.clock();
    const std::int64_t now_ms = UnixMillis(now);
    auto outcome = co_await db_.Write([&](storage::Conn& conn) -> Result<VerifyOutcome> {
        auto row = conn.QueryOne(kLatestForPhone, phone.e164());
        if (!row) {
            return Fail(row.error());
        }
        VerifyOutcome out;
        std::string challenge_id;
        if (!*row) {
            out.state = VerifyState::kNone;
        } else {
            const storage::Row& r = **row;
            challenge_id = r.Text(0);
            const std::int64_t attempts = r.Int(2);
            const std::int64_t max_attempts = r.Int(3);
            if (!r.IsNull(5)) {
                out.state = attempts >= max_attempts ? VerifyState::kBlocked : VerifyState::kUsed;
            } else if (r.Int(4) <= now_ms) {
                out.state = VerifyState::kExpired;
            } else if (ConstantTimeEquals(CodeHash(challenge_id, phone, code), r.Text(1))) {
                if (auto c = conn.Exec(kConsume, challenge_id, now_ms); !c) {
                    return Fail(c.error());
                }
                return VerifyOutcome{VerifyState::kOk, 0};
            } else {
                if (auto w = conn.Exec(kRecordWrongTry, challenge_id, now_ms); !w) {
                    return Fail(w.error());
                }
                out.state = VerifyState::kWrong;
                out.remaining = static_cast<int>(max_attempts - attempts - 1);
            }
        }
        AuditEntry entry{.action = std::string(audit_action::kVerifyFailed),
                         .target_type = "phone",
                         .target_id = phone.Masked(),
                         .details = {{"reason", ReasonName(out.state)}, {"tries_left", out.remaining}},
                         .request_id = meta.request_id,
                         .client_ip = meta.client_ip,
                         .at = now};
        if (!challenge_id.empty()) {
            entry.details["challenge_id"] = challenge_id;
        }
        if (auto a = AppendAudit(conn, entry); !a) {
            return Fail(a.error());
        }
        return out;
    });
    if (!outcome) {
        co_return Fail(outcome.error());
    }
    if (outcome->state != VerifyState::kOk) {
        metrics_.OtpFailed(ReasonName(outcome->state));
        co_return Fail(VerifyError(*outcome));
    }
    metrics_.OtpVerified();
    co_return Result<void>{};
}

}  // namespace webdpro::auth
