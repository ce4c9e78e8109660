#include "storage/sqlite_db.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include "core/ids.hpp"
#include "core/thread_name.hpp"
#include "storage/detail/sqlite_conn.hpp"

namespace webdpro::storage {
namespace {

using detail::SqliteConn;
using std::chrono::steady_clock;

constexpr int kMaxReaders = 64;
constexpr const char* kBeginWrite = "BEGIN IMMEDIATE";
constexpr const char* kBeginRead = "BEGIN";
constexpr const char* kCommit = "COMMIT";
constexpr const char* kRollback = "ROLLBACK";
/// The WAL is started over once it is this many checkpoint_pages long (see CheckpointerLoop).
constexpr int kWalRestartFactor = 4;
constexpr const char* kSavepoint = "SAVEPOINT webdpro_tx";
constexpr const char* kRollbackToSavepoint = "ROLLBACK TO webdpro_tx";
constexpr const char* kReleaseSavepoint = "RELEASE webdpro_tx";
constexpr const char* kIntegrityCheck = "PRAGMA integrity_check";
constexpr auto kBackupRetryPause = std::chrono::milliseconds(5);

/// The database whose worker thread this is, so that a transaction function starting another
/// transaction on the same database is refused instead of deadlocking.
thread_local const SqliteDb* tls_worker_of = nullptr;

std::string Lower(std::string text) {
    std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// Any failure while opening is reported the same way; what went wrong is in the detail.
ApiError OpenError(const std::string& uri, const ApiError& cause) {
    return {ErrorCode::kUnavailable, "The database could not be opened.",
            uri + ": " + (cause.detail.empty() ? cause.message : cause.detail)};
}

ApiError BatchLost(const ApiError& cause) {
    return ApiError::Unavailable("write batch was not committed: " +
                                 (cause.detail.empty() ? cause.message : cause.detail));
}

/// Copies every page of `from` into `to` in one step (a consistent snapshot of `from`),
/// retrying while a lock is held for up to `busy_timeout_ms`.
Result<void> CopyDatabase(SqliteConn& from, SqliteConn& to, int busy_timeout_ms) {
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (backup == nullptr) {
        return Fail(detail::SqliteError(sqlite3_extended_errcode(to.handle()), sqlite3_errmsg(to.handle()), "backup"));
    }
    const auto deadline = steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
    int step = SQLITE_OK;
    for (;;) {
        step = sqlite3_backup_step(backup, -1);
        const bool locked = step == SQLITE_BUSY || step == SQLITE_LOCKED;
        if (!locked || steady_clock::now() >= deadline) {
            break;
        }
        std::this_thread::sleep_for(kBackupRetryPause);
    }
    const int finish = sqlite3_backup_finish(backup);
    if (step != SQLITE_DONE) {
        return Fail(detail::SqliteError(step, sqlite3_errstr(step), "backup"));
    }
    if (finish != SQLITE_OK) {
        return Fail(detail::SqliteError(finish, sqlite3_errmsg(to.handle()), "backup"));
    }
    return {};
}

/// `PRAGMA integrity_check`: success only when SQLite answers a single "ok".
Result<void> CheckIntegrity(SqliteConn& conn) {
    auto rows = conn.Query(kIntegrityCheck);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    if (rows->size() == 1 && rows->front().Text(0) == "ok") {
        return {};
    }
    std::string problems;
    for (const Row& row : *rows) {
        problems += row.OptText(0).value_or("?") + "; ";
    }
    return Fail(ApiError::Internal("integrity_check: " + problems));
}

/// Makes a rename inside `dir` durable.
void SyncDirectory(const std::filesystem::path& dir) {
    const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

/// SQLite's own handle to the writer's WAL file, synced once here (which also makes the file's
/// directory entry durable) so that later syncs only flush data.
Result<sqlite3_file*> OpenWalFile(SqliteConn& writer) {
    // The WAL file is opened with the first transaction in WAL mode.
    if (auto touched = writer.Query("SELECT count(*) FROM sqlite_master"); !touched) {
        return Fail(std::move(touched.error()));
    }
    sqlite3_file* file = nullptr;
    const int rc = sqlite3_file_control(writer.handle(), "main", SQLITE_FCNTL_JOURNAL_POINTER, &file);
    if (rc != SQLITE_OK || file == nullptr || file->pMethods == nullptr) {
        return Fail(ApiError::Unavailable("the WAL file is not open"));
    }
    if (const int synced = file->pMethods->xSync(file, SQLITE_SYNC_NORMAL); synced != SQLITE_OK) {
        return Fail(detail::SqliteError(synced, sqlite3_errstr(synced), "sync of the WAL file"));
    }
    return file;
}

}  // namespace

SqliteDb::SqliteDb(SqliteOptions options, std::string uri) : options_(std::move(options)), uri_(std::move(uri)) {}

SqliteDb::~SqliteDb() {
    Close();
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(SqliteOptions options) {
    if (options.path.empty()) {
        return Fail(ApiError::Invalid("storage.path", "must not be empty"));
    }
    if (options.readers < 1 || options.readers > kMaxReaders) {
        return Fail(ApiError::Invalid("storage.readers", "must be between 1 and " + std::to_string(kMaxReaders)));
    }
    if (options.busy_timeout_ms < 0) {
        return Fail(ApiError::Invalid("storage.busy_timeout_ms", "must not be negative"));
    }
    if (options.max_batch < 1) {
        return Fail(ApiError::Invalid("storage.max_batch", "must be at least 1"));
    }
    if (options.checkpoint_pages < 1) {
        return Fail(ApiError::Invalid("storage.checkpoint_pages", "must be at least 1"));
    }
    // memdb ("/name" + vfs=memdb) is shared by every connection of this process that names it,
    // without shared-cache table locks; the random name keeps each SqliteDb's database its own.
    const bool in_memory = options.path == ":memory:";
    std::string uri = in_memory ? "file:/" + NewIdString("mem") + "?vfs=memdb" : options.path;
    std::unique_ptr<SqliteDb> db(new SqliteDb(std::move(options), std::move(uri)));
    const int busy = db->options_.busy_timeout_ms;

    auto writer = SqliteConn::Open(db->uri_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, busy);
    if (!writer) {
        return Fail(std::move(writer.error()));
    }
    auto mode = (*writer)->Pragma("journal_mode = WAL");
    if (!mode) {
        return Fail(OpenError(db->uri_, mode.error()));
    }
    // An in-memory database cannot use WAL and answers "memory"; a file must be in WAL mode.
    if (Lower(*mode) != "wal" && Lower(*mode) != "memory") {
        return Fail(ErrorCode::kUnavailable, "The database could not be opened.",
                    db->uri_ + ": journal_mode is '" + *mode + "', WAL is required");
    }
    // NORMAL: COMMIT appends to the WAL without waiting for the disk; the syncer fsyncs the WAL
    // before any caller hears of the commit (see the class comment). Checkpoints still sync.
    // temp_store=MEMORY keeps the statement journals of the per-job SAVEPOINTs in memory: on disk
    // they were a temporary file written (page by page) several times more than the WAL itself.
    // A bigger page cache spares the writer re-reading the pages every batch touches.
    for (const char* pragma : {"PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON", "PRAGMA temp_store = MEMORY",
                               "PRAGMA cache_size = -32768"}) {
        if (auto set = (*writer)->Raw(pragma); !set) {
            return Fail(OpenError(db->uri_, set.error()));
        }
    }
    if (Lower(*mode) == "wal") {
        auto wal = OpenWalFile(**writer);
        if (!wal) {
            return Fail(OpenError(db->uri_, wal.error()));
        }
        db->wal_file_ = *wal;
        // Replaces SQLite's automatic checkpoint on the writer with the checkpointer thread's.
        auto checkpointer = SqliteConn::Open(db->uri_, SQLITE_OPEN_READWRITE, busy);
        if (!checkpointer) {
            return Fail(std::move(checkpointer.error()));
        }
        if (auto set = (*checkpointer)->Raw("PRAGMA synchronous = NORMAL"); !set) {
            return Fail(OpenError(db->uri_, set.error()));
        }
        db->checkpoint_conn_ = std::move(*checkpointer);
        db->checkpoint_at_pages_ = db->options_.checkpoint_pages;
        sqlite3_wal_hook((*writer)->handle(), &SqliteDb::OnWalCommit, db.get());
    }
    if (auto fk = (*writer)->Pragma("foreign_keys"); !fk || *fk != "1") {
        return Fail(ErrorCode::kUnavailable, "The database could not be opened.",
                    "this SQLite build does not enforce foreign keys");
    }
    db->writer_conn_ = std::move(*writer);

    for (int i = 0; i < db->options_.readers; ++i) {
        auto reader = SqliteConn::Open(db->uri_, SQLITE_OPEN_READONLY, busy);
        if (!reader) {
            return Fail(std::move(reader.error()));
        }
        db->reader_conns_.push_back(std::move(*reader));
    }

    db->syncer_ = std::thread([raw = db.get()] {
        SetThreadName("db-syncer");
        raw->SyncerLoop();
    });
    if (db->checkpoint_conn_) {
        db->checkpointer_ = std::thread([raw = db.get()] {
            SetThreadName("db-checkpoint");
            raw->CheckpointerLoop();
        });
    }
    db->writer_ = std::thread([raw = db.get()] {
        SetThreadName("db-writer");
        raw->WriterLoop();
    });
    for (auto& conn : db->reader_conns_) {
        db->readers_.emplace_back([raw = db.get(), &conn] {
            SetThreadName("db-reader");
            raw->ReaderLoop(*conn);
        });
    }
    return db;
}

void SqliteDb::Submit(TxKind kind, Job job, Done done) {
    if (tls_worker_of == this) {
        done(Fail(ApiError::Internal(
            "storage misuse: a transaction was started from inside a transaction function of the same database")));
        return;
    }
    bool accepted = false;
    {
        std::lock_guard lock(mutex_);
        if (!closing_) {
            auto& queue = kind == TxKind::kWrite ? write_queue_ : read_queue_;
            queue.push_back(Task{std::move(job), std::move(done), std::nullopt});
            accepted = true;
        }
    }
    if (!accepted) {
        done(Fail(ApiError::Unavailable("the database is closed")));
        return;
    }
    (kind == TxKind::kWrite ? write_ready_ : read_ready_).notify_one();
}

bool SqliteDb::RunJob(Task& task, SqliteConn& conn) {
    try {
        return task.job(conn);
    } catch (...) {
        // Jobs built by Db catch everything themselves; anything else is treated as a failure.
        return false;
    }
}

void SqliteDb::WriterLoop() {
    tls_worker_of = this;
    std::vector<Task> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            write_ready_.wait(lock, [this] { return closing_ || !write_queue_.empty(); });
            if (write_queue_.empty()) {
                return;  // closing, and everything queued has been done
            }
            batch.clear();
            TakeQueued(batch);
        }
        RunBatch(batch);
    }
}

void SqliteDb::TakeQueued(std::vector<Task>& batch) {
    const auto max_batch = static_cast<std::size_t>(options_.max_batch);
    while (!write_queue_.empty() && batch.size() < max_batch) {
        batch.push_back(std::move(write_queue_.front()));
        write_queue_.pop_front();
    }
}

void SqliteDb::RunBatch(std::vector<Task>& batch) {
    if (sync_failed_) {
        ++commit_failures_;
        FailBatch(batch, batch.size(), ApiError::Unavailable("an earlier fsync of the database failed; restart"));
        return;
    }
    SqliteConn& conn = *writer_conn_;
    if (restart_wanted_.exchange(false)) {
        // The checkpointer has copied the WAL up to a moment ago. Copying the little written
        // since lets this transaction start the WAL over (SQLite does that when a writer begins
        // on a fully copied WAL that no reader still needs), so the file stays small; without it
        // the writer always outruns the checkpointer and the WAL grows without end.
        sqlite3_wal_checkpoint_v2(conn.handle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
    if (auto begun = conn.Raw(kBeginWrite); !begun) {
        ++commit_failures_;
        FailBatch(batch, batch.size(), BatchLost(begun.error()));
        return;
    }

    std::optional<ApiError> failure;
    std::size_t ran = 0;
    std::size_t rolled_back = 0;
    const auto max_batch = static_cast<std::size_t>(options_.max_batch);
    for (;;) {
        if (ran >= max_batch) {
            break;
        }
        if (ran == batch.size()) {
            // Commit now if the disk is free; else keep taking jobs into this transaction until
            // the syncer is done with the previous commit, so each fsync covers as much as it can.
            std::unique_lock lock(mutex_);
            const auto disk_free = [this] { return !syncing_ && sync_queue_.empty(); };
            if (disk_free()) {
                break;
            }
            write_ready_.wait(lock, [&] { return closing_ || !write_queue_.empty() || disk_free(); });
            if (disk_free() || write_queue_.empty()) {
                break;
            }
            TakeQueued(batch);
        }
        Task& task = batch[ran++];
        if (auto saved = conn.Raw(kSavepoint); !saved) {
            failure = saved.error();
            break;
        }
        bool keep = RunJob(task, conn);
        if (!conn.InTransaction()) {
            // SQLite ended the transaction itself (e.g. disk full, I/O error, OR ROLLBACK):
            // everything the batch did so far is gone.
            failure = ApiError::Internal("the database rolled the transaction back on its own");
            break;
        }
        if (keep && conn.HasUnresolvedForeignKeys()) {
            // A deferred foreign key this job left dangling would fail the COMMIT of the whole
            // batch; it is this job's fault (the jobs before it left none), so only it fails.
            keep = false;
            task.error =
                ApiError(ErrorCode::kConflict, "It refers to something that does not exist, or is still in use.",
                         "deferred foreign key constraint left unresolved by the transaction");
        }
        if (!keep) {
            ++rolled_back;
            if (auto undone = conn.Raw(kRollbackToSavepoint); !undone) {
                failure = undone.error();
                break;
            }
        }
        if (auto released = conn.Raw(kReleaseSavepoint); !released) {
            failure = released.error();
            break;
        }
    }

    if (!failure) {
        const auto start = steady_clock::now();
        auto committed = conn.Raw(kCommit);
        commit_micros_ += static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - start).count());
        if (!committed) {
            failure = committed.error();
        }
    }

    if (failure) {
        if (conn.InTransaction()) {
            (void)conn.Raw(kRollback);
        }
        ++commit_failures_;
        if (ran < batch.size()) {
            // These never ran; they get their own chance in the next batch, in their order.
            std::lock_guard lock(mutex_);
            for (std::size_t i = batch.size(); i > ran; --i) {
                write_queue_.push_front(std::move(batch[i - 1]));
            }
        }
        FailBatch(batch, ran, BatchLost(*failure));
        return;
    }

    const std::uint64_t size = ran;
    ++commits_;
    batch_size_sum_ += size;
    ++batch_size_buckets_[DbStats::BatchBucket(size)];
    if (size > 1) {
        batched_writes_ += size;
    }
    std::uint64_t largest = max_batch_size_.load();
    while (size > largest && !max_batch_size_.compare_exchange_weak(largest, size)) {
    }
    writes_ += size;
    writes_failed_ += rolled_back;
    writes_committed_ += size - rolled_back;
    Hand(Finished{std::move(batch), std::nullopt});
    batch.clear();
}

void SqliteDb::FailBatch(std::vector<Task>& batch, std::size_t count, const ApiError& error) {
    writes_ += count;
    writes_lost_ += count;
    batch.resize(count);
    Hand(Finished{std::move(batch), error});
    batch.clear();
}

void SqliteDb::Hand(Finished finished) {
    {
        std::lock_guard lock(mutex_);
        sync_queue_.push_back(std::move(finished));
    }
    sync_ready_.notify_one();
}

void SqliteDb::SyncerLoop() {
    std::vector<Finished> pending;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            syncing_ = false;
            if (sync_queue_.empty()) {
                write_ready_.notify_one();  // the writer may commit what it has gathered
            }
            sync_ready_.wait(lock, [this] { return syncer_closing_ || !sync_queue_.empty(); });
            if (sync_queue_.empty()) {
                return;  // closing, and every batch has been completed
            }
            pending.assign(std::make_move_iterator(sync_queue_.begin()), std::make_move_iterator(sync_queue_.end()));
            sync_queue_.clear();
            syncing_ = true;
        }
        // One fsync for every batch committed so far: the WAL only grows between them (or is
        // restarted after a checkpoint, which synced everything before it).
        const bool any_committed = std::ranges::any_of(pending, [](const Finished& f) { return !f.lost; });
        std::optional<ApiError> sync_failure;
        if (any_committed) {
            sync_failure = SyncWal();
        }
        for (Finished& finished : pending) {
            Complete(finished, sync_failure);
        }
        pending.clear();
    }
}

std::optional<ApiError> SqliteDb::SyncWal() {
    if (wal_file_ == nullptr) {
        return std::nullopt;  // in memory: nothing to make durable
    }
    const auto start = steady_clock::now();
    const int rc = wal_file_->pMethods->xSync(wal_file_, SQLITE_SYNC_NORMAL);
    commit_micros_ += static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - start).count());
    if (rc == SQLITE_OK) {
        return std::nullopt;
    }
    sync_failed_ = true;
    return ApiError::Unavailable("the commit may not have reached the disk: " +
                                 detail::SqliteError(rc, sqlite3_errstr(rc), "fsync of the WAL").detail);
}

void SqliteDb::Complete(Finished& finished, const std::optional<ApiError>& sync_failure) {
    for (Task& task : finished.tasks) {
        if (finished.lost) {
            task.done(Fail(*finished.lost));
        } else if (sync_failure) {
            task.done(Fail(*sync_failure));
        } else if (task.error) {
            task.done(Fail(std::move(*task.error)));
        } else {
            task.done(Result<void>());
        }
    }
}

void SqliteDb::ReaderLoop(SqliteConn& conn) {
    tls_worker_of = this;
    for (;;) {
        Task task;
        {
            std::unique_lock lock(mutex_);
            read_ready_.wait(lock, [this] { return closing_ || !read_queue_.empty(); });
            if (read_queue_.empty()) {
                return;
            }
            task = std::move(read_queue_.front());
            read_queue_.pop_front();
        }
        Result<void> outcome;
        if (auto begun = conn.Raw(kBeginRead); !begun) {
            outcome = Fail(std::move(begun.error()));
        } else {
            RunJob(task, conn);
            // A read keeps nothing, so it always ends with a rollback.
            if (conn.InTransaction()) {
                (void)conn.Raw(kRollback);
            }
        }
        ++reads_;
        task.done(std::move(outcome));
    }
}

int SqliteDb::OnWalCommit(void* self, sqlite3* /*db*/, const char* /*name*/, int pages) {
    auto* db = static_cast<SqliteDb*>(self);
    const auto last = db->wal_pages_.exchange(static_cast<std::uint64_t>(pages), std::memory_order_relaxed);
    if (static_cast<std::uint64_t>(pages) < last) {
        db->checkpoint_at_pages_ = db->options_.checkpoint_pages;  // the WAL started over
    }
    if (pages >= db->checkpoint_at_pages_.load(std::memory_order_relaxed)) {
        {
            std::lock_guard lock(db->mutex_);
            db->checkpoint_wanted_ = true;
        }
        db->checkpoint_ready_.notify_one();
    }
    return SQLITE_OK;
}

void SqliteDb::CheckpointerLoop() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            checkpoint_ready_.wait(lock, [this] { return closing_ || checkpoint_wanted_; });
            if (closing_) {
                return;  // the writer's connection checkpoints as it closes
            }
            checkpoint_wanted_ = false;
        }
        // PASSIVE copies what no reader still needs, without waiting for anyone; what it leaves
        // is copied next time. A busy or failed checkpoint loses nothing: the WAL keeps it all.
        int wal_pages = 0;
        int copied = 0;
        const int rc = sqlite3_wal_checkpoint_v2(checkpoint_conn_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE,
                                                 &wal_pages, &copied);
        // The next one when as much again has been written; the writer resets this when it
        // starts the WAL over. Its help for that (a copy and an fsync on its own thread) is asked
        // only once the WAL is kWalRestartFactor checkpoints long.
        checkpoint_at_pages_ = std::max(wal_pages, 0) + options_.checkpoint_pages;
        if (rc == SQLITE_OK && copied == wal_pages && wal_pages >= kWalRestartFactor * options_.checkpoint_pages) {
            restart_wanted_ = true;
        }
        ++checkpoints_;
    }
}

void SqliteDb::Close() {
    std::lock_guard close_lock(close_mutex_);
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    write_ready_.notify_all();
    read_ready_.notify_all();
    if (tls_worker_of == this) {
        return;  // misuse: a worker cannot join itself; the destructor finishes the job
    }
    if (writer_.joinable()) {
        writer_.join();
    }
    // The writer is done: every batch is in the syncer's queue.
    {
        std::lock_guard lock(mutex_);
        syncer_closing_ = true;
    }
    sync_ready_.notify_all();
    if (syncer_.joinable()) {
        syncer_.join();
    }
    checkpoint_ready_.notify_all();
    if (checkpointer_.joinable()) {
        checkpointer_.join();
    }
    checkpoint_conn_.reset();
    for (std::thread& reader : readers_) {
        if (reader.joinable()) {
            reader.join();
        }
    }
    // Readers first: the writer's connection, closed last, checkpoints the WAL.
    reader_conns_.clear();
    writer_conn_.reset();
}

DbStats SqliteDb::Stats() const {
    DbStats stats;
    stats.reads = reads_.load();
    stats.writes = writes_.load();
    stats.writes_committed = writes_committed_.load();
    stats.writes_failed = writes_failed_.load();
    stats.writes_lost = writes_lost_.load();
    stats.commits = commits_.load();
    stats.commit_failures = commit_failures_.load();
    stats.batched_writes = batched_writes_.load();
    stats.batch_size_sum = batch_size_sum_.load();
    stats.max_batch_size = max_batch_size_.load();
    stats.commit_micros = commit_micros_.load();
    stats.checkpoints = checkpoints_.load();
    stats.wal_pages = wal_pages_.load();
    for (std::size_t i = 0; i < DbStats::kBatchBuckets; ++i) {
        stats.batch_size_buckets[i] = batch_size_buckets_[i].load();
    }
    std::lock_guard lock(mutex_);
    stats.queued_reads = read_queue_.size();
    stats.queued_writes = write_queue_.size();
    return stats;
}

Result<void> SqliteDb::BackupTo(const std::string& path) const {
    {
        std::lock_guard lock(mutex_);
        if (closing_) {
            return Fail(ApiError::Unavailable("the database is closed"));
        }
    }
    auto source = SqliteConn::Open(uri_, SQLITE_OPEN_READONLY, options_.busy_timeout_ms);
    if (!source) {
        return Fail(std::move(source.error()));
    }
    // Write next to the target and rename, so `path` is always either the old or the new backup.
    const std::string temp = path + ".tmp";
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    {
        auto target = SqliteConn::Open(temp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, options_.busy_timeout_ms);
        if (!target) {
            return Fail(std::move(target.error()));
        }
        if (auto copied = CopyDatabase(**source, **target, options_.busy_timeout_ms); !copied) {
            target->reset();
            std::filesystem::remove(temp, ignored);
            return Fail(std::move(copied.error()));
        }
    }
    std::error_code error;
    std::filesystem::rename(temp, path, error);
    if (error) {
        std::filesystem::remove(temp, ignored);
        return Fail(ApiError::Internal("renaming " + temp + " to " + path + ": " + error.message()));
    }
    SyncDirectory(std::filesystem::path(path).parent_path());
    return {};
}

Result<void> SqliteDb::Restore(const std::string& from, const std::string& to, int busy_timeout_ms) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(from, error)) {
        return Fail(ErrorCode::kNotFound, "The backup file was not found.", "restore from " + from);
    }
    if (std::filesystem::exists(to, error) && std::filesystem::equivalent(from, to, error)) {
        return Fail(ApiError::Invalid("from", "the backup and the database are the same file"));
    }
    auto source = SqliteConn::Open(from, SQLITE_OPEN_READONLY, busy_timeout_ms);
    if (!source) {
        return Fail(std::move(source.error()));
    }
    if (auto sound = CheckIntegrity(**source); !sound) {
        return Fail(ErrorCode::kInvalidArgument, "The backup is not a sound SQLite database.",
                    from + ": " + sound.error().detail);
    }
    auto target = SqliteConn::Open(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, busy_timeout_ms);
    if (!target) {
        return Fail(std::move(target.error()));
    }
    // Copying through SQLite (rather than over the file) keeps the target's WAL and locks right:
    // the target changes in one transaction, and a live user of it makes this fail, not corrupt.
    if (auto copied = CopyDatabase(**source, **target, busy_timeout_ms); !copied) {
        return Fail(std::move(copied.error()));
    }
    return CheckIntegrity(**target);
}

}  // namespace webdpro::storage
