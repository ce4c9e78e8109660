#pragma once
// Helpers for the ai ledger and runtime unit tests only.

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/embedded.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite_db.hpp"

namespace webdpro::ai::testing {

inline std::unique_ptr<storage::SqliteDb> MigratedDb() {
    auto db = storage::SqliteDb::Open({.path = ":memory:", .readers = 2, .busy_timeout_ms = 5000, .max_batch = 64});
    if (!db) {
        ADD_FAILURE() << db.error().message;
        return nullptr;
    }
    if (auto migrated = storage::Migrate(**db, embedded::migrations::Files()); !migrated) {
        ADD_FAILURE() << migrated.error().message << " " << migrated.error().detail;
        return nullptr;
    }
    return std::move(*db);
}

inline void Exec(storage::Db& db, std::string_view sql) {
    auto done = db.WriteSync([&](storage::Conn& conn) -> Result<void> {
        auto r = conn.Exec(sql);
        if (!r) {
            return Fail(std::move(r.error()));
        }
        return {};
    });
    ASSERT_TRUE(done) << done.error().message << " " << done.error().detail;
}

inline std::int64_t Count(storage::Db& db, std::string_view sql) {
    auto n = db.ReadSync([&](storage::Conn& conn) -> Result<std::int64_t> {
        auto row = conn.QueryOne(sql);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        return (*row)->Int(0);
    });
    EXPECT_TRUE(n) << n.error().message;
    return n.value_or(-1);
}

inline void AddTenant(storage::Db& db, const std::string& tenant, const std::string& plan) {
    static int phone = 0;
    const std::string user = "usr_" + tenant;
    Exec(db, "INSERT INTO users (user_id, phone, name, created_at, updated_at) VALUES ('" + user + "', '+91" +
                 std::to_string(9000000000LL + ++phone) + "', '', 0, 0)");
    Exec(db, "INSERT INTO tenants (tenant_id, owner_user_id, business_name, plan, created_at, updated_at) VALUES ('" +
                 tenant + "', '" + user + "', 'Shop', '" + plan + "', 0, 0)");
}

inline void AddCall(storage::Db& db, const std::string& tenant, const std::string& level, const std::string& outcome,
                    std::int64_t cost, std::int64_t latency, std::int64_t at) {
    static int n = 0;
    Exec(db,
         "INSERT INTO ai_calls (call_id, tenant_id, level, provider, outcome, cost_micro_usd, latency_ms, "
         "created_at) VALUES ('aic_" +
             std::to_string(++n) + "', '" + tenant + "', '" + level + "', 'anthropic', '" + outcome + "', " +
             std::to_string(cost) + ", " + std::to_string(latency) + ", " + std::to_string(at) + ")");
}

}  // namespace webdpro::ai::testing
