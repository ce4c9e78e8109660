#pragma once
// Helpers for unit tests only: awaiting a coroutine, an in-memory migrated database, counts,
// the rows a shop stands on, and racing many threads against one invariant.

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite_db.hpp"

namespace webdpro::auth::testing {

/// Runs an awaitable to completion on a private io_context and returns its value.
template <class T>
T Await(boost::asio::awaitable<T> awaitable) {
    boost::asio::io_context ioc;
    std::optional<T> out;
    boost::asio::co_spawn(
        ioc, [&]() -> boost::asio::awaitable<void> { out.emplace(co_await std::move(awaitable)); },
        boost::asio::detached);
    ioc.run();
    return std::move(*out);
}

/// An in-memory database with every migration applied.
inline std::unique_ptr<storage::SqliteDb> MigratedMemoryDb() {
    auto db = storage::SqliteDb::Open({.path = ":memory:", .readers = 2, .busy_timeout_ms = 5000, .max_batch = 64});
    if (!db) {
        ADD_FAILURE() << db.error().message << " " << db.error().detail;
        return nullptr;
    }
    auto migrated = storage::Migrate(**db, embedded::migrations::Files());
    if (!migrated) {
        ADD_FAILURE() << migrated.error().message << " " << migrated.error().detail;
        return nullptr;
    }
    return std::move(*db);
}

/// A count from a single-value query.
inline std::int64_t Count(storage::Db& db, std::string_view sql) {
    auto n = db.ReadSync([&](storage::Conn& conn) -> Result<std::int64_t> {
        auto row = conn.QueryOne(sql);
        if (!row) {
            return Fail(row.error());
        }
        return (*row)->Int(0);
    });
    EXPECT_TRUE(n.has_value());
    return n.value_or(-1);
}

/// The rows a shop stands on: its owner, the owner's tenant and one store.
struct TestShop {
    UserId owner;
    TenantId tenant;
    StoreId store;
};

/// Inserts an owner (with a phone no other TestShop has), a tenant and a store `slug` in `status`
/// (DRAFT, PUBLISHED, ...) straight into the database.
inline TestShop InsertShop(storage::Db& db, const std::string& slug, const std::string& status = "DRAFT") {
    static std::atomic<int> next_phone{10000};
    const TestShop shop{UserId::New(), TenantId::New(), StoreId::New()};
    const std::string phone = "+9190000" + std::to_string(next_phone++);
    auto done = db.WriteSync([&](storage::Conn& conn) -> Result<void> {
        for (auto step : {
                 conn.Exec("INSERT INTO users (user_id, phone, created_at, updated_at) VALUES ($1, $2, 1, 1)",
                           shop.owner, phone),
                 conn.Exec("INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, updated_at) "
                           "VALUES ($1, $2, 'Shop', 1, 1)",
                           shop.tenant, shop.owner),
                 conn.Exec("INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, "
                           "created_at, updated_at) VALUES ($1, $2, $3, $4, 'a shop', 'Sharma Kirana', 1, 1)",
                           shop.tenant, shop.store, slug, status),
             }) {
            if (!step) {
                return Fail(std::move(step.error()));
            }
        }
        return {};
    });
    EXPECT_TRUE(done) << (done ? "" : done.error().message + " " + done.error().detail);
    return shop;
}

/// How the attempts of a race ended.
struct RaceOutcome {
    int succeeded = 0;
    int conflicted = 0;  ///< refused with ErrorCode::kConflict
    int unexpected = 0;  ///< failed any other way
};

/// Runs `attempt(thread, i)` for i < `attempts` on each of `threads` threads at once and counts
/// how the attempts ended. `attempt` returns a Result.
template <class Attempt>
RaceOutcome Race(int threads, int attempts, const Attempt& attempt) {
    std::atomic<int> succeeded{0};
    std::atomic<int> conflicted{0};
    std::atomic<int> unexpected{0};
    std::vector<std::thread> running;
    for (int t = 0; t < threads; ++t) {
        running.emplace_back([&, t] {
            for (int i = 0; i < attempts; ++i) {
                auto result = attempt(t, i);
                if (result) {
                    ++succeeded;
                } else if (result.error().code == ErrorCode::kConflict) {
                    ++conflicted;
                } else {
                    ++unexpected;
                }
            }
        });
    }
    for (auto& thread : running) {
        thread.join();
    }
    return {succeeded.load(), conflicted.load(), unexpected.load()};
}

}  // namespace webdpro::auth::testing
