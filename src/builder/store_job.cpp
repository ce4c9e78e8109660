#include <utility>

#include <nlohmann/json.hpp>

#include "ai/site_spec_chain.hpp"
#include "builder/store_json.hpp"
#include "builder/store_service.hpp"
#include "catalog/products.hpp"
#include "core/log.hpp"
#include "core/work_pool.hpp"
#include "events/outbox.hpp"
#include "storage/db.hpp"

// The generation job of StoreService: spec (the AI chain), code and images (the site check), then
// assembly (one write transaction), each step an event for the owner's progress page.
namespace webdpro::builder {
namespace {

ai::Plan ChainPlan(std::string_view plan) {
    return plan == "FREE" ? ai::Plan::kFree : ai::Plan::kPro;
}

}  // namespace

/// What the blocking part of a job produced.
struct StoreService::Built {
    sitegen::SiteSpec spec;
    std::string served_by;
};

Result<StoreService::Built> StoreService::BuildSite(const Job& job, const Store& store) {
    const std::string sid = store.id.str();
    const sitegen::Language language = sitegen::LanguageFromCode(store.language).value_or(sitegen::Language::kEnglish);
    ai::SpecRequest request;
    request.tenant_id = store.tenant_id;
    request.plan = ChainPlan(store.plan);
    request.description = store.description;
    request.language = language;
    request.store_id = store.id;
    request.variant = job.kind == JobKind::kRegenerate ? ++variant_ : 0;
    ai::SpecGeneration generation = chain_.Generate(request);

    nlohmann::json levels = nlohmann::json::array();
    for (const auto& l : generation.levels) {
        levels.push_back({{"level", l.level}, {"outcome", l.outcome}, {"reason", l.reason}});
    }
    Built built{.spec = std::move(generation.spec), .served_by = generation.served_by};
    if (job.kind == JobKind::kRegenerate && store.spec) {
        // New words only, for the parts the owner chose: everything else they set or sold stays.
        sitegen::SiteSpec kept = *store.spec;
        if (job.parts.tagline) {
            kept.tagline = built.spec.tagline;
        }
        if (job.parts.about) {
            kept.about = built.spec.about;
        }
        if (job.parts.features) {
            kept.features = built.spec.features;
        }
        built.spec = std::move(kept);
    }
    events_.Publish(sid, "spec",
                    {{"step", "spec"},
                     {"served_by", built.served_by},
                     {"from_cache", generation.from_cache},
                     {"elapsed_ms", generation.elapsed.count()},
                     {"levels", std::move(levels)},
                     {"business_name", built.spec.business_name},
                     {"sector", sitegen::SectorName(built.spec.sector)}});

    auto site = site_check_.Check(built.spec);
    if (!site) {
        return Fail(ApiError(ErrorCode::kInternal, "The store's pages could not be built from its details.",
                             "render: " + site.error().message + " " + site.error().detail));
    }
    events_.Publish(sid, "code", {{"step", "code"}, {"pages", site->pages}, {"theme", site->theme}});
    events_.Publish(sid, "images", {{"step", "images"}, {"images", site->images}, {"source", "generated-svg"}});
    return built;
}

boost::asio::awaitable<Result<Store>> StoreService::Assemble(const Job& job, Built built) {
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Store> {
        auto current = stores::RequireStore(conn, job.tenant, job.store);
        if (!current) {
            return current;
        }
        if (job.kind == JobKind::kRegenerate) {
            if (auto r = stores::SaveRegenerated(conn, job.tenant, job.store, built.spec, built.served_by, now); !r) {
                return Fail(std::move(r.error()));
            }
            return stores::RequireStore(conn, job.tenant, job.store);
        }
        if (current->status != StoreStatus::kGenerating) {
            return Fail(ApiError(ErrorCode::kConflict, "The store changed while it was being generated.",
                                 "store left GENERATING during its job"));
        }
        auto slug = stores::UniqueSlug(conn, *current, built.spec);
        if (!slug) {
            return Fail(std::move(slug.error()));
        }
        if (auto saved = stores::SaveGenerated(conn, job.tenant, job.store, built.spec, *slug, built.served_by, now);
            !saved) {
            return Fail(std::move(saved.error()));
        }
        // The catalog is seeded once, with the first spec; a retried store never got one.
        if (!current->spec) {
            auto seeded =
                catalog::SeedFromSpec(conn, job.tenant, job.store, built.spec.products, catalog::kSeedStock, now);
            if (!seeded) {
                return Fail(std::move(seeded.error()));
            }
        }
        const nlohmann::json generated = {{"store_id", job.store.str()},
                                          {"slug", *slug},
                                          {"sector", sitegen::SectorName(built.spec.sector)},
                                          {"generation_level", built.served_by}};
        if (auto event = events::Enqueue(conn, job.tenant, events::type::kStoreGenerated, generated, now); !event) {
            return Fail(std::move(event.error()));
        }
        return stores::RequireStore(conn, job.tenant, job.store);
    });
}

boost::asio::awaitable<void> StoreService::MarkFailed(const Job& job, std::string reason) {
    const TimePoint now = NowUtc();
    auto marked = co_await db_.Write([&](storage::Conn& conn) -> Result<bool> {
        return job.kind == JobKind::kGenerate
                   ? stores::MarkGenerationFailed(conn, job.tenant, job.store, reason, now)
                   : stores::NoteRegenerationFailed(conn, job.tenant, job.store, reason, now);
    });
    if (!marked) {
        logger_.Error("could not record a failed store generation",
                      {{"store_id", job.store.str()}, {"detail", marked.error().detail}});
    }
    events_.Publish(job.store.str(), "failed",
                    {{"step", "failed"},
                     {"store_id", job.store.str()},
                     {"error", reason},
                     {"status", job.kind == JobKind::kGenerate ? "FAILED" : "UNCHANGED"}});
}

boost::asio::awaitable<void> StoreService::RunJob(Job job) {
    struct Finish {
        StoreService& service;
        const StoreId& store;
        ~Finish() {
            service.ClearBusy(store);
            service.Release();
        }
    } finish{*this, job.store};
    std::optional<std::string> failure;
    try {
        failure = co_await RunSteps(job);
    } catch (const std::exception& e) {
        logger_.Error("store generation job threw", {{"store_id", job.store.str()}, {"what", e.what()}});
        failure = "Something went wrong while generating the store. Please retry.";
    }
    if (failure && !stopping_.load()) {
        co_await MarkFailed(job, std::move(*failure));
    }
}

boost::asio::awaitable<std::optional<std::string>> StoreService::RunSteps(const Job& job) {
    auto store = co_await Get(job.tenant, job.store);
    if (!store) {
        logger_.Warn("store generation dropped", {{"store_id", job.store.str()}, {"reason", store.error().message}});
        co_return std::nullopt;
    }
    if (stopping_.load()) {
        co_return std::nullopt;  // left GENERATING: Recover() at the next start picks it up
    }
    // Captures by pointer: the store lives in this frame until the pool answers (g++ 12 mis-moves
    // some by-value captures of lambdas made inside coroutines).
    const Store* snapshot = &*store;
    auto built = co_await pool_.Run([this, &job, snapshot]() -> Result<Built> {
        if (stopping_.load()) {
            return Fail(ErrorCode::kUnavailable, "shutting down");
        }
        return BuildSite(job, *snapshot);
    });
    if (!built && stopping_.load()) {
        co_return std::nullopt;
    }
    if (!built) {
        logger_.Warn("store generation failed", {{"store_id", job.store.str()}, {"detail", built.error().detail}});
        co_return built.error().code == ErrorCode::kUnavailable ? "The generator was too busy. Please retry."
                                                                : "We could not build the store's pages. Please retry.";
    }
    auto assembled = co_await Assemble(job, std::move(*built));
    if (!assembled) {
        logger_.Warn("store assembly failed", {{"store_id", job.store.str()},
                                               {"message", assembled.error().message},
                                               {"detail", assembled.error().detail}});
        co_return "We could not save the generated store. Please retry.";
    }
    const std::size_t products = assembled->spec ? assembled->spec->products.size() : 0;
    events_.Publish(job.store.str(), "assembly",
                    {{"step", "assembly"},
                     {"slug", assembled->slug},
                     {"products", products},
                     {"site_version", assembled->site_version}});
    events_.Publish(job.store.str(), "done", {{"step", "done"}, {"store", StoreJson(*assembled)}});
    co_return std::nullopt;
}

}  // namespace webdpro::builder
