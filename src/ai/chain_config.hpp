#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ai/site_spec_chain.hpp"
#include "core/aws_sigv4.hpp"
#include "core/error.hpp"
#include "http/client.hpp"

namespace webdpro::ai {

/// One `[[ai.levels]]` entry as the config file states it, secrets already resolved from the
/// environment. The config loader (src/core/config, later) fills these; MakeChainLevel turns one
/// into a live level.
struct LevelConfig {
    std::string name;      ///< "claude-3-sonnet"
    std::string provider;  ///< "anthropic" | "bedrock" | "openai" | "rules"
    std::string model;
    std::string base_url;  ///< "" = the provider's public endpoint
    std::string api_key;   ///< anthropic / openai key, or a Bedrock API key (Bearer)
    AwsCredentials aws;    ///< bedrock SigV4 credentials (used when api_key is empty)
    std::string aws_region = "us-east-1";
    std::chrono::milliseconds timeout{30'000};
    double input_usd_per_1k = 0.0;
    double output_usd_per_1k = 0.0;
};

/// Reads one environment variable ("" when unset); injected so tests need no real environment.
using EnvLookup = std::function<std::string(std::string_view name)>;

/// The seed's chain: Claude 3 Sonnet → Claude 3 Haiku (Anthropic API) → Amazon Titan Text
/// Express → Llama 3 8B Instruct (both Bedrock), with list prices per 1K tokens as defaults.
/// Keys come from ANTHROPIC_API_KEY, AWS_BEARER_TOKEN_BEDROCK or AWS_ACCESS_KEY_ID /
/// AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, and AWS_REGION; a level whose keys are missing
/// stays in the list and is skipped at run time. The rule-based level is implicit (always last).
std::vector<LevelConfig> DefaultLevelConfigs(const EnvLookup& env);

/// A live level for `config`. The client must outlive the level. "rules" is not a model level:
/// kInvalidArgument, as are an unknown provider, an empty name or model, a non-positive timeout
/// or a negative price (naming the field).
Result<ChainLevel> MakeChainLevel(const LevelConfig& config, const http::Client& client);

}  // namespace webdpro::ai
