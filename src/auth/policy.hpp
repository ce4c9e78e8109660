#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/principal.hpp"

namespace webdpro::auth {

/// Where a permission applies.
enum class Scope : std::uint8_t {
    kAny,       ///< any signed-in principal holding one of the roles
    kTenant,    ///< acts on the principal's own tenant; the principal must have one
    kPlatform,  ///< platform-wide (the super admin's console)
};

/// "any", "tenant", "platform".
std::string_view ScopeName(Scope scope);

/// One row of the authorization table: a permission tag (the string routes carry in
/// RouteOptions::permission), its scope and the roles that hold it.
struct PermissionRule {
    std::string_view name{};
    Scope scope = Scope::kAny;
    std::vector<Role> roles{};
    std::string_view meaning{};
};

/// The single authorization table (role × permission) of WebDPro. A new feature that needs a new
/// permission adds one row to kPermissionTable in policy.cpp; a route naming a tag that is not in
/// the table stops start-up (see CheckRoutes). Stateless; thread-safe.
class Policy final {
public:
    /// Every rule, in table order.
    static std::span<const PermissionRule> Rules();
    /// The rule of `permission`; nullptr when the tag is unknown.
    static const PermissionRule* Find(std::string_view permission);

    /// Whether `principal` may use a route tagged `permission` (a known, non-empty tag):
    /// kForbidden when its role does not hold the permission, or when a tenant-scoped permission
    /// meets a principal without a tenant.
    static Result<void> Authorize(const Principal& principal, std::string_view permission);

    /// Every non-empty tag in `permissions` must be in the table. The error (kInternal, meant to
    /// stop start-up) lists each unknown tag with its route.
    struct TaggedRoute {
        std::string method{};
        std::string pattern{};
        std::string permission{};
    };
    static Result<void> CheckRoutes(std::span<const TaggedRoute> routes);
};

}  // namespace webdpro::auth
