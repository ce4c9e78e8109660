// The platform admin's writes to a tenant: suspension, restore and plan changes.
#include <algorithm>

#include "tenancy/tenancy_service.hpp"

namespace webdpro::tenancy {
namespace {

constexpr std::size_t kMaxReason = 500;

constexpr std::string_view kSelectTenant = R"sql(
SELECT tenant_id, owner_user_id, business_name, plan, created_at, status, coalesce(suspended_reason, '') AS reason,
       suspended_at, suspended_by
FROM tenants WHERE tenant_id = $1
)sql";

constexpr std::string_view kSelectSuspended = "SELECT tenant_id FROM tenants WHERE status = 'SUSPENDED'";

constexpr std::string_view kSuspend = R"sql(
UPDATE tenants SET status = 'SUSPENDED', suspended_reason = $2, suspended_at = $3, suspended_by = $4, updated_at = $3
WHERE tenant_id = $1 AND status = 'ACTIVE'
)sql";

constexpr std::string_view kRestore = R"sql(
UPDATE tenants SET status = 'ACTIVE', suspended_reason = NULL, suspended_at = NULL, suspended_by = NULL,
                   updated_at = $2
WHERE tenant_id = $1 AND status = 'SUSPENDED'
)sql";

constexpr std::string_view kSetPlan = "UPDATE tenants SET plan = $2, updated_at = $3 WHERE tenant_id = $1";

/// A reason an admin gives: trimmed, 1 to kMaxReason characters, no control characters but line
/// breaks.
Result<std::string> ValidReason(std::string raw) {
    const auto first = raw.find_first_not_of(" \t\r\n");
    std::string reason;
    if (first != std::string::npos) {
        reason = raw.substr(first, raw.find_last_not_of(" \t\r\n") - first + 1);
    }
    std::size_t length = 0;
    for (unsigned char c : reason) {
        length += (c & 0xC0U) != 0x80U ? 1 : 0;
    }
    const bool control = std::ranges::any_of(reason, [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\n') || u == 0x7F;
    });
    if (reason.empty() || length > kMaxReason || control) {
        return Fail(ApiError::Invalid("reason", "Give a reason of 1 to " + std::to_string(kMaxReason) +
                                                    " characters; it is kept in the audit log."));
    }
    return reason;
}

Result<Tenant> TenantFromRow(const storage::Row& row) {
    Tenant t{.id = TenantId(row.Text("tenant_id")),
             .owner_user_id = UserId(row.Text("owner_user_id")),
             .business_name = row.Text("business_name"),
             .plan = row.Text("plan"),
             .created_at = FromUnixMillis(row.Int("created_at")),
             .status = row.Text("status"),
             .suspended_reason = row.Text("reason")};
    if (auto at = row.OptInt("suspended_at")) {
        t.suspended_at = FromUnixMillis(*at);
    }
    if (auto by = row.OptText("suspended_by")) {
        t.suspended_by = UserId(*by);
    }
    return t;
}

Result<Tenant> ReadTenant(storage::Conn& conn, const TenantId& tenant_id) {
    auto row = conn.QueryOne(kSelectTenant, tenant_id);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return Fail(ApiError::NotFound("Tenant"));
    }
    return TenantFromRow(**row);
}

}  // namespace

boost::asio::awaitable<Result<Tenant>> TenancyService::GetTenant(TenantId tenant_id) {
    co_return co_await db_.Read([&](storage::Conn& conn) { return ReadTenant(conn, tenant_id); });
}

Result<void> TenancyService::LoadSuspended() {
    if (suspended_ == nullptr) {
        return {};
    }
    const std::uint64_t seen = suspended_->Version();
    auto ids = db_.ReadSync([](storage::Conn& conn) -> Result<std::vector<TenantId>> {
        auto rows = conn.Query(kSelectSuspended);
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        std::vector<TenantId> out;
        for (const auto& row : *rows) {
            out.emplace_back(row.Text("tenant_id"));
        }
        return out;
    });
    if (!ids) {
        return Fail(std::move(ids.error()));
    }
    suspended_->ReplaceIfUnchanged(*ids, seen);
    return {};
}

boost::asio::awaitable<Result<Tenant>> TenancyService::Suspend(TenantId tenant_id, UserId actor, std::string reason,
                                                               auth::RequestMeta meta) {
    auto why = ValidReason(std::move(reason));
    if (!why) {
        co_return Fail(std::move(why.error()));
    }
    const TimePoint now = NowUtc();
    auto suspended = co_await db_.Write([&](storage::Conn& conn) -> Result<Tenant> {
        auto before = ReadTenant(conn, tenant_id);
        if (!before) {
            return Fail(std::move(before.error()));
        }
        if (before->status == "SUSPENDED") {
            return Fail(ApiError::Conflict("This business is already suspended."));
        }
        if (auto r = conn.Exec(kSuspend, tenant_id, *why, UnixMillis(now), actor); !r) {
            return Fail(std::move(r.error()));
        }
        auto audited = auth::AppendAudit(conn, {.tenant_id = tenant_id,
                                                .actor = actor,
                                                .action = std::string(auth::audit_action::kTenantSuspend),
                                                .target_type = "tenant",
                                                .target_id = tenant_id.str(),
                                                .details = {{"reason", *why}},
                                                .request_id = meta.request_id,
                                                .client_ip = meta.client_ip,
                                                .at = now});
        if (!audited) {
            return Fail(std::move(audited.error()));
        }
        return ReadTenant(conn, tenant_id);
    });
    if (suspended && suspended_ != nullptr) {
        suspended_->Set(tenant_id, true);
    }
    co_return suspended;
}

boost::asio::awaitable<Result<Tenant>> TenancyService::Restore(TenantId tenant_id, UserId actor, std::string reason,
                                                               auth::RequestMeta meta) {
    auto why = ValidReason(std::move(reason));
    if (!why) {
        co_return Fail(std::move(why.error()));
    }
    const TimePoint now = NowUtc();
    auto restored = co_await db_.Write([&](storage::Conn& conn) -> Result<Tenant> {
        auto before = ReadTenant(conn, tenant_id);
        if (!before) {
            return Fail(std::move(before.error()));
        }
        if (before->status != "SUSPENDED") {
            return Fail(ApiError::Conflict("This business is not suspended."));
        }
        if (auto r = conn.Exec(kRestore, tenant_id, UnixMillis(now)); !r) {
            return Fail(std::move(r.error()));
        }
        auto audited =
            auth::AppendAudit(conn, {.tenant_id = tenant_id,
                                     .actor = actor,
                                     .action = std::string(auth::audit_action::kTenantRestore),
                                     .target_type = "tenant",
                                     .target_id = tenant_id.str(),
                                     .details = {{"reason", *why}, {"suspended_reason", before->suspended_reason}},
                                     .request_id = meta.request_id,
                                     .client_ip = meta.client_ip,
                                     .at = now});
        if (!audited) {
            return Fail(std::move(audited.error()));
        }
        return ReadTenant(conn, tenant_id);
    });
    if (restored && suspended_ != nullptr) {
        suspended_->Set(tenant_id, false);
    }
    co_return restored;
}

boost::asio::awaitable<Result<Tenant>> TenancyService::ChangePlan(TenantId tenant_id, UserId actor, std::string plan,
                                                                  std::string reason, auth::RequestMeta meta) {
    if (std::ranges::find(kPlans, std::string_view(plan)) == std::end(kPlans)) {
        co_return Fail(ApiError::Invalid("plan", "Choose FREE, PRO or ENTERPRISE."));
    }
    auto why = ValidReason(std::move(reason));
    if (!why) {
        co_return Fail(std::move(why.error()));
    }
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Tenant> {
        auto before = ReadTenant(conn, tenant_id);
        if (!before) {
            return Fail(std::move(before.error()));
        }
        if (before->plan == plan) {
            return Fail(ApiError::Conflict("This business already is on the " + plan + " plan."));
        }
        if (auto r = conn.Exec(kSetPlan, tenant_id, plan, UnixMillis(now)); !r) {
            return Fail(std::move(r.error()));
        }
        auto audited = auth::AppendAudit(conn, {.tenant_id = tenant_id,
                                                .actor = actor,
                                                .action = std::string(auth::audit_action::kTenantPlanChange),
                                                .target_type = "tenant",
                                                .target_id = tenant_id.str(),
                                                .details = {{"reason", *why}, {"from", before->plan}, {"to", plan}},
                                                .request_id = meta.request_id,
                                                .client_ip = meta.client_ip,
                                                .at = now});
        if (!audited) {
            return Fail(std::move(audited.error()));
        }
        return ReadTenant(conn, tenant_id);
    });
}

}  // namespace webdpro::tenancy
