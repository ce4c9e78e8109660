#include "app/stores.hpp"

#include <vector>

#include "ai/ai_runtime.hpp"
#include "ai/site_spec_chain.hpp"
#include "core/work_pool.hpp"
#include "http/client.hpp"
#include "http/router.hpp"
#include "storefront/render.hpp"
#include "stores/generation_events.hpp"
#include "stores/store_routes.hpp"
#include "stores/store_service.hpp"

namespace webdpro::app {

Stores::Stores(Logger& logger) : logger_(logger) {}

Stores::~Stores() {
    Stop();
}

Result<std::unique_ptr<Stores>> Stores::Build(const Config& config, storage::Db& db, Logger& logger,
                                              ai::SiteSpecChain* chain) {
    auto renderer = storefront::Renderer::CreateEmbedded();
    if (!renderer) {
        return Fail(std::move(renderer.error()));
    }
    std::unique_ptr<Stores> s(new Stores(logger));
    if (chain == nullptr) {
        // The configured chain ([ai] levels, the ai_calls ledger, monthly budgets by plan).
        s->client_ = std::make_unique<http::Client>();
        auto runtime = ai::AiRuntime::Build(config.ai, db, *s->client_, logger, ai::ProcessEnv);
        if (!runtime) {
            return Fail(std::move(runtime.error()));
        }
        s->ai_ = std::move(*runtime);
        chain = &s->ai_->chain();
    }
    s->renderer_ = std::make_unique<storefront::Renderer>(std::move(*renderer));
    const auto queue = static_cast<std::size_t>(config.stores.generate_queue);
    s->pool_ = std::make_unique<WorkPool>("generate", config.stores.generate_threads, queue);
    s->events_ = std::make_unique<stores::GenerationEvents>();
    s->service_ = std::make_unique<stores::StoreService>(
        db, *chain, *s->renderer_, *s->pool_, *s->events_, logger,
        stores::StoreServiceOptions{.max_queued = queue, .base_domain = config.storefront.base_domain});
    return s;
}

void Stores::RegisterRoutes(http::Router& router) {
    stores::RegisterStoreRoutes(router, *service_);
}

void Stores::Recover() {
    if (auto recovered = service_->Recover(); !recovered) {
        logger_.Error("could not resume store generations", {{"detail", recovered.error().detail}});
    }
}

void Stores::Stop() {
    if (service_) {
        service_->Stop();
    }
    if (ai_) {
        ai_->Flush();  // the ledger rows of the last generations, while the database is open
    }
}

}  // namespace webdpro::app
