#pragma once

#include <memory>

#include "app/config.hpp"
#include "app/data_dir.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"

namespace webdpro::http {
class Router;
class Server;
class StaticFiles;
}  // namespace webdpro::http

namespace webdpro::storage {
class SqliteDb;
}

namespace webdpro::app {

class Accounts;
class Commerce;
class DbMetrics;
class Storefront;
class Stores;
struct PlatformProbe;

/// The composition root: builds every object of a running WebDPro once, in dependency order,
/// and wires every route. Nothing else constructs services. Not thread-safe to build; the built
/// objects are.
class Platform final {
public:
    /// Takes the data dir, opens the database, applies migrations and registers every route on
    /// a server that is constructed but not yet listening.
    static Result<std::unique_ptr<Platform>> Build(const Config& config, Logger& logger);
    ~Platform();
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    /// Binds the listen address, logs where it listens, and serves until SIGINT/SIGTERM has
    /// drained the server. Then closes the database. Returns the process exit code.
    int Serve();

    http::Router& router() { return *router_; }

private:
    Platform(const Config& config, Logger& logger, DataDir data_dir);
    void RegisterRoutes();

    Config config_;
    Logger& logger_;
    DataDir data_dir_;
    Metrics metrics_;
    std::unique_ptr<storage::SqliteDb> db_;
    std::unique_ptr<DbMetrics> db_metrics_;
    /// Sign-in, sessions, tenants, the auth guard; outlives the router and server declared below.
    std::unique_ptr<Accounts> accounts_;
    /// Orders and the outbox dispatcher; stopped before the database closes.
    std::unique_ptr<Commerce> commerce_;
    /// Store hosting (/s/{slug}/…, subdomains, custom domains, preview); outlives the router too.
    std::unique_ptr<Storefront> storefront_;
    /// Store generation, editing and publishing (/api/stores); stopped before the database closes.
    std::unique_ptr<Stores> stores_;
    std::unique_ptr<http::StaticFiles> web_;
    std::unique_ptr<http::StaticFiles> docs_;
    std::unique_ptr<http::Router> router_;
    std::unique_ptr<http::Server> server_;
    std::unique_ptr<PlatformProbe> probe_;
};

}  // namespace webdpro::app
