#include "core/config.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace webdpro {
namespace {

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

}  // namespace webdpro
