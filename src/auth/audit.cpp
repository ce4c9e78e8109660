#include "auth/audit.hpp"

namespace webdpro::auth {
namespace {

constexpr std::string_view kInsertAudit = R"sql(
INSERT INTO audit_log (audit_id, tenant_id, actor_user_id, action, target_type, target_id, details, request_id,
                       client_ip, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
)sql";

constexpr std::string_view kAuditPrefix = "aud";

}  // namespace

Result<void> AppendAudit(storage::Conn& conn, const AuditEntry& entry) {
    std::optional<std::string> request_id;
    if (!entry.request_id.empty()) {
        request_id = entry.request_id;
    }
    auto inserted = conn.Exec(kInsertAudit, NewIdString(kAuditPrefix), entry.tenant_id, entry.actor, entry.action,
                              entry.target_type, entry.target_id, entry.details.dump(), request_id, entry.client_ip,
                              UnixMillis(entry.at));
    if (!inserted) {
        return Fail(inserted.error());
    }
    return {};
}

}  // namespace webdpro::auth
