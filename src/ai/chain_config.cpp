#include "ai/chain_config.hpp"

#include <memory>
#include <utility>

#include "ai/model_providers.hpp"

namespace webdpro::ai {
namespace {

constexpr std::string_view kAnthropicUrl = "https://api.anthropic.com";
// Per-level timeouts as the seed had them; the chain-wide deadline bounds their sum.
constexpr std::chrono::milliseconds kSeedTimeout{120'000};

}  // namespace

// Default list prices, USD per 1,000 tokens (on-demand, us-east-1), checked 2026-11:
// - Claude 3 Sonnet $3 / $15 and Claude 3 Haiku $0.25 / $1.25 per million tokens, the same on the
//   Anthropic API and on Bedrock: per 1K 0.003 / 0.015 and 0.00025 / 0.00125 as in LangChain's
//   Bedrock cost table (https://reference.langchain.com/python/langchain-community/callbacks/
//   bedrock_anthropic_callback/MODEL_COST_PER_1K_INPUT_TOKENS and ..._OUTPUT_TOKENS) and
//   https://opencode.ai/data/anthropic/claude-3-haiku-20240307.json.
// - Amazon Titan Text G1 Express $0.0002 / $0.0006 and Meta Llama 3 Instruct 8B $0.0003 / $0.0006,
//   the on-demand list prices of https://aws.amazon.com/bedrock/pricing/ as several public price
//   tables repeat them (Titan Express launched at $0.0013 / $0.0017 and was cut later; one 2024
//   table lists Llama 3 8B input at $0.0004). Prices change: override them in [[ai.levels]].
constexpr double kSonnetInputUsdPer1k = 0.003;
constexpr double kSonnetOutputUsdPer1k = 0.015;
constexpr double kHaikuInputUsdPer1k = 0.00025;
constexpr double kHaikuOutputUsdPer1k = 0.00125;
constexpr double kTitanExpressInputUsdPer1k = 0.0002;
constexpr double kTitanExpressOutputUsdPer1k = 0.0006;
constexpr double kLlama3With8bInputUsdPer1k = 0.0003;
constexpr double kLlama3With8bOutputUsdPer1k = 0.0006;

std::vector<LevelConfig> DefaultLevelConfigs(const EnvLookup& env) {
    const std::string anthropic_key = env("ANTHROPIC_API_KEY");
    const std::string bedrock_key = env("AWS_BEARER_TOKEN_BEDROCK");
    AwsCredentials aws{env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"), env("AWS_SESSION_TOKEN")};
    std::string region = env("AWS_REGION");
    if (region.empty()) {
        region = "us-east-1";
    }
    std::vector<LevelConfig> levels;
    levels.push_back({"claude-3-sonnet",
                      "anthropic",
                      "claude-3-sonnet-20240229",
                      std::string(kAnthropicUrl),
                      anthropic_key,
                      {},
                      region,
                      kSeedTimeout,
                      kSonnetInputUsdPer1k,
                      kSonnetOutputUsdPer1k});
    levels.push_back({"claude-3-haiku",
                      "anthropic",
                      "claude-3-haiku-20240307",
                      std::string(kAnthropicUrl),
                      anthropic_key,
                      {},
                      region,
                      kSeedTimeout,
                      kHaikuInputUsdPer1k,
                      kHaikuOutputUsdPer1k});
    levels.push_back({"titan-text-express", "bedrock", "amazon.titan-text-express-v1", "", bedrock_key, aws, region,
                      kSeedTimeout, kTitanExpressInputUsdPer1k, kTitanExpressOutputUsdPer1k});
    levels.push_back({"llama", "bedrock", "meta.llama3-8b-instruct-v1:0", "", bedrock_key, aws, region, kSeedTimeout,
                      kLlama3With8bInputUsdPer1k, kLlama3With8bOutputUsdPer1k});
    return levels;
}

Result<ChainLevel> MakeChainLevel(const LevelConfig& config, const http::Client& client) {
    if (config.name.empty()) {
        return Fail(ApiError::Invalid("ai.levels.name", "must not be empty"));
    }
    if (config.provider == "rules") {
        return Fail(ApiError::Invalid("ai.levels.provider",
                                      "level '" + config.name + "': the rule-based level is always last; omit it"));
    }
    if (config.model.empty()) {
        return Fail(ApiError::Invalid("ai.levels.model", "level '" + config.name + "': must not be empty"));
    }
    if (config.timeout <= std::chrono::milliseconds(0)) {
        return Fail(ApiError::Invalid("ai.levels.timeout_s", "level '" + config.name + "': must be positive"));
    }
    if (config.input_usd_per_1k < 0.0 || config.output_usd_per_1k < 0.0) {
        return Fail(
            ApiError::Invalid("ai.levels.input_usd_per_1k", "level '" + config.name + "': prices must be >= 0"));
    }
    HttpProviderOptions options{config.base_url, config.model, std::chrono::milliseconds(3'000)};
    ChainLevel level;
    level.name = config.name;
    level.timeout = config.timeout;
    level.input_usd_per_1k = config.input_usd_per_1k;
    level.output_usd_per_1k = config.output_usd_per_1k;
    if (config.provider == "anthropic") {
        if (options.base_url.empty()) {
            options.base_url = std::string(kAnthropicUrl);
        }
        level.provider = std::make_unique<AnthropicProvider>(client, std::move(options), config.api_key);
    } else if (config.provider == "bedrock") {
        BedrockAuth auth;
        auth.credentials = config.aws;
        auth.bearer_token = config.api_key;
        auth.region = config.aws_region;
        level.provider = std::make_unique<BedrockProvider>(client, std::move(options), std::move(auth));
    } else if (config.provider == "openai") {
        if (options.base_url.empty()) {
            return Fail(ApiError::Invalid("ai.levels.base_url",
                                          "level '" + config.name + "': an openai-compatible level needs base_url"));
        }
        // Self-hosted servers (vLLM, Ollama, llama.cpp) often need no key.
        level.provider = std::make_unique<OpenAiCompatibleProvider>(client, std::move(options), config.api_key,
                                                                    /*require_key=*/false);
    } else {
        return Fail(ApiError::Invalid("ai.levels.provider", "level '" + config.name + "': unknown provider '" +
                                                                config.provider + "' (anthropic | bedrock | openai)"));
    }
    return level;
}

}  // namespace webdpro::ai
