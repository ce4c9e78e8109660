#pragma once
// Helpers for the auth and tenancy unit tests only.

#include <memory>
#include <optional>
#include <utility>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "core/embedded.hpp"
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

}  // namespace webdpro::auth::testing
