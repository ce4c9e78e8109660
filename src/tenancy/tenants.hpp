#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace webdpro::storage {
class Conn;
}

namespace webdpro::tenancy {

/// Inside the caller's transaction: sets the tenant's GSTIN (already checked and normalised by the
/// caller; nullopt removes it). kNotFound("Tenant") when there is no such tenant.
Result<void> SetTenantGstin(storage::Conn& conn, const TenantId& tenant, const std::optional<std::string>& gstin,
                            TimePoint now);

}  // namespace webdpro::tenancy
