#pragma once

#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/ids.hpp"

namespace webdpro::auth {

/// The tenants the platform's admin has suspended, as the guard sees them: a tenant-scoped route
/// of a suspended tenant answers 403 ("This business is suspended"). Filled at start-up, updated
/// by the tenancy feature (which owns tenants.status) after each suspension or restore commits on
/// this node, and re-read from the database every few seconds (changes made on other nodes).
/// Thread-safe.
class SuspendedTenants final {
public:
    /// Whether `tenant` is suspended.
    bool Contains(const TenantId& tenant) const;
    /// Marks `tenant` suspended (true) or active (false).
    void Set(const TenantId& tenant, bool suspended);
    /// Replaces the whole set.
    void Replace(const std::vector<TenantId>& tenants);
    /// Counts the changes made by Set().
    std::uint64_t Version() const;
    /// Replaces the whole set with `tenants`, read from the database after Version() returned
    /// `seen`; ignored (false) when Set() ran meanwhile, so a slow re-read cannot undo a newer change.
    bool ReplaceIfUnchanged(const std::vector<TenantId>& tenants, std::uint64_t seen);

private:
    mutable std::mutex mutex_;
    std::uint64_t version_ = 0;
    std::set<std::string, std::less<>> ids_;
};

}  // namespace webdpro::auth
