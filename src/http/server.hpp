#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "http/http_config.hpp"
#include "http/router.hpp"

namespace webdpro::http {

/// How the server listens and how patient it is. Mirrors ServerConfig; durations are milliseconds
/// so tests can use short ones.
struct ServerOptions {
    std::string host = "127.0.0.1";                    ///< an IP literal or a resolvable name
    std::uint16_t port = 8080;                         ///< 0 picks a free port (see Server::port())
    int io_threads = 0;                                ///< 0 = one per core
    std::chrono::milliseconds header_timeout{10'000};  ///< to send a request head (and first bytes)
    std::chrono::milliseconds body_timeout{30'000};    ///< to send a request body
    std::chrono::milliseconds idle_timeout{60'000};    ///< keep-alive wait for the next request
    std::chrono::milliseconds write_timeout{30'000};   ///< to take one response (or SSE event)
    std::chrono::milliseconds shutdown_grace{10'000};  ///< in-flight requests get this long to finish
    std::chrono::milliseconds sse_heartbeat{15'000};   ///< quiet time before an SSE heartbeat comment
    std::int64_t body_limit = 1 << 20;                 ///< default request body limit (per-route override)
    std::size_t header_limit = 16 * 1024;              ///< request line + headers
    std::vector<std::string> cors_origins;             ///< exact origins; empty = CORS off
    bool trust_forwarded_for = false;                  ///< take the client IP from X-Forwarded-For
    bool access_log = true;                            ///< one info line per request
    /// Install SIGINT/SIGTERM handlers during Run() that start a graceful Shutdown(). The app turns
    /// this on; tests leave it off.
    bool handle_signals = false;

    /// The options for `config` (listen address parsed, seconds converted). Fails with
    /// kInvalidArgument naming server.listen when the address is malformed.
    static Result<ServerOptions> FromConfig(const ServerConfig& config);
};

/// The HTTP/1.1 server: one acceptor, `io_threads` single-threaded I/O contexts (connections are
/// spread round-robin, each connection lives on one thread), a coroutine per connection.
///
/// Lifecycle (all from one controlling thread, except Shutdown/Stop/Post which are thread-safe):
///   Server server(options, router, logger, metrics);   // routes must all be registered by Start()
///   if (auto started = server.Start(); !started) { ...report started.error()... }
///   server.Run();   // blocks until shutdown has completed; then the process can exit 0
///
/// The Router, Logger and Metrics must outlive the Server. The Server must outlive Run().
class Server final {
public:
    Server(ServerOptions options, const Router& router, Logger& logger, Metrics& metrics);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Resolves and binds the listen address and starts accepting (served once Run() runs).
    /// Fails with kUnavailable and the OS reason (e.g. "Address already in use") when it cannot
    /// listen. Call once.
    Result<void> Start();

    /// The bound port (useful with port 0); 0 before Start().
    std::uint16_t port() const;

    /// Runs the I/O threads (the calling thread is one of them) until the server has shut down:
    /// after Shutdown() has drained every connection or the grace period ran out, or after Stop().
    /// With handle_signals, SIGINT/SIGTERM call Shutdown(). Returns at once if Start() failed or
    /// was never called.
    void Run();

    /// Graceful shutdown, idempotent, callable from any thread (or a signal handler via
    /// handle_signals, not a raw one): stops accepting (new connections are refused), closes idle
    /// keep-alive connections at once, lets in-flight requests finish with `Connection: close`,
    /// ends SSE streams, and makes Run() return when all are done or after shutdown_grace.
    void Shutdown();

    /// Immediate stop: Run() returns as soon as possible; in-flight requests are abandoned.
    void Stop();

    /// True once Shutdown() or Stop() has been called.
    bool draining() const;

    /// Runs `work` on an I/O thread. It must not block. Thread-safe.
    void Post(std::function<void()> work);

    /// The implementation (server.cpp); opaque to users, named here so its helpers can see it.
    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace webdpro::http
