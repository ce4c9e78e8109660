#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace webdpro::http {

/// The HTTP server: where it listens, its threads, timeouts and limits (`[server]`).
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

/// The web app's static files (`[web]`).
struct WebConfig {
    std::string dir;  ///< serve web/ from this folder instead of the embedded copy
    int cache_max_age_s = 300;
};

/// The keys of `[server]`.
ConfigSection<ServerConfig> ServerConfigSection();
/// The keys of `[web]`.
ConfigSection<WebConfig> WebConfigSection();

}  // namespace webdpro::http
