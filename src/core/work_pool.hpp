#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/awaitable.hpp"
#include "core/error.hpp"

namespace webdpro {

/// A fixed set of threads for blocking work (outbound HTTP through libcurl, model calls,
/// rendering) awaited from I/O coroutines, which never block. Bounded: when `max_pending` jobs are
/// already queued or running, Run fails at once with kUnavailable instead of queueing without
/// limit. Thread-safe; must outlive every Run it started (Stop() drains).
class WorkPool final {
public:
    WorkPool(std::string name, int threads, std::size_t max_pending);
    ~WorkPool();
    WorkPool(const WorkPool&) = delete;
    WorkPool& operator=(const WorkPool&) = delete;

    /// Runs `fn` (returning Result<T>) on a pool thread; the awaiting coroutine resumes on its own
    /// executor. An exception from fn becomes ApiError::Internal.
    template <class Fn>
    auto Run(Fn fn) -> boost::asio::awaitable<std::invoke_result_t<Fn&>>;

    /// Blocking variant for CLI commands and tests (never call on an I/O thread).
    template <class Fn>
    auto RunSync(Fn fn) -> std::invoke_result_t<Fn&>;

    /// Jobs queued or running now.
    std::size_t pending() const { return pending_.load(); }
    const std::string& name() const { return name_; }
    /// Finishes queued jobs and joins the threads. Idempotent.
    void Stop();

private:
    bool TryReserve();
    void Release() { pending_.fetch_sub(1); }

    std::string name_;
    std::size_t max_pending_;
    std::atomic<std::size_t> pending_{0};
    boost::asio::thread_pool pool_;
};

template <class Fn>
auto WorkPool::Run(Fn fn) -> boost::asio::awaitable<std::invoke_result_t<Fn&>> {
    using R = std::invoke_result_t<Fn&>;
    if (!TryReserve()) {
        co_return Fail(ErrorCode::kUnavailable, "The service is busy. Please try again shortly.",
                       "work pool '" + name_ + "' is full");
    }
    co_return co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(R)>(
        [this, fn = std::move(fn)](auto handler) mutable {
            auto work = boost::asio::make_work_guard(boost::asio::get_associated_executor(handler));
            boost::asio::post(
                pool_, [this, fn = std::move(fn), handler = std::move(handler), work = std::move(work)]() mutable {
                    R result = [&]() -> R {
                        try {
                            return fn();
                        } catch (const std::exception& e) {
                            return Fail(ApiError::Internal(std::string("work pool job threw: ") + e.what()));
                        }
                    }();
                    Release();
                    auto executor = work.get_executor();
                    boost::asio::post(executor,
                                      [handler = std::move(handler), result = std::move(result),
                                       work = std::move(work)]() mutable { std::move(handler)(std::move(result)); });
                });
        },
        boost::asio::use_awaitable);
}

template <class Fn>
auto WorkPool::RunSync(Fn fn) -> std::invoke_result_t<Fn&> {
    try {
        return fn();
    } catch (const std::exception& e) {
        return Fail(ApiError::Internal(std::string("work pool job threw: ") + e.what()));
    }
}

}  // namespace webdpro
