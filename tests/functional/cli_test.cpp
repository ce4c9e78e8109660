// The command line: migrate, backup and restore on the real binary.
#include <signal.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "support/client.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

int CountRows(const std::filesystem::path& db, const char* sql) {
    sqlite3* conn = nullptr;
    if (sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(conn);
        return -1;
    }
    sqlite3_stmt* stmt = nullptr;
    int count = -1;
    if (sqlite3_prepare_v2(conn, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        count = sqlite3_column_int(stmt, 0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(conn);
    return count;
}

std::filesystem::path TempPath(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("webdpro-cli-" + std::to_string(::getpid()) + "-" + name);
}

TEST(Cli, HelpDocumentsEveryCommandAndServeOption) {
    std::string output;
    EXPECT_EQ(RunWebdpro({"--help"}, output), 0);
    for (const char* command : {"serve", "migrate", "backup", "restore", "routes", "config"}) {
        EXPECT_NE(output.find(command), std::string::npos) << command;
    }
    EXPECT_EQ(RunWebdpro({"serve", "--help"}, output), 0);
    for (const char* option : {"--listen", "--data-dir", "--config", "--web-dir", "--log-level", "--set"}) {
        EXPECT_NE(output.find(option), std::string::npos) << option;
    }
}

TEST(Cli, UnknownCommandFails) {
    std::string output;
    EXPECT_NE(RunWebdpro({"frobnicate"}, output), 0);
}

TEST(Cli, MigrateIsIdempotent) {
    const auto dir = TempPath("migrate");
    std::filesystem::remove_all(dir);
    std::string output;
    ASSERT_EQ(RunWebdpro({"migrate", "--data-dir", dir.string()}, output), 0) << output;
    const int applied = CountRows(dir / "webdpro.db", "SELECT count(*) FROM schema_migrations");
    EXPECT_GE(applied, 1);
    ASSERT_EQ(RunWebdpro({"migrate", "--data-dir", dir.string()}, output), 0) << output;
    EXPECT_EQ(CountRows(dir / "webdpro.db", "SELECT count(*) FROM schema_migrations"), applied);
    std::filesystem::remove_all(dir);
}

TEST(Cli, BackupWhileServingThenRestoreWhenStopped) {
    std::string error;
    auto server = TestServer::Start(error);
    ASSERT_NE(server, nullptr) << error;
    server->KeepDataDir();
    const auto data_dir = server->data_dir();
    const auto backup = TempPath("backup.wdpbak");
    std::filesystem::remove(backup);

    // The keys stay where they are (they are in data_dir): the archive is the database alone.
    std::string output;
    ASSERT_EQ(
        RunWebdpro({"backup", "--data-dir", data_dir.string(), "--out", backup.string(), "--without-keys"}, output), 0)
        << output;
    ASSERT_EQ(RunWebdpro({"backup", "verify", backup.string()}, output), 0) << output;
    EXPECT_NE(output.find("sound"), std::string::npos) << output;

    // Restoring under a running server is refused.
    EXPECT_NE(RunWebdpro({"restore", "--data-dir", data_dir.string(), "--from", backup.string()}, output), 0);
    EXPECT_NE(output.find("in use"), std::string::npos) << output;

    server->Signal(SIGTERM);
    ASSERT_EQ(server->WaitExit(std::chrono::seconds(15)), 0);
    ASSERT_EQ(RunWebdpro({"restore", "--data-dir", data_dir.string(), "--from", backup.string()}, output), 0) << output;

    // A file that is not an archive is refused and the current database is left alone.
    const auto junk = TempPath("junk.db");
    { std::ofstream(junk) << "not a database"; }
    EXPECT_NE(RunWebdpro({"restore", "--data-dir", data_dir.string(), "--from", junk.string()}, output), 0);
    EXPECT_NE(output.find("not a usable WebDPro backup"), std::string::npos) << output;
    EXPECT_GE(CountRows(data_dir / "webdpro.db", "SELECT count(*) FROM schema_migrations"), 1);

    TestServer::Options options;
    options.data_dir = data_dir;
    auto restarted = TestServer::Start(options, error);
    ASSERT_NE(restarted, nullptr) << error;
    EXPECT_EQ(Fetch("GET", restarted->url("/readyz")).status, 200);

    std::filesystem::remove(backup);
    std::filesystem::remove(junk);
    restarted.reset();
    std::filesystem::remove_all(data_dir);
}

TEST(Cli, ConfigListsEveryKey) {
    std::string output;
    ASSERT_EQ(RunWebdpro({"config"}, output), 0);
    for (const char* key : {"server.listen", "storage.data_dir", "WEBDPRO_SERVER_LISTEN", "log.level"}) {
        EXPECT_NE(output.find(key), std::string::npos) << key;
    }
}

}  // namespace
}  // namespace webdpro::testing

namespace webdpro::testing {
namespace {

TEST(Cli, ReadmeConfigurationTableIsCurrent) {
    std::string table;
    ASSERT_EQ(RunWebdpro({"config"}, table), 0);
    std::ifstream in(std::string(WEBDPRO_SOURCE_DIR) + "/README.md");
    const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string begin = "<!-- config-keys:begin -->\n";
    const auto start = readme.find(begin);
    const auto end = readme.find("<!-- config-keys:end -->");
    ASSERT_NE(start, std::string::npos);
    ASSERT_NE(end, std::string::npos);
    EXPECT_EQ(readme.substr(start + begin.size(), end - start - begin.size()), table)
        << "README.md's configuration table is out of date: run scripts/update-readme.sh";
}

}  // namespace
}  // namespace webdpro::testing
