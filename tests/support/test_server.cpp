#include "support/test_server.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <curl/curl.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#ifndef WEBDPRO_BINARY
#error "WEBDPRO_BINARY must name the webdpro executable"
#endif

namespace webdpro::testing {
namespace {

std::filesystem::path MakeTempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "webdpro-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        return {};
    }
    return pattern;
}

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

pid_t Spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::filesystem::path& output) {
    const pid_t pid = ::fork();
    if (pid != 0) {
        return pid;
    }
    const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::close(fd);
    }
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) {
        ::dup2(devnull, 0);
        ::close(devnull);
    }
    // The harness's own variables are no settings of webdpro's (which refuses unknown WEBDPRO_*).
    for (const char* name : {"WEBDPRO_TEST_ENGINE", "WEBDPRO_TEST_PG_DSN", "WEBDPRO_TEST_PG_STATE"}) {
        ::unsetenv(name);
    }
    for (const auto& [key, value] : env) {
        ::setenv(key.c_str(), value.c_str(), 1);
    }
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(WEBDPRO_BINARY));
    for (const auto& a : args) {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    ::execv(WEBDPRO_BINARY, argv.data());
    ::_exit(127);
}

int DecodeStatus(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

long GetStatus(const std::string& url) {
    CURL* curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 1000L);
    curl_easy_setopt(
        curl, CURLOPT_WRITEFUNCTION, +[](char*, size_t size, size_t n, void*) { return size * n; });
    long status = 0;
    if (curl_easy_perform(curl) == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    }
    curl_easy_cleanup(curl);
    return status;
}

/// The test cluster's connection string when the tests run on PostgreSQL
/// (WEBDPRO_TEST_ENGINE=postgres): WEBDPRO_TEST_PG_DSN, or the pg_cluster fixture's (described in
/// WEBDPRO_TEST_PG_STATE, by default the build's own pg-cluster folder).
std::optional<std::string> PostgresDsn() {
    const char* engine = std::getenv("WEBDPRO_TEST_ENGINE");
    if (engine == nullptr || std::string_view(engine) != "postgres") {
        return std::nullopt;
    }
    if (const char* dsn = std::getenv("WEBDPRO_TEST_PG_DSN"); dsn != nullptr && *dsn != '\0') {
        return std::string(dsn);
    }
    const char* state = std::getenv("WEBDPRO_TEST_PG_STATE");
    std::string dsn;
    std::ifstream in(std::string(state != nullptr ? state : WEBDPRO_TEST_PG_STATE_DIR) + "/dsn");
    std::getline(in, dsn);
    if (dsn.empty()) {
        throw std::runtime_error("WEBDPRO_TEST_ENGINE=postgres needs WEBDPRO_TEST_PG_DSN or WEBDPRO_TEST_PG_STATE");
    }
    return dsn;
}

bool PgAdmin(const std::string& dsn, const std::string& sql, std::string& error) {
    PGconn* conn = PQconnectdb(dsn.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
        PGresult* result = PQexec(conn, sql.c_str());
        ok = PQresultStatus(result) == PGRES_COMMAND_OK;
        if (!ok) {
            error = sql + ": " + PQresultErrorMessage(result);
        }
        PQclear(result);
    } else {
        error = std::string("cannot reach the test cluster: ") + PQerrorMessage(conn);
    }
    PQfinish(conn);
    return ok;
}

/// The database of a data dir on PostgreSQL: created with the data dir, named in it so that a
/// server restarted on the same data dir finds its data again.
std::optional<std::string> DatabaseOf(const std::string& dsn, const std::filesystem::path& data_dir,
                                      std::string& error) {
    const auto marker = data_dir / "pg-database";
    std::string name = ReadFile(marker);
    if (!name.empty()) {
        return name;
    }
    static std::atomic<int> counter{0};
    name = "f_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" +
           std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000000);
    if (!PgAdmin(dsn, "CREATE DATABASE " + name + " TEMPLATE template0", error)) {
        return std::nullopt;
    }
    std::ofstream(marker) << name;
    return name;
}

}  // namespace

namespace {

/// The connection string of a data dir's database on the test cluster; nullopt on SQLite, "" (with
/// `error`) when the database cannot be made.
std::optional<std::string> PgDatabaseDsn(const std::filesystem::path& data_dir, std::string& error) {
    auto dsn = PostgresDsn();
    if (!dsn) {
        return std::nullopt;
    }
    auto database = DatabaseOf(*dsn, data_dir, error);
    if (!database) {
        return std::string();
    }
    return *dsn + " dbname=" + *database;
}

/// Runs `sql` on PostgreSQL; `value` (when given) gets the first column of the first row.
bool PgRun(const std::string& dsn, const std::string& sql, std::optional<std::int64_t>* value, std::string& error) {
    PGconn* conn = PQconnectdb(dsn.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (!ok) {
        error = std::string("cannot reach the test database: ") + PQerrorMessage(conn);
        PQfinish(conn);
        return false;
    }
    PGresult* result = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(result);
    ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok) {
        error = std::string(PQresultErrorMessage(result)) + " in " + sql;
    } else if (value != nullptr) {
        if (status == PGRES_TUPLES_OK && PQntuples(result) > 0 && PQnfields(result) > 0 && !PQgetisnull(result, 0, 0)) {
            const std::string text = PQgetvalue(result, 0, 0);
            *value = text == "t" ? 1 : text == "f" ? 0 : std::stoll(text);
        } else {
            error = "no value from " + sql;
            ok = false;
        }
    }
    PQclear(result);
    PQfinish(conn);
    return ok;
}

/// Runs `sql` on the SQLite file of a data dir; `value` as PgRun.
bool SqliteRun(const std::filesystem::path& data_dir, const std::string& sql, std::optional<std::int64_t>* value,
               std::string& error) {
    sqlite3* db = nullptr;
    const std::string path = (data_dir / "webdpro.db").string();
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        error = "cannot open " + path;
        sqlite3_close(db);
        return false;
    }
    sqlite3_busy_timeout(db, 10000);
    bool ok = true;
    if (value == nullptr) {
        char* message = nullptr;
        ok = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK;
        if (!ok) {
            error = std::string(message != nullptr ? message : "sqlite error") + " in " + sql;
        }
        sqlite3_free(message);
    } else {
        sqlite3_stmt* stmt = nullptr;
        ok = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW &&
             sqlite3_column_type(stmt, 0) != SQLITE_NULL;
        if (ok) {
            *value = sqlite3_column_int64(stmt, 0);
        } else {
            error = std::string(sqlite3_errmsg(db)) + " (or no value) in " + sql;
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return ok;
}

}  // namespace

bool ExecSql(const std::filesystem::path& data_dir, const std::string& sql, std::string& error) {
    if (auto dsn = PgDatabaseDsn(data_dir, error)) {
        return !dsn->empty() && PgRun(*dsn, sql, nullptr, error);
    }
    return SqliteRun(data_dir, sql, nullptr, error);
}

std::optional<std::int64_t> QuerySqlInt(const std::filesystem::path& data_dir, const std::string& sql,
                                        std::string& error) {
    std::optional<std::int64_t> value;
    if (auto dsn = PgDatabaseDsn(data_dir, error)) {
        if (dsn->empty() || !PgRun(*dsn, sql, &value, error)) {
            return std::nullopt;
        }
        return value;
    }
    if (!SqliteRun(data_dir, sql, &value, error)) {
        return std::nullopt;
    }
    return value;
}

std::string TestServer::BinaryPath() {
    return WEBDPRO_BINARY;
}

std::unique_ptr<TestServer> TestServer::Start(Options options, std::string& error) {
    std::unique_ptr<TestServer> server(new TestServer());
    if (options.data_dir) {
        server->data_dir_ = *options.data_dir;
    } else {
        server->data_dir_ = MakeTempDir();
        server->owns_data_dir_ = true;
    }
    server->log_path_ = server->data_dir_.string() + ".log";
    std::filesystem::remove(server->log_path_);

    if (auto dsn = PostgresDsn()) {
        auto database = DatabaseOf(*dsn, server->data_dir_, error);
        if (!database) {
            return nullptr;
        }
        server->pg_dsn_ = *dsn;
        server->pg_database_ = *database;
        options.env.try_emplace("WEBDPRO_STORAGE_ENGINE", "postgres");
        options.env.try_emplace("WEBDPRO_SECRET_POSTGRES_URL", *dsn + " dbname=" + *database);
    }

    std::vector<std::string> args = {"serve", "--listen", "127.0.0.1:0", "--data-dir", server->data_dir_.string()};
    args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
    server->pid_ = Spawn(args, options.env, server->log_path_);

    // The server logs {"msg":"listening",...,"port":N} once its socket is bound.
    static const std::regex kListening(R"re("msg":"listening".*"port":([0-9]+))re");
    const auto deadline = std::chrono::steady_clock::now() + options.ready_timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (auto code = server->WaitExit(std::chrono::milliseconds(0))) {
            error = "webdpro exited with " + std::to_string(*code) + " before listening:\n" + server->Log();
            return nullptr;
        }
        std::smatch m;
        const std::string log = server->Log();
        if (std::regex_search(log, m, kListening)) {
            server->port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (server->port_ == 0) {
        error = "webdpro did not start listening in time:\n" + server->Log();
        return nullptr;
    }
    if (!options.wait_ready) {
        return server;
    }
    while (std::chrono::steady_clock::now() < deadline) {
        if (GetStatus(server->url("/readyz")) == 200) {
            return server;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    error = "webdpro did not become ready in time:\n" + server->Log();
    return nullptr;
}

TestServer::~TestServer() {
    if (pid_ > 0 && !exit_code_) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    std::error_code ec;
    std::filesystem::remove(log_path_, ec);
    if (owns_data_dir_ && !keep_data_dir_) {
        std::filesystem::remove_all(data_dir_, ec);
        if (!pg_database_.empty()) {
            std::string ignored;
            PgAdmin(pg_dsn_, "DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)", ignored);
        }
    }
}

std::string TestServer::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void TestServer::Signal(int sig) {
    if (pid_ > 0 && !exit_code_) {
        ::kill(pid_, sig);
    }
}

std::optional<int> TestServer::WaitExit(std::chrono::milliseconds timeout) {
    if (exit_code_) {
        return exit_code_;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        int status = 0;
        const pid_t r = ::waitpid(pid_, &status, WNOHANG);
        if (r == pid_) {
            exit_code_ = DecodeStatus(status);
            return exit_code_;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::string TestServer::Log() const {
    return ReadFile(log_path_);
}

int RunWebdpro(const std::vector<std::string>& args, std::string& output,
               const std::map<std::string, std::string>& env) {
    const auto out_path = std::filesystem::temp_directory_path() /
                          ("webdpro-run-" + std::to_string(::getpid()) + "-" +
                           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".out");
    const pid_t pid = Spawn(args, env, out_path);
    int status = 0;
    ::waitpid(pid, &status, 0);
    output = ReadFile(out_path);
    std::filesystem::remove(out_path);
    return DecodeStatus(status);
}

}  // namespace webdpro::testing
