#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace webdpro::testing {

/// Starts the real `webdpro serve` binary on a free loopback port with a temporary data dir,
/// and waits until /readyz answers 200. Owns the process: the destructor kills it (SIGKILL) if
/// it still runs and removes the data dir. With WEBDPRO_TEST_ENGINE=postgres in the test's
/// environment the server runs on a database of its own on the test cluster (label
/// functional-pg), created with the data dir and dropped with it. Not thread-safe.
class TestServer final {
public:
    struct Options {
        std::vector<std::string> extra_args;            ///< appended to `serve ...`
        std::map<std::string, std::string> env;         ///< added to the child's environment
        std::optional<std::filesystem::path> data_dir;  ///< reuse a data dir (restart tests)
        bool wait_ready = true;
        std::chrono::milliseconds ready_timeout{15000};
    };

    /// Starts the server; on failure the returned error text includes the server's log.
    static std::unique_ptr<TestServer> Start(Options options, std::string& error);
    static std::unique_ptr<TestServer> Start(std::string& error) { return Start(Options{}, error); }
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path = "") const;
    const std::filesystem::path& data_dir() const { return data_dir_; }
    pid_t pid() const { return pid_; }

    /// Sends a signal to the server process.
    void Signal(int sig);
    /// Waits for the process to exit; returns its exit code (128+signal when killed), or nullopt
    /// on timeout.
    std::optional<int> WaitExit(std::chrono::milliseconds timeout);
    /// The server's combined stdout and stderr so far.
    std::string Log() const;
    /// Keeps the data dir when the server is destroyed (to restart on it).
    void KeepDataDir() { keep_data_dir_ = true; }

    /// The path of the webdpro binary under test.
    static std::string BinaryPath();

private:
    TestServer() = default;

    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    std::filesystem::path data_dir_;
    std::filesystem::path log_path_;
    bool owns_data_dir_ = false;
    bool keep_data_dir_ = false;
    std::optional<int> exit_code_;
    std::string pg_dsn_;       ///< the test cluster, when the server runs on PostgreSQL
    std::string pg_database_;  ///< its database there, dropped with the data dir
};

/// Runs `sql` (one or more statements) straight on a data dir's database, on the engine the tests
/// run on: the SQLite file DATA_DIR/webdpro.db, or the data dir's own database on the test cluster
/// (WEBDPRO_TEST_ENGINE=postgres). For seeding what the API cannot make and checking what it does
/// not show; write SQL both engines accept. False, with `error`, when it fails.
bool ExecSql(const std::filesystem::path& data_dir, const std::string& sql, std::string& error);

/// The first column of the first row of `sql` on a data dir's database (as ExecSql), as an
/// integer; nullopt, with `error`, when the query fails, has no row or the value is NULL.
std::optional<std::int64_t> QuerySqlInt(const std::filesystem::path& data_dir, const std::string& sql,
                                        std::string& error);

/// Runs `webdpro ARGS...` to completion; returns the exit code and fills `output` with
/// stdout+stderr.
int RunWebdpro(const std::vector<std::string>& args, std::string& output,
               const std::map<std::string, std::string>& env = {});

}  // namespace webdpro::testing
