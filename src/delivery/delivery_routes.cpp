#include "delivery/delivery_routes.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "http/route_input.hpp"

namespace webdpro::delivery {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;
using http::JsonFields;

constexpr std::int64_t kSmallBody = 4 * 1024;
constexpr std::int64_t kFixesBody = 64 * 1024;

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
    nlohmann::json json = {{"order_id", t.order_id.str()},       {"status", t.status},
                           {"payment_method", t.payment_method}, {"payment_status", t.payment_status},
                           {"timeline", std::move(timeline)},    {"delivery", nullptr}};
    if (t.delivery) {
        const Delivery& d = *t.delivery;
        nlohmann::json delivery = {
            {"state", DeliveryStateName(d.state)},
            {"rider", {{"first_name", FirstName(d.rider_name)}}},
            {"code", t.proof_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.proof_code)},
            {"position", t.rider_position ? FixJson(*t.rider_position) : nlohmann::json(nullptr)}};
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
                            stores::StoreDirectory& directory) {
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
    router.Post("/api/orders/{order_id}/assign",
                http::WithPath(OrderOf,
                               [&deliveries, &orders](http::Request& request, OrderId order) -> Awaitable {
                                   const TenantId& tenant = http::TenantOf(request);
                                   auto body = co_await NotFoundFirst(http::ReadJsonBody(request, &AssignBodyOf),
                                                                      [&] { return orders.Get(tenant, order, false); });
                                   if (!body) {
                                       co_return http::Response::Error(std::move(body.error()));
                                   }
                                   co_return http::JsonOf(
                                       co_await deliveries.Assign(tenant, std::move(order), std::move(body->agent),
                                                                  request.principal->user_id),
                                       DeliveryJson);
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
            co_return http::JsonOf(
                co_await deliveries.CashLedger(http::TenantOf(request)), [](const std::vector<CashLine>& lines) {
                    nlohmann::json list = nlohmann::json::array();
                    PaiseSum outstanding;
                    for (const auto& l : lines) {
                        list.push_back(CashJson(l));
                        outstanding.Add(l.in_hand);
                    }
                    return nlohmann::json{{"riders", std::move(list)},
                                          {"in_hand_paise", outstanding.Value().value_or(Paise(0)).value}};
                });
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
        "/api/agent/deliveries",
        [&deliveries](http::Request& request) -> Awaitable {
            co_return http::JsonOf(
                co_await deliveries.RiderDeliveries(http::TenantOf(request), request.principal->user_id),
                DeliveriesJson);
        },
        ride);
    router.Post("/api/agent/deliveries/{delivery_id}/picked-up",
                http::WithPath(DeliveryOfPath,
                               [&deliveries](http::Request& request, DeliveryId delivery) -> Awaitable {
                                   co_return http::JsonOf(
                                       co_await deliveries.PickedUp(http::TenantOf(request), request.principal->user_id,
                                                                    std::move(delivery)),
                                       DeliveryJson);
                               }),
                ride_body);
    router.Post("/api/agent/deliveries/{delivery_id}/delivered",
                http::WithPath(DeliveryOfPath,
                               [&deliveries](http::Request& request, DeliveryId delivery) -> Awaitable {
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
                                                          DeliveryJson);
                               }),
                ride_body);
    router.Post("/api/agent/deliveries/{delivery_id}/failed",
                http::WithPath(DeliveryOfPath,
                               [&deliveries](http::Request& request, DeliveryId delivery) -> Awaitable {
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
                                                          DeliveryJson);
                               }),
                ride_body);
    router.Post(
        "/api/agent/location",
        [&deliveries](http::Request& request) -> Awaitable {
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
                [](const FixesAccepted& a) {
                    return nlohmann::json{{"accepted", a.accepted}, {"distance_m", a.distance_m}};
                });
        },
        http::RouteOptions{.body_limit = kFixesBody, .permission = "deliveries.ride"});

    // The customer's tracking, with the order's tracking token.
    router.Get(
        "/s/{slug}/api/orders/{order_id}/tracking",
        [&deliveries, &orders, &directory](http::Request& request) -> Awaitable {
            auto store = co_await directory.BySlug(std::string(request.Param("slug")));
            if (!store) {
                co_return http::Response::Error(std::move(store.error()));
            }
            if (!*store || !(*store)->published()) {
                co_return http::Response::Error(ApiError::NotFound("Store"));
            }
            auto id = OrderId::Parse(request.Param("order_id"));
            // A wrong token looks exactly like a missing order.
            if (!id || !orders.TrackingTokenValid((*store)->tenant_id, *id, request.QueryParam("t").value_or(""))) {
                co_return http::Response::Error(ApiError::NotFound("Order"));
            }
            auto tracking = co_await deliveries.Track(std::move(**store), std::move(*id));
            if (!tracking) {
                co_return http::Response::Error(std::move(tracking.error()));
            }
            auto response = http::Response::Json(200, TrackingJson(*tracking));
            co_return response;
        });
}

}  // namespace webdpro::delivery
