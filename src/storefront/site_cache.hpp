#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "storefront/render.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::storefront {

/// Produces a rendered site for a cache miss. Runs on the requesting I/O thread: it must await
/// anything blocking (the database, and the render itself on a WorkPool).
using SiteProducer = std::function<boost::asio::awaitable<Result<std::shared_ptr<const Site>>>()>;

/// Total bytes a site holds in memory (bodies and gzip variants), what the cache budgets by.
std::size_t SiteBytes(const Site& site);

/// Rendered stores in memory, each under a key naming the store and where it is mounted, tagged
/// with the store's site_version: a request that knows a newer version than the cached one
/// renders again. Concurrent requests for the same missing (key, version) share one render.
/// Bounded by total bytes: the least recently used sites are dropped first (a site larger than
/// the whole budget is served but not kept). Thread-safe; sites are immutable and shared.
class SiteCache final {
public:
    explicit SiteCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}
    SiteCache(const SiteCache&) = delete;
    SiteCache& operator=(const SiteCache&) = delete;

    /// The site under `key` at `version`: cached, or from `produce` (once for all concurrent
    /// callers of the same key and version). A failed render is not cached: every waiter gets the
    /// error and the next request tries again. A version older than the cached one is served from
    /// the cache (a node that read the store a moment earlier must not evict the newer site).
    boost::asio::awaitable<Result<std::shared_ptr<const Site>>> Get(std::string key, std::int64_t version,
                                                                    SiteProducer produce);

    /// Drops every site whose key starts with `prefix` (e.g. a store id), e.g. when it unpublishes.
    void Forget(const std::string& prefix);

    std::size_t bytes() const;
    std::size_t size() const;
    /// Renders started (misses that ran a producer), for tests and metrics.
    std::uint64_t renders() const;

private:
    struct Flight;
    struct Entry {
        std::int64_t version = 0;
        std::shared_ptr<const Site> site;
        std::size_t bytes = 0;
        std::list<std::string>::iterator lru;
    };

    void Store(const std::string& key, std::int64_t version, std::shared_ptr<const Site> site);
    void EvictLocked();

    const std::size_t max_bytes_;
    mutable std::mutex mutex_;
    std::map<std::string, Entry, std::less<>> entries_;
    std::list<std::string> lru_;  // most recently used first
    std::size_t bytes_ = 0;
    std::map<std::pair<std::string, std::int64_t>, std::shared_ptr<Flight>> flights_;
    std::uint64_t renders_ = 0;
};

/// Store lookups (by slug, custom domain) remembered for a short time, so a busy store costs no
/// database read per request while every node still sees a change (publish, unpublish, new
/// site_version) within `ttl`. Misses are remembered too (an unknown slug is not a DB read per
/// hit); Clear() makes this node see a change of its own at once. Thread-safe.
class StoreRefCache final {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    using Lookup = std::function<boost::asio::awaitable<Result<std::optional<stores::StoreRef>>>()>;

    explicit StoreRefCache(std::chrono::milliseconds ttl, Clock clock = nullptr, std::size_t max_entries = 100'000);

    /// The remembered answer for `key` when younger than the TTL; else `lookup`'s (remembered on
    /// success, errors are not).
    boost::asio::awaitable<Result<std::optional<stores::StoreRef>>> Get(std::string key, Lookup lookup);

    /// Forgets every remembered answer, and any answer looked up before the call that is still
    /// on its way, so the next Get reads the database.
    void Clear();

private:
    struct Item {
        std::optional<stores::StoreRef> ref;
        std::chrono::steady_clock::time_point at;
    };
    std::chrono::steady_clock::time_point Now() const;

    std::chrono::milliseconds ttl_;
    Clock clock_;
    std::size_t max_entries_;
    std::mutex mutex_;
    std::map<std::string, Item, std::less<>> items_;
    std::uint64_t generation_ = 0;  // moves on with every Clear()
};

}  // namespace webdpro::storefront
