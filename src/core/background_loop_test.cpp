#include "core/background_loop.hpp"

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/metrics.hpp"

namespace webdpro {
namespace {

using namespace std::chrono_literals;

constexpr auto kLong = std::chrono::hours(1);

// Polls `done` for up to two seconds.
template <class Fn>
bool Eventually(Fn done) {
    const auto deadline = std::chrono::steady_clock::now() + 2s;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) {
            return true;
        }
        std::this_thread::sleep_for(1ms);
    }
    return done();
}

boost::asio::awaitable<void> Sleep(std::chrono::milliseconds wait) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, wait);
    co_await timer.async_wait(boost::asio::use_awaitable);
}

}  // namespace

TEST(BackgroundLoop, RunsEveryPeriodUntilStopped) {
    std::atomic<int> runs{0};
    BackgroundLoop loop({.name = "test-period", .period = 5ms}, [&] {
        ++runs;
        return LoopNext::kWait;
    });
    loop.Start();
    EXPECT_TRUE(Eventually([&] { return runs.load() >= 3; }));
    loop.Stop();
    const int stopped_at = runs.load();
    EXPECT_EQ(loop.runs(), static_cast<std::uint64_t>(stopped_at));
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(runs.load(), stopped_at);
    EXPECT_FALSE(loop.running());
}

TEST(BackgroundLoop, WakeCutsTheInitialDelayAndThePeriodShort) {
    std::atomic<int> runs{0};
    BackgroundLoop loop({.name = "test-wake", .period = kLong, .initial_delay = kLong}, [&] {
        ++runs;
        return LoopNext::kWait;
    });
    loop.Start();
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(runs.load(), 0);  // still in its initial delay
    loop.Wake();
    EXPECT_TRUE(Eventually([&] { return runs.load() == 1; }));
    loop.Wake();
    EXPECT_TRUE(Eventually([&] { return runs.load() == 2; }));
    loop.Stop();  // does not wait out the hour
}

TEST(BackgroundLoop, AgainRunsAtOnceAndDebounceBatchesWakeUps) {
    std::atomic<int> runs{0};
    std::atomic<std::int64_t> first_wait_ms{-1};
    auto last_end = std::chrono::steady_clock::now();
    BackgroundLoop loop({.name = "test-again", .period = kLong, .wake_debounce = 100ms}, [&] {
        const int n = ++runs;
        if (n == 5) {
            // The sixth run comes from a Wake(), only once the debounce after this one is over.
            last_end = std::chrono::steady_clock::now();
        }
        if (n == 6) {
            first_wait_ms =
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - last_end)
                    .count();
        }
        return n < 5 ? LoopNext::kAgain : LoopNext::kWait;
    });
    loop.Start();
    EXPECT_TRUE(Eventually([&] { return runs.load() == 5; }));
    loop.Wake();
    loop.Wake();
    EXPECT_TRUE(Eventually([&] { return runs.load() == 6; }));
    std::this_thread::sleep_for(150ms);
    EXPECT_EQ(runs.load(), 6);  // two wake-ups, one run
    EXPECT_GE(first_wait_ms.load(), 90);
    loop.Stop();
}

TEST(BackgroundLoop, StopWaitsForSpawnedCoroutinesAndAsyncBodies) {
    std::atomic<bool> finished{false};
    BackgroundLoop driver({.name = "test-driver"});
    driver.Start();
    driver.Spawn([](std::atomic<bool>& done) -> boost::asio::awaitable<void> {
        co_await Sleep(30ms);
        done = true;
    }(finished));
    driver.Sync();
    driver.Stop();
    EXPECT_TRUE(finished.load());
    EXPECT_EQ(driver.runs(), 1U);
    driver.Spawn(Sleep(1ms));  // ignored once stopped
    EXPECT_EQ(driver.runs(), 1U);

    std::atomic<int> awaited{0};
    BackgroundLoop async({.name = "test-async", .period = 1ms}, [&]() -> boost::asio::awaitable<LoopNext> {
        co_await Sleep(2ms);
        ++awaited;
        co_return LoopNext::kWait;
    });
    async.Start();
    EXPECT_TRUE(Eventually([&] { return awaited.load() >= 2; }));
    async.Stop();
    EXPECT_EQ(async.runs(), static_cast<std::uint64_t>(awaited.load()));
}

TEST(BackgroundLoop, CountsRunsInMetricsAndStartsAgainAfterStop) {
    Metrics metrics;
    std::atomic<int> runs{0};
    BackgroundLoop loop({.name = "test-metrics", .period = kLong, .metrics = &metrics}, [&] {
        ++runs;
        return LoopNext::kWait;
    });
    loop.Start();
    EXPECT_TRUE(Eventually([&] { return runs.load() == 1; }));
    loop.Stop();
    loop.Start();
    EXPECT_TRUE(Eventually([&] { return runs.load() == 2; }));
    loop.Stop();
    const std::string text = metrics.Serialize();
    EXPECT_NE(text.find("webdpro_background_runs_total{loop=\"test-metrics\"} 2"), std::string::npos) << text;
    EXPECT_NE(text.find("webdpro_background_last_run_seconds{loop=\"test-metrics\"}"), std::string::npos) << text;
}

}  // namespace webdpro
