#include "ai/ledger.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "ai/ledger_test_util.hpp"

namespace webdpro::ai {
namespace {

using std::chrono::milliseconds;
using testing::AddCall;
using testing::AddTenant;
using testing::Count;
using testing::Exec;
using testing::MigratedDb;

// 2026-11-15T12:00:00Z and the first instants of November and December 2026, UTC.
constexpr std::int64_t kMidNovember = 1'763'208'000'000;
constexpr std::int64_t kNovemberStart = 1'761'955'200'000;
constexpr std::int64_t kDecemberStart = 1'764'547'200'000;

CallRecord Record(std::string outcome, std::string error_class = "") {
    CallRecord record;
    record.tenant_id = TenantId("ten_a");
    record.level = "claude-3-haiku";
    record.provider = "anthropic";
    record.model = "claude-3-haiku-20240307";
    record.outcome = std::move(outcome);
    record.error_class = std::move(error_class);
    return record;
}

class LedgerTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = MigratedDb();
        ASSERT_NE(db_, nullptr);
    }

    Logger logger_{open("/dev/null", O_WRONLY | O_CLOEXEC), LogLevel::kError};
    std::unique_ptr<storage::SqliteDb> db_;
};

}  // namespace

TEST(LedgerOutcome, MapsChainOutcomesToTheTableEnum) {
    EXPECT_EQ(LedgerOutcome(Record("served")), "OK");
    EXPECT_EQ(LedgerOutcome(Record("failed", "timeout")), "TIMEOUT");
    EXPECT_EQ(LedgerOutcome(Record("failed", "invalid_output")), "INVALID_OUTPUT");
    EXPECT_EQ(LedgerOutcome(Record("repair_failed", "invalid_output")), "INVALID_OUTPUT");
    EXPECT_EQ(LedgerOutcome(Record("skipped", "breaker_open")), "CIRCUIT_OPEN");
    EXPECT_EQ(LedgerOutcome(Record("skipped", "budget")), "SKIPPED");
    EXPECT_EQ(LedgerOutcome(Record("skipped", "no_credentials")), "SKIPPED");
    EXPECT_EQ(LedgerOutcome(Record("skipped", "deadline")), "SKIPPED");
    EXPECT_EQ(LedgerOutcome(Record("failed", "rate_limited")), "ERROR");
    EXPECT_EQ(LedgerOutcome(Record("failed", "unavailable")), "ERROR");
}

TEST(PlanFromTenantPlan, ProAndEnterpriseArePro) {
    EXPECT_EQ(PlanFromTenantPlan("PRO"), Plan::kPro);
    EXPECT_EQ(PlanFromTenantPlan("ENTERPRISE"), Plan::kPro);
    EXPECT_EQ(PlanFromTenantPlan("FREE"), Plan::kFree);
    EXPECT_EQ(PlanFromTenantPlan(""), Plan::kFree);
}

TEST(MonthStartMillis, IsTheFirstInstantOfTheUtcMonth) {
    EXPECT_EQ(MonthStartMillis(FromUnixMillis(kMidNovember)), kNovemberStart);
    EXPECT_EQ(MonthStartMillis(FromUnixMillis(kNovemberStart)), kNovemberStart);
    EXPECT_EQ(MonthStartMillis(FromUnixMillis(kDecemberStart - 1)), kNovemberStart);
    EXPECT_EQ(MonthStartMillis(FromUnixMillis(kDecemberStart)), kDecemberStart);
}

TEST_F(LedgerTest, FlushWritesEveryBufferedRowInOneGo) {
    DbCallRecorder recorder(*db_, logger_, {.flush_interval = std::chrono::hours(1)});
    CallRecord served = Record("served");
    served.store_id = StoreId("sto_1");
    served.input_tokens = 1200;
    served.output_tokens = 900;
    served.cost_micro_usd = 1425;
    served.latency = milliseconds(840);
    served.detail = "req_provider_1";
    recorder.Record(served);
    CallRecord timeout = Record("failed", "timeout");
    timeout.detail = "no answer in 800 ms";
    recorder.Record(timeout);
    recorder.Record(Record("skipped", "breaker_open"));
    EXPECT_EQ(recorder.pending(), 3U);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM ai_calls"), 0);

    const auto commits_before = db_->Stats().commits;
    ASSERT_TRUE(recorder.Flush());
    EXPECT_EQ(db_->Stats().commits - commits_before, 1U);
    EXPECT_EQ(recorder.pending(), 0U);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM ai_calls"), 3);
    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM ai_calls WHERE outcome = 'OK' AND store_id = 'sto_1' AND tenant_id = 'ten_a' "
                    "AND input_tokens = 1200 AND output_tokens = 900 AND cost_micro_usd = 1425 AND latency_ms = 840 "
                    "AND error IS NULL AND model = 'claude-3-haiku-20240307'"),
              1);
    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM ai_calls WHERE outcome = 'TIMEOUT' AND store_id IS NULL AND "
                    "error = 'timeout: no answer in 800 ms'"),
              1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM ai_calls WHERE outcome = 'CIRCUIT_OPEN' AND error = 'breaker_open'"),
              1);
    ASSERT_TRUE(recorder.Flush());  // nothing left: no second copy
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM ai_calls"), 3);
}

TEST_F(LedgerTest, NothingIsLostOnACleanStop) {
    {
        DbCallRecorder recorder(*db_, logger_, {.flush_interval = std::chrono::hours(1)});
        for (int i = 0; i < 50; ++i) {
            recorder.Record(Record("served"));
        }
    }
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM ai_calls"), 50);
}

TEST_F(LedgerTest, TheBackgroundWriterFlushesOnItsOwn) {
    DbCallRecorder recorder(*db_, logger_, {.flush_interval = milliseconds(20)});
    recorder.Record(Record("served"));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (Count(*db_, "SELECT count(*) FROM ai_calls") == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM ai_calls"), 1);
}

TEST_F(LedgerTest, AFailedWriteKeepsTheRows) {
    auto recorder = std::make_unique<DbCallRecorder>(*db_, logger_, DbCallRecorder::Options{std::chrono::hours(1)});
    recorder->Record(Record("served"));
    recorder->Record(Record("failed", "auth"));
    db_->Close();
    EXPECT_FALSE(recorder->Flush());
    EXPECT_EQ(recorder->pending(), 2U);
    recorder.reset();  // logs the loss; must not crash or hang
}

TEST_F(LedgerTest, BudgetSumsThisMonthOfTheLedgerAndFollowsThePlan) {
    AddTenant(*db_, "ten_free", "FREE");
    AddTenant(*db_, "ten_pro", "PRO");
    AddCall(*db_, "ten_free", "claude-3-haiku", "OK", 600'000, 900, kNovemberStart);
    AddCall(*db_, "ten_free", "claude-3-haiku", "OK", 900'000, 900, kNovemberStart - 1);  // October
    AddCall(*db_, "ten_free", "claude-3-haiku", "OK", 900'000, 900, kDecemberStart);      // December
    AddCall(*db_, "ten_pro", "claude-3-sonnet", "OK", 5'000'000, 900, kMidNovember - 1000);

    DbBudget budget(*db_, {.free_micro_usd = 1'000'000, .pro_micro_usd = 20'000'000}, nullptr, std::chrono::seconds(60),
                    [] { return FromUnixMillis(kMidNovember); });
    EXPECT_EQ(*budget.SpentThisMonth(TenantId("ten_free")), 600'000);
    EXPECT_TRUE(budget.Allow(TenantId("ten_free"), 400'000));
    EXPECT_FALSE(budget.Allow(TenantId("ten_free"), 400'001));
    budget.Charge(TenantId("ten_free"), 300'000);
    EXPECT_EQ(*budget.SpentThisMonth(TenantId("ten_free")), 900'000);
    EXPECT_FALSE(budget.Allow(TenantId("ten_free"), 200'000));

    EXPECT_TRUE(budget.Allow(TenantId("ten_pro"), 15'000'000));  // PRO limit, not FREE
    EXPECT_FALSE(budget.Allow(TenantId("ten_pro"), 15'000'001));
    // A tenant the database does not know gets the FREE limit.
    EXPECT_TRUE(budget.Allow(TenantId("ten_ghost"), 1'000'000));
    EXPECT_FALSE(budget.Allow(TenantId("ten_ghost"), 1'000'001));
}

TEST_F(LedgerTest, AZeroBudgetAllowsNoModelCall) {
    AddTenant(*db_, "ten_free", "FREE");
    DbBudget budget(*db_, {.free_micro_usd = 0, .pro_micro_usd = 0});
    EXPECT_FALSE(budget.Allow(TenantId("ten_free"), 1));
}

TEST_F(LedgerTest, BudgetCountsRowsTheRecorderHasNotWrittenYet) {
    AddTenant(*db_, "ten_a", "FREE");
    DbCallRecorder recorder(*db_, logger_, {.flush_interval = std::chrono::hours(1)});
    CallRecord expensive = Record("served");
    expensive.cost_micro_usd = 999'000;
    recorder.Record(expensive);
    DbBudget budget(*db_, {.free_micro_usd = 1'000'000, .pro_micro_usd = 1'000'000}, &recorder);
    EXPECT_EQ(*budget.SpentThisMonth(TenantId("ten_a")), 999'000);
    EXPECT_FALSE(budget.Allow(TenantId("ten_a"), 2'000));
}

TEST_F(LedgerTest, BudgetRereadsThePlanAfterTheRefreshPeriod) {
    AddTenant(*db_, "ten_a", "FREE");
    DbBudget budget(*db_, {.free_micro_usd = 10, .pro_micro_usd = 1'000}, nullptr, std::chrono::seconds(0));
    EXPECT_FALSE(budget.Allow(TenantId("ten_a"), 100));
    Exec(*db_, "UPDATE tenants SET plan = 'PRO' WHERE tenant_id = 'ten_a'");
    EXPECT_TRUE(budget.Allow(TenantId("ten_a"), 100));
}

TEST_F(LedgerTest, ABrokenLedgerAllowsNoPaidCall) {
    DbBudget budget(*db_, {.free_micro_usd = 1'000'000, .pro_micro_usd = 1'000'000});
    db_->Close();
    EXPECT_FALSE(budget.Allow(TenantId("ten_a"), 1));
}

TEST_F(LedgerTest, SummaryByLevelForATimeRange) {
    const std::int64_t t = kMidNovember;
    AddCall(*db_, "ten_a", "claude-3-haiku", "OK", 1000, 300, t);
    AddCall(*db_, "ten_a", "claude-3-haiku", "OK", 1000, 100, t + 1);
    AddCall(*db_, "ten_b", "claude-3-haiku", "TIMEOUT", 0, 800, t + 2);
    AddCall(*db_, "ten_a", "claude-3-haiku", "INVALID_OUTPUT", 500, 200, t + 3);
    AddCall(*db_, "ten_a", "claude-3-haiku", "CIRCUIT_OPEN", 0, 0, t + 4);
    AddCall(*db_, "ten_a", "rules", "OK", 0, 1, t + 5);
    AddCall(*db_, "ten_a", "claude-3-haiku", "OK", 7777, 5, t - 10'000);  // before the range
    AddCall(*db_, "ten_a", "claude-3-haiku", "OK", 7777, 5, t + 10'000);  // after it

    auto summary = db_->ReadSync([&](storage::Conn& conn) { return QueryLedgerSummary(conn, t - 1000, t + 1000); });
    ASSERT_TRUE(summary) << summary.error().message << " " << summary.error().detail;
    ASSERT_EQ(summary->levels.size(), 2U);
    const LevelSummary& haiku = summary->levels[0];
    EXPECT_EQ(haiku.level, "claude-3-haiku");
    EXPECT_EQ(haiku.calls, 5);
    EXPECT_EQ(haiku.attempts, 4);
    EXPECT_EQ(haiku.served, 2);
    EXPECT_EQ(haiku.failures, 2);
    EXPECT_EQ(haiku.skipped, 1);
    EXPECT_EQ(haiku.cost_micro_usd, 2500);
    EXPECT_EQ(haiku.p50_latency_ms, 200);  // of 100, 200, 300, 800 (the skip does not count)
    EXPECT_EQ(summary->levels[1].level, "rules");
    EXPECT_EQ(summary->levels[1].p50_latency_ms, 1);
    EXPECT_EQ(summary->calls, 6);
    EXPECT_EQ(summary->cost_micro_usd, 2500);

    auto only_b = db_->ReadSync(
        [&](storage::Conn& conn) { return QueryLedgerSummary(conn, t - 1000, t + 1000, TenantId("ten_b")); });
    ASSERT_TRUE(only_b);
    ASSERT_EQ(only_b->levels.size(), 1U);
    EXPECT_EQ(only_b->levels[0].failures, 1);
    EXPECT_EQ(only_b->levels[0].p50_latency_ms, 800);

    auto empty = db_->ReadSync([&](storage::Conn& conn) { return QueryLedgerSummary(conn, 0, 1); });
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->levels.empty());
    EXPECT_EQ(empty->calls, 0);
}

}  // namespace webdpro::ai
