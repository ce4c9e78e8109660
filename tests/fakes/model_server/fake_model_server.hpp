#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace webdpro::fakes {

/// A fake model provider on loopback speaking the Anthropic Messages API (POST /v1/messages),
/// Bedrock Converse (POST /model/{id}/converse) and OpenAI-compatible chat completions
/// (POST /v1/chat/completions), so tests and the ai_chaos bench exercise the real provider code
/// over real HTTP. Plain POSIX sockets, one thread per connection, every response ends with
/// "Connection: close" — which gives byte-level control for hangs, trickles and truncated bodies.
///
/// Faults are chosen per model id (each chain level uses its own model): a queue of faults for the
/// next requests, then a steady fault, then (optionally) a random mix. "Connection refused" is
/// ClosedPort(). Thread-safe; the destructor wakes every hanging connection and joins.
class FakeModelServer final {
public:
    enum class Fault : std::uint8_t {
        kGood,             ///< a valid SiteSpec JSON in the API's success shape
        kRateLimited,      ///< 429 with retry-after
        kServerError,      ///< 500
        kOverloaded,       ///< 529 (Anthropic) / 503 (Bedrock, OpenAI)
        kAuth,             ///< 401/403
        kHang,             ///< reads the request, never answers (until the client gives up)
        kTrickle,          ///< a 200 whose body arrives one byte per trickle interval
        kTruncated,        ///< Content-Length larger than the bytes sent, then close
        kInvalidJson,      ///< a 200 whose body is not JSON at all
        kSchemaViolation,  ///< a well-formed API answer whose text is JSON of the wrong shape
        kPromptInjection,  ///< a valid spec whose strings carry <script> and "ignore previous instructions"
    };

    /// Faults drawn by a random mix (everything except kGood).
    static const std::vector<Fault>& FailureFaults();

    /// Starts on 127.0.0.1 and a free port; nullptr (with `error` set) when it cannot listen.
    static std::unique_ptr<FakeModelServer> Start(std::string& error);
    ~FakeModelServer();
    FakeModelServer(const FakeModelServer&) = delete;
    FakeModelServer& operator=(const FakeModelServer&) = delete;

    std::uint16_t port() const { return port_; }
    /// "http://127.0.0.1:PORT".
    std::string base_url() const;

    /// Every request for `model` gets `fault` (after any queued ones).
    void SetFault(const std::string& model, Fault fault);
    /// The next requests for `model` get these faults, in order.
    void QueueFaults(const std::string& model, const std::vector<Fault>& faults);
    /// Each request for `model` fails with probability `rate`, with a fault drawn uniformly from
    /// `faults` (FailureFaults() when empty); deterministic for a given seed.
    void SetFaultMix(const std::string& model, double rate, std::uint32_t seed, std::vector<Fault> faults = {});
    /// Time between bytes of kTrickle (default 50 ms).
    void SetTrickleInterval(std::chrono::milliseconds interval) { trickle_ms_.store(interval.count()); }
    /// The retry-after seconds sent with 429 (default 7).
    void SetRetryAfter(int seconds) { retry_after_s_.store(seconds); }

    /// Requests received for `model` (all APIs).
    int requests_for(const std::string& model) const;
    int total_requests() const { return total_requests_.load(); }
    /// The raw header block of the last request (for checking auth headers).
    std::string last_headers() const;
    std::string last_path() const;

    /// A loopback port nobody listens on (bound, then closed).
    static std::uint16_t ClosedPort();

private:
    struct Script {
        std::deque<Fault> queued;
        Fault steady = Fault::kGood;
        double mix_rate = 0.0;
        std::vector<Fault> mix;
        std::mt19937 rng;
    };

    FakeModelServer() = default;
    void AcceptLoop();
    void Serve(int fd);
    Fault NextFault(const std::string& model);
    // Waits until the peer closes or the server stops; false when stopping.
    void WaitForPeerClose(int fd);

    int listen_fd_ = -1;
    std::uint16_t port_ = 0;
    std::thread accept_thread_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::int64_t> trickle_ms_{50};
    std::atomic<int> retry_after_s_{7};
    std::atomic<int> total_requests_{0};

    mutable std::mutex mutex_;
    std::condition_variable idle_;
    int active_connections_ = 0;
    std::map<std::string, Script> scripts_;
    std::map<std::string, int> counts_;
    std::string last_headers_;
    std::string last_path_;
};

}  // namespace webdpro::fakes
