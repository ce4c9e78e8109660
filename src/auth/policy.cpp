#include "auth/policy.hpp"

#include <algorithm>
#include <array>

namespace webdpro::auth {
namespace {

using enum Role;

// The authorization table. Keep it short and deliberate: each row is a capability a person has,
// not a route. Tenant-scoped rows act only on the principal's own tenant (repositories take the
// TenantId from the principal), so another tenant's ids answer 404, never 403.
const std::array<PermissionRule, 9> kPermissionTable = {{
    {"me",
     Scope::kAny,
     {kCustomer, kBusinessOwner, kDeliveryAgent, kSuperAdmin},
     "read one's own account and switch between one's memberships"},
    {"tenant.create",
     Scope::kAny,
     {kCustomer, kBusinessOwner, kSuperAdmin},
     "start a new business (the caller becomes its owner)"},
    {"agents.manage", Scope::kTenant, {kBusinessOwner}, "invite, list and remove the tenant's delivery agents"},
    {"stores.manage", Scope::kTenant, {kBusinessOwner}, "generate, edit and publish the tenant's stores"},
    {"orders.manage", Scope::kTenant, {kBusinessOwner}, "see the tenant's orders and move them through their states"},
    {"payments.manage",
     Scope::kTenant,
     {kBusinessOwner},
     "set how the business is paid and what its stores' checkouts offer; check customers' payments"},
    {"deliveries.manage",
     Scope::kTenant,
     {kBusinessOwner},
     "set up the tenant's riders, assign and follow deliveries, record the cash riders hand in"},
    {"deliveries.ride",
     Scope::kTenant,
     {kDeliveryAgent},
     "a rider's own profile and deliveries: picked up, delivered, failed, location while delivering"},
    {"admin.platform", Scope::kPlatform, {kSuperAdmin}, "the platform console: every tenant, platform figures"},
}};

}  // namespace

std::string_view ScopeName(Scope scope) {
    switch (scope) {
        case Scope::kAny:
            return "any";
        case Scope::kTenant:
            return "tenant";
        case Scope::kPlatform:
            return "platform";
    }
    return "any";
}

std::span<const PermissionRule> Policy::Rules() {
    return kPermissionTable;
}

const PermissionRule* Policy::Find(std::string_view permission) {
    for (const auto& rule : kPermissionTable) {
        if (rule.name == permission) {
            return &rule;
        }
    }
    return nullptr;
}

Result<void> Policy::Authorize(const Principal& principal, std::string_view permission) {
    const PermissionRule* rule = Find(permission);
    if (rule == nullptr) {
        // CheckRoutes makes this unreachable for routes; a direct caller with a typo gets no access.
        return Fail(ApiError(ErrorCode::kForbidden, "You are not allowed to do this.",
                             "unknown permission '" + std::string(permission) + "'"));
    }
    if (std::find(rule->roles.begin(), rule->roles.end(), principal.role) == rule->roles.end()) {
        return Fail(ApiError(ErrorCode::kForbidden, "You are not allowed to do this.",
                             std::string(RoleName(principal.role)) + " lacks " + std::string(permission)));
    }
    if (rule->scope == Scope::kTenant && !principal.tenant_id) {
        return Fail(ApiError(ErrorCode::kForbidden, "Choose a business first.",
                             "tenant-scoped permission " + std::string(permission) + " without a tenant"));
    }
    return {};
}

Result<void> Policy::CheckRoutes(std::span<const TaggedRoute> routes) {
    std::string unknown;
    for (const auto& route : routes) {
        if (!route.permission.empty() && Find(route.permission) == nullptr) {
            unknown += (unknown.empty() ? "" : "; ") + route.method + " " + route.pattern + " names '" +
                       route.permission + "'";
        }
    }
    if (!unknown.empty()) {
        return Fail(
            ApiError(ErrorCode::kInternal,
                     "routes name permissions that are not in the policy table (src/auth/policy.cpp): " + unknown));
    }
    return {};
}

}  // namespace webdpro::auth
