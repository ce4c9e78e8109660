// bench_db_writes: durable single-row INSERT transactions per second.
//
// In one run, for the same duration and on the same disk:
//   raw     one SQLite connection, `BEGIN; INSERT; COMMIT;` one at a time (WAL, synchronous=FULL);
//   webdpro N coroutines on an io_context, each awaiting SqliteDb::Write for one INSERT at a time
//           (WAL, synchronous=FULL, group commit).
// Prints transactions/s for both, latency percentiles, and the ratio. Exits non-zero only when
// something fails (a write errors, or the row count disagrees with the writes reported committed);
// it never judges the timings.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <sqlite3.h>
#include <CLI/CLI.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "core/ids.hpp"
#include "storage/sqlite_db.hpp"

namespace webdpro::bench {
namespace {

using Clock = std::chrono::steady_clock;
using storage::Conn;

constexpr std::string_view kCreateTable =
    "CREATE TABLE bench (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL, seq INTEGER NOT NULL, "
    "payload TEXT NOT NULL)";
constexpr std::string_view kInsert = "INSERT INTO bench (writer, seq, payload) VALUES ($1, $2, $3)";
constexpr const char* kRawInsert = "INSERT INTO bench (writer, seq, payload) VALUES (?1, ?2, ?3)";
constexpr std::string_view kCount = "SELECT count(*) FROM bench";
constexpr std::size_t kPayloadBytes = 120;  // about an order row's worth of text

struct Options {
    double duration_s = 5.0;
    int writers = 64;
    int io_threads = 2;
    int max_batch = 512;
    std::string dir;
};

struct Outcome {
    std::uint64_t transactions = 0;
    std::uint64_t failures = 0;
    double seconds = 0;
    std::vector<double> latencies_us;
    storage::DbStats stats;

    double PerSecond() const { return seconds > 0 ? static_cast<double>(transactions) / seconds : 0; }
};

double MicrosSince(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

/// The p-th percentile (0..1) of `values` (reorders them).
double Percentile(std::vector<double>& values, double p) {
    if (values.empty()) {
        return 0;
    }
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index), values.end());
    return values[index];
}

bool Check(int rc, sqlite3* db, const char* what) {
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) {
        return true;
    }
    std::fprintf(stderr, "raw sqlite: %s: %s\n", what, sqlite3_errmsg(db));
    return false;
}

/// One connection, one durable transaction at a time: what an application without group commit gets.
bool RunRaw(const Options& options, const std::string& path, Outcome& out) {
    sqlite3* db = nullptr;
    if (!Check(sqlite3_open(path.c_str(), &db), db, "open")) {
        sqlite3_close(db);
        return false;
    }
    const std::string create = std::string(kCreateTable);
    bool ok = Check(sqlite3_exec(db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr), db, "wal") &&
              Check(sqlite3_exec(db, "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr), db, "synchronous") &&
              Check(sqlite3_exec(db, create.c_str(), nullptr, nullptr, nullptr), db, "create");
    sqlite3_stmt* insert = nullptr;
    ok = ok && Check(sqlite3_prepare_v2(db, kRawInsert, -1, &insert, nullptr), db, "prepare");
    const std::string payload(kPayloadBytes, 'x');
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration<double>(options.duration_s);
    for (std::int64_t seq = 0; ok && Clock::now() < deadline; ++seq) {
        const auto began = Clock::now();
        ok = Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin") &&
             Check(sqlite3_bind_int64(insert, 1, 0), db, "bind") &&
             Check(sqlite3_bind_int64(insert, 2, seq), db, "bind") &&
             Check(sqlite3_bind_text(insert, 3, payload.data(), static_cast<int>(payload.size()), SQLITE_STATIC), db,
                   "bind") &&
             Check(sqlite3_step(insert), db, "insert") && Check(sqlite3_reset(insert), db, "reset") &&
             Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
        if (ok) {
            ++out.transactions;
            out.latencies_us.push_back(MicrosSince(began));
        }
    }
    out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return ok;
}

/// N coroutines, each awaiting one durable single-row Write after another.
bool RunOurs(const Options& options, const std::string& path, Outcome& out) {
    auto opened =
        storage::SqliteDb::Open({.path = path, .readers = 1, .busy_timeout_ms = 5000, .max_batch = options.max_batch});
    if (!opened) {
        std::fprintf(stderr, "webdpro: open: %s (%s)\n", opened.error().message.c_str(), opened.error().detail.c_str());
        return false;
    }
    storage::SqliteDb& db = **opened;
    if (auto made = db.WriteSync([](Conn& conn) { return conn.Exec(kCreateTable); }); !made) {
        std::fprintf(stderr, "webdpro: create: %s\n", made.error().detail.c_str());
        return false;
    }
    const storage::DbStats before = db.Stats();

    boost::asio::io_context io(options.io_threads);
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(options.writers));
    std::atomic<std::uint64_t> committed{0};
    std::atomic<std::uint64_t> failed{0};
    const std::string payload(kPayloadBytes, 'x');
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration<double>(options.duration_s);
    for (int w = 0; w < options.writers; ++w) {
        boost::asio::co_spawn(
            io,
            [&, w]() -> boost::asio::awaitable<void> {
                auto& mine = latencies[static_cast<std::size_t>(w)];
                for (std::int64_t seq = 0; Clock::now() < deadline; ++seq) {
                    const auto began = Clock::now();
                    auto written = co_await db.Write([&](Conn& conn) { return conn.Exec(kInsert, w, seq, payload); });
                    if (!written || *written != 1) {
                        if (failed++ == 0) {
                            std::fprintf(stderr, "webdpro: write failed: %s\n",
                                         written ? "no row inserted" : written.error().detail.c_str());
                        }
                        continue;
                    }
                    mine.push_back(MicrosSince(began));
                    ++committed;
                }
            },
            boost::asio::detached);
    }
    std::vector<std::thread> threads;
    for (int i = 0; i < options.io_threads; ++i) {
        threads.emplace_back([&io] { io.run(); });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    out.transactions = committed.load();
    out.failures = failed.load();
    for (auto& mine : latencies) {
        out.latencies_us.insert(out.latencies_us.end(), mine.begin(), mine.end());
    }
    out.stats = db.Stats();
    out.stats.commits -= before.commits;
    out.stats.batch_size_sum -= before.batch_size_sum;

    // Every write reported committed must be there.
    auto rows = db.ReadSync([](Conn& conn) -> Result<std::int64_t> {
        auto counted = conn.QueryOne(kCount);
        if (!counted) {
            return Fail(std::move(counted.error()));
        }
        return (*counted)->Int(0);
    });
    if (!rows || static_cast<std::uint64_t>(*rows) != out.transactions) {
        std::fprintf(stderr, "webdpro: %llu writes reported committed but the table holds %lld rows\n",
                     static_cast<unsigned long long>(out.transactions), rows ? static_cast<long long>(*rows) : -1LL);
        return false;
    }
    return out.failures == 0;
}

void PrintLine(const char* name, Outcome& outcome) {
    const double p50 = Percentile(outcome.latencies_us, 0.50) / 1000.0;
    const double p99 = Percentile(outcome.latencies_us, 0.99) / 1000.0;
    std::printf("%-8s %10.0f tx/s  %9llu tx in %5.2f s  latency p50 %7.3f ms  p99 %7.3f ms\n", name,
                outcome.PerSecond(), static_cast<unsigned long long>(outcome.transactions), outcome.seconds, p50, p99);
}

int Run(const Options& options) {
    std::filesystem::path dir = options.dir;
    const bool own_dir = dir.empty();
    if (own_dir) {
        dir = std::filesystem::temp_directory_path() / NewIdString("bench-db-writes");
    }
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    const std::string raw_path = (dir / "raw.db").string();
    const std::string ours_path = (dir / "webdpro.db").string();
    for (const auto& path : {raw_path, ours_path}) {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(path + suffix, error);
        }
    }

    std::printf("db_writes: %d writers on %d io threads, %.1f s per engine, max_batch %d, dir %s\n", options.writers,
                options.io_threads, options.duration_s, options.max_batch, dir.c_str());
    std::printf("           durable single-row INSERT transactions, WAL, synchronous=FULL, SQLite %s\n",
                sqlite3_libversion());
    Outcome raw;
    Outcome ours;
    const bool raw_ok = RunRaw(options, raw_path, raw);
    const bool ours_ok = raw_ok && RunOurs(options, ours_path, ours);
    if (raw_ok) {
        PrintLine("raw", raw);
    }
    if (ours_ok) {
        PrintLine("webdpro", ours);
        const double mean_batch = ours.stats.commits > 0 ? static_cast<double>(ours.stats.batch_size_sum) /
                                                               static_cast<double>(ours.stats.commits)
                                                         : 0;
        std::printf("webdpro  %llu commits (fsyncs), mean batch %.1f, largest batch %llu\n",
                    static_cast<unsigned long long>(ours.stats.commits), mean_batch,
                    static_cast<unsigned long long>(ours.stats.max_batch_size));
        const double ratio = raw.PerSecond() > 0 ? ours.PerSecond() / raw.PerSecond() : 0;
        std::printf("ratio    %.1fx raw SQLite (goal >= 5x)\n", ratio);
    }
    if (own_dir) {
        std::filesystem::remove_all(dir, error);
    }
    return raw_ok && ours_ok ? 0 : 1;
}

}  // namespace
}  // namespace webdpro::bench

int main(int argc, char** argv) {
    webdpro::bench::Options options;
    CLI::App app("Durable write transactions per second: webdpro's SqliteDb (group commit) against raw SQLite.");
    app.add_option("--duration", options.duration_s, "seconds per engine")->check(CLI::Range(0.1, 3600.0));
    app.add_option("--writers", options.writers, "concurrent writer coroutines")->check(CLI::Range(1, 100000));
    app.add_option("--io-threads", options.io_threads, "threads running the io_context")->check(CLI::Range(1, 256));
    app.add_option("--max-batch", options.max_batch, "most transactions per commit")->check(CLI::Range(1, 1000000));
    app.add_option("--dir", options.dir, "folder for the database files (default: a fresh temp folder, removed)");
    CLI11_PARSE(app, argc, argv);
    return webdpro::bench::Run(options);
}
