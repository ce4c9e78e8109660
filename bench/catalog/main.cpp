// The owner's product list and search at growing store sizes: one store each of the sizes asked
// for, side by side in one SQLite file (WAL, as the server runs it), then p50/p99 of
// CatalogService::List for the first page, a page deep in the list, a category, and searches (a
// word one product in twenty has, two words few have, a Hindi word), each beside the query the list
// ran before its indexes (a filter-everything-then-sort plan). Asserts nothing; prints the curve.
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

#include "catalog/catalog_service.hpp"
#include "core/embedded.hpp"
#include "core/ids.hpp"
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

/// Runs one awaitable to its end on `io`, as a request handler would await it.
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

// Words of kirana product names; one in twenty products is an "आटा", one in twenty a "Basmati".
const std::vector<std::string> kWords = {
    "Aashirvaad", "Tata", "Amul", "Fortune", "Patanjali", "Organic", "Premium", "Fresh", "Desi",   "Gold",
    "आटा",        "चीनी", "दूध",   "दाल",     "चावल",      "Basmati", "Masala",  "Ghee",  "Paneer", "Namkeen"};
const std::vector<std::string> kCategories = {"Staples", "Dairy", "Snacks",    "Beverages", "Spices",
                                              "Oils",    "Rice",  "Household", "Personal",  "Fruits"};

/// A store of `count` products, as an owner's catalog grows: display order by creation.
webdpro::StoreId SeedStore(storage::Db& db, const webdpro::TenantId& tenant, const std::string& slug, std::size_t count,
                           std::mt19937& random) {
    const webdpro::StoreId store = webdpro::StoreId::New();
    auto made = db.WriteSync([&](storage::Conn& conn) -> webdpro::Result<void> {
        auto r = conn.Exec(
            "INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, created_at, "
            "updated_at) VALUES ($1, $2, $3, 'PUBLISHED', 'bench', 'Bench', 1, 1)",
            tenant, store, slug);
        if (!r) {
            return webdpro::Fail(r.error());
        }
        return {};
    });
    if (!made) {
        Die("store", made.error());
    }
    constexpr std::size_t kBatch = 20'000;
    for (std::size_t from = 0; from < count; from += kBatch) {
        auto seeded = db.WriteSync([&](storage::Conn& conn) -> webdpro::Result<void> {
            for (std::size_t i = from; i < std::min(count, from + kBatch); ++i) {
                const std::string name = kWords[i % kWords.size()] + " " +
                                         kWords[(i / kWords.size() + random() % 7) % kWords.size()] + " " +
                                         std::to_string(i);
                auto r = conn.Exec(
                    "INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, stock_quantity, "
                    "category, active, sort_order, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 10, $6, $7, "
                    "$8, $9, $9)",
                    tenant, webdpro::ProductId::New(), store, name, static_cast<std::int64_t>(1000 + i % 5000),
                    kCategories[i % kCategories.size()], static_cast<std::int64_t>(i % 50 == 0 ? 0 : 1),
                    static_cast<std::int64_t>(i), static_cast<std::int64_t>(1'700'000'000'000 + i));
                if (!r) {
                    return webdpro::Fail(r.error());
                }
            }
            return {};
        });
        if (!seeded) {
            Die("seed", seeded.error());
        }
    }
    return store;
}

// The list's query before it had its indexes (0021): every filter an OR with its "not given" form
// and the cursor too, so no index could seek and every page sorted the store's matches.
constexpr std::string_view kBeforeList = R"(
SELECT product_id, name FROM products
WHERE tenant_id = $1 AND store_id = $2
  AND ($3 = '' OR instr(lower(name), lower($3)) > 0)
  AND ($4 = '' OR category = $4)
  AND ($5 < 0 OR active = $5)
  AND ($6 = 0 OR (sort_order, created_at, product_id) > ($7, $8, $9))
ORDER BY sort_order, created_at, product_id LIMIT $10
)";

struct Probe {
    const char* label;
    catalog::ProductQuery query;
    std::string before_q;  ///< the search as the old query took it
    bool deep = false;     ///< from a cursor in the middle of the store
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Product list and search benchmark"};
    std::vector<std::size_t> sizes = {1000, 10000, 100000};
    int runs = 200;
    bool before = true;
    app.add_option("--sizes", sizes, "store sizes (default 1000,10000,100000; 1000000 takes a minute to seed)")
        ->delimiter(',');
    app.add_option("--runs", runs, "timed runs per measurement (default 200)")->check(CLI::PositiveNumber);
    app.add_flag("!--no-before", before, "skip the query the list ran before its indexes");
    CLI11_PARSE(app, argc, argv);

    const auto dir = std::filesystem::temp_directory_path() / webdpro::NewIdString("webdpro-bench-catalog");
    std::filesystem::create_directories(dir);
    int status = 0;
    {
        auto db = storage::SqliteDb::Open({.path = (dir / "bench.db").string(), .readers = 4});
        if (!db) {
            Die("open", db.error());
        }
        if (auto migrated = storage::Migrate(**db, webdpro::embedded::migrations::Files()); !migrated) {
            Die("migrate", migrated.error());
        }
        const webdpro::TenantId tenant = webdpro::TenantId::New();
        const webdpro::UserId owner = webdpro::UserId::New();
        auto made = (*db)->WriteSync([&](storage::Conn& conn) -> webdpro::Result<void> {
            if (auto r = conn.Exec("INSERT INTO users (user_id, phone, created_at, updated_at) "
                                   "VALUES ($1, '+919000000001', 1, 1)",
                                   owner);
                !r) {
                return webdpro::Fail(r.error());
            }
            if (auto r = conn.Exec("INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, "
                                   "updated_at) VALUES ($1, $2, 'Bench', 1, 1)",
                                   tenant, owner);
                !r) {
                return webdpro::Fail(r.error());
            }
            return {};
        });
        if (!made) {
            Die("tenant", made.error());
        }
        catalog::CatalogService service(**db);
        boost::asio::io_context io;
        std::mt19937 random(7);

        std::printf("product list and search, page of 50 (goal p99 < 20 ms at every size)\n");
        std::printf("%9s %9s  %-34s %9s %9s %9s %8s  %s\n", "products", "seed s", "page", "p50 ms", "p99 ms", "max ms",
                    "rows", before ? "before: p50 / p99 ms" : "");
        for (std::size_t size : sizes) {
            const auto seed_start = Clock::now();
            const webdpro::StoreId store = SeedStore(**db, tenant, "bench-" + std::to_string(size), size, random);
            const double seed_s = std::chrono::duration<double>(Clock::now() - seed_start).count();
            // A cursor in the middle of the store: the key of its middle product.
            const std::string middle = std::to_string(size / 2) + "." + std::to_string(1'700'000'000'000 + size / 2);
            auto middle_id = (*db)->ReadSync([&](storage::Conn& conn) -> webdpro::Result<std::string> {
                auto row = conn.QueryOne(
                    "SELECT product_id FROM products WHERE tenant_id = $1 AND store_id = $2 AND sort_order = $3",
                    tenant, store, static_cast<std::int64_t>(size / 2));
                if (!row || !*row) {
                    return webdpro::Fail(webdpro::ApiError::Internal("no middle product"));
                }
                return (*row)->Text("product_id");
            });
            if (!middle_id) {
                Die("middle", middle_id.error());
            }
            const std::string cursor = middle + "." + *middle_id;
            std::vector<Probe> probes = {
                {"first page", {}, ""},
                {"a page from the middle", {.cursor = cursor}, "", true},
                {"category, first page", {.category = "Spices"}, ""},
                {"category, from the middle", {.category = "Spices", .cursor = cursor}, "", true},
                {"active only, first page", {.active = true}, ""},
                {"search 'basmati' (1 in 20)", {.q = "basmati"}, "basmati"},
                {"search 'आटा' (1 in 20)", {.q = "आटा"}, "आटा"},
                {"search 'amul ghee' (1 in 400)", {.q = "amul ghee"}, ""},
                {"search '4242' (one product)", {.q = "4242"}, "4242"},
            };
            bool first_row = true;
            for (Probe& probe : probes) {
                probe.query.limit = 50;
                std::vector<double> samples;
                std::size_t rows = 0;
                const int n = size >= 500'000 ? std::max(20, runs / 4) : runs;
                for (int i = 0; i < n; ++i) {
                    const auto start = Clock::now();
                    auto page = Await(io, service.List(tenant, store, probe.query));
                    samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
                    if (!page) {
                        Die(probe.label, page.error());
                    }
                    rows = page->products.size();
                }
                const Stats stats = Summarize(std::move(samples));
                std::string old;
                const bool comparable = probe.query.q.empty() || !probe.before_q.empty();
                if (before && comparable) {
                    std::vector<double> old_samples;
                    const int old_runs = size >= 100'000 ? 10 : std::max(10, n / 4);
                    for (int i = 0; i < old_runs; ++i) {
                        const auto start = Clock::now();
                        auto got = (*db)->ReadSync([&](storage::Conn& conn) {
                            return conn.Query(
                                kBeforeList, tenant, store, probe.before_q, probe.query.category,
                                static_cast<std::int64_t>(probe.query.active ? 1 : -1),
                                static_cast<std::int64_t>(probe.deep ? 1 : 0), static_cast<std::int64_t>(size / 2),
                                static_cast<std::int64_t>(1'700'000'000'000 + size / 2), *middle_id, std::int64_t{51});
                        });
                        old_samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
                        if (!got) {
                            Die("before", got.error());
                        }
                    }
                    const Stats was = Summarize(std::move(old_samples));
                    char text[64];
                    std::snprintf(text, sizeof text, "%7.2f / %7.2f", was.p50_ms, was.p99_ms);
                    old = text;
                }
                std::printf("%9s %9s  %-34s %9.2f %9.2f %9.2f %8zu  %s\n",
                            first_row ? std::to_string(size).c_str() : "",
                            first_row ? std::to_string(seed_s).substr(0, 5).c_str() : "", probe.label, stats.p50_ms,
                            stats.p99_ms, stats.max_ms, rows, old.c_str());
                first_row = false;
            }
            std::fflush(stdout);
        }
        (*db)->Close();
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return status;
}
