#include "storage/sqlite_db.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "storage/test_util.hpp"

namespace webdpro::storage {
namespace {

using testing::Describe;
using testing::Eventually;
using testing::Gate;
using testing::OpenOrDie;
using testing::TempDir;

constexpr std::string_view kSchema = R"sql(
    CREATE TABLE items (id TEXT NOT NULL PRIMARY KEY, qty INTEGER NOT NULL DEFAULT 0) STRICT;
    CREATE TABLE parents (id TEXT NOT NULL PRIMARY KEY) STRICT;
    CREATE TABLE kids (
        id     TEXT NOT NULL PRIMARY KEY,
        parent TEXT NOT NULL REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED
    ) STRICT;
)sql";
constexpr std::string_view kInsertItem = "INSERT INTO items (id) VALUES ($1)";
constexpr std::string_view kCountItems = "SELECT count(*) FROM items";

void CreateSchema(Db& db) {
    auto made = db.WriteSync([](Conn& conn) { return conn.ExecScript(kSchema); });
    ASSERT_TRUE(made) << Describe(made.error());
}

std::int64_t CountItems(Db& db) {
    auto count = db.ReadSync([](Conn& conn) -> Result<std::int64_t> {
        auto rows = conn.Query(kCountItems);
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        return rows->front().Int(0);
    });
    EXPECT_TRUE(count) << Describe(count.error());
    return count.value_or(-1);
}

bool HasItem(Db& db, const std::string& id) {
    auto found = db.ReadSync([&](Conn& conn) -> Result<bool> {
        auto row = conn.QueryOne("SELECT 1 FROM items WHERE id = $1", id);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        return row->has_value();
    });
    EXPECT_TRUE(found) << Describe(found.error());
    return found.value_or(false);
}

Result<std::int64_t> InsertItem(Conn& conn, const std::string& id) {
    return conn.Exec(kInsertItem, id);
}

/// Holds the writer inside a transaction until released, so that the test can line up the jobs
/// of the next batch deterministically.
class WriterBlocker final {
public:
    explicit WriterBlocker(Db& db) {
        thread_ = std::thread([this, &db] {
            result_ = db.WriteSync([this](Conn&) -> Result<void> {
                inside_ = true;
                gate_.Wait();
                return {};
            });
        });
        EXPECT_TRUE(Eventually([this] { return inside_.load(); }));
    }
    ~WriterBlocker() { Release(); }
    WriterBlocker(const WriterBlocker&) = delete;
    WriterBlocker& operator=(const WriterBlocker&) = delete;

    void Release() {
        if (thread_.joinable()) {
            gate_.Open();
            thread_.join();
            EXPECT_TRUE(result_) << Describe(result_.error());
        }
    }

private:
    Gate gate_;
    std::atomic<bool> inside_{false};
    Result<void> result_;
    std::thread thread_;
};

/// Queues a WriteSync on its own thread and waits until it is queued behind the blocker, so that
/// jobs enter the queue in the order they are created.
class QueuedWrite final {
public:
    QueuedWrite(SqliteDb& db, std::function<Result<std::int64_t>(Conn&)> fn) {
        const std::uint64_t queued = db.Stats().queued_writes;
        thread_ = std::thread([this, &db, fn = std::move(fn)] { result_ = db.WriteSync(fn); });
        EXPECT_TRUE(Eventually([&] { return db.Stats().queued_writes == queued + 1; }));
    }
    ~QueuedWrite() {
        if (thread_.joinable()) {
            thread_.join();
        }
    }
    QueuedWrite(const QueuedWrite&) = delete;
    QueuedWrite& operator=(const QueuedWrite&) = delete;

    const Result<std::int64_t>& Wait() {
        if (thread_.joinable()) {
            thread_.join();
        }
        return result_;
    }

private:
    Result<std::int64_t> result_;
    std::thread thread_;
};

class SqliteDbTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = OpenOrDie({.path = dir_.File("test.db"), .readers = 2, .busy_timeout_ms = 5000, .max_batch = 512});
        ASSERT_NE(db_, nullptr);
        CreateSchema(*db_);
    }

    TempDir dir_;
    std::unique_ptr<SqliteDb> db_;
};

TEST(SqliteDbOpen, RejectsBadOptions) {
    auto no_path = SqliteDb::Open({.path = ""});
    ASSERT_FALSE(no_path);
    EXPECT_EQ(no_path.error().code, ErrorCode::kInvalidArgument);
    auto no_readers = SqliteDb::Open({.path = ":memory:", .readers = 0});
    ASSERT_FALSE(no_readers);
    ASSERT_EQ(no_readers.error().fields.size(), 1U);
    EXPECT_EQ(no_readers.error().fields.front().field, "storage.readers");
    auto no_batch = SqliteDb::Open({.path = ":memory:", .max_batch = 0});
    ASSERT_FALSE(no_batch);
    EXPECT_EQ(no_batch.error().fields.front().field, "storage.max_batch");
    auto negative_timeout = SqliteDb::Open({.path = ":memory:", .busy_timeout_ms = -1});
    ASSERT_FALSE(negative_timeout);
    auto no_checkpoint = SqliteDb::Open({.path = ":memory:", .checkpoint_pages = 0});
    ASSERT_FALSE(no_checkpoint);
    EXPECT_EQ(no_checkpoint.error().fields.front().field, "storage.checkpoint_pages");
}

TEST(SqliteDbOpen, MissingFolderIsUnavailable) {
    auto db = SqliteDb::Open({.path = "/nonexistent-webdpro-dir/x/db.sqlite"});
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(db.error().detail.find("/nonexistent-webdpro-dir/x/db.sqlite"), std::string::npos);
}

TEST(SqliteDbOpen, FileThatIsNotADatabaseIsUnavailable) {
    TempDir dir;
    std::ofstream(dir.File("notes.txt")) << std::string(8192, 'x');
    auto db = SqliteDb::Open({.path = dir.File("notes.txt")});
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(db.error().message, "The database could not be opened.");
    EXPECT_NE(db.error().detail.find("not a database"), std::string::npos) << db.error().detail;
}

TEST(SqliteDbOpen, AcceptsASharedCacheMemoryUri) {
    // Supported, but ":memory:" is better: shared cache locks tables, so concurrent readers and
    // the writer get SQLITE_LOCKED (kUnavailable) instead of waiting.
    auto db = OpenOrDie({.path = "file:" + NewIdString("shared") + "?mode=memory&cache=shared", .readers = 1});
    ASSERT_NE(db, nullptr);
    CreateSchema(*db);
    ASSERT_TRUE(db->WriteSync([](Conn& conn) { return InsertItem(conn, "a"); }));
    EXPECT_TRUE(HasItem(*db, "a"));
}

TEST(SqliteDbOpen, InMemoryDatabasesArePrivateToTheirDb) {
    auto first = testing::OpenMemory();
    auto second = testing::OpenMemory();
    ASSERT_TRUE(first && second);
    CreateSchema(*first);
    ASSERT_TRUE(first->WriteSync([](Conn& conn) { return InsertItem(conn, "a"); }));
    EXPECT_EQ(CountItems(*first), 1);
    auto absent = second->ReadSync([](Conn& conn) { return conn.TableExists("items"); });
    ASSERT_TRUE(absent);
    EXPECT_FALSE(*absent);
}

// synchronous=NORMAL (1) on the writer: the commit appends to the WAL and the syncer thread fsyncs
// it before the callers are completed. temp_store=MEMORY (2) keeps savepoint journals off disk.
TEST_F(SqliteDbTest, UsesWalNormalSyncMemoryTempStoreAndForeignKeys) {
    auto settings = db_->WriteSync([](Conn& conn) -> Result<std::vector<std::string>> {
        std::vector<std::string> values;
        for (const char* pragma :
             {"PRAGMA journal_mode", "PRAGMA synchronous", "PRAGMA foreign_keys", "PRAGMA temp_store"}) {
            auto rows = conn.Query(pragma);
            if (!rows) {
                return Fail(std::move(rows.error()));
            }
            const Value& value = rows->front().At(0);
            values.push_back(std::holds_alternative<std::string>(value)
                                 ? std::get<std::string>(value)
                                 : std::to_string(std::get<std::int64_t>(value)));
        }
        return values;
    });
    ASSERT_TRUE(settings) << Describe(settings.error());
    EXPECT_EQ(*settings, (std::vector<std::string>{"wal", "1", "1", "2"}));
    EXPECT_EQ(db_->Engine(), "sqlite");
}

TEST_F(SqliteDbTest, WriteReturnsTheFunctionsValueAfterCommit) {
    auto written = db_->WriteSync([](Conn& conn) { return InsertItem(conn, "a"); });
    ASSERT_TRUE(written) << Describe(written.error());
    EXPECT_EQ(*written, 1);
    EXPECT_TRUE(HasItem(*db_, "a"));
    const DbStats stats = db_->Stats();
    EXPECT_EQ(stats.writes_committed, 2U);  // the schema and the insert
    EXPECT_EQ(stats.commits, 2U);
}

TEST_F(SqliteDbTest, FailingFunctionRollsBackAndReturnsItsError) {
    auto failed = db_->WriteSync([](Conn& conn) -> Result<int> {
        if (!InsertItem(conn, "a")) {
            return Fail(ApiError::Internal("setup"));
        }
        return Fail(ApiError::NotFound("Widget"));
    });
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(failed.error().message, "Widget not found.");
    EXPECT_FALSE(HasItem(*db_, "a"));
    EXPECT_EQ(db_->Stats().writes_failed, 1U);
}

TEST_F(SqliteDbTest, ThrowingFunctionBecomesInternalErrorAndRollsBack) {
    auto thrown = db_->WriteSync([](Conn& conn) -> Result<int> {
        (void)InsertItem(conn, "a");
        throw std::runtime_error("boom");
    });
    ASSERT_FALSE(thrown);
    EXPECT_EQ(thrown.error().code, ErrorCode::kInternal);
    EXPECT_NE(thrown.error().detail.find("boom"), std::string::npos) << thrown.error().detail;
    EXPECT_EQ(thrown.error().message.find("boom"), std::string::npos) << "what() stays out of the public message";
    EXPECT_FALSE(HasItem(*db_, "a"));
}

TEST_F(SqliteDbTest, MisreadingARowInsideATransactionIsAnInternalError) {
    ASSERT_TRUE(db_->WriteSync([](Conn& conn) { return InsertItem(conn, "a"); }));
    auto misread = db_->ReadSync([](Conn& conn) -> Result<std::int64_t> {
        auto rows = conn.Query("SELECT id FROM items");
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        return rows->front().Int(0);  // id is TEXT
    });
    ASSERT_FALSE(misread);
    EXPECT_EQ(misread.error().code, ErrorCode::kInternal);
    EXPECT_NE(misread.error().detail.find("column 0 is TEXT"), std::string::npos) << misread.error().detail;
}

TEST_F(SqliteDbTest, EmptyFunctionIsAnInternalError) {
    auto empty = db_->WriteSync(std::function<Result<int>(Conn&)>());
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, ErrorCode::kInternal);
}

TEST_F(SqliteDbTest, FailingJobInABatchRollsBackAloneWhileItsBatchMatesCommit) {
    const DbStats before = db_->Stats();
    WriterBlocker blocker(*db_);
    QueuedWrite a(*db_, [](Conn& conn) { return InsertItem(conn, "a"); });
    QueuedWrite b(*db_, [](Conn& conn) -> Result<std::int64_t> {
        (void)InsertItem(conn, "b");
        return Fail(ApiError::Conflict("Out of stock."));
    });
    QueuedWrite c(*db_, [](Conn& conn) -> Result<std::int64_t> {
        (void)InsertItem(conn, "c");
        throw std::runtime_error("boom");
    });
    QueuedWrite d(*db_, [](Conn& conn) { return InsertItem(conn, "d"); });
    blocker.Release();

    EXPECT_TRUE(a.Wait());
    ASSERT_FALSE(b.Wait());
    EXPECT_EQ(b.Wait().error().message, "Out of stock.");
    ASSERT_FALSE(c.Wait());
    EXPECT_EQ(c.Wait().error().code, ErrorCode::kInternal);
    EXPECT_TRUE(d.Wait());
    EXPECT_TRUE(HasItem(*db_, "a"));
    EXPECT_FALSE(HasItem(*db_, "b"));
    EXPECT_FALSE(HasItem(*db_, "c"));
    EXPECT_TRUE(HasItem(*db_, "d"));

    const DbStats after = db_->Stats();
    EXPECT_EQ(after.commits - before.commits, 2U) << "the blocker's commit, then one for all four";
    EXPECT_EQ(after.max_batch_size, 4U);
    EXPECT_EQ(after.batch_size_buckets[2] - before.batch_size_buckets[2], 1U) << "one batch of 4..7";
    EXPECT_EQ(after.writes_failed - before.writes_failed, 2U);
    EXPECT_EQ(after.writes_committed - before.writes_committed, 3U);
    EXPECT_EQ(after.batched_writes - before.batched_writes, 4U);
}

TEST_F(SqliteDbTest, LaterJobSeesEarlierBatchMatesChanges) {
    WriterBlocker blocker(*db_);
    QueuedWrite first(*db_, [](Conn& conn) { return InsertItem(conn, "a"); });
    QueuedWrite second(*db_, [](Conn& conn) { return conn.Exec("UPDATE items SET qty = 7 WHERE id = 'a'"); });
    blocker.Release();
    ASSERT_TRUE(first.Wait());
    ASSERT_TRUE(second.Wait());
    EXPECT_EQ(*second.Wait(), 1) << "writes are serialised in submission order";
}

TEST_F(SqliteDbTest, DanglingDeferredForeignKeyFailsOnlyItsOwnJob) {
    WriterBlocker blocker(*db_);
    QueuedWrite good(*db_, [](Conn& conn) -> Result<std::int64_t> {
        if (auto parent = conn.Exec("INSERT INTO parents (id) VALUES ('p')"); !parent) {
            return parent;
        }
        return conn.Exec("INSERT INTO kids (id, parent) VALUES ('k1', 'p')");
    });
    QueuedWrite dangling(*db_,
                         [](Conn& conn) { return conn.Exec("INSERT INTO kids (id, parent) VALUES ('k2', 'ghost')"); });
    QueuedWrite after(*db_, [](Conn& conn) { return conn.Exec("INSERT INTO kids (id, parent) VALUES ('k3', 'p')"); });
    blocker.Release();

    EXPECT_TRUE(good.Wait());
    ASSERT_FALSE(dangling.Wait());
    EXPECT_EQ(dangling.Wait().error().code, ErrorCode::kConflict);
    EXPECT_TRUE(after.Wait());
    auto kids = db_->ReadSync([](Conn& conn) { return conn.Query("SELECT id FROM kids ORDER BY id"); });
    ASSERT_TRUE(kids);
    ASSERT_EQ(kids->size(), 2U);
    EXPECT_EQ((*kids)[0].Text(0), "k1");
    EXPECT_EQ((*kids)[1].Text(0), "k3");
    EXPECT_EQ(db_->Stats().commit_failures, 0U);
}

TEST_F(SqliteDbTest, TransactionRolledBackBySqliteFailsTheBatchAndRequeuesTheRest) {
    ASSERT_TRUE(db_->WriteSync([](Conn& conn) { return InsertItem(conn, "dup"); }));
    const DbStats before = db_->Stats();
    WriterBlocker blocker(*db_);
    QueuedWrite a(*db_, [](Conn& conn) { return InsertItem(conn, "a"); });
    // OR ROLLBACK makes SQLite abandon the whole transaction, batch-mates included.
    QueuedWrite b(*db_, [](Conn& conn) { return conn.Exec("INSERT OR ROLLBACK INTO items (id) VALUES ('dup')"); });
    QueuedWrite c(*db_, [](Conn& conn) { return InsertItem(conn, "c"); });
    blocker.Release();

    ASSERT_FALSE(a.Wait());
    EXPECT_EQ(a.Wait().error().code, ErrorCode::kUnavailable) << "committed work was lost: retryable";
    ASSERT_FALSE(b.Wait());
    EXPECT_EQ(b.Wait().error().code, ErrorCode::kConflict) << "the culprit keeps its own error";
    EXPECT_TRUE(c.Wait()) << "a job that never ran goes to the next batch";
    EXPECT_FALSE(HasItem(*db_, "a"));
    EXPECT_TRUE(HasItem(*db_, "c"));
    const DbStats after = db_->Stats();
    EXPECT_EQ(after.commit_failures - before.commit_failures, 1U);
    EXPECT_EQ(after.writes_lost - before.writes_lost, 2U);
}

TEST(SqliteDbCommit, FailedCommitFailsEveryJobOfTheBatch) {
    // In the in-memory database (no WAL) a commit needs every reader gone; an open read makes it
    // time out, which is a commit failure like a full disk would be.
    auto db = OpenOrDie({.path = ":memory:", .readers = 1, .busy_timeout_ms = 50, .max_batch = 512});
    ASSERT_NE(db, nullptr);
    CreateSchema(*db);
    Gate gate;
    std::atomic<bool> reading{false};
    std::thread reader([&] {
        auto read = db->ReadSync([&](Conn& conn) -> Result<void> {
            auto rows = conn.Query(kCountItems);
            reading = true;
            gate.Wait();
            return rows ? Result<void>() : Fail(std::move(rows.error()));
        });
        EXPECT_TRUE(read) << Describe(read.error());
    });
    ASSERT_TRUE(Eventually([&] { return reading.load(); }));

    auto written = db->WriteSync([](Conn& conn) { return InsertItem(conn, "a"); });
    gate.Open();
    reader.join();

    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, ErrorCode::kUnavailable) << Describe(written.error());
    EXPECT_EQ(CountItems(*db), 0) << "nothing of a failed batch is kept";
    EXPECT_EQ(db->Stats().commit_failures, 1U);
    EXPECT_TRUE(db->WriteSync([](Conn& conn) { return InsertItem(conn, "a"); })) << "the writer recovers";
}

TEST_F(SqliteDbTest, ReadNeverSeesUncommittedWrites) {
    Gate gate;
    std::atomic<bool> inserted{false};
    std::thread writer([&] {
        auto written = db_->WriteSync([&](Conn& conn) -> Result<std::int64_t> {
            auto result = InsertItem(conn, "a");
            inserted = true;
            gate.Wait();
            return result;
        });
        EXPECT_TRUE(written);
    });
    ASSERT_TRUE(Eventually([&] { return inserted.load(); }));
    EXPECT_EQ(CountItems(*db_), 0) << "the insert is not committed yet (and the reader did not wait for it)";
    gate.Open();
    writer.join();
    EXPECT_EQ(CountItems(*db_), 1);
}

TEST_F(SqliteDbTest, ReadSeesOneSnapshotThroughoutItsTransaction) {
    ASSERT_TRUE(db_->WriteSync([](Conn& conn) { return InsertItem(conn, "a"); }));
    Gate gate;
    std::atomic<bool> first_read{false};
    std::thread reader([&] {
        auto counts = db_->ReadSync([&](Conn& conn) -> Result<std::pair<std::int64_t, std::int64_t>> {
            auto before = conn.Query(kCountItems);
            first_read = true;
            gate.Wait();
            auto after = conn.Query(kCountItems);
            if (!before || !after) {
                return Fail(ApiError::Internal("count failed"));
            }
            return std::pair(before->front().Int(0), after->front().Int(0));
        });
        ASSERT_TRUE(counts);
        EXPECT_EQ(counts->first, 1);
        EXPECT_EQ(counts->second, 1) << "a commit during the read is not visible to it";
    });
    ASSERT_TRUE(Eventually([&] { return first_read.load(); }));
    ASSERT_TRUE(db_->WriteSync([](Conn& conn) { return InsertItem(conn, "b"); }));
    gate.Open();
    reader.join();
    EXPECT_EQ(CountItems(*db_), 2);
}

TEST_F(SqliteDbTest, NestedTransactionIsRefusedNotDeadlocked) {
    auto nested = db_->WriteSync([this](Conn&) -> Result<int> {
        auto inner = db_->ReadSync([](Conn&) -> Result<int> { return 1; });
        if (!inner) {
            return Fail(std::move(inner.error()));
        }
        return *inner;
    });
    ASSERT_FALSE(nested);
    EXPECT_EQ(nested.error().code, ErrorCode::kInternal);
    EXPECT_NE(nested.error().detail.find("inside a transaction"), std::string::npos) << nested.error().detail;
}

TEST_F(SqliteDbTest, MaxBatchOfOneCommitsEachWriteAlone) {
    auto db = OpenOrDie({.path = dir_.File("single.db"), .readers = 1, .busy_timeout_ms = 5000, .max_batch = 1});
    ASSERT_NE(db, nullptr);
    CreateSchema(*db);
    {
        WriterBlocker blocker(*db);
        QueuedWrite a(*db, [](Conn& conn) { return InsertItem(conn, "a"); });
        QueuedWrite b(*db, [](Conn& conn) { return InsertItem(conn, "b"); });
        blocker.Release();
        EXPECT_TRUE(a.Wait());
        EXPECT_TRUE(b.Wait());
    }
    const DbStats stats = db->Stats();
    EXPECT_EQ(stats.commits, 4U);
    EXPECT_EQ(stats.batched_writes, 0U);
    EXPECT_EQ(stats.max_batch_size, 1U);
}

TEST_F(SqliteDbTest, ManyConcurrentCoroutineWritersAllCommitInSharedBatches) {
    constexpr int kWriters = 64;
    constexpr int kWritesEach = 10;
    boost::asio::io_context io(2);
    std::atomic<int> committed{0};
    std::mutex mutex;
    std::set<std::thread::id> resumed_on;

    for (int w = 0; w < kWriters; ++w) {
        boost::asio::co_spawn(
            io,
            [&, w]() -> boost::asio::awaitable<void> {
                for (int i = 0; i < kWritesEach; ++i) {
                    const std::string id = std::to_string(w) + "-" + std::to_string(i);
                    auto written = co_await db_->Write([&id](Conn& conn) { return InsertItem(conn, id); });
                    if (written && *written == 1) {
                        ++committed;
                    }
                    std::lock_guard lock(mutex);
                    resumed_on.insert(std::this_thread::get_id());
                }
            },
            boost::asio::detached);
    }
    std::vector<std::thread::id> io_threads(2);
    std::thread first([&] {
        io_threads[0] = std::this_thread::get_id();
        io.run();
    });
    std::thread second([&] {
        io_threads[1] = std::this_thread::get_id();
        io.run();
    });
    first.join();
    second.join();

    EXPECT_EQ(committed.load(), kWriters * kWritesEach);
    EXPECT_EQ(CountItems(*db_), kWriters * kWritesEach);
    for (const auto& id : resumed_on) {
        EXPECT_TRUE(id == io_threads[0] || id == io_threads[1]) << "resumed off the io_context";
    }
    const DbStats stats = db_->Stats();
    EXPECT_EQ(stats.writes_committed, static_cast<std::uint64_t>(kWriters * kWritesEach + 1));
    EXPECT_LT(stats.commits, stats.writes_committed) << "group commit shared at least one fsync";
    EXPECT_GT(stats.batched_writes, 0U);
    EXPECT_GT(stats.max_batch_size, 1U);
    EXPECT_EQ(stats.queued_writes, 0U);
}

TEST_F(SqliteDbTest, AsyncReadAndWriteKeepTheIoContextRunningUntilDone) {
    boost::asio::io_context io;
    std::optional<Result<std::int64_t>> written;
    std::optional<Result<std::int64_t>> duplicate;
    std::optional<Result<std::int64_t>> counted;
    std::optional<Result<void>> pinged;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            written = co_await db_->Write([](Conn& conn) { return InsertItem(conn, "a"); });
            duplicate = co_await db_->Write<std::int64_t>([](Conn& conn) { return InsertItem(conn, "a"); });
            counted = co_await db_->Read([](Conn& conn) -> Result<std::int64_t> {
                auto rows = conn.Query(kCountItems);
                if (!rows) {
                    return Fail(std::move(rows.error()));
                }
                return rows->front().Int(0);
            });
            pinged = co_await db_->Ping();
        },
        boost::asio::detached);
    io.run();  // returns only when the coroutine is done: the pending jobs hold work on it

    ASSERT_TRUE(written && *written);
    ASSERT_TRUE(duplicate);
    ASSERT_FALSE(*duplicate);
    EXPECT_EQ(duplicate->error().code, ErrorCode::kConflict);
    ASSERT_TRUE(counted && *counted);
    EXPECT_EQ(**counted, 1);
    ASSERT_TRUE(pinged);
    EXPECT_TRUE(*pinged);
}

TEST_F(SqliteDbTest, CloseDrainsQueuedWritesThenRefusesNewOnes) {
    std::vector<std::unique_ptr<QueuedWrite>> writes;
    std::thread closer;
    {
        WriterBlocker blocker(*db_);
        for (int i = 0; i < 10; ++i) {
            writes.push_back(std::make_unique<QueuedWrite>(
                *db_, [i](Conn& conn) { return InsertItem(conn, "q" + std::to_string(i)); }));
        }
        closer = std::thread([this] { db_->Close(); });
        // Closing has begun once new work is refused.
        EXPECT_TRUE(Eventually([this] {
            auto read = db_->ReadSync([](Conn&) -> Result<int> { return 1; });
            return !read && read.error().code == ErrorCode::kUnavailable;
        }));
    }
    closer.join();
    for (auto& write : writes) {
        const auto& result = write->Wait();
        EXPECT_TRUE(result) << Describe(result.error());
    }
    auto late = db_->WriteSync([](Conn& conn) { return InsertItem(conn, "late"); });
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, ErrorCode::kUnavailable);
    db_->Close();  // idempotent

    boost::asio::io_context io;
    std::optional<Result<void>> pinged;
    boost::asio::co_spawn(
        io, [&]() -> boost::asio::awaitable<void> { pinged = co_await db_->Ping(); }, boost::asio::detached);
    io.run();
    ASSERT_TRUE(pinged);
    EXPECT_FALSE(*pinged);

    db_.reset();
    auto reopened = OpenOrDie({.path = dir_.File("test.db"), .readers = 1});
    ASSERT_NE(reopened, nullptr);
    EXPECT_EQ(CountItems(*reopened), 10) << "every drained write is durable";
}

TEST_F(SqliteDbTest, CommittedWritesSurviveReopening) {
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(db_->WriteSync([i](Conn& conn) { return InsertItem(conn, std::to_string(i)); }));
    }
    db_.reset();
    auto reopened = OpenOrDie({.path = dir_.File("test.db"), .readers = 1});
    ASSERT_NE(reopened, nullptr);
    EXPECT_EQ(CountItems(*reopened), 5);
}

TEST(SqliteDbCheckpoint, CheckpointsBesideTheWriterKeepTheWalSmallWhileReadersRead) {
    // Writes that each add a few pages of WAL, from four threads, while readers never stop: the
    // checkpointer copies the WAL behind the writer and the writer starts it over, so the file
    // stays a few checkpoints long instead of holding everything ever written.
    TempDir dir;
    constexpr int kCheckpointPages = 64;
    auto db = OpenOrDie({.path = dir.File("wal.db"), .readers = 2, .checkpoint_pages = kCheckpointPages});
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->WriteSync([](Conn& conn) {
        return conn.ExecScript("CREATE TABLE notes (id TEXT PRIMARY KEY, body BLOB NOT NULL) STRICT");
    }));
    constexpr int kWriters = 4;
    constexpr int kWritesEach = 400;
    std::atomic<bool> writing{true};
    std::atomic<int> reads{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 2; ++r) {
        readers.emplace_back([&] {
            while (writing) {
                auto counted = db->ReadSync([](Conn& conn) { return conn.Query("SELECT count(*) FROM notes"); });
                EXPECT_TRUE(counted);
                ++reads;
            }
        });
    }
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            for (int i = 0; i < kWritesEach; ++i) {
                const std::string id = std::to_string(w) + "-" + std::to_string(i);
                auto written = db->WriteSync([&](Conn& conn) {
                    return conn.Exec("INSERT INTO notes (id, body) VALUES ($1, zeroblob(12000))", id);
                });
                EXPECT_TRUE(written);
            }
        });
    }
    for (auto& writer : writers) {
        writer.join();
    }
    writing = false;
    for (auto& reader : readers) {
        reader.join();
    }
    EXPECT_GT(reads.load(), 0);
    const DbStats stats = db->Stats();
    EXPECT_GT(stats.checkpoints, 0U);
    // 1,600 notes of 3-4 pages each went through the WAL: over 5,000 pages, 20 MB.
    const auto wal_bytes = std::filesystem::file_size(dir.File("wal.db") + "-wal");
    EXPECT_LT(wal_bytes, 32U * kCheckpointPages * 4096) << "the WAL was never started over";
    db.reset();
    auto reopened = OpenOrDie({.path = dir.File("wal.db"), .readers = 1});
    ASSERT_NE(reopened, nullptr);
    auto count = reopened->ReadSync([](Conn& conn) -> Result<std::int64_t> {
        auto rows = conn.Query("SELECT count(*) FROM notes");
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        return rows->front().Int(0);
    });
    ASSERT_TRUE(count);
    EXPECT_EQ(*count, kWriters * kWritesEach);
}

TEST_F(SqliteDbTest, BackupWhileWritingProducesAReadableConsistentCopy) {
    for (int i = 0; i < 100; ++i) {
        ASSERT_TRUE(db_->WriteSync([i](Conn& conn) { return InsertItem(conn, "base" + std::to_string(i)); }));
    }
    std::atomic<bool> stop{false};
    std::thread writer([&] {
        for (int i = 0; !stop; ++i) {
            ASSERT_TRUE(db_->WriteSync([i](Conn& conn) { return InsertItem(conn, "live" + std::to_string(i)); }));
        }
    });
    const std::string backup = dir_.File("backup.db");
    auto done = db_->BackupTo(backup);
    stop = true;
    writer.join();
    ASSERT_TRUE(done) << Describe(done.error());
    EXPECT_FALSE(std::filesystem::exists(backup + ".tmp"));

    auto copy = OpenOrDie({.path = backup, .readers = 1});
    ASSERT_NE(copy, nullptr);
    EXPECT_GE(CountItems(*copy), 100);
    EXPECT_LE(CountItems(*copy), CountItems(*db_));
    auto check = copy->ReadSync([](Conn& conn) { return conn.Query("PRAGMA integrity_check"); });
    ASSERT_TRUE(check);
    EXPECT_EQ(check->front().Text(0), "ok");
}

TEST(SqliteDbBackup, BacksUpAnInMemoryDatabase) {
    TempDir dir;
    auto db = testing::OpenMemory();
    ASSERT_NE(db, nullptr);
    CreateSchema(*db);
    ASSERT_TRUE(db->WriteSync([](Conn& conn) { return InsertItem(conn, "a"); }));
    ASSERT_TRUE(db->BackupTo(dir.File("mem-backup.db")));
    auto copy = OpenOrDie({.path = dir.File("mem-backup.db"), .readers = 1});
    ASSERT_NE(copy, nullptr);
    EXPECT_TRUE(HasItem(*copy, "a"));
}

TEST_F(SqliteDbTest, BackupErrors) {
    auto nowhere = db_->BackupTo("/nonexistent-webdpro-dir/backup.db");
    ASSERT_FALSE(nowhere);
    EXPECT_EQ(nowhere.error().code, ErrorCode::kUnavailable);
    db_->Close();
    auto closed = db_->BackupTo(dir_.File("after-close.db"));
    ASSERT_FALSE(closed);
    EXPECT_EQ(closed.error().code, ErrorCode::kUnavailable);
}

TEST_F(SqliteDbTest, RestoreReplacesTheDatabaseWithTheBackup) {
    ASSERT_TRUE(db_->WriteSync([](Conn& conn) { return InsertItem(conn, "in-backup"); }));
    const std::string backup = dir_.File("backup.db");
    ASSERT_TRUE(db_->BackupTo(backup));
    ASSERT_TRUE(db_->WriteSync([](Conn& conn) { return InsertItem(conn, "after-backup"); }));
    db_.reset();

    auto restored = SqliteDb::Restore(backup, dir_.File("test.db"));
    ASSERT_TRUE(restored) << Describe(restored.error());
    auto db = OpenOrDie({.path = dir_.File("test.db"), .readers = 1});
    ASSERT_NE(db, nullptr);
    EXPECT_TRUE(HasItem(*db, "in-backup"));
    EXPECT_FALSE(HasItem(*db, "after-backup"));
    EXPECT_EQ(CountItems(*db), 1);

    ASSERT_TRUE(SqliteDb::Restore(backup, dir_.File("fresh.db"))) << "restoring to a new file works too";
    auto fresh = OpenOrDie({.path = dir_.File("fresh.db"), .readers = 1});
    ASSERT_NE(fresh, nullptr);
    EXPECT_TRUE(HasItem(*fresh, "in-backup"));
}

TEST_F(SqliteDbTest, RestoreRefusesMissingBrokenOrSameFiles) {
    ASSERT_TRUE(db_->WriteSync([](Conn& conn) { return InsertItem(conn, "keep"); }));
    db_.reset();
    const std::string target = dir_.File("test.db");

    auto missing = SqliteDb::Restore(dir_.File("missing.db"), target);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

    const std::string garbage = dir_.File("garbage.db");
    std::ofstream(garbage) << std::string(8192, 'x');
    auto broken = SqliteDb::Restore(garbage, target);
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().code, ErrorCode::kInvalidArgument) << Describe(broken.error());

    auto same = SqliteDb::Restore(target, target);
    ASSERT_FALSE(same);
    EXPECT_EQ(same.error().code, ErrorCode::kInvalidArgument);

    auto db = OpenOrDie({.path = target, .readers = 1});
    ASSERT_NE(db, nullptr);
    EXPECT_TRUE(HasItem(*db, "keep")) << "a refused restore leaves the database alone";
}

}  // namespace
}  // namespace webdpro::storage

namespace webdpro::storage {
namespace {

TEST_F(SqliteDbTest, HeavyReadsHoldTheirSlotsOnlyAndAFullQueueIsRefusedWithRetryAfter) {
    db_->LimitHeavyReads(1, 1);
    Gate gate;
    std::atomic<int> inside{0};
    std::atomic<int> most_inside{0};
    auto heavy_job = [&](Conn&) -> Result<int> {
        const int now = ++inside;
        most_inside = std::max(most_inside.load(), now);
        gate.Wait();
        --inside;
        return now;
    };
    boost::asio::io_context io;
    auto guard = boost::asio::make_work_guard(io);
    std::thread runner([&] { io.run(); });
    std::vector<std::optional<Result<int>>> heavy(3);
    for (auto& out : heavy) {
        boost::asio::co_spawn(
            io, [&]() -> boost::asio::awaitable<void> { out = co_await db_->ReadHeavy<int>(heavy_job); },
            boost::asio::detached);
    }
    // One runs, one waits for its slot, the third finds the queue full.
    EXPECT_TRUE(Eventually([&] { return db_->HeavyReads() == std::pair<int, std::size_t>{1, 1}; }));
    EXPECT_TRUE(Eventually([&] { return heavy[2].has_value(); }));
    ASSERT_TRUE(heavy[2].has_value());
    ASSERT_FALSE(heavy[2]->has_value());
    EXPECT_EQ(heavy[2]->error().code, ErrorCode::kUnavailable);
    EXPECT_GT(heavy[2]->error().retry_after_s, 0);
    EXPECT_FALSE(heavy[0].has_value());
    EXPECT_FALSE(heavy[1].has_value());

    // A short read still finds a connection while the heavy one holds the other.
    std::optional<Result<std::int64_t>> light;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            light = co_await db_->Read([](Conn& conn) -> Result<std::int64_t> {
                auto rows = conn.Query(kCountItems);
                if (!rows) {
                    return Fail(std::move(rows.error()));
                }
                return rows->front().Int(0);
            });
        },
        boost::asio::detached);
    EXPECT_TRUE(Eventually([&] { return light.has_value(); }));
    EXPECT_FALSE(heavy[0].has_value()) << "the heavy read is still running";

    gate.Open();
    EXPECT_TRUE(Eventually([&] { return heavy[0].has_value() && heavy[1].has_value(); }));
    guard.reset();
    runner.join();
    ASSERT_TRUE(heavy[0] && heavy[0]->has_value());
    ASSERT_TRUE(heavy[1] && heavy[1]->has_value());
    EXPECT_EQ(most_inside.load(), 1) << "never two heavy reads at once with one slot";
    EXPECT_EQ(db_->HeavyReads(), (std::pair<int, std::size_t>{0, 0}));
}

}  // namespace
}  // namespace webdpro::storage
