#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace webdpro {

/// What a rate limiter decided for one request.
struct RateDecision {
    bool allowed = true;
    /// When refused: whole seconds until a token is available again (at least 1).
    int retry_after_s = 0;
};

/// Token buckets keyed by a string (an IP address, a user id, ...): each key may spend `capacity`
/// requests at once and earns `capacity` tokens back per `period`, continuously. In-memory and
/// per process (each node limits on its own). Memory is bounded: a shard that grows past its
/// share of `max_keys` first forgets keys whose bucket has refilled completely, then (under a
/// flood of distinct keys) forgets everything in that shard, which only ever errs towards
/// allowing. Thread-safe (sharded mutexes).
class RateLimiter final {
public:
    using SteadyClock = std::chrono::steady_clock;

    /// `capacity` >= 1 requests per `period` (> 0). A capacity of 0 disables the limiter.
    RateLimiter(int capacity, std::chrono::milliseconds period, std::size_t max_keys = 100'000);
    RateLimiter(const RateLimiter&) = delete;
    RateLimiter& operator=(const RateLimiter&) = delete;

    /// Spends one token of `key`'s bucket if it has one.
    RateDecision Take(std::string_view key) { return Take(key, SteadyClock::now()); }
    /// The same with an explicit time (tests).
    RateDecision Take(std::string_view key, SteadyClock::time_point now);

    bool enabled() const { return capacity_ > 0; }
    /// Keys currently tracked (for tests and metrics).
    std::size_t size() const;

private:
    static constexpr std::size_t kShards = 16;

    struct Bucket {
        double tokens = 0;
        SteadyClock::time_point updated;
    };
    struct Shard {
        mutable std::mutex mutex;
        std::unordered_map<std::string, Bucket> buckets;
    };

    double Refilled(const Bucket& bucket, SteadyClock::time_point now) const;
    void Prune(Shard& shard, SteadyClock::time_point now) const;

    double capacity_;
    double tokens_per_second_;
    std::size_t max_keys_per_shard_;
    std::array<Shard, kShards> shards_;
};

}  // namespace webdpro
