#include "auth/suspended_tenants.hpp"

namespace webdpro::auth {

bool SuspendedTenants::Contains(const TenantId& tenant) const {
    const std::lock_guard lock(mutex_);
    return ids_.contains(tenant.str());
}

void SuspendedTenants::Set(const TenantId& tenant, bool suspended) {
    const std::lock_guard lock(mutex_);
    if (suspended) {
        ids_.insert(tenant.str());
    } else {
        ids_.erase(tenant.str());
    }
}

void SuspendedTenants::Replace(const std::vector<TenantId>& tenants) {
    std::set<std::string, std::less<>> ids;
    for (const auto& tenant : tenants) {
        ids.insert(tenant.str());
    }
    const std::lock_guard lock(mutex_);
    ids_ = std::move(ids);
}

}  // namespace webdpro::auth
