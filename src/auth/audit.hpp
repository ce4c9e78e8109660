#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "storage/db.hpp"

namespace webdpro::auth {

/// Audit actions written by accounts code. Later features add their own ("store.publish", ...).
namespace audit_action {
inline constexpr std::string_view kSignIn = "auth.sign_in";
inline constexpr std::string_view kVerifyFailed = "auth.verify_failed";
inline constexpr std::string_view kRefreshReuse = "auth.refresh_reuse";
inline constexpr std::string_view kSignOut = "auth.sign_out";
inline constexpr std::string_view kSwitchTenant = "auth.switch_tenant";
inline constexpr std::string_view kTenantCreate = "tenant.create";
inline constexpr std::string_view kAgentInvite = "agent.invite";
inline constexpr std::string_view kAgentRemove = "agent.remove";
inline constexpr std::string_view kRoleChange = "user.role_change";
inline constexpr std::string_view kTenantSuspend = "tenant.suspend";
inline constexpr std::string_view kTenantRestore = "tenant.restore";
inline constexpr std::string_view kTenantPlanChange = "tenant.plan_change";
inline constexpr std::string_view kEventReplay = "event.replay";
}  // namespace audit_action

/// One row of audit_log. Never put secrets, tokens, codes or full phone numbers in `details`.
struct AuditEntry {
    std::optional<TenantId> tenant_id{};  ///< empty for platform actions
    std::optional<UserId> actor{};        ///< empty for the system or an anonymous caller
    std::string action{};                 ///< one of audit_action::*
    std::string target_type{};            ///< "user", "tenant", "session", "phone"
    std::string target_id{};
    nlohmann::json details = nlohmann::json::object();
    std::string request_id{};
    std::string client_ip{};
    TimePoint at = NowUtc();
};

/// Appends an audit row inside the caller's transaction, so the row exists exactly when the
/// change it records was committed.
Result<void> AppendAudit(storage::Conn& conn, const AuditEntry& entry);

/// Who and where, for audit rows (taken from the request by route handlers).
struct RequestMeta {
    std::string request_id{};
    std::string client_ip{};
    std::string user_agent{};
};

}  // namespace webdpro::auth
