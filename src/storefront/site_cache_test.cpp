#include "storefront/site_cache.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace webdpro::storefront {
namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;

std::shared_ptr<const Site> SiteOf(std::size_t body_bytes, std::string marker = "") {
    Site site;
    site.files["index.html"].body = std::string(body_bytes, 'x') + marker;
    return std::make_shared<const Site>(std::move(site));
}

/// Runs `fn` (a coroutine) to completion on a fresh io_context.
template <class T>
T RunSync(std::function<net::awaitable<T>()> fn) {
    net::io_context ioc;
    std::optional<T> out;
    net::co_spawn(
        ioc, [&]() -> net::awaitable<void> { out = co_await fn(); }, net::detached);
    ioc.run();
    return std::move(*out);
}

Result<std::shared_ptr<const Site>> GetSync(SiteCache& cache, const std::string& key, std::int64_t version,
                                            const SiteProducer& produce) {
    return RunSync<Result<std::shared_ptr<const Site>>>([&] { return cache.Get(key, version, produce); });
}

SiteProducer Counting(std::atomic<int>& calls, std::size_t bytes, std::string marker = "") {
    return [&calls, bytes, marker]() -> net::awaitable<Result<std::shared_ptr<const Site>>> {
        ++calls;
        co_return SiteOf(bytes, marker);
    };
}

TEST(SiteCache, ServesTheCachedSiteUntilTheVersionChanges) {
    SiteCache cache(1 << 20);
    std::atomic<int> calls = 0;
    auto v1 = GetSync(cache, "sto_1|/s/a/", 1, Counting(calls, 100, "v1"));
    ASSERT_TRUE(v1 && *v1);
    auto again = GetSync(cache, "sto_1|/s/a/", 1, Counting(calls, 100, "v1"));
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(v1->get(), again->get());

    auto v2 = GetSync(cache, "sto_1|/s/a/", 2, Counting(calls, 100, "v2"));
    EXPECT_EQ(calls, 2);
    EXPECT_TRUE((*v2)->files.at("index.html").body.ends_with("v2"));
    // A node that read the store a moment earlier (older version) gets the newer site, no render.
    auto stale = GetSync(cache, "sto_1|/s/a/", 1, Counting(calls, 100, "v1"));
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(stale->get(), v2->get());
    EXPECT_EQ(cache.size(), 1u);
}

TEST(SiteCache, ConcurrentMissesRenderOnce) {
    SiteCache cache(1 << 20);
    std::atomic<int> calls = 0;
    SiteProducer slow = [&calls]() -> net::awaitable<Result<std::shared_ptr<const Site>>> {
        ++calls;
        net::steady_timer timer(co_await net::this_coro::executor, 50ms);
        co_await timer.async_wait(net::use_awaitable);
        co_return SiteOf(10);
    };
    // Four threads like the server's I/O threads, each with its own io_context.
    constexpr int kThreads = 4;
    constexpr int kPerThread = 8;
    std::vector<std::unique_ptr<net::io_context>> contexts;
    std::vector<const Site*> got(kThreads * kPerThread, nullptr);
    for (int t = 0; t < kThreads; ++t) {
        contexts.push_back(std::make_unique<net::io_context>());
        for (int i = 0; i < kPerThread; ++i) {
            net::co_spawn(
                *contexts.back(),
                [&, slot = t * kPerThread + i]() -> net::awaitable<void> {
                    auto site = co_await cache.Get("sto_1|/", 7, slow);
                    got[static_cast<std::size_t>(slot)] = site ? site->get() : nullptr;
                },
                net::detached);
        }
    }
    std::vector<std::thread> threads;
    for (auto& ioc : contexts) {
        threads.emplace_back([&ioc] { ioc->run(); });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(cache.renders(), 1u);
    ASSERT_NE(got[0], nullptr);
    for (const Site* site : got) {
        EXPECT_EQ(site, got[0]);
    }
}

TEST(SiteCache, AFailedRenderIsNotCachedAndEveryWaiterSeesIt) {
    SiteCache cache(1 << 20);
    std::atomic<int> calls = 0;
    SiteProducer failing = [&calls]() -> net::awaitable<Result<std::shared_ptr<const Site>>> {
        ++calls;
        co_return Fail(ErrorCode::kUnavailable, "busy");
    };
    EXPECT_FALSE(GetSync(cache, "k", 1, failing));
    EXPECT_FALSE(GetSync(cache, "k", 1, failing));
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(cache.size(), 0u);
    SiteProducer throwing = []() -> net::awaitable<Result<std::shared_ptr<const Site>>> {
        throw std::runtime_error("template exploded");
        co_return SiteOf(1);
    };
    auto thrown = GetSync(cache, "k", 1, throwing);
    ASSERT_FALSE(thrown);
    EXPECT_EQ(thrown.error().code, ErrorCode::kInternal);
    EXPECT_TRUE(GetSync(cache, "k", 1, Counting(calls, 5)));
}

TEST(SiteCache, EvictsTheLeastRecentlyUsedBeyondItsBudget) {
    const std::size_t one = SiteBytes(*SiteOf(1000));
    SiteCache cache(one * 2 + one / 2);  // room for two sites
    std::atomic<int> calls = 0;
    GetSync(cache, "a", 1, Counting(calls, 1000));
    GetSync(cache, "b", 1, Counting(calls, 1000));
    GetSync(cache, "a", 1, Counting(calls, 1000));  // a is now the most recent
    GetSync(cache, "c", 1, Counting(calls, 1000));  // evicts b
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(cache.size(), 2u);
    EXPECT_LE(cache.bytes(), one * 2 + one / 2);
    GetSync(cache, "a", 1, Counting(calls, 1000));
    EXPECT_EQ(calls, 3);  // still cached
    GetSync(cache, "b", 1, Counting(calls, 1000));
    EXPECT_EQ(calls, 4);  // was evicted

    // A site larger than the whole budget is served but not kept.
    auto huge = GetSync(cache, "huge", 1, Counting(calls, one * 4));
    EXPECT_TRUE(huge && *huge);
    EXPECT_LE(cache.bytes(), one * 2 + one / 2);

    cache.Forget("a");
    GetSync(cache, "a", 1, Counting(calls, 1000));
    EXPECT_EQ(calls, 6);
}

/// One page of a store as the hosting caches it: one file, with a gzip variant.
std::shared_ptr<const Site> PageOf(const std::string& path, std::size_t body_bytes, std::size_t gzip_bytes) {
    Site site;
    auto& file = site.files[path];
    file.body = std::string(body_bytes, 'x');
    file.gzip = std::string(gzip_bytes, 'z');
    return std::make_shared<const Site>(std::move(site));
}

TEST(SiteCache, PagesOfEveryStoreShareOneByteBudgetGzipIncluded) {
    const std::size_t page = SiteBytes(*PageOf("p/tomato.html", 1000, 600));
    EXPECT_GE(page, 1600u);                // the gzip variant counts
    SiteCache cache(page * 3 + page / 2);  // room for three pages, whichever stores they belong to
    int calls = 0;
    auto get = [&](const std::string& key, const std::string& path) {
        return GetSync(cache, key, 1, [&calls, path]() -> net::awaitable<Result<std::shared_ptr<const Site>>> {
            ++calls;
            co_return PageOf(path, 1000, 600);
        });
    };
    get("sto_a|/s/a/||index.html", "index.html");
    get("sto_a|/s/a/||p/tomato.html", "p/tomato.html");
    get("sto_b|/s/b/||index.html", "index.html");
    get("sto_a|/s/a/||index.html", "index.html");  // store a's home is now the most recent
    get("sto_c|/s/c/||index.html", "index.html");  // evicts store a's product page, the oldest
    EXPECT_EQ(calls, 4);
    EXPECT_EQ(cache.size(), 3u);
    EXPECT_LE(cache.bytes(), page * 3 + page / 2);
    get("sto_b|/s/b/||index.html", "index.html");
    get("sto_a|/s/a/||index.html", "index.html");
    EXPECT_EQ(calls, 4);  // both still cached
    get("sto_a|/s/a/||p/tomato.html", "p/tomato.html");
    EXPECT_EQ(calls, 5);  // was evicted, rendered again; store c's home (least recent) made room
    get("sto_c|/s/c/||index.html", "index.html");
    EXPECT_EQ(calls, 6);

    // A prepared store counts its size too.
    auto renderer = Renderer::CreateEmbedded();
    ASSERT_TRUE(renderer);
    sitegen::SiteSpec spec;
    spec.business_name = "Sharma Kirana";
    spec.categories.push_back({"Vegetables", ""});
    for (int i = 0; i < 100; ++i) {
        spec.products.push_back(
            {"Tomato " + std::to_string(i), "Fresh and red", Paise(4000), Paise(4500), "kg", "Vegetables", 0, ""});
    }
    auto prepared = renderer->Prepare(spec, {});
    ASSERT_TRUE(prepared) << prepared.error().message;
    Site model;
    model.prepared = *prepared;
    EXPECT_GE(SiteBytes(model), 100u * 200u);
}

TEST(StoreRefCache, RemembersLookupsForTheTtlOnly) {
    auto now = std::chrono::steady_clock::time_point{} + 1h;
    StoreRefCache refs(2000ms, [&] { return now; });
    int lookups = 0;
    std::int64_t version = 1;
    StoreRefCache::Lookup lookup = [&]() -> net::awaitable<Result<std::optional<stores::StoreRef>>> {
        ++lookups;
        stores::StoreRef ref;
        ref.slug = "sharma";
        ref.site_version = version;
        co_return std::optional<stores::StoreRef>(ref);
    };
    auto get = [&] {
        return RunSync<Result<std::optional<stores::StoreRef>>>([&] { return refs.Get("slug:sharma", lookup); });
    };
    EXPECT_EQ((*get())->site_version, 1);
    version = 2;
    now += 1999ms;
    EXPECT_EQ((*get())->site_version, 1);  // still trusted
    EXPECT_EQ(lookups, 1);
    now += 2ms;
    EXPECT_EQ((*get())->site_version, 2);  // the change is seen once the TTL has passed
    EXPECT_EQ(lookups, 2);

    // Misses are remembered; errors are not.
    StoreRefCache::Lookup missing = [&]() -> net::awaitable<Result<std::optional<stores::StoreRef>>> {
        ++lookups;
        co_return std::optional<stores::StoreRef>{};
    };
    StoreRefCache::Lookup failing = [&]() -> net::awaitable<Result<std::optional<stores::StoreRef>>> {
        ++lookups;
        co_return Fail(ErrorCode::kUnavailable, "db down");
    };
    auto once = [&](const std::string& key, const StoreRefCache::Lookup& fn) {
        return RunSync<Result<std::optional<stores::StoreRef>>>([&] { return refs.Get(key, fn); });
    };
    EXPECT_FALSE(*once("slug:nobody", missing));
    EXPECT_FALSE(*once("slug:nobody", missing));
    EXPECT_EQ(lookups, 3);
    EXPECT_FALSE(once("slug:down", failing));
    EXPECT_FALSE(once("slug:down", failing));
    EXPECT_EQ(lookups, 5);
}

}  // namespace
}  // namespace webdpro::storefront
