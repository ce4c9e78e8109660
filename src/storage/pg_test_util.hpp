#pragma once
// Helpers for the PostgreSQL storage tests only: a fresh database per test on the test cluster.

#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "core/ids.hpp"
#include "storage/pg_db.hpp"

namespace webdpro::storage::testing {

/// The test cluster: WEBDPRO_TEST_PG_DSN (a key=value connection string) when set, else the one
/// scripts/pg-cluster.sh started, described in the folder WEBDPRO_TEST_PG_STATE.
struct PgCluster {
    std::string dsn;
    std::string state_dir;  ///< empty when the cluster is not ours to stop and start

    static std::optional<PgCluster> Find() {
        if (const char* dsn = std::getenv("WEBDPRO_TEST_PG_DSN"); dsn != nullptr && *dsn != '\0') {
            return PgCluster{dsn, ""};
        }
        const char* state = std::getenv("WEBDPRO_TEST_PG_STATE");
        if (state == nullptr) {
            return std::nullopt;
        }
        std::ifstream in(std::string(state) + "/dsn");
        std::string dsn;
        if (!std::getline(in, dsn) || dsn.empty()) {
            return std::nullopt;
        }
        return PgCluster{dsn, state};
    }

    /// Runs scripts/pg-cluster.sh `command` (down, up, restart) on our own cluster; true on success.
    bool Control(const std::string& command) const {
        const std::string script = std::string(WEBDPRO_PG_CLUSTER_SCRIPT);
        return std::system((script + " " + command + " " + state_dir + " >/dev/null").c_str()) == 0;
    }
};

/// Runs one statement outside any transaction (CREATE / DROP DATABASE); true on success.
inline bool PgAdmin(const std::string& dsn, const std::string& sql) {
    PGconn* conn = PQconnectdb(dsn.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
        PGresult* result = PQexec(conn, sql.c_str());
        ok = PQresultStatus(result) == PGRES_COMMAND_OK;
        if (!ok) {
            ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
        }
        PQclear(result);
    } else {
        ADD_FAILURE() << "cannot connect to the test cluster: " << PQerrorMessage(conn);
    }
    PQfinish(conn);
    return ok;
}

/// A database of its own for one test, dropped afterwards. Skips the test, loudly, when there
/// is no cluster.
class PgTestDatabase final {
public:
    PgTestDatabase() {
        auto cluster = PgCluster::Find();
        if (!cluster) {
            return;
        }
        cluster_ = *cluster;
        name_ = "t_" + NewIdString("db");
        for (char& c : name_) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (PgAdmin(cluster_.dsn, "CREATE DATABASE " + name_ + " TEMPLATE template0")) {
            dsn_ = cluster_.dsn + " dbname=" + name_;
        }
    }
    ~PgTestDatabase() {
        if (!dsn_.empty()) {
            PgAdmin(cluster_.dsn, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        }
    }
    PgTestDatabase(const PgTestDatabase&) = delete;
    PgTestDatabase& operator=(const PgTestDatabase&) = delete;

    bool available() const { return !dsn_.empty(); }
    const std::string& dsn() const { return dsn_; }
    const PgCluster& cluster() const { return cluster_; }

    std::unique_ptr<PgDb> Open(PgOptions options = {}) const {
        options.conninfo = dsn_;
        auto db = PgDb::Open(std::move(options));
        EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().detail);
        return db ? std::move(*db) : nullptr;
    }

private:
    PgCluster cluster_;
    std::string name_;
    std::string dsn_;
};

}  // namespace webdpro::storage::testing

/// Skips a PostgreSQL test when no cluster is configured, saying so.
#define WEBDPRO_REQUIRE_PG(database)                                                                        \
    if (!(database).available()) {                                                                          \
        GTEST_SKIP() << "PostgreSQL tests need a cluster: run them through ctest (the pg_cluster fixture) " \
                        "or set WEBDPRO_TEST_PG_DSN";                                                       \
    }
