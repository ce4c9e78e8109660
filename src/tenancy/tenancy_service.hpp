#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/audit.hpp"
#include "auth/memberships.hpp"
#include "auth/phone.hpp"
#include "auth/sessions.hpp"
#include "auth/suspended_tenants.hpp"
#include "auth/users.hpp"
#include "core/awaitable.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "storage/db.hpp"

namespace webdpro::tenancy {

/// A business on the platform.
struct Tenant {
    TenantId id{};
    UserId owner_user_id{};
    std::string business_name{};
    std::string plan = "FREE";  ///< FREE | PRO | ENTERPRISE
    TimePoint created_at{};
    std::string status = "ACTIVE";  ///< ACTIVE | SUSPENDED
    /// Set while SUSPENDED: why, when and by whom.
    std::string suspended_reason{};
    std::optional<TimePoint> suspended_at{};
    std::optional<UserId> suspended_by{};
};

/// The plans a tenant can be on. They set store limits, custom domains and the AI budget; they
/// are not billed and do not expire.
inline constexpr std::string_view kPlans[] = {"FREE", "PRO", "ENTERPRISE"};

/// A tenant as the platform console lists it.
struct TenantSummary {
    Tenant tenant{};
    std::string owner_phone_masked{};
};

/// A delivery agent of one tenant. The phone is decrypted from the membership row.
struct Agent {
    UserId user_id{};
    std::string phone{};  ///< E.164
    std::string name{};
    TimePoint created_at{};
};

/// Limits on what one person may do.
struct TenancyOptions {
    /// Businesses one person may own; 0 = no limit.
    int businesses_per_person = 0;
};

/// Tenants and memberships: creating a business, its delivery agents, the platform's list of
/// tenants, and (as auth's MembershipSource) a user's memberships at sign-in.
///
/// Isolation: every method that touches a tenant's data takes the TenantId, which callers take
/// from the authenticated Principal only; a row of another tenant is indistinguishable from a
/// missing one (kNotFound). Agents' phone numbers are stored encrypted (PiiVault, bound to the
/// tenant) with a blind index. Invitations, removals and new tenants are audited in the same
/// transaction as the change.
///
/// Thread-safe; every reference must outlive it.
class TenancyService final : public auth::MembershipSource {
public:
    /// `suspended` (optional) is kept up to date with the tenants suspended in the database.
    TenancyService(storage::Db& db, auth::UserService& users, auth::SessionService& sessions, const PiiVault& vault,
                   TenancyOptions options = {}, auth::SuspendedTenants* suspended = nullptr);

    /// A new tenant owned by `owner`, who becomes its BUSINESS_OWNER. `business_name` is trimmed;
    /// 2-80 characters without control characters, else kInvalidArgument (field business_name).
    /// kConflict when `owner` already owns businesses_per_person businesses.
    boost::asio::awaitable<Result<Tenant>> CreateTenant(UserId owner, std::string business_name,
                                                        auth::RequestMeta meta);

    /// Invites `phone` as a delivery agent of `tenant_id` (the person is created as a user if new;
    /// a removed agent is re-activated). kInvalidArgument for a bad name (field name); kConflict
    /// when the phone already is an agent or the owner of this tenant.
    boost::asio::awaitable<Result<Agent>> InviteAgent(TenantId tenant_id, UserId actor, auth::PhoneNumber phone,
                                                      std::string name, auth::RequestMeta meta);
    /// The tenant's active agents, oldest first.
    boost::asio::awaitable<Result<std::vector<Agent>>> ListAgents(TenantId tenant_id);
    /// Removes an agent from `tenant_id` and ends the agent's sessions in it. kNotFound when
    /// `agent` is not an active agent of this tenant (including another tenant's agent).
    boost::asio::awaitable<Result<void>> RemoveAgent(TenantId tenant_id, UserId actor, UserId agent,
                                                     auth::RequestMeta meta);

    /// Every tenant, newest first (at most `limit`), for the platform console.
    boost::asio::awaitable<Result<std::vector<TenantSummary>>> ListTenants(int limit);

    /// One tenant with its status; kNotFound("Tenant") when there is none.
    boost::asio::awaitable<Result<Tenant>> GetTenant(TenantId tenant_id);

    /// Reads every suspended tenant into the SuspendedTenants given at construction: at start-up,
    /// then every few seconds (suspensions made on other nodes). Blocking.
    Result<void> LoadSuspended();

    /// The platform admin suspends a tenant: status SUSPENDED with the reason, the time and the
    /// admin, audited ("tenant.suspend") in the same transaction. Nothing is deleted.
    /// kInvalidArgument (field reason) for an empty or over-long reason, kNotFound("Tenant"),
    /// kConflict when already suspended.
    boost::asio::awaitable<Result<Tenant>> Suspend(TenantId tenant_id, UserId actor, std::string reason,
                                                   auth::RequestMeta meta);
    /// Brings a suspended tenant back (audited "tenant.restore"). Errors as Suspend; kConflict
    /// when the tenant is not suspended.
    boost::asio::awaitable<Result<Tenant>> Restore(TenantId tenant_id, UserId actor, std::string reason,
                                                   auth::RequestMeta meta);
    /// Moves a tenant to another plan (one of kPlans), audited ("tenant.plan_change") with the old
    /// and new plan. kInvalidArgument (field plan or reason), kNotFound, kConflict when the tenant
    /// already is on that plan.
    boost::asio::awaitable<Result<Tenant>> ChangePlan(TenantId tenant_id, UserId actor, std::string plan,
                                                      std::string reason, auth::RequestMeta meta);

    /// auth::MembershipSource.
    boost::asio::awaitable<Result<std::vector<auth::MembershipView>>> ForUser(UserId user_id) override;

private:
    storage::Db& db_;
    auth::UserService& users_;
    auth::SessionService& sessions_;
    const PiiVault& vault_;
    TenancyOptions options_;
    auth::SuspendedTenants* suspended_;
};

/// The AEAD context binding an agent's encrypted phone to its tenant.
std::string MembershipPhoneContext(const TenantId& tenant_id);

/// Whether `vault` reads this database's delivery agents: the newest agent's phone opens and its
/// blind index matches. Success when no agent has a phone; kConflict when the keys belong to
/// another database. Runs in the caller's transaction.
Result<void> CheckVaultReadsMemberships(storage::Conn& conn, const PiiVault& vault);

/// Whether any business exists. Runs in the caller's transaction.
Result<bool> AnyTenant(storage::Conn& conn);

}  // namespace webdpro::tenancy
