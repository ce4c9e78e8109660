#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ai/ai_config.hpp"
#include "ai/breaker_prober.hpp"
#include "ai/chain_config.hpp"
#include "ai/ledger.hpp"
#include "ai/site_spec_chain.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "http/client.hpp"
#include "storage/db.hpp"

namespace webdpro::ai {

/// The model levels `config` describes, secrets resolved through `env`: the default chain
/// (DefaultLevelConfigs) when the file has no [[ai.levels]], else each level with its key read
/// from its `api_key_env` — or, when that is empty, from the provider's usual variable
/// (anthropic: ANTHROPIC_API_KEY; bedrock: AWS_BEARER_TOKEN_BEDROCK, else the AWS_ACCESS_KEY_ID /
/// AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN key pair; openai: none, as self-hosted servers need
/// none). Bedrock's region is the level's aws_region, else AWS_REGION, else us-east-1. A "rules"
/// level is dropped: the rule-based level is always the last one anyway.
std::vector<LevelConfig> ResolveLevelConfigs(const AiConfig& config, const EnvLookup& env);

/// The chain options for `config` (deadline, breaker, start levels, cache).
ChainOptions ChainOptionsFrom(const AiConfig& config);

/// The budget limits for `config` (USD → micro-USD).
BudgetLimits BudgetLimitsFrom(const AiConfig& config);

/// Reads the process environment (std::getenv); the EnvLookup for production.
std::string ProcessEnv(std::string_view name);

/// The configured AI chain with its ledger and budget, built once at start-up: the model levels
/// from [ai], a DbCallRecorder writing ai_calls, a DbBudget on the ledger, the SiteSpecChain over
/// them, and a BreakerProber that probes a failed level in the background once its breaker's
/// cool-down passes (running when some level has credentials; level health in `metrics`). Build() logs which levels are
/// active and which are skipped for missing credentials (level, provider, model and the name of the key variable —
/// never a key).
///
/// chain().Generate() blocks: run it on a WorkPool. Call Flush() when a generation ends so its
/// rows are written now rather than by the background writer (at most about a second later).
/// Destroy the runtime before closing `db`: its destructor writes whatever is still buffered.
/// Thread-safe (as SiteSpecChain).
class AiRuntime final {
public:
    /// Errors: kInvalidArgument naming the level when a level cannot be built (unknown provider,
    /// empty model, bad timeout or price — normally already refused by LoadConfig).
    /// `db`, `client`, `logger` and `metrics` (optional: the ledger loop's run counts) must
    /// outlive the runtime.
    static Result<std::unique_ptr<AiRuntime>> Build(const AiConfig& config, storage::Db& db, const http::Client& client,
                                                    Logger& logger, EnvLookup env, Metrics* metrics = nullptr);

    ~AiRuntime();
    AiRuntime(const AiRuntime&) = delete;
    AiRuntime& operator=(const AiRuntime&) = delete;

    SiteSpecChain& chain() { return *chain_; }
    DbCallRecorder& recorder() { return *recorder_; }
    DbBudget& budget() { return *budget_; }

    /// Writes the buffered ai_calls rows now (blocking; never on an I/O thread). A failure is
    /// logged and the rows stay buffered for the next try.
    void Flush();

    /// Names of the model levels that have credentials, in chain order (rules excluded).
    const std::vector<std::string>& active_levels() const { return active_levels_; }

private:
    explicit AiRuntime(Logger& logger) : logger_(logger) {}

    Logger& logger_;
    std::vector<std::string> active_levels_;
    // Destroyed in reverse: the prober first (it probes the chain), the chain (it uses both),
    // then the budget (it flushes the recorder), then the recorder, which writes what is left.
    std::unique_ptr<DbCallRecorder> recorder_;
    std::unique_ptr<DbBudget> budget_;
    std::unique_ptr<SiteSpecChain> chain_;
    std::unique_ptr<BreakerProber> prober_;
};

}  // namespace webdpro::ai
