#pragma once

#include <functional>
#include <memory>

#include "app/config.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"

namespace webdpro::http {
class Router;
}
namespace webdpro::storage {
class Db;
}
namespace webdpro::ai {
class AiRuntime;
class SiteSpecChain;
}  // namespace webdpro::ai
namespace webdpro::http {
class Client;
}
namespace webdpro::storefront {
class Renderer;
}
namespace webdpro::builder {
class GenerationEvents;
class SiteCheck;
class StoreService;
}  // namespace webdpro::builder
namespace webdpro {
class WorkPool;
}

namespace webdpro::app {

/// The store builder (src/builder): the generation job pool, the progress hub, the store
/// service and the /api/stores routes. Build it after the database; call Recover() once the
/// server is built (stores a restart left GENERATING are queued again) and Stop() before the
/// database closes. Must be destroyed after the server and router (their handlers refer to it).
class Stores final {
public:
    /// Generations use `chain` when given (it must outlive the Stores), else the chain configured
    /// by `config.ai` (model levels, the ai_calls ledger, budgets) calling out through `client`.
    /// The site check renders with `renderer`. `client` and `renderer` must outlive the Stores. Errors (start-up
    /// stops): an [ai] level cannot be built. `on_address_change` runs after a store is published,
    /// unpublished or given or stripped of a custom domain.
    static Result<std::unique_ptr<Stores>> Build(const Config& config, storage::Db& db, const http::Client& client,
                                                 const storefront::Renderer& renderer, Metrics& metrics, Logger& logger,
                                                 ai::SiteSpecChain* chain = nullptr,
                                                 std::function<void()> on_address_change = {});
    ~Stores();
    Stores(const Stores&) = delete;
    Stores& operator=(const Stores&) = delete;

    /// POST/GET /api/stores, GET/PATCH /api/stores/{store_id}, …/events, …/retry, …/regenerate,
    /// …/publish, …/unpublish, PUT/DELETE …/domain.
    void RegisterRoutes(http::Router& router);
    /// Queues every store left GENERATING by a restart. Errors are logged, not fatal.
    void Recover();
    /// Stops taking jobs and waits for running ones (queued ones stay GENERATING). Idempotent.
    void Stop();

private:
    explicit Stores(Logger& logger);

    Logger& logger_;
    std::unique_ptr<ai::AiRuntime> ai_;
    std::unique_ptr<builder::SiteCheck> site_check_;  // over the platform's renderer
    std::unique_ptr<WorkPool> pool_;
    std::unique_ptr<builder::GenerationEvents> events_;
    std::unique_ptr<builder::StoreService> service_;
};

}  // namespace webdpro::app
