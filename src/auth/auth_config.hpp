#pragma once

#include <string>

#include "core/config.hpp"

namespace webdpro::auth {

/// Phone login, sessions and cookies (`[auth]`).
struct AuthConfig {
    int otp_ttl_s = 300;             ///< a code is valid this long
    int otp_max_attempts = 5;        ///< wrong tries before a code is dead
    int otp_resend_cooldown_s = 30;  ///< wait between two codes for one phone
    int otp_phone_limit = 5;         ///< codes per phone per otp_limit_window_s
    int otp_ip_limit = 30;           ///< codes requested per client IP per otp_limit_window_s
    int otp_limit_window_s = 3600;
    int verify_ip_per_min = 60;          ///< code verifications per client IP per minute
    int access_ttl_s = 900;              ///< access token lifetime
    int refresh_ttl_s = 30 * 24 * 3600;  ///< refresh token (session) lifetime, renewed on each refresh
    int clock_leeway_s = 30;             ///< tolerated clock skew on exp/iat
    int session_cache_s = 10;            ///< how long a node trusts an unrevoked session before re-checking
    std::string cookie_secure = "auto";  ///< auto | always | never
    std::string public_origin;           ///< the site's public origin: Origin check, store URLs
    bool generate_secrets = true;        ///< development: generate missing secrets into DATA_DIR/secrets.toml
};

/// Request rate limits applied to every route by the guard (`[rate_limit]`).
struct RateLimitConfig {
    int ip_per_min = 1000;                     ///< per client IP; 0 = off
    int principal_per_min = 1000;              ///< per signed-in user; 0 = off
    int businesses_per_person = 3;             ///< businesses one person may own; 0 = no limit
    int generations_per_person_per_hour = 10;  ///< new stores one person may start per hour; 0 = no limit
};

/// How SMS (login codes) are sent (`[sms]`).
struct SmsConfig {
    std::string provider = "outbox";  ///< outbox | msg91 | sns | webhook
    int timeout_ms = 10000;
    std::string msg91_url = "https://control.msg91.com/api/v5/otp";
    std::string msg91_template_id;
    std::string sns_region = "ap-south-1";
    std::string sns_endpoint;  ///< empty = https://sns.<region>.amazonaws.com/
    std::string sns_sender_id;
    std::string sns_entity_id;    ///< TRAI DLT principal entity id
    std::string sns_template_id;  ///< TRAI DLT template id
    std::string webhook_url;
};

/// The keys of `[auth]`, `[rate_limit]` and `[sms]`.
ConfigSection<AuthConfig> AuthConfigSection();
ConfigSection<RateLimitConfig> RateLimitConfigSection();
ConfigSection<SmsConfig> SmsConfigSection();

}  // namespace webdpro::auth
