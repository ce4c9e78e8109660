#include "app/stores.hpp"

#include <vector>

#include "ai/ai_runtime.hpp"
#include "ai/site_spec_chain.hpp"
#include "builder/generation_events.hpp"
#include "builder/site_check.hpp"
#include "builder/store_routes.hpp"
#include "builder/store_service.hpp"
#include "core/work_pool.hpp"
#include "http/router.hpp"
#include "storefront/render.hpp"
#include "storefront/render_summary.hpp"

namespace webdpro::app {
namespace {

/// The builder's site check: the storefront renders the spec (builder sits beside the storefront,
/// not above it, so the two meet here).
class RenderedSiteCheck final : public builder::SiteCheck {
public:
    explicit RenderedSiteCheck(const storefront::Renderer& renderer) : renderer_(renderer) {}

    Result<builder::SiteCheckReport> Check(const sitegen::SiteSpec& spec) const override {
        auto summary = storefront::SummarizeRender(renderer_, spec);
        if (!summary) {
            return Fail(std::move(summary.error()));
        }
        return builder::SiteCheckReport{.theme = summary->theme, .pages = summary->pages, .images = summary->images};
    }

private:
    const storefront::Renderer& renderer_;
};

}  // namespace

Stores::Stores(Logger& logger) : logger_(logger) {}

Stores::~Stores() {
    Stop();
}

Result<std::unique_ptr<Stores>> Stores::Build(const Config& config, storage::Db& db, const http::Client& client,
                                              const storefront::Renderer& renderer, Metrics& metrics, Logger& logger,
                                              ai::SiteSpecChain* chain, std::function<void()> on_address_change) {
    std::unique_ptr<Stores> s(new Stores(logger));
    if (chain == nullptr) {
        // The configured chain ([ai] levels, the ai_calls ledger, monthly budgets by plan).
        auto runtime = ai::AiRuntime::Build(config.ai, db, client, logger, ai::ProcessEnv, &metrics);
        if (!runtime) {
            return Fail(std::move(runtime.error()));
        }
        s->ai_ = std::move(*runtime);
        chain = &s->ai_->chain();
    }
    s->site_check_ = std::make_unique<RenderedSiteCheck>(renderer);
    const auto queue = static_cast<std::size_t>(config.stores.generate_queue);
    s->pool_ = std::make_unique<WorkPool>("generate", config.stores.generate_threads, queue);
    s->events_ = std::make_unique<builder::GenerationEvents>();
    s->service_ = std::make_unique<builder::StoreService>(
        db, *chain, *s->site_check_, *s->pool_, *s->events_, logger,
        builder::StoreServiceOptions{
            .generations_per_person_per_hour = config.rate_limit.generations_per_person_per_hour,
            .max_queued = queue,
            .base_domain = config.storefront.base_domain,
            .metrics = &metrics,
            .on_address_change = std::move(on_address_change)});
    return s;
}

void Stores::RegisterRoutes(http::Router& router) {
    builder::RegisterStoreRoutes(router, *service_);
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
