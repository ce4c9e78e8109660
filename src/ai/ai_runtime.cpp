#include "ai/ai_runtime.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace webdpro::ai {
namespace {

constexpr std::string_view kAnthropicKeyEnv = "ANTHROPIC_API_KEY";
constexpr std::string_view kBedrockKeyEnv = "AWS_BEARER_TOKEN_BEDROCK";
// Spelled out whole: `std::string(kBedrockKeyEnv) + "..."` makes GCC 12 report a false -Warray-bounds.
constexpr std::string_view kBedrockKeySources = "AWS_BEARER_TOKEN_BEDROCK or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY";
constexpr std::string_view kDefaultRegion = "us-east-1";
constexpr double kMicrosPerUsd = 1e6;

// Where a level's key comes from, for the start-up log (a name, never a value).
std::string KeySource(const std::string& provider, const std::string& api_key_env) {
    if (!api_key_env.empty()) {
        return api_key_env;
    }
    if (provider == "anthropic") {
        return std::string(kAnthropicKeyEnv);
    }
    if (provider == "bedrock") {
        return std::string(kBedrockKeySources);
    }
    return "";
}

LevelConfig FromSettings(const AiLevelSettings& settings, const EnvLookup& env) {
    LevelConfig level;
    level.name = settings.name;
    level.provider = settings.provider;
    level.model = settings.model;
    level.base_url = settings.base_url;
    level.timeout = std::chrono::seconds(settings.timeout_s);
    level.input_usd_per_1k = settings.input_usd_per_1k;
    level.output_usd_per_1k = settings.output_usd_per_1k;
    if (!settings.api_key_env.empty()) {
        level.api_key = env(settings.api_key_env);
    } else if (settings.provider == "anthropic") {
        level.api_key = env(kAnthropicKeyEnv);
    } else if (settings.provider == "bedrock") {
        level.api_key = env(kBedrockKeyEnv);
    }
    if (settings.provider == "bedrock") {
        level.aws = {env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"), env("AWS_SESSION_TOKEN")};
    }
    level.aws_region = settings.aws_region;
    if (level.aws_region.empty()) {
        level.aws_region = env("AWS_REGION");
    }
    if (level.aws_region.empty()) {
        level.aws_region = std::string(kDefaultRegion);
    }
    return level;
}

std::int64_t UsdToMicros(double usd) {
    return std::llround(usd * kMicrosPerUsd);
}

}  // namespace

std::vector<LevelConfig> ResolveLevelConfigs(const AiConfig& config, const EnvLookup& env) {
    if (!config.levels) {
        return DefaultLevelConfigs(env);
    }
    std::vector<LevelConfig> levels;
    for (const AiLevelSettings& settings : *config.levels) {
        if (settings.provider == "rules") {
            continue;
        }
        levels.push_back(FromSettings(settings, env));
    }
    return levels;
}

ChainOptions ChainOptionsFrom(const AiConfig& config) {
    ChainOptions options;
    options.deadline = std::chrono::seconds(config.deadline_s);
    options.breaker_failure_threshold = config.breaker_failures;
    options.breaker_cool_down = std::chrono::seconds(config.breaker_cool_down_s);
    // Owners' requests never probe a level that failed: the runtime's BreakerProber does.
    options.background_probe = true;
    options.probe_timeout = std::chrono::seconds(config.breaker_probe_timeout_s);
    options.free_start_level = static_cast<std::size_t>(std::max(0, config.free_start_level));
    options.pro_start_level = static_cast<std::size_t>(std::max(0, config.pro_start_level));
    options.cache_capacity = static_cast<std::size_t>(std::max(0, config.cache_capacity));
    return options;
}

BudgetLimits BudgetLimitsFrom(const AiConfig& config) {
    return BudgetLimits{UsdToMicros(config.monthly_budget_usd_free), UsdToMicros(config.monthly_budget_usd_pro)};
}

std::string ProcessEnv(std::string_view name) {
    const char* value = std::getenv(std::string(name).c_str());
    return value == nullptr ? std::string() : std::string(value);
}

Result<std::unique_ptr<AiRuntime>> AiRuntime::Build(const AiConfig& config, storage::Db& db, const http::Client& client,
                                                    Logger& logger, EnvLookup env, Metrics* metrics) {
    const std::vector<LevelConfig> configs = ResolveLevelConfigs(config, env);
    std::vector<std::string> key_sources;
    if (config.levels) {
        for (const AiLevelSettings& settings : *config.levels) {
            if (settings.provider != "rules") {
                key_sources.push_back(KeySource(settings.provider, settings.api_key_env));
            }
        }
    } else {
        for (const LevelConfig& level : configs) {
            key_sources.push_back(KeySource(level.provider, ""));
        }
    }

    std::unique_ptr<AiRuntime> runtime(new AiRuntime(logger));
    std::vector<ChainLevel> levels;
    for (std::size_t i = 0; i < configs.size(); ++i) {
        auto level = MakeChainLevel(configs[i], client);
        if (!level) {
            ApiError error = std::move(level.error());
            error.message = "ai.levels[" + std::to_string(i) + "] '" + configs[i].name + "': " + error.message;
            return Fail(std::move(error));
        }
        const bool active = level->provider->HasCredentials();
        nlohmann::json fields = {
            {"level", configs[i].name}, {"index", i}, {"provider", configs[i].provider}, {"model", configs[i].model}};
        if (active) {
            runtime->active_levels_.push_back(configs[i].name);
            logger.Info("ai level active", fields);
        } else {
            fields["key_env"] = key_sources[i];
            logger.Info("ai level skipped: no credentials", fields);
        }
        levels.push_back(std::move(*level));
    }
    const ChainOptions options = ChainOptionsFrom(config);
    const BudgetLimits limits = BudgetLimitsFrom(config);
    logger.Info("ai chain ready", {{"model_levels", levels.size()},
                                   {"active_levels", runtime->active_levels_.size()},
                                   {"last_level", "rules"},
                                   {"deadline_s", config.deadline_s},
                                   {"monthly_budget_micro_usd_free", limits.free_micro_usd},
                                   {"monthly_budget_micro_usd_pro", limits.pro_micro_usd}});

    runtime->recorder_ = std::make_unique<DbCallRecorder>(db, logger, DbCallRecorder::Options{.metrics = metrics});
    runtime->budget_ = std::make_unique<DbBudget>(db, limits, runtime->recorder_.get());
    runtime->chain_ =
        std::make_unique<SiteSpecChain>(std::move(levels), options, *runtime->recorder_, *runtime->budget_);
    runtime->prober_ = std::make_unique<BreakerProber>(*runtime->chain_, BreakerProberOptions{.metrics = metrics});
    if (!runtime->active_levels_.empty()) {
        runtime->prober_->Start();
    }
    return runtime;
}

AiRuntime::~AiRuntime() = default;

void AiRuntime::Flush() {
    if (auto flushed = recorder_->Flush(); !flushed) {
        logger_.Warn("ai ledger: flush failed, rows kept for the next try",
                     {{"rows", recorder_->pending()}, {"error", flushed.error().message}});
    }
}

}  // namespace webdpro::ai
