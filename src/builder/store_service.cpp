#include "builder/store_service.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/work_pool.hpp"
#include "events/outbox.hpp"
#include "storage/db.hpp"
#include "stores/store_rules.hpp"

namespace webdpro::builder {
namespace {

/// 503 with Retry-After: the generation queue is full (or the service is stopping).
ApiError Busy(int retry_after_s) {
    ApiError busy(ErrorCode::kUnavailable, "Many stores are being generated right now. Please try again shortly.",
                  "store generation queue is full");
    busy.retry_after_s = retry_after_s;
    return busy;
}

/// 429: two of the tenant's stores are generating already.
ApiError TooManyGenerating() {
    ApiError limited(ErrorCode::kRateLimited,
                     "Two of your stores are being generated. Wait for one to finish, then try again.");
    limited.retry_after_s = 2;
    return limited;
}

/// 429: this person started their hourly share of generations.
ApiError TooManyStarted(int per_hour, int retry_after_s) {
    const int minutes = std::max(1, (retry_after_s + 59) / 60);
    ApiError limited(ErrorCode::kRateLimited, "You have started " + std::to_string(per_hour) +
                                                  " new stores in the last hour, the most one person can. Try again "
                                                  "in " +
                                                  std::to_string(minutes) + (minutes == 1 ? " minute." : " minutes."));
    limited.retry_after_s = retry_after_s;
    return limited;
}

}  // namespace

StoreService::StoreService(storage::Db& db, ai::SiteSpecChain& chain, const SiteCheck& site_check, WorkPool& pool,
                           GenerationEvents& events, Logger& logger, StoreServiceOptions options)
    : db_(db),
      chain_(chain),
      site_check_(site_check),
      pool_(pool),
      events_(events),
      logger_(logger),
      options_(std::move(options)),
      person_starts_(options_.generations_per_person_per_hour, std::chrono::hours(1)),
      driver_(BackgroundLoopOptions{.name = "store-jobs", .metrics = options_.metrics}) {
    driver_.Start();
}

StoreService::~StoreService() {
    Stop();
}

void StoreService::Stop() {
    if (stopping_.exchange(true)) {
        return;
    }
    // Jobs not yet started see stopping_ and leave their store GENERATING for Recover(); running
    // ones finish their step and write their result before the database closes. Job coroutines
    // run only on the driver's thread, so once it has synced, none of them can hand the pool
    // new work after it stops.
    driver_.Sync();
    pool_.Stop();
    driver_.Stop();
}

bool StoreService::Reserve() {
    if (queued_.fetch_add(1) >= options_.max_queued) {
        queued_.fetch_sub(1);
        return false;
    }
    return true;
}

void StoreService::Release() {
    queued_.fetch_sub(1);
}

bool StoreService::MarkBusy(const StoreId& store) {
    std::lock_guard lock(busy_mutex_);
    return busy_.insert(store.str()).second;
}

void StoreService::ClearBusy(const StoreId& store) {
    std::lock_guard lock(busy_mutex_);
    busy_.erase(store.str());
}

bool StoreService::IsBusy(const StoreId& store) const {
    std::lock_guard lock(busy_mutex_);
    return busy_.contains(store.str());
}

void StoreService::Enqueue(Job job) {
    events_.Begin(job.store.str());
    driver_.Spawn(RunJob(std::move(job)));
}

boost::asio::awaitable<Result<Store>> StoreService::Create(TenantId tenant, UserId person, std::string description,
                                                           std::optional<sitegen::Language> language) {
    auto checked = CheckDescription(std::move(description));
    if (!checked) {
        co_return Fail(std::move(checked.error()));
    }
    if (person_starts_.enabled()) {
        if (const auto decision = person_starts_.Take(person.str()); !decision.allowed) {
            co_return Fail(TooManyStarted(options_.generations_per_person_per_hour, decision.retry_after_s));
        }
    }
    const sitegen::Language lang = language.value_or(DetectLanguage(*checked));
    if (stopping_.load() || !Reserve()) {
        co_return Fail(Busy(options_.busy_retry_after_s));
    }
    const StoreId id = StoreId::New();
    const TimePoint now = NowUtc();
    const int max_generating = options_.max_generating_per_tenant;
    auto created = co_await db_.Write([&](storage::Conn& conn) -> Result<Store> {
        auto plan = stores::TenantPlan(conn, tenant);
        if (!plan) {
            return Fail(std::move(plan.error()));
        }
        if (!*plan) {
            return Fail(ApiError::NotFound("Tenant"));
        }
        const std::string& plan_name = **plan;
        auto counts = stores::CountStores(conn, tenant);
        if (!counts) {
            return Fail(std::move(counts.error()));
        }
        if (counts->total >= stores::StoreLimitForPlan(plan_name)) {
            return Fail(ApiError::Conflict("Your " + plan_name + " plan allows " +
                                           std::to_string(stores::StoreLimitForPlan(plan_name)) +
                                           " stores. Upgrade your plan to create more."));
        }
        if (counts->generating >= max_generating) {
            return Fail(TooManyGenerating());
        }
        // A provisional slug until the spec names the business.
        const std::string provisional = "new-" + id.str().substr(StoreId::kPrefix.size() + 1);
        if (auto r = stores::InsertStore(conn, tenant, id, provisional, *checked, lang, now); !r) {
            return Fail(std::move(r.error()));
        }
        return stores::RequireStore(conn, tenant, id);
    });
    if (!created) {
        Release();
        co_return created;
    }
    MarkBusy(id);
    Enqueue(Job{.tenant = tenant, .store = id, .kind = JobKind::kGenerate});
    co_return created;
}

boost::asio::awaitable<Result<Store>> StoreService::Get(TenantId tenant, StoreId store) {
    co_return co_await db_.Read([&](storage::Conn& conn) { return stores::RequireStore(conn, tenant, store); });
}

boost::asio::awaitable<Result<std::vector<Store>>> StoreService::List(TenantId tenant) {
    co_return co_await db_.Read([&](storage::Conn& conn) { return stores::ListStores(conn, tenant); });
}

boost::asio::awaitable<Result<Store>> StoreService::Retry(TenantId tenant, StoreId store) {
    if (stopping_.load() || !Reserve()) {
        co_return Fail(Busy(options_.busy_retry_after_s));
    }
    const TimePoint now = NowUtc();
    const int max_generating = options_.max_generating_per_tenant;
    auto requeued = co_await db_.Write([&](storage::Conn& conn) -> Result<Store> {
        auto current = stores::RequireStore(conn, tenant, store);
        if (!current) {
            return current;
        }
        if (current->status != StoreStatus::kFailed) {
            return Fail(ApiError::Conflict("Only a store whose generation failed can be retried; this one is " +
                                           std::string(StoreStatusName(current->status)) + "."));
        }
        auto counts = stores::CountStores(conn, tenant);
        if (!counts) {
            return Fail(std::move(counts.error()));
        }
        if (counts->generating >= max_generating) {
            return Fail(TooManyGenerating());
        }
        if (auto r = stores::RequeueFailed(conn, tenant, store, now); !r) {
            return Fail(std::move(r.error()));
        }
        return stores::RequireStore(conn, tenant, store);
    });
    if (!requeued || !MarkBusy(store)) {
        Release();
        co_return requeued;
    }
    Enqueue(Job{.tenant = tenant, .store = store, .kind = JobKind::kGenerate});
    co_return requeued;
}

boost::asio::awaitable<Result<Store>> StoreService::RegenerateCopy(TenantId tenant, StoreId store, CopyParts parts) {
    auto current = co_await Get(tenant, store);
    if (!current) {
        co_return current;
    }
    if (!current->spec || current->status == StoreStatus::kGenerating) {
        co_return Fail(ApiError::Conflict("The store has no generated content yet."));
    }
    if (stopping_.load() || !Reserve()) {
        co_return Fail(Busy(options_.busy_retry_after_s));
    }
    if (!MarkBusy(store)) {
        Release();
        co_return Fail(ApiError::Conflict("The store's copy is already being rewritten."));
    }
    Enqueue(Job{.tenant = tenant, .store = store, .kind = JobKind::kRegenerate, .parts = parts});
    co_return current;
}

boost::asio::awaitable<Result<Store>> StoreService::Mutate(TenantId tenant, StoreId store,
                                                           std::function<Result<void>(storage::Conn&, Store&)> change) {
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Store> {
        auto current = stores::RequireStore(conn, tenant, store);
        if (!current) {
            return current;
        }
        if (auto r = change(conn, *current); !r) {
            return Fail(std::move(r.error()));
        }
        return stores::RequireStore(conn, tenant, store);
    });
}

boost::asio::awaitable<Result<Store>> StoreService::UpdateDetails(TenantId tenant, StoreId store,
                                                                  StoreDetails details) {
    if (IsBusy(store)) {
        co_return Fail(ApiError::Conflict("The store is being generated; edit it when that has finished."));
    }
    const TimePoint now = NowUtc();
    co_return co_await Mutate(tenant, store, [&](storage::Conn& conn, Store& s) -> Result<void> {
        if (!s.spec) {
            return Fail(ApiError::Conflict("The store has no generated content to edit yet."));
        }
        sitegen::SiteSpec spec = *s.spec;
        std::optional<double> latitude = s.latitude;
        std::optional<double> longitude = s.longitude;
        if (auto applied = ApplyDetails(details, spec, latitude, longitude); !applied) {
            return applied;
        }
        return stores::SaveDetails(conn, tenant, store, spec, latitude, longitude, now);
    });
}

Result<Store> StoreService::AddressChanged(Result<Store> result) const {
    if (result && options_.on_address_change) {
        options_.on_address_change();
    }
    return result;
}

boost::asio::awaitable<Result<Store>> StoreService::Publish(TenantId tenant, StoreId store) {
    const TimePoint now = NowUtc();
    co_return AddressChanged(co_await Mutate(tenant, store, [&](storage::Conn& conn, Store& s) -> Result<void> {
        if (s.status == StoreStatus::kPublished) {
            return {};
        }
        if (s.status != StoreStatus::kDraft && s.status != StoreStatus::kPaid) {
            return Fail(ApiError::Conflict("Only a generated store can be published; this one is " +
                                           std::string(StoreStatusName(s.status)) + "."));
        }
        if (!s.custom_domain.empty() && !stores::PlanAllowsCustomDomain(s.plan)) {
            return Fail(ErrorCode::kPaymentRequired, "A custom domain needs a paid plan");
        }
        if (auto r = stores::SetStatus(conn, tenant, store, StoreStatus::kPublished, now, now); !r) {
            return r;
        }
        const nlohmann::json payload = {
            {"store_id", store.str()}, {"slug", s.slug}, {"custom_domain", s.custom_domain}};
        if (auto event = events::Enqueue(conn, tenant, events::type::kStorePublished, payload, now); !event) {
            return Fail(std::move(event.error()));
        }
        return {};
    }));
}

boost::asio::awaitable<Result<Store>> StoreService::Unpublish(TenantId tenant, StoreId store) {
    const TimePoint now = NowUtc();
    co_return AddressChanged(co_await Mutate(tenant, store, [&](storage::Conn& conn, Store& s) -> Result<void> {
        if (s.status == StoreStatus::kDraft || s.status == StoreStatus::kPaid) {
            return {};
        }
        if (s.status != StoreStatus::kPublished) {
            return Fail(ApiError::Conflict("Only a published store can be unpublished; this one is " +
                                           std::string(StoreStatusName(s.status)) + "."));
        }
        return stores::SetStatus(conn, tenant, store, StoreStatus::kDraft, std::nullopt, now);
    }));
}

boost::asio::awaitable<Result<Store>> StoreService::SetDomain(TenantId tenant, StoreId store, std::string domain) {
    auto name = stores::NormalizeCustomDomain(domain);
    if (!name) {
        co_return Fail(std::move(name.error()));
    }
    const std::string& base = options_.base_domain;
    if (!base.empty() && (*name == base || name->ends_with("." + base))) {
        co_return Fail(
            ApiError::Invalid("domain", "Your store already lives on " + base + "; enter a domain of your own."));
    }
    const TimePoint now = NowUtc();
    auto result = co_await Mutate(tenant, store, [&](storage::Conn& conn, Store& s) -> Result<void> {
        if (!stores::PlanAllowsCustomDomain(s.plan)) {
            return Fail(ErrorCode::kPaymentRequired, "A custom domain needs a paid plan");
        }
        if (s.custom_domain == *name) {
            return {};
        }
        return stores::SetCustomDomain(conn, tenant, store, *name, now);
    });
    if (!result && result.error().code == ErrorCode::kConflict) {
        co_return Fail(ApiError::Conflict("That domain is already connected to another store."));
    }
    co_return AddressChanged(std::move(result));
}

boost::asio::awaitable<Result<Store>> StoreService::ClearDomain(TenantId tenant, StoreId store) {
    const TimePoint now = NowUtc();
    co_return AddressChanged(co_await Mutate(tenant, store, [&](storage::Conn& conn, Store& s) -> Result<void> {
        if (s.custom_domain.empty()) {
            return {};
        }
        return stores::SetCustomDomain(conn, tenant, store, std::nullopt, now);
    }));
}

boost::asio::awaitable<Result<Store>> StoreService::MarkLinkShared(TenantId tenant, StoreId store) {
    const TimePoint now = NowUtc();
    co_return co_await Mutate(tenant, store, [&](storage::Conn& conn, Store& s) -> Result<void> {
        if (s.status != StoreStatus::kPublished) {
            return Fail(ApiError::Conflict("Publish the store first; then its link can be shared."));
        }
        return stores::MarkLinkShared(conn, tenant, store, now);
    });
}

Result<int> StoreService::Recover() {
    auto generating = db_.ReadSync([](storage::Conn& conn) { return stores::GeneratingStores(conn); });
    if (!generating) {
        return Fail(std::move(generating.error()));
    }
    int queued = 0;
    for (auto& [tenant, store] : *generating) {
        if (!MarkBusy(store)) {
            continue;
        }
        // Recovery is not refused for a full queue: these stores were accepted before the restart.
        queued_.fetch_add(1);
        Enqueue(Job{.tenant = tenant, .store = store, .kind = JobKind::kGenerate});
        ++queued;
    }
    if (queued > 0) {
        logger_.Info("store generations resumed after restart", {{"stores", queued}});
    }
    return queued;
}

}  // namespace webdpro::builder
