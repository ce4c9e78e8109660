#include "storefront/site_cache.hpp"

#include <utility>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace webdpro::storefront {

namespace net = boost::asio;

/// One render in progress and the requests waiting for it. A waiter parks on a timer of its own
/// executor; the finisher wakes each by posting to that executor (timers are not thread-safe).
struct SiteCache::Flight {
    std::mutex mutex;
    bool done = false;
    Result<std::shared_ptr<const Site>> result = std::shared_ptr<const Site>();
    std::vector<std::shared_ptr<net::steady_timer>> waiters;

    net::awaitable<Result<std::shared_ptr<const Site>>> Wait() {
        auto timer = std::make_shared<net::steady_timer>(co_await net::this_coro::executor);
        timer->expires_at(net::steady_timer::time_point::max());
        {
            std::lock_guard lock(mutex);
            if (done) {
                co_return result;
            }
            waiters.push_back(timer);
        }
        boost::system::error_code ec;
        co_await timer->async_wait(net::redirect_error(net::use_awaitable, ec));
        std::lock_guard lock(mutex);
        co_return result;
    }

    void Finish(Result<std::shared_ptr<const Site>> outcome) {
        std::vector<std::shared_ptr<net::steady_timer>> wake;
        {
            std::lock_guard lock(mutex);
            result = std::move(outcome);
            done = true;
            wake.swap(waiters);
        }
        for (auto& timer : wake) {
            // expires_at (not cancel): also ends a wait that has not started yet.
            net::post(timer->get_executor(), [timer] { timer->expires_at(net::steady_timer::time_point::min()); });
        }
    }
};

std::size_t SiteBytes(const Site& site) {
    std::size_t bytes = 0;
    for (const auto& [path, file] : site.files) {
        bytes += path.size() + file.body.size() + file.gzip.size() + file.etag.size() + file.gzip_etag.size() + 64;
    }
    if (site.prepared) {
        bytes += PreparedStoreBytes(*site.prepared);
    }
    return bytes;
}

net::awaitable<Result<std::shared_ptr<const Site>>> SiteCache::Get(std::string key, std::int64_t version,
                                                                   SiteProducer produce) {
    std::shared_ptr<Flight> flight;
    bool leader = false;
    {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(key); it != entries_.end() && it->second.version >= version) {
            lru_.splice(lru_.begin(), lru_, it->second.lru);
            co_return it->second.site;
        }
        auto& slot = flights_[{key, version}];
        if (!slot) {
            slot = std::make_shared<Flight>();
            leader = true;
            ++renders_;
        }
        flight = slot;
    }
    if (!leader) {
        co_return co_await flight->Wait();
    }
    Result<std::shared_ptr<const Site>> result = std::shared_ptr<const Site>();
    try {
        result = co_await produce();
    } catch (const std::exception& e) {
        // Waiters must always be woken: a throw here would leave them parked forever.
        result = Fail(ApiError::Internal(std::string("rendering ") + key + " threw: " + e.what()));
    }
    if (result && *result) {
        Store(key, version, *result);
    } else if (result) {
        result = Fail(ApiError::Internal("site producer returned nothing for " + key));
    }
    {
        std::lock_guard lock(mutex_);
        flights_.erase({key, version});
    }
    flight->Finish(result);
    co_return result;
}

void SiteCache::Store(const std::string& key, std::int64_t version, std::shared_ptr<const Site> site) {
    const std::size_t bytes = SiteBytes(*site);
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
        if (it->second.version > version) {
            return;  // a newer render finished first
        }
        bytes_ -= it->second.bytes;
        lru_.erase(it->second.lru);
        entries_.erase(it);
    }
    if (bytes > max_bytes_) {
        return;
    }
    lru_.push_front(key);
    entries_.emplace(key, Entry{.version = version, .site = std::move(site), .bytes = bytes, .lru = lru_.begin()});
    bytes_ += bytes;
    EvictLocked();
}

void SiteCache::EvictLocked() {
    while (bytes_ > max_bytes_ && !lru_.empty()) {
        const auto it = entries_.find(lru_.back());
        bytes_ -= it->second.bytes;
        entries_.erase(it);
        lru_.pop_back();
    }
}

void SiteCache::Forget(const std::string& prefix) {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.lower_bound(prefix); it != entries_.end() && it->first.starts_with(prefix);) {
        bytes_ -= it->second.bytes;
        lru_.erase(it->second.lru);
        it = entries_.erase(it);
    }
}

std::size_t SiteCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

std::size_t SiteCache::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

std::uint64_t SiteCache::renders() const {
    std::lock_guard lock(mutex_);
    return renders_;
}

StoreRefCache::StoreRefCache(std::chrono::milliseconds ttl, Clock clock, std::size_t max_entries)
    : ttl_(ttl), clock_(std::move(clock)), max_entries_(max_entries) {}

std::chrono::steady_clock::time_point StoreRefCache::Now() const {
    return clock_ ? clock_() : std::chrono::steady_clock::now();
}

net::awaitable<Result<std::optional<stores::StoreRef>>> StoreRefCache::Get(std::string key, Lookup lookup) {
    const auto now = Now();
    std::uint64_t generation = 0;
    if (ttl_.count() > 0) {
        std::lock_guard lock(mutex_);
        if (auto it = items_.find(key); it != items_.end() && now - it->second.at < ttl_) {
            co_return it->second.ref;
        }
        generation = generation_;
    }
    auto found = co_await lookup();
    if (!found || ttl_.count() == 0) {
        co_return found;
    }
    std::lock_guard lock(mutex_);
    if (generation != generation_) {
        co_return found;  // read before a Clear(): it may be what the change replaced
    }
    if (items_.size() >= max_entries_) {
        // Many distinct names (a scan of random slugs or hosts): start over rather than grow.
        items_.clear();
    }
    items_.insert_or_assign(key, Item{.ref = *found, .at = now});
    co_return found;
}

void StoreRefCache::Clear() {
    std::lock_guard lock(mutex_);
    items_.clear();
    ++generation_;
}

}  // namespace webdpro::storefront
