// Demand forecast backtest: synthetic daily sales of a kirana shop's products (steady sellers,
// trending, weekend-peaked, intermittent slow movers, promotion spikes), a rolling-origin evaluation
// over the last weeks, and the error of the shop's forecaster (src/inventory/forecast) against the
// naive forecast (last day) and the seasonal naive forecast (same weekday last week). Then stock-outs:
// weekly sellers whose shelf runs empty now and then (nothing sells while it is, though customers
// still ask), forecast from what sold with and without the stock-out days censored, scored against
// the true demand. Then the time to forecast one product and to build the inventory report of a whole
// store. Prints figures; asserts nothing (it fails only on bad arguments).
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "catalog/products.hpp"
#include "core/embedded.hpp"
#include "core/ids.hpp"
#include "inventory/forecast.hpp"
#include "inventory/inventory_service.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite_db.hpp"

namespace {

namespace inventory = webdpro::inventory;
using Clock = std::chrono::steady_clock;

enum class Pattern : std::uint8_t { kSteady, kTrending, kWeekly, kIntermittent, kPromotions };
constexpr std::array kPatterns = {Pattern::kSteady, Pattern::kTrending, Pattern::kWeekly, Pattern::kIntermittent,
                                  Pattern::kPromotions};

const char* PatternName(Pattern p) {
    switch (p) {
        case Pattern::kSteady:
            return "steady";
        case Pattern::kTrending:
            return "trending";
        case Pattern::kWeekly:
            return "weekly";
        case Pattern::kIntermittent:
            return "intermittent";
        case Pattern::kPromotions:
            return "promotions";
    }
    return "?";
}

/// Day 0 is a Monday; Saturday and Sunday sell most, as in a neighbourhood shop.
constexpr std::array<double, 7> kWeekendPeak = {0.85, 0.8, 0.9, 0.9, 1.1, 1.6, 1.85};

std::vector<double> Generate(Pattern pattern, int days, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> uniform(0, 1);
    auto poisson = [&](double mean) {
        return static_cast<double>(std::poisson_distribution<int>(std::max(mean, 1e-9))(rng));
    };
    std::vector<double> y;
    y.reserve(static_cast<std::size_t>(days));
    const double base = 3 + 27 * uniform(rng);  // 3..30 units a day
    // Trends between −40% and +120% over the history, never below a unit a day.
    const double growth = -0.4 + 1.6 * uniform(rng);
    const double p_sale = 0.08 + 0.25 * uniform(rng);  // slow movers: a sale every 3..12 days
    const double seasonal_strength = 0.6 + 0.6 * uniform(rng);
    for (int t = 0; t < days; ++t) {
        const double weekday = kWeekendPeak[static_cast<std::size_t>(t % 7)];
        switch (pattern) {
            case Pattern::kSteady:
                y.push_back(poisson(base));
                break;
            case Pattern::kTrending:
                y.push_back(poisson(std::max(1.0, base * (1 + growth * t / days))));
                break;
            case Pattern::kWeekly:
                y.push_back(poisson(base * (1 + seasonal_strength * (weekday - 1))));
                break;
            case Pattern::kIntermittent:
                y.push_back(uniform(rng) < p_sale ? 1 + poisson(1.5) : 0);
                break;
            case Pattern::kPromotions: {
                // A weekly seller with a festival or offer day now and then (3-6x demand).
                const double promo = uniform(rng) < 0.03 ? 3 + 3 * uniform(rng) : 1;
                y.push_back(poisson(base * weekday * promo));
                break;
            }
        }
    }
    return y;
}

/// A weekly seller's true demand and what it sold: on stock-out days (`censored`) nothing.
struct StockedOutSeller {
    std::vector<double> demand;
    std::vector<double> sold;
    std::vector<std::uint8_t> censored;
};

/// About one stock-out every 3-4 weeks, each 2-8 days long, as when a kirana waits for the
/// wholesaler's next round; then the shelf is full again.
StockedOutSeller GenerateStockOuts(int days, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> uniform(0, 1);
    StockedOutSeller out;
    out.demand = Generate(Pattern::kWeekly, days, rng);
    out.sold = out.demand;
    out.censored.assign(static_cast<std::size_t>(days), 0);
    for (int t = 0; t < days; ++t) {
        if (uniform(rng) < 0.04) {
            const int length = 2 + static_cast<int>(rng() % 7);
            for (int d = t; d < std::min(days, t + length); ++d) {
                out.sold[static_cast<std::size_t>(d)] = 0;
                out.censored[static_cast<std::size_t>(d)] = 1;
            }
            t += length;
        }
    }
    return out;
}

/// Errors of one method, summed over many forecasts.
struct Errors {
    double abs_sum = 0;
    long n = 0;
    double ape_sum = 0;  // over days with a sale only: MAPE is undefined on a zero day
    long ape_n = 0;
    double smape_sum = 0;  // every day; 0 when forecast and actual are both 0
    long smape_n = 0;
    double mase_sum = 0;  // mean over products of MAE / in-sample seasonal-naive MAE
    long mase_n = 0;

    void Add(double forecast, double actual) {
        const double e = std::abs(forecast - actual);
        abs_sum += e;
        ++n;
        if (actual > 0) {
            ape_sum += e / actual;
            ++ape_n;
        }
        const double denominator = std::abs(forecast) + std::abs(actual);
        smape_sum += denominator > 0 ? 2 * e / denominator : 0;
        ++smape_n;
    }
    void Merge(const Errors& o) {
        abs_sum += o.abs_sum;
        n += o.n;
        ape_sum += o.ape_sum;
        ape_n += o.ape_n;
        smape_sum += o.smape_sum;
        smape_n += o.smape_n;
        mase_sum += o.mase_sum;
        mase_n += o.mase_n;
    }
    double Mae() const { return n ? abs_sum / static_cast<double>(n) : 0; }
    double Mape() const { return ape_n ? 100 * ape_sum / static_cast<double>(ape_n) : 0; }
    double Smape() const { return smape_n ? 100 * smape_sum / static_cast<double>(smape_n) : 0; }
    double Mase() const { return mase_n ? mase_sum / static_cast<double>(mase_n) : 0; }
};

constexpr std::array<const char*, 3> kMethods = {"forecast", "naive", "seasonal naive"};
using MethodErrors = std::array<Errors, kMethods.size()>;

/// Rolling origin: forecasts `horizon` days from every origin in the last `eval_days` (each origin
/// learns only from the days before it) and scores them against what happened.
MethodErrors Backtest(const std::vector<double>& y, int eval_days, int horizon, int fit_days,
                      std::map<std::string, int>& used) {
    const int days = static_cast<int>(y.size());
    const int first_origin = days - eval_days;
    MethodErrors product;
    for (int origin = first_origin; origin + horizon <= days; ++origin) {
        // Like the inventory page: learn from at most the last `fit_days` days.
        const int from = std::max(0, origin - fit_days);
        const std::span<const double> past(y.data() + from, static_cast<std::size_t>(origin - from));
        const inventory::Forecast f = inventory::ForecastDemand(past, static_cast<std::size_t>(horizon));
        ++used[std::string(inventory::ForecastMethodName(f.method))];
        for (int h = 0; h < horizon; ++h) {
            const double actual = y[static_cast<std::size_t>(origin + h)];
            product[0].Add(f.daily[static_cast<std::size_t>(h)], actual);
            product[1].Add(y[static_cast<std::size_t>(origin - 1)], actual);
            product[2].Add(y[static_cast<std::size_t>(origin - 7 + h % 7)], actual);
        }
    }
    // MASE scale: the in-sample one-step seasonal naive error before the evaluation window.
    double scale = 0;
    for (int t = 7; t < first_origin; ++t) {
        scale += std::abs(y[static_cast<std::size_t>(t)] - y[static_cast<std::size_t>(t - 7)]);
    }
    scale /= std::max(1, first_origin - 7);
    for (auto& e : product) {
        if (scale > 0) {
            e.mase_sum = e.Mae() / scale;
            e.mase_n = 1;
        }
    }
    return product;
}

/// The forecaster on a seller with stock-outs, learning from what sold, with the stock-out days
/// censored ([0]) and taken as zero demand ([1]); both scored against the true demand. `bias` sums
/// forecast minus demand.
struct CensoringErrors {
    std::array<Errors, 2> errors;
    std::array<double, 2> bias{};
};

void BacktestStockOuts(const StockedOutSeller& s, int eval_days, int horizon, int fit_days, CensoringErrors& out) {
    const int days = static_cast<int>(s.sold.size());
    for (int origin = days - eval_days; origin + horizon <= days; ++origin) {
        const int from = std::max(0, origin - fit_days);
        const auto length = static_cast<std::size_t>(origin - from);
        const std::span<const double> past(s.sold.data() + from, length);
        const std::span<const std::uint8_t> censored(s.censored.data() + from, length);
        const std::array<inventory::Forecast, 2> forecasts = {
            inventory::ForecastDemand(past, static_cast<std::size_t>(horizon), censored),
            inventory::ForecastDemand(past, static_cast<std::size_t>(horizon))};
        for (std::size_t m = 0; m < forecasts.size(); ++m) {
            for (int h = 0; h < horizon; ++h) {
                const double predicted = forecasts[m].daily[static_cast<std::size_t>(h)];
                const double actual = s.demand[static_cast<std::size_t>(origin + h)];
                out.errors[m].Add(predicted, actual);
                out.bias[m] += predicted - actual;
            }
        }
    }
}

void PrintRow(const char* group, const MethodErrors& e) {
    for (std::size_t m = 0; m < kMethods.size(); ++m) {
        std::printf("  %-13s %-15s MAE %7.3f  MAPE %7.1f%%  sMAPE %6.1f%%  MASE %6.3f", m == 0 ? group : "",
                    kMethods[m], e[m].Mae(), e[m].Mape(), e[m].Smape(), e[m].Mase());
        if (m == 0) {
            std::printf("   MAE ratio: vs naive %.3f, vs seasonal naive %.3f", e[0].Mae() / e[1].Mae(),
                        e[0].Mae() / e[2].Mae());
        }
        std::printf("\n");
    }
}

double Percentile(std::vector<double> samples, double q) {
    std::ranges::sort(samples);
    return samples[std::min(samples.size() - 1, static_cast<std::size_t>(q * static_cast<double>(samples.size())))];
}

/// A store of `products` products in a fresh SQLite database (in memory) with `days` days of COD
/// sales in the ledger, one order line per sale, the way orders write them; then the time of the
/// one aggregated history query (LoadStoreSales) and of the whole report, as the route does it.
int TimeStoreFromDatabase(int products, int days, int runs, std::mt19937_64& rng) {
    namespace storage = webdpro::storage;
    auto db = storage::SqliteDb::Open({.path = ":memory:", .readers = 1, .busy_timeout_ms = 5000, .max_batch = 64});
    if (!db) {
        std::fprintf(stderr, "open: %s\n", db.error().detail.c_str());
        return 1;
    }
    if (auto migrated = storage::Migrate(**db, webdpro::embedded::migrations::Files()); !migrated) {
        std::fprintf(stderr, "migrate: %s\n", migrated.error().detail.c_str());
        return 1;
    }
    const webdpro::TenantId tenant = webdpro::TenantId::New();
    const webdpro::StoreId store = webdpro::StoreId::New();
    const auto now = webdpro::NowUtc();
    const std::int64_t now_ms = webdpro::UnixMillis(now);
    long lines = 0;
    auto seeded = (*db)->WriteSync([&](storage::Conn& conn) -> webdpro::Result<void> {
        const std::string user = webdpro::UserId::New().str();
        if (auto r = conn.Exec(
                "INSERT INTO users (user_id, phone, created_at, updated_at) VALUES ($1, '+919000000001', 1, 1)", user);
            !r) {
            return webdpro::Fail(r.error());
        }
        if (auto r = conn.Exec("INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, updated_at) "
                               "VALUES ($1, $2, 'Bench Kirana', 1, 1)",
                               tenant, user);
            !r) {
            return webdpro::Fail(r.error());
        }
        if (auto r = conn.Exec("INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, "
                               "created_at, updated_at) VALUES ($1, $2, 'bench', 'PUBLISHED', 'bench', 'Bench', 1, 1)",
                               tenant, store);
            !r) {
            return webdpro::Fail(r.error());
        }
        for (int i = 0; i < products; ++i) {
            const std::string product = webdpro::ProductId::New().str();
            if (auto r = conn.Exec("INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, "
                                   "stock_quantity, created_at, updated_at) VALUES ($1, $2, $3, $4, 1000, 100, 1, 1)",
                                   tenant, product, store, "Product " + std::to_string(i));
                !r) {
                return webdpro::Fail(r.error());
            }
            const std::vector<double> y =
                Generate(kPatterns[static_cast<std::size_t>(i) % kPatterns.size()], days, rng);
            for (int d = 0; d < days; ++d) {
                // A day's units as orders of 1-3 units, spread over the shop's hours.
                std::int64_t left = static_cast<std::int64_t>(y[static_cast<std::size_t>(d)]);
                const std::int64_t day_ms = now_ms - static_cast<std::int64_t>(days - d) * 86'400'000;
                while (left > 0) {
                    const std::int64_t units = std::min<std::int64_t>(left, 1 + static_cast<std::int64_t>(rng() % 3));
                    left -= units;
                    // The way orders write a sale: the ledger entry and the day's sums.
                    const webdpro::catalog::Movement sale{.reason = "ORDER_RESERVED", .order = webdpro::OrderId::New()};
                    if (auto r = webdpro::catalog::AppendLedgerEntry(
                            conn, tenant, webdpro::ProductId(product), -units, 0, sale,
                            webdpro::FromUnixMillis(day_ms + static_cast<std::int64_t>(rng() % 43'200'000)));
                        !r) {
                        return webdpro::Fail(r.error());
                    }
                    ++lines;
                }
            }
        }
        return {};
    });
    if (!seeded) {
        std::fprintf(stderr, "seed: %s\n", seeded.error().detail.c_str());
        return 1;
    }
    std::vector<double> query_ms;
    std::vector<double> total_ms;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = Clock::now();
        auto sales = (*db)->ReadSync([&](storage::Conn& conn) -> webdpro::Result<inventory::StoreSales> {
            return inventory::LoadStoreSales(conn, tenant, store, now, days);
        });
        const auto t1 = Clock::now();
        if (!sales) {
            std::fprintf(stderr, "query: %s\n", sales.error().detail.c_str());
            return 1;
        }
        const inventory::InventoryReport report = inventory::BuildReport(*sales, now, {});
        const auto t2 = Clock::now();
        if (report.products.size() != static_cast<std::size_t>(products)) {
            return 1;
        }
        query_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        total_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t0).count());
    }
    std::printf(
        "From the database: %d products, %ld ledger sale rows over %d days (in-memory SQLite):\n"
        "  history query p50 %.2f ms; query + report p50 %.2f ms, p99 %.2f ms over %d runs\n",
        products, lines, days, Percentile(query_ms, 0.5), Percentile(total_ms, 0.5), Percentile(total_ms, 0.99), runs);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Demand forecast backtest on synthetic daily sales"};
    int products = 200;
    int days = 180;
    int eval_days = 56;
    int horizon = 7;
    std::uint64_t seed = 42;
    int store_products = 500;
    int timing_runs = 20;
    int fit_days = inventory::InventoryOptions{}.fit_days;
    app.add_option("--products", products, "synthetic products (spread evenly over the patterns)")
        ->check(CLI::Range(5, 100000));
    app.add_option("--days", days, "days of history per product")->check(CLI::Range(60, 3650));
    app.add_option("--eval-days", eval_days, "rolling-origin evaluation window (last days)")->check(CLI::Range(8, 365));
    app.add_option("--horizon", horizon, "days forecast from each origin")->check(CLI::Range(1, 28));
    app.add_option("--seed", seed, "random seed");
    app.add_option("--fit-days", fit_days, "most days of history a forecast learns from (the page's default)")
        ->check(CLI::Range(14, 3650));
    app.add_option("--store-products", store_products, "products of the store whose report is timed")
        ->check(CLI::Range(1, 100000));
    app.add_option("--timing-runs", timing_runs, "reports built for the timing")->check(CLI::Range(1, 10000));
    CLI11_PARSE(app, argc, argv);
    if (eval_days + 21 > days || horizon > eval_days) {
        std::fprintf(stderr, "need days >= eval-days + 21 and horizon <= eval-days\n");
        return 2;
    }

    std::mt19937_64 rng(seed);
    std::map<Pattern, MethodErrors> by_pattern;
    std::map<std::string, int> used;
    const auto started = Clock::now();
    for (int i = 0; i < products; ++i) {
        const Pattern pattern = kPatterns[static_cast<std::size_t>(i) % kPatterns.size()];
        const std::vector<double> y = Generate(pattern, days, rng);
        const MethodErrors e = Backtest(y, eval_days, horizon, fit_days, used);
        for (std::size_t m = 0; m < kMethods.size(); ++m) {
            by_pattern[pattern][m].Merge(e[m]);
        }
    }
    const double backtest_s = std::chrono::duration<double>(Clock::now() - started).count();

    std::printf(
        "Backtest: %d products x %d days (seed %llu), rolling origin over the last %d days, horizon %d days,\n"
        "each forecast learning from at most the %d days before its origin\n",
        products, days, static_cast<unsigned long long>(seed), eval_days, horizon, fit_days);
    std::printf(
        "MAPE counts only days with a sale (it is undefined on zero days); sMAPE counts every day (0 when\n"
        "forecast and actual are both 0); MASE = MAE / in-sample seasonal-naive MAE, mean over products.\n\n");
    MethodErrors overall;
    for (Pattern p : kPatterns) {
        PrintRow(PatternName(p), by_pattern[p]);
        for (std::size_t m = 0; m < kMethods.size(); ++m) {
            overall[m].Merge(by_pattern[p][m]);
        }
    }
    PrintRow("overall", overall);
    std::printf("\nMethods chosen:");
    for (const auto& [name, count] : used) {
        std::printf(" %s %d", name.c_str(), count);
    }
    std::printf("  (%.2f s for the backtest)\n\n", backtest_s);

    // Stock-outs: the same weekly sellers, their shelf empty now and then.
    const int stockout_products = std::max(1, products / static_cast<int>(kPatterns.size()));
    CensoringErrors censoring;
    long stockout_days = 0;
    for (int i = 0; i < stockout_products; ++i) {
        const StockedOutSeller seller = GenerateStockOuts(days, rng);
        stockout_days += std::ranges::count(seller.censored, std::uint8_t{1});
        BacktestStockOuts(seller, eval_days, horizon, fit_days, censoring);
    }
    std::printf(
        "Stock-outs: %d weekly sellers x %d days, %.1f%% of days with an empty shelf (nothing sold, demand went on);\n"
        "forecast from what sold, scored against the true demand, same origins and horizon:\n",
        stockout_products, days, 100.0 * static_cast<double>(stockout_days) / (stockout_products * days));
    constexpr std::array<const char*, 2> kCensoringNames = {"censored", "as zero demand"};
    for (std::size_t m = 0; m < kCensoringNames.size(); ++m) {
        const Errors& e = censoring.errors[m];
        std::printf("  stock-out days %-15s MAE %7.3f  sMAPE %6.1f%%  bias %+7.3f units/day\n", kCensoringNames[m],
                    e.Mae(), e.Smape(), censoring.bias[m] / static_cast<double>(std::max(1L, e.n)));
    }
    std::printf("  MAE ratio censored / as zero: %.3f\n\n",
                censoring.errors[0].Mae() / std::max(1e-12, censoring.errors[1].Mae()));

    // Time: a whole store's report from histories of fit_days days, in memory and from the database.
    std::vector<std::vector<double>> histories;
    for (int i = 0; i < store_products; ++i) {
        histories.push_back(Generate(kPatterns[static_cast<std::size_t>(i) % kPatterns.size()], fit_days, rng));
    }
    inventory::StoreSales store;
    store.today = 20'000;
    store.first_day = store.today - fit_days + 1;
    for (int i = 0; i < store_products; ++i) {
        inventory::ProductSales p;
        p.product.name = "Product " + std::to_string(i);
        p.product.stock = 20 + i % 200;
        p.daily = histories[static_cast<std::size_t>(i)];
        store.products.push_back(std::move(p));
    }
    const auto now = inventory::IndiaDayStart(store.today) + std::chrono::hours(12);
    std::vector<double> report_ms;
    for (int r = 0; r < timing_runs; ++r) {
        const auto t0 = Clock::now();
        const inventory::InventoryReport report = inventory::BuildReport(store, now, {});
        report_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (report.products.size() != store.products.size()) {
            return 1;
        }
    }
    const double p50 = Percentile(report_ms, 0.5);
    std::printf(
        "Inventory report of a %d-product store (%d days each, forecast + stock-out + reorder + ranking):\n"
        "  p50 %.2f ms, p99 %.2f ms over %d runs; %.1f us per product\n",
        store_products, fit_days, p50, Percentile(report_ms, 0.99), timing_runs, 1000 * p50 / store_products);
    return TimeStoreFromDatabase(store_products, fit_days, timing_runs, rng);
}
