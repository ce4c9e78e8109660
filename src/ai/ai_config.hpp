#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace webdpro::ai {

/// One `[[ai.levels]]` table of the config file: a model level of the AI chain, in order. Holds no
/// secret: `api_key_env` names the environment variable that holds the key.
struct AiLevelSettings {
    std::string name;                ///< unique, e.g. "claude-3-sonnet"
    std::string provider;            ///< anthropic | bedrock | openai | rules
    std::string model;               ///< provider's model id (not needed for rules)
    std::string base_url;            ///< "" = the provider's public endpoint (openai needs one)
    std::string api_key_env;         ///< env var holding the key; "" = the provider's usual one
    std::string aws_region;          ///< bedrock; "" = AWS_REGION, else us-east-1
    int timeout_s = 30;              ///< per call, cut to what is left of ai.deadline_s
    double input_usd_per_1k = 0.0;   ///< list price per 1,000 input tokens
    double output_usd_per_1k = 0.0;  ///< list price per 1,000 output tokens
};

/// The AI generation chain (`[ai]`). Scalars come from every source; `levels` only from the file.
struct AiConfig {
    int deadline_s = 30;                    ///< bounds one generation across all model levels
    int free_start_level = 1;               ///< index into the model levels where FREE tenants start
    int pro_start_level = 0;                ///< where PRO (and ENTERPRISE) tenants start
    int breaker_failures = 3;               ///< consecutive failures that open a level's breaker
    int breaker_cool_down_s = 30;           ///< how long an open breaker skips its level before a probe
    int breaker_probe_timeout_s = 5;        ///< time one background probe of a level may take
    double monthly_budget_usd_free = 1.00;  ///< model spend per FREE tenant per month; 0 = rules only
    double monthly_budget_usd_pro = 20.00;  ///< per PRO (and ENTERPRISE) tenant per month
    int cache_capacity = 1024;              ///< specs kept for identical description + language
    /// `[[ai.levels]]` in order; std::nullopt (no such table) = the default chain
    /// (ai::DefaultLevelConfigs); an empty list (`levels = []`) = the rule-based level only.
    std::optional<std::vector<AiLevelSettings>> levels;
};

/// The keys of `[ai]`, with the `[[ai.levels]]` tables (file only): each level's settings are
/// checked (known fields, provider, required model and base_url, unique names, rules last).
ConfigSection<AiConfig> AiConfigSection();

}  // namespace webdpro::ai
