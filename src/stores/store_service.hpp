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

#include <boost/asio/awaitable.hpp>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "sitegen/site_spec.hpp"
#include "stores/generation_events.hpp"
#include "stores/store_directory.hpp"

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
namespace webdpro::storefront {
class Renderer;
}

namespace webdpro::stores {

/// THE PAYMENTS ISSUE'S HOOK: whether a tenant on `plan` (FREE | PRO | ENTERPRISE) may serve a
/// store on its own domain. Today every paid plan may and FREE may not; when subscriptions land,
/// this one function decides (SetDomain and Publish both ask it, and answer 402 when it says no).
bool PlanAllowsCustomDomain(std::string_view plan);

/// How many stores (in any state) a tenant on `plan` may have: FREE 3, PRO 20, ENTERPRISE 100.
int StoreLimitForPlan(std::string_view plan);

/// The language a description is written in when the owner did not say: Hindi when most of its
/// letters are Devanagari, else English.
sitegen::Language DetectLanguage(std::string_view description);

/// A custom domain as typed by an owner, checked and normalised (lower case, no trailing dot):
/// at least two labels of [a-z0-9-] (1-63 characters, no leading or trailing '-'), at most 253
/// characters, a top-level label that is not all digits (no IP addresses), no port, no scheme.
/// kInvalidArgument (field "domain") otherwise.
Result<std::string> NormalizeCustomDomain(std::string_view host);

/// One store as its owner sees it.
struct Store {
    StoreId id;
    TenantId tenant_id;
    std::string slug;
    StoreStatus status = StoreStatus::kGenerating;
    std::string description;
    std::string business_name;
    std::string sector;
    std::string language;
    std::optional<sitegen::SiteSpec> spec;  ///< nullopt until the first generation succeeds
    std::string generation_level;           ///< "" until generated
    std::string generation_error;           ///< "" unless the last generation failed
    std::string custom_domain;              ///< "" when none
    std::int64_t site_version = 0;
    std::optional<TimePoint> published_at;
    TimePoint created_at{};
    TimePoint updated_at{};
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::string plan;  ///< the tenant's plan
};

/// An owner's edit of a store's details (PATCH). Absent members stay as they are; for latitude
/// and longitude an inner nullopt clears the value.
struct StoreDetails {
    std::optional<std::string> business_name;
    std::optional<std::string> tagline;
    std::optional<std::string> about;
    std::optional<std::string> theme_name;  ///< bazaar | clean | classic
    std::optional<std::string> primary;     ///< "#rrggbb"
    std::optional<std::string> accent;
    std::optional<std::string> background;
    std::optional<std::string> phone;
    std::optional<std::string> whatsapp;
    std::optional<std::string> address;
    std::optional<std::string> city;
    std::optional<std::string> hours;
    std::optional<std::optional<double>> latitude;
    std::optional<std::optional<double>> longitude;
};

/// Theme names an owner may choose.
inline constexpr std::array<std::string_view, 3> kOwnerThemes = {"bazaar", "clean", "classic"};

/// Settings of the store service.
struct StoreServiceOptions {
    /// Stores of one tenant that may be generating at once (429 beyond).
    int max_generating_per_tenant = 2;
    /// Generation jobs queued or running, all tenants (503 with Retry-After beyond). Keep it at
    /// most the WorkPool's max_pending.
    std::size_t max_queued = 64;
    /// Seconds a client is told to wait when the queue is full.
    int busy_retry_after_s = 5;
    /// The platform's own domain ("webdpro.in"): stores live on its subdomains, so it (and any
    /// name under it) can never be a custom domain. "" = no such check.
    std::string base_domain{};
};

/// The life of a store: created from one sentence, generated in the background (spec → code →
/// images → assembly, each step an event in GenerationEvents), edited, regenerated, published,
/// given a domain. Every change customers can see bumps site_version (the storefront's cache key).
///
/// Isolation: every method takes the TenantId of the authenticated principal; another tenant's
/// store is kNotFound. Generation jobs run on `pool` (the AI chain and the renderer block) and
/// are driven from the service's own thread, never an I/O thread; a job's final write is one
/// transaction (spec, name slug, status, catalog seed, STORE_GENERATED outbox row).
///
/// Thread-safe. Every reference must outlive the service; call Stop() before the database closes.
class StoreService final {
public:
    StoreService(storage::Db& db, ai::SiteSpecChain& chain, const storefront::Renderer& renderer, WorkPool& pool,
                 GenerationEvents& events, Logger& logger, StoreServiceOptions options);
    ~StoreService();
    StoreService(const StoreService&) = delete;
    StoreService& operator=(const StoreService&) = delete;

    /// Inserts a GENERATING store (provisional slug "new-…") and queues its generation.
    /// kInvalidArgument: description not 3-500 characters or only whitespace (field
    /// "description"). kConflict: the plan's store limit is reached. kRateLimited: two stores of
    /// this tenant are generating. kUnavailable (retry_after_s set): the job queue is full.
    boost::asio::awaitable<Result<Store>> Create(TenantId tenant, std::string description,
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
    /// Queues a job that rewrites tagline, about and features (products, name, contact and
    /// colours stay). Same events as a generation. kConflict without a spec or while a job runs.
    boost::asio::awaitable<Result<Store>> RegenerateCopy(TenantId tenant, StoreId store);
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
    };
    struct Built;
    struct Driver;

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

    storage::Db& db_;
    ai::SiteSpecChain& chain_;
    const storefront::Renderer& renderer_;
    WorkPool& pool_;
    GenerationEvents& events_;
    Logger& logger_;
    StoreServiceOptions options_;
    std::atomic<std::size_t> queued_{0};
    std::atomic<bool> stopping_{false};
    std::atomic<int> variant_{0};
    mutable std::mutex busy_mutex_;
    std::set<std::string> busy_;  ///< stores with a job queued or running
    std::unique_ptr<Driver> driver_;
};

/// Reads one store inside a caller's transaction (nullopt when the tenant has no such store).
Result<std::optional<Store>> LoadStore(storage::Conn& conn, const TenantId& tenant, const StoreId& store);

}  // namespace webdpro::stores
