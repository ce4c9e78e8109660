#include "admin/admin_routes.hpp"

#include <charconv>

#include "auth/session_http.hpp"
#include "core/time.hpp"
#include "http/route_input.hpp"

namespace webdpro::admin {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kSmallBody = 4 * 1024;
constexpr std::string_view kPermission = "admin.platform";

nlohmann::json OptionalTime(const std::optional<TimePoint>& at) {
    return at ? nlohmann::json(FormatRfc3339(*at)) : nlohmann::json(nullptr);
}

nlohmann::json TenantJson(const tenancy::Tenant& t) {
    return {
        {"id", t.id.str()},
        {"business_name", t.business_name},
        {"plan", t.plan},
        {"status", t.status},
        {"suspended_reason", t.status == "SUSPENDED" ? nlohmann::json(t.suspended_reason) : nlohmann::json(nullptr)},
        {"suspended_at", OptionalTime(t.suspended_at)},
        {"suspended_by", t.suspended_by ? nlohmann::json(t.suspended_by->str()) : nlohmann::json(nullptr)},
        {"created_at", FormatRfc3339(t.created_at)}};
}

nlohmann::json LineJson(const TenantLine& line) {
    nlohmann::json out = TenantJson(line.tenant);
    out["owner_phone_masked"] = line.owner_phone_masked;
    out["stores"] = line.stores;
    out["published_stores"] = line.published_stores;
    out["orders"] = line.orders;
    out["gmv_paise"] = line.gmv_paise;
    out["last_order_day"] = line.last_order_day.empty() ? nlohmann::json(nullptr) : nlohmann::json(line.last_order_day);
    out["last_activity_at"] = FormatRfc3339(line.last_activity);
    return out;
}

nlohmann::json AuditJson(const AuditLine& a) {
    nlohmann::json details = nlohmann::json::parse(a.details_json, nullptr, false);
    if (details.is_discarded()) {
        details = nlohmann::json::object();
    }
    return {{"id", a.audit_id},
            {"at", FormatRfc3339(a.at)},
            {"tenant_id", a.tenant_id ? nlohmann::json(a.tenant_id->str()) : nlohmann::json(nullptr)},
            {"actor", a.actor ? nlohmann::json(a.actor->str()) : nlohmann::json(nullptr)},
            {"actor_phone_masked", a.actor_phone_masked},
            {"action", a.action},
            {"target_type", a.target_type},
            {"target_id", a.target_id},
            {"details", std::move(details)}};
}

std::string Query(const http::Request& request, std::string_view name) {
    return request.QueryParam(name).value_or("");
}

/// A date "YYYY-MM-DD" (UTC midnight) or an RFC 3339 time as unix ms; "" → nullopt.
Result<std::optional<std::int64_t>> QueryTime(const http::Request& request, std::string_view name, bool end_of_day) {
    const std::string text = Query(request, name);
    if (text.empty()) {
        return std::optional<std::int64_t>{};
    }
    auto at = ParseRfc3339(text.size() == 10 ? text + "T00:00:00Z" : text);
    if (!at) {
        return Fail(ApiError::Invalid(std::string(name), "Give a date as YYYY-MM-DD."));
    }
    constexpr std::int64_t kDayMs = 86'400'000;
    return std::optional<std::int64_t>(UnixMillis(*at) + (end_of_day && text.size() == 10 ? kDayMs : 0));
}

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 200;

/// The optional string `field` of `body`; a non-string is kInvalidArgument.
Result<std::string> BodyString(const nlohmann::json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
        return std::string();
    }
    if (!it->is_string()) {
        std::string message = "Send ";
        message += field;
        message += " as text.";
        return Fail(ApiError::Invalid(field, std::move(message)));
    }
    return it->get<std::string>();
}

using StatusChange = boost::asio::awaitable<Result<tenancy::Tenant>> (AdminConsole::*)(TenantId, UserId, std::string,
                                                                                       auth::RequestMeta);

void RegisterStatusChange(http::Router& router, AdminConsole& console, std::string pattern, StatusChange change) {
    router.Post(
        std::move(pattern),
        [&console, change](http::Request& request) -> Awaitable {
            auto tenant = http::PathId<TenantId>(request, "tenant_id", "Tenant");
            if (!tenant) {
                co_return http::Response::Error(std::move(tenant.error()));
            }
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            auto reason = BodyString(*body, "reason");
            if (!reason) {
                co_return http::Response::Error(std::move(reason.error()));
            }
            auto done = co_await (console.*change)(std::move(*tenant), request.principal->user_id, std::move(*reason),
                                                   auth::MetaOf(request));
            if (!done) {
                co_return http::Response::Error(std::move(done.error()));
            }
            co_return http::Response::Json(200, {{"tenant", TenantJson(*done)}});
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = std::string(kPermission)});
}

}  // namespace

void RegisterAdminRoutes(http::Router& router, AdminConsole& console) {
    const http::RouteOptions admin{.permission = std::string(kPermission)};

    router.Get(
        "/api/admin/overview",
        [&console](http::Request&) -> Awaitable {
            auto o = co_await console.PlatformOverview(NowUtc());
            if (!o) {
                co_return http::Response::Error(std::move(o.error()));
            }
            co_return http::Response::Json(
                200, {{"tenants", {{"total", o->tenants}, {"suspended", o->suspended_tenants}}},
                      {"stores", {{"total", o->stores}, {"published", o->published_stores}}},
                      {"sales",
                       {{"gmv_paise", o->gmv_paise},
                        {"orders", o->orders},
                        {"today", {{"gmv_paise", o->gmv_today_paise}, {"orders", o->orders_today}}}}},
                      {"orders_last_hour", o->orders_last_hour},
                      {"orders_per_minute", o->orders_per_minute},
                      {"outbox",
                       {{"pending", o->outbox.pending},
                        {"dead", o->outbox.dead},
                        {"oldest_pending_age_s", o->outbox.oldest_pending_age_s}}}});
        },
        admin);

    router.Get(
        "/api/admin/tenants",
        [&console](http::Request& request) -> Awaitable {
            auto limit = http::PageLimit(request, kDefaultPageSize, kMaxPageSize);
            if (!limit) {
                co_return http::Response::Error(std::move(limit.error()));
            }
            // A named query, not a temporary in the co_await: GCC 12 destroys such a temporary twice.
            TenantQuery query{.q = Query(request, "q"),
                              .status = Query(request, "status"),
                              .cursor = Query(request, "cursor"),
                              .limit = *limit};
            auto page = co_await console.ListTenants(std::move(query));
            if (!page) {
                co_return http::Response::Error(std::move(page.error()));
            }
            co_return http::PageResponse("tenants", page->tenants, page->next_cursor, LineJson);
        },
        admin);

    router.Get(
        "/api/admin/tenants/{tenant_id}",
        [&console](http::Request& request) -> Awaitable {
            auto tenant = http::PathId<TenantId>(request, "tenant_id", "Tenant");
            if (!tenant) {
                co_return http::Response::Error(std::move(tenant.error()));
            }
            auto detail = co_await console.GetTenant(std::move(*tenant));
            if (!detail) {
                co_return http::Response::Error(std::move(detail.error()));
            }
            nlohmann::json stores = nlohmann::json::array();
            for (const auto& s : detail->stores) {
                stores.push_back({{"id", s.store_id.str()},
                                  {"slug", s.slug},
                                  {"business_name", s.business_name},
                                  {"status", s.status},
                                  {"sector", s.sector},
                                  {"generation_level", s.generation_level},
                                  {"orders", s.orders},
                                  {"gmv_paise", s.gmv_paise}});
            }
            nlohmann::json audit = nlohmann::json::array();
            for (const auto& a : detail->audit) {
                audit.push_back(AuditJson(a));
            }
            nlohmann::json out = LineJson(detail->line);
            out["stores_list"] = std::move(stores);
            out["agents"] = detail->agents;
            out["ai"] = {{"month_micro_usd", detail->ai_month_micro_usd},
                         {"budget_micro_usd", detail->ai_budget_micro_usd}};
            out["audit"] = std::move(audit);
            co_return http::Response::Json(200, {{"tenant", std::move(out)}});
        },
        admin);

    RegisterStatusChange(router, console, "/api/admin/tenants/{tenant_id}/suspend", &AdminConsole::Suspend);
    RegisterStatusChange(router, console, "/api/admin/tenants/{tenant_id}/restore", &AdminConsole::Restore);

    router.Post(
        "/api/admin/tenants/{tenant_id}/plan",
        [&console](http::Request& request) -> Awaitable {
            auto tenant = http::PathId<TenantId>(request, "tenant_id", "Tenant");
            if (!tenant) {
                co_return http::Response::Error(std::move(tenant.error()));
            }
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            if (body->contains("months") || body->contains("until")) {
                co_return http::Response::Error(ApiError::Invalid(
                    "plan", "Plans are not billed and do not expire, so there is nothing to extend; change the plan."));
            }
            auto plan = BodyString(*body, "plan");
            auto reason = plan ? BodyString(*body, "reason") : Result<std::string>(Fail(plan.error()));
            if (!reason) {
                co_return http::Response::Error(std::move(reason.error()));
            }
            auto done = co_await console.ChangePlan(std::move(*tenant), request.principal->user_id, std::move(*plan),
                                                    std::move(*reason), auth::MetaOf(request));
            if (!done) {
                co_return http::Response::Error(std::move(done.error()));
            }
            co_return http::Response::Json(200, {{"tenant", TenantJson(*done)}});
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = std::string(kPermission)});

    router.Get(
        "/api/admin/ai/usage",
        [&console](http::Request& request) -> Awaitable {
            auto range = ParseRange(Query(request, "range"), NowUtc());
            if (!range) {
                co_return http::Response::Error(std::move(range.error()));
            }
            auto usage = co_await console.Usage(std::move(*range));
            if (!usage) {
                co_return http::Response::Error(std::move(usage.error()));
            }
            nlohmann::json models = nlohmann::json::array();
            for (const auto& m : usage->models) {
                models.push_back({{"provider", m.provider},
                                  {"model", m.model},
                                  {"calls", m.calls},
                                  {"input_tokens", m.input_tokens},
                                  {"output_tokens", m.output_tokens},
                                  {"cost_micro_usd", m.cost_micro_usd}});
            }
            nlohmann::json tenants = nlohmann::json::array();
            for (const auto& t : usage->tenants) {
                tenants.push_back({{"tenant_id", t.tenant_id.str()},
                                   {"business_name", t.business_name},
                                   {"plan", t.plan},
                                   {"calls", t.calls},
                                   {"cost_micro_usd", t.range_micro_usd},
                                   {"month_micro_usd", t.month_micro_usd},
                                   {"budget_micro_usd", t.budget_micro_usd}});
            }
            nlohmann::json levels = nlohmann::json::array();
            for (const auto& l : usage->levels) {
                levels.push_back({{"level", l.summary.level},
                                  {"calls", l.summary.calls},
                                  {"attempts", l.summary.attempts},
                                  {"served", l.summary.served},
                                  {"failures", l.summary.failures},
                                  {"skipped", l.summary.skipped},
                                  {"cost_micro_usd", l.summary.cost_micro_usd},
                                  {"p50_latency_ms", l.summary.p50_latency_ms},
                                  {"success_rate", l.success_rate},
                                  {"fallback_rate", l.fallback_rate}});
            }
            nlohmann::json generated = nlohmann::json::array();
            for (const auto& g : usage->generated) {
                generated.push_back({{"level", g.level}, {"sector", g.sector}, {"stores", g.stores}});
            }
            co_return http::Response::Json(200, {{"range",
                                                  {{"name", usage->range.name},
                                                   {"from", FormatRfc3339(FromUnixMillis(usage->range.from_ms))},
                                                   {"to", FormatRfc3339(FromUnixMillis(usage->range.to_ms))}}},
                                                 {"calls", usage->calls},
                                                 {"cost_micro_usd", usage->cost_micro_usd},
                                                 {"models", std::move(models)},
                                                 {"tenants", std::move(tenants)},
                                                 {"levels", std::move(levels)},
                                                 {"stores_generated", std::move(generated)}});
        },
        admin);

    router.Get(
        "/api/admin/audit",
        [&console](http::Request& request) -> Awaitable {
            auto limit = http::PageLimit(request, kDefaultPageSize, kMaxPageSize);
            if (!limit) {
                co_return http::Response::Error(std::move(limit.error()));
            }
            auto from = QueryTime(request, "from", false);
            if (!from) {
                co_return http::Response::Error(std::move(from.error()));
            }
            auto to = QueryTime(request, "to", true);
            if (!to) {
                co_return http::Response::Error(std::move(to.error()));
            }
            AuditQuery query{.actor = Query(request, "actor"),
                             .action = Query(request, "action"),
                             .tenant = Query(request, "tenant"),
                             .from_ms = *from,
                             .to_ms = *to,
                             .cursor = Query(request, "cursor"),
                             .limit = *limit};
            auto page = co_await console.Audit(std::move(query));
            if (!page) {
                co_return http::Response::Error(std::move(page.error()));
            }
            co_return http::PageResponse("entries", page->entries, page->next_cursor, AuditJson);
        },
        admin);
}

}  // namespace webdpro::admin
