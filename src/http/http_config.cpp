#include "http/http_config.hpp"

namespace webdpro::http {

ConfigSection<ServerConfig> ServerConfigSection() {
    ConfigSection<ServerConfig> s("server");
    s.String("listen", &ServerConfig::listen, "address and port to listen on, HOST:PORT (port 0 picks a free one)",
             [](const std::string& text) -> std::optional<std::string> {
                 std::string host;
                 std::uint16_t port = 0;
                 if (!ParseListen(text, host, port)) {
                     return "must be HOST:PORT with a port from 0 to 65535";
                 }
                 return std::nullopt;
             });
    s.Int("io_threads", &ServerConfig::io_threads, 0, 256, "I/O threads; 0 means one per CPU core");
    s.Int("header_timeout_s", &ServerConfig::header_timeout_s, 1, 300,
          "seconds a client has to send the request line and headers");
    s.Int("body_timeout_s", &ServerConfig::body_timeout_s, 1, 3600, "seconds a client has to send the request body");
    s.Int("idle_timeout_s", &ServerConfig::idle_timeout_s, 1, 3600,
          "seconds an idle keep-alive connection is kept open");
    s.Int("body_limit_bytes", &ServerConfig::body_limit_bytes, 1024, 1LL << 30,
          "largest request body accepted (routes may set their own)");
    s.Int("shutdown_grace_s", &ServerConfig::shutdown_grace_s, 0, 300,
          "seconds in-flight requests get to finish on SIGINT/SIGTERM");
    s.List("cors_origins", &ServerConfig::cors_origins, "origins",
           "origins allowed to call the API from a browser (comma-separated)",
           [](const std::string& origin) -> std::optional<std::string> {
               if (!origin.starts_with("http://") && !origin.starts_with("https://")) {
                   return "origin '" + origin + "' must start with http:// or https://";
               }
               return std::nullopt;
           });
    s.Bool("trust_forwarded_for", &ServerConfig::trust_forwarded_for,
           "take the client address from X-Forwarded-For (only behind a trusted proxy)");
    return s;
}

ConfigSection<WebConfig> WebConfigSection() {
    ConfigSection<WebConfig> s("web");
    s.String("dir", &WebConfig::dir, "serve the web app from this folder instead of the copy built into the binary");
    s.Int("cache_max_age_s", &WebConfig::cache_max_age_s, 0, 31536000, "Cache-Control max-age for web app files");
    return s;
}

}  // namespace webdpro::http
