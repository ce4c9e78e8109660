#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "storage/db.hpp"

namespace webdpro::storage {

namespace detail {
class PgConn;
}

/// How to reach a PostgreSQL database.
struct PgOptions {
    /// A libpq connection string or URL ("postgresql://user:pass@host:5432/db"). Never logged.
    std::string conninfo;
    int pool_size = 8;                 ///< connections, one thread each (1..64)
    int statement_timeout_ms = 30000;  ///< a statement running longer fails with kUnavailable (0 = none)
    int connect_timeout_s = 5;         ///< how long one connection attempt may take
    int max_attempts = 5;              ///< runs of a transaction hit by serialization failures or deadlocks
};

/// The PostgreSQL engine: a pool of connections, each on its own thread, taking transactions from
/// one queue in submission order. Where Db's contract speaks of one writer and of a function
/// that runs once, this engine differs as follows.
///
/// Writes run as SERIALIZABLE transactions and reads as REPEATABLE READ READ ONLY (a consistent
/// snapshot), so concurrent writes give the same outcome as the one-writer SQLite engine. A
/// transaction that fails with a serialization failure or a deadlock (at any statement or at its
/// COMMIT) is rolled back and its function run again, up to max_attempts runs, after a short
/// random pause; then the caller gets kUnavailable. A transaction function may therefore run more
/// than once on this engine; only the last run counts.
///
/// A connection the server dropped (restart, failover, network) is replaced before the next
/// transaction on its thread; a transaction interrupted before its COMMIT was sent runs again on
/// the new connection. When the connection is lost during the COMMIT itself the outcome is unknown
/// and the caller gets kUnavailable. While the server cannot be reached, transactions fail with
/// kUnavailable at once after one connection attempt per thread every kReconnectPause, so
/// readiness (Db::Ping) reports the lost database quickly.
///
/// A statement that fails ends PostgreSQL's transaction: later statements of the same function
/// fail too (kInternal), so a function should return the first error it gets, as the code does.
///
/// Thread-safe. Destroying it closes it (see Db::Close).
class PgDb final : public Db {
public:
    /// A lost server is tried again at most this often by each connection's thread.
    static constexpr auto kReconnectPause = std::chrono::milliseconds(250);

    /// Checks the options and opens the first connection (so a wrong address or password fails
    /// start-up); the others connect when first needed. kInvalidArgument for bad options,
    /// kUnavailable when the server cannot be reached.
    static Result<std::unique_ptr<PgDb>> Open(PgOptions options);
    ~PgDb() override;

    std::string_view Engine() const override { return "postgres"; }
    DbStats Stats() const override;
    void Close() override;

    /// Transactions run again after a serialization failure, a deadlock or a lost connection.
    std::uint64_t retries() const { return retries_.load(); }
    /// Connections opened again after the server dropped one.
    std::uint64_t reconnects() const { return reconnects_.load(); }

protected:
    void Submit(TxKind kind, Job job, Done done) override;

private:
    struct Task {
        TxKind kind = TxKind::kRead;
        Job job;
        Done done;
    };
    /// One pooled connection and its thread's reconnection state.
    struct Slot {
        std::unique_ptr<detail::PgConn> conn;
        std::chrono::steady_clock::time_point last_failed_connect{};
    };

    explicit PgDb(PgOptions options);

    void WorkerLoop(Slot& slot);
    /// Runs one transaction to its end (with its retries) and completes it.
    void RunTask(Task& task, Slot& slot);
    /// A working connection in `slot`, connecting if needed.
    Result<void> EnsureConnected(Slot& slot);
    bool RunJob(Task& task, detail::PgConn& conn);

    PgOptions options_;
    std::vector<std::unique_ptr<Slot>> slots_;

    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Task> queue_;
    bool closing_ = false;

    std::mutex close_mutex_;
    std::vector<std::thread> workers_;

    std::atomic<std::uint64_t> reads_{0};
    std::atomic<std::uint64_t> writes_{0};
    std::atomic<std::uint64_t> writes_committed_{0};
    std::atomic<std::uint64_t> writes_failed_{0};
    std::atomic<std::uint64_t> writes_lost_{0};
    std::atomic<std::uint64_t> commits_{0};
    std::atomic<std::uint64_t> commit_failures_{0};
    std::atomic<std::uint64_t> commit_micros_{0};
    std::atomic<std::uint64_t> retries_{0};
    std::atomic<std::uint64_t> reconnects_{0};
};

}  // namespace webdpro::storage
