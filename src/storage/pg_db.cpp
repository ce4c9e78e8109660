#include "storage/pg_db.hpp"

#include <algorithm>
#include <random>
#include <utility>

#include "core/thread_name.hpp"
#include "storage/detail/pg_conn.hpp"

namespace webdpro::storage {
namespace {

using detail::PgConn;
using std::chrono::steady_clock;

constexpr int kMaxPoolSize = 64;
constexpr int kMaxAttempts = 100;
constexpr int kMaxConnectTimeoutS = 600;
constexpr int kMaxStatementTimeoutMs = 3'600'000;
constexpr const char* kBeginWrite = "BEGIN ISOLATION LEVEL SERIALIZABLE";
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr const char* kCommit = "COMMIT";
constexpr const char* kRollback = "ROLLBACK";
/// The longest pause before running a transaction again, multiplied by its attempt number.
constexpr int kRetryPauseMaxMicros = 2000;

/// The database whose worker thread this is, so that a transaction function starting another
/// transaction on the same database is refused instead of deadlocking.
thread_local const PgDb* tls_worker_of = nullptr;

/// A short random pause, growing with the attempts, so that two transactions that keep
/// conflicting stop meeting each other.
void PauseBeforeRetry(int attempt) {
    thread_local std::minstd_rand random(std::random_device{}());
    std::uniform_int_distribution<int> micros(0, kRetryPauseMaxMicros * attempt);
    std::this_thread::sleep_for(std::chrono::microseconds(micros(random)));
}

}  // namespace

PgDb::PgDb(PgOptions options) : options_(std::move(options)) {}

PgDb::~PgDb() {
    Close();
}

Result<std::unique_ptr<PgDb>> PgDb::Open(PgOptions options) {
    if (options.conninfo.empty()) {
        return Fail(ApiError::Invalid("storage.postgres_url", "must not be empty"));
    }
    if (options.pool_size < 1 || options.pool_size > kMaxPoolSize) {
        return Fail(ApiError::Invalid("storage.pool_size", "must be between 1 and " + std::to_string(kMaxPoolSize)));
    }
    if (options.statement_timeout_ms < 0 || options.statement_timeout_ms > kMaxStatementTimeoutMs) {
        return Fail(ApiError::Invalid("storage.statement_timeout_ms",
                                      "must be between 0 and " + std::to_string(kMaxStatementTimeoutMs)));
    }
    if (options.connect_timeout_s < 1 || options.connect_timeout_s > kMaxConnectTimeoutS) {
        return Fail(ApiError::Invalid("storage.connect_timeout_s",
                                      "must be between 1 and " + std::to_string(kMaxConnectTimeoutS)));
    }
    if (options.max_attempts < 1 || options.max_attempts > kMaxAttempts) {
        return Fail(ApiError::Invalid("storage.max_attempts", "must be between 1 and " + std::to_string(kMaxAttempts)));
    }
    auto first = PgConn::Connect(options.conninfo, options.connect_timeout_s, options.statement_timeout_ms);
    if (!first) {
        return Fail(std::move(first.error()));
    }
    std::unique_ptr<PgDb> db(new PgDb(std::move(options)));
    for (int i = 0; i < db->options_.pool_size; ++i) {
        db->slots_.push_back(std::make_unique<Slot>());
    }
    db->slots_.front()->conn = std::move(*first);
    for (auto& slot : db->slots_) {
        db->workers_.emplace_back([raw = db.get(), slot = slot.get()] {
            SetThreadName("db-pg");
            raw->WorkerLoop(*slot);
        });
    }
    return db;
}

void PgDb::Submit(TxKind kind, Job job, Done done) {
    if (tls_worker_of == this) {
        done(Fail(ApiError::Internal(
            "storage misuse: a transaction was started from inside a transaction function of the same database")));
        return;
    }
    bool accepted = false;
    {
        std::lock_guard lock(mutex_);
        if (!closing_) {
            queue_.push_back(Task{kind, std::move(job), std::move(done)});
            accepted = true;
        }
    }
    if (!accepted) {
        done(Fail(ApiError::Unavailable("the database is closed")));
        return;
    }
    ready_.notify_one();
}

void PgDb::WorkerLoop(Slot& slot) {
    tls_worker_of = this;
    for (;;) {
        Task task;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return closing_ || !queue_.empty(); });
            if (queue_.empty()) {
                return;  // closing, and everything queued has been done
            }
            task = std::move(queue_.front());
            queue_.pop_front();
        }
        RunTask(task, slot);
    }
}

Result<void> PgDb::EnsureConnected(Slot& slot) {
    if (slot.conn && !slot.conn->Broken()) {
        return {};
    }
    const bool had_connection = slot.conn != nullptr;
    slot.conn.reset();
    const auto now = steady_clock::now();
    if (now - slot.last_failed_connect < kReconnectPause) {
        return Fail(ErrorCode::kUnavailable, "The database could not be reached.",
                    "postgres: the last connection attempt failed moments ago");
    }
    auto conn = PgConn::Connect(options_.conninfo, options_.connect_timeout_s, options_.statement_timeout_ms);
    if (!conn) {
        slot.last_failed_connect = steady_clock::now();
        return Fail(std::move(conn.error()));
    }
    slot.conn = std::move(*conn);
    if (had_connection) {
        ++reconnects_;
    }
    return {};
}

bool PgDb::RunJob(Task& task, PgConn& conn) {
    try {
        return task.job(conn);
    } catch (...) {
        // Jobs built by Db catch everything themselves; anything else is treated as a failure.
        return false;
    }
}

void PgDb::RunTask(Task& task, Slot& slot) {
    const bool write = task.kind == TxKind::kWrite;
    std::optional<ApiError> failure;
    bool kept = false;
    bool commit_failed = false;
    for (int attempt = 1;; ++attempt) {
        const bool last_attempt = attempt >= options_.max_attempts;
        if (attempt > 1) {
            ++retries_;
        }
        if (auto connected = EnsureConnected(slot); !connected) {
            failure = std::move(connected.error());
            break;
        }
        PgConn& conn = *slot.conn;
        conn.StartTransaction();
        if (auto begun = conn.Raw(write ? kBeginWrite : kBeginRead); !begun) {
            failure = std::move(begun.error());
            if (conn.Broken() && !last_attempt) {
                continue;  // a connection the server dropped while idle
            }
            break;
        }
        kept = RunJob(task, conn);
        if (conn.Broken()) {
            // Nothing was committed: the whole transaction can run again on a new connection.
            failure = ApiError::Unavailable("postgres: the connection was lost during the transaction");
            if (!last_attempt) {
                continue;
            }
            break;
        }
        if (conn.RetryableFailure()) {
            (void)conn.Raw(kRollback);
            failure = ApiError::Unavailable("postgres: the transaction kept conflicting with others");
            if (!last_attempt) {
                PauseBeforeRetry(attempt);
                continue;
            }
            break;
        }
        if (!write || !kept) {
            // A read keeps nothing; a failed write keeps nothing either. Either way the caller
            // gets the function's own outcome.
            (void)conn.Raw(kRollback);
            failure.reset();
            break;
        }
        const auto start = steady_clock::now();
        auto committed = conn.Raw(kCommit);
        commit_micros_ += static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - start).count());
        if (committed) {
            failure.reset();
            break;
        }
        if (conn.Broken()) {
            // The COMMIT may or may not have reached the server: running the function again
            // could apply it twice.
            failure = ApiError::Unavailable("postgres: the connection was lost during COMMIT; the outcome is unknown");
            commit_failed = true;
            break;
        }
        if (conn.RetryableFailure() && !last_attempt) {
            PauseBeforeRetry(attempt);
            continue;
        }
        failure = ApiError::Unavailable("postgres: the commit failed: " + committed.error().detail);
        commit_failed = true;
        break;
    }

    if (!write) {
        ++reads_;
    } else {
        ++writes_;
        if (failure) {
            ++writes_lost_;
            if (commit_failed) {
                ++commit_failures_;
            }
        } else if (kept) {
            ++writes_committed_;
            ++commits_;
        } else {
            ++writes_failed_;
        }
    }
    if (failure) {
        task.done(Fail(std::move(*failure)));
    } else {
        task.done(Result<void>());
    }
}

void PgDb::Close() {
    std::lock_guard close_lock(close_mutex_);
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    ready_.notify_all();
    if (tls_worker_of == this) {
        return;  // misuse: a worker cannot join itself; the destructor finishes the job
    }
    for (std::thread& worker : workers_) {
        if (worker.joinable()) {
            worker.join();
        }
    }
    workers_.clear();
    slots_.clear();
}

DbStats PgDb::Stats() const {
    DbStats stats;
    stats.reads = reads_.load();
    stats.writes = writes_.load();
    stats.writes_committed = writes_committed_.load();
    stats.writes_failed = writes_failed_.load();
    stats.writes_lost = writes_lost_.load();
    stats.commits = commits_.load();
    stats.commit_failures = commit_failures_.load();
    stats.commit_micros = commit_micros_.load();
    // Every commit is its own: batches of one.
    stats.batch_size_sum = stats.commits;
    stats.batch_size_buckets[0] = stats.commits;
    stats.max_batch_size = stats.commits > 0 ? 1 : 0;
    std::lock_guard lock(mutex_);
    stats.queued_reads = static_cast<std::uint64_t>(
        std::count_if(queue_.begin(), queue_.end(), [](const Task& t) { return t.kind == TxKind::kRead; }));
    stats.queued_writes = queue_.size() - stats.queued_reads;
    return stats;
}

}  // namespace webdpro::storage
