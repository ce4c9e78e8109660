#pragma once

#include <memory>

#include "app/config.hpp"
#include "core/error.hpp"
#include "storefront/hosting_routes.hpp"

namespace webdpro::http {
class Router;
}
namespace webdpro::storage {
class Db;
}
namespace webdpro::stores {
class StoreDirectory;
}
namespace webdpro::storefront {
class Renderer;
class SiteCache;
class StoreHosting;
class StoreRefCache;
}  // namespace webdpro::storefront
namespace webdpro {
class WorkPool;
}

namespace webdpro::app {

/// Store hosting (src/storefront): the render pool, the rendered-site and store-lookup caches, and
/// the routes of /s/{slug}/…, subdomains, custom domains and the owner preview, over the platform's
/// renderer and store directory. Must be destroyed after the server and router (their handlers
/// refer to it) and before the database, the renderer and the directory.
class Storefront final {
public:
    static Result<std::unique_ptr<Storefront>> Build(const Config& config, storage::Db& db,
                                                     const storefront::Renderer& renderer,
                                                     stores::StoreDirectory& directory);
    ~Storefront();
    Storefront(const Storefront&) = delete;
    Storefront& operator=(const Storefront&) = delete;

    /// GET /s/{slug}, /s/{slug}/{path...}, /api/stores/{store_id}/preview/{path...} and the host
    /// rewrite. Register before the web app's catch-all route.
    void RegisterRoutes(http::Router& router);
    /// Where the order page gets its status for readers without JavaScript.
    void SetOrderStatusHtml(storefront::OrderStatusHtml fill);
    /// Forgets this node's store lookups: call it when a store's address or visibility changed
    /// here, so the next request sees the change at once. Thread-safe.
    void ForgetStoreLookups();
    /// Finishes renders in flight and stops the render threads. Idempotent.
    void Stop();

private:
    Storefront();

    std::unique_ptr<WorkPool> render_pool_;
    std::unique_ptr<storefront::SiteCache> sites_;
    std::unique_ptr<storefront::StoreRefCache> refs_;
    std::unique_ptr<storefront::StoreHosting> hosting_;
};

}  // namespace webdpro::app
