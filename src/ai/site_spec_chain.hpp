#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ai/model_provider.hpp"
#include "core/ids.hpp"
#include "sitegen/site_spec.hpp"

namespace webdpro::ai {

// ---------------------------------------------------------------------------------------------
// Injected collaborators
// ---------------------------------------------------------------------------------------------

/// What one attempt at one level did, for the ai_calls ledger.
struct CallRecord {
    TenantId tenant_id;
    std::optional<StoreId> store_id;  ///< the store being generated, when there is one
    std::string level;                ///< level name, e.g. "claude-3-haiku"
    std::string provider;
    std::string model;
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    std::int64_t cost_micro_usd = 0;
    std::chrono::milliseconds latency{0};
    /// "served", "failed", "skipped" (breaker open, no credentials, budget, deadline), "repair_failed".
    std::string outcome;
    std::string error_class;  ///< ErrorClassName(...) or a skip reason ("breaker_open", "budget", …); "" when served
    std::string detail;       ///< internal, log only
    bool repair_attempt = false;
};

/// Where call records go (the database ledger later; memory in tests). Must be thread-safe and
/// must not block for long: the chain calls it inline.
class CallRecorder {
public:
    virtual ~CallRecorder() = default;
    virtual void Record(const CallRecord& record) = 0;
};

/// Keeps every record in memory. Thread-safe.
class InMemoryCallRecorder final : public CallRecorder {
public:
    void Record(const CallRecord& record) override;
    std::vector<CallRecord> records() const;
    void Clear();

private:
    mutable std::mutex mutex_;
    std::vector<CallRecord> records_;
};

/// A tenant's monthly AI budget. Allow() is asked before a paid level is tried with the
/// worst-case cost of the call; Charge() is told what a call really cost. Thread-safe.
class AiBudget {
public:
    virtual ~AiBudget() = default;
    virtual bool Allow(const TenantId& tenant, std::int64_t estimated_micro_usd) = 0;
    virtual void Charge(const TenantId& tenant, std::int64_t cost_micro_usd) = 0;
};

/// A budget that allows everything (CLI, tests).
class UnlimitedBudget final : public AiBudget {
public:
    bool Allow(const TenantId&, std::int64_t) override { return true; }
    void Charge(const TenantId&, std::int64_t) override {}
};

/// A fixed monthly limit per tenant kept in memory (tests; the stored ledger replaces it later).
/// The month rolls over only when the process restarts. Thread-safe.
class InMemoryBudget final : public AiBudget {
public:
    explicit InMemoryBudget(std::int64_t monthly_limit_micro_usd) : limit_(monthly_limit_micro_usd) {}
    bool Allow(const TenantId& tenant, std::int64_t estimated_micro_usd) override;
    void Charge(const TenantId& tenant, std::int64_t cost_micro_usd) override;
    std::int64_t spent(const TenantId& tenant) const;

private:
    std::int64_t limit_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::int64_t> spent_;
};

// ---------------------------------------------------------------------------------------------
// Circuit breaker
// ---------------------------------------------------------------------------------------------

/// Per-level circuit breaker: opens after `failure_threshold` consecutive failures (or at once
/// for a retry-after hold), allows ONE probe after `cool_down`, closes on a successful probe and
/// re-opens on a failed one. Without `background_probe` the probe is the next call TryAcquire
/// lets through; with it, TryAcquire passes only while closed and the probe is claimed by
/// ClaimProbe (a background prober), so no owner's request waits on a provider that may still be
/// down. Thread-safe; TryAcquire is a mutex and a compare.
class CircuitBreaker final {
public:
    using SteadyClock = std::chrono::steady_clock;

    enum class State : std::uint8_t { kClosed, kOpen, kHalfOpen };

    CircuitBreaker(int failure_threshold, std::chrono::milliseconds cool_down, bool background_probe = false);

    /// True when a call may go ahead now (closed; without background probing also the single
    /// half-open probe).
    bool TryAcquire(SteadyClock::time_point now = SteadyClock::now());
    /// True when the cool-down has passed and no probe is out: the caller now holds the probe
    /// (state half-open) and must report it with OnSuccess, OnFailure, OnTimeout or HoldOff.
    bool ClaimProbe(SteadyClock::time_point now = SteadyClock::now());
    void OnSuccess(SteadyClock::time_point now = SteadyClock::now());
    void OnFailure(SteadyClock::time_point now = SteadyClock::now());
    /// A timeout. From a level that has not answered successfully within the cool-down (a dead or
    /// hanging provider) it opens the breaker at once — one hang costs as much time as many fast
    /// failures; from a level that is answering, it counts as one ordinary failure.
    void OnTimeout(SteadyClock::time_point now = SteadyClock::now());
    /// Opens now for at least `hold` (a provider's retry-after), whatever the count.
    void HoldOff(std::chrono::milliseconds hold, SteadyClock::time_point now = SteadyClock::now());
    /// A call was allowed but never made (deadline, budget): releases a half-open probe slot.
    void Release();
    State state() const;

private:
    int failure_threshold_;
    std::chrono::milliseconds cool_down_;
    bool background_probe_;
    mutable std::mutex mutex_;
    State state_ = State::kClosed;
    int consecutive_failures_ = 0;
    bool probe_in_flight_ = false;
    SteadyClock::time_point open_until_{};
    std::optional<SteadyClock::time_point> last_success_;
};

// ---------------------------------------------------------------------------------------------
// Spec cache
// ---------------------------------------------------------------------------------------------

/// LRU cache of generated specs keyed by (normalised description, language). Thread-safe.
class SpecCache final {
public:
    explicit SpecCache(std::size_t capacity) : capacity_(capacity) {}

    /// Lower-cased ASCII, whitespace runs collapsed to one space, trimmed.
    static std::string NormaliseDescription(std::string_view description);

    std::optional<std::pair<sitegen::SiteSpec, std::string>> Get(std::string_view description,
                                                                 sitegen::Language language);
    void Put(std::string_view description, sitegen::Language language, sitegen::SiteSpec spec, std::string level);
    std::size_t size() const;

private:
    struct Entry {
        std::string key;
        sitegen::SiteSpec spec;
        std::string level;
    };
    static std::string Key(std::string_view description, sitegen::Language language);

    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::list<Entry> entries_;  // front = most recently used
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

// ---------------------------------------------------------------------------------------------
// The chain
// ---------------------------------------------------------------------------------------------

/// A tenant's plan, as far as the chain cares.
enum class Plan : std::uint8_t { kFree, kPro };

/// One model level of the chain. The provider is owned by the level.
struct ChainLevel {
    std::string name;  ///< e.g. "claude-3-sonnet"
    std::unique_ptr<ModelProvider> provider;
    std::chrono::milliseconds timeout{30'000};
    double input_usd_per_1k = 0.0;
    double output_usd_per_1k = 0.0;
};

/// Chain-wide settings.
struct ChainOptions {
    /// Bounds the whole call, all levels together (the rules level runs after it regardless).
    std::chrono::milliseconds deadline{30'000};
    int breaker_failure_threshold = 3;
    std::chrono::milliseconds breaker_cool_down{30'000};
    /// A timeout from a level with no success within the cool-down opens its breaker at once.
    bool open_on_timeout = true;
    /// After a breaker's cool-down, ProbeDueLevels (a BreakerProber's loop) decides whether the
    /// level is back; Generate skips a level until then. False: the next owner's call is the probe.
    bool background_probe = false;
    /// Time allowed to one background probe call (cut to the level's own timeout).
    std::chrono::milliseconds probe_timeout{5'000};
    /// Time kept back for each later level that could still answer, so one hanging level cannot
    /// eat the whole deadline (a call gets at least this much, or what is left).
    std::chrono::milliseconds min_level_time{2'000};
    /// Index into the model levels where each plan starts (clamped; past the end = rules only).
    std::size_t free_start_level = 1;
    std::size_t pro_start_level = 0;
    std::size_t cache_capacity = 1024;
    int max_tokens = 4096;
    double temperature = 0.2;
    /// Input tokens assumed when estimating a call for the budget check.
    std::int64_t estimated_input_tokens = 1500;
};

/// One generation request.
struct SpecRequest {
    TenantId tenant_id;
    std::optional<StoreId> store_id;  ///< carried into every CallRecord (the ai_calls rows)
    Plan plan = Plan::kFree;
    std::string description;
    sitegen::Language language = sitegen::Language::kEnglish;
    /// 0 = the usual copy. Any other value asks for different wording of tagline, about and
    /// features (same facts; the rule-based level is deterministic per variant) and bypasses the
    /// spec cache in both directions: "regenerate copy".
    int variant = 0;
};

/// How a level stands now (for /metrics).
struct LevelHealth {
    std::string level;
    bool up = false;  ///< has credentials and its breaker is closed: owners' requests go to it
    CircuitBreaker::State breaker = CircuitBreaker::State::kClosed;
};

/// What one background probe found.
struct ProbeResult {
    std::size_t level = 0;  ///< index into the chain's model levels
    bool up = false;        ///< the provider answered: its breaker is closed again
};

/// What happened at one level during one generation (for progress events).
struct LevelReport {
    std::string level;
    std::string outcome;  ///< as CallRecord::outcome
    std::string reason;   ///< error class / skip reason; "" when served
};

/// The result: always a valid spec.
struct SpecGeneration {
    sitegen::SiteSpec spec;
    std::string served_by;  ///< a level name, or "rules"
    bool from_cache = false;
    std::int64_t cost_micro_usd = 0;
    std::chrono::milliseconds elapsed{0};
    std::vector<LevelReport> levels;
};

/// Cost of a call in micro-USD (rounded), from per-1K-token prices in USD.
std::int64_t CostMicroUsd(std::int64_t input_tokens, std::int64_t output_tokens, double input_usd_per_1k,
                          double output_usd_per_1k);

/// The system prompt that asks a model for a SiteSpec JSON object (exposed for tests).
std::string SiteSpecSystemPrompt();

/// Turns a description into a validated SiteSpec through the model levels in order, then the
/// rule-based generator, which always answers. A level without credentials, with an open
/// breaker or beyond the tenant's budget is skipped at once; each call's timeout is the level's
/// own, cut to what is left of the chain-wide deadline; a reply that does not survive
/// ParseAndRepair + Validate gets one repair retry on the same level, then counts as a failure.
/// Model text is only ever data: it becomes typed fields, never markup or instructions.
///
/// Generate blocks (model calls are blocking HTTP): run it on a WorkPool, never an I/O thread.
/// Thread-safe: any number of Generate calls may run at once. The recorder and budget must
/// outlive the chain.
class SiteSpecChain final {
public:
    SiteSpecChain(std::vector<ChainLevel> levels, ChainOptions options, CallRecorder& recorder, AiBudget& budget);

    /// Never fails: the worst case is the rule-based spec after the deadline.
    SpecGeneration Generate(const SpecRequest& request);

    /// Sends one small request to each level (with credentials) whose breaker's cool-down has
    /// passed, one level after another, and closes its breaker when the provider answers (any
    /// answer, even one too short to use) or re-opens it when it does not. Blocks up to
    /// options.probe_timeout per probed level: run it off the I/O threads. Probes are not charged
    /// to any tenant. Returns what each probe found, in chain order.
    std::vector<ProbeResult> ProbeDueLevels();
    /// Every model level in chain order.
    std::vector<LevelHealth> Health() const;

    std::size_t level_count() const { return levels_.size(); }
    const CircuitBreaker& breaker(std::size_t level) const { return *breakers_[level]; }
    const SpecCache& cache() const { return cache_; }

private:
    struct Attempt {
        std::optional<sitegen::SiteSpec> spec;
        ModelError error;
        bool repaired = false;
        bool called = false;  ///< false when the deadline passed before any call went out
    };

    Attempt TryLevel(const ChainLevel& level, const SpecRequest& request,
                     std::chrono::steady_clock::time_point deadline, std::chrono::milliseconds reserve,
                     SpecGeneration& out);
    void RecordCall(const SpecRequest& request, const ChainLevel& level, const ModelReply* reply,
                    std::chrono::milliseconds latency, std::string outcome, std::string error_class, std::string detail,
                    bool repair, SpecGeneration& out);

    std::vector<ChainLevel> levels_;
    ChainOptions options_;
    CallRecorder& recorder_;
    AiBudget& budget_;
    std::vector<std::unique_ptr<CircuitBreaker>> breakers_;
    SpecCache cache_;
};

}  // namespace webdpro::ai
