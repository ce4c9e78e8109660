#include "tenancy/tenancy_service.hpp"

#include <algorithm>

namespace webdpro::tenancy {
namespace {

constexpr std::size_t kMinBusinessName = 2;
constexpr std::size_t kMaxBusinessName = 80;
constexpr std::size_t kMaxAgentName = 60;

constexpr std::string_view kInsertTenant = R"sql(
INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
)sql";

constexpr std::string_view kCountOwned = R"sql(
SELECT count(*) FROM tenants WHERE owner_user_id = $1
)sql";

constexpr std::string_view kInsertOwnerMembership = R"sql(
INSERT INTO memberships (tenant_id, user_id, role, display_name, created_at, updated_at)
VALUES ($1, $2, 'BUSINESS_OWNER', '', $3, $3)
)sql";

constexpr std::string_view kSelectMembership = R"sql(
SELECT role, active FROM memberships WHERE tenant_id = $1 AND user_id = $2
)sql";

constexpr std::string_view kInsertAgentMembership = R"sql(
INSERT INTO memberships (tenant_id, user_id, role, display_name, phone_enc, phone_hash, invited_by, created_at,
                         updated_at)
VALUES ($1, $2, 'DELIVERY_AGENT', $3, $4, $5, $6, $7, $7)
)sql";

constexpr std::string_view kReactivateAgent = R"sql(
UPDATE memberships
SET active = 1, available = 0, display_name = $3, phone_enc = $4, phone_hash = $5, invited_by = $6, updated_at = $7
WHERE tenant_id = $1 AND user_id = $2 AND role = 'DELIVERY_AGENT' AND active = 0
)sql";

constexpr std::string_view kSelectAgent = R"sql(
SELECT user_id, display_name, phone_enc, created_at FROM memberships
WHERE tenant_id = $1 AND user_id = $2 AND role = 'DELIVERY_AGENT' AND active = 1
)sql";

constexpr std::string_view kSelectAgents = R"sql(
SELECT user_id, display_name, phone_enc, created_at FROM memberships
WHERE tenant_id = $1 AND role = 'DELIVERY_AGENT' AND active = 1
ORDER BY created_at, user_id
)sql";

constexpr std::string_view kDeactivateAgent = R"sql(
UPDATE memberships SET active = 0, available = 0, updated_at = $3
WHERE tenant_id = $1 AND user_id = $2 AND role = 'DELIVERY_AGENT' AND active = 1
)sql";

constexpr std::string_view kSelectTenants = R"sql(
SELECT tenant_id, owner_user_id, business_name, plan, created_at FROM tenants
ORDER BY created_at DESC, tenant_id DESC LIMIT $1
)sql";

// A user's memberships across tenants (memberships_by_user): the one cross-tenant read, keyed by
// the signed-in user, never by a tenant id from the request.
constexpr std::string_view kSelectMembershipsOfUser = R"sql(
SELECT m.tenant_id, t.business_name, m.role FROM memberships m JOIN tenants t ON t.tenant_id = m.tenant_id
WHERE m.user_id = $1 AND m.active = 1
ORDER BY CASE m.role WHEN 'BUSINESS_OWNER' THEN 0 ELSE 1 END, m.created_at, m.tenant_id
)sql";

/// Counts characters, not bytes, so Hindi names get the same room as English ones.
std::size_t Utf8Length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0U) != 0x80U) {
            ++n;
        }
    }
    return n;
}

std::string TrimSpaces(std::string s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

bool HasControl(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

Result<std::string> ValidName(std::string raw, const std::string& field, std::size_t min, std::size_t max,
                              const std::string& what) {
    std::string name = TrimSpaces(std::move(raw));
    const std::size_t length = Utf8Length(name);
    if (length < min || length > max || HasControl(name)) {
        return Fail(ApiError::Invalid(
            field, what + " must be " + std::to_string(min) + " to " + std::to_string(max) + " characters."));
    }
    return name;
}

Result<Agent> AgentFromRow(const storage::Row& row, const TenantId& tenant_id, const PiiVault& vault) {
    Agent agent{.user_id = UserId(row.Text(0)), .name = row.Text(1), .created_at = FromUnixMillis(row.Int(3))};
    if (auto blob = row.OptBlob(2)) {
        auto phone = vault.Decrypt(*blob, MembershipPhoneContext(tenant_id));
        if (!phone) {
            return Fail(phone.error());
        }
        agent.phone = std::move(*phone);
    }
    return agent;
}

}  // namespace

std::string MembershipPhoneContext(const TenantId& tenant_id) {
    return "membership.phone|" + tenant_id.str();
}

TenancyService::TenancyService(storage::Db& db, auth::UserService& users, auth::SessionService& sessions,
                               const PiiVault& vault, TenancyOptions options, auth::SuspendedTenants* suspended)
    : db_(db), users_(users), sessions_(sessions), vault_(vault), options_(options), suspended_(suspended) {}

boost::asio::awaitable<Result<Tenant>> TenancyService::CreateTenant(UserId owner, std::string business_name,
                                                                    auth::RequestMeta meta) {
    auto name =
        ValidName(std::move(business_name), "business_name", kMinBusinessName, kMaxBusinessName, "The business name");
    if (!name) {
        co_return Fail(name.error());
    }
    const TimePoint now = NowUtc();
    Tenant tenant{.id = TenantId::New(), .owner_user_id = owner, .business_name = *name, .created_at = now};
    const int most = options_.businesses_per_person;
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Tenant> {
        if (most > 0) {
            auto owned = conn.QueryOne(kCountOwned, owner);
            if (!owned) {
                return Fail(owned.error());
            }
            if ((*owned)->Int(0) >= most) {
                return Fail(ApiError::Conflict("You already run " + std::to_string(most) +
                                               (most == 1 ? " business" : " businesses") +
                                               ", the most one person can. Add new stores to one of them instead."));
            }
        }
        if (auto r = conn.Exec(kInsertTenant, tenant.id, owner, tenant.business_name, UnixMillis(now)); !r) {
            return Fail(r.error());
        }
        if (auto r = conn.Exec(kInsertOwnerMembership, tenant.id, owner, UnixMillis(now)); !r) {
            return Fail(r.error());
        }
        auto audited = auth::AppendAudit(conn, {.tenant_id = tenant.id,
                                                .actor = owner,
                                                .action = std::string(auth::audit_action::kTenantCreate),
                                                .target_type = "tenant",
                                                .target_id = tenant.id.str(),
                                                .details = {{"role", "BUSINESS_OWNER"}},
                                                .request_id = meta.request_id,
                                                .client_ip = meta.client_ip,
                                                .at = now});
        if (!audited) {
            return Fail(audited.error());
        }
        return tenant;
    });
}

boost::asio::awaitable<Result<Agent>> TenancyService::InviteAgent(TenantId tenant_id, UserId actor,
                                                                  auth::PhoneNumber phone, std::string name,
                                                                  auth::RequestMeta meta) {
    auto valid_name = ValidName(std::move(name), "name", 1, kMaxAgentName, "The name");
    if (!valid_name) {
        co_return Fail(valid_name.error());
    }
    auto user = co_await users_.FindOrCreate(phone, *valid_name);
    if (!user) {
        co_return Fail(user.error());
    }
    const TimePoint now = NowUtc();
    const Bytes phone_enc = vault_.Encrypt(phone.e164(), MembershipPhoneContext(tenant_id));
    const std::string phone_hash = vault_.BlindIndex(phone.e164());
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Agent> {
        auto existing = conn.QueryOne(kSelectMembership, tenant_id, user->id);
        if (!existing) {
            return Fail(existing.error());
        }
        if (*existing) {
            if ((*existing)->Text(0) == "BUSINESS_OWNER") {
                return Fail(ApiError::Conflict("That number belongs to the owner of this business."));
            }
            if ((*existing)->Bool(1)) {
                return Fail(ApiError::Conflict("That number is already one of your delivery agents."));
            }
            auto r = conn.Exec(kReactivateAgent, tenant_id, user->id, *valid_name, phone_enc, phone_hash, actor,
                               UnixMillis(now));
            if (!r) {
                return Fail(r.error());
            }
        } else {
            auto r = conn.Exec(kInsertAgentMembership, tenant_id, user->id, *valid_name, phone_enc, phone_hash, actor,
                               UnixMillis(now));
            if (!r) {
                return Fail(r.error());
            }
        }
        auto audited = auth::AppendAudit(conn, {.tenant_id = tenant_id,
                                                .actor = actor,
                                                .action = std::string(auth::audit_action::kAgentInvite),
                                                .target_type = "user",
                                                .target_id = user->id.str(),
                                                .details = {{"role", "DELIVERY_AGENT"}, {"phone", phone.Masked()}},
                                                .request_id = meta.request_id,
                                                .client_ip = meta.client_ip,
                                                .at = now});
        if (!audited) {
            return Fail(audited.error());
        }
        auto row = conn.QueryOne(kSelectAgent, tenant_id, user->id);
        if (!row) {
            return Fail(row.error());
        }
        if (!*row) {
            return Fail(ApiError::Internal("agent membership vanished inside its own transaction"));
        }
        return AgentFromRow(**row, tenant_id, vault_);
    });
}

boost::asio::awaitable<Result<std::vector<Agent>>> TenancyService::ListAgents(TenantId tenant_id) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<Agent>> {
        auto rows = conn.Query(kSelectAgents, tenant_id);
        if (!rows) {
            return Fail(rows.error());
        }
        std::vector<Agent> agents;
        for (const auto& row : *rows) {
            auto agent = AgentFromRow(row, tenant_id, vault_);
            if (!agent) {
                return Fail(agent.error());
            }
            agents.push_back(std::move(*agent));
        }
        return agents;
    });
}

boost::asio::awaitable<Result<void>> TenancyService::RemoveAgent(TenantId tenant_id, UserId actor, UserId agent,
                                                                 auth::RequestMeta meta) {
    const TimePoint now = NowUtc();
    auto revoked = co_await db_.Write([&](storage::Conn& conn) -> Result<std::vector<SessionId>> {
        auto changed = conn.Exec(kDeactivateAgent, tenant_id, agent, UnixMillis(now));
        if (!changed) {
            return Fail(changed.error());
        }
        if (*changed == 0) {
            return Fail(ApiError::NotFound("Agent"));
        }
        auto sessions = auth::SessionService::RevokeMemberSessions(conn, agent, tenant_id, now);
        if (!sessions) {
            return Fail(sessions.error());
        }
        auto audited =
            auth::AppendAudit(conn, {.tenant_id = tenant_id,
                                     .actor = actor,
                                     .action = std::string(auth::audit_action::kAgentRemove),
                                     .target_type = "user",
                                     .target_id = agent.str(),
                                     .details = {{"role", "DELIVERY_AGENT"}, {"sessions_revoked", sessions->size()}},
                                     .request_id = meta.request_id,
                                     .client_ip = meta.client_ip,
                                     .at = now});
        if (!audited) {
            return Fail(audited.error());
        }
        return std::move(*sessions);
    });
    if (!revoked) {
        co_return Fail(revoked.error());
    }
    sessions_.Forget(*revoked);
    co_return Result<void>{};
}

boost::asio::awaitable<Result<std::vector<TenantSummary>>> TenancyService::ListTenants(int limit) {
    auto tenants = co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<Tenant>> {
        auto rows = conn.Query(kSelectTenants, limit);
        if (!rows) {
            return Fail(rows.error());
        }
        std::vector<Tenant> out;
        for (const auto& row : *rows) {
            out.push_back(Tenant{.id = TenantId(row.Text(0)),
                                 .owner_user_id = UserId(row.Text(1)),
                                 .business_name = row.Text(2),
                                 .plan = row.Text(3),
                                 .created_at = FromUnixMillis(row.Int(4))});
        }
        return out;
    });
    if (!tenants) {
        co_return Fail(tenants.error());
    }
    std::vector<UserId> owners;
    for (const auto& t : *tenants) {
        owners.push_back(t.owner_user_id);
    }
    auto phones = co_await users_.Phones(std::move(owners));
    if (!phones) {
        co_return Fail(phones.error());
    }
    std::vector<TenantSummary> out;
    for (auto& t : *tenants) {
        auto it = phones->find(t.owner_user_id);
        out.push_back(TenantSummary{.tenant = std::move(t),
                                    .owner_phone_masked = it == phones->end() ? "" : auth::MaskPhone(it->second)});
    }
    co_return out;
}

boost::asio::awaitable<Result<std::vector<auth::MembershipView>>> TenancyService::ForUser(UserId user_id) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<auth::MembershipView>> {
        auto rows = conn.Query(kSelectMembershipsOfUser, user_id);
        if (!rows) {
            return Fail(rows.error());
        }
        std::vector<auth::MembershipView> out;
        for (const auto& row : *rows) {
            auto role = ParseRole(row.Text(2));
            if (!role) {
                return Fail(ApiError::Internal("membership with an unknown role"));
            }
            out.push_back({.tenant_id = TenantId(row.Text(0)), .business_name = row.Text(1), .role = *role});
        }
        return out;
    });
}

Result<void> CheckVaultReadsMemberships(storage::Conn& conn, const PiiVault& vault) {
    auto row = conn.QueryOne(
        "SELECT tenant_id, phone_enc, phone_hash FROM memberships WHERE phone_enc IS NOT NULL AND phone_hash IS NOT "
        "NULL ORDER BY created_at DESC LIMIT 1");
    if (!row) {
        return Fail(row.error());
    }
    if (!*row) {
        return {};
    }
    auto phone =
        vault.Decrypt((*row)->BlobAt("phone_enc"), MembershipPhoneContext(TenantId((*row)->Text("tenant_id"))));
    if (!phone || vault.BlindIndex(*phone) != (*row)->Text("phone_hash")) {
        return Fail(ApiError::Conflict("the keys in use do not read its delivery agents' phone numbers"));
    }
    return {};
}

Result<bool> AnyTenant(storage::Conn& conn) {
    auto row = conn.QueryOne("SELECT 1 FROM tenants LIMIT 1");
    if (!row) {
        return Fail(row.error());
    }
    return row->has_value();
}

}  // namespace webdpro::tenancy
