#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "storage/value.hpp"

namespace webdpro::storage {

/// A database connection inside one transaction, handed to a transaction function by Db.
///
/// SQL uses PostgreSQL-style positional placeholders `$1, $2, ...` on every engine; each
/// placeholder must get a value and each value must be used, or the call fails with kInternal
/// (a bug in the caller). One statement per call; transaction control (BEGIN, COMMIT, ROLLBACK,
/// SAVEPOINT, RELEASE) is refused because Db owns the transaction. Driver errors arrive already
/// translated: unique/primary-key violations are kConflict, CHECK/NOT NULL violations are
/// kInvalidArgument, foreign-key violations kConflict, busy/locked kUnavailable, the rest
/// kInternal; the driver's message is only in ApiError::detail.
///
/// A Conn is valid only during the transaction function it was passed to, and only on that thread.
class Conn {
public:
    virtual ~Conn() = default;
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    /// Runs a statement and returns every row it produces.
    Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) { return DoQuery(sql, params); }
    template <Bindable... Args>
    Result<std::vector<Row>> Query(std::string_view sql, Args&&... args) {
        const std::array<Value, sizeof...(Args)> params{ToValue(std::forward<Args>(args))...};
        return DoQuery(sql, params);
    }

    /// Runs a statement expected to produce at most one row: the row, std::nullopt when there is
    /// none, kInternal when there is more than one (a missing WHERE or LIMIT is a bug).
    Result<std::optional<Row>> QueryOne(std::string_view sql, std::span<const Value> params) {
        return DoQueryOne(sql, params);
    }
    template <Bindable... Args>
    Result<std::optional<Row>> QueryOne(std::string_view sql, Args&&... args) {
        const std::array<Value, sizeof...(Args)> params{ToValue(std::forward<Args>(args))...};
        return DoQueryOne(sql, params);
    }

    /// Runs a statement and returns how many rows it inserted, updated or deleted (rows changed
    /// by triggers and cascades are not counted; statements that change nothing return 0).
    Result<std::int64_t> Exec(std::string_view sql, std::span<const Value> params) { return DoExec(sql, params); }
    template <Bindable... Args>
    Result<std::int64_t> Exec(std::string_view sql, Args&&... args) {
        const std::array<Value, sizeof...(Args)> params{ToValue(std::forward<Args>(args))...};
        return DoExec(sql, params);
    }

    /// Runs several `;`-separated statements without parameters (migration files). Statements
    /// run in order; the first error stops the script.
    Result<void> ExecScript(std::string_view sql) { return DoExecScript(sql); }

    /// True when a table of that name exists (engine catalogue lookup, no exception on absence).
    Result<bool> TableExists(std::string_view table) { return DoTableExists(table); }

protected:
    Conn() = default;

    virtual Result<std::vector<Row>> DoQuery(std::string_view sql, std::span<const Value> params) = 0;
    virtual Result<std::optional<Row>> DoQueryOne(std::string_view sql, std::span<const Value> params) = 0;
    virtual Result<std::int64_t> DoExec(std::string_view sql, std::span<const Value> params) = 0;
    virtual Result<void> DoExecScript(std::string_view sql) = 0;
    virtual Result<bool> DoTableExists(std::string_view table) = 0;
};

/// Counters a Db keeps about itself, for /metrics. A snapshot; every field only grows except the
/// queue depths.
struct DbStats {
    /// Batch sizes are counted in power-of-two buckets: bucket i holds batches of size
    /// [2^i, 2^(i+1)), the last bucket everything larger.
    static constexpr std::size_t kBatchBuckets = 12;

    std::uint64_t reads = 0;             ///< read transactions finished (successfully or not)
    std::uint64_t writes = 0;            ///< write transactions finished (successfully or not)
    std::uint64_t writes_committed = 0;  ///< write transactions whose changes were committed
    std::uint64_t writes_failed = 0;     ///< write transactions whose function failed (rolled back alone)
    std::uint64_t writes_lost = 0;       ///< write transactions that failed because their batch could not commit
    std::uint64_t commits = 0;           ///< successful commits, i.e. batches (one fsync each)
    std::uint64_t commit_failures = 0;   ///< batches that could not begin or commit
    std::uint64_t batched_writes = 0;    ///< write transactions that shared their commit with another one
    std::uint64_t batch_size_sum = 0;    ///< sum of the sizes of committed batches
    std::uint64_t max_batch_size = 0;    ///< largest committed batch
    std::uint64_t commit_micros = 0;     ///< total time spent in COMMIT (the fsync)
    std::uint64_t checkpoints = 0;       ///< WAL checkpoints run (SQLite; 0 elsewhere)
    std::uint64_t wal_pages = 0;         ///< pages in the WAL after the last commit (SQLite; 0 elsewhere)
    std::array<std::uint64_t, kBatchBuckets> batch_size_buckets{};  ///< committed batches by size
    std::uint64_t queued_reads = 0;                                 ///< read transactions waiting now
    std::uint64_t queued_writes = 0;                                ///< write transactions waiting now

    /// The bucket a batch of `size` (>= 1) falls into.
    static std::size_t BatchBucket(std::uint64_t size);
};

namespace detail {

template <class R>
struct ResultTraits : std::false_type {};
template <class T>
struct ResultTraits<Result<T>> : std::true_type {
    using value_type = T;
};

/// Runs a transaction function, turning an exception into an internal error. True when the
/// function succeeded (its changes are to be kept).
template <class T>
bool RunTransactionFn(const std::function<Result<T>(Conn&)>& fn, Conn& conn, std::optional<Result<T>>& out) {
    try {
        out.emplace(fn(conn));
    } catch (const std::exception& e) {
        out.emplace(Fail(ApiError::Internal(std::string("exception in transaction: ") + e.what())));
    } catch (...) {
        out.emplace(Fail(ApiError::Internal("unknown exception in transaction")));
    }
    return out->has_value();
}

/// The caller's result: the function's own error if it failed, else the transaction's outcome
/// (an error when the commit failed), else the function's value.
template <class T>
Result<T> FinishTransaction(std::optional<Result<T>>& out, Result<void> outcome) {
    if (out.has_value() && !out->has_value()) {
        return std::move(*out);
    }
    if (!outcome.has_value()) {
        return Fail(std::move(outcome.error()));
    }
    if (!out.has_value()) {
        return Fail(ApiError::Internal("transaction finished without running its function"));
    }
    return std::move(*out);
}

}  // namespace detail

/// A transaction function: called with a Conn, returns some Result<T>.
template <class Fn>
concept TransactionFn = std::invocable<Fn&, Conn&> && detail::ResultTraits<std::invoke_result_t<Fn&, Conn&>>::value;

/// The T of the Result<T> a transaction function returns.
template <class Fn>
using TransactionValue = typename detail::ResultTraits<std::invoke_result_t<Fn&, Conn&>>::value_type;

/// The database, engine-neutral. Callers hand it transaction functions; it runs them on its own
/// threads (never on the caller's I/O thread) and completes the awaiting coroutine on the
/// coroutine's own executor.
///
/// Contract for a transaction function `fn(Conn&) -> Result<T>`:
/// - it runs exactly once, inside a transaction, on a database thread; it must not block on
///   anything but the database and must not start another transaction (that would deadlock, so
///   it is refused with kInternal);
/// - returning an error, or throwing, rolls back only fn's own changes, and the error (for an
///   exception: ApiError::Internal with what() in the detail) is returned to the caller;
/// - a Write completes only after its changes are durably committed; when the commit itself
///   fails, the caller gets kUnavailable and nothing of fn was kept.
/// Writes are serialised in submission order through one writer and may share a commit with
/// other writes (group commit). Reads see a consistent snapshot of committed data only.
///
/// Thread-safe. The Db must outlive every transaction submitted to it; Close() drains them.
class Db {
public:
    virtual ~Db() = default;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    /// Runs fn in a read-only transaction on a reader thread.
    template <class T>
    boost::asio::awaitable<Result<T>> Read(std::function<Result<T>(Conn&)> fn) {
        return RunAsync<T>(TxKind::kRead, std::move(fn));
    }
    /// Runs fn like Read, as a heavy read: a report, an export or a long range, whose cost grows
    /// with a shop. At most LimitHeavyReads' `slots` heavy reads hold a connection at once, so the
    /// other connections always serve the short reads of storefronts, orders and sign-in; up to
    /// `queue` more wait outside the engine's queue for a slot. Beyond that it fails at once, fn
    /// not run, with kUnavailable and a Retry-After (503).
    template <class T>
    boost::asio::awaitable<Result<T>> ReadHeavy(std::function<Result<T>(Conn&)> fn) {
        return RunAsync<T>(TxKind::kRead, std::move(fn), true);
    }
    /// Runs fn in a write transaction on the writer; completes after the durable commit.
    template <class T>
    boost::asio::awaitable<Result<T>> Write(std::function<Result<T>(Conn&)> fn) {
        return RunAsync<T>(TxKind::kWrite, std::move(fn));
    }
    /// Blocking Read, for CLI commands, start-up and tests. Never call it on an I/O thread.
    template <class T>
    Result<T> ReadSync(std::function<Result<T>(Conn&)> fn) {
        return RunSync<T>(TxKind::kRead, std::move(fn));
    }
    /// Blocking Write, for CLI commands, start-up and tests. Never call it on an I/O thread.
    template <class T>
    Result<T> WriteSync(std::function<Result<T>(Conn&)> fn) {
        return RunSync<T>(TxKind::kWrite, std::move(fn));
    }

    /// The same four, deducing T from a lambda: `co_await db.Write([&](Conn& c) -> Result<Id> {...})`.
    template <TransactionFn Fn>
    boost::asio::awaitable<Result<TransactionValue<Fn>>> Read(Fn fn) {
        return Read<TransactionValue<Fn>>(std::function<Result<TransactionValue<Fn>>(Conn&)>(std::move(fn)));
    }
    template <TransactionFn Fn>
    boost::asio::awaitable<Result<TransactionValue<Fn>>> ReadHeavy(Fn fn) {
        return ReadHeavy<TransactionValue<Fn>>(std::function<Result<TransactionValue<Fn>>(Conn&)>(std::move(fn)));
    }
    template <TransactionFn Fn>
    boost::asio::awaitable<Result<TransactionValue<Fn>>> Write(Fn fn) {
        return Write<TransactionValue<Fn>>(std::function<Result<TransactionValue<Fn>>(Conn&)>(std::move(fn)));
    }
    template <TransactionFn Fn>
    Result<TransactionValue<Fn>> ReadSync(Fn fn) {
        return ReadSync<TransactionValue<Fn>>(std::function<Result<TransactionValue<Fn>>(Conn&)>(std::move(fn)));
    }
    template <TransactionFn Fn>
    Result<TransactionValue<Fn>> WriteSync(Fn fn) {
        return WriteSync<TransactionValue<Fn>>(std::function<Result<TransactionValue<Fn>>(Conn&)>(std::move(fn)));
    }

    /// Heavy reads (ReadHeavy): at most `slots` at once (0 = no limit, the default), and up to
    /// `queue` waiting for a slot. Call once, before the first transaction.
    void LimitHeavyReads(int slots, std::size_t queue);
    /// Heavy reads holding a connection now, and waiting for one.
    std::pair<int, std::size_t> HeavyReads() const;

    /// Readiness: a trivial read through a reader thread. kUnavailable once closed.
    boost::asio::awaitable<Result<void>> Ping();

    /// "sqlite" or "postgres": selects the migration folder and engine-specific SQL.
    virtual std::string_view Engine() const = 0;
    /// A snapshot of the counters.
    virtual DbStats Stats() const = 0;
    /// Stops accepting transactions (later ones fail with kUnavailable), finishes every queued
    /// one, and releases the connections. Idempotent; blocks. Must not be called from inside a
    /// transaction function.
    virtual void Close() = 0;

protected:
    enum class TxKind { kRead, kWrite };
    /// Runs a transaction function on a connection; true = keep its changes.
    using Job = std::move_only_function<bool(Conn&)>;
    /// Called once, on a database thread, when the job's transaction has ended: success means
    /// committed (for a write) or finished (for a read); an error means nothing was kept, and
    /// that the job may not have run at all.
    using Done = std::move_only_function<void(Result<void>)>;

    Db() = default;

    /// The engine core. Must call `done` exactly once, even when the job is refused.
    virtual void Submit(TxKind kind, Job job, Done done) = 0;

private:
    struct Waiting {
        Job job;
        Done done;
        boost::asio::any_io_executor executor;  ///< where the waiting read is submitted from
    };
    /// Submits a heavy read when a slot is free, queues it when the queue has room, else refuses it.
    void SubmitHeavy(Waiting read);
    /// Submits an admitted heavy read; its end hands the slot to the next waiting one, submitted
    /// from that one's executor (a database thread may not submit to its own database).
    void SubmitAdmitted(Waiting read);

    template <class T>
    boost::asio::awaitable<Result<T>> RunAsync(TxKind kind, std::function<Result<T>(Conn&)> fn, bool heavy = false);

    mutable std::mutex heavy_mutex_;
    int heavy_slots_ = 0;  ///< 0 = no limit
    std::size_t heavy_queue_limit_ = 0;
    int heavy_running_ = 0;
    std::deque<Waiting> heavy_waiting_;
    template <class T>
    Result<T> RunSync(TxKind kind, std::function<Result<T>(Conn&)> fn);
};

template <class T>
boost::asio::awaitable<Result<T>> Db::RunAsync(TxKind kind, std::function<Result<T>(Conn&)> fn, bool heavy) {
    // `fn` and `out` live in this coroutine's frame, which the completion handler owns until it
    // resumes us, so the database thread may refer to them.
    std::optional<Result<T>> out;
    Result<void> outcome =
        co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(Result<void>)>(
            [this, kind, heavy, &fn, &out](auto handler) {
                // Keep the awaiting executor alive while the job is away on a database thread, and
                // resume the coroutine there, never on the database thread.
                auto work = boost::asio::make_work_guard(boost::asio::get_associated_executor(handler));
                Job job = [&fn, &out](Conn& conn) { return detail::RunTransactionFn(fn, conn, out); };
                boost::asio::any_io_executor executor = work.get_executor();
                Done done = [handler = std::move(handler), work = std::move(work)](Result<void> result) mutable {
                    auto executor = work.get_executor();
                    boost::asio::post(executor,
                                      [handler = std::move(handler), result = std::move(result),
                                       work = std::move(work)]() mutable { std::move(handler)(std::move(result)); });
                };
                if (heavy) {
                    SubmitHeavy({std::move(job), std::move(done), std::move(executor)});
                } else {
                    Submit(kind, std::move(job), std::move(done));
                }
            },
            boost::asio::use_awaitable);
    co_return detail::FinishTransaction(out, std::move(outcome));
}

template <class T>
Result<T> Db::RunSync(TxKind kind, std::function<Result<T>(Conn&)> fn) {
    std::optional<Result<T>> out;
    // Shared so the promise outlives set_value even when the caller wakes up first.
    auto finished = std::make_shared<std::promise<Result<void>>>();
    std::future<Result<void>> outcome = finished->get_future();
    Submit(
        kind, [&fn, &out](Conn& conn) { return detail::RunTransactionFn(fn, conn, out); },
        [finished](Result<void> result) { finished->set_value(std::move(result)); });
    return detail::FinishTransaction(out, outcome.get());
}

}  // namespace webdpro::storage
