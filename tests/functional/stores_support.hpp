#pragma once
// Helpers for the functional tests that need a generated store or look at the server's database
// from outside: store generation through the API, error-field names, and SQL on the data dir.

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {

/// The fields an error envelope names (`error.fields[].field`), sorted; empty when none.
std::set<std::string> ErrorFields(const ApiReply& reply);

/// Polls GET /api/stores/{id} as `owner` until the store is no longer GENERATING (up to 20 s) and
/// returns its last view. Fails the test when it never settles.
nlohmann::json WaitSettled(const TestServer& server, const Session& owner, const std::string& id);

/// POST /api/stores with `description` as `owner`, then WaitSettled: the new store's id and its
/// settled view (status DRAFT when generation worked). Fails the test when the POST is refused.
struct GeneratedStore {
    std::string id;
    nlohmann::json view;
};
GeneratedStore GenerateStore(const TestServer& server, const Session& owner, const std::string& description);

/// Runs SQL on the server's database file from outside (WAL: the server may keep running); fails
/// the test when SQLite refuses it. `data_dir` outlives a stopped server (restart tests).
void Sql(const std::filesystem::path& data_dir, const std::string& sql);
inline void Sql(const TestServer& server, const std::string& sql) {
    Sql(server.data_dir(), sql);
}
/// One integer from a read-only query on the database in `data_dir` (-1 when there is none).
std::int64_t SqlCount(const std::filesystem::path& data_dir, const std::string& sql);

/// `text` as an SQL string literal.
std::string Quote(const std::string& text);

}  // namespace webdpro::testing
