#include "core/rate_limiter.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace webdpro {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

}  // namespace

TEST(RateLimiter, AllowsABurstUpToCapacityThenRefuses) {
    RateLimiter limiter(3, seconds(60));
    const auto t0 = RateLimiter::SteadyClock::now();
    EXPECT_TRUE(limiter.Take("ip", t0).allowed);
    EXPECT_TRUE(limiter.Take("ip", t0).allowed);
    EXPECT_TRUE(limiter.Take("ip", t0).allowed);
    const RateDecision refused = limiter.Take("ip", t0);
    EXPECT_FALSE(refused.allowed);
    // One token every 20 s.
    EXPECT_EQ(refused.retry_after_s, 20);
}

TEST(RateLimiter, KeysHaveSeparateBuckets) {
    RateLimiter limiter(1, seconds(60));
    const auto t0 = RateLimiter::SteadyClock::now();
    EXPECT_TRUE(limiter.Take("a", t0).allowed);
    EXPECT_FALSE(limiter.Take("a", t0).allowed);
    EXPECT_TRUE(limiter.Take("b", t0).allowed);
}

TEST(RateLimiter, RefillsContinuouslyAndNeverAboveCapacity) {
    RateLimiter limiter(2, seconds(2));
    const auto t0 = RateLimiter::SteadyClock::now();
    EXPECT_TRUE(limiter.Take("k", t0).allowed);
    EXPECT_TRUE(limiter.Take("k", t0).allowed);
    EXPECT_FALSE(limiter.Take("k", t0 + milliseconds(500)).allowed);
    EXPECT_TRUE(limiter.Take("k", t0 + milliseconds(1600)).allowed);
    // After a long pause the bucket holds 2, not 100.
    const auto later = t0 + seconds(100);
    EXPECT_TRUE(limiter.Take("k", later).allowed);
    EXPECT_TRUE(limiter.Take("k", later).allowed);
    EXPECT_FALSE(limiter.Take("k", later).allowed);
}

TEST(RateLimiter, RetryAfterIsAtLeastOneSecond) {
    RateLimiter limiter(1000, seconds(60));
    const auto t0 = RateLimiter::SteadyClock::now();
    for (int i = 0; i < 1000; ++i) {
        ASSERT_TRUE(limiter.Take("k", t0).allowed);
    }
    const auto refused = limiter.Take("k", t0);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retry_after_s, 1);
}

TEST(RateLimiter, ZeroCapacityDisablesIt) {
    RateLimiter limiter(0, seconds(60));
    for (int i = 0; i < 100; ++i) {
        EXPECT_TRUE(limiter.Take("k").allowed);
    }
    EXPECT_FALSE(limiter.enabled());
}

TEST(RateLimiter, MemoryStaysBoundedUnderManyDistinctKeys) {
    RateLimiter limiter(5, seconds(60), 1600);
    const auto t0 = RateLimiter::SteadyClock::now();
    for (int i = 0; i < 20000; ++i) {
        limiter.Take("ip-" + std::to_string(i), t0);
    }
    EXPECT_LE(limiter.size(), 1600u);
}

TEST(RateLimiter, IsThreadSafe) {
    RateLimiter limiter(4000, seconds(3600));
    std::vector<std::thread> threads;
    std::atomic<int> allowed{0};
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 1000; ++i) {
                if (limiter.Take("shared").allowed) {
                    allowed.fetch_add(1);
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    // 8000 attempts against 4000 tokens (plus at most a token or two of refill).
    EXPECT_GE(allowed.load(), 4000);
    EXPECT_LE(allowed.load(), 4010);
}

}  // namespace webdpro
