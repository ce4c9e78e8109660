#include "core/background_loop.hpp"

#include <algorithm>
#include <future>
#include <thread>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/metrics.hpp"
#include "core/thread_name.hpp"

namespace webdpro {

/// One running thread: its io_context, the loop's timer and its flags. Built by Start(), dropped
/// by Stop(); the flags other than `stopping` are touched only on the loop's thread.
struct BackgroundLoop::State {
    boost::asio::io_context ioc;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard{ioc.get_executor()};
    boost::asio::steady_timer timer{ioc};
    std::atomic<bool> stopping{false};
    bool woken = false;
    bool waiting_wakeable = false;
    std::thread thread;
};

struct BackgroundLoop::Instruments {
    prometheus::Counter* runs = nullptr;
    prometheus::Gauge* last_run_seconds = nullptr;
};

BackgroundLoop::BackgroundLoop(BackgroundLoopOptions options) : options_(std::move(options)) {
    if (options_.metrics == nullptr) {
        return;
    }
    auto& registry = options_.metrics->registry();
    instruments_ = std::make_unique<Instruments>();
    instruments_->runs = &prometheus::BuildCounter()
                              .Name("webdpro_background_runs_total")
                              .Help("Runs finished by each background loop (for a job driver: jobs).")
                              .Register(registry)
                              .Add({{"loop", options_.name}});
    instruments_->last_run_seconds = &prometheus::BuildGauge()
                                          .Name("webdpro_background_last_run_seconds")
                                          .Help("How long the last run of each background loop took.")
                                          .Register(registry)
                                          .Add({{"loop", options_.name}});
}

BackgroundLoop::BackgroundLoop(BackgroundLoopOptions options, Body body) : BackgroundLoop(std::move(options)) {
    body_ = std::move(body);
}

BackgroundLoop::BackgroundLoop(BackgroundLoopOptions options, AsyncBody body) : BackgroundLoop(std::move(options)) {
    async_body_ = std::move(body);
}

BackgroundLoop::~BackgroundLoop() {
    Stop();
}

void BackgroundLoop::Start() {
    std::lock_guard lock(mutex_);
    if (state_) {
        return;
    }
    state_ = std::make_unique<State>();
    State& state = *state_;
    if (body_ || async_body_) {
        boost::asio::co_spawn(state.ioc, Loop(state), boost::asio::detached);
    }
    state.thread = std::thread([this, &state] {
        SetThreadName(options_.name);
        state.ioc.run();
    });
}

void BackgroundLoop::Wake() {
    std::lock_guard lock(mutex_);
    if (!state_) {
        return;
    }
    boost::asio::post(state_->ioc, [&state = *state_] {
        state.woken = true;
        if (state.waiting_wakeable) {
            state.timer.cancel();
        }
    });
}

void BackgroundLoop::Spawn(boost::asio::awaitable<void> work) {
    std::lock_guard lock(mutex_);
    if (!state_) {
        return;
    }
    auto drive = [](BackgroundLoop& loop, boost::asio::awaitable<void> job) -> boost::asio::awaitable<void> {
        const auto started = std::chrono::steady_clock::now();
        co_await std::move(job);
        loop.Finished(started);
    };
    boost::asio::co_spawn(state_->ioc, drive(*this, std::move(work)), boost::asio::detached);
}

void BackgroundLoop::Sync() {
    std::promise<void> done;
    {
        std::lock_guard lock(mutex_);
        if (!state_) {
            return;
        }
        boost::asio::post(state_->ioc, [&done] { done.set_value(); });
    }
    done.get_future().wait();
}

void BackgroundLoop::Stop() {
    std::unique_ptr<State> state;
    {
        std::lock_guard lock(mutex_);
        state = std::move(state_);
    }
    if (!state) {
        return;
    }
    state->stopping = true;
    boost::asio::post(state->ioc, [&timer = state->timer] { timer.cancel(); });
    // The run in hand and the spawned coroutines keep the context busy until they end.
    state->guard.reset();
    state->thread.join();
}

bool BackgroundLoop::running() const {
    std::lock_guard lock(mutex_);
    return state_ != nullptr;
}

boost::asio::awaitable<void> BackgroundLoop::Loop(State& state) {
    if (options_.initial_delay.count() > 0) {
        co_await Pause(state, options_.initial_delay, true);
    }
    while (!state.stopping) {
        state.woken = false;
        const auto started = std::chrono::steady_clock::now();
        const LoopNext next = body_ ? body_() : co_await async_body_();
        Finished(started);
        if (state.stopping) {
            break;
        }
        if (next == LoopNext::kAgain) {
            // Lets a Wake() or Stop() posted meanwhile in before the next run.
            co_await boost::asio::post(state.ioc, boost::asio::use_awaitable);
            continue;
        }
        const auto debounce = std::min(options_.wake_debounce, options_.period);
        if (debounce.count() > 0) {
            co_await Pause(state, debounce, false);
        }
        if (!state.stopping) {
            co_await Pause(state, options_.period - debounce, true);
        }
    }
}

boost::asio::awaitable<void> BackgroundLoop::Pause(State& state, std::chrono::steady_clock::duration wait,
                                                   bool wakeable) {
    if (wakeable && state.woken) {
        co_return;
    }
    state.timer.expires_after(wait);
    state.waiting_wakeable = wakeable;
    boost::system::error_code cancelled;  // by Wake() or Stop(): either way the pause is over
    co_await state.timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, cancelled));
    state.waiting_wakeable = false;
}

void BackgroundLoop::Finished(std::chrono::steady_clock::time_point started) {
    runs_.fetch_add(1);
    if (instruments_) {
        instruments_->runs->Increment();
        instruments_->last_run_seconds->Set(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
}

}  // namespace webdpro
