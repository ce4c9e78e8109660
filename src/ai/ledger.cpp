#include "ai/ledger.hpp"

#include <algorithm>
#include <utility>

namespace webdpro::ai {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr std::string_view kOk = "OK";
constexpr std::string_view kSkipped = "SKIPPED";
constexpr std::string_view kTimeout = "TIMEOUT";
constexpr std::string_view kError = "ERROR";
constexpr std::string_view kInvalidOutput = "INVALID_OUTPUT";
constexpr std::string_view kCircuitOpen = "CIRCUIT_OPEN";
// The error column holds the class and the start of the internal detail: enough to tell
// failures apart in the admin's view, bounded so a model's long reply cannot bloat the table.
constexpr std::size_t kMaxErrorChars = 300;

constexpr std::string_view kInsertCall =
    "INSERT INTO ai_calls (call_id, tenant_id, store_id, level, provider, model, outcome, input_tokens, "
    "output_tokens, cost_micro_usd, latency_ms, error, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

constexpr std::string_view kTenantPlan = "SELECT plan FROM tenants WHERE tenant_id = $1";

constexpr std::string_view kTenantSpend =
    "SELECT COALESCE(SUM(cost_micro_usd), 0) FROM ai_calls "
    "WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3";

constexpr std::string_view kSummaryByLevel =
    "SELECT level, COUNT(*), "
    "SUM(CASE WHEN outcome = 'OK' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN outcome IN ('TIMEOUT', 'ERROR', 'INVALID_OUTPUT') THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN outcome IN ('SKIPPED', 'CIRCUIT_OPEN') THEN 1 ELSE 0 END), "
    "COALESCE(SUM(cost_micro_usd), 0) "
    "FROM ai_calls WHERE created_at >= $1 AND created_at < $2 AND ($3 = '' OR tenant_id = $3) "
    "GROUP BY level ORDER BY level";

// The median of a level's attempts: the middle row in latency order (lower middle for even counts).
constexpr std::string_view kMedianLatency =
    "SELECT latency_ms FROM ai_calls "
    "WHERE level = $1 AND created_at >= $2 AND created_at < $3 AND ($4 = '' OR tenant_id = $4) "
    "AND outcome NOT IN ('SKIPPED', 'CIRCUIT_OPEN') "
    "ORDER BY latency_ms LIMIT 1 OFFSET $5";

std::string ErrorText(const CallRecord& record) {
    std::string text = record.error_class;
    if (!record.detail.empty() && record.outcome != "served") {
        text += text.empty() ? "" : ": ";
        text += record.detail;
    }
    if (text.size() > kMaxErrorChars) {
        // Cut on a UTF-8 character boundary.
        std::size_t cut = kMaxErrorChars;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        text.resize(cut);
    }
    return text;
}

std::int64_t NextMonthStartMillis(TimePoint t) {
    using namespace std::chrono;
    const year_month_day day{floor<days>(t)};
    const year_month next = year_month{day.year(), day.month()} + months{1};
    return duration_cast<milliseconds>(sys_days{next / 1}.time_since_epoch()).count();
}

}  // namespace

std::string_view LedgerOutcome(const CallRecord& record) {
    if (record.outcome == "served") {
        return kOk;
    }
    if (record.outcome == "skipped") {
        return record.error_class == "breaker_open" ? kCircuitOpen : kSkipped;
    }
    if (record.outcome == "repair_failed" || record.error_class == "invalid_output") {
        return kInvalidOutput;
    }
    if (record.error_class == "timeout") {
        return kTimeout;
    }
    return kError;
}

Plan PlanFromTenantPlan(std::string_view plan) {
    return plan == "PRO" || plan == "ENTERPRISE" ? Plan::kPro : Plan::kFree;
}

std::int64_t MonthStartMillis(TimePoint t) {
    using namespace std::chrono;
    const year_month_day day{floor<days>(t)};
    return duration_cast<milliseconds>(sys_days{day.year() / day.month() / 1}.time_since_epoch()).count();
}

// ---------------------------------------------------------------------------------------------
// DbCallRecorder
// ---------------------------------------------------------------------------------------------

DbCallRecorder::DbCallRecorder(storage::Db& db, Logger& logger, Options options)
    : db_(db),
      logger_(logger),
      options_(options),
      batcher_(BackgroundLoopOptions{.name = "ai-ledger",
                                     .period = options_.flush_interval,
                                     .initial_delay = options_.flush_interval,
                                     .metrics = options_.metrics},
               [this] { return RunBatcher(); }) {
    batcher_.Start();
}

DbCallRecorder::~DbCallRecorder() {
    batcher_.Stop();
    if (auto flushed = Flush(); !flushed) {
        logger_.Error("ai ledger: rows lost at shutdown",
                      {{"rows", pending()}, {"error", flushed.error().message}, {"detail", flushed.error().detail}});
    }
}

void DbCallRecorder::Record(const CallRecord& record) {
    const std::int64_t now = UnixMillis(NowUtc());
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        buffer_.push_back(Row{record, now});
        wake = buffer_.size() >= options_.flush_at;
    }
    if (wake) {
        batcher_.Wake();
    }
}

std::size_t DbCallRecorder::pending() const {
    std::lock_guard lock(mutex_);
    return buffer_.size();
}

Result<void> DbCallRecorder::Flush() {
    std::lock_guard flush_lock(flush_mutex_);
    std::vector<Row> rows;
    {
        std::lock_guard lock(mutex_);
        rows.swap(buffer_);
    }
    if (rows.empty()) {
        return {};
    }
    auto written = db_.WriteSync([&rows](storage::Conn& conn) -> Result<void> {
        for (const Row& row : rows) {
            const CallRecord& record = row.record;
            const std::string error = ErrorText(record);
            auto inserted = conn.Exec(
                kInsertCall, NewIdString("aic"),
                record.tenant_id.empty() ? std::optional<std::string>() : std::optional(record.tenant_id.str()),
                record.store_id ? std::optional(record.store_id->str()) : std::optional<std::string>(), record.level,
                record.provider, record.model, LedgerOutcome(record), std::max<std::int64_t>(0, record.input_tokens),
                std::max<std::int64_t>(0, record.output_tokens), std::max<std::int64_t>(0, record.cost_micro_usd),
                std::max<std::int64_t>(0, record.latency.count()),
                error.empty() ? std::optional<std::string>() : std::optional(error), row.created_at_ms);
            if (!inserted) {
                return Fail(std::move(inserted.error()));
            }
        }
        return {};
    });
    if (written) {
        return {};
    }
    // Put the rows back in front of anything recorded meanwhile, keeping the newest within bounds.
    std::lock_guard lock(mutex_);
    rows.insert(rows.end(), std::make_move_iterator(buffer_.begin()), std::make_move_iterator(buffer_.end()));
    if (rows.size() > options_.max_buffered) {
        const std::size_t dropped = rows.size() - options_.max_buffered;
        rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(dropped));
        logger_.Error("ai ledger: buffer full, oldest rows dropped", {{"rows", dropped}});
    }
    buffer_ = std::move(rows);
    return Fail(std::move(written.error()));
}

LoopNext DbCallRecorder::RunBatcher() {
    if (pending() == 0) {
        return LoopNext::kWait;
    }
    if (auto flushed = Flush(); !flushed) {
        logger_.Warn("ai ledger: write failed, will retry",
                     {{"rows", pending()}, {"error", flushed.error().message}, {"detail", flushed.error().detail}});
    }
    return LoopNext::kWait;
}

// ---------------------------------------------------------------------------------------------
// DbBudget
// ---------------------------------------------------------------------------------------------

DbBudget::DbBudget(storage::Db& db, BudgetLimits limits, DbCallRecorder* recorder, std::chrono::seconds refresh,
                   ClockFn clock)
    : db_(db), limits_(limits), recorder_(recorder), refresh_(refresh), clock_(std::move(clock)) {}

Result<DbBudget::Entry> DbBudget::Current(const TenantId& tenant) {
    const TimePoint now = clock_();
    const std::int64_t month_start = MonthStartMillis(now);
    {
        std::lock_guard lock(mutex_);
        const auto it = entries_.find(tenant.str());
        if (it != entries_.end() && it->second.month_start_ms == month_start &&
            SteadyClock::now() - it->second.loaded_at < refresh_) {
            return it->second;
        }
    }
    // Our own unwritten rows must be in the table before it is summed.
    if (recorder_ != nullptr) {
        if (auto flushed = recorder_->Flush(); !flushed) {
            return Fail(std::move(flushed.error()));
        }
    }
    const std::int64_t month_end = NextMonthStartMillis(now);
    auto loaded = db_.ReadSync([&](storage::Conn& conn) -> Result<Entry> {
        Entry entry;
        entry.month_start_ms = month_start;
        auto plan = conn.QueryOne(kTenantPlan, tenant);
        if (!plan) {
            return Fail(std::move(plan.error()));
        }
        const Plan tier = plan->has_value() ? PlanFromTenantPlan((*plan)->Text(0)) : Plan::kFree;
        entry.limit_micro_usd = tier == Plan::kPro ? limits_.pro_micro_usd : limits_.free_micro_usd;
        auto spent = conn.QueryOne(kTenantSpend, tenant, month_start, month_end);
        if (!spent) {
            return Fail(std::move(spent.error()));
        }
        entry.spent_micro_usd = spent->has_value() ? (*spent)->Int(0) : 0;
        return entry;
    });
    if (!loaded) {
        return loaded;
    }
    loaded->loaded_at = SteadyClock::now();
    std::lock_guard lock(mutex_);
    entries_[tenant.str()] = *loaded;
    return loaded;
}

bool DbBudget::Allow(const TenantId& tenant, std::int64_t estimated_micro_usd) {
    auto entry = Current(tenant);
    if (!entry) {
        // Without the ledger the spend is unknown: skip paid levels (the rules level still answers).
        return false;
    }
    return entry->spent_micro_usd + estimated_micro_usd <= entry->limit_micro_usd;
}

void DbBudget::Charge(const TenantId& tenant, std::int64_t cost_micro_usd) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(tenant.str());
    // A charge for a tenant not loaded yet is in the ledger rows, which the next load sums.
    if (it != entries_.end() && it->second.month_start_ms == MonthStartMillis(clock_())) {
        it->second.spent_micro_usd += cost_micro_usd;
    }
}

Result<std::int64_t> DbBudget::SpentThisMonth(const TenantId& tenant) {
    auto entry = Current(tenant);
    if (!entry) {
        return Fail(std::move(entry.error()));
    }
    return entry->spent_micro_usd;
}

// ---------------------------------------------------------------------------------------------
// Ledger summary
// ---------------------------------------------------------------------------------------------

Result<LedgerSummary> QueryLedgerSummary(storage::Conn& conn, std::int64_t from_ms, std::int64_t to_ms,
                                         const std::optional<TenantId>& tenant) {
    LedgerSummary summary;
    summary.from_ms = from_ms;
    summary.to_ms = to_ms;
    const std::string tenant_filter = tenant ? tenant->str() : std::string();
    auto rows = conn.Query(kSummaryByLevel, from_ms, to_ms, tenant_filter);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    for (const storage::Row& row : *rows) {
        LevelSummary level;
        level.level = row.Text(0);
        level.calls = row.Int(1);
        level.served = row.Int(2);
        level.failures = row.Int(3);
        level.skipped = row.Int(4);
        level.cost_micro_usd = row.Int(5);
        level.attempts = level.calls - level.skipped;
        if (level.attempts > 0) {
            auto median =
                conn.QueryOne(kMedianLatency, level.level, from_ms, to_ms, tenant_filter, (level.attempts - 1) / 2);
            if (!median) {
                return Fail(std::move(median.error()));
            }
            level.p50_latency_ms = median->has_value() ? (*median)->Int(0) : 0;
        }
        summary.calls += level.calls;
        summary.cost_micro_usd += level.cost_micro_usd;
        summary.levels.push_back(std::move(level));
    }
    return summary;
}

namespace {

constexpr std::string_view kSpendByModel = R"sql(
SELECT provider, model, count(*) AS calls, coalesce(sum(input_tokens), 0) AS input_tokens,
       coalesce(sum(output_tokens), 0) AS output_tokens, coalesce(sum(cost_micro_usd), 0) AS cost
FROM ai_calls WHERE created_at >= $1 AND created_at < $2
GROUP BY provider, model ORDER BY cost DESC, provider, model
)sql";

constexpr std::string_view kSpendByTenant = R"sql(
SELECT tenant_id, count(*) AS calls, coalesce(sum(cost_micro_usd), 0) AS cost
FROM ai_calls WHERE created_at >= $1 AND created_at < $2 AND tenant_id IS NOT NULL
GROUP BY tenant_id ORDER BY cost DESC, tenant_id LIMIT $3
)sql";

}  // namespace

Result<std::vector<ModelSpend>> QuerySpendByModel(storage::Conn& conn, std::int64_t from_ms, std::int64_t to_ms) {
    auto rows = conn.Query(kSpendByModel, from_ms, to_ms);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<ModelSpend> out;
    for (const storage::Row& row : *rows) {
        out.push_back(ModelSpend{.provider = row.Text("provider"),
                                 .model = row.Text("model"),
                                 .calls = row.Int("calls"),
                                 .input_tokens = row.Int("input_tokens"),
                                 .output_tokens = row.Int("output_tokens"),
                                 .cost_micro_usd = row.Int("cost")});
    }
    return out;
}

Result<std::vector<TenantSpend>> QuerySpendByTenant(storage::Conn& conn, std::int64_t from_ms, std::int64_t to_ms,
                                                    int limit) {
    auto rows = conn.Query(kSpendByTenant, from_ms, to_ms, limit);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<TenantSpend> out;
    for (const storage::Row& row : *rows) {
        out.push_back(TenantSpend{.tenant_id = TenantId(row.Text("tenant_id")),
                                  .calls = row.Int("calls"),
                                  .cost_micro_usd = row.Int("cost")});
    }
    return out;
}

}  // namespace webdpro::ai
