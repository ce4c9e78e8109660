#include "stores_support.hpp"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

namespace webdpro::testing {

std::set<std::string> ErrorFields(const ApiReply& reply) {
    std::set<std::string> names;
    if (reply.json.is_object() && reply.json.contains("error") && reply.json["error"].contains("fields")) {
        for (const auto& f : reply.json["error"]["fields"]) {
            names.insert(f["field"].get<std::string>());
        }
    }
    return names;
}

nlohmann::json WaitSettled(const TestServer& server, const Session& owner, const std::string& id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    nlohmann::json store;
    while (std::chrono::steady_clock::now() < deadline) {
        auto r = Call("GET", server.url("/api/stores/" + id), {owner.Auth()});
        EXPECT_EQ(r.status, 200) << r.body;
        store = r.json;
        if (r.status != 200 || store["status"] != "GENERATING") {
            return store;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "store " << id << " still GENERATING";
    return store;
}

GeneratedStore GenerateStore(const TestServer& server, const Session& owner, const std::string& description) {
    auto created =
        Call("POST", server.url("/api/stores"), {owner.Auth()}, nlohmann::json{{"description", description}}.dump());
    EXPECT_EQ(created.status, 202) << created.body;
    GeneratedStore store{created.json.value("store_id", ""), {}};
    if (created.status == 202) {
        store.view = WaitSettled(server, owner, store.id);
    }
    return store;
}

void Sql(const std::filesystem::path& data_dir, const std::string& sql) {
    std::string error;
    ASSERT_TRUE(ExecSql(data_dir, sql, error)) << error;
}

std::int64_t SqlCount(const std::filesystem::path& data_dir, const std::string& sql) {
    std::string error;
    return QuerySqlInt(data_dir, sql, error).value_or(-1);
}

std::string Quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c == '\'' ? "''" : std::string(1, c);
    }
    return out + "'";
}

}  // namespace webdpro::testing
