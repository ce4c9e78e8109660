#include "ai/chain_config.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace webdpro::ai {
namespace {

EnvLookup Env(std::map<std::string, std::string> values) {
    return [values = std::move(values)](std::string_view name) {
        const auto it = values.find(std::string(name));
        return it == values.end() ? std::string() : it->second;
    };
}

TEST(ChainConfig, DefaultsAreTheSeedChainInOrder) {
    const auto levels = DefaultLevelConfigs(Env({{"ANTHROPIC_API_KEY", "sk-ant-x"}}));
    ASSERT_EQ(levels.size(), 4U);
    EXPECT_EQ(levels[0].model, "claude-3-sonnet-20240229");
    EXPECT_EQ(levels[1].model, "claude-3-haiku-20240307");
    EXPECT_EQ(levels[2].model, "amazon.titan-text-express-v1");
    EXPECT_EQ(levels[3].provider, "bedrock");
    EXPECT_DOUBLE_EQ(levels[0].input_usd_per_1k, 0.003);
    EXPECT_DOUBLE_EQ(levels[0].output_usd_per_1k, 0.015);
}

TEST(ChainConfig, LevelsWithoutKeysAreBuiltButHaveNoCredentials) {
    http::Client client;
    const auto configs = DefaultLevelConfigs(Env({{"ANTHROPIC_API_KEY", "sk-ant-x"}}));
    auto sonnet = MakeChainLevel(configs[0], client);
    auto titan = MakeChainLevel(configs[2], client);
    ASSERT_TRUE(sonnet.has_value());
    ASSERT_TRUE(titan.has_value());
    EXPECT_TRUE(sonnet->provider->HasCredentials());
    EXPECT_FALSE(titan->provider->HasCredentials());
    const auto with_aws = DefaultLevelConfigs(Env({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "s"}}));
    EXPECT_TRUE(MakeChainLevel(with_aws[2], client)->provider->HasCredentials());
    const auto with_bearer = DefaultLevelConfigs(Env({{"AWS_BEARER_TOKEN_BEDROCK", "b"}}));
    EXPECT_TRUE(MakeChainLevel(with_bearer[3], client)->provider->HasCredentials());
}

TEST(ChainConfig, MisconfiguredLevelsNameTheField) {
    http::Client client;
    LevelConfig config{"x", "anthropic", "m", "", "k", {}, "us-east-1", std::chrono::milliseconds(1000), 0.1, 0.1};
    ASSERT_TRUE(MakeChainLevel(config, client).has_value());

    LevelConfig unknown = config;
    unknown.provider = "gemini";
    auto error = MakeChainLevel(unknown, client);
    ASSERT_FALSE(error.has_value());
    EXPECT_EQ(error.error().code, ErrorCode::kInvalidArgument);
    ASSERT_FALSE(error.error().fields.empty());
    EXPECT_EQ(error.error().fields[0].field, "ai.levels.provider");

    LevelConfig rules = config;
    rules.provider = "rules";
    EXPECT_FALSE(MakeChainLevel(rules, client).has_value());
    LevelConfig no_timeout = config;
    no_timeout.timeout = std::chrono::milliseconds(0);
    EXPECT_FALSE(MakeChainLevel(no_timeout, client).has_value());
    LevelConfig negative = config;
    negative.output_usd_per_1k = -1;
    EXPECT_FALSE(MakeChainLevel(negative, client).has_value());
    LevelConfig openai = config;
    openai.provider = "openai";
    EXPECT_FALSE(MakeChainLevel(openai, client).has_value());  // needs base_url
    openai.base_url = "http://127.0.0.1:11434";
    openai.api_key = "";
    auto local = MakeChainLevel(openai, client);
    ASSERT_TRUE(local.has_value());
    EXPECT_TRUE(local->provider->HasCredentials());
}

}  // namespace
}  // namespace webdpro::ai
