#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ai/site_spec_chain.hpp"
#include "core/background_loop.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/time.hpp"
#include "storage/db.hpp"

namespace webdpro::ai {

/// The ai_calls.outcome for a chain record: served → OK; a timeout → TIMEOUT; output that did not
/// validate (also after the repair retry) → INVALID_OUTPUT; skipped for an open breaker →
/// CIRCUIT_OPEN; any other skip (no credentials, budget, deadline) → SKIPPED; any other failure → ERROR.
std::string_view LedgerOutcome(const CallRecord& record);

/// The chain's Plan for a tenants.plan value: "PRO" and "ENTERPRISE" are kPro, anything else kFree.
Plan PlanFromTenantPlan(std::string_view plan);

/// Writes the chain's call records into ai_calls.
///
/// Record() only appends to an in-memory buffer (the chain calls it inline, on its worker
/// thread), so a generation does not pay one durable commit per level. The buffer is written in
/// one write transaction by Flush() — which the caller may invoke at the end of a generation —
/// and by a background loop every `flush_interval`, or sooner once `flush_at` records wait.
/// Each row keeps the time Record() was called. A failed write keeps the rows for the next
/// flush (up to `max_buffered`; beyond that the oldest are dropped with a warning, so a dead
/// database cannot grow memory without bound).
///
/// The destructor stops the loop and flushes what is left: destroy the recorder before the
/// Db is closed and nothing recorded is lost on a clean stop. Thread-safe.
class DbCallRecorder final : public CallRecorder {
public:
    struct Options {
        std::chrono::milliseconds flush_interval{1000};
        std::size_t flush_at = 256;          ///< wake the background writer at this many rows
        std::size_t max_buffered = 100'000;  ///< rows kept while the database refuses writes
        Metrics* metrics = nullptr;          ///< the loop's run counts (loop="ai-ledger"); optional
    };

    /// `db` and `logger` must outlive the recorder.
    DbCallRecorder(storage::Db& db, Logger& logger, Options options);
    DbCallRecorder(storage::Db& db, Logger& logger) : DbCallRecorder(db, logger, Options{}) {}
    ~DbCallRecorder() override;
    DbCallRecorder(const DbCallRecorder&) = delete;
    DbCallRecorder& operator=(const DbCallRecorder&) = delete;

    void Record(const CallRecord& record) override;

    /// Writes every row recorded before the call, in one transaction, and returns once it is
    /// durable. Blocking (never call it on an I/O thread). On failure the rows stay buffered and
    /// the database's error is returned.
    Result<void> Flush();

    /// Rows recorded but not yet written.
    std::size_t pending() const;

private:
    struct Row {
        CallRecord record;
        std::int64_t created_at_ms = 0;
    };

    /// One turn of the background loop: writes the buffer when it holds rows.
    LoopNext RunBatcher();

    storage::Db& db_;
    Logger& logger_;
    Options options_;
    mutable std::mutex mutex_;
    std::vector<Row> buffer_;
    std::mutex flush_mutex_;  // one flush at a time keeps rows in order and never writes one twice
    BackgroundLoop batcher_;  // last: stopped before the members it uses go
};

/// Monthly AI budgets per tenant, in micro-USD; 0 = no model calls at all.
struct BudgetLimits {
    std::int64_t free_micro_usd = 1'000'000;
    std::int64_t pro_micro_usd = 20'000'000;  ///< PRO and ENTERPRISE
};

/// A tenant's monthly budget from the ledger: month-to-date (calendar month, UTC)
/// SUM(ai_calls.cost_micro_usd), loaded once and then kept in memory with the charges since; the
/// limit follows tenants.plan. Both are re-read from the database every `refresh` (so a plan
/// upgrade and other nodes' spending are seen), and at the turn of the month. Before it reads
/// the ledger it flushes `recorder` (when given) so this node's own unwritten rows count.
/// An unknown tenant gets the FREE limit.
///
/// Allow() may read the database (blocking): it is called on the chain's worker thread.
/// Thread-safe; `db` and `recorder` must outlive the budget.
class DbBudget final : public AiBudget {
public:
    using ClockFn = std::function<TimePoint()>;

    DbBudget(storage::Db& db, BudgetLimits limits, DbCallRecorder* recorder = nullptr,
             std::chrono::seconds refresh = std::chrono::seconds(60), ClockFn clock = NowUtc);

    bool Allow(const TenantId& tenant, std::int64_t estimated_micro_usd) override;
    void Charge(const TenantId& tenant, std::int64_t cost_micro_usd) override;

    /// Month-to-date spend as the budget sees it (loading it when needed).
    Result<std::int64_t> SpentThisMonth(const TenantId& tenant);

private:
    struct Entry {
        std::int64_t month_start_ms = 0;
        std::int64_t spent_micro_usd = 0;
        std::int64_t limit_micro_usd = 0;
        std::chrono::steady_clock::time_point loaded_at;
    };

    /// The tenant's entry, (re)loaded from the database when missing, stale or of another month.
    Result<Entry> Current(const TenantId& tenant);

    storage::Db& db_;
    BudgetLimits limits_;
    DbCallRecorder* recorder_;
    std::chrono::seconds refresh_;
    ClockFn clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

/// Milliseconds since the epoch of the first instant of `t`'s calendar month, UTC.
std::int64_t MonthStartMillis(TimePoint t);

/// One level's figures in a ledger summary.
struct LevelSummary {
    std::string level;
    std::int64_t calls = 0;     ///< every row, skips included
    std::int64_t attempts = 0;  ///< rows where a model was actually called (not skipped)
    std::int64_t served = 0;    ///< OK
    std::int64_t failures = 0;  ///< TIMEOUT, ERROR, INVALID_OUTPUT
    std::int64_t skipped = 0;   ///< SKIPPED, CIRCUIT_OPEN
    std::int64_t cost_micro_usd = 0;
    std::int64_t p50_latency_ms = 0;  ///< median over attempts; 0 when there were none
};

/// What the ledger says about a time range, for the admin's AI figures.
struct LedgerSummary {
    std::int64_t from_ms = 0;          ///< inclusive
    std::int64_t to_ms = 0;            ///< exclusive
    std::vector<LevelSummary> levels;  ///< by level name
    std::int64_t calls = 0;
    std::int64_t cost_micro_usd = 0;
};

/// Summarises ai_calls rows with from_ms <= created_at < to_ms, for every tenant or only
/// `tenant`. A read; run it inside Db::Read / ReadSync.
Result<LedgerSummary> QueryLedgerSummary(storage::Conn& conn, std::int64_t from_ms, std::int64_t to_ms,
                                         const std::optional<TenantId>& tenant = std::nullopt);

/// Model spend over a time range, per provider and model (skipped calls included in `calls`).
struct ModelSpend {
    std::string provider;
    std::string model;
    std::int64_t calls = 0;
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    std::int64_t cost_micro_usd = 0;
};

/// ai_calls rows with from_ms <= created_at < to_ms, summed per (provider, model), most costly
/// first. A read; run it inside Db::Read / ReadSync.
Result<std::vector<ModelSpend>> QuerySpendByModel(storage::Conn& conn, std::int64_t from_ms, std::int64_t to_ms);

/// One tenant's model spend over a time range.
struct TenantSpend {
    TenantId tenant_id;
    std::int64_t calls = 0;
    std::int64_t cost_micro_usd = 0;
};

/// The `limit` tenants that spent most with from_ms <= created_at < to_ms (calls without a
/// tenant are left out), most costly first. A read.
Result<std::vector<TenantSpend>> QuerySpendByTenant(storage::Conn& conn, std::int64_t from_ms, std::int64_t to_ms,
                                                    int limit);

}  // namespace webdpro::ai
