#include "auth/auth_metrics.hpp"

#include <string>

namespace webdpro::auth {

AuthMetrics::AuthMetrics(Metrics& metrics)
    : otp_sent_(prometheus::BuildCounter()
                    .Name("webdpro_otp_sent_total")
                    .Help("Login codes handed to the SMS provider.")
                    .Register(metrics.registry())),
      otp_send_failed_(prometheus::BuildCounter()
                           .Name("webdpro_otp_send_failures_total")
                           .Help("Login codes the SMS provider did not take (timeout, refused, down).")
                           .Register(metrics.registry())),
      otp_verified_(prometheus::BuildCounter()
                        .Name("webdpro_otp_verified_total")
                        .Help("Login codes verified successfully.")
                        .Register(metrics.registry())
                        .Add({})),
      otp_failed_(prometheus::BuildCounter()
                      .Name("webdpro_otp_failed_total")
                      .Help("Failed code verifications by reason (wrong, expired, blocked, used, none).")
                      .Register(metrics.registry())),
      rate_limited_(prometheus::BuildCounter()
                        .Name("webdpro_rate_limited_total")
                        .Help("Requests refused with 429 by limit (ip, principal, otp_cooldown, otp_phone, otp_ip, "
                              "verify_ip).")
                        .Register(metrics.registry())),
      auth_rejected_(prometheus::BuildCounter()
                         .Name("webdpro_auth_rejected_total")
                         .Help("Requests refused by the auth guard by reason (missing, invalid, revoked, forbidden, "
                               "origin).")
                         .Register(metrics.registry())) {
    // Known series start at zero, so dashboards and alerts see them before the first event.
    for (const char* limit : {"ip", "principal", "otp_cooldown", "otp_phone", "otp_ip", "verify_ip"}) {
        rate_limited_.Add({{"limit", limit}});
    }
    for (const char* reason : {"wrong", "expired", "blocked", "used", "none"}) {
        otp_failed_.Add({{"reason", reason}});
    }
}

void AuthMetrics::OtpSent(std::string_view provider) {
    otp_sent_.Add({{"provider", std::string(provider)}}).Increment();
}

void AuthMetrics::OtpSendFailed(std::string_view provider) {
    otp_send_failed_.Add({{"provider", std::string(provider)}}).Increment();
}

void AuthMetrics::OtpFailed(std::string_view reason) {
    otp_failed_.Add({{"reason", std::string(reason)}}).Increment();
}

void AuthMetrics::RateLimited(std::string_view limit) {
    rate_limited_.Add({{"limit", std::string(limit)}}).Increment();
}

void AuthMetrics::AuthRejected(std::string_view reason) {
    auth_rejected_.Add({{"reason", std::string(reason)}}).Increment();
}

}  // namespace webdpro::auth
