#include "tenancy/tenancy_routes.hpp"

#include "core/time.hpp"
#include "http/route_input.hpp"

namespace webdpro::tenancy {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kSmallBody = 4 * 1024;

nlohmann::json AgentJson(const Agent& agent) {
    return {{"user_id", agent.user_id.str()},
            {"phone", agent.phone},
            {"name", agent.name},
            {"role", "DELIVERY_AGENT"},
            {"created_at", FormatRfc3339(agent.created_at)}};
}

Result<std::string> RequiredString(const nlohmann::json& body, const char* field, const char* message) {
    auto it = body.find(field);
    if (it == body.end() || !it->is_string()) {
        return Fail(ApiError::Invalid(field, message));
    }
    return it->get<std::string>();
}

}  // namespace

using http::TenantOf;

void RegisterTenancyRoutes(http::Router& router, TenancyService& tenancy, auth::AuthService& auth,
                           const auth::SessionCookies& cookies) {
    router.Post(
        "/api/tenants",
        [&tenancy, &auth, &cookies](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            auto name = RequiredString(*body, "business_name", "Enter the name of your business.");
            if (!name) {
                co_return http::Response::Error(std::move(name.error()));
            }
            const Principal& principal = *request.principal;
            const auth::RequestMeta meta = auth::MetaOf(request);
            auto tenant = co_await tenancy.CreateTenant(principal.user_id, std::move(*name), meta);
            if (!tenant) {
                co_return http::Response::Error(std::move(tenant.error()));
            }
            // The caller now acts as the owner of the new tenant: a fresh session says so.
            auto switched = co_await auth.Switch(principal, tenant->id, meta);
            if (!switched) {
                co_return http::Response::Error(std::move(switched.error()));
            }
            nlohmann::json out = auth::AccountJson(switched->account, UnixSeconds(NowUtc()));
            out["tenant"] = {
                {"id", tenant->id.str()}, {"business_name", tenant->business_name}, {"plan", tenant->plan}};
            co_return cookies.Respond(request, 201, std::move(out), *switched, auth::DeliveryOf(request));
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = "tenant.create"});

    router.Get(
        "/api/agents",
        [&tenancy](http::Request& request) -> Awaitable {
            auto agents = co_await tenancy.ListAgents(TenantOf(request));
            if (!agents) {
                co_return http::Response::Error(std::move(agents.error()));
            }
            nlohmann::json list = nlohmann::json::array();
            for (const auto& agent : *agents) {
                list.push_back(AgentJson(agent));
            }
            co_return http::Response::Json(200, {{"agents", std::move(list)}});
        },
        http::RouteOptions{.permission = "agents.manage"});

    router.Post(
        "/api/agents",
        [&tenancy](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            ApiError invalid(ErrorCode::kInvalidArgument, "The request has invalid fields.");
            std::optional<auth::PhoneNumber> phone;
            if (auto raw = RequiredString(*body, "phone", "Enter the agent's mobile number."); !raw) {
                invalid.fields.push_back(raw.error().fields.front());
            } else if (phone = auth::PhoneNumber::Parse(*raw); !phone) {
                invalid.fields.push_back(
                    {"phone", "Enter a valid Indian mobile number (10 digits starting with 6-9)."});
            }
            auto name = RequiredString(*body, "name", "Enter the agent's name.");
            if (!name) {
                invalid.fields.push_back(name.error().fields.front());
            }
            if (!invalid.fields.empty()) {
                co_return http::Response::Error(std::move(invalid));
            }
            auto agent = co_await tenancy.InviteAgent(TenantOf(request), request.principal->user_id, std::move(*phone),
                                                      std::move(*name), auth::MetaOf(request));
            if (!agent) {
                co_return http::Response::Error(std::move(agent.error()));
            }
            co_return http::Response::Json(201, {{"agent", AgentJson(*agent)}});
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = "agents.manage"});

    router.Delete(
        "/api/agents/{user_id}",
        [&tenancy](http::Request& request) -> Awaitable {
            auto agent = http::PathId<UserId>(request, "user_id", "Agent");
            if (!agent) {
                co_return http::Response::Error(std::move(agent.error()));
            }
            auto removed = co_await tenancy.RemoveAgent(TenantOf(request), request.principal->user_id,
                                                        std::move(*agent), auth::MetaOf(request));
            if (!removed) {
                co_return http::Response::Error(std::move(removed.error()));
            }
            co_return http::Response::NoContent();
        },
        http::RouteOptions{.permission = "agents.manage"});
}

}  // namespace webdpro::tenancy
