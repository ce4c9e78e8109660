#include "auth/policy.hpp"

#include <set>

#include <gtest/gtest.h>

namespace webdpro::auth {
namespace {

Principal Of(Role role, bool with_tenant) {
    Principal p{.user_id = UserId::New(), .session_id = SessionId::New(), .role = role, .tenant_id = std::nullopt};
    if (with_tenant) {
        p.tenant_id = TenantId::New();
    }
    return p;
}

bool Allowed(Role role, std::string_view permission) {
    const bool tenant_role = role == Role::kBusinessOwner || role == Role::kDeliveryAgent;
    return Policy::Authorize(Of(role, tenant_role), permission).has_value();
}

}  // namespace

TEST(Policy, TableHasUniqueNamesAndEveryRowGrantsSomeone) {
    std::set<std::string_view> names;
    for (const auto& rule : Policy::Rules()) {
        EXPECT_TRUE(names.insert(rule.name).second) << rule.name << " twice";
        EXPECT_FALSE(rule.roles.empty()) << rule.name;
        EXPECT_FALSE(rule.meaning.empty()) << rule.name;
    }
}

TEST(Policy, RoleByPermissionMatrix) {
    // agents.manage: owners only.
    EXPECT_TRUE(Allowed(Role::kBusinessOwner, "agents.manage"));
    EXPECT_FALSE(Allowed(Role::kDeliveryAgent, "agents.manage"));
    EXPECT_FALSE(Allowed(Role::kCustomer, "agents.manage"));
    EXPECT_FALSE(Allowed(Role::kSuperAdmin, "agents.manage"));
    // admin.platform: super admins only.
    EXPECT_TRUE(Allowed(Role::kSuperAdmin, "admin.platform"));
    EXPECT_FALSE(Allowed(Role::kBusinessOwner, "admin.platform"));
    EXPECT_FALSE(Allowed(Role::kDeliveryAgent, "admin.platform"));
    EXPECT_FALSE(Allowed(Role::kCustomer, "admin.platform"));
    // tenant.create: anyone but an agent acting for a shop.
    EXPECT_TRUE(Allowed(Role::kCustomer, "tenant.create"));
    EXPECT_TRUE(Allowed(Role::kBusinessOwner, "tenant.create"));
    EXPECT_TRUE(Allowed(Role::kSuperAdmin, "tenant.create"));
    EXPECT_FALSE(Allowed(Role::kDeliveryAgent, "tenant.create"));
    // me: everyone signed in.
    for (Role role : {Role::kCustomer, Role::kBusinessOwner, Role::kDeliveryAgent, Role::kSuperAdmin}) {
        EXPECT_TRUE(Allowed(role, "me")) << RoleName(role);
    }
}

TEST(Policy, TenantScopeNeedsATenant) {
    auto denied = Policy::Authorize(Of(Role::kBusinessOwner, false), "agents.manage");
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
}

TEST(Policy, UnknownPermissionIsDeniedNotGranted) {
    auto denied = Policy::Authorize(Of(Role::kSuperAdmin, false), "admin.everything");
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
}

TEST(Policy, CheckRoutesNamesEveryUnknownTag) {
    const std::vector<Policy::TaggedRoute> routes = {
        {"GET", "/healthz", ""},
        {"GET", "/api/me", "me"},
        {"POST", "/api/stores", "store.manage"},
        {"DELETE", "/api/x/{id}", "x.delete"},
    };
    auto checked = Policy::CheckRoutes(routes);
    ASSERT_FALSE(checked);
    EXPECT_NE(checked.error().message.find("POST /api/stores names 'store.manage'"), std::string::npos);
    EXPECT_NE(checked.error().message.find("DELETE /api/x/{id} names 'x.delete'"), std::string::npos);
    EXPECT_TRUE(Policy::CheckRoutes(std::vector<Policy::TaggedRoute>{{"GET", "/api/me", "me"}}));
}

}  // namespace webdpro::auth
