#include "events/event_routes.hpp"

#include "auth/session_http.hpp"
#include "core/time.hpp"

namespace webdpro::events {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr int kDeadListLimit = 200;

}  // namespace

void RegisterEventRoutes(http::Router& router, Dispatcher& dispatcher) {
    router.Get(
        "/api/admin/events/dead",
        [&dispatcher](http::Request&) -> Awaitable {
            auto dead = co_await dispatcher.ListDead(kDeadListLimit);
            if (!dead) {
                co_return http::Response::Error(std::move(dead.error()));
            }
            nlohmann::json list = nlohmann::json::array();
            for (const auto& event : *dead) {
                list.push_back({{"event_id", event.id.str()},
                                {"tenant_id", event.tenant_id.str()},
                                {"type", event.type},
                                {"attempts", event.attempts},
                                {"last_error", event.last_error},
                                {"created_at", FormatRfc3339(event.created_at)}});
            }
            co_return http::Response::Json(200, {{"events", std::move(list)}});
        },
        http::RouteOptions{.permission = "admin.platform"});

    router.Post(
        "/api/admin/events/{event_id}/replay",
        [&dispatcher](http::Request& request) -> Awaitable {
            auto id = EventId::Parse(request.Param("event_id"));
            if (!id) {
                co_return http::Response::Error(ApiError::NotFound("Event"));
            }
            auto replayed =
                co_await dispatcher.Replay(std::move(*id), request.principal->user_id, auth::MetaOf(request));
            if (!replayed) {
                co_return http::Response::Error(std::move(replayed.error()));
            }
            co_return http::Response::Json(202, {{"event_id", request.Param("event_id")}, {"status", "PENDING"}});
        },
        http::RouteOptions{.permission = "admin.platform"});
}

}  // namespace webdpro::events
