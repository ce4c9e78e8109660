#include "core/work_pool.hpp"

#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

namespace webdpro {
namespace {

template <class T>
T RunOn(boost::asio::io_context& io, boost::asio::awaitable<T> task) {
    std::optional<T> out;
    boost::asio::co_spawn(
        io, [&]() -> boost::asio::awaitable<void> { out = co_await std::move(task); }, boost::asio::detached);
    io.run();
    io.restart();
    return std::move(*out);
}

}  // namespace

TEST(WorkPool, RunsOffTheCallerAndResumesOnIt) {
    WorkPool pool("test", 2, 8);
    boost::asio::io_context io;
    const auto caller = std::this_thread::get_id();
    std::thread::id worker;
    std::thread::id resumed;
    auto result = RunOn(io, [&]() -> boost::asio::awaitable<Result<int>> {
        auto r = co_await pool.Run([&]() -> Result<int> {
            worker = std::this_thread::get_id();
            return 42;
        });
        resumed = std::this_thread::get_id();
        co_return r;
    }());
    ASSERT_TRUE(result);
    EXPECT_EQ(*result, 42);
    EXPECT_NE(worker, caller);
    EXPECT_EQ(resumed, caller);
    EXPECT_EQ(pool.pending(), 0u);
}

TEST(WorkPool, ExceptionsBecomeInternalErrors) {
    WorkPool pool("test", 1, 8);
    boost::asio::io_context io;
    auto result = RunOn(io, pool.Run([]() -> Result<int> { throw std::runtime_error("boom"); }));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kInternal);
    EXPECT_NE(result.error().detail.find("boom"), std::string::npos);
}

TEST(WorkPool, RefusesWorkBeyondItsBound) {
    WorkPool pool("test", 1, 2);
    boost::asio::io_context io;
    std::atomic<bool> release{false};
    int refused = 0;
    int done = 0;
    for (int i = 0; i < 5; ++i) {
        boost::asio::co_spawn(
            io,
            [&]() -> boost::asio::awaitable<void> {
                auto r = co_await pool.Run([&]() -> Result<int> {
                    while (!release.load()) {
                        std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    }
                    return 1;
                });
                if (!r) {
                    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
                    ++refused;
                    if (refused == 3) {
                        release = true;
                    }
                } else {
                    ++done;
                }
            },
            boost::asio::detached);
    }
    io.run();
    EXPECT_EQ(done, 2);
    EXPECT_EQ(refused, 3);
}

}  // namespace webdpro
