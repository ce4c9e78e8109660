#include "tenancy/tenants.hpp"

#include "storage/db.hpp"

namespace webdpro::tenancy {
namespace {

constexpr std::string_view kSetGstin = "UPDATE tenants SET gstin = $2, updated_at = $3 WHERE tenant_id = $1";

}  // namespace

Result<void> SetTenantGstin(storage::Conn& conn, const TenantId& tenant, const std::optional<std::string>& gstin,
                            TimePoint now) {
    auto updated = conn.Exec(kSetGstin, tenant, gstin, UnixMillis(now));
    if (!updated) {
        return Fail(std::move(updated.error()));
    }
    if (*updated == 0) {
        return Fail(ApiError::NotFound("Tenant"));
    }
    return {};
}

}  // namespace webdpro::tenancy
