#pragma once

#include <string>
#include <vector>

#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/principal.hpp"

namespace webdpro::auth {

/// A user's role in one tenant, as sign-in needs it.
struct MembershipView {
    TenantId tenant_id{};
    std::string business_name{};
    Role role = Role::kBusinessOwner;  ///< BUSINESS_OWNER or DELIVERY_AGENT
};

/// Where sign-in learns a user's memberships. Implemented by the tenancy feature (which owns the
/// tenants and memberships tables) and injected by the composition root, so auth does not depend
/// on tenancy. Implementations are thread-safe.
class MembershipSource {
public:
    virtual ~MembershipSource() = default;
    /// The user's active memberships, suspended tenants included (their people sign in and are
    /// told the business is suspended): owner memberships first, then agent ones, each oldest first.
    virtual boost::asio::awaitable<Result<std::vector<MembershipView>>> ForUser(UserId user_id) = 0;
};

}  // namespace webdpro::auth
