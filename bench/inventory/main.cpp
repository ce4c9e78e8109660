// The owner's inventory report at growing ledger sizes: one store of --products products whose
// ledger grows to each size asked for (sales of 1-3 units the way orders write them, with restocks,
// cancellations and damages, spread over the last --days days), in one SQLite file (WAL, as the
// server runs it). Prints p50/p99 of InventoryService::Report (the route's work: the daily sums,
// then the forecasts on the work pool), of its database read alone (the products and their daily
// sums: O(products x days), so it stops growing once every product sells every day), and of the
// ledger scan the report ran before the daily sums. Asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "catalog/products.hpp"
#include "core/embedded.hpp"
#include "core/ids.hpp"
#include "core/work_pool.hpp"
#include "inventory/inventory_service.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite_db.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace catalog = webdpro::catalog;
namespace storage = webdpro::storage;

struct Stats {
    double p50_ms = 0;
    double p99_ms = 0;
    double max_ms = 0;
};

Stats Summarize(std::vector<double> samples) {
    std::ranges::sort(samples);
    auto at = [&](double q) {
        return samples[std::min(samples.size() - 1, static_cast<std::size_t>(q * samples.size()))];
    };
    return {at(0.50), at(0.99), samples.back()};
}

[[noreturn]] void Die(const char* what, const webdpro::ApiError& error) {
    std::fprintf(stderr, "%s: %s %s\n", what, error.message.c_str(), error.detail.c_str());
    std::exit(1);
}

template <class T>
T Await(boost::asio::io_context& io, boost::asio::awaitable<T> work) {
    std::optional<T> out;
    boost::asio::co_spawn(io, std::move(work), [&](std::exception_ptr error, T value) {
        if (error) {
            std::rethrow_exception(error);
        }
        out.emplace(std::move(value));
    });
    io.restart();
    io.run();
    return std::move(*out);
}

// The report's two ledger scans before the daily sums (inventory_ledger_by_time): every sale and
// every stock change of the window, grouped per product and day.
constexpr std::string_view kBeforeSales = R"(
SELECT product_id, day, sum(units) AS units
FROM (
    SELECT l.product_id AS product_id, -l.delta AS units,
           (CASE WHEN l.reason = 'ORDER_RESERVED' THEN l.created_at
                 ELSE coalesce((SELECT o.created_at FROM orders o
                                WHERE o.tenant_id = l.tenant_id AND o.order_id = l.order_id), l.created_at)
            END + $4) / $5 AS day
    FROM inventory_ledger l
    WHERE l.tenant_id = $1
      AND l.product_id IN (SELECT product_id FROM products WHERE tenant_id = $1 AND store_id = $2)
      AND l.created_at >= $3
      AND l.reason IN ('ORDER_RESERVED', 'ORDER_RELEASED', 'ORDER_CANCELLED', 'RETURNED')
      AND l.order_id IS NOT NULL
) AS moves
GROUP BY product_id, day
)";
constexpr std::string_view kBeforeChanges = R"(
SELECT product_id, (created_at + $4) / $5 AS day, sum(delta) AS delta
FROM inventory_ledger
WHERE tenant_id = $1
  AND product_id IN (SELECT product_id FROM products WHERE tenant_id = $1 AND store_id = $2)
  AND created_at >= $3
GROUP BY product_id, day
)";

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Inventory report benchmark"};
    std::vector<std::size_t> sizes = {10'000, 1'000'000};
    int products = 200;
    int days = 180;
    int runs = 100;
    bool before = true;
    app.add_option("--sizes", sizes, "ledger rows the store grows to (default 10000,1000000)")->delimiter(',');
    app.add_option("--products", products, "products in the store (default 200)")->check(CLI::PositiveNumber);
    app.add_option("--days", days, "days the ledger spreads over (default 180)")->check(CLI::PositiveNumber);
    app.add_option("--runs", runs, "timed reports per size (default 100)")->check(CLI::PositiveNumber);
    app.add_flag("!--no-before", before, "skip the ledger scan the report ran before the daily sums");
    CLI11_PARSE(app, argc, argv);
    std::ranges::sort(sizes);

    const auto dir = std::filesystem::temp_directory_path() / webdpro::NewIdString("webdpro-bench-inventory");
    std::filesystem::create_directories(dir);
    {
        auto db = storage::SqliteDb::Open({.path = (dir / "bench.db").string(), .readers = 4});
        if (!db) {
            Die("open", db.error());
        }
        if (auto migrated = storage::Migrate(**db, webdpro::embedded::migrations::Files()); !migrated) {
            Die("migrate", migrated.error());
        }
        const webdpro::TenantId tenant = webdpro::TenantId::New();
        const webdpro::StoreId store = webdpro::StoreId::New();
        const webdpro::UserId owner = webdpro::UserId::New();
        const auto now = webdpro::NowUtc();
        const std::int64_t now_ms = webdpro::UnixMillis(now);
        const std::int64_t start_ms = now_ms - static_cast<std::int64_t>(days) * 86'400'000;
        std::vector<webdpro::ProductId> ids;
        auto made = (*db)->WriteSync([&](storage::Conn& conn) -> webdpro::Result<void> {
            for (auto step : {
                     conn.Exec("INSERT INTO users (user_id, phone, created_at, updated_at) "
                               "VALUES ($1, '+919000000001', 1, 1)",
                               owner),
                     conn.Exec("INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, "
                               "updated_at) VALUES ($1, $2, 'Bench', 1, 1)",
                               tenant, owner),
                     conn.Exec("INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, "
                               "created_at, updated_at) VALUES ($1, $2, 'bench', 'PUBLISHED', 'bench', 'Bench', 1, 1)",
                               tenant, store),
                 }) {
                if (!step) {
                    return webdpro::Fail(step.error());
                }
            }
            for (int i = 0; i < products; ++i) {
                ids.push_back(webdpro::ProductId::New());
                if (auto r = conn.Exec("INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, "
                                       "stock_quantity, created_at, updated_at) VALUES ($1, $2, $3, $4, 1000, "
                                       "1000000000, $5, $5)",
                                       tenant, ids.back(), store, "Product " + std::to_string(i), start_ms);
                    !r) {
                    return webdpro::Fail(r.error());
                }
            }
            return {};
        });
        if (!made) {
            Die("store", made.error());
        }
        webdpro::WorkPool pool("bench-forecast", 2, 1024);
        webdpro::inventory::InventoryService service(**db, pool);
        boost::asio::io_context io;
        std::mt19937_64 random(11);

        std::printf("inventory report, %d products, ledger over %d days (goal p99 < 50 ms, flat)\n", products, days);
        std::printf("%11s %8s %9s %9s %9s   %-19s  %s\n", "ledger rows", "seed s", "p50 ms", "p99 ms", "max ms",
                    "sums read p50 / p99", before ? "before (ledger scan only): p50 / p99 ms" : "");
        std::size_t written = 0;
        for (std::size_t size : sizes) {
            // The ledger grows in time order, as a shop's does: entry k of `size` at its share of the days.
            const auto seed_start = Clock::now();
            constexpr std::size_t kBatch = 50'000;
            const std::size_t last = sizes.back();
            while (written < size) {
                auto seeded = (*db)->WriteSync([&](storage::Conn& conn) -> webdpro::Result<void> {
                    for (std::size_t end = std::min(size, written + kBatch); written < end; ++written) {
                        const auto& product = ids[random() % ids.size()];
                        const auto at = webdpro::FromUnixMillis(
                            start_ms + static_cast<std::int64_t>(written * static_cast<double>(now_ms - start_ms) /
                                                                 static_cast<double>(last)));
                        const int kind = static_cast<int>(random() % 100);
                        catalog::Movement why{.reason = "ORDER_RESERVED", .order = webdpro::OrderId::New()};
                        std::int64_t delta = -static_cast<std::int64_t>(1 + random() % 3);
                        if (kind < 5) {
                            why = {.reason = "RESTOCK"};
                            delta = 50;
                        } else if (kind < 8) {
                            why = {.reason = "ORDER_CANCELLED",
                                   .order = webdpro::OrderId::New(),
                                   .order_placed_at = at - std::chrono::hours(30)};
                            delta = 2;
                        } else if (kind < 9) {
                            why = {.reason = "DAMAGE"};
                            delta = -1;
                        }
                        if (auto r = catalog::AppendLedgerEntry(conn, tenant, product, delta, 0, why, at); !r) {
                            return webdpro::Fail(r.error());
                        }
                    }
                    return {};
                });
                if (!seeded) {
                    Die("seed", seeded.error());
                }
            }
            const double seed_s = std::chrono::duration<double>(Clock::now() - seed_start).count();
            std::vector<double> samples;
            for (int i = 0; i < runs; ++i) {
                const auto start = Clock::now();
                auto report = Await(io, service.Report(tenant, store, now));
                samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
                if (!report) {
                    Die("report", report.error());
                }
                if (report->products.size() != static_cast<std::size_t>(products)) {
                    std::fprintf(stderr, "report: %zu products\n", report->products.size());
                    return 1;
                }
            }
            const Stats stats = Summarize(std::move(samples));
            // The database part alone: the store's products and their daily sums.
            std::vector<double> read_samples;
            for (int i = 0; i < runs; ++i) {
                const auto start = Clock::now();
                auto sales = (*db)->ReadSync([&](storage::Conn& conn) {
                    return webdpro::inventory::LoadStoreSales(conn, tenant, store, now, 91);
                });
                read_samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
                if (!sales) {
                    Die("sums", sales.error());
                }
            }
            const Stats read = Summarize(std::move(read_samples));
            std::string old;
            if (before) {
                // The window the report learns from (91 days), as it read it from the ledger.
                const std::int64_t from = now_ms - 91LL * 86'400'000;
                std::vector<double> old_samples;
                const int old_runs = size >= 500'000 ? 5 : 20;
                for (int i = 0; i < old_runs; ++i) {
                    const auto start = Clock::now();
                    auto scanned = (*db)->ReadSync([&](storage::Conn& conn) -> webdpro::Result<void> {
                        for (auto sql : {kBeforeSales, kBeforeChanges}) {
                            if (auto rows = conn.Query(sql, tenant, store, from, std::int64_t{19'800'000},
                                                       std::int64_t{86'400'000});
                                !rows) {
                                return webdpro::Fail(rows.error());
                            }
                        }
                        return {};
                    });
                    old_samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
                    if (!scanned) {
                        Die("before", scanned.error());
                    }
                }
                const Stats was = Summarize(std::move(old_samples));
                char text[64];
                std::snprintf(text, sizeof text, "%8.2f / %8.2f", was.p50_ms, was.p99_ms);
                old = text;
            }
            std::printf("%11zu %8.1f %9.2f %9.2f %9.2f   %8.2f / %8.2f  %s\n", size, seed_s, stats.p50_ms, stats.p99_ms,
                        stats.max_ms, read.p50_ms, read.p99_ms, old.c_str());
            std::fflush(stdout);
        }
        pool.Stop();
        (*db)->Close();
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return 0;
}
