#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace webdpro::storage {
class Conn;
class Db;
}  // namespace webdpro::storage

namespace webdpro::events {

/// Event types (ARCHITECTURE §5). The outbox accepts any upper-case name; these are the ones
/// written today.
namespace type {
inline constexpr std::string_view kOrderPlaced = "ORDER_PLACED";
inline constexpr std::string_view kOrderConfirmed = "ORDER_CONFIRMED";
inline constexpr std::string_view kOrderPacked = "ORDER_PACKED";
inline constexpr std::string_view kOrderOutForDelivery = "ORDER_OUT_FOR_DELIVERY";
inline constexpr std::string_view kOrderDelivered = "ORDER_DELIVERED";
inline constexpr std::string_view kOrderCancelled = "ORDER_CANCELLED";
inline constexpr std::string_view kStockLow = "STOCK_LOW";
inline constexpr std::string_view kStoreGenerated = "STORE_GENERATED";
inline constexpr std::string_view kStorePublished = "STORE_PUBLISHED";
}  // namespace type

/// One outbox row as a consumer sees it. The payload never carries personal data in clear:
/// consumers that need a phone number read it from its row and decrypt it.
struct Event {
    EventId id;
    TenantId tenant_id;
    std::string type;
    nlohmann::json payload;
    int attempts = 0;  ///< deliveries tried before this one
    TimePoint created_at;
};

/// Writes a PENDING event inside the caller's transaction, so the event exists exactly when the
/// change it announces was committed. `type` must be upper-case letters and '_' (kInvalidArgument
/// from the CHECK otherwise).
Result<EventId> Enqueue(storage::Conn& conn, const TenantId& tenant, std::string_view type,
                        const nlohmann::json& payload, TimePoint now);

/// What the outbox holds: the dispatcher's backlog and its dead letters.
struct OutboxState {
    std::int64_t pending = 0;
    std::int64_t dead = 0;
    double oldest_pending_age_s = 0;  ///< 0 when nothing is pending
};

/// Reads the outbox's PENDING / DEAD counts and the age of the oldest PENDING event (through the
/// outbox_by_status index). Blocking: call from a background thread, not an I/O thread.
Result<OutboxState> ReadOutboxState(storage::Db& db, TimePoint now);
/// The same inside the caller's read transaction.
Result<OutboxState> ReadOutboxState(storage::Conn& conn, TimePoint now);

}  // namespace webdpro::events
