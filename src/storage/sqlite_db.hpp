#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "storage/db.hpp"

struct sqlite3;
struct sqlite3_file;

namespace webdpro::storage {

namespace detail {
class SqliteConn;
}

/// How to open a SQLite database.
struct SqliteOptions {
    /// A file path (created if missing; its folder must exist), a "file:" URI, or ":memory:" for
    /// an in-memory database private to this SqliteDb and shared by its connections (tests).
    std::string path;
    int readers = 4;             ///< reader connections, one thread each (1..64)
    int busy_timeout_ms = 5000;  ///< how long a connection waits for a lock held by another process
    int max_batch = 512;         ///< most write transactions committed together (1 = no group commit)
    /// WAL size (pages) at which the checkpointer thread copies the WAL back into the database.
    int checkpoint_pages = 1000;
};

/// The SQLite engine: WAL journal, every acknowledged commit durable (fsynced), foreign keys on.
///
/// One writer connection on one writer thread takes every queued write transaction (up to
/// max_batch), runs them in one `BEGIN IMMEDIATE` transaction, each inside its own SAVEPOINT
/// (a failing one is rolled back to its savepoint alone), then COMMITs once (group commit). When
/// the commit fails, or SQLite rolls the transaction back on its own, every job of the batch fails
/// with kUnavailable and none is reported committed.
///
/// Durability is pipelined: the writer connection runs with synchronous=NORMAL, so its COMMIT
/// only appends to the WAL, and a syncer thread then fsyncs the WAL file (the same sync SQLite
/// does itself under synchronous=FULL) before it completes the batch's callers. While one fsync
/// runs, the writer already executes and commits the next batches, and one fsync covers every
/// batch committed before it. A caller is completed only after its commit is on disk; other
/// transactions may see a commit a few milliseconds before that (no caller was told of it yet).
/// If an fsync fails, what reached the disk is unknown: its callers fail with kUnavailable and
/// the database refuses every later write until it is reopened.
///
/// Checkpoints run beside the writer, not on it: a checkpointer thread with its own connection
/// copies the WAL back into the database (PASSIVE: it never blocks the writer or the readers)
/// once the writer's commits have grown the WAL past checkpoint_pages. On the writer, SQLite's
/// automatic checkpoint would stop every write for the copy and its fsync of the database file.
///
/// A job whose function succeeds but leaves a deferred foreign key dangling (which would fail the
/// whole batch's COMMIT) is rolled back alone and fails with kConflict.
///
/// N reader connections, opened read-only, each on its own thread, take read transactions from
/// one shared queue. In WAL mode readers never wait for the writer. (The ":memory:" database has
/// no WAL: readers wait, up to the busy timeout, while a write transaction is open, and a commit
/// waits for open reads. Good for tests, not for serving.)
///
/// Thread-safe. Destroying it closes it (see Db::Close).
class SqliteDb final : public Db {
public:
    /// Opens (creating if needed) the database and starts its threads. Errors: kInvalidArgument
    /// for bad options, kUnavailable when the file cannot be opened or put in WAL mode.
    static Result<std::unique_ptr<SqliteDb>> Open(SqliteOptions options);
    ~SqliteDb() override;

    std::string_view Engine() const override { return "sqlite"; }
    DbStats Stats() const override;
    void Close() override;

    /// Writes a consistent snapshot of the database to `path` (replacing it atomically) while the
    /// database keeps serving. Blocking: call it from a CLI command or a worker, not an I/O thread.
    Result<void> BackupTo(const std::string& path) const;

    /// Replaces the database at `to` with the backup at `from`, after checking the backup with
    /// `PRAGMA integrity_check`. Run it while no server uses `to`; a database busy for longer than
    /// `busy_timeout_ms` fails with kUnavailable. kNotFound when `from` does not exist,
    /// kInvalidArgument when it is not a sound SQLite database.
    static Result<void> Restore(const std::string& from, const std::string& to, int busy_timeout_ms = 5000);

    /// What SQLite was asked to open (the generated URI for ":memory:").
    const std::string& uri() const { return uri_; }

protected:
    void Submit(TxKind kind, Job job, Done done) override;

private:
    struct Task {
        Job job;
        Done done;
        std::optional<ApiError> error;  ///< set when the engine rejects a job whose function succeeded
    };

    SqliteDb(SqliteOptions options, std::string uri);

    /// A batch whose callers are waiting for the WAL to reach the disk (or for their error).
    struct Finished {
        std::vector<Task> tasks;
        std::optional<ApiError> lost;  ///< the batch did not commit: every task fails with this
    };

    void WriterLoop();
    void SyncerLoop();
    /// Hands a batch to the syncer, which completes its callers in commit order.
    void Hand(Finished finished);
    void Complete(Finished& finished, const std::optional<ApiError>& sync_failure);
    /// fsyncs the WAL file; an error when it failed.
    std::optional<ApiError> SyncWal();
    void ReaderLoop(detail::SqliteConn& conn);
    void CheckpointerLoop();
    /// SQLite's WAL hook on the writer's connection: after each commit, the WAL's size in pages.
    static int OnWalCommit(void* self, sqlite3* db, const char* name, int pages);
    /// Runs one batch of write jobs as one transaction, taking jobs from the queue as they come
    /// while the syncer is still busy with the previous commit (bigger batches, each commit
    /// lined up to start its fsync as soon as the disk is free). Jobs that never got to run
    /// (because the transaction ended under them) are pushed back to the front of the queue.
    void RunBatch(std::vector<Task>& batch);
    /// Moves queued jobs into `batch` (up to max_batch in all); under mutex_.
    void TakeQueued(std::vector<Task>& batch);
    void FailBatch(std::vector<Task>& batch, std::size_t count, const ApiError& error);
    bool RunJob(Task& task, detail::SqliteConn& conn);

    SqliteOptions options_;
    std::string uri_;
    std::unique_ptr<detail::SqliteConn> writer_conn_;
    /// The writer's WAL file (SQLite's own handle to it); null for the in-memory database.
    sqlite3_file* wal_file_ = nullptr;
    std::vector<std::unique_ptr<detail::SqliteConn>> reader_conns_;

    mutable std::mutex mutex_;
    std::condition_variable write_ready_;
    std::condition_variable read_ready_;
    std::deque<Task> write_queue_;
    std::deque<Task> read_queue_;
    bool closing_ = false;

    std::mutex close_mutex_;
    std::thread writer_;
    std::vector<std::thread> readers_;

    // The syncer's state, under mutex_ (the writer waits for the syncer on write_ready_).
    std::condition_variable sync_ready_;
    std::deque<Finished> sync_queue_;
    bool syncing_ = false;  ///< an fsync is under way
    bool syncer_closing_ = false;
    std::thread syncer_;
    /// Set when an fsync failed: nothing is known about what reached the disk, so no later write
    /// may be acknowledged.
    std::atomic<bool> sync_failed_{false};

    // The checkpointer's state, under mutex_.
    std::unique_ptr<detail::SqliteConn> checkpoint_conn_;
    std::condition_variable checkpoint_ready_;
    bool checkpoint_wanted_ = false;
    /// The WAL size at which the next checkpoint is wanted: checkpoint_pages past what the last
    /// one saw, or past nothing once the WAL started over.
    std::atomic<int> checkpoint_at_pages_{0};
    /// Set by the checkpointer after it copied the whole WAL it saw: the writer copies the rest
    /// before its next transaction, which can then start the WAL over.
    std::atomic<bool> restart_wanted_{false};
    std::thread checkpointer_;
    std::atomic<std::uint64_t> checkpoints_{0};
    std::atomic<std::uint64_t> wal_pages_{0};

    std::atomic<std::uint64_t> reads_{0};
    std::atomic<std::uint64_t> writes_{0};
    std::atomic<std::uint64_t> writes_committed_{0};
    std::atomic<std::uint64_t> writes_failed_{0};
    std::atomic<std::uint64_t> writes_lost_{0};
    std::atomic<std::uint64_t> commits_{0};
    std::atomic<std::uint64_t> commit_failures_{0};
    std::atomic<std::uint64_t> batched_writes_{0};
    std::atomic<std::uint64_t> batch_size_sum_{0};
    std::atomic<std::uint64_t> max_batch_size_{0};
    std::atomic<std::uint64_t> commit_micros_{0};
    std::array<std::atomic<std::uint64_t>, DbStats::kBatchBuckets> batch_size_buckets_{};
};

}  // namespace webdpro::storage
