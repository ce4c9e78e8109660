#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "builder/generation_events.hpp"
#include "builder/site_check.hpp"
#include "builder/store_details.hpp"
#include "core/awaitable.hpp"
#include "core/background_loop.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/rate_limiter.hpp"
#include "core/time.hpp"
#include "sitegen/site_spec.hpp"
#include "stores/store_records.hpp"

namespace webdpro {
class Logger;
class WorkPool;
}  // namespace webdpro
namespace webdpro::ai {
class SiteSpecChain;
}
namespace webdpro::storage {
class Conn;
class Db;
}  // namespace webdpro::storage

namespace webdpro::builder {

/// The builder works on the stores folder's records.
using stores::Store;
using stores::StoreStatus;

/// Settings of the store service.
struct StoreServiceOptions {
    /// Stores of one tenant that may be generating at once (429 beyond).
    int max_generating_per_tenant = 2;
    /// New store generations one person may start per hour, across every business they own (429
    /// with Retry-After beyond); 0 = no limit. Counted on each node.
    int generations_per_person_per_hour = 0;
    /// Generation jobs queued or running, all tenants (503 with Retry-After beyond). Keep it at
    /// most the WorkPool's max_pending.
    std::size_t max_queued = 64;
    /// Seconds a client is told to wait when the queue is full.
    int busy_retry_after_s = 5;
    /// The platform's own domain ("webdpro.in"): stores live on its subdomains, so it (and any
    /// name under it) can never be a custom domain. "" = no such check.
    std::string base_domain{};
    /// Where the job driver's run counts go (loop="store-jobs"); optional.
    Metrics* metrics = nullptr;
    /// Called after a store is published or unpublished or its custom domain changes, so this
    /// node's cached store lookups can be dropped. Empty = nothing to tell.
    std::function<void()> on_address_change{};
};

/// The life of a store: created from one sentence, generated in the background (spec → code →
/// images → assembly, each step an event in GenerationEvents), edited, regenerated, published,
/// given a domain. Every change customers can see bumps site_version (the storefront's cache key).
///
/// Isolation: every method takes the TenantId of the authenticated principal; another tenant's
/// store is kNotFound. Generation jobs run on `pool` (the AI chain and the site check block) and
/// are driven from the service's own background loop, never an I/O thread; a job's final write is one
/// transaction (spec, name slug, status, catalog seed, STORE_GENERATED outbox row).
///
/// Thread-safe. Every reference must outlive the service; call Stop() before the database closes.
class StoreService final {
public:
    StoreService(storage::Db& db, ai::SiteSpecChain& chain, const SiteCheck& site_check, WorkPool& pool,
                 GenerationEvents& events, Logger& logger, StoreServiceOptions options);
    ~StoreService();
    StoreService(const StoreService&) = delete;
    StoreService& operator=(const StoreService&) = delete;

    /// Inserts a GENERATING store (provisional slug "new-…") and queues its generation, started
    /// by `person`. kInvalidArgument: description not 3-500 characters or only whitespace (field
    /// "description"). kConflict: the plan's store limit is reached. kRateLimited: two stores of
    /// this tenant are generating, or `person` started their hourly share of generations.
    /// kUnavailable (retry_after_s set): the job queue is full.
    boost::asio::awaitable<Result<Store>> Create(TenantId tenant, UserId person, std::string description,
                                                 std::optional<sitegen::Language> language);
    /// The tenant's store, or kNotFound.
    boost::asio::awaitable<Result<Store>> Get(TenantId tenant, StoreId store);
    /// The tenant's stores, newest first.
    boost::asio::awaitable<Result<std::vector<Store>>> List(TenantId tenant);
    /// Queues a FAILED store's generation again (kConflict from any other state).
    boost::asio::awaitable<Result<Store>> Retry(TenantId tenant, StoreId store);
    /// Applies an owner's edit to the spec and columns. kInvalidArgument naming every bad field
    /// (nothing is changed); kConflict while the store has no spec or a job is running.
    boost::asio::awaitable<Result<Store>> UpdateDetails(TenantId tenant, StoreId store, StoreDetails details);
    /// Queues a job that rewrites the chosen `parts` of the copy (tagline, about, features);
    /// everything else (products, name, contact, colours, the parts not chosen) stays. Same
    /// events as a generation. kConflict without a spec or while a job runs.
    boost::asio::awaitable<Result<Store>> RegenerateCopy(TenantId tenant, StoreId store, CopyParts parts = {});
    /// DRAFT or PAID → PUBLISHED (PUBLISHED stays). kConflict while GENERATING or FAILED;
    /// kPaymentRequired with a custom domain on a plan that does not allow one.
    boost::asio::awaitable<Result<Store>> Publish(TenantId tenant, StoreId store);
    /// PUBLISHED → DRAFT (DRAFT / PAID stay). kConflict while GENERATING or FAILED.
    boost::asio::awaitable<Result<Store>> Unpublish(TenantId tenant, StoreId store);
    /// Connects a custom domain (NormalizeCustomDomain). kInvalidArgument for a bad name or one
    /// under the platform's base domain; kPaymentRequired on a plan without custom domains;
    /// kConflict when another store has it.
    boost::asio::awaitable<Result<Store>> SetDomain(TenantId tenant, StoreId store, std::string domain);
    /// Removes the custom domain (nothing to remove is fine).
    boost::asio::awaitable<Result<Store>> ClearDomain(TenantId tenant, StoreId store);
    /// The owner shared or copied the store's public link (the setup checklist's last step; saying
    /// it again changes nothing). kConflict unless the store is PUBLISHED.
    boost::asio::awaitable<Result<Store>> MarkLinkShared(TenantId tenant, StoreId store);

    /// At start-up: queues every GENERATING store again (a restart interrupted it). Blocking;
    /// returns how many were queued.
    Result<int> Recover();
    /// Stops taking jobs; jobs not yet started are left GENERATING for the next Recover(); waits
    /// for running ones. Idempotent.
    void Stop();

    GenerationEvents& events() { return events_; }
    /// Jobs queued or running now.
    std::size_t queued() const { return queued_.load(); }

private:
    enum class JobKind : std::uint8_t { kGenerate, kRegenerate };
    struct Job {
        TenantId tenant;
        StoreId store;
        JobKind kind = JobKind::kGenerate;
        CopyParts parts{};  ///< what a kRegenerate job rewrites
    };
    struct Built;

    bool Reserve();
    void Release();
    bool MarkBusy(const StoreId& store);
    void ClearBusy(const StoreId& store);
    bool IsBusy(const StoreId& store) const;
    void Enqueue(Job job);
    boost::asio::awaitable<void> RunJob(Job job);
    /// The job's steps; the reason to show the owner when one failed.
    boost::asio::awaitable<std::optional<std::string>> RunSteps(const Job& job);
    Result<Built> BuildSite(const Job& job, const Store& store);
    boost::asio::awaitable<Result<Store>> Assemble(const Job& job, Built built);
    boost::asio::awaitable<void> MarkFailed(const Job& job, std::string reason);
    boost::asio::awaitable<Result<Store>> Mutate(TenantId tenant, StoreId store,
                                                 std::function<Result<void>(storage::Conn&, Store&)> change);
    /// `result` of a change to where or whether customers reach the store; tells the node when it
    /// succeeded, and passes it on.
    Result<Store> AddressChanged(Result<Store> result) const;

    storage::Db& db_;
    ai::SiteSpecChain& chain_;
    const SiteCheck& site_check_;
    WorkPool& pool_;
    GenerationEvents& events_;
    Logger& logger_;
    StoreServiceOptions options_;
    RateLimiter person_starts_;  // generations started per person per hour
    std::atomic<std::size_t> queued_{0};
    std::atomic<bool> stopping_{false};
    std::atomic<int> variant_{0};
    mutable std::mutex busy_mutex_;
    std::set<std::string> busy_;  ///< stores with a job queued or running
    /// Drives the job coroutines: it only awaits (the pool and the database do the work).
    BackgroundLoop driver_;
};

}  // namespace webdpro::builder
