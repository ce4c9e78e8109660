#include "auth/suspended_tenants.hpp"

namespace webdpro::auth {

bool SuspendedTenants::Contains(const TenantId& tenant) const {
    const std::lock_guard lock(mutex_);
    return ids_.contains(tenant.str());
}

void SuspendedTenants::Set(const TenantId& tenant, bool suspended) {
    const std::lock_guard lock(mutex_);
    ++version_;
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

std::uint64_t SuspendedTenants::Version() const {
    const std::lock_guard lock(mutex_);
    return version_;
}

bool SuspendedTenants::ReplaceIfUnchanged(const std::vector<TenantId>& tenants, std::uint64_t seen) {
    std::set<std::string, std::less<>> ids;
    for (const auto& tenant : tenants) {
        ids.insert(tenant.str());
    }
    const std::lock_guard lock(mutex_);
    if (version_ != seen) {
        return false;
    }
    ids_ = std::move(ids);
    return true;
}

}  // namespace webdpro::auth
