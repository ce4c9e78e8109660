#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace webdpro {

struct ServerConfig {
    std::string listen = "127.0.0.1:8080";  ///< HOST:PORT; port 0 picks a free port
    int io_threads = 0;                     ///< 0 = one per core
    int header_timeout_s = 10;              ///< time allowed to send the request head
    int body_timeout_s = 30;                ///< time allowed to send the request body
    int idle_timeout_s = 60;                ///< keep-alive idle time between requests
    std::int64_t body_limit_bytes = 1 << 20;
    int shutdown_grace_s = 10;              ///< in-flight requests get this long on SIGTERM
    std::vector<std::string> cors_origins;  ///< exact origins allowed cross-origin; empty = none
    bool trust_forwarded_for = false;       ///< take the client IP from X-Forwarded-For
};

struct StorageConfig {
    std::string data_dir = "./data";
    int readers = 4;  ///< reader connections (and threads)
    int busy_timeout_ms = 5000;
    int max_batch = 512;  ///< most write transactions committed together
};

struct LogConfig {
    std::string level = "info";
};

struct WebConfig {
    std::string dir;  ///< serve web/ from this folder instead of the embedded copy
    int cache_max_age_s = 300;
};

/// Phone login, sessions and cookies (src/auth).
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
    std::string public_origin;           ///< the site's own origin for the Origin check; empty = Host header
    bool generate_secrets = true;        ///< development: generate missing secrets into DATA_DIR/secrets.toml
};

/// Request rate limits applied to every route (src/auth guard).
struct RateLimitConfig {
    int ip_per_min = 1000;         ///< per client IP; 0 = off
    int principal_per_min = 1000;  ///< per signed-in user; 0 = off
};

/// How SMS (login codes) are sent (src/auth).
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

/// One `[[ai.levels]]` table of the config file: a model level of the AI chain, in order. Holds no
/// secret: `api_key_env` names the environment variable that holds the key.
struct AiLevelSettings {
    std::string name;                ///< unique, e.g. "claude-3-sonnet"
    std::string provider;            ///< anthropic | bedrock | openai | rules
    std::string model;               ///< provider's model id (not needed for rules)
    std::string base_url;            ///< "" = the provider's public endpoint (openai needs one)
    std::string api_key_env;         ///< env var holding the key; "" = the provider's usual one
    std::string aws_region;          ///< bedrock; "" = AWS_REGION, else us-east-1
    int timeout_s = 30;              ///< per call, cut to what is left of ai.deadline_s
    double input_usd_per_1k = 0.0;   ///< list price per 1,000 input tokens
    double output_usd_per_1k = 0.0;  ///< list price per 1,000 output tokens
};

/// The AI generation chain (src/ai). Scalars come from every source; `levels` only from the file.
struct AiConfig {
    int deadline_s = 30;                    ///< bounds one generation across all model levels
    int free_start_level = 1;               ///< index into the model levels where FREE tenants start
    int pro_start_level = 0;                ///< where PRO (and ENTERPRISE) tenants start
    int breaker_failures = 3;               ///< consecutive failures that open a level's breaker
    int breaker_cool_down_s = 30;           ///< how long an open breaker skips its level
    double monthly_budget_usd_free = 1.00;  ///< model spend per FREE tenant per month; 0 = rules only
    double monthly_budget_usd_pro = 20.00;  ///< per PRO (and ENTERPRISE) tenant per month
    int cache_capacity = 1024;              ///< specs kept for identical description + language
    /// `[[ai.levels]]` in order; std::nullopt (no such table) = the default chain
    /// (ai::DefaultLevelConfigs); an empty list (`levels = []`) = the rule-based level only.
    std::optional<std::vector<AiLevelSettings>> levels;
};

/// Hosting of generated stores (/s/{slug}/, subdomains, custom domains).
struct StorefrontConfig {
    std::string base_domain;   ///< "webdpro.in": stores also answer on {slug}.webdpro.in; "" = off
    int cache_mb = 64;         ///< rendered stores kept in memory, in MiB (least recently used go first)
    int lookup_ttl_ms = 2000;  ///< how long a node trusts a store lookup (slug, domain) before re-reading it
    int render_threads = 2;    ///< threads that render stores
};

/// Store generation jobs (src/stores).
struct StoresConfig {
    int generate_threads = 2;  ///< threads that run generation jobs (AI chain, render check)
    int generate_queue = 64;   ///< generation jobs queued or running; beyond, POST /api/stores answers 503
};

/// Orders (src/orders).
struct OrdersConfig {
    int reservation_minutes = 30;  ///< an online-payment order holds its stock this long
    int max_lines = 50;            ///< most product lines in one order
};

/// The outbox dispatcher (src/events) that delivers order events to their consumers.
struct EventsConfig {
    int batch_size = 512;         ///< events claimed at once
    int poll_interval_ms = 200;   ///< idle poll when no commit woke it
    int max_attempts = 8;         ///< then an event is DEAD
    int backoff_base_ms = 1000;   ///< first retry delay, doubled per attempt (with jitter)
    int backoff_max_ms = 300000;  ///< longest retry delay
};

/// Everything `webdpro serve` can be told. Secrets are not here: they come from the environment
/// or a secrets file (see Secrets), never from the config file.
struct Config {
    ServerConfig server;
    StorageConfig storage;
    LogConfig log;
    WebConfig web;
    StorefrontConfig storefront;
    AuthConfig auth;
    RateLimitConfig rate_limit;
    SmsConfig sms;
    AiConfig ai;
    StoresConfig stores;
    OrdersConfig orders;
    EventsConfig events;
};

/// Where configuration comes from; later sources win: defaults ← file ← env ← overrides.
struct ConfigSources {
    std::optional<std::string> file;               ///< TOML file path
    std::map<std::string, std::string> env;        ///< the process environment (only WEBDPRO_* is read)
    std::map<std::string, std::string> overrides;  ///< dotted key → value, from command-line flags
};

/// One documented configuration key.
struct ConfigKeyInfo {
    std::string key;  ///< "server.listen"
    std::string env;  ///< "WEBDPRO_SERVER_LISTEN"
    std::string default_value;
    std::string help;
};

/// Builds the configuration. Any unknown key (in the file, as a WEBDPRO_* variable, or as an
/// override) and any bad value is an error naming the key, its source and the reason.
Result<Config> LoadConfig(const ConfigSources& sources);

/// Every key with its env name, default and help text (for --help and the README).
std::vector<ConfigKeyInfo> ConfigKeys();

/// Environment variables that carry secrets rather than configuration; LoadConfig ignores them.
bool IsSecretEnv(const std::string& name);

/// Splits "HOST:PORT" ("[::1]:80" for IPv6). False when malformed or the port is out of range.
bool ParseListen(const std::string& text, std::string& host, std::uint16_t& port);

/// Reads the process environment into a map.
std::map<std::string, std::string> ProcessEnvironment();

}  // namespace webdpro
