#include "delivery/delivery_routes.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <memory>

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>

#include "http/route_input.hpp"
#include "http/sse.hpp"

namespace webdpro::delivery {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;
using http::JsonFields;

constexpr std::int64_t kSmallBody = 4 * 1024;
constexpr std::int64_t kFixesBody = 64 * 1024;
// The owner's cash ledger shows this many days, today included.
constexpr int kLedgerDays = 14;
// A live stream ends after this long; the browser's EventSource opens a new one by itself.
constexpr auto kMaxLiveStream = std::chrono::minutes(30);
// The ride the customer's map draws: a point every few metres or seconds is enough for a phone.
constexpr double kShownTrackMeters = 15;
constexpr auto kShownTrackGap = std::chrono::seconds(30);

nlohmann::json OptTimeJson(const std::optional<TimePoint>& at) {
    return at ? nlohmann::json(FormatRfc3339(*at)) : nlohmann::json(nullptr);
}

/// The first word of a name: what a customer is told of their rider.
std::string FirstName(const std::string& name) {
    const auto end = name.find(' ');
    return end == std::string::npos ? name : name.substr(0, end);
}

/// A position member {"lat": …, "lng": …}; nullopt (recorded) when wrong.
std::optional<LatLng> PositionOf(JsonFields& fields, const nlohmann::json& body, const std::string& name) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_object() || !it->contains("lat") || !it->contains("lng") || !(*it)["lat"].is_number() ||
        !(*it)["lng"].is_number()) {
        fields.Bad(name, "Send {\"lat\": degrees, \"lng\": degrees}.");
        return std::nullopt;
    }
    return LatLng{(*it)["lat"].get<double>(), (*it)["lng"].get<double>()};
}

Result<RiderChange> OwnerRiderChangeOf(const nlohmann::json& body) {
    JsonFields fields(body, "Some rider settings are not valid.");
    fields.OnlyKnown(body, {"available", "vehicle", "max_orders", "store_ids"}, "Unknown setting.");
    RiderChange change;
    change.available = fields.Boolean("available");
    change.vehicle = fields.String("vehicle");
    if (auto n = fields.Integer("max_orders")) {
        change.max_orders = static_cast<int>(std::clamp<std::int64_t>(*n, -1, 1000));
    }
    if (auto it = body.find("store_ids"); it != body.end()) {
        if (!it->is_array()) {
            fields.Bad("store_ids", "Send a list of store ids (empty: every store).");
        } else {
            std::vector<StoreId> ids;
            for (std::size_t i = 0; i < it->size(); ++i) {
                const auto& v = (*it)[i];
                auto id = v.is_string() ? StoreId::Parse(v.get<std::string>()) : std::nullopt;
                if (!id) {
                    fields.Bad("store_ids[" + std::to_string(i) + "]", "No such store here.");
                    continue;
                }
                ids.push_back(std::move(*id));
            }
            change.store_ids = std::move(ids);
        }
    }
    return fields.Finish(std::move(change));
}

Result<RiderChange> OwnRiderChangeOf(const nlohmann::json& body) {
    JsonFields fields(body, "Some settings are not valid.");
    fields.OnlyKnown(body, {"available", "vehicle", "position"}, "Unknown setting.");
    RiderChange change;
    change.available = fields.Boolean("available");
    change.vehicle = fields.String("vehicle");
    change.position = PositionOf(fields, body, "position");
    return fields.Finish(std::move(change));
}

struct AssignBody {
    UserId agent;
};
Result<AssignBody> AssignBodyOf(const nlohmann::json& body) {
    JsonFields fields(body, "Choose a rider.");
    auto agent = fields.String("agent_user_id");
    std::optional<UserId> id;
    if (agent) {
        id = UserId::Parse(*agent);
    }
    if (!id) {
        fields.Bad("agent_user_id", "Choose one of this shop's riders.");
        return fields.Finish(AssignBody{});
    }
    return fields.Finish(AssignBody{std::move(*id)});
}

struct DeliveredBody {
    std::string code;
    Paise cash;
    std::string reason;
};
Result<DeliveredBody> DeliveredBodyOf(const nlohmann::json& body) {
    JsonFields fields(body, "The delivery could not be recorded.");
    DeliveredBody out;
    auto code = fields.String("code");
    if (!code || code->size() != 4 || !std::ranges::all_of(*code, [](unsigned char c) { return std::isdigit(c); })) {
        fields.Bad("code", "Enter the 4-digit code the customer reads out.");
    } else {
        out.code = *code;
    }
    auto cash = fields.Integer("cash_collected_paise");
    if (!cash) {
        if (!body.contains("cash_collected_paise")) {
            fields.Bad("cash_collected_paise", "Enter the cash collected, in paise (0 for a paid order).");
        }
    } else if (*cash < 0 || Paise(*cash) > kMaxOrderValue) {
        fields.Bad("cash_collected_paise", "Enter the cash collected, in paise.");
    } else {
        out.cash = Paise(*cash);
    }
    out.reason = fields.String("reason").value_or("");
    return fields.Finish(std::move(out));
}

struct FailedBody {
    std::string reason;
};
Result<FailedBody> FailedBodyOf(const nlohmann::json& body) {
    JsonFields fields(body, "The failed attempt could not be recorded.");
    auto reason = fields.String("reason");
    if (!reason || !ParseFailureReason(*reason)) {
        fields.Bad("reason", "Choose not_at_home, refused or wrong_address.");
        return fields.Finish(FailedBody{});
    }
    return fields.Finish(FailedBody{*reason});
}

struct FixesBody {
    DeliveryId delivery;
    std::vector<Fix> fixes;
};
Result<FixesBody> FixesBodyOf(const nlohmann::json& body) {
    JsonFields fields(body, "Some location fixes were refused; none was stored.");
    FixesBody out;
    auto delivery = fields.String("delivery_id");
    auto id = delivery ? DeliveryId::Parse(*delivery) : std::nullopt;
    if (!id) {
        // An id that cannot be one is as absent as another tenant's: the route answers 404.
        return Fail(ApiError::NotFound("Delivery"));
    }
    out.delivery = std::move(*id);
    auto list = body.find("fixes");
    if (list == body.end() || !list->is_array()) {
        fields.Bad("fixes", "Send fixes as a list of {lat, lng, at (Unix ms), accuracy_m?}.");
        return fields.Finish(std::move(out));
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto& f = (*list)[i];
        const std::string field = "fixes[" + std::to_string(i) + "]";
        if (!f.is_object() || !f.contains("lat") || !f["lat"].is_number() || !f.contains("lng") ||
            !f["lng"].is_number() || !f.contains("at") || !f["at"].is_number_integer()) {
            fields.Bad(field, "Each fix needs lat, lng (degrees) and at (Unix milliseconds).");
            continue;
        }
        Fix fix{.point = {f["lat"].get<double>(), f["lng"].get<double>()},
                .at = FromUnixMillis(f["at"].get<std::int64_t>()),
                .accuracy_m = std::nullopt};
        if (auto acc = f.find("accuracy_m"); acc != f.end() && !acc->is_null()) {
            if (!acc->is_number()) {
                fields.Bad(field, "accuracy_m must be a number of metres.");
                continue;
            }
            fix.accuracy_m = acc->get<double>();
        }
        out.fixes.push_back(fix);
    }
    return fields.Finish(std::move(out));
}

struct DepositBody {
    UserId agent;
    Paise amount;
    std::string note;
};
Result<DepositBody> DepositBodyOf(const nlohmann::json& body) {
    JsonFields fields(body, "The deposit could not be recorded.");
    DepositBody out;
    auto agent = fields.String("agent_user_id");
    auto id = agent ? UserId::Parse(*agent) : std::nullopt;
    if (!id) {
        fields.Bad("agent_user_id", "Choose one of this shop's riders.");
    } else {
        out.agent = std::move(*id);
    }
    auto amount = fields.Integer("amount_paise");
    if (!amount || *amount <= 0 || Paise(*amount) > kMaxOrderValue) {
        if (!amount && body.contains("amount_paise")) {
            // JsonFields named the wrong type already.
        } else {
            fields.Bad("amount_paise", "Enter the cash handed in, in paise (more than 0).");
        }
    } else {
        out.amount = Paise(*amount);
    }
    out.note = fields.String("note").value_or("");
    return fields.Finish(std::move(out));
}

struct AutoAssignBody {
    bool on = false;
};
Result<AutoAssignBody> AutoAssignBodyOf(const nlohmann::json& body) {
    JsonFields fields(body, "The delivery settings are not valid.");
    auto on = fields.Boolean("auto_assign");
    if (!on && !body.contains("auto_assign")) {
        fields.Bad("auto_assign", "Send true or false.");
    }
    return fields.Finish(AutoAssignBody{on.value_or(false)});
}

nlohmann::json CashJson(const CashLine& line) {
    return {{"agent_user_id", line.agent_id.str()},
            {"name", line.name},
            {"collected_paise", line.collected.value},
            {"deposited_paise", line.deposited.value},
            {"in_hand_paise", line.in_hand.value}};
}

nlohmann::json WaitingJson(const WaitingOrder& w) {
    return {{"order_id", w.order_id.str()}, {"store_id", w.store_id.str()},
            {"status", w.status},           {"payment_method", w.payment_method},
            {"total_paise", w.total.value}, {"customer_name", w.customer_name},
            {"address", w.address},         {"created_at", FormatRfc3339(w.created_at)}};
}

nlohmann::json PointJson(const std::optional<LatLng>& point) {
    return point ? nlohmann::json{{"lat", point->lat}, {"lng", point->lng}} : nlohmann::json(nullptr);
}

nlohmann::json FixJson(const Fix& fix) {
    nlohmann::json json = {{"lat", fix.point.lat}, {"lng", fix.point.lng}, {"at", FormatRfc3339(fix.at)}};
    json["accuracy_m"] = fix.accuracy_m ? nlohmann::json(*fix.accuracy_m) : nlohmann::json(nullptr);
    return json;
}

/// The order's steps as far as they went, with the time of those a delivery recorded.
nlohmann::json TrackingJson(const Tracking& t) {
    const std::array<std::string_view, 5> steps = {"PLACED", "CONFIRMED", "PACKED", "OUT_FOR_DELIVERY", "DELIVERED"};
    int reached = 0;
    if (t.status == "CONFIRMED") {
        reached = 1;
    } else if (t.status == "PACKED") {
        reached = 2;
    } else if (t.status == "OUT_FOR_DELIVERY") {
        reached = 3;
    } else if (t.status == "DELIVERED") {
        reached = 4;
    }
    nlohmann::json timeline = nlohmann::json::array();
    for (int i = 0; i < static_cast<int>(steps.size()); ++i) {
        nlohmann::json step = {{"status", steps[i]}, {"done", t.status != "CANCELLED" && i <= reached}};
        std::optional<TimePoint> at;
        if (i == 0) {
            at = t.placed_at;
        } else if (i == 3 && t.delivery) {
            at = t.delivery->picked_up_at;
        } else if (i == 4 && t.delivery) {
            at = t.delivery->delivered_at;
        }
        step["at"] = OptTimeJson(at);
        timeline.push_back(std::move(step));
    }
    nlohmann::json json = {{"order_id", t.order_id.str()},         {"status", t.status},
                           {"payment_method", t.payment_method},   {"payment_status", t.payment_status},
                           {"timeline", std::move(timeline)},      {"delivery", nullptr},
                           {"store", PointJson(t.store_location)}, {"destination", PointJson(t.destination)}};
    if (t.delivery) {
        const Delivery& d = *t.delivery;
        nlohmann::json rider = {{"first_name", FirstName(d.rider_name)}, {"vehicle", t.rider_vehicle}};
        rider["phone"] = t.rider_phone.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.rider_phone);
        nlohmann::json track = nlohmann::json::array();
        for (std::size_t i : ThinTrack(t.track, kShownTrackMeters, kShownTrackGap)) {
            track.push_back({t.track[i].point.lat, t.track[i].point.lng});
        }
        nlohmann::json delivery = {
            {"state", DeliveryStateName(d.state)},
            {"rider", std::move(rider)},
            {"code", t.proof_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.proof_code)},
            {"position", t.rider_position ? FixJson(*t.rider_position) : nlohmann::json(nullptr)},
            {"track", std::move(track)},
            {"eta_s", t.eta ? nlohmann::json(t.eta->count()) : nlohmann::json(nullptr)}};
        if (d.state == DeliveryState::kFailed) {
            delivery["failure_reason"] = d.failure_reason;
        }
        json["delivery"] = std::move(delivery);
    }
    return json;
}

Result<UserId> RiderOf(const http::Request& request) {
    return http::PathId<UserId>(request, "user_id", "Rider");
}
Result<StoreId> StoreOf(const http::Request& request) {
    return http::PathId<StoreId>(request, "store_id", "Store");
}
Result<OrderId> OrderOf(const http::Request& request) {
    return http::PathId<OrderId>(request, "order_id", "Order");
}
Result<DeliveryId> DeliveryOfPath(const http::Request& request) {
    return http::PathId<DeliveryId>(request, "delivery_id", "Delivery");
}

/// The order a customer's tracking link names: its published store and the order id, when the
/// link's token is right. A wrong token looks exactly like a missing order.
struct TrackedOrder {
    stores::StoreRef store;
    OrderId order;
};
boost::asio::awaitable<Result<TrackedOrder>> TrackedOrderOf(const http::Request& request, orders::OrderService& orders,
                                                            stores::StoreDirectory& directory) {
    auto store = co_await directory.BySlug(std::string(request.Param("slug")));
    if (!store) {
        co_return Fail(std::move(store.error()));
    }
    if (!*store || !(*store)->published()) {
        co_return Fail(ApiError::NotFound("Store"));
    }
    auto id = OrderId::Parse(request.Param("order_id"));
    if (!id || !orders.TrackingTokenValid((*store)->tenant_id, *id, request.QueryParam("t").value_or(""))) {
        co_return Fail(ApiError::NotFound("Order"));
    }
    co_return TrackedOrder{.store = std::move(**store), .order = std::move(*id)};
}

/// Whether the order has reached its end: its live stream has nothing more to say.
bool FinalStatus(const Tracking& t) {
    return t.status == "DELIVERED" || t.status == "CANCELLED";
}

/// How a stream waiting in the hub is woken from another thread: a post to its executor, where
/// the writer (nulled when the stream ends, on that same executor) is told.
struct LiveWake {
    boost::asio::any_io_executor executor;
    http::SseWriter* writer = nullptr;
};

nlohmann::json DeliveriesJson(const std::vector<Delivery>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : list) {
        out.push_back(DeliveryJson(d));
    }
    return {{"deliveries", std::move(out)}};
}

}  // namespace

nlohmann::json RiderJson(const Rider& r) {
    nlohmann::json stores = nlohmann::json::array();
    for (const auto& s : r.store_ids) {
        stores.push_back(s.str());
    }
    nlohmann::json position = nullptr;
    if (r.position) {
        position = {{"lat", r.position->lat}, {"lng", r.position->lng}};
    }
    return {{"user_id", r.user_id.str()},
            {"name", r.name},
            {"available", r.available},
            {"vehicle", r.vehicle},
            {"max_orders", r.max_orders},
            {"store_ids", std::move(stores)},
            {"active_deliveries", r.active_deliveries},
            {"position", std::move(position)},
            {"last_seen_at", OptTimeJson(r.last_seen_at)}};
}

nlohmann::json DeliveryJson(const Delivery& d) {
    nlohmann::json json = {
        {"delivery_id", d.id.str()},
        {"order_id", d.order_id.str()},
        {"store_id", d.store_id.str()},
        {"agent_user_id", d.agent_id.str()},
        {"rider_name", d.rider_name},
        {"state", DeliveryStateName(d.state)},
        {"cod_due_paise", d.cod_due.value},
        {"cash_collected_paise", d.cod_collected.value},
        {"cash_note", d.cash_note},
        {"failure_reason", d.failure_reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.failure_reason)},
        {"distance_m", d.distance_m},
        {"assigned_at", FormatRfc3339(d.assigned_at)},
        {"picked_up_at", OptTimeJson(d.picked_up_at)},
        {"delivered_at", OptTimeJson(d.delivered_at)},
        {"failed_at", OptTimeJson(d.failed_at)},
        {"order",
         {{"status", d.order_status},
          {"payment_method", d.payment_method},
          {"total_paise", d.order_total.value},
          {"customer_name", d.customer_name},
          {"address", d.address},
          {"pincode", d.pincode}}}};
    if (!d.customer_phone.empty()) {
        json["order"]["customer_phone"] = d.customer_phone;
    }
    return json;
}

void RegisterDeliveryRoutes(http::Router& router, DeliveryService& deliveries, orders::OrderService& orders,
                            stores::StoreDirectory& directory, TrackingHub& hub) {
    const http::RouteOptions manage{.permission = "deliveries.manage"};
    const http::RouteOptions manage_body{.body_limit = kSmallBody, .permission = "deliveries.manage"};
    const http::RouteOptions ride{.permission = "deliveries.ride"};
    const http::RouteOptions ride_body{.body_limit = kSmallBody, .permission = "deliveries.ride"};

    // The owner's riders.
    router.Get(
        "/api/tenant/riders",
        [&deliveries](http::Request& request) -> Awaitable {
            co_return http::JsonOf(co_await deliveries.Riders(http::TenantOf(request)),
                                   [](const std::vector<Rider>& riders) {
                                       nlohmann::json list = nlohmann::json::array();
                                       for (const auto& r : riders) {
                                           list.push_back(RiderJson(r));
                                       }
                                       return nlohmann::json{{"riders", std::move(list)}};
                                   });
        },
        manage);
    router.Get("/api/tenant/riders/{user_id}",
               http::WithPath(RiderOf,
                              [&deliveries](http::Request& request, UserId user) -> Awaitable {
                                  co_return http::JsonOf(
                                      co_await deliveries.GetRider(http::TenantOf(request), std::move(user)),
                                      RiderJson);
                              }),
               manage);
    router.Put(
        "/api/tenant/riders/{user_id}",
        http::WithPath(RiderOf,
                       [&deliveries](http::Request& request, UserId user) -> Awaitable {
                           const TenantId& tenant = http::TenantOf(request);
                           auto change = co_await NotFoundFirst(http::ReadJsonBody(request, &OwnerRiderChangeOf),
                                                                [&] { return deliveries.GetRider(tenant, user); });
                           if (!change) {
                               co_return http::Response::Error(std::move(change.error()));
                           }
                           co_return http::JsonOf(
                               co_await deliveries.UpdateRider(tenant, std::move(user), std::move(*change)), RiderJson);
                       }),
        manage_body);

    // A store's delivery settings.
    auto settings_json = [](const bool& on) { return nlohmann::json{{"auto_assign", on}}; };
    router.Get("/api/stores/{store_id}/delivery-settings",
               http::WithPath(StoreOf,
                              [&deliveries, settings_json](http::Request& request, StoreId store) -> Awaitable {
                                  co_return http::JsonOf(
                                      co_await deliveries.AutoAssign(http::TenantOf(request), std::move(store)),
                                      settings_json);
                              }),
               manage);
    router.Put(
        "/api/stores/{store_id}/delivery-settings",
        http::WithPath(StoreOf,
                       [&deliveries, settings_json](http::Request& request, StoreId store) -> Awaitable {
                           const TenantId& tenant = http::TenantOf(request);
                           auto body = co_await NotFoundFirst(http::ReadJsonBody(request, &AutoAssignBodyOf),
                                                              [&] { return deliveries.AutoAssign(tenant, store); });
                           if (!body) {
                               co_return http::Response::Error(std::move(body.error()));
                           }
                           co_return http::JsonOf(co_await deliveries.SetAutoAssign(tenant, std::move(store), body->on),
                                                  settings_json);
                       }),
        manage_body);

    // Assignment, the queue and the deliveries.
    // A rider's step or fix, committed: the order's live pages on this node hear of it.
    auto told = [&hub](const TenantId& tenant) {
        return [&hub, tenant](const Delivery& d) {
            hub.Notify(tenant, d.order_id);
            return DeliveryJson(d);
        };
    };

    router.Post("/api/orders/{order_id}/assign",
                http::WithPath(OrderOf,
                               [&deliveries, &orders, told](http::Request& request, OrderId order) -> Awaitable {
                                   const TenantId& tenant = http::TenantOf(request);
                                   auto body = co_await NotFoundFirst(http::ReadJsonBody(request, &AssignBodyOf),
                                                                      [&] { return orders.Get(tenant, order, false); });
                                   if (!body) {
                                       co_return http::Response::Error(std::move(body.error()));
                                   }
                                   co_return http::JsonOf(
                                       co_await deliveries.Assign(tenant, std::move(order), std::move(body->agent),
                                                                  request.principal->user_id),
                                       told(tenant));
                               }),
                manage_body);
    router.Get(
        "/api/tenant/deliveries",
        [&deliveries](http::Request& request) -> Awaitable {
            std::string wanted = request.QueryParam("state").value_or("");
            for (auto& c : wanted) {
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            }
            const TenantId& tenant = http::TenantOf(request);
            if (wanted == "UNASSIGNED") {
                co_return http::JsonOf(co_await deliveries.Unassigned(tenant), [](const std::vector<WaitingOrder>& w) {
                    nlohmann::json list = nlohmann::json::array();
                    for (const auto& o : w) {
                        list.push_back(WaitingJson(o));
                    }
                    return nlohmann::json{{"state", "UNASSIGNED"}, {"orders", std::move(list)}};
                });
            }
            std::optional<DeliveryState> state;
            if (!wanted.empty()) {
                state = ParseDeliveryState(wanted);
                if (!state) {
                    co_return http::Response::Error(ApiError::Invalid(
                        "state", "Ask for unassigned, assigned, picked_up, delivered or failed (or leave it out)."));
                }
            }
            co_return http::JsonOf(co_await deliveries.Deliveries(tenant, state), DeliveriesJson);
        },
        manage);

    // Cash.
    router.Post(
        "/api/tenant/cash-deposits",
        [&deliveries](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonBody(request, &DepositBodyOf);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            auto line = co_await deliveries.RecordDeposit(http::TenantOf(request), std::move(body->agent), body->amount,
                                                          std::move(body->note), request.principal->user_id);
            if (!line) {
                co_return http::Response::Error(std::move(line.error()));
            }
            co_return http::Response::Json(201, CashJson(*line));
        },
        manage_body);
    router.Get(
        "/api/tenant/cash-ledger",
        [&deliveries](http::Request& request) -> Awaitable {
            const TenantId& tenant = http::TenantOf(request);
            auto lines = co_await deliveries.CashLedger(tenant);
            if (!lines) {
                co_return http::Response::Error(std::move(lines.error()));
            }
            auto days = co_await deliveries.CashByDay(tenant, NowUtc(), kLedgerDays);
            if (!days) {
                co_return http::Response::Error(std::move(days.error()));
            }
            nlohmann::json list = nlohmann::json::array();
            PaiseSum outstanding;
            for (const auto& l : *lines) {
                list.push_back(CashJson(l));
                outstanding.Add(l.in_hand);
            }
            nlohmann::json by_day = nlohmann::json::array();
            for (const auto& d : *days) {
                by_day.push_back({{"date", d.date},
                                  {"agent_user_id", d.agent_id.str()},
                                  {"name", d.name},
                                  {"collected_paise", d.collected.value},
                                  {"deposited_paise", d.deposited.value}});
            }
            co_return http::Response::Json(200, {{"riders", std::move(list)},
                                                 {"in_hand_paise", outstanding.Value().value_or(Paise(0)).value},
                                                 {"days", std::move(by_day)}});
        },
        manage);

    // The rider.
    router.Get(
        "/api/agent/profile",
        [&deliveries](http::Request& request) -> Awaitable {
            co_return http::JsonOf(co_await deliveries.GetRider(http::TenantOf(request), request.principal->user_id),
                                   RiderJson);
        },
        ride);
    router.Put(
        "/api/agent/profile",
        [&deliveries](http::Request& request) -> Awaitable {
            auto change = http::ReadJsonBody(request, &OwnRiderChangeOf);
            if (!change) {
                co_return http::Response::Error(std::move(change.error()));
            }
            co_return http::JsonOf(co_await deliveries.UpdateRider(http::TenantOf(request), request.principal->user_id,
                                                                   std::move(*change)),
                                   RiderJson);
        },
        ride_body);
    router.Get(
        "/api/agent/cash",
        [&deliveries](http::Request& request) -> Awaitable {
            co_return http::JsonOf(co_await deliveries.RiderCash(http::TenantOf(request), request.principal->user_id),
                                   CashJson);
        },
        ride);
    router.Get(
        "/api/agent/deliveries",
        [&deliveries](http::Request& request) -> Awaitable {
            co_return http::JsonOf(
                co_await deliveries.RiderDeliveries(http::TenantOf(request), request.principal->user_id),
                DeliveriesJson);
        },
        ride);
    router.Post("/api/agent/deliveries/{delivery_id}/picked-up",
                http::WithPath(DeliveryOfPath,
                               [&deliveries, told](http::Request& request, DeliveryId delivery) -> Awaitable {
                                   co_return http::JsonOf(
                                       co_await deliveries.PickedUp(http::TenantOf(request), request.principal->user_id,
                                                                    std::move(delivery)),
                                       told(http::TenantOf(request)));
                               }),
                ride_body);
    router.Post("/api/agent/deliveries/{delivery_id}/delivered",
                http::WithPath(DeliveryOfPath,
                               [&deliveries, told](http::Request& request, DeliveryId delivery) -> Awaitable {
                                   const TenantId& tenant = http::TenantOf(request);
                                   const UserId& agent = request.principal->user_id;
                                   auto body = co_await NotFoundFirst(
                                       http::ReadJsonBody(request, &DeliveredBodyOf),
                                       [&] { return deliveries.RiderDeliveryOf(tenant, agent, delivery); });
                                   if (!body) {
                                       co_return http::Response::Error(std::move(body.error()));
                                   }
                                   co_return http::JsonOf(co_await deliveries.Delivered(
                                                              tenant, agent, std::move(delivery), std::move(body->code),
                                                              body->cash, std::move(body->reason)),
                                                          told(tenant));
                               }),
                ride_body);
    router.Post("/api/agent/deliveries/{delivery_id}/failed",
                http::WithPath(DeliveryOfPath,
                               [&deliveries, told](http::Request& request, DeliveryId delivery) -> Awaitable {
                                   const TenantId& tenant = http::TenantOf(request);
                                   const UserId& agent = request.principal->user_id;
                                   auto body = co_await NotFoundFirst(http::ReadJsonBody(request, &FailedBodyOf), [&] {
                                       return deliveries.RiderDeliveryOf(tenant, agent, delivery);
                                   });
                                   if (!body) {
                                       co_return http::Response::Error(std::move(body.error()));
                                   }
                                   co_return http::JsonOf(co_await deliveries.Failed(tenant, agent, std::move(delivery),
                                                                                     std::move(body->reason)),
                                                          told(tenant));
                               }),
                ride_body);
    router.Post(
        "/api/agent/location",
        [&deliveries, &hub](http::Request& request) -> Awaitable {
            const TenantId& tenant = http::TenantOf(request);
            const UserId& agent = request.principal->user_id;
            auto body = http::ReadJsonBody(request, &FixesBodyOf);
            if (!body) {
                // A wrong fix of another rider's delivery is still "not found".
                auto raw = http::ReadJsonObject(request);
                std::optional<DeliveryId> id;
                if (raw && raw->contains("delivery_id") && (*raw)["delivery_id"].is_string()) {
                    id = DeliveryId::Parse((*raw)["delivery_id"].get<std::string>());
                }
                if (id && RefusesTheRequest(body.error())) {
                    if (auto found = co_await deliveries.RiderDeliveryOf(tenant, agent, *id); !found) {
                        co_return http::Response::Error(std::move(found.error()));
                    }
                }
                co_return http::Response::Error(std::move(body.error()));
            }
            co_return http::JsonOf(
                co_await deliveries.AddFixes(tenant, agent, std::move(body->delivery), std::move(body->fixes)),
                [&hub, &tenant](const FixesAccepted& a) {
                    hub.Notify(tenant, a.order_id);
                    return nlohmann::json{{"accepted", a.accepted}, {"distance_m", a.distance_m}};
                });
        },
        http::RouteOptions{.body_limit = kFixesBody, .permission = "deliveries.ride"});

    // The customer's tracking, with the order's tracking token.
    router.Get("/s/{slug}/api/orders/{order_id}/tracking",
               [&deliveries, &orders, &directory](http::Request& request) -> Awaitable {
                   auto found = co_await TrackedOrderOf(request, orders, directory);
                   if (!found) {
                       co_return http::Response::Error(std::move(found.error()));
                   }
                   co_return http::JsonOf(co_await deliveries.Track(std::move(found->store), std::move(found->order)),
                                          TrackingJson);
               });

    // The same, live: one "tracking" event now and one whenever the answer changes; the stream
    // ends after the order's last word (delivered, cancelled). Waiting streams hold no database
    // connection: the hub wakes them, and one of them reads the order for all.
    router.Get("/s/{slug}/api/orders/{order_id}/events",
               [&deliveries, &orders, &directory, &hub](http::Request& request) -> Awaitable {
                   auto found = co_await TrackedOrderOf(request, orders, directory);
                   if (!found) {
                       co_return http::Response::Error(std::move(found.error()));
                   }
                   auto first = co_await deliveries.Track(found->store, found->order);
                   if (!first) {
                       co_return http::Response::Error(std::move(first.error()));
                   }
                   auto wake = std::make_shared<LiveWake>();
                   wake->executor = co_await boost::asio::this_coro::executor;
                   auto subscribed = hub.Subscribe(found->store.tenant_id, found->order, [wake] {
                       boost::asio::post(wake->executor, [wake] {
                           if (wake->writer != nullptr) {
                               wake->writer->Wake();
                           }
                       });
                   });
                   if (!subscribed) {
                       co_return http::Response::Error(std::move(subscribed.error()));
                   }
                   std::shared_ptr<TrackingHub::Subscription> live = std::move(*subscribed);
                   live->Offer(TrackingJson(*first).dump(), FinalStatus(*first), std::chrono::steady_clock::now());
                   const auto recheck = hub.recheck();
                   co_return http::SseResponse([&deliveries, wake, live, recheck, store = std::move(found->store),
                                                order = std::move(found->order)](
                                                   http::SseWriter& sse) -> boost::asio::awaitable<void> {
                       wake->writer = &sse;
                       // Whichever way the stream ends, a late wake-up must not reach its writer.
                       const std::unique_ptr<LiveWake, void (*)(LiveWake*)> unhook(
                           wake.get(), [](LiveWake* w) { w->writer = nullptr; });
                       const auto give_up = std::chrono::steady_clock::now() + kMaxLiveStream;
                       std::uint64_t sent = 0;
                       while (sse.open() && std::chrono::steady_clock::now() < give_up) {
                           TrackingNews news = live->Next(sent, std::chrono::steady_clock::now());
                           if (news.payload) {
                               if (!co_await sse.Send("tracking", *news.payload, std::to_string(news.seq))) {
                                   break;
                               }
                               sent = news.seq;
                               if (news.final) {
                                   break;
                               }
                           }
                           if (news.read_now) {
                               auto t = co_await deliveries.Track(store, order);
                               if (t) {
                                   live->Publish(TrackingJson(*t).dump(), FinalStatus(*t),
                                                 std::chrono::steady_clock::now());
                               } else {
                                   live->Abandon(std::chrono::steady_clock::now());
                               }
                               continue;
                           }
                           if (!co_await sse.Sleep(std::chrono::duration_cast<std::chrono::milliseconds>(recheck))) {
                               break;
                           }
                       }
                   });
               });
}

}  // namespace webdpro::delivery
