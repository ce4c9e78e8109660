#include "storage/pg_db.hpp"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "storage/detail/pg_conn.hpp"
#include "storage/pg_test_util.hpp"

namespace webdpro::storage {
namespace {

using std::chrono::steady_clock;
using testing::PgTestDatabase;

Result<void> Script(Db& db, std::string_view sql) {
    return db.WriteSync([&](Conn& conn) { return conn.ExecScript(sql); });
}

TEST(PgDb, MapsValuesLikeSqlite) {
    PgTestDatabase database;
    WEBDPRO_REQUIRE_PG(database);
    auto db = database.Open({.conninfo = {}, .pool_size = 2});
    ASSERT_TRUE(Script(*db,
                       "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, price DOUBLE PRECISION, "
                       "data BYTEA, flag BOOLEAN, small INTEGER)"));
    const Blob bytes = {0x00, 0xff, 0x10, 0x7f};
    auto inserted = db->WriteSync([&](Conn& conn) -> Result<std::int64_t> {
        auto one = conn.Exec("INSERT INTO t VALUES ($1, $2, $3, $4, true, $5)", 1, "nāma", 2.5, bytes, 7);
        if (!one) {
            return one;
        }
        auto two = conn.Exec("INSERT INTO t (id, name, data) VALUES ($1, $2, $3)", std::int64_t{1} << 40, std::nullopt,
                             Blob{});
        if (!two) {
            return two;
        }
        return *one + *two;
    });
    ASSERT_TRUE(inserted) << inserted.error().detail;
    EXPECT_EQ(*inserted, 2);

    auto rows = db->ReadSync(
        [](Conn& conn) { return conn.Query("SELECT id, name, price, data, flag, small FROM t ORDER BY id"); });
    ASSERT_TRUE(rows) << rows.error().detail;
    ASSERT_EQ(rows->size(), 2U);
    const Row& first = (*rows)[0];
    EXPECT_EQ(first.Int("id"), 1);
    EXPECT_EQ(first.Text("name"), "nāma");
    EXPECT_DOUBLE_EQ(first.Real("price"), 2.5);
    EXPECT_EQ(first.BlobAt("data"), bytes);
    EXPECT_TRUE(first.Bool("flag"));
    EXPECT_EQ(first.Int("small"), 7);
    const Row& second = (*rows)[1];
    EXPECT_EQ(second.Int("id"), std::int64_t{1} << 40);
    EXPECT_TRUE(second.IsNull("name"));
    EXPECT_TRUE(second.IsNull("price"));
    EXPECT_EQ(second.BlobAt("data"), Blob{});  // empty, not NULL
    EXPECT_TRUE(second.IsNull("flag"));

    // Aggregates read as SQLite's do: sum() of bigints is a whole number, avg() a real.
    auto totals = db->ReadSync([](Conn& conn) {
        return conn.QueryOne("SELECT count(*) AS n, sum(id) AS total, avg(small) AS mean, $1 + 1 AS next FROM t",
                             std::int64_t{1} << 40);
    });
    ASSERT_TRUE(totals) << totals.error().detail;
    ASSERT_TRUE(totals->has_value());
    EXPECT_EQ((*totals)->Int("n"), 2);
    EXPECT_EQ((*totals)->Int("total"), (std::int64_t{1} << 40) + 1);
    EXPECT_DOUBLE_EQ((*totals)->Real("mean"), 7.0);
    EXPECT_EQ((*totals)->Int("next"), (std::int64_t{1} << 40) + 1);
}

TEST(PgDb, TranslatesConstraintErrors) {
    PgTestDatabase database;
    WEBDPRO_REQUIRE_PG(database);
    auto db = database.Open({.conninfo = {}, .pool_size = 1});
    ASSERT_TRUE(Script(*db, R"sql(
        CREATE TABLE parent (id TEXT PRIMARY KEY);
        CREATE TABLE child (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES parent (id),
                            qty BIGINT NOT NULL CHECK (qty >= 0));
        INSERT INTO parent VALUES ('p1');
        INSERT INTO child VALUES ('c1', 'p1', 1);
    )sql"));
    const auto write = [&](std::string_view sql, auto... args) {
        return db->WriteSync([&](Conn& conn) { return conn.Exec(sql, args...); });
    };
    EXPECT_EQ(write("INSERT INTO child VALUES ($1, $2, $3)", "c1", "p1", 1).error().code, ErrorCode::kConflict);
    EXPECT_EQ(write("INSERT INTO child VALUES ($1, $2, $3)", "c2", "nope", 1).error().code, ErrorCode::kConflict);
    EXPECT_EQ(write("INSERT INTO child VALUES ($1, $2, $3)", "c3", "p1", -1).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(write("INSERT INTO child VALUES ($1, $2, $3)", "c4", "p1", nullptr).error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(write("DELETE FROM parent WHERE id = $1", "p1").error().code, ErrorCode::kConflict);
    auto unique = write("INSERT INTO child VALUES ($1, $2, $3)", "c1", "p1", 1);
    EXPECT_EQ(unique.error().message, "It already exists.");
    EXPECT_NE(unique.error().detail.find("23505"), std::string::npos) << unique.error().detail;

    // Bugs in the caller are internal errors.
    EXPECT_EQ(write("INSERT INTO nowhere VALUES ($1)", 1).error().code, ErrorCode::kInternal);
    EXPECT_EQ(write("COMMIT").error().code, ErrorCode::kInternal);
    EXPECT_EQ(write("SELECT $1, $2", 1).error().code, ErrorCode::kInternal);
    EXPECT_EQ(write("SELECT $2", 1).error().code, ErrorCode::kInternal);
    EXPECT_EQ(write("SELECT 1; SELECT 2").error().code, ErrorCode::kInternal);
    auto two_rows = db->ReadSync([](Conn& conn) { return conn.QueryOne("SELECT id FROM child UNION SELECT 'x'"); });
    EXPECT_EQ(two_rows.error().code, ErrorCode::kInternal);
    auto begin = db->WriteSync([](Conn& conn) { return conn.ExecScript("BEGIN; SELECT 1"); });
    EXPECT_EQ(begin.error().code, ErrorCode::kInternal);

    // Nothing of the failed writes was kept.
    auto count = db->ReadSync([](Conn& conn) { return conn.QueryOne("SELECT count(*) AS n FROM child"); });
    ASSERT_TRUE(count);
    EXPECT_EQ((**count).Int("n"), 1);
}

TEST(PgDb, FailedFunctionKeepsNothingAndReadsAreReadOnly) {
    PgTestDatabase database;
    WEBDPRO_REQUIRE_PG(database);
    auto db = database.Open({.conninfo = {}, .pool_size = 2});
    ASSERT_TRUE(Script(*db, "CREATE TABLE t (id BIGINT PRIMARY KEY)"));
    auto failed = db->WriteSync([](Conn& conn) -> Result<void> {
        if (auto ran = conn.Exec("INSERT INTO t VALUES ($1)", 1); !ran) {
            return Fail(ran.error());
        }
        return Fail(ApiError(ErrorCode::kUnprocessable, "changed my mind"));
    });
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::kUnprocessable);
    auto thrown = db->WriteSync([](Conn& conn) -> Result<void> {
        (void)conn.Exec("INSERT INTO t VALUES ($1)", 2);
        throw std::runtime_error("boom");
    });
    EXPECT_EQ(thrown.error().code, ErrorCode::kInternal);
    auto write_in_read = db->ReadSync([](Conn& conn) { return conn.Exec("INSERT INTO t VALUES ($1)", 3); });
    EXPECT_FALSE(write_in_read);
    auto exists = db->ReadSync([](Conn& conn) { return conn.TableExists("t"); });
    ASSERT_TRUE(exists);
    EXPECT_TRUE(*exists);
    auto missing = db->ReadSync([](Conn& conn) { return conn.TableExists("nope"); });
    ASSERT_TRUE(missing);
    EXPECT_FALSE(*missing);
    auto count = db->ReadSync([](Conn& conn) { return conn.QueryOne("SELECT count(*) AS n FROM t"); });
    ASSERT_TRUE(count);
    EXPECT_EQ((**count).Int("n"), 0);
    // A transaction started from inside a transaction function would deadlock: refused.
    auto nested = db->WriteSync([&](Conn&) -> Result<int> {
        auto inner = db->ReadSync([](Conn&) -> Result<int> { return 1; });
        if (!inner) {
            return Fail(inner.error());
        }
        return 2;
    });
    EXPECT_EQ(nested.error().code, ErrorCode::kInternal);
    db->Close();
    auto closed = db->ReadSync([](Conn&) -> Result<int> { return 1; });
    EXPECT_EQ(closed.error().code, ErrorCode::kUnavailable);
}

TEST(PgDb, ScriptsKeepDollarQuotedBodiesWhole) {
    PgTestDatabase database;
    WEBDPRO_REQUIRE_PG(database);
    auto db = database.Open({.conninfo = {}, .pool_size = 1});
    ASSERT_TRUE(Script(*db, R"sql(
        CREATE FUNCTION twice(x BIGINT) RETURNS BIGINT LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
            RETURN x * 2; -- a ; inside the body
        END;
        $$;
        CREATE TABLE t (v BIGINT CHECK (v = twice(v / 2)));
    )sql"));
    auto value = db->ReadSync([](Conn& conn) { return conn.QueryOne("SELECT twice($1) AS v", 21); });
    ASSERT_TRUE(value) << value.error().detail;
    EXPECT_EQ((**value).Int("v"), 42);
}

TEST(PgDb, RunsConcurrentWritesAsIfOneAfterAnother) {
    PgTestDatabase database;
    WEBDPRO_REQUIRE_PG(database);
    auto db = database.Open({.conninfo = {}, .pool_size = 4, .max_attempts = 50});
    ASSERT_TRUE(Script(*db,
                       "CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL); "
                       "INSERT INTO counter VALUES (1, 0)"));
    constexpr int kThreads = 6;
    constexpr int kPerThread = 25;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kPerThread; ++i) {
                // Read, then write what was read plus one: lost updates would show in the total.
                auto done = db->WriteSync([](Conn& conn) -> Result<void> {
                    auto row = conn.QueryOne("SELECT n FROM counter WHERE id = 1");
                    if (!row) {
                        return Fail(row.error());
                    }
                    auto set = conn.Exec("UPDATE counter SET n = $1 WHERE id = 1", (**row).Int("n") + 1);
                    if (!set) {
                        return Fail(set.error());
                    }
                    return {};
                });
                if (!done) {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    auto total = db->ReadSync([](Conn& conn) { return conn.QueryOne("SELECT n FROM counter WHERE id = 1"); });
    ASSERT_TRUE(total);
    EXPECT_EQ((**total).Int("n"), kThreads * kPerThread);
    const DbStats stats = db->Stats();
    EXPECT_EQ(stats.writes_committed, static_cast<std::uint64_t>(kThreads * kPerThread) + 1);
    EXPECT_GT(db->retries(), 0U) << "six writers on one row never conflicted";

    // Reads run side by side on the pool's connections.
    const auto start = steady_clock::now();
    std::vector<std::thread> readers;
    for (int i = 0; i < 4; ++i) {
        readers.emplace_back(
            [&] { (void)db->ReadSync([](Conn& conn) { return conn.Query("SELECT pg_sleep(0.3)"); }); });
    }
    for (auto& reader : readers) {
        reader.join();
    }
    EXPECT_LT(steady_clock::now() - start, std::chrono::milliseconds(1000));
}

TEST(PgDb, RunsATransactionAgainAfterASerializationFailure) {
    PgTestDatabase database;
    WEBDPRO_REQUIRE_PG(database);
    auto db = database.Open({.conninfo = {}, .pool_size = 1});
    ASSERT_TRUE(Script(*db, "CREATE TABLE t (id BIGINT PRIMARY KEY, n BIGINT NOT NULL); INSERT INTO t VALUES (1, 0)"));
    int runs = 0;
    auto done = db->WriteSync([&](Conn& conn) -> Result<std::int64_t> {
        ++runs;
        auto row = conn.QueryOne("SELECT n FROM t WHERE id = 1");
        if (!row) {
            return Fail(row.error());
        }
        if (runs == 1) {
            // Another client changes the row after this transaction's snapshot was taken.
            testing::PgAdmin(database.dsn(), "UPDATE t SET n = 100 WHERE id = 1");
        }
        auto set = conn.Exec("UPDATE t SET n = $1 WHERE id = 1", (**row).Int("n") + 1);
        if (!set) {
            return Fail(set.error());
        }
        return (**row).Int("n") + 1;
    });
    ASSERT_TRUE(done) << done.error().detail;
    EXPECT_EQ(runs, 2);
    EXPECT_EQ(*done, 101);
    EXPECT_EQ(db->retries(), 1U);

    // When it keeps failing, the caller gets kUnavailable after max_attempts runs.
    auto once = database.Open({.conninfo = {}, .pool_size = 1, .max_attempts = 2});
    runs = 0;
    auto given_up = once->WriteSync([&](Conn& conn) -> Result<void> {
        ++runs;
        auto row = conn.QueryOne("SELECT n FROM t WHERE id = 1");
        testing::PgAdmin(database.dsn(), "UPDATE t SET n = n + 1 WHERE id = 1");
        auto set = conn.Exec("UPDATE t SET n = 0 WHERE id = 1");
        if (!set) {
            return Fail(set.error());
        }
        return {};
    });
    ASSERT_FALSE(given_up);
    EXPECT_EQ(given_up.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(runs, 2);
}

TEST(PgDb, StatementTimeoutEndsALongStatement) {
    PgTestDatabase database;
    WEBDPRO_REQUIRE_PG(database);
    auto db = database.Open({.conninfo = {}, .pool_size = 1, .statement_timeout_ms = 200});
    const auto start = steady_clock::now();
    auto slow = db->ReadSync([](Conn& conn) { return conn.Query("SELECT pg_sleep(5)"); });
    ASSERT_FALSE(slow);
    EXPECT_EQ(slow.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(slow.error().detail.find("57014"), std::string::npos) << slow.error().detail;
    EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(3));
    // The connection is still good.
    auto next = db->ReadSync([](Conn& conn) { return conn.Query("SELECT 1 AS one"); });
    EXPECT_TRUE(next);
}

TEST(PgDb, CompletesAwaitingCoroutinesOnTheirOwnExecutor) {
    PgTestDatabase database;
    WEBDPRO_REQUIRE_PG(database);
    auto db = database.Open({.conninfo = {}, .pool_size = 2});
    boost::asio::io_context io;
    std::optional<Result<std::int64_t>> got;
    std::thread::id resumed_on;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            got = co_await db->Read([](Conn& conn) -> Result<std::int64_t> {
                auto row = conn.QueryOne("SELECT 41 + 1 AS answer");
                if (!row) {
                    return Fail(row.error());
                }
                return (**row).Int("answer");
            });
            resumed_on = std::this_thread::get_id();
            auto ping = co_await db->Ping();
            EXPECT_TRUE(ping);
        },
        boost::asio::detached);
    io.run();
    ASSERT_TRUE(got.has_value());
    ASSERT_TRUE(*got);
    EXPECT_EQ(**got, 42);
    EXPECT_EQ(resumed_on, std::this_thread::get_id());
}

TEST(PgDb, ReportsALostServerAndReconnectsWhenItIsBack) {
    PgTestDatabase database;
    WEBDPRO_REQUIRE_PG(database);
    if (database.cluster().state_dir.empty()) {
        GTEST_SKIP() << "the cluster in WEBDPRO_TEST_PG_DSN is not ours to restart";
    }
    auto db = database.Open({.conninfo = {}, .pool_size = 2, .connect_timeout_s = 2});
    ASSERT_TRUE(Script(*db, "CREATE TABLE t (id BIGINT PRIMARY KEY); INSERT INTO t VALUES (1)"));
    const auto count = [&] {
        return db->ReadSync([](Conn& conn) { return conn.QueryOne("SELECT count(*) AS n FROM t"); });
    };
    ASSERT_TRUE(count());

    // A restart between two transactions is not seen by the caller.
    ASSERT_TRUE(database.cluster().Control("restart"));
    auto after_restart = count();
    ASSERT_TRUE(after_restart) << after_restart.error().detail;
    EXPECT_EQ((**after_restart).Int("n"), 1);

    // While the server is down, transactions fail fast with kUnavailable (readiness sees it).
    ASSERT_TRUE(database.cluster().Control("down"));
    const auto start = steady_clock::now();
    auto down = count();
    ASSERT_FALSE(down);
    EXPECT_EQ(down.error().code, ErrorCode::kUnavailable);
    auto write_down = db->WriteSync([](Conn& conn) { return conn.Exec("INSERT INTO t VALUES (2)"); });
    EXPECT_EQ(write_down.error().code, ErrorCode::kUnavailable);
    EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(3));

    ASSERT_TRUE(database.cluster().Control("up"));
    std::this_thread::sleep_for(PgDb::kReconnectPause);
    auto back = db->WriteSync([](Conn& conn) { return conn.Exec("INSERT INTO t VALUES (2)"); });
    ASSERT_TRUE(back) << back.error().detail;
    auto recount = count();
    ASSERT_TRUE(recount) << recount.error().detail;
    EXPECT_EQ((**recount).Int("n"), 2);
    EXPECT_GE(db->reconnects(), 1U);
}

TEST(PgDb, RefusesBadOptionsAndAnUnreachableServer) {
    EXPECT_EQ(PgDb::Open({.conninfo = ""}).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(PgDb::Open({.conninfo = "host=127.0.0.1", .pool_size = 0}).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(PgDb::Open({.conninfo = "host=127.0.0.1", .max_attempts = 0}).error().code, ErrorCode::kInvalidArgument);
    // Port 1 on loopback: nothing listens there.
    auto unreachable = PgDb::Open({.conninfo = "host=127.0.0.1 port=1 user=x password=hunter2 dbname=x"});
    ASSERT_FALSE(unreachable);
    EXPECT_EQ(unreachable.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(unreachable.error().detail.find("hunter2"), std::string::npos) << unreachable.error().detail;
}

TEST(PgConn, TranslatesStates) {
    EXPECT_EQ(detail::PgError("23505", "dup", "").code, ErrorCode::kConflict);
    EXPECT_EQ(detail::PgError("23503", "fk", "").code, ErrorCode::kConflict);
    EXPECT_EQ(detail::PgError("23514", "check", "").code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(detail::PgError("23502", "null", "").code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(detail::PgError("40001", "serialize", "").code, ErrorCode::kUnavailable);
    EXPECT_EQ(detail::PgError("40P01", "deadlock", "").code, ErrorCode::kUnavailable);
    EXPECT_EQ(detail::PgError("57014", "timeout", "").code, ErrorCode::kUnavailable);
    EXPECT_EQ(detail::PgError("", "lost", "").code, ErrorCode::kUnavailable);
    EXPECT_EQ(detail::PgError("42601", "syntax", "").code, ErrorCode::kInternal);
    EXPECT_TRUE(detail::IsRetryableState("40001"));
    EXPECT_FALSE(detail::IsRetryableState("23505"));
    EXPECT_EQ(detail::DecodeByteaHex("\\x00ff"), (Blob{0x00, 0xff}));
    EXPECT_EQ(detail::DecodeByteaHex("\\x"), Blob{});
    EXPECT_FALSE(detail::DecodeByteaHex("\\x0g").has_value());
}

}  // namespace
}  // namespace webdpro::storage
