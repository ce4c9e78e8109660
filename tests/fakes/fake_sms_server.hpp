#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/log.hpp"
#include "core/metrics.hpp"
#include "http/headers.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace webdpro::fakes {

/// A fake SMS provider on loopback for tests of the real senders (MSG91, AWS SNS, webhook) over
/// real HTTP. It answers like the provider does and can fail on demand: 500, 400 (a refusal),
/// 200 with a body the provider would never send, or hang longer than the sender's timeout.
/// "Connection refused" is ClosedPort(). Every request is recorded.
///
/// Endpoints: POST /msg91/api/v5/otp, POST /sns/, POST /webhook.
/// Thread-safe; the server runs on its own thread until destroyed.
class FakeSmsServer final {
public:
    enum class Mode { kOk, kFail500, kFail400, kGarbage, kHang };

    struct Received {
        std::string method;
        std::string path;
        std::string query;
        http::Headers headers;
        std::string body;
    };

    /// Starts on 127.0.0.1 and a free port; nullptr (with `error` set) when it cannot listen.
    static std::unique_ptr<FakeSmsServer> Start(std::string& error);
    ~FakeSmsServer();
    FakeSmsServer(const FakeSmsServer&) = delete;
    FakeSmsServer& operator=(const FakeSmsServer&) = delete;

    std::uint16_t port() const { return server_->port(); }
    std::string url(const std::string& path) const;

    void SetMode(Mode mode) { mode_.store(mode); }
    /// How long kHang waits before answering (default 5 s).
    void SetHang(std::chrono::milliseconds hang) { hang_ms_.store(hang.count()); }
    std::vector<Received> received() const;

    /// A loopback port nobody listens on (bound, then closed).
    static std::uint16_t ClosedPort();

private:
    FakeSmsServer();
    void Register();

    Logger logger_{2, LogLevel::kError};
    Metrics metrics_;
    http::Router router_;
    std::unique_ptr<http::Server> server_;
    std::thread thread_;
    std::atomic<Mode> mode_{Mode::kOk};
    std::atomic<std::int64_t> hang_ms_{5000};
    mutable std::mutex mutex_;
    std::vector<Received> received_;
};

}  // namespace webdpro::fakes
