#pragma once

#include <memory>

#include "app/config.hpp"
#include "app/data_dir.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"

namespace webdpro::http {
class Client;
class Router;
class Server;
class StaticFiles;
}  // namespace webdpro::http

namespace webdpro::storage {
class Db;
}
namespace webdpro::storefront {
class Renderer;
}
namespace webdpro::stores {
class StoreDirectory;
}
namespace webdpro::admin {
class AdminConsole;
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
    /// drained the server. Then StopAll(). Returns the process exit code.
    int Serve();

    /// The one stop order of a built platform, after the server has drained (or never ran):
    /// running store generations write their result; the dispatcher and outbound SMS finish;
    /// the render threads stop; then the database closes. Idempotent; the destructor calls it,
    /// so every command that builds a platform stops it the same way.
    void StopAll();

    http::Router& router() { return *router_; }

private:
    Platform(const Config& config, Logger& logger, DataDir data_dir);
    void RegisterRoutes();

    Config config_;
    Logger& logger_;
    DataDir data_dir_;
    Metrics metrics_;
    std::unique_ptr<storage::Db> db_;
    std::unique_ptr<DbMetrics> db_metrics_;
    /// Shared by the feature groups below, so declared before them (and destroyed after them).
    std::unique_ptr<http::Client> client_;
    std::unique_ptr<stores::StoreDirectory> directory_;
    std::unique_ptr<storefront::Renderer> renderer_;
    /// Sign-in, sessions, tenants, the auth guard; outlives the router and server declared below.
    std::unique_ptr<Accounts> accounts_;
    /// Orders and the outbox dispatcher; stopped before the database closes.
    std::unique_ptr<Commerce> commerce_;
    /// Store hosting (/s/{slug}/…, subdomains, custom domains, preview); outlives the router too.
    std::unique_ptr<Storefront> storefront_;
    /// Store generation, editing and publishing (/api/stores); stopped before the database closes.
    std::unique_ptr<Stores> stores_;
    std::unique_ptr<admin::AdminConsole> admin_;
    std::unique_ptr<http::StaticFiles> web_;
    std::unique_ptr<http::StaticFiles> docs_;
    std::unique_ptr<http::Router> router_;
    std::unique_ptr<http::Server> server_;
    std::unique_ptr<PlatformProbe> probe_;
};

}  // namespace webdpro::app
