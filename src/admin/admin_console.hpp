#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ai/ledger.hpp"
#include "auth/audit.hpp"
#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "events/outbox.hpp"
#include "storage/db.hpp"
#include "tenancy/tenancy_service.hpp"

namespace webdpro::admin {

/// Which tenants a list shows: a search (part of the business name, or 4+ digits of the owner's
/// phone), a status (ACTIVE | SUSPENDED | "" for both) and where the previous page ended.
struct TenantQuery {
    std::string q{};
    std::string status{};
    std::string cursor{};  ///< "" for the first page; else a TenantPage::next_cursor
    int limit = 50;
};

/// One tenant as the console lists it. Sales come from daily_sales: orders placed, cancelled
/// ones taken back out (whether paid or not).
struct TenantLine {
    tenancy::Tenant tenant{};
    std::string owner_phone_masked{};
    std::int64_t stores = 0;
    std::int64_t published_stores = 0;
    std::int64_t orders = 0;
    std::int64_t gmv_paise = 0;
    std::string last_order_day{};  ///< "YYYY-MM-DD" (India), "" when none
    TimePoint last_activity{};     ///< the latest change to the tenant or one of its stores
};

struct TenantPage {
    std::vector<TenantLine> tenants{};
    std::string next_cursor{};  ///< "" on the last page
};

/// One of a tenant's stores on its console page.
struct StoreLine {
    StoreId store_id{};
    std::string slug{};
    std::string business_name{};
    std::string status{};
    std::string sector{};
    std::string generation_level{};
    std::int64_t orders = 0;
    std::int64_t gmv_paise = 0;
};

/// One audit_log row.
struct AuditLine {
    std::string audit_id{};
    std::optional<TenantId> tenant_id{};
    std::optional<UserId> actor{};
    std::string actor_phone_masked{};
    std::string action{};
    std::string target_type{};
    std::string target_id{};
    std::string details_json{};
    TimePoint at{};
};

/// A tenant's console page.
struct TenantDetail {
    TenantLine line{};
    std::vector<StoreLine> stores{};
    std::int64_t agents = 0;
    std::int64_t ai_month_micro_usd = 0;   ///< model spend this calendar month (UTC)
    std::int64_t ai_budget_micro_usd = 0;  ///< the monthly budget of its plan
    std::vector<AuditLine> audit{};        ///< the newest entries about the tenant
};

/// Filters of the audit log; empty means any.
struct AuditQuery {
    std::string actor{};   ///< a user id
    std::string action{};  ///< exact action, or a prefix ending in '.' ("tenant.")
    std::string tenant{};  ///< a tenant id
    std::optional<std::int64_t> from_ms{};
    std::optional<std::int64_t> to_ms{};
    std::string cursor{};
    int limit = 50;
};

struct AuditPage {
    std::vector<AuditLine> entries{};
    std::string next_cursor{};
};

/// A time range of the console's figures: [from_ms, to_ms).
struct Range {
    std::string name{};  ///< today | 7d | 30d | month
    std::int64_t from_ms = 0;
    std::int64_t to_ms = 0;
};

/// "today" (India), "7d", "30d" (the last N days up to now) or "month" (this calendar month,
/// UTC, as AI budgets count); "" is 30d. kInvalidArgument (field range) otherwise.
Result<Range> ParseRange(std::string_view name, TimePoint now);

/// A level of the generation chain over a range.
struct LevelUsage {
    ai::LevelSummary summary{};
    double success_rate = 0;   ///< served / attempts (0 when none)
    double fallback_rate = 0;  ///< calls the level did not serve / calls: the chain moved on
};

/// Stores generated, by the level that produced the spec and the sector.
struct GeneratedStores {
    std::string level{};
    std::string sector{};
    std::int64_t stores = 0;
};

struct TenantAiSpend {
    TenantId tenant_id{};
    std::string business_name{};
    std::string plan{};
    std::int64_t calls = 0;
    std::int64_t range_micro_usd = 0;
    std::int64_t month_micro_usd = 0;
    std::int64_t budget_micro_usd = 0;
};

struct AiUsage {
    Range range{};
    std::int64_t calls = 0;
    std::int64_t cost_micro_usd = 0;
    std::vector<ai::ModelSpend> models{};
    std::vector<TenantAiSpend> tenants{};
    std::vector<LevelUsage> levels{};
    std::vector<GeneratedStores> generated{};
};

/// Platform figures for the console's overview.
struct Overview {
    std::int64_t tenants = 0;
    std::int64_t suspended_tenants = 0;
    std::int64_t stores = 0;
    std::int64_t published_stores = 0;
    std::int64_t gmv_paise = 0;  ///< all time, from daily_sales
    std::int64_t orders = 0;
    std::int64_t gmv_today_paise = 0;  ///< India's today
    std::int64_t orders_today = 0;
    std::int64_t orders_last_hour = 0;
    std::vector<std::int64_t> orders_per_minute{};  ///< 60 buckets, oldest first; the last ends now
    events::OutboxState outbox{};
};

/// The platform admin's console: figures across every tenant (read models of tenants, stores,
/// daily_sales, orders, users, memberships and audit_log; the AI ledger through the ai folder's
/// functions) and the admin's changes to a tenant, which tenancy writes and audits.
/// Thread-safe; every reference must outlive it.
class AdminConsole final {
public:
    /// `on_tenant_change` runs after a suspension or restore commits (hosting forgets its store
    /// lookups so the change shows at once).
    AdminConsole(storage::Db& db, tenancy::TenancyService& tenancy, ai::BudgetLimits budgets,
                 std::function<void()> on_tenant_change = {});

    /// A page of tenants, newest first. kInvalidArgument for a bad status or cursor.
    boost::asio::awaitable<Result<TenantPage>> ListTenants(TenantQuery query);
    /// One tenant's page; kNotFound("Tenant").
    boost::asio::awaitable<Result<TenantDetail>> GetTenant(TenantId tenant_id);

    /// See tenancy::TenancyService::Suspend / Restore / ChangePlan.
    boost::asio::awaitable<Result<tenancy::Tenant>> Suspend(TenantId tenant_id, UserId actor, std::string reason,
                                                            auth::RequestMeta meta);
    boost::asio::awaitable<Result<tenancy::Tenant>> Restore(TenantId tenant_id, UserId actor, std::string reason,
                                                            auth::RequestMeta meta);
    boost::asio::awaitable<Result<tenancy::Tenant>> ChangePlan(TenantId tenant_id, UserId actor, std::string plan,
                                                               std::string reason, auth::RequestMeta meta);

    /// AI spend and outcomes over `range`.
    boost::asio::awaitable<Result<AiUsage>> Usage(Range range);
    /// Platform figures at `now`.
    boost::asio::awaitable<Result<Overview>> PlatformOverview(TimePoint now);
    /// The audit log, newest first. kInvalidArgument for a bad cursor.
    boost::asio::awaitable<Result<AuditPage>> Audit(AuditQuery query);

private:
    std::int64_t BudgetFor(std::string_view plan) const;

    storage::Db& db_;
    tenancy::TenancyService& tenancy_;
    ai::BudgetLimits budgets_;
    std::function<void()> on_tenant_change_;
};

}  // namespace webdpro::admin
