#include "events/outbox.hpp"

#include "storage/db.hpp"

namespace webdpro::events {
namespace {

constexpr std::string_view kInsertEvent = R"(
INSERT INTO outbox (event_id, tenant_id, type, payload, status, attempts, next_attempt_at, created_at)
VALUES ($1, $2, $3, $4, 'PENDING', 0, $5, $5)
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

}  // namespace webdpro::events
