// bench_engines: the same storage::Db workload on SQLite and on PostgreSQL, in one run.
//
//   insert  N threads, each committing one-row INSERT transactions one after another (durable
//           commits on both engines when the PostgreSQL server keeps fsync on; run.sh starts one
//           that does);
//   select  N threads, each reading one row by primary key per read transaction.
// Prints transactions/s and latency percentiles per engine and phase, and the ratios. Exits
// non-zero only when something fails (an error, or a row count that disagrees with the inserts
// reported committed); it never judges the timings.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/ids.hpp"
#include "storage/pg_db.hpp"
#include "storage/sqlite_db.hpp"

namespace webdpro::bench {
namespace {

using Clock = std::chrono::steady_clock;
using storage::Conn;

// The one statement that differs between the engines: the table's DDL.
constexpr std::string_view kCreateSqlite =
    "CREATE TABLE bench (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL, seq INTEGER NOT NULL, "
    "payload TEXT NOT NULL) STRICT";
constexpr std::string_view kCreatePostgres =
    "DROP TABLE IF EXISTS bench; CREATE TABLE bench (id BIGINT PRIMARY KEY, writer BIGINT NOT NULL, "
    "seq BIGINT NOT NULL, payload TEXT NOT NULL)";
constexpr std::string_view kInsert = "INSERT INTO bench (id, writer, seq, payload) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kSelect = "SELECT writer, seq, payload FROM bench WHERE id = $1";
constexpr std::string_view kCount = "SELECT count(*) AS n FROM bench";
constexpr std::size_t kPayloadBytes = 120;  // about an order row's worth of text
constexpr std::int64_t kIdsPerWriter = 1'000'000'000;

struct Options {
    double duration_s = 3.0;
    int threads = 16;
    int pool = 8;
    std::string pg_dsn;
    std::string dir;
};

struct Phase {
    std::uint64_t done = 0;
    std::uint64_t failures = 0;
    double seconds = 0;
    std::vector<double> latencies_us;

    double PerSecond() const { return seconds > 0 ? static_cast<double>(done) / seconds : 0; }
};

double Percentile(std::vector<double>& values, double p) {
    if (values.empty()) {
        return 0;
    }
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index), values.end());
    return values[index];
}

/// Runs `op(thread, i)` on `threads` threads until the duration is over.
template <class Op>
Phase Run(const Options& options, Op op) {
    const auto deadline = Clock::now() + std::chrono::duration<double>(options.duration_s);
    std::vector<Phase> per_thread(static_cast<std::size_t>(options.threads));
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (int t = 0; t < options.threads; ++t) {
        threads.emplace_back([&, t] {
            Phase& mine = per_thread[static_cast<std::size_t>(t)];
            for (std::int64_t i = 0; Clock::now() < deadline; ++i) {
                const auto begun = Clock::now();
                if (op(t, i)) {
                    ++mine.done;
                    mine.latencies_us.push_back(
                        std::chrono::duration<double, std::micro>(Clock::now() - begun).count());
                } else {
                    ++mine.failures;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    Phase total;
    total.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    for (Phase& p : per_thread) {
        total.done += p.done;
        total.failures += p.failures;
        total.latencies_us.insert(total.latencies_us.end(), p.latencies_us.begin(), p.latencies_us.end());
    }
    return total;
}

struct EngineResult {
    Phase insert;
    Phase select;
    bool ok = true;
};

EngineResult Measure(storage::Db& db, const Options& options) {
    EngineResult result;
    const std::string payload(kPayloadBytes, 'x');
    const std::string_view create = db.Engine() == "postgres" ? kCreatePostgres : kCreateSqlite;
    if (auto made = db.WriteSync([&](Conn& conn) { return conn.ExecScript(create); }); !made) {
        std::fprintf(stderr, "%s: create: %s\n", std::string(db.Engine()).c_str(), made.error().detail.c_str());
        result.ok = false;
        return result;
    }
    std::vector<std::int64_t> inserted(static_cast<std::size_t>(options.threads), 0);
    result.insert = Run(options, [&](int t, std::int64_t i) {
        auto done = db.WriteSync([&](Conn& conn) { return conn.Exec(kInsert, t * kIdsPerWriter + i, t, i, payload); });
        if (done) {
            inserted[static_cast<std::size_t>(t)] = i + 1;
        }
        return done.has_value();
    });
    auto count = db.ReadSync([](Conn& conn) { return conn.QueryOne(kCount); });
    if (!count || !count->has_value() || static_cast<std::uint64_t>((**count).Int("n")) != result.insert.done) {
        std::fprintf(stderr, "%s: row count disagrees with the inserts reported committed\n",
                     std::string(db.Engine()).c_str());
        result.ok = false;
    }
    result.select = Run(options, [&](int t, std::int64_t i) {
        thread_local std::minstd_rand random(static_cast<unsigned>(t) + 1);
        const auto writer = static_cast<std::size_t>(random() % static_cast<unsigned>(options.threads));
        const std::int64_t rows = std::max<std::int64_t>(inserted[writer], 1);
        const std::int64_t id = static_cast<std::int64_t>(writer) * kIdsPerWriter + (i * 7919) % rows;
        auto row = db.ReadSync([&](Conn& conn) { return conn.QueryOne(kSelect, id); });
        return row.has_value() && (inserted[writer] == 0 || row->has_value());
    });
    result.ok = result.ok && result.insert.failures == 0 && result.select.failures == 0;
    return result;
}

void Print(const char* engine, const char* phase, Phase& p) {
    std::printf("%-9s %-7s %10.0f tx/s  p50 %8.0f us  p99 %8.0f us  (%llu done, %llu failed, %.1f s)\n", engine, phase,
                p.PerSecond(), Percentile(p.latencies_us, 0.50), Percentile(p.latencies_us, 0.99),
                static_cast<unsigned long long>(p.done), static_cast<unsigned long long>(p.failures), p.seconds);
}

int Main(int argc, char** argv) {
    Options options;
    CLI::App app("storage::Db on SQLite and PostgreSQL: one-row inserts and point reads");
    app.add_option("--duration", options.duration_s, "seconds per phase and engine");
    app.add_option("--threads", options.threads, "client threads")->check(CLI::Range(1, 512));
    app.add_option("--pool", options.pool, "PostgreSQL connections (SQLite readers too)")->check(CLI::Range(1, 64));
    app.add_option("--pg-dsn", options.pg_dsn, "PostgreSQL connection string (empty = SQLite only)");
    app.add_option("--dir", options.dir, "folder for the SQLite file (default: a temp folder)");
    CLI11_PARSE(app, argc, argv);

    const bool own_dir = options.dir.empty();
    const std::filesystem::path dir = own_dir ? std::filesystem::temp_directory_path() / NewIdString("bench-engines")
                                              : std::filesystem::path(options.dir);
    std::filesystem::create_directories(dir);
    std::printf("threads %d, pool %d, %.1f s per phase\n", options.threads, options.pool, options.duration_s);

    bool ok = true;
    EngineResult sqlite_result;
    {
        auto db = storage::SqliteDb::Open({.path = (dir / "bench.db").string(), .readers = options.pool});
        if (!db) {
            std::fprintf(stderr, "sqlite: %s\n", db.error().detail.c_str());
            return 1;
        }
        sqlite_result = Measure(**db, options);
        ok = ok && sqlite_result.ok;
        Print("sqlite", "insert", sqlite_result.insert);
        Print("sqlite", "select", sqlite_result.select);
    }
    if (own_dir) {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    if (options.pg_dsn.empty()) {
        std::printf("postgres: skipped (no --pg-dsn)\n");
        return ok ? 0 : 1;
    }
    auto db = storage::PgDb::Open({.conninfo = options.pg_dsn, .pool_size = options.pool});
    if (!db) {
        std::fprintf(stderr, "postgres: %s\n", db.error().detail.c_str());
        return 1;
    }
    EngineResult pg_result = Measure(**db, options);
    ok = ok && pg_result.ok;
    Print("postgres", "insert", pg_result.insert);
    Print("postgres", "select", pg_result.select);
    const auto ratio = [](const Phase& a, const Phase& b) {
        return b.PerSecond() > 0 ? a.PerSecond() / b.PerSecond() : 0;
    };
    std::printf("postgres/sqlite: insert %.2f, select %.2f\n", ratio(pg_result.insert, sqlite_result.insert),
                ratio(pg_result.select, sqlite_result.select));
    return ok ? 0 : 1;
}

}  // namespace
}  // namespace webdpro::bench

int main(int argc, char** argv) {
    return webdpro::bench::Main(argc, argv);
}
