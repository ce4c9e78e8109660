#include "delivery/delivery_service.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "events/outbox.hpp"
#include "orders/order_repository.hpp"
#include "orders/order_service.hpp"
#include "storage/db.hpp"
#include "stores/store_records.hpp"

namespace webdpro::delivery {
namespace {

constexpr int kListLimit = 200;
constexpr int kMinOrders = 1;
constexpr int kMaxOrders = 10;
constexpr std::size_t kMaxNoteChars = 200;
constexpr std::size_t kMaxHomeStores = 20;
constexpr auto kRecentDone = std::chrono::hours(24);

constexpr std::string_view kDeliveryAssigned = "DELIVERY_ASSIGNED";
constexpr std::string_view kDeliveryPickedUp = "DELIVERY_PICKED_UP";
constexpr std::string_view kDeliveryDelivered = "DELIVERY_DELIVERED";
constexpr std::string_view kDeliveryFailed = "DELIVERY_FAILED";
// A store that assigns automatically found no free rider: the order waits for the owner.
constexpr std::string_view kDeliveryWaiting = "DELIVERY_WAITING";
constexpr std::string_view kCashDeposited = "CASH_DEPOSITED";

constexpr std::array<std::string_view, 5> kVehicles = {"BICYCLE", "BIKE", "SCOOTER", "CAR", "ON_FOOT"};
constexpr std::array<std::string_view, 4> kStateNames = {"ASSIGNED", "PICKED_UP", "DELIVERED", "FAILED"};
constexpr std::array<std::string_view, 3> kFailureReasons = {"not_at_home", "refused", "wrong_address"};

// Riders: every active delivery agent of the tenant (memberships, a read model), with the profile
// when they have one and the deliveries they carry now.
constexpr std::string_view kRiders = R"(
SELECT m.user_id, m.display_name, coalesce(r.available, 0) AS available, coalesce(r.vehicle, 'BIKE') AS vehicle,
       coalesce(r.max_orders, 1) AS max_orders, coalesce(r.store_ids, '[]') AS store_ids, r.last_lat, r.last_lng,
       r.last_seen_at,
       (SELECT count(*) FROM deliveries d WHERE d.tenant_id = m.tenant_id AND d.agent_id = m.user_id
          AND d.status IN ('ASSIGNED', 'PICKED_UP')) AS active_deliveries
FROM memberships m LEFT JOIN riders r ON r.tenant_id = m.tenant_id AND r.user_id = m.user_id
WHERE m.tenant_id = $1 AND m.role = 'DELIVERY_AGENT' AND m.active = 1 AND ($2 = '' OR m.user_id = $2)
ORDER BY m.created_at, m.user_id
)";

constexpr std::string_view kUpsertRider = R"(
INSERT INTO riders (tenant_id, user_id, available, vehicle, max_orders, store_ids, last_lat, last_lng, last_seen_at,
                    created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
ON CONFLICT (tenant_id, user_id) DO UPDATE SET available = excluded.available, vehicle = excluded.vehicle,
    max_orders = excluded.max_orders, store_ids = excluded.store_ids, last_lat = excluded.last_lat,
    last_lng = excluded.last_lng, last_seen_at = excluded.last_seen_at, updated_at = excluded.updated_at
)";

constexpr std::string_view kAutoAssign = R"(
SELECT auto_assign FROM delivery_settings WHERE tenant_id = $1 AND store_id = $2
)";

constexpr std::string_view kSetAutoAssign = R"(
INSERT INTO delivery_settings (tenant_id, store_id, auto_assign, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (tenant_id, store_id) DO UPDATE SET auto_assign = excluded.auto_assign, updated_at = excluded.updated_at
)";

constexpr std::string_view kDeliveryColumns = R"(
SELECT d.delivery_id, d.order_id, d.agent_id, coalesce(m.display_name, '') AS rider_name, d.status, d.proof_code,
       d.cod_due_paise, d.cod_collected_paise, d.cash_note, coalesce(d.failure_reason, '') AS failure_reason,
       d.distance_m, d.assigned_at, d.picked_up_at, d.delivered_at, d.failed_at
FROM deliveries d LEFT JOIN memberships m ON m.tenant_id = d.tenant_id AND m.user_id = d.agent_id
)";

constexpr std::string_view kWhereDelivery = "WHERE d.tenant_id = $1 AND d.delivery_id = $2";
constexpr std::string_view kWhereActiveForOrder =
    "WHERE d.tenant_id = $1 AND d.order_id = $2 AND d.status IN ('ASSIGNED', 'PICKED_UP')";
constexpr std::string_view kWhereLatestForOrder =
    "WHERE d.tenant_id = $1 AND d.order_id = $2 ORDER BY d.assigned_at DESC, d.delivery_id DESC LIMIT 1";
constexpr std::string_view kWhereState =
    "WHERE d.tenant_id = $1 AND ($2 = '' OR d.status = $2) ORDER BY d.assigned_at DESC, d.delivery_id DESC LIMIT $3";
constexpr std::string_view kWhereRider =
    "WHERE d.tenant_id = $1 AND d.agent_id = $2 AND (d.status IN ('ASSIGNED', 'PICKED_UP') OR d.updated_at >= $3) "
    "ORDER BY d.assigned_at, d.delivery_id LIMIT $4";

constexpr std::string_view kInsertDelivery = R"(
INSERT INTO deliveries (tenant_id, delivery_id, order_id, agent_id, status, proof_code, cod_due_paise, assigned_at,
                        created_at, updated_at)
VALUES ($1, $2, $3, $4, 'ASSIGNED', $5, $6, $7, $7, $7)
)";

constexpr std::string_view kReassign = R"(
UPDATE deliveries SET agent_id = $3, assigned_at = $4, updated_at = $4
WHERE tenant_id = $1 AND delivery_id = $2 AND status = 'ASSIGNED'
)";

constexpr std::string_view kPickUp = R"(
UPDATE deliveries SET status = 'PICKED_UP', picked_up_at = $3, updated_at = $3
WHERE tenant_id = $1 AND delivery_id = $2 AND status = 'ASSIGNED'
)";

// The customer's code: kMaxWrongCodes wrong tries in a row lock the code for kCodeLockout.
constexpr std::int64_t kMaxWrongCodes = 5;
constexpr auto kCodeLockout = std::chrono::minutes(15);

constexpr std::string_view kReadCodeTries =
    "SELECT code_failures, code_locked_until FROM deliveries WHERE tenant_id = $1 AND delivery_id = $2";
constexpr std::string_view kCountWrongCode = R"(
UPDATE deliveries SET code_failures = code_failures + 1, updated_at = $3 WHERE tenant_id = $1 AND delivery_id = $2
)";
constexpr std::string_view kLockCode = R"(
UPDATE deliveries SET code_failures = 0, code_locked_until = $3, updated_at = $4
WHERE tenant_id = $1 AND delivery_id = $2
)";

constexpr std::string_view kDeliver = R"(
UPDATE deliveries SET status = 'DELIVERED', cod_collected_paise = $3, cash_note = $4, delivered_at = $5, updated_at = $5,
                      code_failures = 0, code_locked_until = NULL
WHERE tenant_id = $1 AND delivery_id = $2 AND status = 'PICKED_UP'
)";

constexpr std::string_view kFail = R"(
UPDATE deliveries SET status = 'FAILED', failure_reason = $4, failed_at = $5, updated_at = $5
WHERE tenant_id = $1 AND delivery_id = $2 AND status = $3
)";

// The order was cancelled while a rider had it: the attempt ends with the reason order_cancelled.
constexpr std::string_view kEndForCancelledOrder = R"(
UPDATE deliveries SET status = 'FAILED', failure_reason = 'order_cancelled', failed_at = $3, updated_at = $3
WHERE tenant_id = $1 AND delivery_id = $2 AND status IN ('ASSIGNED', 'PICKED_UP')
)";

// Orders ready to go (paid, or cash on delivery confirmed) that no rider has: orders is a read model.
constexpr std::string_view kUnassigned = R"(
SELECT o.order_id FROM orders o
WHERE o.tenant_id = $1 AND o.status IN ('CONFIRMED', 'PACKED')
  AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.tenant_id = o.tenant_id AND d.order_id = o.order_id
                  AND d.status IN ('ASSIGNED', 'PICKED_UP'))
ORDER BY o.created_at, o.order_id LIMIT $2
)";

constexpr std::string_view kLastFix = R"(
SELECT seq, lat, lng, accuracy_m, recorded_at FROM delivery_locations
WHERE tenant_id = $1 AND delivery_id = $2 ORDER BY seq DESC LIMIT 1
)";

constexpr std::string_view kTrackPoints = R"(
SELECT lat, lng, accuracy_m, recorded_at FROM delivery_locations
WHERE tenant_id = $1 AND delivery_id = $2 ORDER BY seq DESC LIMIT $3
)";

// What the customer is told of their rider: the phone for the call button (users is a read model)
// and the vehicle, for the ETA.
constexpr std::string_view kRiderContact = R"(
SELECT u.phone, coalesce(r.vehicle, 'BIKE') AS vehicle FROM users u
LEFT JOIN riders r ON r.tenant_id = $1 AND r.user_id = u.user_id
WHERE u.user_id = $2
)";

// Where the shop is, for the customer's map (stores is a read model).
constexpr std::string_view kStoreLocation =
    "SELECT latitude, longitude FROM stores WHERE tenant_id = $1 AND store_id = $2";

// Housekeeping of finished deliveries' tracks, across tenants (a background loop, not a request).
constexpr std::string_view kFinishedSince = R"(
SELECT tenant_id, delivery_id, updated_at FROM deliveries
WHERE status IN ('DELIVERED', 'FAILED') AND updated_at >= $1 AND updated_at <= $2
ORDER BY updated_at, delivery_id LIMIT $3
)";
constexpr std::string_view kAllTrackPoints = R"(
SELECT seq, lat, lng, recorded_at FROM delivery_locations WHERE tenant_id = $1 AND delivery_id = $2 ORDER BY seq
)";
constexpr std::string_view kDropTrackPoint =
    "DELETE FROM delivery_locations WHERE tenant_id = $1 AND delivery_id = $2 AND seq = $3";
constexpr std::string_view kExpiredTracks = R"(
SELECT d.tenant_id, d.delivery_id FROM deliveries d
WHERE d.status IN ('DELIVERED', 'FAILED') AND d.updated_at < $1
  AND EXISTS (SELECT 1 FROM delivery_locations l WHERE l.tenant_id = d.tenant_id AND l.delivery_id = d.delivery_id)
LIMIT $2
)";
constexpr std::string_view kDropTrack = "DELETE FROM delivery_locations WHERE tenant_id = $1 AND delivery_id = $2";

constexpr std::string_view kInsertFix = R"(
INSERT INTO delivery_locations (tenant_id, delivery_id, seq, lat, lng, accuracy_m, recorded_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
)";

constexpr std::string_view kAddDistance = R"(
UPDATE deliveries SET distance_m = distance_m + $3, updated_at = $4 WHERE tenant_id = $1 AND delivery_id = $2
)";

constexpr std::string_view kRiderSeen = R"(
INSERT INTO riders (tenant_id, user_id, last_lat, last_lng, last_seen_at, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
ON CONFLICT (tenant_id, user_id) DO UPDATE SET last_lat = excluded.last_lat, last_lng = excluded.last_lng,
    last_seen_at = excluded.last_seen_at, updated_at = excluded.updated_at
)";

// Cash per rider: collected on delivered orders, handed in to the owner. Every delivery agent the
// tenant ever had who is still a member or has had cash.
constexpr std::string_view kCash = R"(
SELECT m.user_id, m.display_name, m.active,
       (SELECT coalesce(sum(d.cod_collected_paise), 0) FROM deliveries d
        WHERE d.tenant_id = m.tenant_id AND d.agent_id = m.user_id AND d.status = 'DELIVERED') AS collected,
       (SELECT coalesce(sum(s.amount_paise), 0) FROM cod_settlements s
        WHERE s.tenant_id = m.tenant_id AND s.agent_id = m.user_id) AS deposited
FROM memberships m
WHERE m.tenant_id = $1 AND m.role = 'DELIVERY_AGENT' AND ($2 = '' OR m.user_id = $2)
ORDER BY m.created_at, m.user_id
)";

constexpr std::string_view kCollectedSince = R"(
SELECT d.agent_id, d.delivered_at AS at, d.cod_collected_paise AS amount FROM deliveries d
WHERE d.tenant_id = $1 AND d.status = 'DELIVERED' AND d.delivered_at >= $2 AND d.cod_collected_paise > 0
)";
constexpr std::string_view kDepositedSince = R"(
SELECT s.agent_id, s.created_at AS at, s.amount_paise AS amount FROM cod_settlements s
WHERE s.tenant_id = $1 AND s.created_at >= $2
)";
// India has one time zone and no daylight saving: a day there starts at 18:30 UTC.
constexpr auto kIndiaOffset = std::chrono::minutes(330);

constexpr std::string_view kInsertDeposit = R"(
INSERT INTO cod_settlements (tenant_id, settlement_id, agent_id, amount_paise, settled_by, note, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
)";

struct DepositTag {
    static constexpr std::string_view kPrefix = "dep";
};
using DepositId = Id<DepositTag>;

std::optional<TimePoint> OptTime(const storage::Row& row, std::string_view column) {
    auto ms = row.OptInt(column);
    if (!ms) {
        return std::nullopt;
    }
    return FromUnixMillis(*ms);
}

Result<std::vector<Rider>> ReadRiders(storage::Conn& conn, const TenantId& tenant, const std::string& user) {
    auto rows = conn.Query(kRiders, tenant, user);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<Rider> out;
    for (const auto& r : *rows) {
        Rider rider{.user_id = UserId(r.Text("user_id")),
                    .name = r.Text("display_name"),
                    .available = r.Int("available") == 1,
                    .vehicle = r.Text("vehicle"),
                    .max_orders = static_cast<int>(r.Int("max_orders")),
                    .store_ids = {},
                    .active_deliveries = static_cast<int>(r.Int("active_deliveries")),
                    .position = std::nullopt,
                    .last_seen_at = OptTime(r, "last_seen_at")};
        const auto stores = nlohmann::json::parse(r.Text("store_ids"), nullptr, false);
        if (stores.is_array()) {
            for (const auto& s : stores) {
                if (s.is_string()) {
                    rider.store_ids.emplace_back(s.get<std::string>());
                }
            }
        }
        if (auto lat = r.OptReal("last_lat"), lng = r.OptReal("last_lng"); lat && lng) {
            rider.position = LatLng{*lat, *lng};
        }
        out.push_back(std::move(rider));
    }
    return out;
}

Result<Rider> ReadRider(storage::Conn& conn, const TenantId& tenant, const UserId& user) {
    auto riders = ReadRiders(conn, tenant, user.str());
    if (!riders) {
        return Fail(std::move(riders.error()));
    }
    if (riders->empty()) {
        return Fail(ApiError::NotFound("Rider"));
    }
    return std::move(riders->front());
}

Result<void> SaveRider(storage::Conn& conn, const TenantId& tenant, const Rider& rider, TimePoint now) {
    nlohmann::json stores = nlohmann::json::array();
    for (const auto& s : rider.store_ids) {
        stores.push_back(s.str());
    }
    std::optional<double> lat;
    std::optional<double> lng;
    if (rider.position) {
        lat = rider.position->lat;
        lng = rider.position->lng;
    }
    std::optional<std::int64_t> seen;
    if (rider.last_seen_at) {
        seen = UnixMillis(*rider.last_seen_at);
    }
    auto saved = conn.Exec(kUpsertRider, tenant, rider.user_id, static_cast<std::int64_t>(rider.available ? 1 : 0),
                           rider.vehicle, static_cast<std::int64_t>(rider.max_orders), stores.dump(), lat, lng, seen,
                           UnixMillis(now));
    if (!saved) {
        return Fail(std::move(saved.error()));
    }
    return {};
}

/// A delivery row with what its rider needs of the order (the customer's phone only with a vault).
Result<Delivery> DeliveryOf(storage::Conn& conn, const PiiVault* vault, const TenantId& tenant, const storage::Row& r) {
    auto state = ParseDeliveryState(r.Text("status"));
    if (!state) {
        return Fail(ApiError::Internal("malformed deliveries row " + r.Text("delivery_id")));
    }
    Delivery d{.id = DeliveryId(r.Text("delivery_id")),
               .order_id = OrderId(r.Text("order_id")),
               .store_id = {},
               .agent_id = UserId(r.Text("agent_id")),
               .rider_name = r.Text("rider_name"),
               .state = *state,
               .cod_due = Paise(r.Int("cod_due_paise")),
               .cod_collected = Paise(r.Int("cod_collected_paise")),
               .cash_note = r.Text("cash_note"),
               .failure_reason = r.Text("failure_reason"),
               .distance_m = r.Real("distance_m"),
               .assigned_at = FromUnixMillis(r.Int("assigned_at")),
               .picked_up_at = OptTime(r, "picked_up_at"),
               .delivered_at = OptTime(r, "delivered_at"),
               .failed_at = OptTime(r, "failed_at"),
               .order_status = "",
               .payment_method = "",
               .order_total = {},
               .customer_name = "",
               .customer_phone = "",
               .address = "",
               .pincode = ""};
    auto order = orders::ReadOrder(conn, vault, tenant, d.order_id);
    if (!order) {
        return Fail(std::move(order.error()));
    }
    d.store_id = order->store_id;
    d.order_status = orders::StatusName(order->status);
    d.payment_method = orders::PaymentMethodName(order->payment_method);
    d.order_total = order->totals.total;
    d.customer_name = order->customer_name;
    d.customer_phone = order->customer_phone;
    d.address = order->address;
    d.pincode = order->pincode;
    return d;
}

template <class... Args>
Result<std::vector<Delivery>> QueryDeliveries(storage::Conn& conn, const PiiVault* vault, const TenantId& tenant,
                                              std::string_view where, Args&&... args) {
    const std::string sql = std::string(kDeliveryColumns) + std::string(where);
    auto rows = conn.Query(sql, tenant, std::forward<Args>(args)...);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<Delivery> out;
    for (const auto& r : *rows) {
        auto d = DeliveryOf(conn, vault, tenant, r);
        if (!d) {
            return Fail(std::move(d.error()));
        }
        out.push_back(std::move(*d));
    }
    return out;
}

/// The delivery's proof code, "" when there is none.
Result<std::string> ProofCode(storage::Conn& conn, const TenantId& tenant, const DeliveryId& id) {
    auto rows = conn.QueryOne(std::string(kDeliveryColumns) + std::string(kWhereDelivery), tenant, id);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    if (!*rows) {
        return std::string();
    }
    return (*rows)->OptText("proof_code").value_or("");
}

/// The rider's own delivery; kNotFound("Delivery") for another rider's or another tenant's.
Result<Delivery> RiderDelivery(storage::Conn& conn, const PiiVault* vault, const TenantId& tenant, const UserId& agent,
                               const DeliveryId& id) {
    auto found = QueryDeliveries(conn, vault, tenant, kWhereDelivery, id);
    if (!found) {
        return Fail(std::move(found.error()));
    }
    if (found->empty() || found->front().agent_id != agent) {
        return Fail(ApiError::NotFound("Delivery"));
    }
    return std::move(found->front());
}

Result<Delivery> ReadDelivery(storage::Conn& conn, const PiiVault* vault, const TenantId& tenant,
                              const DeliveryId& id) {
    auto found = QueryDeliveries(conn, vault, tenant, kWhereDelivery, id);
    if (!found) {
        return Fail(std::move(found.error()));
    }
    if (found->empty()) {
        return Fail(ApiError::NotFound("Delivery"));
    }
    return std::move(found->front());
}

/// Four random digits the customer reads out to the rider.
std::string NewProofCode() {
    const Bytes random = RandomBytes(4);
    std::uint32_t n = 0;
    for (auto b : random) {
        n = (n << 8U) | static_cast<std::uint32_t>(b);
    }
    std::string code = std::to_string(n % 10000);
    return std::string(4 - code.size(), '0') + code;
}

nlohmann::json DeliveryEvent(const Delivery& d, TimePoint now) {
    return {{"delivery_id", d.id.str()},    {"order_id", d.order_id.str()},         {"store_id", d.store_id.str()},
            {"agent_id", d.agent_id.str()}, {"status", DeliveryStateName(d.state)}, {"at", UnixMillis(now)}};
}

Result<void> Announce(storage::Conn& conn, const TenantId& tenant, std::string_view type, nlohmann::json payload,
                      TimePoint now) {
    if (auto event = events::Enqueue(conn, tenant, type, payload, now); !event) {
        return Fail(std::move(event.error()));
    }
    return {};
}

bool ReadyToGo(orders::OrderStatus status) {
    return status == orders::OrderStatus::kConfirmed || status == orders::OrderStatus::kPacked;
}

/// Gives the order to `agent` inside the caller's transaction: a new delivery with a fresh code,
/// or the one not yet picked up moved to another rider.
Result<Delivery> AssignInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order_id, const UserId& agent,
                            const std::optional<UserId>& by, TimePoint now) {
    auto order = orders::ReadOrder(conn, nullptr, tenant, order_id);
    if (!order) {
        return Fail(std::move(order.error()));
    }
    auto rider = ReadRider(conn, tenant, agent);
    if (!rider) {
        if (rider.error().code == ErrorCode::kNotFound) {
            return Fail(ApiError::Invalid("agent_user_id", "Choose one of this shop's riders."));
        }
        return Fail(std::move(rider.error()));
    }
    if (!ReadyToGo(order->status)) {
        return Fail(ApiError::Conflict("This order is not ready to go (it is " +
                                       std::string(orders::StatusName(order->status)) +
                                       "): only paid orders and confirmed cash orders are delivered."));
    }
    auto active = QueryDeliveries(conn, nullptr, tenant, kWhereActiveForOrder, order_id);
    if (!active) {
        return Fail(std::move(active.error()));
    }
    DeliveryId id;
    std::optional<UserId> previous;
    if (!active->empty()) {
        const Delivery& current = active->front();
        if (current.agent_id == agent) {
            return current;  // assigned to this rider already
        }
        if (current.state != DeliveryState::kAssigned) {
            return Fail(
                ApiError::Conflict("The rider has picked this order up; it can be reassigned only after "
                                   "it is delivered or comes back."));
        }
        auto moved = conn.Exec(kReassign, tenant, current.id, agent, UnixMillis(now));
        if (!moved) {
            return Fail(std::move(moved.error()));
        }
        if (*moved != 1) {
            return Fail(ApiError::Conflict("The delivery changed meanwhile; reload it."));
        }
        id = current.id;
        previous = current.agent_id;
    } else {
        id = DeliveryId::New();
        const Paise due = order->payment_method == orders::PaymentMethod::kCod && order->payment_status != "PAID"
                              ? order->totals.total
                              : Paise(0);
        auto inserted =
            conn.Exec(kInsertDelivery, tenant, id, order_id, agent, NewProofCode(), due.value, UnixMillis(now));
        if (!inserted) {
            return Fail(std::move(inserted.error()));
        }
    }
    auto assigned = ReadDelivery(conn, nullptr, tenant, id);
    if (!assigned) {
        return Fail(std::move(assigned.error()));
    }
    auto payload = DeliveryEvent(*assigned, now);
    payload["automatic"] = !by.has_value();
    if (by) {
        payload["by"] = by->str();
    }
    if (previous) {
        payload["from_agent_id"] = previous->str();
    }
    if (auto event = Announce(conn, tenant, kDeliveryAssigned, payload, now); !event) {
        return Fail(std::move(event.error()));
    }
    return std::move(*assigned);
}

Result<std::vector<CashLine>> ReadCash(storage::Conn& conn, const TenantId& tenant, const std::string& agent) {
    auto rows = conn.Query(kCash, tenant, agent);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<CashLine> out;
    for (const auto& r : *rows) {
        const Paise collected(r.Int("collected"));
        const Paise deposited(r.Int("deposited"));
        const auto in_hand = CheckedSub(collected, deposited);
        if (!in_hand) {
            return Fail(ApiError::Internal("cash ledger overflow for " + r.Text("user_id")));
        }
        if (r.Int("active") != 1 && collected.value == 0) {
            continue;  // a former rider who never held cash
        }
        out.push_back({.agent_id = UserId(r.Text("user_id")),
                       .name = r.Text("display_name"),
                       .collected = collected,
                       .deposited = deposited,
                       .in_hand = *in_hand});
    }
    return out;
}

std::size_t Chars(std::string_view text) {
    return static_cast<std::size_t>(
        std::ranges::count_if(text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

}  // namespace

bool ValidVehicle(std::string_view vehicle) {
    return std::ranges::find(kVehicles, vehicle) != kVehicles.end();
}

std::string_view DeliveryStateName(DeliveryState state) {
    return kStateNames[static_cast<std::size_t>(state)];
}

std::optional<DeliveryState> ParseDeliveryState(std::string_view name) {
    for (std::size_t i = 0; i < kStateNames.size(); ++i) {
        if (kStateNames[i] == name) {
            return static_cast<DeliveryState>(i);
        }
    }
    return std::nullopt;
}

std::optional<std::string> ParseFailureReason(std::string_view reason) {
    if (std::ranges::find(kFailureReasons, reason) == kFailureReasons.end()) {
        return std::nullopt;
    }
    return std::string(reason);
}

DeliveryService::DeliveryService(storage::Db& db, const PiiVault& vault, DeliveryOptions options)
    : db_(db), vault_(vault), options_(options) {}

boost::asio::awaitable<Result<std::vector<Rider>>> DeliveryService::Riders(TenantId tenant) {
    co_return co_await db_.Read(
        [&](storage::Conn& conn) -> Result<std::vector<Rider>> { return ReadRiders(conn, tenant, ""); });
}

boost::asio::awaitable<Result<Rider>> DeliveryService::GetRider(TenantId tenant, UserId user) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<Rider> { return ReadRider(conn, tenant, user); });
}

boost::asio::awaitable<Result<Rider>> DeliveryService::UpdateRider(TenantId tenant, UserId user, RiderChange change) {
    ApiError invalid(ErrorCode::kInvalidArgument, "Some rider settings are not valid.");
    if (change.vehicle && !ValidVehicle(*change.vehicle)) {
        invalid.fields.push_back({"vehicle", "Choose BICYCLE, BIKE, SCOOTER, CAR or ON_FOOT."});
    }
    if (change.max_orders && (*change.max_orders < kMinOrders || *change.max_orders > kMaxOrders)) {
        invalid.fields.push_back({"max_orders", "A rider carries 1 to 10 orders at once."});
    }
    if (change.position && !ValidLatLng(*change.position)) {
        invalid.fields.push_back({"position", "Latitude must be within -90..90 and longitude within -180..180."});
    }
    if (change.store_ids && change.store_ids->size() > kMaxHomeStores) {
        invalid.fields.push_back({"store_ids", "At most 20 home stores."});
    }
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Rider> {
        auto rider = ReadRider(conn, tenant, user);
        if (!rider) {
            return Fail(std::move(rider.error()));
        }
        if (change.store_ids) {
            for (std::size_t i = 0; i < change.store_ids->size(); ++i) {
                auto store = stores::StoreDirectory::ById(conn, tenant, (*change.store_ids)[i]);
                if (!store) {
                    return Fail(std::move(store.error()));
                }
                if (!*store) {
                    invalid.fields.push_back({"store_ids[" + std::to_string(i) + "]", "No such store here."});
                }
            }
        }
        if (!invalid.fields.empty()) {
            return Fail(invalid);
        }
        if (change.available) {
            rider->available = *change.available;
        }
        if (change.vehicle) {
            rider->vehicle = *change.vehicle;
        }
        if (change.max_orders) {
            rider->max_orders = *change.max_orders;
        }
        if (change.store_ids) {
            rider->store_ids = *change.store_ids;
            std::ranges::sort(rider->store_ids);
            const auto [first, last] = std::ranges::unique(rider->store_ids);
            rider->store_ids.erase(first, last);
        }
        if (change.position) {
            rider->position = change.position;
            rider->last_seen_at = FromUnixMillis(UnixMillis(now));
        }
        if (auto saved = SaveRider(conn, tenant, *rider, now); !saved) {
            return Fail(std::move(saved.error()));
        }
        return ReadRider(conn, tenant, user);
    });
}

boost::asio::awaitable<Result<bool>> DeliveryService::AutoAssign(TenantId tenant, StoreId store) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<bool> {
        auto found = stores::StoreDirectory::ById(conn, tenant, store);
        if (!found) {
            return Fail(std::move(found.error()));
        }
        if (!*found) {
            return Fail(ApiError::NotFound("Store"));
        }
        auto row = conn.QueryOne(kAutoAssign, tenant, store);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        return *row && (*row)->Int("auto_assign") == 1;
    });
}

boost::asio::awaitable<Result<bool>> DeliveryService::SetAutoAssign(TenantId tenant, StoreId store, bool on) {
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<bool> {
        auto found = stores::StoreDirectory::ById(conn, tenant, store);
        if (!found) {
            return Fail(std::move(found.error()));
        }
        if (!*found) {
            return Fail(ApiError::NotFound("Store"));
        }
        auto saved = conn.Exec(kSetAutoAssign, tenant, store, static_cast<std::int64_t>(on ? 1 : 0), UnixMillis(now));
        if (!saved) {
            return Fail(std::move(saved.error()));
        }
        return on;
    });
}

boost::asio::awaitable<Result<Delivery>> DeliveryService::Assign(TenantId tenant, OrderId order, UserId agent,
                                                                 UserId actor) {
    const TimePoint now = NowUtc();
    co_return co_await db_.Write(
        [&](storage::Conn& conn) -> Result<Delivery> { return AssignInTx(conn, tenant, order, agent, actor, now); });
}

boost::asio::awaitable<Result<std::vector<WaitingOrder>>> DeliveryService::Unassigned(TenantId tenant) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<WaitingOrder>> {
        auto rows = conn.Query(kUnassigned, tenant, kListLimit);
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        std::vector<WaitingOrder> out;
        for (const auto& r : *rows) {
            auto order = orders::ReadOrder(conn, nullptr, tenant, OrderId(r.Text("order_id")));
            if (!order) {
                return Fail(std::move(order.error()));
            }
            out.push_back({.order_id = order->id,
                           .store_id = order->store_id,
                           .status = std::string(orders::StatusName(order->status)),
                           .payment_method = std::string(orders::PaymentMethodName(order->payment_method)),
                           .total = order->totals.total,
                           .customer_name = order->customer_name,
                           .address = order->address,
                           .created_at = order->created_at});
        }
        return out;
    });
}

boost::asio::awaitable<Result<std::vector<Delivery>>> DeliveryService::Deliveries(TenantId tenant,
                                                                                  std::optional<DeliveryState> state) {
    const std::string wanted = state ? std::string(DeliveryStateName(*state)) : std::string();
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<Delivery>> {
        return QueryDeliveries(conn, nullptr, tenant, kWhereState, wanted, kListLimit);
    });
}

boost::asio::awaitable<Result<std::vector<Delivery>>> DeliveryService::RiderDeliveries(TenantId tenant, UserId agent) {
    const std::int64_t since = UnixMillis(NowUtc() - kRecentDone);
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<Delivery>> {
        return QueryDeliveries(conn, &vault_, tenant, kWhereRider, agent, since, kListLimit);
    });
}

boost::asio::awaitable<Result<Delivery>> DeliveryService::RiderDeliveryOf(TenantId tenant, UserId agent,
                                                                          DeliveryId delivery) {
    co_return co_await db_.Read(
        [&](storage::Conn& conn) -> Result<Delivery> { return RiderDelivery(conn, &vault_, tenant, agent, delivery); });
}

boost::asio::awaitable<Result<Delivery>> DeliveryService::PickedUp(TenantId tenant, UserId agent, DeliveryId delivery) {
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Delivery> {
        auto d = RiderDelivery(conn, nullptr, tenant, agent, delivery);
        if (!d) {
            return Fail(std::move(d.error()));
        }
        if (d->state == DeliveryState::kPickedUp) {
            return RiderDelivery(conn, &vault_, tenant, agent, delivery);  // sent again
        }
        if (d->state != DeliveryState::kAssigned) {
            return Fail(
                ApiError::Conflict("This delivery is already " + std::string(DeliveryStateName(d->state)) + "."));
        }
        auto moved = conn.Exec(kPickUp, tenant, delivery, UnixMillis(now));
        if (!moved) {
            return Fail(std::move(moved.error()));
        }
        if (auto order = orders::OrderService::MoveForDeliveryInTx(
                conn, tenant, d->order_id, orders::OrderStatus::kOutForDelivery, false, "", now);
            !order) {
            return Fail(std::move(order.error()));
        }
        d->state = DeliveryState::kPickedUp;
        if (auto event = Announce(conn, tenant, kDeliveryPickedUp, DeliveryEvent(*d, now), now); !event) {
            return Fail(std::move(event.error()));
        }
        return RiderDelivery(conn, &vault_, tenant, agent, delivery);
    });
}

boost::asio::awaitable<Result<Delivery>> DeliveryService::Delivered(TenantId tenant, UserId agent, DeliveryId delivery,
                                                                    std::string code, Paise cash_collected,
                                                                    std::string note) {
    if (cash_collected.value < 0 || cash_collected > kMaxOrderValue) {
        co_return Fail(ApiError::Invalid("cash_collected_paise", "Enter the cash collected, in paise."));
    }
    if (Chars(note) > kMaxNoteChars) {
        co_return Fail(ApiError::Invalid("reason", "Keep the reason under 200 characters."));
    }
    const TimePoint now = NowUtc();
    // A wrong code is counted in the transaction, which commits, and refused after it (the inner
    // error), so the count survives the refusal; an outer error rolls everything back.
    using CodeChecked = std::expected<Delivery, ApiError>;
    auto outcome = co_await db_.Write([&](storage::Conn& conn) -> Result<CodeChecked> {
        auto d = RiderDelivery(conn, nullptr, tenant, agent, delivery);
        if (!d) {
            return Fail(std::move(d.error()));
        }
        if (d->state != DeliveryState::kPickedUp) {
            return Fail(
                ApiError::Conflict(d->state == DeliveryState::kAssigned
                                       ? "Mark the order picked up first."
                                       : "This delivery is already " + std::string(DeliveryStateName(d->state)) + "."));
        }
        auto tries = conn.QueryOne(kReadCodeTries, tenant, delivery);
        if (!tries) {
            return Fail(std::move(tries.error()));
        }
        const std::int64_t failures = *tries ? (*tries)->Int("code_failures") : 0;
        const std::int64_t locked_until = *tries ? (*tries)->OptInt("code_locked_until").value_or(0) : 0;
        if (locked_until > UnixMillis(now)) {
            ApiError locked(ErrorCode::kRateLimited,
                            "Too many wrong codes. Try again in a few minutes, or call the shop.");
            locked.retry_after_s = static_cast<int>((locked_until - UnixMillis(now) + 999) / 1000);
            return CodeChecked(std::unexpect, std::move(locked));
        }
        auto expected = ProofCode(conn, tenant, delivery);
        if (!expected) {
            return Fail(std::move(expected.error()));
        }
        if (expected->empty() || !ConstantTimeEquals(*expected, code)) {
            const bool lock = failures + 1 >= kMaxWrongCodes;
            const std::int64_t until = UnixMillis(now + kCodeLockout);
            auto counted = lock ? conn.Exec(kLockCode, tenant, delivery, until, UnixMillis(now))
                                : conn.Exec(kCountWrongCode, tenant, delivery, UnixMillis(now));
            if (!counted) {
                return Fail(std::move(counted.error()));
            }
            if (lock) {
                ApiError locked(ErrorCode::kRateLimited,
                                "Too many wrong codes. Try again in a few minutes, or call the shop.");
                locked.retry_after_s =
                    static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(kCodeLockout).count());
                return CodeChecked(std::unexpect, std::move(locked));
            }
            return CodeChecked(
                std::unexpect,
                ApiError::Invalid("code", "This is not the customer's code. Ask them to read it again."));
        }
        if (cash_collected != d->cod_due && note.empty()) {
            return Fail(ApiError::Invalid(
                "reason", "The cash due is " + FormatInr(d->cod_due) + "; say why a different amount was collected."));
        }
        auto moved = conn.Exec(kDeliver, tenant, delivery, cash_collected.value, note, UnixMillis(now));
        if (!moved) {
            return Fail(std::move(moved.error()));
        }
        const bool paid_at_door = d->cod_due.value > 0 && cash_collected >= d->cod_due;
        if (auto order = orders::OrderService::MoveForDeliveryInTx(
                conn, tenant, d->order_id, orders::OrderStatus::kDelivered, paid_at_door, "", now);
            !order) {
            return Fail(std::move(order.error()));
        }
        d->state = DeliveryState::kDelivered;
        auto payload = DeliveryEvent(*d, now);
        payload["cod_due_paise"] = d->cod_due.value;
        payload["cash_collected_paise"] = cash_collected.value;
        if (auto event = Announce(conn, tenant, kDeliveryDelivered, payload, now); !event) {
            return Fail(std::move(event.error()));
        }
        auto done = RiderDelivery(conn, &vault_, tenant, agent, delivery);
        if (!done) {
            return Fail(std::move(done.error()));
        }
        return CodeChecked(std::move(*done));
    });
    if (!outcome) {
        co_return Fail(std::move(outcome.error()));
    }
    co_return std::move(*outcome);
}

boost::asio::awaitable<Result<Delivery>> DeliveryService::Failed(TenantId tenant, UserId agent, DeliveryId delivery,
                                                                 std::string reason) {
    const auto why = ParseFailureReason(reason);
    if (!why) {
        co_return Fail(ApiError::Invalid("reason", "Choose not_at_home, refused or wrong_address."));
    }
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Delivery> {
        auto d = RiderDelivery(conn, nullptr, tenant, agent, delivery);
        if (!d) {
            return Fail(std::move(d.error()));
        }
        if (d->state != DeliveryState::kAssigned && d->state != DeliveryState::kPickedUp) {
            return Fail(
                ApiError::Conflict("This delivery is already " + std::string(DeliveryStateName(d->state)) + "."));
        }
        auto moved = conn.Exec(kFail, tenant, delivery, DeliveryStateName(d->state), *why, UnixMillis(now));
        if (!moved) {
            return Fail(std::move(moved.error()));
        }
        if (d->state == DeliveryState::kPickedUp) {
            if (auto order = orders::OrderService::MoveForDeliveryInTx(
                    conn, tenant, d->order_id, orders::OrderStatus::kPacked, false, "delivery failed: " + *why, now);
                !order) {
                return Fail(std::move(order.error()));
            }
        }
        d->state = DeliveryState::kFailed;
        auto payload = DeliveryEvent(*d, now);
        payload["reason"] = *why;
        if (auto event = Announce(conn, tenant, kDeliveryFailed, payload, now); !event) {
            return Fail(std::move(event.error()));
        }
        return RiderDelivery(conn, &vault_, tenant, agent, delivery);
    });
}

boost::asio::awaitable<Result<FixesAccepted>> DeliveryService::AddFixes(TenantId tenant, UserId agent,
                                                                        DeliveryId delivery, std::vector<Fix> fixes) {
    const TimePoint now = NowUtc();
    const auto rules = options_.fixes;
    const auto max_fixes = static_cast<std::size_t>(options_.max_fixes);
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<FixesAccepted> {
        auto d = RiderDelivery(conn, nullptr, tenant, agent, delivery);
        if (!d) {
            return Fail(std::move(d.error()));
        }
        if (fixes.empty() || fixes.size() > max_fixes) {
            return Fail(ApiError::Invalid("fixes", "Send 1 to " + std::to_string(max_fixes) + " fixes."));
        }
        if (d->state != DeliveryState::kAssigned && d->state != DeliveryState::kPickedUp) {
            return Fail(ApiError::Conflict("This delivery is finished; location is taken only while delivering."));
        }
        auto last_row = conn.QueryOne(kLastFix, tenant, delivery);
        if (!last_row) {
            return Fail(std::move(last_row.error()));
        }
        std::optional<Fix> last;
        std::int64_t seq = 0;
        if (*last_row) {
            const auto& r = **last_row;
            seq = r.Int("seq");
            last = Fix{.point = {r.Real("lat"), r.Real("lng")},
                       .at = FromUnixMillis(r.Int("recorded_at")),
                       .accuracy_m = r.OptReal("accuracy_m")};
        }
        auto added = CheckFixes(fixes, last, now, rules);
        if (!added) {
            return Fail(std::move(added.error()));
        }
        for (const Fix& fix : fixes) {
            ++seq;
            auto inserted = conn.Exec(kInsertFix, tenant, delivery, seq, fix.point.lat, fix.point.lng, fix.accuracy_m,
                                      UnixMillis(fix.at), UnixMillis(now));
            if (!inserted) {
                return Fail(std::move(inserted.error()));
            }
        }
        if (auto grown = conn.Exec(kAddDistance, tenant, delivery, *added, UnixMillis(now)); !grown) {
            return Fail(std::move(grown.error()));
        }
        const Fix& newest = fixes.back();
        if (auto seen = conn.Exec(kRiderSeen, tenant, agent, newest.point.lat, newest.point.lng, UnixMillis(newest.at),
                                  UnixMillis(now));
            !seen) {
            return Fail(std::move(seen.error()));
        }
        return FixesAccepted{
            .order_id = d->order_id, .accepted = static_cast<int>(fixes.size()), .distance_m = d->distance_m + *added};
    });
}

boost::asio::awaitable<Result<CashLine>> DeliveryService::RecordDeposit(TenantId tenant, UserId agent, Paise amount,
                                                                        std::string note, UserId actor) {
    if (amount.value <= 0) {
        co_return Fail(ApiError::Invalid("amount_paise", "Enter the cash handed in, in paise (more than 0)."));
    }
    if (Chars(note) > kMaxNoteChars) {
        co_return Fail(ApiError::Invalid("note", "Keep the note under 200 characters."));
    }
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<CashLine> {
        auto lines = ReadCash(conn, tenant, agent.str());
        if (!lines) {
            return Fail(std::move(lines.error()));
        }
        if (lines->empty()) {
            return Fail(ApiError::Invalid("agent_user_id", "Choose one of this shop's riders."));
        }
        CashLine line = lines->front();
        if (amount > line.in_hand) {
            return Fail(ApiError::Invalid("amount_paise", line.name + " holds " + FormatInr(line.in_hand) +
                                                              "; a deposit cannot be more than that."));
        }
        const DepositId id = DepositId::New();
        auto inserted = conn.Exec(kInsertDeposit, tenant, id.str(), agent, amount.value, actor, note, UnixMillis(now));
        if (!inserted) {
            return Fail(std::move(inserted.error()));
        }
        line.deposited = *CheckedAdd(line.deposited, amount);  // at most collected: no overflow
        line.in_hand = *CheckedSub(line.in_hand, amount);
        nlohmann::json payload = {{"settlement_id", id.str()},
                                  {"agent_id", agent.str()},
                                  {"amount_paise", amount.value},
                                  {"by", actor.str()},
                                  {"at", UnixMillis(now)}};
        if (auto event = Announce(conn, tenant, kCashDeposited, payload, now); !event) {
            return Fail(std::move(event.error()));
        }
        return line;
    });
}

boost::asio::awaitable<Result<std::vector<CashLine>>> DeliveryService::CashLedger(TenantId tenant) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<CashLine>> {
        auto lines = ReadCash(conn, tenant, "");
        if (!lines) {
            return Fail(std::move(lines.error()));
        }
        std::ranges::stable_sort(*lines, [](const CashLine& a, const CashLine& b) { return a.in_hand > b.in_hand; });
        return lines;
    });
}

boost::asio::awaitable<Result<std::vector<CashDay>>> DeliveryService::CashByDay(TenantId tenant, TimePoint now,
                                                                                int days) {
    const auto today = std::chrono::floor<std::chrono::days>(now + kIndiaOffset);
    const TimePoint since = today - std::chrono::days(days - 1) - kIndiaOffset;
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<CashDay>> {
        auto lines = ReadCash(conn, tenant, "");
        if (!lines) {
            return Fail(std::move(lines.error()));
        }
        std::map<std::string, std::string> names;
        for (const auto& l : *lines) {
            names[l.agent_id.str()] = l.name;
        }
        // (date, agent) → (collected, deposited)
        std::map<std::pair<std::string, std::string>, std::pair<PaiseSum, PaiseSum>> sums;
        const auto add = [&](std::string_view sql, bool deposit) -> Result<void> {
            auto rows = conn.Query(sql, tenant, UnixMillis(since));
            if (!rows) {
                return Fail(std::move(rows.error()));
            }
            for (const auto& r : *rows) {
                const auto day = std::chrono::floor<std::chrono::days>(FromUnixMillis(r.Int("at")) + kIndiaOffset);
                const std::chrono::year_month_day ymd(day);
                std::array<char, 16> text{};
                std::snprintf(text.data(), text.size(), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                              static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
                const std::string date(text.data());
                auto& sum = sums[{date, r.Text("agent_id")}];
                (deposit ? sum.second : sum.first).Add(Paise(r.Int("amount")));
            }
            return {};
        };
        if (auto c = add(kCollectedSince, false); !c) {
            return Fail(std::move(c.error()));
        }
        if (auto d = add(kDepositedSince, true); !d) {
            return Fail(std::move(d.error()));
        }
        std::vector<CashDay> out;
        for (auto it = sums.rbegin(); it != sums.rend(); ++it) {
            const auto& [key, sum] = *it;
            auto collected = sum.first.Value();
            auto deposited = sum.second.Value();
            if (!collected || !deposited) {
                return Fail(ApiError::Internal("cash ledger overflow on " + key.first));
            }
            const auto name = names.find(key.second);
            out.push_back(CashDay{.date = key.first,
                                  .agent_id = UserId(key.second),
                                  .name = name == names.end() ? std::string() : name->second,
                                  .collected = *collected,
                                  .deposited = *deposited});
        }
        return out;
    });
}

boost::asio::awaitable<Result<CashLine>> DeliveryService::RiderCash(TenantId tenant, UserId agent) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<CashLine> {
        auto lines = ReadCash(conn, tenant, agent.str());
        if (!lines) {
            return Fail(std::move(lines.error()));
        }
        if (lines->empty()) {
            return Fail(ApiError::NotFound("Rider"));
        }
        return lines->front();
    });
}

boost::asio::awaitable<Result<TracksTidied>> DeliveryService::TidyTracks(TimePoint now, TimePoint thin_from,
                                                                         TrackKeeping keeping) {
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<TracksTidied> {
        TracksTidied done{.thinned_up_to = thin_from};
        const auto batch = static_cast<std::int64_t>(keeping.batch);
        auto finished = conn.Query(kFinishedSince, UnixMillis(thin_from), UnixMillis(now), batch);
        if (!finished) {
            return Fail(std::move(finished.error()));
        }
        for (const auto& row : *finished) {
            const TenantId tenant(row.Text("tenant_id"));
            const DeliveryId delivery(row.Text("delivery_id"));
            auto points = conn.Query(kAllTrackPoints, tenant, delivery);
            if (!points) {
                return Fail(std::move(points.error()));
            }
            std::vector<Fix> track;
            track.reserve(points->size());
            for (const auto& p : *points) {
                track.push_back(Fix{.point = {p.Real("lat"), p.Real("lng")},
                                    .at = FromUnixMillis(p.Int("recorded_at")),
                                    .accuracy_m = std::nullopt});
            }
            const auto keep = ThinTrack(track, keeping.thin_meters, keeping.thin_gap);
            std::size_t next_kept = 0;
            for (std::size_t i = 0; i < track.size(); ++i) {
                if (next_kept < keep.size() && keep[next_kept] == i) {
                    ++next_kept;
                    continue;
                }
                if (auto dropped = conn.Exec(kDropTrackPoint, tenant, delivery, (*points)[i].Int("seq")); !dropped) {
                    return Fail(std::move(dropped.error()));
                }
                ++done.points_dropped;
            }
            if (keep.size() < track.size()) {
                ++done.thinned;
            }
            done.thinned_up_to = FromUnixMillis(row.Int("updated_at"));
        }
        if (static_cast<std::int64_t>(finished->size()) == batch) {
            done.more = true;
            if (done.thinned_up_to == thin_from) {
                done.thinned_up_to += std::chrono::milliseconds(1);  // a full batch of one instant: step over it
            }
        }
        auto expired = conn.Query(kExpiredTracks, UnixMillis(now - keeping.retention), batch);
        if (!expired) {
            return Fail(std::move(expired.error()));
        }
        for (const auto& row : *expired) {
            const TenantId tenant(row.Text("tenant_id"));
            const DeliveryId delivery(row.Text("delivery_id"));
            auto dropped = conn.Exec(kDropTrack, tenant, delivery);
            if (!dropped) {
                return Fail(std::move(dropped.error()));
            }
            ++done.expired;
            done.points_expired += *dropped;
        }
        done.more = done.more || static_cast<std::int64_t>(expired->size()) == batch;
        return done;
    });
}

boost::asio::awaitable<Result<Tracking>> DeliveryService::Track(stores::StoreRef store, OrderId order_id) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<Tracking> {
        const TenantId& tenant = store.tenant_id;
        auto order = orders::ReadOrder(conn, nullptr, tenant, order_id);
        if (!order) {
            return Fail(std::move(order.error()));
        }
        if (order->store_id != store.store_id) {
            return Fail(ApiError::NotFound("Order"));
        }
        Tracking t{.order_id = order->id,
                   .status = std::string(orders::StatusName(order->status)),
                   .payment_method = std::string(orders::PaymentMethodName(order->payment_method)),
                   .payment_status = order->payment_status,
                   .placed_at = order->created_at,
                   .delivery = std::nullopt,
                   .proof_code = "",
                   .rider_position = std::nullopt,
                   .rider_phone = "",
                   .rider_vehicle = "",
                   .store_location = std::nullopt,
                   .destination = std::nullopt,
                   .track = {},
                   .eta = std::nullopt};
        if (order->delivery_lat && order->delivery_lng) {
            t.destination = LatLng{*order->delivery_lat, *order->delivery_lng};
        }
        auto shop = conn.QueryOne(kStoreLocation, tenant, order->store_id);
        if (!shop) {
            return Fail(std::move(shop.error()));
        }
        if (*shop) {
            auto lat = (*shop)->OptReal("latitude");
            auto lng = (*shop)->OptReal("longitude");
            if (lat && lng) {
                t.store_location = LatLng{*lat, *lng};
            }
        }
        auto latest = QueryDeliveries(conn, nullptr, tenant, kWhereLatestForOrder, order_id);
        if (!latest) {
            return Fail(std::move(latest.error()));
        }
        if (latest->empty()) {
            return t;
        }
        t.delivery = std::move(latest->front());
        const Delivery& d = *t.delivery;
        const bool under_way = d.state == DeliveryState::kAssigned || d.state == DeliveryState::kPickedUp;
        if (under_way) {
            auto code = ProofCode(conn, tenant, d.id);
            if (!code) {
                return Fail(std::move(code.error()));
            }
            t.proof_code = std::move(*code);
        }
        auto contact = conn.QueryOne(kRiderContact, tenant, d.agent_id);
        if (!contact) {
            return Fail(std::move(contact.error()));
        }
        if (*contact) {
            t.rider_vehicle = (*contact)->Text("vehicle");
            if (under_way) {
                t.rider_phone = (*contact)->Text("phone");
            }
        }
        if (d.state == DeliveryState::kPickedUp && order->status == orders::OrderStatus::kOutForDelivery) {
            auto points = conn.Query(kTrackPoints, tenant, d.id, static_cast<std::int64_t>(kTrackShown));
            if (!points) {
                return Fail(std::move(points.error()));
            }
            for (auto it = points->rbegin(); it != points->rend(); ++it) {
                t.track.push_back(Fix{.point = {it->Real("lat"), it->Real("lng")},
                                      .at = FromUnixMillis(it->Int("recorded_at")),
                                      .accuracy_m = it->OptReal("accuracy_m")});
            }
            if (!t.track.empty()) {
                t.rider_position = t.track.back();
                if (t.destination) {
                    t.eta = EstimateArrival(t.track, *t.destination, TypicalSpeedMps(t.rider_vehicle));
                }
            }
        }
        return t;
    });
}

Result<std::optional<DeliveryId>> DeliveryService::AutoAssignInTx(storage::Conn& conn, const TenantId& tenant,
                                                                  const OrderId& order_id, TimePoint now) {
    auto order = orders::ReadOrder(conn, nullptr, tenant, order_id);
    if (!order) {
        if (order.error().code == ErrorCode::kNotFound) {
            return std::optional<DeliveryId>{};
        }
        return Fail(std::move(order.error()));
    }
    if (!ReadyToGo(order->status)) {
        return std::optional<DeliveryId>{};
    }
    auto setting = conn.QueryOne(kAutoAssign, tenant, order->store_id);
    if (!setting) {
        return Fail(std::move(setting.error()));
    }
    if (!*setting || (*setting)->Int("auto_assign") != 1) {
        return std::optional<DeliveryId>{};
    }
    auto active = QueryDeliveries(conn, nullptr, tenant, kWhereActiveForOrder, order_id);
    if (!active) {
        return Fail(std::move(active.error()));
    }
    if (!active->empty()) {
        return std::optional<DeliveryId>{};
    }
    auto riders = ReadRiders(conn, tenant, "");
    if (!riders) {
        return Fail(std::move(riders.error()));
    }
    std::vector<Candidate> candidates;
    for (const Rider& r : *riders) {
        const bool home = r.store_ids.empty() || std::ranges::find(r.store_ids, order->store_id) != r.store_ids.end();
        if (!r.available || !home) {
            continue;
        }
        candidates.push_back({.user_id = r.user_id.str(),
                              .position = r.position,
                              .load = r.active_deliveries,
                              .max_orders = r.max_orders});
    }
    auto store = stores::LoadStore(conn, tenant, order->store_id);
    if (!store) {
        return Fail(std::move(store.error()));
    }
    std::optional<LatLng> at;
    if (*store && (*store)->latitude && (*store)->longitude) {
        at = LatLng{*(*store)->latitude, *(*store)->longitude};
    }
    const auto pick = PickRider(candidates, at);
    if (!pick) {
        // Nobody free: the order waits unassigned and the owner is told.
        nlohmann::json payload = {
            {"order_id", order_id.str()}, {"store_id", order->store_id.str()}, {"at", UnixMillis(now)}};
        if (auto event = Announce(conn, tenant, kDeliveryWaiting, payload, now); !event) {
            return Fail(std::move(event.error()));
        }
        return std::optional<DeliveryId>{};
    }
    auto assigned = AssignInTx(conn, tenant, order_id, UserId(candidates[*pick].user_id), std::nullopt, now);
    if (!assigned) {
        return Fail(std::move(assigned.error()));
    }
    return std::optional<DeliveryId>(assigned->id);
}

Result<void> DeliveryService::EndForCancelledOrderInTx(storage::Conn& conn, const TenantId& tenant,
                                                       const OrderId& order_id, TimePoint now) {
    auto active = QueryDeliveries(conn, nullptr, tenant, kWhereActiveForOrder, order_id);
    if (!active) {
        return Fail(std::move(active.error()));
    }
    for (Delivery& d : *active) {
        auto ended = conn.Exec(kEndForCancelledOrder, tenant, d.id, UnixMillis(now));
        if (!ended) {
            return Fail(std::move(ended.error()));
        }
        d.state = DeliveryState::kFailed;
        auto payload = DeliveryEvent(d, now);
        payload["reason"] = "order_cancelled";
        if (auto event = Announce(conn, tenant, kDeliveryFailed, payload, now); !event) {
            return Fail(std::move(event.error()));
        }
    }
    return {};
}

events::Consumer OrderCancelledConsumer() {
    return events::Consumer{
        .name = "delivery.order_cancelled",
        .types = {std::string(events::type::kOrderCancelled)},
        .apply = [](storage::Conn& conn, const events::Event& event) -> Result<void> {
            auto id = OrderId::Parse(event.payload.value("order_id", std::string()));
            if (!id) {
                return {};  // not an order this consumer can act on
            }
            return DeliveryService::EndForCancelledOrderInTx(conn, event.tenant_id, *id, NowUtc());
        },
        .deliver = {},
    };
}

events::Consumer AutoAssignConsumer() {
    return events::Consumer{
        .name = "delivery.auto_assign",
        .types = {std::string(events::type::kOrderConfirmed)},
        .apply = [](storage::Conn& conn, const events::Event& event) -> Result<void> {
            auto id = OrderId::Parse(event.payload.value("order_id", std::string()));
            if (!id) {
                return {};  // not an order this consumer can act on
            }
            auto assigned = DeliveryService::AutoAssignInTx(conn, event.tenant_id, *id, NowUtc());
            if (!assigned) {
                return Fail(std::move(assigned.error()));
            }
            return {};
        },
        .deliver = {},
    };
}

}  // namespace webdpro::delivery
