#include "ai/ai_config.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace webdpro::ai {
namespace {

using Kind = ConfigNode::Kind;

std::optional<std::string> LevelString(const ConfigNode& node, std::string& out) {
    if (node.kind != Kind::kString) {
        return "must be a string";
    }
    out = node.text;
    return std::nullopt;
}

std::optional<std::string> LevelPrice(const ConfigNode& node, double& out) {
    if (!node.IsNumber()) {
        return "must be a number (USD per 1,000 tokens)";
    }
    out = node.number;
    if (!std::isfinite(out) || out < 0.0) {
        return "must not be negative";
    }
    return std::nullopt;
}

// An environment variable name, so a key pasted into the file by mistake is refused.
std::optional<std::string> CheckKeyEnvName(const std::string& name) {
    if (name.empty()) {
        return std::nullopt;
    }
    const bool valid =
        std::all_of(name.begin(), name.end(),
                    [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }) &&
        !(name.front() >= '0' && name.front() <= '9');
    if (!valid) {
        return "must name an environment variable (A-Z, 0-9, _) that holds the key, never the key itself";
    }
    if (name.starts_with("WEBDPRO_") && !IsSecretEnv(name)) {
        return "WEBDPRO_* variables are settings; use WEBDPRO_SECRET_* or the provider's own variable";
    }
    return std::nullopt;
}

// Reads one [[ai.levels]] table; `at` is "ai.levels[2]".
Result<AiLevelSettings> ParseAiLevel(const ConfigNode& table, const std::string& at, const std::string& file) {
    AiLevelSettings level;
    for (std::size_t i = 0; i < table.names.size(); ++i) {
        const std::string& field = table.names[i];
        const ConfigNode& node = table.fields[i];
        std::optional<std::string> why;
        if (field == "name") {
            why = LevelString(node, level.name);
        } else if (field == "provider") {
            why = LevelString(node, level.provider);
        } else if (field == "model") {
            why = LevelString(node, level.model);
        } else if (field == "base_url") {
            why = LevelString(node, level.base_url);
            if (!why) {
                why = EmptyOrHttpUrl(level.base_url);
            }
        } else if (field == "api_key_env") {
            why = LevelString(node, level.api_key_env);
            if (!why) {
                why = CheckKeyEnvName(level.api_key_env);
            }
        } else if (field == "aws_region") {
            why = LevelString(node, level.aws_region);
        } else if (field == "timeout_s") {
            if (node.kind != Kind::kInteger) {
                why = "must be a whole number of seconds";
            } else if (node.integer <= 0 || node.integer > 3600) {
                why = "must be between 1 and 3600";
            } else {
                level.timeout_s = static_cast<int>(node.integer);
            }
        } else if (field == "input_usd_per_1k") {
            why = LevelPrice(node, level.input_usd_per_1k);
        } else if (field == "output_usd_per_1k") {
            why = LevelPrice(node, level.output_usd_per_1k);
        } else {
            why =
                "is not a known level setting (name, provider, model, base_url, api_key_env, aws_region, "
                "timeout_s, input_usd_per_1k, output_usd_per_1k)";
        }
        if (why) {
            return Fail(ConfigError(at + "." + field, file, *why));
        }
    }
    if (level.name.empty()) {
        return Fail(ConfigError(at + ".name", file, "is required"));
    }
    if (auto why = OneOf({"anthropic", "bedrock", "openai", "rules"})(level.provider)) {
        return Fail(ConfigError(at + ".provider", file, *why));
    }
    if (level.provider != "rules" && level.model.empty()) {
        return Fail(ConfigError(at + ".model", file, "is required"));
    }
    if (level.provider == "openai" && level.base_url.empty()) {
        return Fail(ConfigError(at + ".base_url", file, "is required for an openai-compatible server"));
    }
    return level;
}

Result<void> ApplyAiLevels(AiConfig& config, const ConfigNode& node, const std::string& key, const std::string& file) {
    if (node.kind != Kind::kArray) {
        return Fail(ConfigError(key, file, "must be an array of tables, written [[" + key + "]]"));
    }
    std::vector<AiLevelSettings> levels;
    std::set<std::string> names;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const std::string at = key + "[" + std::to_string(i) + "]";
        const ConfigNode& table = node.items[i];
        if (table.kind != Kind::kTable) {
            return Fail(ConfigError(at, file, "must be a table"));
        }
        auto level = ParseAiLevel(table, at, file);
        if (!level) {
            return Fail(level.error());
        }
        if (!names.insert(level->name).second) {
            return Fail(ConfigError(at + ".name", file, "repeats '" + level->name + "'; level names must be unique"));
        }
        levels.push_back(std::move(*level));
    }
    for (std::size_t i = 0; i + 1 < levels.size(); ++i) {
        if (levels[i].provider == "rules") {
            return Fail(ConfigError(key + "[" + std::to_string(i) + "].provider", file,
                                    "rules must be the last level (it always answers, so nothing after it runs)"));
        }
    }
    config.levels = std::move(levels);
    return {};
}

}  // namespace

ConfigSection<AiConfig> AiConfigSection() {
    ConfigSection<AiConfig> s("ai");
    s.Int("deadline_s", &AiConfig::deadline_s, 1, 600,
          "seconds one store generation may spend on model levels before the rule-based level answers");
    s.Int("free_start_level", &AiConfig::free_start_level, 0, 64,
          "index of the model level FREE tenants start at (past the last = rule-based only)");
    s.Int("pro_start_level", &AiConfig::pro_start_level, 0, 64,
          "index of the model level PRO and ENTERPRISE tenants start at");
    s.Int("breaker_failures", &AiConfig::breaker_failures, 1, 1000,
          "consecutive failures after which a model level is skipped for ai.breaker_cool_down_s");
    s.Int("breaker_cool_down_s", &AiConfig::breaker_cool_down_s, 1, 86400,
          "seconds a failing model level is skipped before a background probe checks whether it is back");
    s.Int("breaker_probe_timeout_s", &AiConfig::breaker_probe_timeout_s, 1, 120,
          "seconds one background probe of a model level may take; the level stays skipped until a probe succeeds");
    s.Double("monthly_budget_usd_free", &AiConfig::monthly_budget_usd_free, 0.0, 1e6,
             "model spend allowed per FREE tenant per calendar month (UTC), USD; 0 = rule-based only");
    s.Double("monthly_budget_usd_pro", &AiConfig::monthly_budget_usd_pro, 0.0, 1e6,
             "model spend allowed per PRO or ENTERPRISE tenant per calendar month (UTC), USD");
    s.Int("cache_capacity", &AiConfig::cache_capacity, 0, 1000000,
          "generated specs kept in memory for an identical description and language; 0 = none");
    s.FileOnly("levels",
               "the model levels in order, config file only, as [[ai.levels]] tables with name; provider "
               "(anthropic, bedrock, openai or rules); model; base_url; api_key_env (the variable holding the "
               "key, never the key); aws_region; timeout_s; input_usd_per_1k; output_usd_per_1k. Absent = "
               "Claude 3 Sonnet, Claude 3 Haiku, Titan Text Express, Llama 3 8B, then rules",
               ApplyAiLevels);
    return s;
}

}  // namespace webdpro::ai
