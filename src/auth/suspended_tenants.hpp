#pragma once

#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/ids.hpp"

namespace webdpro::auth {

/// The tenants the platform's admin has suspended, as the guard sees them: a tenant-scoped route
/// of a suspended tenant answers 403 ("This business is suspended"). Filled at start-up and kept
/// up to date by the tenancy feature (which owns tenants.status) after each suspension or
/// restore commits. Thread-safe.
class SuspendedTenants final {
public:
    /// Whether `tenant` is suspended.
    bool Contains(const TenantId& tenant) const;
    /// Marks `tenant` suspended (true) or active (false).
    void Set(const TenantId& tenant, bool suspended);
    /// Replaces the whole set (start-up).
    void Replace(const std::vector<TenantId>& tenants);

private:
    mutable std::mutex mutex_;
    std::set<std::string, std::less<>> ids_;
};

}  // namespace webdpro::auth
