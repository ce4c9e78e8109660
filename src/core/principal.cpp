#include "core/principal.hpp"

#include <array>
#include <utility>

namespace webdpro {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoles = {{
    {Role::kCustomer, "CUSTOMER"},
    {Role::kBusinessOwner, "BUSINESS_OWNER"},
    {Role::kDeliveryAgent, "DELIVERY_AGENT"},
    {Role::kSuperAdmin, "SUPER_ADMIN"},
}};

}  // namespace

std::string_view RoleName(Role role) {
    for (const auto& [r, name] : kRoles) {
        if (r == role) {
            return name;
        }
    }
    return "CUSTOMER";
}

std::optional<Role> ParseRole(std::string_view name) {
    for (const auto& [r, n] : kRoles) {
        if (n == name) {
            return r;
        }
    }
    return std::nullopt;
}

}  // namespace webdpro
