#include "core/config.hpp"

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

namespace webdpro {
namespace {

struct Pond {
    int ducks = 3;
    double depth_m = 1.5;
    std::string name = "mill";
    bool frozen = false;
    std::vector<std::string> fish;
    std::vector<std::string> rows;  // set from [[pond.rows]] tables
};

struct Park {
    Pond pond;
};

ConfigSection<Pond> PondSection() {
    ConfigSection<Pond> s("pond");
    s.Int("ducks", &Pond::ducks, 0, 10, "ducks on the pond")
        .Double("depth_m", &Pond::depth_m, 0.0, 5.0, "depth")
        .String("name", &Pond::name, "its name", OneOf({"mill", "lily"}))
        .Bool("frozen", &Pond::frozen, "ice")
        .List("fish", &Pond::fish, "fish", "fish kinds", [](const std::string& f) -> std::optional<std::string> {
            if (f.empty() || f.front() < 'a' || f.front() > 'z') {
                return "fish '" + f + "' must be lower case";
            }
            return std::nullopt;
        });
    s.FileOnly(
        "rows", "rows of reeds",
        [](Pond& pond, const ConfigNode& node, const std::string& key, const std::string& source) -> Result<void> {
            if (node.kind != ConfigNode::Kind::kArray) {
                return Fail(ConfigError(key, source, "must be an array of tables"));
            }
            for (const auto& item : node.items) {
                if (item.kind != ConfigNode::Kind::kTable || item.names.empty()) {
                    return Fail(ConfigError(key, source, "must hold tables"));
                }
                pond.rows.push_back(item.names.front());
            }
            return {};
        });
    return s;
}

ConfigSchema<Park> Schema() {
    ConfigSchema<Park> schema;
    schema.Add(&Park::pond, PondSection());
    return schema;
}

std::string WriteTemp(const std::string& text) {
    auto path =
        std::filesystem::temp_directory_path() / ("webdpro_core_config_" + std::to_string(::getpid()) + ".toml");
    std::ofstream(path) << text;
    return path.string();
}

}  // namespace

TEST(ConfigSchema, ListsEveryKeyWithItsEnvNameAndDefault) {
    const auto keys = Schema().Keys();
    ASSERT_EQ(keys.size(), 6U);
    EXPECT_EQ(keys[0].key, "pond.ducks");
    EXPECT_EQ(keys[0].env, "WEBDPRO_POND_DUCKS");
    EXPECT_EQ(keys[0].default_value, "3");
    EXPECT_EQ(keys[1].default_value, "1.5");
    EXPECT_EQ(keys[2].default_value, "mill");
    EXPECT_EQ(keys[3].default_value, "false");
    EXPECT_EQ(keys[5].key, "pond.rows");
    EXPECT_EQ(keys[5].env, "(file only)");
}

TEST(ConfigSchema, SetsTheSectionFromEverySource) {
    ConfigSources sources;
    sources.file =
        WriteTemp("[pond]\nducks = 4\nfish = [\"carp\"]\n[[pond.rows]]\nnorth = 1\n[[pond.rows]]\nsouth = 2\n");
    sources.env = {{"WEBDPRO_POND_DEPTH_M", "2.25"}, {"WEBDPRO_SECRET_X", "ignored"}};
    sources.overrides = {{"pond.frozen", "yes"}, {"pond.name", "lily"}};
    auto park = Schema().Load(sources);
    ASSERT_TRUE(park) << park.error().message;
    EXPECT_EQ(park->pond.ducks, 4);
    EXPECT_DOUBLE_EQ(park->pond.depth_m, 2.25);
    EXPECT_EQ(park->pond.name, "lily");
    EXPECT_TRUE(park->pond.frozen);
    EXPECT_EQ(park->pond.fish, (std::vector<std::string>{"carp"}));
    EXPECT_EQ(park->pond.rows, (std::vector<std::string>{"north", "south"}));
}

TEST(ConfigSchema, RefusesBadValuesNamingKeySourceAndReason) {
    struct Case {
        std::string key, value, reason;
    };
    for (const auto& c : std::vector<Case>{{"pond.ducks", "11", "between 0 and 10"},
                                           {"pond.depth_m", "deep", "must be a number"},
                                           {"pond.name", "sea", "one of mill, lily"},
                                           {"pond.frozen", "maybe", "true or false"},
                                           {"pond.fish", "carp, Pike", "fish 'Pike' must be lower case"},
                                           {"pond.rows", "x", "only be set in the config file, as [[pond.rows]]"},
                                           {"pond.swans", "2", "not a known setting"}}) {
        ConfigSources sources;
        sources.overrides = {{c.key, c.value}};
        auto park = Schema().Load(sources);
        ASSERT_FALSE(park) << c.key;
        EXPECT_NE(park.error().message.find(c.key + " (command line)"), std::string::npos) << park.error().message;
        EXPECT_NE(park.error().message.find(c.reason), std::string::npos) << park.error().message;
    }
    ConfigSources file;
    file.file = WriteTemp("[pond]\nrows = 3\n");
    auto park = Schema().Load(file);
    ASSERT_FALSE(park);
    EXPECT_NE(park.error().message.find("pond.rows"), std::string::npos) << park.error().message;
    EXPECT_NE(park.error().message.find("array of tables"), std::string::npos) << park.error().message;
}

}  // namespace webdpro
