#include "inventory/inventory_service.hpp"

#include <chrono>
#include <random>
#include <tuple>

#include <gtest/gtest.h>

#include "auth/test_util.hpp"
#include "catalog/products.hpp"
#include "core/work_pool.hpp"
#include "inventory/detail/sales_sql.hpp"
#include "storage/db.hpp"

namespace webdpro::inventory {
namespace {

using auth::testing::Await;
using namespace std::chrono_literals;

constexpr std::int64_t kHour = 60LL * 60 * 1000;
constexpr std::int64_t kDay = 24 * kHour;

/// 2026-11-25 12:00 IST (06:30 UTC).
TimePoint Now() {
    return *ParseRfc3339("2026-11-25T06:30:00Z");
}

/// Noon IST, `days_ago` India days before Now().
std::int64_t NoonDaysAgo(int days_ago) {
    return UnixMillis(Now()) - days_ago * kDay;
}

class InventoryServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        ASSERT_NE(db_, nullptr);
        tenant_ = MakeStore(store_, "sharma");
        other_tenant_ = MakeStore(other_store_, "gupta");
    }

    TenantId MakeStore(const StoreId& store, const std::string& slug) {
        const TenantId tenant = TenantId::New();
        const UserId owner = UserId::New();
        const std::string phone = "+9190000" + std::to_string(10000 + counter_++);
        Exec("INSERT INTO users (user_id, phone, created_at, updated_at) VALUES ('" + owner.str() + "', '" + phone +
             "', 1, 1);"
             "INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, updated_at) VALUES ('" +
             tenant.str() + "', '" + owner.str() + "', 'Shop', 1, 1);" +
             "INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, created_at, "
             "updated_at) VALUES ('" +
             tenant.str() + "', '" + store.str() + "', '" + slug + "', 'DRAFT', 'a shop', 'Shop', 1, 1);");
        return tenant;
    }

    ProductId AddProduct(const TenantId& tenant, const StoreId& store, const std::string& name, std::int64_t stock,
                         std::int64_t threshold = 5, std::int64_t created_at = 1) {
        const ProductId id = ProductId::New();
        Exec(
            "INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, stock_quantity, "
            "low_stock_threshold, created_at, updated_at) VALUES ('" +
            tenant.str() + "', '" + id.str() + "', '" + store.str() + "', '" + name + "', 1000, " +
            std::to_string(stock) + ", " + std::to_string(threshold) + ", " + std::to_string(created_at) + ", 1);");
        return id;
    }

    /// One ledger entry of `product`, written the one way the ledger is written (which keeps the
    /// daily sums the report reads); a give-back finds when its order was placed, as the orders
    /// folder tells the catalog. stock_after is not what this feature reads.
    void Ledger(const TenantId& tenant, const ProductId& product, std::int64_t delta, const std::string& reason,
                const std::string& order, std::int64_t at) {
        auto done = db_->WriteSync([&](storage::Conn& conn) -> Result<void> {
            catalog::Movement why{.reason = reason};
            if (!order.empty()) {
                why.order = OrderId(order);
                auto placed = conn.QueryOne("SELECT created_at FROM orders WHERE tenant_id = $1 AND order_id = $2",
                                            tenant, order);
                if (placed && *placed) {
                    why.order_placed_at = FromUnixMillis((*placed)->Int("created_at"));
                }
            }
            return catalog::AppendLedgerEntry(conn, tenant, product, delta, 0, why, FromUnixMillis(at));
        });
        ASSERT_TRUE(done.has_value()) << done.error().message << " " << done.error().detail;
    }

    /// An order of the store placed at `at` (only its id and time matter here).
    void Order(const std::string& order, std::int64_t at) {
        Exec(
            "INSERT INTO orders (tenant_id, order_id, store_id, customer_name, customer_phone_enc, "
            "customer_phone_hash, subtotal_paise, total_paise, payment_method, status, idempotency_key, created_at, "
            "updated_at) VALUES ('" +
            tenant_.str() + "', '" + order + "', '" + store_.str() +
            "', 'Asha', x'00', 'h', 0, 0, 'COD', 'CANCELLED', '" + order + "', " + std::to_string(at) + ", " +
            std::to_string(at) + ");");
    }

    void Sale(const ProductId& product, std::int64_t units, std::int64_t at, const std::string& order = "") {
        Ledger(tenant_, product, -units, "ORDER_RESERVED", order.empty() ? OrderId::New().str() : order, at);
    }

    void Exec(const std::string& script) {
        auto done = db_->WriteSync([&](storage::Conn& conn) -> Result<void> { return conn.ExecScript(script); });
        ASSERT_TRUE(done.has_value()) << done.error().message << " " << done.error().detail;
    }

    Result<StoreSales> Load(const TenantId& tenant, const StoreId& store, int days = 28) {
        return db_->ReadSync([&](storage::Conn& conn) -> Result<StoreSales> {
            return LoadStoreSales(conn, tenant, store, Now(), days);
        });
    }

    /// SQLite's plan for one of the window queries, one step a line.
    Result<std::string> QueryPlan(std::string_view sql) {
        return db_->ReadSync([&](storage::Conn& conn) -> Result<std::string> {
            auto rows = conn.Query("EXPLAIN QUERY PLAN " + std::string(sql), tenant_, store_, std::int64_t{0});
            if (!rows) {
                return Fail(rows.error());
            }
            std::string all;
            for (const auto& row : *rows) {
                all += row.Text(3) + "\n";
            }
            return all;
        });
    }

    static const ProductSales& Find(const StoreSales& sales, const ProductId& id) {
        for (const auto& p : sales.products) {
            if (p.product.id == id) {
                return p;
            }
        }
        ADD_FAILURE() << "product missing";
        static const ProductSales kNone;
        return kNone;
    }

    std::unique_ptr<storage::SqliteDb> db_;
    StoreId store_ = StoreId::New();
    StoreId other_store_ = StoreId::New();
    TenantId tenant_;
    TenantId other_tenant_;
    int counter_ = 0;
};

TEST(IndiaDay, TurnsAtHalfPastSixInTheEveningUtc) {
    const TimePoint before = *ParseRfc3339("2026-11-24T18:29:59Z");
    const TimePoint after = *ParseRfc3339("2026-11-24T18:30:00Z");
    EXPECT_EQ(FormatDay(IndiaDay(before)), "2026-11-24");
    EXPECT_EQ(FormatDay(IndiaDay(after)), "2026-11-25");
    EXPECT_EQ(IndiaDayStart(IndiaDay(after)), after);
    EXPECT_EQ(FormatDay(0), "1970-01-01");
}

TEST_F(InventoryServiceTest, CountsNetUnitsPerIndiaDayFromTheLedger) {
    const ProductId atta = AddProduct(tenant_, store_, "Atta", 40);
    const ProductId dal = AddProduct(tenant_, store_, "Dal", 40);
    Sale(atta, 3, NoonDaysAgo(0));
    Sale(atta, 2, NoonDaysAgo(0));
    Sale(atta, 4, NoonDaysAgo(1));
    Sale(atta, 5, NoonDaysAgo(27));
    Sale(atta, 7, NoonDaysAgo(28));  // outside a 28-day window
    // 23:59 IST yesterday and 00:01 IST today fall on different days.
    const std::int64_t midnight = UnixMillis(IndiaDayStart(IndiaDay(Now())));
    Sale(dal, 1, midnight - 60'000);
    Sale(dal, 6, midnight + 60'000);
    // Restocks and corrections are not sales.
    Ledger(tenant_, dal, 50, "RESTOCK", "", NoonDaysAgo(2));
    Ledger(tenant_, dal, -3, "ADJUSTMENT", "", NoonDaysAgo(2));

    auto sales = Load(tenant_, store_);
    ASSERT_TRUE(sales.has_value()) << sales.error().detail;
    EXPECT_EQ(sales->today - sales->first_day, 27);
    ASSERT_EQ(sales->products.size(), 2u);
    const auto& a = Find(*sales, atta).daily;
    ASSERT_EQ(a.size(), 28u);
    EXPECT_EQ(a[27], 5);
    EXPECT_EQ(a[26], 4);
    EXPECT_EQ(a[0], 5);
    const auto& d = Find(*sales, dal).daily;
    EXPECT_EQ(d[27], 6);
    EXPECT_EQ(d[26], 1);
    EXPECT_EQ(d[25], 0);
}

TEST_F(InventoryServiceTest, CancelledAndReleasedOrdersCountOnlyWhatWasKept) {
    const ProductId atta = AddProduct(tenant_, store_, "Atta", 40);
    // Placed two days ago, cancelled yesterday: nothing sold on either day.
    Order("ord_cancelled", NoonDaysAgo(2));
    Sale(atta, 4, NoonDaysAgo(2), "ord_cancelled");
    Ledger(tenant_, atta, 4, "ORDER_CANCELLED", "ord_cancelled", NoonDaysAgo(1));
    // Unpaid and released the same day.
    Order("ord_released", NoonDaysAgo(1));
    Sale(atta, 2, NoonDaysAgo(1), "ord_released");
    Ledger(tenant_, atta, 2, "ORDER_RELEASED", "ord_released", NoonDaysAgo(1) + kHour);
    // Placed before the window, cancelled inside it: gives nothing back to the window.
    Order("ord_old", NoonDaysAgo(40));
    Sale(atta, 9, NoonDaysAgo(40), "ord_old");
    Ledger(tenant_, atta, 9, "ORDER_CANCELLED", "ord_old", NoonDaysAgo(3));
    Sale(atta, 1, NoonDaysAgo(1), "ord_kept");

    auto sales = Load(tenant_, store_);
    ASSERT_TRUE(sales.has_value()) << sales.error().detail;
    const auto& a = Find(*sales, atta).daily;
    EXPECT_EQ(a[27 - 3], 0);
    EXPECT_EQ(a[27 - 2], 0);
    EXPECT_EQ(a[27 - 1], 1);
}

TEST_F(InventoryServiceTest, AGiveBackWithoutItsOrderNeverMakesADayNegative) {
    const ProductId atta = AddProduct(tenant_, store_, "Atta", 40);
    Ledger(tenant_, atta, 5, "RETURNED", "ord_unknown", NoonDaysAgo(1));
    auto sales = Load(tenant_, store_);
    ASSERT_TRUE(sales.has_value()) << sales.error().detail;
    EXPECT_EQ(Find(*sales, atta).daily[27 - 1], 0);
}

TEST_F(InventoryServiceTest, SeesOnlyTheStoresOwnProducts) {
    const ProductId mine = AddProduct(tenant_, store_, "Atta", 40);
    const ProductId theirs = AddProduct(other_tenant_, other_store_, "Rice", 40);
    Ledger(other_tenant_, theirs, -3, "ORDER_RESERVED", "ord_x", NoonDaysAgo(0));
    auto sales = Load(tenant_, store_);
    ASSERT_TRUE(sales.has_value());
    ASSERT_EQ(sales->products.size(), 1u);
    EXPECT_EQ(sales->products[0].product.id, mine);

    auto foreign = Load(tenant_, other_store_);
    ASSERT_FALSE(foreign.has_value());
    EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
}

// The daily sums as the ledger itself gives them (the query the report ran before the sums
// existed): a give-back counts on the day its order was placed.
constexpr std::string_view kLedgerDerivedDays = R"(
SELECT product_id, day, sum(sold) AS sold, sum(delta) AS delta
FROM (
    SELECT product_id, (created_at + 19800000) / 86400000 AS day, 0 AS sold, delta FROM inventory_ledger
    WHERE tenant_id = $1
    UNION ALL
    SELECT l.product_id,
           (CASE WHEN l.reason = 'ORDER_RESERVED' THEN l.created_at
                 ELSE coalesce((SELECT o.created_at FROM orders o
                                WHERE o.tenant_id = l.tenant_id AND o.order_id = l.order_id), l.created_at)
            END + 19800000) / 86400000 AS day, -l.delta AS sold, 0 AS delta
    FROM inventory_ledger l
    WHERE l.tenant_id = $1 AND l.order_id IS NOT NULL
      AND l.reason IN ('ORDER_RESERVED', 'ORDER_RELEASED', 'ORDER_CANCELLED', 'RETURNED')
) AS moves
GROUP BY product_id, day
HAVING sum(sold) <> 0 OR sum(delta) <> 0
ORDER BY product_id, day
)";

constexpr std::string_view kStoredDays = R"(
SELECT product_id, day, sold, delta FROM inventory_stock_days
WHERE tenant_id = $1 AND (sold <> 0 OR delta <> 0)
ORDER BY product_id, day
)";

TEST_F(InventoryServiceTest, TheDailySumsEqualTheLedgerAfterRandomStockMoves) {
    std::mt19937 random(20260101);
    const std::vector<ProductId> products = {AddProduct(tenant_, store_, "Atta", 0),
                                             AddProduct(tenant_, store_, "Dal", 0),
                                             AddProduct(tenant_, store_, "चीनी", 0)};
    struct Placed {
        std::string order;
        ProductId product;
        std::int64_t units;
        std::int64_t at;
    };
    std::vector<Placed> open;
    // Time runs forward across ten days, with moves at random hours (some across India midnight).
    std::int64_t at = NoonDaysAgo(10);
    for (int step = 0; step < 400; ++step) {
        at += std::uniform_int_distribution<std::int64_t>(1, 1'000 * 60 * 60 * 2)(random);
        const ProductId& product = products[std::uniform_int_distribution<std::size_t>(0, 2)(random)];
        const int move = std::uniform_int_distribution<int>(0, 9)(random);
        if (move < 4) {
            const std::string order = OrderId::New().str();
            const std::int64_t units = std::uniform_int_distribution<std::int64_t>(1, 5)(random);
            Order(order, at);
            Sale(product, units, at, order);
            open.push_back({order, product, units, at});
        } else if (move < 6 && !open.empty()) {
            // A cancellation, release or return of an earlier order, days later perhaps.
            const std::size_t which = std::uniform_int_distribution<std::size_t>(0, open.size() - 1)(random);
            const Placed placed = open[which];
            open.erase(open.begin() + static_cast<std::ptrdiff_t>(which));
            const char* reasons[] = {"ORDER_CANCELLED", "ORDER_RELEASED", "RETURNED"};
            Ledger(tenant_, placed.product, placed.units, reasons[std::uniform_int_distribution<int>(0, 2)(random)],
                   placed.order, at);
        } else if (move < 8) {
            Ledger(tenant_, product, std::uniform_int_distribution<std::int64_t>(1, 20)(random), "RESTOCK", "", at);
        } else {
            Ledger(tenant_, product, -std::uniform_int_distribution<std::int64_t>(1, 3)(random), "DAMAGE", "", at);
        }
    }
    auto rows = [&](std::string_view sql) {
        std::vector<std::tuple<std::string, std::int64_t, std::int64_t, std::int64_t>> out;
        auto read = db_->ReadSync([&](storage::Conn& conn) { return conn.Query(sql, tenant_); });
        EXPECT_TRUE(read) << read.error().detail;
        for (const auto& r : read.value_or(std::vector<storage::Row>{})) {
            out.emplace_back(r.Text("product_id"), r.Int("day"), r.Int("sold"), r.Int("delta"));
        }
        return out;
    };
    const auto want = rows(kLedgerDerivedDays);
    EXPECT_GT(want.size(), 20u);
    EXPECT_EQ(rows(kStoredDays), want);
}

TEST_F(InventoryServiceTest, TheQueryReadsTheDailySumsByKey) {
    auto plan = QueryPlan(detail::kStockDaysSql);
    ASSERT_TRUE(plan.has_value());
    EXPECT_NE(plan->find("USING PRIMARY KEY (tenant_id=? AND product_id=? AND day>?)"), std::string::npos) << *plan;
    EXPECT_EQ(plan->find("inventory_ledger"), std::string::npos) << *plan;
}

TEST_F(InventoryServiceTest, MarksDaysThatBeganWithAnEmptyShelfAndSoldNothing) {
    // Stock now 6. Worked back: 10 restocked yesterday after the shelf ran dry 4 days ago.
    const ProductId atta = AddProduct(tenant_, store_, "Atta", 6);
    Ledger(tenant_, atta, 5, "RESTOCK", "", NoonDaysAgo(9));
    Sale(atta, 5, NoonDaysAgo(5));          // began with 5, sold 5: a sale day, not censored
    Sale(atta, 1, NoonDaysAgo(1) + kHour);  // began with 0 but sold after the restock: seen
    Ledger(tenant_, atta, 10, "RESTOCK", "", NoonDaysAgo(1));
    Sale(atta, 3, NoonDaysAgo(0));
    auto sales = Load(tenant_, store_);
    ASSERT_TRUE(sales.has_value()) << sales.error().detail;
    const ProductSales& a = Find(*sales, atta);
    ASSERT_EQ(a.censored.size(), 28u);
    EXPECT_EQ(a.censored[27 - 9], 1) << "began empty, restocked at noon, nothing sold";
    EXPECT_EQ(a.censored[27 - 8], 0) << "began with 5";
    EXPECT_EQ(a.censored[27 - 5], 0) << "sold the last 5";
    for (int ago = 4; ago >= 2; --ago) {
        EXPECT_EQ(a.censored[static_cast<std::size_t>(27 - ago)], 1) << ago << " days ago the shelf was empty";
    }
    EXPECT_EQ(a.censored[27 - 1], 0) << "a day that sold is demand seen";
    EXPECT_EQ(a.censored[27], 0);
    EXPECT_EQ(a.censored[0], 1) << "before the first restock in the window the shelf was empty";
}

TEST_F(InventoryServiceTest, StockOutsDoNotPullTheReportForecastDown) {
    // 4 a day for 12 weeks, then 2 weeks with an empty shelf; stock 0 now, 4 restocked in error.
    const ProductId atta = AddProduct(tenant_, store_, "Atta", 0);
    for (int ago = 98; ago >= 15; --ago) {
        Sale(atta, 4, NoonDaysAgo(ago));
    }
    Ledger(tenant_, atta, 4 * 84, "RESTOCK", "", NoonDaysAgo(99));
    WorkPool pool("forecast", 1, 4);
    InventoryService service(*db_, pool);
    auto report = Await(service.Report(tenant_, store_, Now()));
    ASSERT_TRUE(report.has_value()) << report.error().detail;
    const ProductInventory& p = report->products.at(0);
    EXPECT_EQ(p.stockout_days, 14);
    EXPECT_NEAR(p.per_day, 4, 0.5) << ForecastMethodName(p.forecast.method);
    // Lead 3 + review 7 days of 4 a day, and a margin.
    EXPECT_GE(p.reorder_quantity, 40);
    pool.Stop();
}

TEST_F(InventoryServiceTest, SettingsDefaultChangeAndAreChecked) {
    WorkPool pool("forecast", 1, 4);
    InventoryService service(*db_, pool);
    auto defaults = Await(service.Settings(tenant_, store_));
    ASSERT_TRUE(defaults.has_value());
    EXPECT_EQ(defaults->lead_time_days, 3);
    EXPECT_EQ(defaults->review_days, 7);

    auto changed = Await(service.UpdateSettings(tenant_, store_, {.lead_time_days = 14}));
    ASSERT_TRUE(changed.has_value()) << changed.error().message;
    EXPECT_EQ(changed->lead_time_days, 14);
    EXPECT_EQ(changed->review_days, 7);

    auto bad = Await(service.UpdateSettings(tenant_, store_, {.lead_time_days = 0, .review_days = 61}));
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(bad.error().fields.size(), 2u);
    EXPECT_FALSE(Await(service.UpdateSettings(tenant_, store_, {})).has_value());
    EXPECT_EQ(Await(service.Settings(tenant_, store_))->lead_time_days, 14);

    auto foreign = Await(service.UpdateSettings(other_tenant_, store_, {.lead_time_days = 5}));
    ASSERT_FALSE(foreign.has_value());
    EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);

    // The report's reorder covers the store's lead time: a longer one orders more.
    const ProductId atta = AddProduct(tenant_, store_, "Atta", 10, 0);
    for (int ago = 30; ago >= 1; --ago) {
        Sale(atta, 5, NoonDaysAgo(ago));
    }
    auto longer = Await(service.Report(tenant_, store_, Now()));
    ASSERT_TRUE(longer.has_value());
    EXPECT_EQ(longer->settings.lead_time_days, 14);
    EXPECT_EQ(longer->products.at(0).lead_time_days, 14);
    ASSERT_TRUE(Await(service.UpdateSettings(tenant_, store_, {.lead_time_days = 1})).has_value());
    auto shorter = Await(service.Report(tenant_, store_, Now()));
    ASSERT_TRUE(shorter.has_value());
    EXPECT_GT(longer->products.at(0).reorder_quantity, shorter->products.at(0).reorder_quantity + 40);
    pool.Stop();
}

/// A store's sales as BuildReport takes them, `days` days ending today.
StoreSales Sales(int days) {
    StoreSales sales;
    sales.today = IndiaDay(Now());
    sales.first_day = sales.today - days + 1;
    return sales;
}

ProductSales Product(const std::string& name, std::int64_t stock, std::vector<double> daily,
                     std::int64_t threshold = 5) {
    ProductSales p;
    p.product.id = ProductId::New();
    p.product.name = name;
    p.product.stock = stock;
    p.product.low_stock_threshold = threshold;
    p.product.unit = "kg";
    p.daily = std::move(daily);
    return p;
}

TEST(BuildReport, RanksStatusesAndRaisesAlerts) {
    StoreSales sales = Sales(120);
    sales.products.push_back(Product("Steady", 500, std::vector<double>(120, 10)));  // 50 days left
    sales.products.push_back(Product("Soon", 40, std::vector<double>(120, 10)));     // 4 days left
    sales.products.push_back(Product("Low", 3, std::vector<double>(120, 0)));        // at threshold
    sales.products.push_back(Product("Out", 0, std::vector<double>(120, 1)));        // empty shelf
    sales.products.push_back(Product("Sooner", 25, std::vector<double>(120, 10)));   // 2.5 days left
    ProductSales hidden = Product("Hidden", 0, std::vector<double>(120, 0));
    hidden.product.active = false;
    sales.products.push_back(hidden);

    // Midnight IST: the whole of today is ahead.
    const TimePoint midnight = IndiaDayStart(sales.today);
    const InventoryReport report = BuildReport(sales, midnight, {});
    ASSERT_EQ(report.products.size(), 6u);
    std::vector<std::string> order;
    for (const auto& p : report.products) {
        order.push_back(p.product.name);
    }
    EXPECT_EQ(order, (std::vector<std::string>{"Out", "Low", "Sooner", "Soon", "Steady", "Hidden"}));
    EXPECT_EQ(report.products[0].status, StockStatus::kOut);
    EXPECT_EQ(report.products[1].status, StockStatus::kLow);
    EXPECT_EQ(report.products[2].status, StockStatus::kRunsOutSoon);
    EXPECT_EQ(report.products[4].status, StockStatus::kOk);

    ASSERT_EQ(report.alerts.size(), 4u);  // not Steady (OK), not Hidden (inactive)
    EXPECT_EQ(report.alerts[0].name, "Out");
    EXPECT_EQ(report.alerts[0].kind, StockStatus::kOut);
    EXPECT_EQ(report.alerts[1].kind, StockStatus::kLow);
    EXPECT_NE(report.alerts[1].message.find("Only 3 kg of Low left"), std::string::npos) << report.alerts[1].message;
    EXPECT_EQ(report.alerts[2].kind, StockStatus::kRunsOutSoon);
    EXPECT_NE(report.alerts[2].message.find("runs out in about 2 days"), std::string::npos) << report.alerts[2].message;

    const ProductInventory& sooner = report.products[2];
    EXPECT_EQ(sooner.forecast.method, ForecastMethod::kHoltWinters);
    ASSERT_EQ(sooner.forecast.daily.size(), 14u);
    EXPECT_NEAR(sooner.per_day, 10, 0.01);
    ASSERT_TRUE(sooner.days_until_stockout.has_value());
    EXPECT_NEAR(*sooner.days_until_stockout, 2.5, 0.01);
    EXPECT_EQ(sooner.stockout_date, FormatDay(sales.today + 2));
    EXPECT_EQ(sooner.reorder_quantity, 100 - 25);  // 10 days of cover, no error
    EXPECT_EQ(sooner.lead_time_days, 3);
    ASSERT_EQ(sooner.history.size(), 28u);
    EXPECT_EQ(sooner.sold_last_7_days, 70);
    EXPECT_EQ(sooner.sold_last_28_days, 280);

    const ProductInventory& steady = report.products[4];
    EXPECT_FALSE(steady.days_until_stockout.has_value());
    EXPECT_EQ(steady.reorder_quantity, 0);

    // No sales and at the threshold: order back above it.
    EXPECT_EQ(report.products[1].forecast.method, ForecastMethod::kNone);
    EXPECT_EQ(report.products[1].reorder_quantity, 3);
    EXPECT_EQ(report.products[0].days_until_stockout, 0.0);
}

TEST(BuildReport, LearnsOnlyFromDaysSinceTheProductWasListed) {
    StoreSales sales = Sales(120);
    std::vector<double> daily(120, 0.0);
    for (std::size_t i = 110; i < 120; ++i) {
        daily[i] = 6;
    }
    ProductSales fresh = Product("Fresh", 100, daily);
    fresh.listed_day = sales.today - 10;  // listed ten days ago: the zeros before are not demand
    sales.products.push_back(fresh);
    const InventoryReport report = BuildReport(sales, IndiaDayStart(sales.today), {});
    const ProductInventory& p = report.products[0];
    EXPECT_EQ(p.forecast.method, ForecastMethod::kAverage);
    EXPECT_NEAR(p.per_day, 6, 1e-9);
}

TEST(BuildReport, ShortStoreHistoriesStillShowTwentyEightDays) {
    StoreSales sales = Sales(5);
    sales.products.push_back(Product("New", 10, {1, 2, 3, 4, 5}));
    const InventoryReport report = BuildReport(sales, IndiaDayStart(sales.today), {});
    const ProductInventory& p = report.products[0];
    ASSERT_EQ(p.history.size(), 28u);
    EXPECT_EQ(p.history[27], 5);
    EXPECT_EQ(p.history[22], 0);
    EXPECT_EQ(p.sold_last_7_days, 15);
    EXPECT_EQ(p.forecast.daily.size(), 14u);
}

TEST_F(InventoryServiceTest, ReportRunsOnThePool) {
    const ProductId atta = AddProduct(tenant_, store_, "Atta", 2);
    Sale(atta, 3, NoonDaysAgo(0));
    WorkPool pool("forecast", 1, 4);
    InventoryService service(*db_, pool);
    auto report = Await(service.Report(tenant_, store_, Now()));
    ASSERT_TRUE(report.has_value()) << report.error().detail;
    ASSERT_EQ(report->products.size(), 1u);
    EXPECT_EQ(report->products[0].status, StockStatus::kLow);
    EXPECT_EQ(report->products[0].sold_last_7_days, 3);
    auto foreign = Await(service.Report(other_tenant_, store_, Now()));
    ASSERT_FALSE(foreign.has_value());
    EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
    pool.Stop();
}

}  // namespace
}  // namespace webdpro::inventory
