#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "delivery/geo.hpp"
#include "events/dispatcher.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::storage {
class Conn;
class Db;
}  // namespace webdpro::storage

namespace webdpro::delivery {

/// A rider: a delivery agent of the tenant with their delivery profile.
struct Rider {
    UserId user_id;
    std::string name;
    bool available = false;
    std::string vehicle = "BIKE";  ///< BICYCLE | BIKE | SCOOTER | CAR | ON_FOOT
    int max_orders = 1;
    std::vector<StoreId> store_ids;  ///< home stores; empty: every store of the tenant
    int active_deliveries = 0;
    std::optional<LatLng> position;
    std::optional<TimePoint> last_seen_at;
};

/// What a profile change sets; absent members stay as they are.
struct RiderChange {
    std::optional<bool> available;
    std::optional<std::string> vehicle;
    std::optional<int> max_orders;
    std::optional<std::vector<StoreId>> store_ids;
    std::optional<LatLng> position;  ///< where the rider is when going on duty
};

/// Whether `vehicle` is one a rider may have.
bool ValidVehicle(std::string_view vehicle);

/// Where a delivery stands: ASSIGNED → PICKED_UP → DELIVERED | FAILED.
enum class DeliveryState : std::uint8_t { kAssigned, kPickedUp, kDelivered, kFailed };
std::string_view DeliveryStateName(DeliveryState state);
std::optional<DeliveryState> ParseDeliveryState(std::string_view name);

/// Why a delivery attempt failed.
std::optional<std::string> ParseFailureReason(std::string_view reason);

/// One delivery with what its rider needs of the order.
struct Delivery {
    DeliveryId id;
    OrderId order_id;
    StoreId store_id;
    UserId agent_id;
    std::string rider_name;
    DeliveryState state = DeliveryState::kAssigned;
    Paise cod_due;
    Paise cod_collected;
    std::string cash_note;
    std::string failure_reason;
    double distance_m = 0;
    TimePoint assigned_at;
    std::optional<TimePoint> picked_up_at;
    std::optional<TimePoint> delivered_at;
    std::optional<TimePoint> failed_at;
    // The order, for the rider.
    std::string order_status;
    std::string payment_method;
    Paise order_total;
    std::string customer_name;
    std::string customer_phone;  ///< E.164, for the rider's call button
    std::string address;
    std::string pincode;
};

/// An order ready to go (paid, or cash on delivery confirmed) that no rider has.
struct WaitingOrder {
    OrderId order_id;
    StoreId store_id;
    std::string status;
    std::string payment_method;
    Paise total;
    std::string customer_name;
    std::string address;
    TimePoint created_at;
};

/// What the rider's phone sent and what the track became.
struct FixesAccepted {
    OrderId order_id;  ///< the delivery's order, whose live pages are told
    int accepted = 0;
    double distance_m = 0;  ///< the delivery's whole track
};

/// A rider's cash: collected on delivered orders, handed in to the owner, and still in hand.
struct CashLine {
    UserId agent_id;
    std::string name;
    Paise collected;
    Paise deposited;
    Paise in_hand;
};

/// One rider's cash on one day (India time): collected on deliveries, handed in.
struct CashDay {
    std::string date;  ///< YYYY-MM-DD
    UserId agent_id;
    std::string name;
    Paise collected;
    Paise deposited;
};

/// An order as its customer follows it.
struct Tracking {
    OrderId order_id;
    std::string status;
    std::string payment_method;
    std::string payment_status;
    TimePoint placed_at;
    std::optional<Delivery> delivery;         ///< the latest delivery, if any
    std::string proof_code;                   ///< "" unless a delivery is under way
    std::optional<Fix> rider_position;        ///< only while the order is out for delivery
    std::string rider_phone;                  ///< E.164, for the call button; "" unless a delivery is under way
    std::string rider_vehicle;                ///< "" when no rider has the order
    std::optional<LatLng> store_location;     ///< where the shop is, when the owner set it
    std::optional<LatLng> destination;        ///< where the customer shared they are, if they did
    std::vector<Fix> track;                   ///< the ride so far (at most kTrackShown newest fixes), oldest first
    std::optional<std::chrono::seconds> eta;  ///< EstimateArrival, while out for delivery with a destination
};

/// The newest fixes of a ride the customer's map draws.
inline constexpr int kTrackShown = 300;

/// How finished deliveries' tracks are kept: thinned at once, deleted after `retention`.
struct TrackKeeping {
    std::chrono::hours retention{30 * 24};
    double thin_meters = 50;
    std::chrono::seconds thin_gap{60};
    int batch = 200;  ///< deliveries per step
};

/// What one TidyTracks step did.
struct TracksTidied {
    int thinned = 0;                  ///< deliveries whose track was thinned
    std::int64_t points_dropped = 0;  ///< by thinning
    int expired = 0;                  ///< deliveries whose track was deleted
    std::int64_t points_expired = 0;
    TimePoint thinned_up_to;  ///< where the next step's thinning starts
    bool more = false;        ///< a batch was full: run again
};

struct DeliveryOptions {
    FixRules fixes;
    int max_fixes = 100;  ///< per batch
};

/// Delivery with the shop's own riders: rider profiles, assignment (by the owner, or to the
/// nearest free rider when a store assigns automatically), the rider's steps with the order's
/// status following through orders::OrderService::MoveForDeliveryInTx, GPS tracks, the proof code
/// and the cash riders collect and hand in. Every method takes the TenantId of the principal or of
/// a resolved store; a rider acts only on their own deliveries: another tenant's or another
/// rider's delivery is kNotFound. DELIVERY_ASSIGNED / _PICKED_UP / _DELIVERED / _FAILED go to the
/// outbox in the same transaction. Thread-safe; the Db and vault must outlive it.
class DeliveryService final {
public:
    DeliveryService(storage::Db& db, const PiiVault& vault, DeliveryOptions options);

    /// The tenant's riders (every active delivery agent), oldest first.
    boost::asio::awaitable<Result<std::vector<Rider>>> Riders(TenantId tenant);
    /// kNotFound("Rider") unless `user` is an active delivery agent of the tenant.
    boost::asio::awaitable<Result<Rider>> GetRider(TenantId tenant, UserId user);
    /// kInvalidArgument for a vehicle, a number of orders (1..10), a position or a store that is
    /// not right (another tenant's store is unknown here).
    boost::asio::awaitable<Result<Rider>> UpdateRider(TenantId tenant, UserId user, RiderChange change);

    /// Whether the store gives its confirmed orders to the nearest free rider. kNotFound("Store").
    boost::asio::awaitable<Result<bool>> AutoAssign(TenantId tenant, StoreId store);
    boost::asio::awaitable<Result<bool>> SetAutoAssign(TenantId tenant, StoreId store, bool on);

    /// Gives the order to `agent` (or to another rider when it was assigned and not picked up yet).
    /// kNotFound("Order"); kInvalidArgument "agent_user_id" when that is not a rider of the tenant;
    /// kConflict when the order is not ready to go (not paid, not confirmed, gone) or its rider has
    /// it already.
    boost::asio::awaitable<Result<Delivery>> Assign(TenantId tenant, OrderId order, UserId agent, UserId actor);
    /// Orders ready to go that no rider has, oldest first.
    boost::asio::awaitable<Result<std::vector<WaitingOrder>>> Unassigned(TenantId tenant);
    /// The tenant's deliveries in `state` (all when nullopt), newest first, at most 200.
    boost::asio::awaitable<Result<std::vector<Delivery>>> Deliveries(TenantId tenant,
                                                                     std::optional<DeliveryState> state);

    /// The rider's deliveries under way, and those finished in the last 24 hours.
    boost::asio::awaitable<Result<std::vector<Delivery>>> RiderDeliveries(TenantId tenant, UserId agent);
    /// One of the rider's own deliveries; kNotFound("Delivery") for anyone else's.
    boost::asio::awaitable<Result<Delivery>> RiderDeliveryOf(TenantId tenant, UserId agent, DeliveryId delivery);
    /// ASSIGNED → PICKED_UP; the order goes out for delivery. kConflict from any other state.
    boost::asio::awaitable<Result<Delivery>> PickedUp(TenantId tenant, UserId agent, DeliveryId delivery);
    /// PICKED_UP → DELIVERED with the customer's code and the cash collected (the cash due, or a
    /// different amount with a note). A wrong code is kInvalidArgument "code" and changes nothing.
    boost::asio::awaitable<Result<Delivery>> Delivered(TenantId tenant, UserId agent, DeliveryId delivery,
                                                       std::string code, Paise cash_collected, std::string note);
    /// ASSIGNED or PICKED_UP → FAILED (not_at_home | refused | wrong_address); the order goes back
    /// to the shop, packed, and waits for a rider again.
    boost::asio::awaitable<Result<Delivery>> Failed(TenantId tenant, UserId agent, DeliveryId delivery,
                                                    std::string reason);
    /// Appends checked fixes to the track of the rider's delivery under way (CheckFixes; nothing is
    /// stored when one is wrong); the last one becomes the rider's position. kConflict when the
    /// delivery is finished.
    boost::asio::awaitable<Result<FixesAccepted>> AddFixes(TenantId tenant, UserId agent, DeliveryId delivery,
                                                           std::vector<Fix> fixes);

    /// The owner took `amount` in cash from the rider. kInvalidArgument for an amount that is not
    /// positive or above the cash the rider holds; kInvalidArgument "agent_user_id" for someone who
    /// is not a rider of the tenant.
    boost::asio::awaitable<Result<CashLine>> RecordDeposit(TenantId tenant, UserId agent, Paise amount,
                                                           std::string note, UserId actor);
    /// Every rider's cash, riders with cash in hand first.
    boost::asio::awaitable<Result<std::vector<CashLine>>> CashLedger(TenantId tenant);
    /// Cash collected and handed in per rider and day (India time) over the `days` days up to
    /// `now`, newest day first; days without either are left out.
    boost::asio::awaitable<Result<std::vector<CashDay>>> CashByDay(TenantId tenant, TimePoint now, int days);
    /// The rider's own cash. kNotFound("Rider") for someone who is not a rider of the tenant.
    boost::asio::awaitable<Result<CashLine>> RiderCash(TenantId tenant, UserId agent);

    /// Housekeeping across tenants: thins the tracks of deliveries that finished (delivered or
    /// failed) at or after `thin_from` (ThinTrack with the keeping's metres and seconds; thinning
    /// again changes nothing, so steps may overlap) and deletes the tracks of deliveries finished
    /// more than `keeping.retention` before `now`. At most `keeping.batch` deliveries of each.
    boost::asio::awaitable<Result<TracksTidied>> TidyTracks(TimePoint now, TimePoint thin_from, TrackKeeping keeping);

    /// What the order's customer sees of it; kNotFound for an order of another store.
    boost::asio::awaitable<Result<Tracking>> Track(stores::StoreRef store, OrderId order);

    /// In the dispatcher's transaction: when the order's store assigns automatically and the order
    /// is ready to go and has no rider, gives it to the nearest rider with room (PickRider) who is
    /// available and has the store as a home store (or none). No rider: the order stays unassigned.
    static Result<std::optional<DeliveryId>> AutoAssignInTx(storage::Conn& conn, const TenantId& tenant,
                                                            const OrderId& order, TimePoint now);

    /// In the dispatcher's transaction: a cancelled order's delivery that is still under way
    /// (ASSIGNED or PICKED_UP) ends as FAILED with the reason order_cancelled, announced as
    /// DELIVERY_FAILED. Nothing to do when no rider has the order.
    static Result<void> EndForCancelledOrderInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                                 TimePoint now);

private:
    storage::Db& db_;
    const PiiVault& vault_;
    DeliveryOptions options_;
};

/// The outbox consumer that auto-assigns confirmed orders (ORDER_CONFIRMED), in the dispatcher's
/// transaction. An order a failed attempt brought back waits for the owner.
events::Consumer AutoAssignConsumer();

/// The outbox consumer that ends the delivery of a cancelled order (ORDER_CANCELLED), so the rider
/// stops carrying it and it leaves their list of deliveries under way.
events::Consumer OrderCancelledConsumer();

}  // namespace webdpro::delivery
