#include "events/outbox.hpp"

#include "storage/db.hpp"

namespace webdpro::events {
namespace {

constexpr std::string_view kInsertEvent = R"(
INSERT INTO outbox (event_id, tenant_id, type, payload, status, attempts, next_attempt_at, created_at)
VALUES ($1, $2, $3, $4, 'PENDING', 0, $5, $5)
)";

constexpr std::string_view kOutboxCounts = R"(
SELECT (SELECT count(*) FROM outbox WHERE status = 'PENDING') AS pending,
       (SELECT count(*) FROM outbox WHERE status = 'DEAD') AS dead,
       (SELECT min(created_at) FROM outbox WHERE status = 'PENDING') AS oldest_pending
)";

}  // namespace

Result<EventId> Enqueue(storage::Conn& conn, const TenantId& tenant, std::string_view type,
                        const nlohmann::json& payload, TimePoint now) {
    EventId id = EventId::New();
    auto inserted = conn.Exec(kInsertEvent, id, tenant, std::string(type), payload.dump(), UnixMillis(now));
    if (!inserted) {
        return Fail(std::move(inserted.error()));
    }
    return id;
}

Result<OutboxState> ReadOutboxState(storage::Conn& conn, TimePoint now) {
    auto row = conn.QueryOne(kOutboxCounts);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    OutboxState state;
    if (!*row) {
        return state;
    }
    state.pending = (*row)->Int("pending");
    state.dead = (*row)->Int("dead");
    if (auto oldest = (*row)->OptInt("oldest_pending")) {
        const std::int64_t age_ms = UnixMillis(now) - *oldest;
        state.oldest_pending_age_s = age_ms > 0 ? static_cast<double>(age_ms) / 1000.0 : 0.0;
    }
    return state;
}

Result<OutboxState> ReadOutboxState(storage::Db& db, TimePoint now) {
    return db.ReadSync([&](storage::Conn& conn) { return ReadOutboxState(conn, now); });
}

}  // namespace webdpro::events
