#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "auth/audit.hpp"
#include "core/awaitable.hpp"
#include "core/background_loop.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "events/outbox.hpp"

namespace webdpro::storage {
class Conn;
class Db;
}  // namespace webdpro::storage

namespace webdpro::events {

/// Something that reacts to events. Exactly one of `apply` and `deliver` is set.
///
/// - `apply` changes the database: it runs inside the dispatcher's write transaction together
///   with the consumer's processed_events row, so its effect happens exactly once.
/// - `deliver` reaches outside (an SMS): it runs on the dispatcher's thread and may block; it is
///   recorded in processed_events after it succeeded, so a crash in between repeats it
///   (at least once).
/// An error retries the event later (consumers that already succeeded are not run again).
///
/// `flush`, optional with `deliver`, is called once after a slice of deliveries and before they
/// are recorded, so that a deliverer can make many of them durable at once (SmsSender::
/// SendBuffered + Flush: one fsync instead of one per SMS). When it fails, every delivery of
/// the slice by this consumer counts as failed and is retried.
struct Consumer {
    std::string name;                          ///< stable: it is the key in processed_events
    std::set<std::string, std::less<>> types;  ///< event types it wants
    std::function<Result<void>(storage::Conn&, const Event&)> apply;
    std::function<Result<void>(const Event&)> deliver;
    std::function<Result<void>()> flush{};
};

struct DispatcherOptions {
    std::string node_id = "node";  ///< written to claimed_by; unique per process in a cluster
    /// Events claimed at once. Large, so that a busy shop's stream of events costs few round
    /// trips through the single writer (64 fell behind 3,000 orders/s; bench/orders).
    int batch_size = 512;
    /// Most events whose results one write transaction records, so that no transaction holds the
    /// writer (and the orders queued behind it) for long.
    int finish_chunk = 256;
    std::chrono::milliseconds poll_interval{200};
    /// After a partial batch, Notify() is heeded only after this long, so a stream of commits
    /// is handled in batches instead of waking the loop once per commit.
    std::chrono::milliseconds notify_debounce{20};
    std::chrono::milliseconds lease{30'000};  ///< a claim older than this may be taken over
    int max_attempts = 8;                     ///< then the event is DEAD
    std::chrono::milliseconds backoff_base{1'000};
    std::chrono::milliseconds backoff_max{300'000};
    /// Start() first releases every lease in the outbox. Only for a single-process deployment
    /// (SQLite: the data dir lock guarantees one process), where a lease can only be left over
    /// from a crash of this same service; with several nodes, leases simply expire.
    bool release_leases_on_start = false;
    /// Deliveries (SMS) are recorded at least this often, so a crash repeats only the few sent
    /// since the last record.
    std::chrono::milliseconds record_every{50};
    /// Where the loop's run counts go (webdpro_background_runs_total{loop="events"}); optional.
    Metrics* metrics = nullptr;
};

/// A dead event, for the admin's list.
struct DeadEvent {
    EventId id;
    TenantId tenant_id;
    std::string type;
    int attempts = 0;
    std::string last_error;
    TimePoint created_at;
};

/// Delivers outbox events to consumers (ARCHITECTURE §5): claims due PENDING rows in batches
/// under a lease, runs each interested consumer once per event (processed_events), marks the
/// event DONE, or retries it with exponential backoff and jitter, and after max_attempts marks
/// it DEAD with the last error.
///
/// Runs on its own background loop (it blocks on the database and on `deliver`), never on an
/// I/O thread. Add consumers before Start(). Stop() must be called before the Db closes; the
/// destructor calls it. Notify() and the admin methods are thread-safe.
class Dispatcher final {
public:
    Dispatcher(storage::Db& db, Logger& logger, DispatcherOptions options);
    ~Dispatcher();
    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;

    void AddConsumer(Consumer consumer);
    void Start();
    /// Finishes the batch in hand and joins the thread. Idempotent.
    void Stop();
    /// Wakes the loop now (e.g. after a commit that wrote events) instead of at the next poll.
    void Notify();

    /// Claims and handles one batch on the caller's thread; the number of events handled. For
    /// tests and for the loop itself.
    Result<int> RunOnce();

    /// The DEAD events, newest first.
    boost::asio::awaitable<Result<std::vector<DeadEvent>>> ListDead(int limit);
    /// Puts a DEAD event back to PENDING with a fresh attempt count. kNotFound when there is no
    /// such event, kConflict when it is not DEAD. With an `actor`, the replay is audited
    /// ("event.replay") in the same transaction.
    boost::asio::awaitable<Result<void>> Replay(EventId id, std::optional<UserId> actor = std::nullopt,
                                                auth::RequestMeta meta = {});

    /// The delay before retry number `attempts` (1-based), with jitter in [50%, 100%].
    std::chrono::milliseconds Backoff(int attempts);

private:
    struct Claimed;
    struct Outcome;

    /// One turn of the loop: a batch, and at once another when it was full.
    LoopNext RunLoop();
    Result<std::vector<Claimed>> Claim();
    Outcome Deliver(const Claimed& claimed);
    /// Runs each consumer's flush after a slice of deliveries; a failed flush fails the slice's
    /// deliveries by that consumer.
    void FlushDeliveries(std::span<Outcome> outcomes);
    /// Records a slice's outcomes (and runs its `apply` consumers) in chunks of finish_chunk.
    Result<void> FinishSlice(std::span<const Claimed> slice, std::span<Outcome> outcomes);
    Result<void> Finish(std::span<const Claimed> batch, std::span<Outcome> outcomes, bool together);
    /// Logs a consumer's failure with its internal detail (`event` null: a whole slice's flush).
    void LogFailure(const std::string& consumer, const EventId* event, const ApiError& error);

    storage::Db& db_;
    Logger& logger_;
    DispatcherOptions options_;
    std::vector<Consumer> consumers_;
    std::mutex mutex_;  // guards random_
    std::mt19937_64 random_{std::random_device{}()};
    BackgroundLoop loop_;
};

}  // namespace webdpro::events
