#include "app/config.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace webdpro::app {
namespace {

using ai::AiLevelSettings;

std::string WriteTemp(const std::string& text) {
    auto path = std::filesystem::temp_directory_path() / ("webdpro_config_" + std::to_string(::getpid()) + ".toml");
    std::ofstream(path) << text;
    return path.string();
}

}  // namespace

TEST(LoadConfig, DefaultsWithoutSources) {
    auto config = LoadConfig({});
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->server.listen, "127.0.0.1:8080");
    EXPECT_EQ(config->storage.data_dir, "./data");
    EXPECT_EQ(config->server.body_limit_bytes, 1 << 20);
}

TEST(LoadConfig, LaterSourcesWin) {
    ConfigSources sources;
    sources.file = WriteTemp("[server]\nlisten = \"0.0.0.0:9000\"\nio_threads = 3\n[storage]\nreaders = 2\n");
    sources.env = {{"WEBDPRO_SERVER_IO_THREADS", "5"}, {"PATH", "/bin"}};
    sources.overrides = {{"storage.readers", "7"}};
    auto config = LoadConfig(sources);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->server.listen, "0.0.0.0:9000");
    EXPECT_EQ(config->server.io_threads, 5);
    EXPECT_EQ(config->storage.readers, 7);
}

TEST(LoadConfig, UnknownFileKeyNamesTheKey) {
    ConfigSources sources;
    sources.file = WriteTemp("[server]\nlisten_port = 80\n");
    auto config = LoadConfig(sources);
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().message.find("server.listen_port"), std::string::npos);
    EXPECT_NE(config.error().message.find("not a known setting"), std::string::npos);
}

TEST(LoadConfig, UnknownEnvIsAnErrorButSecretsAreIgnored) {
    ConfigSources sources;
    sources.env = {{"WEBDPRO_SECRET_JWT_KEY", "x"}};
    EXPECT_TRUE(LoadConfig(sources));
    sources.env = {{"WEBDPRO_SERVER_LISTN", "x"}};
    auto config = LoadConfig(sources);
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().message.find("WEBDPRO_SERVER_LISTN"), std::string::npos);
}

TEST(LoadConfig, BadValuesNameKeyAndReason) {
    struct Case {
        std::string key, value, reason;
    };
    for (const auto& c : std::vector<Case>{{"server.listen", "localhost", "HOST:PORT"},
                                           {"server.listen", "127.0.0.1:70000", "HOST:PORT"},
                                           {"server.io_threads", "many", "whole number"},
                                           {"storage.readers", "0", "between 1 and 64"},
                                           {"log.level", "loud", "one of"},
                                           {"server.cors_origins", "example.com", "http"}}) {
        ConfigSources sources;
        sources.overrides = {{c.key, c.value}};
        auto config = LoadConfig(sources);
        ASSERT_FALSE(config) << c.key << "=" << c.value;
        EXPECT_NE(config.error().message.find(c.key), std::string::npos) << config.error().message;
        EXPECT_NE(config.error().message.find(c.reason), std::string::npos) << config.error().message;
    }
}

TEST(LoadConfig, TomlSyntaxErrorIsReported) {
    ConfigSources sources;
    sources.file = WriteTemp("[server\nlisten=");
    auto config = LoadConfig(sources);
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().message.find("line"), std::string::npos);
}

TEST(LoadConfig, ListFromEnvIsCommaSeparated) {
    ConfigSources sources;
    sources.env = {{"WEBDPRO_SERVER_CORS_ORIGINS", "https://a.example, https://b.example"}};
    auto config = LoadConfig(sources);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->server.cors_origins, (std::vector<std::string>{"https://a.example", "https://b.example"}));
}

TEST(LoadConfig, AiDefaultsUseTheDefaultChain) {
    auto config = LoadConfig({});
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->ai.deadline_s, 30);
    EXPECT_DOUBLE_EQ(config->ai.monthly_budget_usd_free, 1.0);
    EXPECT_DOUBLE_EQ(config->ai.monthly_budget_usd_pro, 20.0);
    EXPECT_FALSE(config->ai.levels.has_value());
}

TEST(LoadConfig, AiLevelsFromTheFileInOrder) {
    ConfigSources sources;
    sources.file = WriteTemp(R"([ai]
deadline_s = 20
monthly_budget_usd_free = 0.5
[[ai.levels]]
name = "claude-3-sonnet"
provider = "anthropic"          # anthropic | bedrock | openai | rules
model = "claude-3-sonnet-20240229"
base_url = "https://api.anthropic.com"
api_key_env = "ANTHROPIC_API_KEY"
timeout_s = 120
input_usd_per_1k = 0.003
output_usd_per_1k = 0.015
[[ai.levels]]
name = "local-llama"
provider = "openai"
model = "llama3"
base_url = "http://127.0.0.1:11434"
input_usd_per_1k = 0
[[ai.levels]]
name = "rules"
provider = "rules"
)");
    auto config = LoadConfig(sources);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->ai.deadline_s, 20);
    EXPECT_DOUBLE_EQ(config->ai.monthly_budget_usd_free, 0.5);
    ASSERT_TRUE(config->ai.levels.has_value());
    ASSERT_EQ(config->ai.levels->size(), 3U);
    const AiLevelSettings& first = (*config->ai.levels)[0];
    EXPECT_EQ(first.name, "claude-3-sonnet");
    EXPECT_EQ(first.provider, "anthropic");
    EXPECT_EQ(first.model, "claude-3-sonnet-20240229");
    EXPECT_EQ(first.api_key_env, "ANTHROPIC_API_KEY");
    EXPECT_EQ(first.timeout_s, 120);
    EXPECT_DOUBLE_EQ(first.input_usd_per_1k, 0.003);
    EXPECT_DOUBLE_EQ(first.output_usd_per_1k, 0.015);
    EXPECT_EQ((*config->ai.levels)[1].base_url, "http://127.0.0.1:11434");
    EXPECT_EQ((*config->ai.levels)[1].timeout_s, 30);
    EXPECT_EQ((*config->ai.levels)[2].provider, "rules");
}

TEST(LoadConfig, EmptyAiLevelsMeansRulesOnly) {
    ConfigSources sources;
    sources.file = WriteTemp("[ai]\nlevels = []\n");
    auto config = LoadConfig(sources);
    ASSERT_TRUE(config) << config.error().message;
    ASSERT_TRUE(config->ai.levels.has_value());
    EXPECT_TRUE(config->ai.levels->empty());
}

TEST(LoadConfig, BadAiLevelsNameTheIndexAndKey) {
    const std::string good = "name = \"a\"\nprovider = \"anthropic\"\nmodel = \"m\"\n";
    struct Case {
        std::string levels, key, reason;
    };
    for (const auto& c : std::vector<Case>{
             {"[[ai.levels]]\nname = \"a\"\nprovider = \"gemini\"\nmodel = \"m\"\n", "ai.levels[0].provider", "one of"},
             {"[[ai.levels]]\n" + good + "[[ai.levels]]\nname = \"b\"\nprovider = \"bedrock\"\n", "ai.levels[1].model",
              "required"},
             {"[[ai.levels]]\n" + good + "input_usd_per_1k = -0.1\n", "ai.levels[0].input_usd_per_1k", "negative"},
             {"[[ai.levels]]\n" + good + "[[ai.levels]]\n" + good, "ai.levels[1].name", "unique"},
             {"[[ai.levels]]\n" + good + "timeout_s = 0\n", "ai.levels[0].timeout_s", "between 1 and 3600"},
             {"[[ai.levels]]\n" + good + "api_key = \"sk-ant-123\"\n", "ai.levels[0].api_key", "not a known"},
             {"[[ai.levels]]\n" + good + "api_key_env = \"sk-ant-123\"\n", "ai.levels[0].api_key_env",
              "environment variable"},
             {"[[ai.levels]]\nprovider = \"anthropic\"\nmodel = \"m\"\n", "ai.levels[0].name", "required"},
             {"[[ai.levels]]\nname = \"o\"\nprovider = \"openai\"\nmodel = \"m\"\n", "ai.levels[0].base_url",
              "required"},
             {"[[ai.levels]]\nname = \"r\"\nprovider = \"rules\"\n[[ai.levels]]\n" + good, "ai.levels[0].provider",
              "last"},
             {"[ai.levels]\nname = \"a\"\n", "ai.levels", "[[ai.levels]]"},
         }) {
        ConfigSources sources;
        sources.file = WriteTemp(c.levels);
        auto config = LoadConfig(sources);
        ASSERT_FALSE(config) << c.levels;
        EXPECT_NE(config.error().message.find(c.key), std::string::npos) << config.error().message;
        EXPECT_NE(config.error().message.find(c.reason), std::string::npos) << config.error().message;
    }
}

TEST(LoadConfig, AiScalarsFromEnvAndFlagsButLevelsOnlyFromTheFile) {
    ConfigSources sources;
    sources.env = {{"WEBDPRO_AI_DEADLINE_S", "12"}, {"WEBDPRO_AI_MONTHLY_BUDGET_USD_PRO", "7.5"}};
    sources.overrides = {{"ai.free_start_level", "2"}};
    auto config = LoadConfig(sources);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->ai.deadline_s, 12);
    EXPECT_DOUBLE_EQ(config->ai.monthly_budget_usd_pro, 7.5);
    EXPECT_EQ(config->ai.free_start_level, 2);

    ConfigSources flag;
    flag.overrides = {{"ai.levels", "x"}};
    auto refused = LoadConfig(flag);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("config file"), std::string::npos) << refused.error().message;

    ConfigSources env;
    env.env = {{"WEBDPRO_AI_LEVELS", "x"}};
    EXPECT_FALSE(LoadConfig(env));

    ConfigSources budget;
    budget.overrides = {{"ai.monthly_budget_usd_free", "-1"}};
    auto negative = LoadConfig(budget);
    ASSERT_FALSE(negative);
    EXPECT_NE(negative.error().message.find("ai.monthly_budget_usd_free"), std::string::npos);
}

TEST(ConfigKeys, AiLevelsIsDocumentedAsFileOnly) {
    bool found = false;
    for (const auto& key : ConfigKeys()) {
        if (key.key == "ai.levels") {
            found = true;
            EXPECT_EQ(key.env, "(file only)");
        }
    }
    EXPECT_TRUE(found);
}

}  // namespace webdpro::app
