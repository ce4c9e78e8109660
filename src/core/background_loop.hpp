#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/awaitable.hpp"

namespace webdpro {

class Metrics;

/// What a loop's run asks for next.
enum class LoopNext : std::uint8_t {
    kWait,   ///< sleep for the period (or until Wake())
    kAgain,  ///< run again at once (more work is waiting)
};

struct BackgroundLoopOptions {
    std::string name;  ///< thread name (15 bytes are kept) and the `loop` label of the metrics
    /// Time between the end of one run and the start of the next; zero = the loop has no body
    /// and only runs the coroutines given to Spawn().
    std::chrono::milliseconds period{0};
    std::chrono::milliseconds initial_delay{0};  ///< before the first run; Wake() cuts it short
    /// After a run, Wake() is heeded only this long after it ended, so a stream of wake-ups is
    /// served in batches instead of one run each.
    std::chrono::milliseconds wake_debounce{0};
    Metrics* metrics = nullptr;  ///< when set: webdpro_background_runs_total and _last_run_seconds
};

/// A background thread of its own that runs a body every `period` (after `initial_delay`), and
/// sooner when woken, until stopped; the one way WebDPro runs periodic work (the outbox
/// dispatcher, the AI ledger's batcher, the reservation sweeper, the outbox gauges) and drives
/// coroutines off the I/O threads (store generation jobs). The body may block (it runs on the
/// loop's own thread) or be a coroutine, which then awaits on that thread.
///
/// Start(), Wake(), Spawn(), Sync() and Stop() are thread-safe; Sync() and Stop() must not be
/// called from the loop's own thread. Everything the body and the spawned coroutines use must
/// outlive Stop(); the destructor calls it.
class BackgroundLoop final {
public:
    using Body = std::function<LoopNext()>;
    using AsyncBody = std::function<boost::asio::awaitable<LoopNext>()>;

    /// A loop that runs `body` every period.
    BackgroundLoop(BackgroundLoopOptions options, Body body);
    /// A loop whose body is a coroutine (awaiting the database, a pool) run on the loop's thread.
    BackgroundLoop(BackgroundLoopOptions options, AsyncBody body);
    /// A loop with no body, for Spawn().
    explicit BackgroundLoop(BackgroundLoopOptions options);
    ~BackgroundLoop();
    BackgroundLoop(const BackgroundLoop&) = delete;
    BackgroundLoop& operator=(const BackgroundLoop&) = delete;

    /// Starts the thread; the first run comes after `initial_delay`. No-op while running; a
    /// stopped loop can start again.
    void Start();
    /// Runs the body as soon as the debounce allows, instead of at the end of the period. A
    /// wake-up during a run is kept: the next wait is then only the debounce.
    void Wake();
    /// Runs `work` on the loop's thread (counted as a run when it ends). Ignored when the loop is
    /// not running.
    void Spawn(boost::asio::awaitable<void> work);
    /// Returns once everything handed to the loop before the call has had its turn on the
    /// loop's thread (a coroutine up to its next suspension). Returns at once when not running.
    void Sync();
    /// No further runs: waits for the run in hand and for spawned coroutines to end, then joins
    /// the thread. Idempotent.
    void Stop();

    bool running() const;
    /// Runs finished since construction (body runs and spawned coroutines).
    std::uint64_t runs() const { return runs_.load(); }
    const std::string& name() const { return options_.name; }

private:
    struct State;
    struct Instruments;

    boost::asio::awaitable<void> Loop(State& state);
    boost::asio::awaitable<void> Pause(State& state, std::chrono::steady_clock::duration wait, bool wakeable);
    void Finished(std::chrono::steady_clock::time_point started);

    BackgroundLoopOptions options_;
    Body body_;
    AsyncBody async_body_;
    std::unique_ptr<Instruments> instruments_;
    std::atomic<std::uint64_t> runs_{0};
    mutable std::mutex mutex_;  // guards state_ (Start/Stop/Wake/Spawn from any thread)
    std::unique_ptr<State> state_;
};

}  // namespace webdpro
