#include "core/rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace webdpro {

RateLimiter::RateLimiter(int capacity, std::chrono::milliseconds period, std::size_t max_keys)
    : capacity_(std::max(capacity, 0)),
      tokens_per_second_(period.count() > 0 ? capacity_ * 1000.0 / static_cast<double>(period.count()) : capacity_),
      max_keys_per_shard_(std::max<std::size_t>(max_keys / kShards, 1)) {}

double RateLimiter::Refilled(const Bucket& bucket, SteadyClock::time_point now) const {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    return std::min(capacity_, bucket.tokens + std::max(elapsed, 0.0) * tokens_per_second_);
}

void RateLimiter::Prune(Shard& shard, SteadyClock::time_point now) const {
    std::erase_if(shard.buckets, [&](const auto& entry) { return Refilled(entry.second, now) >= capacity_; });
    if (shard.buckets.size() >= max_keys_per_shard_) {
        shard.buckets.clear();
    }
}

RateDecision RateLimiter::Take(std::string_view key, SteadyClock::time_point now) {
    if (!enabled()) {
        return {};
    }
    Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
    std::lock_guard lock(shard.mutex);
    auto it = shard.buckets.find(std::string(key));
    if (it == shard.buckets.end()) {
        if (shard.buckets.size() >= max_keys_per_shard_) {
            Prune(shard, now);
        }
        it = shard.buckets.emplace(std::string(key), Bucket{capacity_, now}).first;
    }
    Bucket& bucket = it->second;
    bucket.tokens = Refilled(bucket, now);
    bucket.updated = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return {};
    }
    const double wait_s = (1.0 - bucket.tokens) / tokens_per_second_;
    return {.allowed = false, .retry_after_s = std::max(1, static_cast<int>(std::ceil(wait_s)))};
}

std::size_t RateLimiter::size() const {
    std::size_t total = 0;
    for (const auto& shard : shards_) {
        std::lock_guard lock(shard.mutex);
        total += shard.buckets.size();
    }
    return total;
}

}  // namespace webdpro
