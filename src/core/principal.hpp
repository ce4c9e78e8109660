#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/ids.hpp"

namespace webdpro {

/// The four roles of ARCHITECTURE §1. BUSINESS_OWNER and DELIVERY_AGENT act within one tenant;
/// CUSTOMER and SUPER_ADMIN are platform-wide.
enum class Role : std::uint8_t { kCustomer, kBusinessOwner, kDeliveryAgent, kSuperAdmin };

/// "CUSTOMER", "BUSINESS_OWNER", "DELIVERY_AGENT", "SUPER_ADMIN".
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

/// Who is making a request, as proven by a verified session token. Built only by the auth
/// guard; handlers read it from the request. A TenantId used for tenant data comes from here
/// (or from a storefront's resolved store), never from the request body or path.
struct Principal {
    UserId user_id;
    SessionId session_id;
    Role role = Role::kCustomer;
    /// The tenant an owner or agent acts in; empty for customers and super admins.
    std::optional<TenantId> tenant_id{};
};

}  // namespace webdpro
