// docs/openapi.yaml and the server's route table describe the same routes, both ways.
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "support/client.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

// Router tail wildcards "{name...}" are written "{name}" in OpenAPI.
std::string Normalize(std::string pattern) {
    for (auto pos = pattern.find("...}"); pos != std::string::npos; pos = pattern.find("...}")) {
        pattern.erase(pos, 3);
    }
    return pattern;
}

std::set<std::string> RouterTable() {
    std::string output;
    EXPECT_EQ(RunWebdpro({"routes"}, output), 0) << output;
    std::set<std::string> routes;
    std::istringstream in(output);
    std::string method, pattern;
    while (in >> method >> pattern) {
        routes.insert(method + " " + Normalize(pattern));
    }
    return routes;
}

std::set<std::string> DocumentedRoutes() {
    const YAML::Node doc = YAML::LoadFile(std::string(WEBDPRO_SOURCE_DIR) + "/docs/openapi.yaml");
    std::set<std::string> routes;
    for (const auto& path : doc["paths"]) {
        for (const auto& op : path.second) {
            std::string method = op.first.as<std::string>();
            if (method == "parameters" || method == "summary" || method == "description") {
                continue;
            }
            for (auto& c : method) {
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            }
            routes.insert(method + " " + path.first.as<std::string>());
        }
    }
    return routes;
}

TEST(OpenApi, DescribesExactlyTheRouteTable) {
    const auto served = RouterTable();
    const auto documented = DocumentedRoutes();
    ASSERT_FALSE(served.empty());
    for (const auto& route : served) {
        EXPECT_TRUE(documented.contains(route)) << route << " is served but missing from docs/openapi.yaml";
    }
    for (const auto& route : documented) {
        EXPECT_TRUE(served.contains(route)) << route << " is in docs/openapi.yaml but the server has no such route";
    }
}

TEST(OpenApi, EveryOperationDocumentsItsResponses) {
    const YAML::Node doc = YAML::LoadFile(std::string(WEBDPRO_SOURCE_DIR) + "/docs/openapi.yaml");
    for (const auto& path : doc["paths"]) {
        for (const auto& op : path.second) {
            if (!op.second.IsMap() || !op.second["responses"]) {
                continue;
            }
            const auto name = op.first.as<std::string>() + " " + path.first.as<std::string>();
            EXPECT_TRUE(op.second["operationId"]) << name << " has no operationId";
            EXPECT_GT(op.second["responses"].size(), 0u) << name;
        }
    }
}

TEST(OpenApi, ServedCopyIsTheDocument) {
    std::string error;
    auto server = TestServer::Start(error);
    ASSERT_NE(server, nullptr) << error;
    auto reply = Fetch("GET", server->url("/api/openapi.yaml"));
    ASSERT_EQ(reply.status, 200);
    const YAML::Node served = YAML::Load(reply.body);
    EXPECT_EQ(served["openapi"].as<std::string>(), "3.1.0");
    EXPECT_EQ(served["paths"].size(),
              YAML::LoadFile(std::string(WEBDPRO_SOURCE_DIR) + "/docs/openapi.yaml")["paths"].size());
}

}  // namespace
}  // namespace webdpro::testing
