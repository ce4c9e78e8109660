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
    int readers = 4;            ///< reader connections (and threads)
    int busy_timeout_ms = 5000;
    int max_batch = 512;        ///< most write transactions committed together
};

struct LogConfig {
    std::string level = "info";
};

struct WebConfig {
    std::string dir;            ///< serve web/ from this folder instead of the embedded copy
    int cache_max_age_s = 300;
};

/// Everything `webdpro serve` can be told. Secrets are not here: they come from the environment
/// or a secrets file (see Secrets), never from the config file.
struct Config {
    ServerConfig server;
    StorageConfig storage;
    LogConfig log;
    WebConfig web;
};

/// Where configuration comes from; later sources win: defaults ← file ← env ← overrides.
struct ConfigSources {
    std::optional<std::string> file;           ///< TOML file path
    std::map<std::string, std::string> env;     ///< the process environment (only WEBDPRO_* is read)
    std::map<std::string, std::string> overrides;  ///< dotted key → value, from command-line flags
};

/// One documented configuration key.
struct ConfigKeyInfo {
    std::string key;          ///< "server.listen"
    std::string env;          ///< "WEBDPRO_SERVER_LISTEN"
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
