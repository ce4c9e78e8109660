#include "auth/auth_config.hpp"

namespace webdpro::auth {

ConfigSection<AuthConfig> AuthConfigSection() {
    ConfigSection<AuthConfig> s("auth");
    s.Int("otp_ttl_s", &AuthConfig::otp_ttl_s, 1, 3600, "seconds a login code stays valid");
    s.Int("otp_max_attempts", &AuthConfig::otp_max_attempts, 1, 10, "wrong tries after which a login code is dead");
    s.Int("otp_resend_cooldown_s", &AuthConfig::otp_resend_cooldown_s, 0, 3600,
          "seconds before another code can be sent to the same phone");
    s.Int("otp_phone_limit", &AuthConfig::otp_phone_limit, 1, 1000,
          "codes one phone can be sent per auth.otp_limit_window_s");
    s.Int("otp_ip_limit", &AuthConfig::otp_ip_limit, 1, 1000000,
          "codes one client IP can request per auth.otp_limit_window_s");
    s.Int("otp_limit_window_s", &AuthConfig::otp_limit_window_s, 60, 86400,
          "window of the per-phone and per-IP code limits, seconds");
    s.Int("verify_ip_per_min", &AuthConfig::verify_ip_per_min, 1, 1000000,
          "code verifications one client IP may attempt per minute");
    s.Int("access_ttl_s", &AuthConfig::access_ttl_s, 1, 86400, "lifetime of an access token, seconds");
    s.Int("refresh_ttl_s", &AuthConfig::refresh_ttl_s, 60, 365 * 24 * 3600,
          "lifetime of a refresh token (renewed by each refresh), seconds");
    s.Int("clock_leeway_s", &AuthConfig::clock_leeway_s, 0, 300,
          "clock skew tolerated when checking token times, seconds");
    s.Int("session_cache_s", &AuthConfig::session_cache_s, 0, 300,
          "seconds a node trusts that a session is not revoked before checking the database again");
    s.String("cookie_secure", &AuthConfig::cookie_secure,
             "Secure flag on session cookies: auto (when X-Forwarded-Proto is https and "
             "server.trust_forwarded_for is on), always or never",
             OneOf({"auto", "always", "never"}));
    s.String("public_origin", &AuthConfig::public_origin,
             "the site's public origin (https://example.com, with its port when not the default): the one "
             "origin the Origin check accepts on cookie writes (scheme, host and port compared) and the "
             "origin of stores' canonical links, og:url, sitemap and the order-tracking links sent by SMS (with "
             "storefront.base_domain, the scheme "
             "and port of store subdomains and custom domains); empty = cookie writes must come from the "
             "request's own Host on http (https only from a trusted X-Forwarded-Proto) and stores and SMS carry "
             "no absolute URLs",
             EmptyOrHttpUrl);
    s.Bool("generate_secrets", &AuthConfig::generate_secrets,
           "generate missing secrets into DATA_DIR/secrets.toml (development); false = missing secrets "
           "stop start-up");
    return s;
}

ConfigSection<RateLimitConfig> RateLimitConfigSection() {
    ConfigSection<RateLimitConfig> s("rate_limit");
    s.Int("ip_per_min", &RateLimitConfig::ip_per_min, 0, 10000000,
          "requests per minute per client IP, every route; 0 = no limit");
    s.Int("principal_per_min", &RateLimitConfig::principal_per_min, 0, 10000000,
          "requests per minute per signed-in user; 0 = no limit");
    s.Int("businesses_per_person", &RateLimitConfig::businesses_per_person, 0, 10000,
          "businesses one person may own; 0 = no limit");
    s.Int("generations_per_person_per_hour", &RateLimitConfig::generations_per_person_per_hour, 0, 100000,
          "new stores one person may start generating per hour, across their businesses (per node); 0 = no limit");
    return s;
}

ConfigSection<SmsConfig> SmsConfigSection() {
    ConfigSection<SmsConfig> s("sms");
    s.String("provider", &SmsConfig::provider,
             "how login codes are sent: outbox (DATA_DIR/outbox/sms.jsonl), msg91, sns or webhook",
             OneOf({"outbox", "msg91", "sns", "webhook"}));
    s.Int("timeout_ms", &SmsConfig::timeout_ms, 100, 120000, "total time allowed for one call to the SMS provider");
    s.String("msg91_url", &SmsConfig::msg91_url, "MSG91 SendOTP endpoint (authkey in WEBDPRO_SECRET_MSG91_AUTHKEY)",
             EmptyOrHttpUrl);
    s.String("msg91_template_id", &SmsConfig::msg91_template_id, "MSG91 DLT-approved OTP template id");
    s.String("sns_region", &SmsConfig::sns_region,
             "AWS region for SNS (keys in WEBDPRO_SECRET_AWS_ACCESS_KEY_ID / _AWS_SECRET_ACCESS_KEY)");
    s.String("sns_endpoint", &SmsConfig::sns_endpoint, "SNS endpoint URL; empty = https://sns.<region>.amazonaws.com/",
             EmptyOrHttpUrl);
    s.String("sns_sender_id", &SmsConfig::sns_sender_id, "SNS sender id (3-11 letters and digits); empty = none");
    s.String("sns_entity_id", &SmsConfig::sns_entity_id, "TRAI DLT principal entity id (required by SNS for India)");
    s.String("sns_template_id", &SmsConfig::sns_template_id, "TRAI DLT template id (required by SNS for India)");
    s.String("webhook_url", &SmsConfig::webhook_url,
             "URL that receives {to, text, code} as JSON (optional bearer token in "
             "WEBDPRO_SECRET_SMS_WEBHOOK_TOKEN)",
             EmptyOrHttpUrl);
    return s;
}

}  // namespace webdpro::auth
