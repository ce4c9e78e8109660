#include "admin/admin_console.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <tuple>

#include "auth/phone.hpp"
#include "auth/users.hpp"
#include "orders/order_consumers.hpp"

namespace webdpro::admin {
namespace {

constexpr int kMaxPage = 200;
constexpr int kTenantAuditLines = 20;
constexpr int kAiTenants = 50;
constexpr int kAllTenants = 1'000'000;
constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 86'400'000;
constexpr int kMinutesShown = 60;
constexpr std::size_t kMaxSearch = 80;
constexpr std::size_t kMinPhoneDigits = 4;

// A tenant with its figures. The sales come from daily_sales (kept by orders' consumer), never
// from scanning orders.
constexpr std::string_view kTenantColumns = R"sql(
SELECT t.tenant_id, t.owner_user_id, t.business_name, t.plan, t.status, coalesce(t.suspended_reason, '') AS reason,
       t.suspended_at, t.suspended_by, t.created_at, t.updated_at, u.phone,
       (SELECT count(*) FROM stores s WHERE s.tenant_id = t.tenant_id) AS stores,
       (SELECT count(*) FROM stores s WHERE s.tenant_id = t.tenant_id AND s.status = 'PUBLISHED') AS published_stores,
       (SELECT max(s.updated_at) FROM stores s WHERE s.tenant_id = t.tenant_id) AS stores_updated_at,
       (SELECT coalesce(sum(d.orders), 0) FROM daily_sales d WHERE d.tenant_id = t.tenant_id) AS orders,
       (SELECT coalesce(sum(d.revenue_paise), 0) FROM daily_sales d WHERE d.tenant_id = t.tenant_id) AS gmv_paise,
       (SELECT max(d.day) FROM daily_sales d WHERE d.tenant_id = t.tenant_id AND d.orders > 0) AS last_order_day
FROM tenants t JOIN users u ON u.user_id = t.owner_user_id
)sql";

constexpr std::string_view kTenantsWhere = R"sql(
WHERE ($1 = '' OR t.status = $1)
  AND ($2 = '' OR lower(t.business_name) LIKE $2 ESCAPE '!' OR u.phone LIKE $3 ESCAPE '!')
  AND ($4 = 0 OR t.created_at < $4 OR (t.created_at = $4 AND t.tenant_id < $5))
ORDER BY t.created_at DESC, t.tenant_id DESC LIMIT $6
)sql";

constexpr std::string_view kOneTenantWhere = "WHERE t.tenant_id = $1";

constexpr std::string_view kTenantStores = R"sql(
SELECT s.store_id, s.slug, s.business_name, s.status, s.sector, coalesce(s.generation_level, '') AS generation_level,
       (SELECT coalesce(sum(d.orders), 0) FROM daily_sales d
        WHERE d.tenant_id = s.tenant_id AND d.store_id = s.store_id) AS orders,
       (SELECT coalesce(sum(d.revenue_paise), 0) FROM daily_sales d
        WHERE d.tenant_id = s.tenant_id AND d.store_id = s.store_id) AS gmv_paise
FROM stores s WHERE s.tenant_id = $1 ORDER BY s.created_at, s.store_id
)sql";

constexpr std::string_view kTenantAgents = R"sql(
SELECT count(*) AS agents FROM memberships WHERE tenant_id = $1 AND role = 'DELIVERY_AGENT' AND active = 1
)sql";

constexpr std::string_view kTenantNames = "SELECT business_name, plan FROM tenants WHERE tenant_id = $1";

constexpr std::string_view kAudit = R"sql(
SELECT audit_id, tenant_id, actor_user_id, action, target_type, target_id, details, created_at FROM audit_log
WHERE ($1 = '' OR actor_user_id = $1)
  AND ($2 = '' OR action = $2)
  AND ($3 = '' OR action LIKE $3 ESCAPE '!')
  AND ($4 = '' OR tenant_id = $4)
  AND created_at >= $5 AND created_at < $6
  AND ($7 = 0 OR created_at < $7 OR (created_at = $7 AND audit_id < $8))
ORDER BY created_at DESC, audit_id DESC LIMIT $9
)sql";

constexpr std::string_view kGenerated = R"sql(
SELECT generation_level AS level, sector, count(*) AS stores FROM stores
WHERE generation_level IS NOT NULL AND created_at >= $1 AND created_at < $2
GROUP BY generation_level, sector ORDER BY stores DESC, level, sector
)sql";

constexpr std::string_view kTenantCounts = R"sql(
SELECT count(*) AS tenants, coalesce(sum(CASE WHEN status = 'SUSPENDED' THEN 1 ELSE 0 END), 0) AS suspended
FROM tenants
)sql";

constexpr std::string_view kStoreCounts = R"sql(
SELECT count(*) AS stores, coalesce(sum(CASE WHEN status = 'PUBLISHED' THEN 1 ELSE 0 END), 0) AS published
FROM stores
)sql";

constexpr std::string_view kSalesAll = R"sql(
SELECT coalesce(sum(orders), 0) AS orders, coalesce(sum(revenue_paise), 0) AS gmv FROM daily_sales
)sql";

constexpr std::string_view kSalesDay = R"sql(
SELECT coalesce(sum(orders), 0) AS orders, coalesce(sum(revenue_paise), 0) AS gmv FROM daily_sales WHERE day = $1
)sql";

// Orders placed in the last hour, per minute (orders_by_time).
constexpr std::string_view kOrdersPerMinute = R"sql(
SELECT (created_at - $1) / 60000 AS minute, count(*) AS orders FROM orders
WHERE created_at >= $1 AND created_at < $2 GROUP BY (created_at - $1) / 60000
)sql";

/// "<ms>.<id>" of a keyset cursor; nullopt when malformed.
std::optional<std::pair<std::int64_t, std::string>> ParseCursor(std::string_view cursor) {
    const auto dot = cursor.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= cursor.size()) {
        return std::nullopt;
    }
    std::int64_t ms = 0;
    const auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + dot, ms);
    if (ec != std::errc() || end != cursor.data() + dot || ms <= 0) {
        return std::nullopt;
    }
    return std::pair{ms, std::string(cursor.substr(dot + 1))};
}

std::string MakeCursor(std::int64_t ms, const std::string& id) {
    return std::to_string(ms) + "." + id;
}

/// `text` for a LIKE pattern with '!' as the escape character.
std::string LikeEscaped(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '!') {
            out += '!';
        }
        out += c;
    }
    return out;
}

std::string AsciiLower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(),
                           [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    return out;
}

TenantLine LineFromRow(const storage::Row& row) {
    TenantLine line;
    tenancy::Tenant& t = line.tenant;
    t.id = TenantId(row.Text("tenant_id"));
    t.owner_user_id = UserId(row.Text("owner_user_id"));
    t.business_name = row.Text("business_name");
    t.plan = row.Text("plan");
    t.status = row.Text("status");
    t.suspended_reason = row.Text("reason");
    t.created_at = FromUnixMillis(row.Int("created_at"));
    if (auto at = row.OptInt("suspended_at")) {
        t.suspended_at = FromUnixMillis(*at);
    }
    if (auto by = row.OptText("suspended_by")) {
        t.suspended_by = UserId(*by);
    }
    line.owner_phone_masked = auth::MaskPhone(row.Text("phone"));
    line.stores = row.Int("stores");
    line.published_stores = row.Int("published_stores");
    line.orders = row.Int("orders");
    line.gmv_paise = row.Int("gmv_paise");
    line.last_order_day = row.OptText("last_order_day").value_or("");
    line.last_activity = FromUnixMillis(std::max(row.Int("updated_at"), row.OptInt("stores_updated_at").value_or(0)));
    return line;
}

Result<std::vector<AuditLine>> AuditLines(storage::Conn& conn, const AuditQuery& q, const std::string& exact,
                                          const std::string& prefix, std::int64_t cursor_ms,
                                          const std::string& cursor_id) {
    auto rows =
        conn.Query(kAudit, q.actor, exact, prefix, q.tenant, q.from_ms.value_or(0),
                   q.to_ms.value_or(std::numeric_limits<std::int64_t>::max()), cursor_ms, cursor_id, q.limit + 1);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<AuditLine> out;
    std::vector<UserId> actors;
    for (const auto& row : *rows) {
        AuditLine line{.audit_id = row.Text("audit_id"),
                       .action = row.Text("action"),
                       .target_type = row.Text("target_type"),
                       .target_id = row.Text("target_id"),
                       .details_json = row.Text("details"),
                       .at = FromUnixMillis(row.Int("created_at"))};
        if (auto tenant = row.OptText("tenant_id")) {
            line.tenant_id = TenantId(*tenant);
        }
        if (auto actor = row.OptText("actor_user_id")) {
            line.actor = UserId(*actor);
            actors.push_back(*line.actor);
        }
        out.push_back(std::move(line));
    }
    auto phones = auth::UserRepository::Phones(conn, actors);
    if (!phones) {
        return Fail(std::move(phones.error()));
    }
    for (auto& line : out) {
        if (line.actor) {
            if (auto it = phones->find(*line.actor); it != phones->end()) {
                line.actor_phone_masked = auth::MaskPhone(it->second);
            }
        }
    }
    return out;
}

}  // namespace

Result<Range> ParseRange(std::string_view name, TimePoint now) {
    const std::int64_t now_ms = UnixMillis(now);
    if (name.empty() || name == "30d") {
        return Range{.name = "30d", .from_ms = now_ms - 30 * kDayMs, .to_ms = now_ms + 1};
    }
    if (name == "7d") {
        return Range{.name = "7d", .from_ms = now_ms - 7 * kDayMs, .to_ms = now_ms + 1};
    }
    if (name == "today") {
        // India's day, as the sales counters count it.
        constexpr std::int64_t kIndiaOffsetMs = (5 * 60 + 30) * kMinuteMs;
        const std::int64_t start = (now_ms + kIndiaOffsetMs) / kDayMs * kDayMs - kIndiaOffsetMs;
        return Range{.name = "today", .from_ms = start, .to_ms = now_ms + 1};
    }
    if (name == "month") {
        return Range{.name = "month", .from_ms = ai::MonthStartMillis(now), .to_ms = now_ms + 1};
    }
    return Fail(ApiError::Invalid("range", "Choose today, 7d, 30d or month."));
}

AdminConsole::AdminConsole(storage::Db& db, tenancy::TenancyService& tenancy, ai::BudgetLimits budgets,
                           std::function<void()> on_tenant_change)
    : db_(db), tenancy_(tenancy), budgets_(budgets), on_tenant_change_(std::move(on_tenant_change)) {}

std::int64_t AdminConsole::BudgetFor(std::string_view plan) const {
    return ai::PlanFromTenantPlan(plan) == ai::Plan::kPro ? budgets_.pro_micro_usd : budgets_.free_micro_usd;
}

boost::asio::awaitable<Result<TenantPage>> AdminConsole::ListTenants(TenantQuery query) {
    if (!query.status.empty() && query.status != "ACTIVE" && query.status != "SUSPENDED") {
        co_return Fail(ApiError::Invalid("status", "Choose ACTIVE or SUSPENDED."));
    }
    std::int64_t cursor_ms = 0;
    std::string cursor_id;
    if (!query.cursor.empty()) {
        auto cursor = ParseCursor(query.cursor);
        if (!cursor) {
            co_return Fail(ApiError::Invalid("cursor", "This page link is not valid; start from the first page."));
        }
        std::tie(cursor_ms, cursor_id) = std::move(*cursor);
    }
    std::string q = query.q.substr(0, kMaxSearch);
    std::string name_pattern;
    std::string phone_pattern;
    if (const auto first = q.find_first_not_of(" \t"); first != std::string::npos) {
        q = q.substr(first, q.find_last_not_of(" \t") - first + 1);
        name_pattern = "%" + LikeEscaped(AsciiLower(q)) + "%";
        std::string digits;
        for (char c : q) {
            if (c >= '0' && c <= '9') {
                digits += c;
            }
        }
        const bool phone_like =
            std::ranges::all_of(q, [](char c) { return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-'; });
        if (phone_like && digits.size() >= kMinPhoneDigits) {
            phone_pattern = "%" + digits + "%";
        }
    }
    const int limit = std::clamp(query.limit, 1, kMaxPage);
    std::string sql(kTenantColumns);
    sql += kTenantsWhere;
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<TenantPage> {
        auto rows = conn.Query(sql, query.status, name_pattern, phone_pattern, cursor_ms, cursor_id, limit + 1);
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        TenantPage page;
        for (const auto& row : *rows) {
            if (static_cast<int>(page.tenants.size()) == limit) {
                const TenantLine& last = page.tenants.back();
                page.next_cursor = MakeCursor(UnixMillis(last.tenant.created_at), last.tenant.id.str());
                break;
            }
            page.tenants.push_back(LineFromRow(row));
        }
        return page;
    });
}

boost::asio::awaitable<Result<TenantDetail>> AdminConsole::GetTenant(TenantId tenant_id) {
    std::string sql(kTenantColumns);
    sql += kOneTenantWhere;
    const TimePoint now = NowUtc();
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<TenantDetail> {
        auto row = conn.QueryOne(sql, tenant_id);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        if (!*row) {
            return Fail(ApiError::NotFound("Tenant"));
        }
        TenantDetail detail{.line = LineFromRow(**row)};
        auto stores = conn.Query(kTenantStores, tenant_id);
        if (!stores) {
            return Fail(std::move(stores.error()));
        }
        for (const auto& s : *stores) {
            detail.stores.push_back(StoreLine{.store_id = StoreId(s.Text("store_id")),
                                              .slug = s.Text("slug"),
                                              .business_name = s.Text("business_name"),
                                              .status = s.Text("status"),
                                              .sector = s.Text("sector"),
                                              .generation_level = s.Text("generation_level"),
                                              .orders = s.Int("orders"),
                                              .gmv_paise = s.Int("gmv_paise")});
        }
        auto agents = conn.QueryOne(kTenantAgents, tenant_id);
        if (!agents) {
            return Fail(std::move(agents.error()));
        }
        detail.agents = *agents ? (*agents)->Int("agents") : 0;
        auto spend = ai::QueryLedgerSummary(conn, ai::MonthStartMillis(now), UnixMillis(now) + 1, tenant_id);
        if (!spend) {
            return Fail(std::move(spend.error()));
        }
        detail.ai_month_micro_usd = spend->cost_micro_usd;
        detail.ai_budget_micro_usd = BudgetFor(detail.line.tenant.plan);
        auto audit =
            AuditLines(conn, AuditQuery{.tenant = tenant_id.str(), .limit = kTenantAuditLines - 1}, "", "", 0, "");
        if (!audit) {
            return Fail(std::move(audit.error()));
        }
        detail.audit = std::move(*audit);
        return detail;
    });
}

boost::asio::awaitable<Result<tenancy::Tenant>> AdminConsole::Suspend(TenantId tenant_id, UserId actor,
                                                                      std::string reason, auth::RequestMeta meta) {
    auto done = co_await tenancy_.Suspend(std::move(tenant_id), actor, std::move(reason), std::move(meta));
    if (done && on_tenant_change_) {
        on_tenant_change_();
    }
    co_return done;
}

boost::asio::awaitable<Result<tenancy::Tenant>> AdminConsole::Restore(TenantId tenant_id, UserId actor,
                                                                      std::string reason, auth::RequestMeta meta) {
    auto done = co_await tenancy_.Restore(std::move(tenant_id), actor, std::move(reason), std::move(meta));
    if (done && on_tenant_change_) {
        on_tenant_change_();
    }
    co_return done;
}

boost::asio::awaitable<Result<tenancy::Tenant>> AdminConsole::ChangePlan(TenantId tenant_id, UserId actor,
                                                                         std::string plan, std::string reason,
                                                                         auth::RequestMeta meta) {
    auto done =
        co_await tenancy_.ChangePlan(std::move(tenant_id), actor, std::move(plan), std::move(reason), std::move(meta));
    if (done && on_tenant_change_) {
        on_tenant_change_();  // custom domains follow the plan
    }
    co_return done;
}

boost::asio::awaitable<Result<AiUsage>> AdminConsole::Usage(Range range) {
    const TimePoint now = NowUtc();
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<AiUsage> {
        AiUsage usage{.range = range};
        auto summary = ai::QueryLedgerSummary(conn, range.from_ms, range.to_ms);
        if (!summary) {
            return Fail(std::move(summary.error()));
        }
        usage.calls = summary->calls;
        usage.cost_micro_usd = summary->cost_micro_usd;
        for (auto& level : summary->levels) {
            LevelUsage l{.summary = std::move(level)};
            if (l.summary.attempts > 0) {
                l.success_rate = static_cast<double>(l.summary.served) / static_cast<double>(l.summary.attempts);
            }
            if (l.summary.calls > 0) {
                l.fallback_rate =
                    static_cast<double>(l.summary.calls - l.summary.served) / static_cast<double>(l.summary.calls);
            }
            usage.levels.push_back(std::move(l));
        }
        auto models = ai::QuerySpendByModel(conn, range.from_ms, range.to_ms);
        if (!models) {
            return Fail(std::move(models.error()));
        }
        usage.models = std::move(*models);
        auto tenants = ai::QuerySpendByTenant(conn, range.from_ms, range.to_ms, kAiTenants);
        if (!tenants) {
            return Fail(std::move(tenants.error()));
        }
        auto month = ai::QuerySpendByTenant(conn, ai::MonthStartMillis(now), UnixMillis(now) + 1, kAllTenants);
        if (!month) {
            return Fail(std::move(month.error()));
        }
        std::map<std::string, std::int64_t> month_by_tenant;
        for (const auto& m : *month) {
            month_by_tenant[m.tenant_id.str()] = m.cost_micro_usd;
        }
        for (const auto& spend : *tenants) {
            TenantAiSpend line{.tenant_id = spend.tenant_id,
                               .calls = spend.calls,
                               .range_micro_usd = spend.cost_micro_usd,
                               .month_micro_usd = month_by_tenant[spend.tenant_id.str()]};
            auto names = conn.QueryOne(kTenantNames, spend.tenant_id);
            if (!names) {
                return Fail(std::move(names.error()));
            }
            if (*names) {
                line.business_name = (*names)->Text("business_name");
                line.plan = (*names)->Text("plan");
            }
            line.budget_micro_usd = BudgetFor(line.plan);
            usage.tenants.push_back(std::move(line));
        }
        auto generated = conn.Query(kGenerated, range.from_ms, range.to_ms);
        if (!generated) {
            return Fail(std::move(generated.error()));
        }
        for (const auto& row : *generated) {
            usage.generated.push_back(
                GeneratedStores{.level = row.Text("level"), .sector = row.Text("sector"), .stores = row.Int("stores")});
        }
        return usage;
    });
}

boost::asio::awaitable<Result<Overview>> AdminConsole::PlatformOverview(TimePoint now) {
    const std::string today = orders::IndiaDay(now);
    const std::int64_t now_ms = UnixMillis(now);
    const std::int64_t hour_start = now_ms + 1 - kMinutesShown * kMinuteMs;
    // Sums over every tenant: a heavy read, which never takes the connections pages need.
    co_return co_await db_.ReadHeavy([&](storage::Conn& conn) -> Result<Overview> {
        Overview o;
        auto tenants = conn.QueryOne(kTenantCounts);
        if (!tenants) {
            return Fail(std::move(tenants.error()));
        }
        auto stores = conn.QueryOne(kStoreCounts);
        if (!stores) {
            return Fail(std::move(stores.error()));
        }
        auto all = conn.QueryOne(kSalesAll);
        if (!all) {
            return Fail(std::move(all.error()));
        }
        auto day = conn.QueryOne(kSalesDay, today);
        if (!day) {
            return Fail(std::move(day.error()));
        }
        o.tenants = (*tenants)->Int("tenants");
        o.suspended_tenants = (*tenants)->Int("suspended");
        o.stores = (*stores)->Int("stores");
        o.published_stores = (*stores)->Int("published");
        o.orders = (*all)->Int("orders");
        o.gmv_paise = (*all)->Int("gmv");
        o.orders_today = (*day)->Int("orders");
        o.gmv_today_paise = (*day)->Int("gmv");
        auto minutes = conn.Query(kOrdersPerMinute, hour_start, now_ms + 1);
        if (!minutes) {
            return Fail(std::move(minutes.error()));
        }
        o.orders_per_minute.assign(kMinutesShown, 0);
        for (const auto& row : *minutes) {
            const std::int64_t minute = row.Int("minute");
            if (minute >= 0 && minute < kMinutesShown) {
                o.orders_per_minute[static_cast<std::size_t>(minute)] += row.Int("orders");
                o.orders_last_hour += row.Int("orders");
            }
        }
        auto outbox = events::ReadOutboxState(conn, now);
        if (!outbox) {
            return Fail(std::move(outbox.error()));
        }
        o.outbox = *outbox;
        return o;
    });
}

boost::asio::awaitable<Result<AuditPage>> AdminConsole::Audit(AuditQuery query) {
    std::int64_t cursor_ms = 0;
    std::string cursor_id;
    if (!query.cursor.empty()) {
        auto cursor = ParseCursor(query.cursor);
        if (!cursor) {
            co_return Fail(ApiError::Invalid("cursor", "This page link is not valid; start from the first page."));
        }
        std::tie(cursor_ms, cursor_id) = std::move(*cursor);
    }
    std::string exact;
    std::string prefix;
    if (query.action.ends_with('.')) {
        prefix = LikeEscaped(query.action) + "%";
    } else {
        exact = query.action;
    }
    query.limit = std::clamp(query.limit, 1, kMaxPage);
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<AuditPage> {
        auto lines = AuditLines(conn, query, exact, prefix, cursor_ms, cursor_id);
        if (!lines) {
            return Fail(std::move(lines.error()));
        }
        AuditPage page;
        if (static_cast<int>(lines->size()) > query.limit) {
            lines->resize(static_cast<std::size_t>(query.limit));
            page.next_cursor = MakeCursor(UnixMillis(lines->back().at), lines->back().audit_id);
        }
        page.entries = std::move(*lines);
        return page;
    });
}

}  // namespace webdpro::admin
