#include "core/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <set>
#include <variant>

#include <toml++/toml.h>

#include "core/log.hpp"

extern char** environ;

namespace webdpro {
namespace {

using Value = std::variant<std::string, std::int64_t, bool, std::vector<std::string>, double>;

struct KeyDef {
    std::string key;
    std::string help;
    std::string default_value;
    // Applies a value given as text (env, flags) or typed (TOML). Returns the reason on failure.
    std::function<std::optional<std::string>(Config&, const Value&)> apply;
    // Structured keys (arrays of tables) exist only in the file: no env variable, no flag.
    bool file_only = false;
};

constexpr std::string_view kAiLevelsKey = "ai.levels";
constexpr std::string_view kFileOnlyEnv = "(file only)";

std::optional<std::int64_t> AsInt(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        return *i;
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        std::int64_t out = 0;
        auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
        if (ec == std::errc() && p == s->data() + s->size() && !s->empty()) {
            return out;
        }
    }
    return std::nullopt;
}

std::optional<double> AsDouble(const Value& v) {
    if (const auto* d = std::get_if<double>(&v)) {
        return *d;
    }
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        return static_cast<double>(*i);
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        double out = 0;
        auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
        if (ec == std::errc() && p == s->data() + s->size() && !s->empty()) {
            return out;
        }
    }
    return std::nullopt;
}

std::string FormatDouble(double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
    return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

std::optional<bool> AsBool(const Value& v) {
    if (const auto* b = std::get_if<bool>(&v)) {
        return *b;
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        if (*s == "true" || *s == "1" || *s == "yes") {
            return true;
        }
        if (*s == "false" || *s == "0" || *s == "no") {
            return false;
        }
    }
    return std::nullopt;
}

std::optional<std::string> AsString(const Value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) {
        return *s;
    }
    return std::nullopt;
}

std::optional<std::vector<std::string>> AsList(const Value& v) {
    if (const auto* l = std::get_if<std::vector<std::string>>(&v)) {
        return *l;
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        std::vector<std::string> out;
        std::size_t start = 0;
        while (start <= s->size()) {
            const auto comma = s->find(',', start);
            std::string item = s->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            item.erase(0, item.find_first_not_of(' '));
            item.erase(item.find_last_not_of(' ') + 1);
            if (!item.empty()) {
                out.push_back(item);
            }
            if (comma == std::string::npos) {
                break;
            }
            start = comma + 1;
        }
        return out;
    }
    return std::nullopt;
}

template <class T>
KeyDef IntKey(std::string key, T Config::*section, auto member, std::int64_t lo, std::int64_t hi, std::string help) {
    Config defaults;
    std::string def = std::to_string((defaults.*section).*member);
    return KeyDef{std::move(key), std::move(help), def, [=](Config& c, const Value& v) -> std::optional<std::string> {
                      auto n = AsInt(v);
                      if (!n) {
                          return "must be a whole number";
                      }
                      if (*n < lo || *n > hi) {
                          return "must be between " + std::to_string(lo) + " and " + std::to_string(hi);
                      }
                      (c.*section).*member = static_cast<std::remove_reference_t<decltype((c.*section).*member)>>(*n);
                      return std::nullopt;
                  }};
}

template <class T>
KeyDef DoubleKey(std::string key, T Config::*section, double T::*member, double lo, double hi, std::string help) {
    Config defaults;
    return KeyDef{std::move(key), std::move(help), FormatDouble((defaults.*section).*member),
                  [=](Config& c, const Value& v) -> std::optional<std::string> {
                      auto d = AsDouble(v);
                      if (!d || !std::isfinite(*d)) {
                          return "must be a number";
                      }
                      if (*d < lo || *d > hi) {
                          return "must be between " + FormatDouble(lo) + " and " + FormatDouble(hi);
                      }
                      (c.*section).*member = *d;
                      return std::nullopt;
                  }};
}

template <class T>
KeyDef StringKey(std::string key, T Config::*section, std::string T::*member, std::string help,
                 std::function<std::optional<std::string>(const std::string&)> check = nullptr) {
    Config defaults;
    return KeyDef{std::move(key), std::move(help), (defaults.*section).*member,
                  [=](Config& c, const Value& v) -> std::optional<std::string> {
                      auto s = AsString(v);
                      if (!s) {
                          return "must be a string";
                      }
                      if (check) {
                          if (auto why = check(*s)) {
                              return why;
                          }
                      }
                      (c.*section).*member = *s;
                      return std::nullopt;
                  }};
}

template <class T>
KeyDef BoolKey(std::string key, T Config::*section, bool T::*member, std::string help) {
    Config defaults;
    return KeyDef{std::move(key), std::move(help), (defaults.*section).*member ? "true" : "false",
                  [=](Config& c, const Value& v) -> std::optional<std::string> {
                      auto b = AsBool(v);
                      if (!b) {
                          return "must be true or false";
                      }
                      (c.*section).*member = *b;
                      return std::nullopt;
                  }};
}

std::function<std::optional<std::string>(const std::string&)> OneOf(std::vector<std::string> allowed) {
    return [allowed = std::move(allowed)](const std::string& s) -> std::optional<std::string> {
        for (const auto& a : allowed) {
            if (s == a) {
                return std::nullopt;
            }
        }
        std::string list;
        for (const auto& a : allowed) {
            list += (list.empty() ? "" : ", ") + a;
        }
        return "must be one of " + list;
    };
}

std::optional<std::string> EmptyOrHttpUrl(const std::string& s) {
    if (s.empty() || s.starts_with("http://") || s.starts_with("https://")) {
        return std::nullopt;
    }
    return "must be empty or start with http:// or https://";
}

/// Keys of sign-in, sessions, rate limits and SMS (src/auth, src/tenancy).
void AddAccountKeys(std::vector<KeyDef>& k) {
    k.push_back(
        IntKey("auth.otp_ttl_s", &Config::auth, &AuthConfig::otp_ttl_s, 1, 3600, "seconds a login code stays valid"));
    k.push_back(IntKey("auth.otp_max_attempts", &Config::auth, &AuthConfig::otp_max_attempts, 1, 10,
                       "wrong tries after which a login code is dead"));
    k.push_back(IntKey("auth.otp_resend_cooldown_s", &Config::auth, &AuthConfig::otp_resend_cooldown_s, 0, 3600,
                       "seconds before another code can be sent to the same phone"));
    k.push_back(IntKey("auth.otp_phone_limit", &Config::auth, &AuthConfig::otp_phone_limit, 1, 1000,
                       "codes one phone can be sent per auth.otp_limit_window_s"));
    k.push_back(IntKey("auth.otp_ip_limit", &Config::auth, &AuthConfig::otp_ip_limit, 1, 1000000,
                       "codes one client IP can request per auth.otp_limit_window_s"));
    k.push_back(IntKey("auth.otp_limit_window_s", &Config::auth, &AuthConfig::otp_limit_window_s, 60, 86400,
                       "window of the per-phone and per-IP code limits, seconds"));
    k.push_back(IntKey("auth.verify_ip_per_min", &Config::auth, &AuthConfig::verify_ip_per_min, 1, 1000000,
                       "code verifications one client IP may attempt per minute"));
    k.push_back(IntKey("auth.access_ttl_s", &Config::auth, &AuthConfig::access_ttl_s, 1, 86400,
                       "lifetime of an access token, seconds"));
    k.push_back(IntKey("auth.refresh_ttl_s", &Config::auth, &AuthConfig::refresh_ttl_s, 60, 365 * 24 * 3600,
                       "lifetime of a refresh token (renewed by each refresh), seconds"));
    k.push_back(IntKey("auth.clock_leeway_s", &Config::auth, &AuthConfig::clock_leeway_s, 0, 300,
                       "clock skew tolerated when checking token times, seconds"));
    k.push_back(IntKey("auth.session_cache_s", &Config::auth, &AuthConfig::session_cache_s, 0, 300,
                       "seconds a node trusts that a session is not revoked before checking the database again"));
    k.push_back(StringKey("auth.cookie_secure", &Config::auth, &AuthConfig::cookie_secure,
                          "Secure flag on session cookies: auto (when X-Forwarded-Proto is https and "
                          "server.trust_forwarded_for is on), always or never",
                          OneOf({"auto", "always", "never"})));
    k.push_back(StringKey("auth.public_origin", &Config::auth, &AuthConfig::public_origin,
                          "the site's own origin (https://example.com) accepted by the Origin check on cookie "
                          "writes; empty = the request's Host",
                          EmptyOrHttpUrl));
    k.push_back(BoolKey("auth.generate_secrets", &Config::auth, &AuthConfig::generate_secrets,
                        "generate missing secrets into DATA_DIR/secrets.toml (development); false = missing secrets "
                        "stop start-up"));
    k.push_back(IntKey("rate_limit.ip_per_min", &Config::rate_limit, &RateLimitConfig::ip_per_min, 0, 10000000,
                       "requests per minute per client IP, every route; 0 = no limit"));
    k.push_back(IntKey("rate_limit.principal_per_min", &Config::rate_limit, &RateLimitConfig::principal_per_min, 0,
                       10000000, "requests per minute per signed-in user; 0 = no limit"));
    k.push_back(StringKey("sms.provider", &Config::sms, &SmsConfig::provider,
                          "how login codes are sent: outbox (DATA_DIR/outbox/sms.jsonl), msg91, sns or webhook",
                          OneOf({"outbox", "msg91", "sns", "webhook"})));
    k.push_back(IntKey("sms.timeout_ms", &Config::sms, &SmsConfig::timeout_ms, 100, 120000,
                       "total time allowed for one call to the SMS provider"));
    k.push_back(StringKey("sms.msg91_url", &Config::sms, &SmsConfig::msg91_url,
                          "MSG91 SendOTP endpoint (authkey in WEBDPRO_SECRET_MSG91_AUTHKEY)", EmptyOrHttpUrl));
    k.push_back(StringKey("sms.msg91_template_id", &Config::sms, &SmsConfig::msg91_template_id,
                          "MSG91 DLT-approved OTP template id"));
    k.push_back(StringKey("sms.sns_region", &Config::sms, &SmsConfig::sns_region,
                          "AWS region for SNS (keys in WEBDPRO_SECRET_AWS_ACCESS_KEY_ID / _AWS_SECRET_ACCESS_KEY)"));
    k.push_back(StringKey("sms.sns_endpoint", &Config::sms, &SmsConfig::sns_endpoint,
                          "SNS endpoint URL; empty = https://sns.<region>.amazonaws.com/", EmptyOrHttpUrl));
    k.push_back(StringKey("sms.sns_sender_id", &Config::sms, &SmsConfig::sns_sender_id,
                          "SNS sender id (3-11 letters and digits); empty = none"));
    k.push_back(StringKey("sms.sns_entity_id", &Config::sms, &SmsConfig::sns_entity_id,
                          "TRAI DLT principal entity id (required by SNS for India)"));
    k.push_back(StringKey("sms.sns_template_id", &Config::sms, &SmsConfig::sns_template_id,
                          "TRAI DLT template id (required by SNS for India)"));
    k.push_back(StringKey("sms.webhook_url", &Config::sms, &SmsConfig::webhook_url,
                          "URL that receives {to, text, code} as JSON (optional bearer token in "
                          "WEBDPRO_SECRET_SMS_WEBHOOK_TOKEN)",
                          EmptyOrHttpUrl));
}

/// Keys of the AI generation chain (src/ai). `ai.levels` is listed for the docs; it is parsed
/// from the file by ApplyAiLevels.
void AddAiKeys(std::vector<KeyDef>& k) {
    k.push_back(IntKey("ai.deadline_s", &Config::ai, &AiConfig::deadline_s, 1, 600,
                       "seconds one store generation may spend on model levels before the rule-based level answers"));
    k.push_back(IntKey("ai.free_start_level", &Config::ai, &AiConfig::free_start_level, 0, 64,
                       "index of the model level FREE tenants start at (past the last = rule-based only)"));
    k.push_back(IntKey("ai.pro_start_level", &Config::ai, &AiConfig::pro_start_level, 0, 64,
                       "index of the model level PRO and ENTERPRISE tenants start at"));
    k.push_back(IntKey("ai.breaker_failures", &Config::ai, &AiConfig::breaker_failures, 1, 1000,
                       "consecutive failures after which a model level is skipped for ai.breaker_cool_down_s"));
    k.push_back(IntKey("ai.breaker_cool_down_s", &Config::ai, &AiConfig::breaker_cool_down_s, 1, 86400,
                       "seconds a failing model level is skipped before one probe call"));
    k.push_back(DoubleKey("ai.monthly_budget_usd_free", &Config::ai, &AiConfig::monthly_budget_usd_free, 0.0, 1e6,
                          "model spend allowed per FREE tenant per calendar month (UTC), USD; 0 = rule-based only"));
    k.push_back(DoubleKey("ai.monthly_budget_usd_pro", &Config::ai, &AiConfig::monthly_budget_usd_pro, 0.0, 1e6,
                          "model spend allowed per PRO or ENTERPRISE tenant per calendar month (UTC), USD"));
    k.push_back(IntKey("ai.cache_capacity", &Config::ai, &AiConfig::cache_capacity, 0, 1000000,
                       "generated specs kept in memory for an identical description and language; 0 = none"));
    k.push_back(KeyDef{std::string(kAiLevelsKey),
                       "the model levels in order, config file only, as [[ai.levels]] tables with name; provider "
                       "(anthropic, bedrock, openai or rules); model; base_url; api_key_env (the variable holding the "
                       "key, never the key); aws_region; timeout_s; input_usd_per_1k; output_usd_per_1k. Absent = "
                       "Claude 3 Sonnet, Claude 3 Haiku, Titan Text Express, Llama 3 8B, then rules",
                       "",
                       [](Config&, const Value&) -> std::optional<std::string> {
                           return "can only be set in the config file, as [[ai.levels]] tables";
                       },
                       /*file_only=*/true});
}

const std::vector<KeyDef>& Keys() {
    static const std::vector<KeyDef> keys = [] {
        std::vector<KeyDef> k;
        k.push_back(StringKey("server.listen", &Config::server, &ServerConfig::listen,
                              "address and port to listen on, HOST:PORT (port 0 picks a free one)",
                              [](const std::string& s) -> std::optional<std::string> {
                                  std::string host;
                                  std::uint16_t port = 0;
                                  if (!ParseListen(s, host, port)) {
                                      return "must be HOST:PORT with a port from 0 to 65535";
                                  }
                                  return std::nullopt;
                              }));
        k.push_back(IntKey("server.io_threads", &Config::server, &ServerConfig::io_threads, 0, 256,
                           "I/O threads; 0 means one per CPU core"));
        k.push_back(IntKey("server.header_timeout_s", &Config::server, &ServerConfig::header_timeout_s, 1, 300,
                           "seconds a client has to send the request line and headers"));
        k.push_back(IntKey("server.body_timeout_s", &Config::server, &ServerConfig::body_timeout_s, 1, 3600,
                           "seconds a client has to send the request body"));
        k.push_back(IntKey("server.idle_timeout_s", &Config::server, &ServerConfig::idle_timeout_s, 1, 3600,
                           "seconds an idle keep-alive connection is kept open"));
        k.push_back(IntKey("server.body_limit_bytes", &Config::server, &ServerConfig::body_limit_bytes, 1024, 1LL << 30,
                           "largest request body accepted (routes may set their own)"));
        k.push_back(IntKey("server.shutdown_grace_s", &Config::server, &ServerConfig::shutdown_grace_s, 0, 300,
                           "seconds in-flight requests get to finish on SIGINT/SIGTERM"));
        {
            Config defaults;
            k.push_back(KeyDef{"server.cors_origins",
                               "origins allowed to call the API from a browser (comma-separated)", "",
                               [](Config& c, const Value& v) -> std::optional<std::string> {
                                   auto list = AsList(v);
                                   if (!list) {
                                       return "must be a list of origins";
                                   }
                                   for (const auto& origin : *list) {
                                       if (!origin.starts_with("http://") && !origin.starts_with("https://")) {
                                           return "origin '" + origin + "' must start with http:// or https://";
                                       }
                                   }
                                   c.server.cors_origins = *list;
                                   return std::nullopt;
                               }});
            k.push_back(KeyDef{"server.trust_forwarded_for",
                               "take the client address from X-Forwarded-For (only behind a trusted proxy)",
                               defaults.server.trust_forwarded_for ? "true" : "false",
                               [](Config& c, const Value& v) -> std::optional<std::string> {
                                   auto b = AsBool(v);
                                   if (!b) {
                                       return "must be true or false";
                                   }
                                   c.server.trust_forwarded_for = *b;
                                   return std::nullopt;
                               }});
        }
        k.push_back(StringKey("storage.data_dir", &Config::storage, &StorageConfig::data_dir,
                              "folder for the database, backups and outbox files",
                              [](const std::string& s) -> std::optional<std::string> {
                                  if (s.empty()) {
                                      return "must not be empty";
                                  }
                                  return std::nullopt;
                              }));
        k.push_back(IntKey("storage.readers", &Config::storage, &StorageConfig::readers, 1, 64,
                           "read connections to the database, each on its own thread"));
        k.push_back(IntKey("storage.busy_timeout_ms", &Config::storage, &StorageConfig::busy_timeout_ms, 0, 600000,
                           "how long a connection waits on a locked database"));
        k.push_back(IntKey("storage.max_batch", &Config::storage, &StorageConfig::max_batch, 1, 100000,
                           "most write transactions committed together in one group commit"));
        k.push_back(StringKey("log.level", &Config::log, &LogConfig::level, "debug, info, warn or error",
                              [](const std::string& s) -> std::optional<std::string> {
                                  LogLevel level;
                                  if (!ParseLogLevel(s, level)) {
                                      return "must be one of debug, info, warn, error";
                                  }
                                  return std::nullopt;
                              }));
        k.push_back(StringKey("web.dir", &Config::web, &WebConfig::dir,
                              "serve the web app from this folder instead of the copy built into the binary"));
        k.push_back(IntKey("web.cache_max_age_s", &Config::web, &WebConfig::cache_max_age_s, 0, 31536000,
                           "Cache-Control max-age for web app files"));
        k.push_back(StringKey("storefront.base_domain", &Config::storefront, &StorefrontConfig::base_domain,
                              "serve each published store on {slug}.<this domain> too (e.g. webdpro.in); empty = off",
                              [](const std::string& s) -> std::optional<std::string> {
                                  const bool ok = std::ranges::all_of(s, [](char c) {
                                      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
                                  });
                                  if (!ok || s.starts_with('.') || s.ends_with('.')) {
                                      return "must be a lower-case domain name like webdpro.in";
                                  }
                                  return std::nullopt;
                              }));
        k.push_back(IntKey("storefront.cache_mb", &Config::storefront, &StorefrontConfig::cache_mb, 1, 65536,
                           "memory for rendered stores in MiB; least recently used stores are dropped first"));
        k.push_back(IntKey("storefront.lookup_ttl_ms", &Config::storefront, &StorefrontConfig::lookup_ttl_ms, 0, 60000,
                           "how long a node trusts a store lookup; a change shows on every node within it"));
        k.push_back(IntKey("storefront.render_threads", &Config::storefront, &StorefrontConfig::render_threads, 1, 64,
                           "threads that render stores"));
        AddAccountKeys(k);
        AddAiKeys(k);
        k.push_back(IntKey("stores.generate_threads", &Config::stores, &StoresConfig::generate_threads, 1, 64,
                           "threads that generate stores (AI chain and render check)"));
        k.push_back(IntKey("stores.generate_queue", &Config::stores, &StoresConfig::generate_queue, 1, 100000,
                           "store generations queued or running at once; beyond, new stores get 503"));
        k.push_back(IntKey("orders.reservation_minutes", &Config::orders, &OrdersConfig::reservation_minutes, 1,
                           24 * 60, "minutes an unpaid online-payment order holds its stock before it is released"));
        k.push_back(IntKey("orders.max_lines", &Config::orders, &OrdersConfig::max_lines, 1, 500,
                           "most product lines in one order"));
        k.push_back(IntKey("events.batch_size", &Config::events, &EventsConfig::batch_size, 1, 10000,
                           "outbox events the dispatcher claims at once"));
        k.push_back(IntKey("events.poll_interval_ms", &Config::events, &EventsConfig::poll_interval_ms, 10, 60000,
                           "how often the idle dispatcher looks for due events (commits wake it sooner)"));
        k.push_back(IntKey("events.max_attempts", &Config::events, &EventsConfig::max_attempts, 1, 100,
                           "delivery attempts before an event is marked DEAD"));
        k.push_back(IntKey("events.backoff_base_ms", &Config::events, &EventsConfig::backoff_base_ms, 1, 3600000,
                           "first retry delay of a failed event, doubled on each attempt (with jitter)"));
        k.push_back(IntKey("events.backoff_max_ms", &Config::events, &EventsConfig::backoff_max_ms, 1, 86400000,
                           "longest retry delay of a failed event"));
        return k;
    }();
    return keys;
}

std::string EnvName(const std::string& key) {
    std::string out = "WEBDPRO_";
    for (char c : key) {
        out.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

const KeyDef* FindKey(const std::string& key) {
    for (const auto& def : Keys()) {
        if (def.key == key) {
            return &def;
        }
    }
    return nullptr;
}

ApiError ConfigError(const std::string& key, const std::string& source, const std::string& reason) {
    ApiError e(ErrorCode::kInvalidArgument, "config: " + key + " (" + source + ") " + reason);
    e.fields.push_back({key, reason});
    return e;
}

std::optional<Value> FromToml(const toml::node& node) {
    if (auto s = node.value<std::string>(); s && node.is_string()) {
        return Value(*s);
    }
    if (node.is_integer()) {
        return Value(*node.value<std::int64_t>());
    }
    if (node.is_boolean()) {
        return Value(*node.value<bool>());
    }
    if (node.is_floating_point()) {
        return Value(*node.value<double>());
    }
    if (const auto* arr = node.as_array()) {
        std::vector<std::string> items;
        for (const auto& item : *arr) {
            if (!item.is_string()) {
                return std::nullopt;
            }
            items.push_back(*item.value<std::string>());
        }
        return Value(std::move(items));
    }
    return std::nullopt;
}

std::optional<std::string> LevelString(const toml::node& node, std::string& out) {
    if (!node.is_string()) {
        return "must be a string";
    }
    out = *node.value<std::string>();
    return std::nullopt;
}

std::optional<std::string> LevelPrice(const toml::node& node, double& out) {
    if (!node.is_number()) {
        return "must be a number (USD per 1,000 tokens)";
    }
    out = *node.value<double>();
    if (!std::isfinite(out) || out < 0.0) {
        return "must not be negative";
    }
    return std::nullopt;
}

// An environment variable name, so a key pasted into the file by mistake is refused.
std::optional<std::string> CheckKeyEnvName(const std::string& name) {
    if (name.empty()) {
        return std::nullopt;
    }
    const bool valid =
        std::all_of(name.begin(), name.end(),
                    [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }) &&
        !(name.front() >= '0' && name.front() <= '9');
    if (!valid) {
        return "must name an environment variable (A-Z, 0-9, _) that holds the key, never the key itself";
    }
    if (name.starts_with("WEBDPRO_") && !IsSecretEnv(name)) {
        return "WEBDPRO_* variables are settings; use WEBDPRO_SECRET_* or the provider's own variable";
    }
    return std::nullopt;
}

// Reads one [[ai.levels]] table; `at` is "ai.levels[2]".
Result<AiLevelSettings> ParseAiLevel(const toml::table& table, const std::string& at, const std::string& file) {
    AiLevelSettings level;
    for (const auto& [name, node] : table) {
        const std::string field(name.str());
        std::optional<std::string> why;
        if (field == "name") {
            why = LevelString(node, level.name);
        } else if (field == "provider") {
            why = LevelString(node, level.provider);
        } else if (field == "model") {
            why = LevelString(node, level.model);
        } else if (field == "base_url") {
            why = LevelString(node, level.base_url);
            if (!why) {
                why = EmptyOrHttpUrl(level.base_url);
            }
        } else if (field == "api_key_env") {
            why = LevelString(node, level.api_key_env);
            if (!why) {
                why = CheckKeyEnvName(level.api_key_env);
            }
        } else if (field == "aws_region") {
            why = LevelString(node, level.aws_region);
        } else if (field == "timeout_s") {
            if (!node.is_integer()) {
                why = "must be a whole number of seconds";
            } else if (const auto seconds = *node.value<std::int64_t>(); seconds <= 0 || seconds > 3600) {
                why = "must be between 1 and 3600";
            } else {
                level.timeout_s = static_cast<int>(seconds);
            }
        } else if (field == "input_usd_per_1k") {
            why = LevelPrice(node, level.input_usd_per_1k);
        } else if (field == "output_usd_per_1k") {
            why = LevelPrice(node, level.output_usd_per_1k);
        } else {
            why =
                "is not a known level setting (name, provider, model, base_url, api_key_env, aws_region, "
                "timeout_s, input_usd_per_1k, output_usd_per_1k)";
        }
        if (why) {
            return Fail(ConfigError(at + "." + field, file, *why));
        }
    }
    if (level.name.empty()) {
        return Fail(ConfigError(at + ".name", file, "is required"));
    }
    if (auto why = OneOf({"anthropic", "bedrock", "openai", "rules"})(level.provider)) {
        return Fail(ConfigError(at + ".provider", file, *why));
    }
    if (level.provider != "rules" && level.model.empty()) {
        return Fail(ConfigError(at + ".model", file, "is required"));
    }
    if (level.provider == "openai" && level.base_url.empty()) {
        return Fail(ConfigError(at + ".base_url", file, "is required for an openai-compatible server"));
    }
    return level;
}

Result<void> ApplyAiLevels(Config& config, const toml::node& node, const std::string& file) {
    const std::string key(kAiLevelsKey);
    const auto* array = node.as_array();
    if (array == nullptr) {
        return Fail(ConfigError(key, file, "must be an array of tables, written [[ai.levels]]"));
    }
    std::vector<AiLevelSettings> levels;
    std::set<std::string> names;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string at = key + "[" + std::to_string(i) + "]";
        const auto* table = (*array)[i].as_table();
        if (table == nullptr) {
            return Fail(ConfigError(at, file, "must be a table"));
        }
        auto level = ParseAiLevel(*table, at, file);
        if (!level) {
            return Fail(level.error());
        }
        if (!names.insert(level->name).second) {
            return Fail(ConfigError(at + ".name", file, "repeats '" + level->name + "'; level names must be unique"));
        }
        levels.push_back(std::move(*level));
    }
    for (std::size_t i = 0; i + 1 < levels.size(); ++i) {
        if (levels[i].provider == "rules") {
            return Fail(ConfigError(key + "[" + std::to_string(i) + "].provider", file,
                                    "rules must be the last level (it always answers, so nothing after it runs)"));
        }
    }
    config.ai.levels = std::move(levels);
    return {};
}

Result<void> ApplyToml(Config& config, const toml::table& table, const std::string& prefix, const std::string& file) {
    for (const auto& [name, node] : table) {
        const std::string key = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
        if (key == kAiLevelsKey) {
            auto r = ApplyAiLevels(config, node, file);
            if (!r) {
                return r;
            }
            continue;
        }
        if (const auto* sub = node.as_table()) {
            auto r = ApplyToml(config, *sub, key, file);
            if (!r) {
                return r;
            }
            continue;
        }
        const KeyDef* def = FindKey(key);
        if (def == nullptr) {
            return Fail(ConfigError(key, file, "is not a known setting"));
        }
        auto value = FromToml(node);
        if (!value) {
            return Fail(ConfigError(key, file, "has an unsupported type"));
        }
        if (auto why = def->apply(config, *value)) {
            return Fail(ConfigError(key, file, *why));
        }
    }
    return {};
}

}  // namespace

bool ParseListen(const std::string& text, std::string& host, std::uint16_t& port) {
    std::size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= text.size()) {
        return false;
    }
    std::string h = text.substr(0, colon);
    if (h.front() == '[') {
        if (h.back() != ']' || h.size() < 3) {
            return false;
        }
        h = h.substr(1, h.size() - 2);
    }
    unsigned value = 0;
    const std::string p = text.substr(colon + 1);
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
    if (ec != std::errc() || end != p.data() + p.size() || value > 65535) {
        return false;
    }
    host = h;
    port = static_cast<std::uint16_t>(value);
    return true;
}

bool IsSecretEnv(const std::string& name) {
    // Secrets are read where they are needed (auth, payments, AI), never through Config.
    static const std::vector<std::string> kSecretPrefixes = {"WEBDPRO_SECRET_", "WEBDPRO_SECRETS_FILE"};
    return std::any_of(kSecretPrefixes.begin(), kSecretPrefixes.end(),
                       [&](const std::string& p) { return name.starts_with(p); });
}

Result<Config> LoadConfig(const ConfigSources& sources) {
    Config config;
    if (sources.file) {
        toml::table table;
        try {
            table = toml::parse_file(*sources.file);
        } catch (const toml::parse_error& e) {
            std::string reason(e.description());
            return Fail(ErrorCode::kInvalidArgument, "config: cannot read " + *sources.file + " at line " +
                                                         std::to_string(e.source().begin.line) + ": " + reason);
        }
        auto r = ApplyToml(config, table, "", *sources.file);
        if (!r) {
            return Fail(r.error());
        }
    }
    for (const auto& [name, value] : sources.env) {
        if (!name.starts_with("WEBDPRO_") || IsSecretEnv(name)) {
            continue;
        }
        const KeyDef* match = nullptr;
        for (const auto& def : Keys()) {
            if (!def.file_only && EnvName(def.key) == name) {
                match = &def;
                break;
            }
        }
        if (match == nullptr) {
            return Fail(ConfigError(name, "environment", "is not a known setting"));
        }
        if (auto why = match->apply(config, Value(value))) {
            return Fail(ConfigError(match->key, "environment " + name, *why));
        }
    }
    for (const auto& [key, value] : sources.overrides) {
        const KeyDef* def = FindKey(key);
        if (def == nullptr) {
            return Fail(ConfigError(key, "command line", "is not a known setting"));
        }
        if (auto why = def->apply(config, Value(value))) {
            return Fail(ConfigError(key, "command line", *why));
        }
    }
    return config;
}

std::vector<ConfigKeyInfo> ConfigKeys() {
    std::vector<ConfigKeyInfo> out;
    for (const auto& def : Keys()) {
        out.push_back(
            {def.key, def.file_only ? std::string(kFileOnlyEnv) : EnvName(def.key), def.default_value, def.help});
    }
    return out;
}

std::map<std::string, std::string> ProcessEnvironment() {
    std::map<std::string, std::string> out;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        std::string entry(*e);
        const auto eq = entry.find('=');
        if (eq != std::string::npos) {
            out.emplace(entry.substr(0, eq), entry.substr(eq + 1));
        }
    }
    return out;
}

}  // namespace webdpro
