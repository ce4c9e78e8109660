#include "auth/auth_service.hpp"

#include <gtest/gtest.h>

#include "auth/test_auth_stack.hpp"
#include "auth/test_util.hpp"
#include "core/secrets.hpp"

namespace webdpro::auth {
namespace {

using testing::Await;
using testing::Count;

class AuthServiceTest : public testing::AuthStackTest {
protected:
    Principal PrincipalOf(const SignIn& s) {
        auto claims = Await(auth_->Authenticate(s.access_token));
        EXPECT_TRUE(claims) << (claims ? "" : claims.error().detail);
        return claims->ToPrincipal();
    }
};

}  // namespace

TEST_F(AuthServiceTest, ANewPhoneBecomesACustomer) {
    auto s = SignInAs("9812345678");
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->account.role, Role::kCustomer);
    EXPECT_EQ(s->account.user.phone, "+919812345678");
    EXPECT_FALSE(s->account.tenant);
    EXPECT_TRUE(s->account.memberships.empty());
    EXPECT_FALSE(s->access_token.empty());
    EXPECT_FALSE(s->refresh_token.empty());
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM users"), 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM audit_log WHERE action = 'auth.sign_in'"), 1);
    const Principal p = PrincipalOf(*s);
    EXPECT_EQ(p.role, Role::kCustomer);
    EXPECT_FALSE(p.tenant_id);
    // Signing in again finds the same user.
    auto again = SignInAs("+91 98123 45678");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->account.user.id, s->account.user.id);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM users"), 1);
}

TEST_F(AuthServiceTest, AWrongCodeOpensNoSession) {
    auto p = *PhoneNumber::Parse("9812345678");
    ASSERT_TRUE(Await(auth_->RequestCode(p, meta_)));
    const std::string wrong = sender_.last_code == "999999" ? "000000" : "999999";
    auto s = Await(auth_->Verify(p, wrong, meta_));
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM sessions"), 0);
}

TEST_F(AuthServiceTest, MembersLandInTheirFirstMembershipAndCanSwitch) {
    auto first = SignInAs("9812345678");
    ASSERT_TRUE(first);
    const TenantId shop = TenantId::New();
    const TenantId other = TenantId::New();
    memberships_.by_user[first->account.user.id.str()] = {{shop, "Sharma Kirana", Role::kBusinessOwner},
                                                          {other, "Gupta Bakery", Role::kDeliveryAgent}};
    auto s = SignInAs("9812345678");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->account.role, Role::kBusinessOwner);
    ASSERT_TRUE(s->account.tenant);
    EXPECT_EQ(s->account.tenant->tenant_id, shop);
    EXPECT_EQ(s->account.memberships.size(), 2u);

    const Principal owner = PrincipalOf(*s);
    auto as_agent = Await(auth_->Switch(owner, other, meta_));
    ASSERT_TRUE(as_agent);
    EXPECT_EQ(as_agent->account.role, Role::kDeliveryAgent);
    EXPECT_EQ(PrincipalOf(*as_agent).tenant_id, other);
    // The old session is over.
    EXPECT_FALSE(Await(auth_->Authenticate(s->access_token)));

    auto stranger = Await(auth_->Switch(PrincipalOf(*as_agent), TenantId::New(), meta_));
    ASSERT_FALSE(stranger);
    EXPECT_EQ(stranger.error().code, ErrorCode::kNotFound);

    auto platform = Await(auth_->Switch(PrincipalOf(*as_agent), std::nullopt, meta_));
    ASSERT_TRUE(platform);
    EXPECT_EQ(platform->account.role, Role::kCustomer);
}

TEST_F(AuthServiceTest, SuperAdminsLandOnThePlatform) {
    UserService users(*db_);
    ASSERT_TRUE(users.MakeSuperAdminSync(*PhoneNumber::Parse("9000000001")));
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM audit_log WHERE action = 'user.role_change'"), 1);
    auto s = SignInAs("9000000001");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->account.role, Role::kSuperAdmin);
    EXPECT_EQ(PrincipalOf(*s).role, Role::kSuperAdmin);
}

TEST_F(AuthServiceTest, RefreshRotatesAndKeepsTheGrant) {
    auto s = SignInAs("9812345678");
    ASSERT_TRUE(s);
    auto r = Await(auth_->Refresh(s->refresh_token, meta_));
    ASSERT_TRUE(r) << r.error().detail;
    EXPECT_NE(r->refresh_token, s->refresh_token);
    EXPECT_EQ(r->account.role, Role::kCustomer);
    EXPECT_TRUE(Await(auth_->Authenticate(r->access_token)));
    // The old refresh token is now a reuse: everything ends.
    EXPECT_FALSE(Await(auth_->Refresh(s->refresh_token, meta_)));
    EXPECT_FALSE(Await(auth_->Authenticate(r->access_token)));
}

TEST_F(AuthServiceTest, RefreshFailsOnceTheMembershipIsGone) {
    auto first = SignInAs("9812345678");
    ASSERT_TRUE(first);
    const TenantId shop = TenantId::New();
    memberships_.by_user[first->account.user.id.str()] = {{shop, "Sharma Kirana", Role::kDeliveryAgent}};
    auto s = SignInAs("9812345678");
    ASSERT_TRUE(s);
    ASSERT_EQ(s->account.role, Role::kDeliveryAgent);
    memberships_.by_user.clear();
    auto r = Await(auth_->Refresh(s->refresh_token, meta_));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
    EXPECT_FALSE(Await(auth_->Authenticate(s->access_token)));
}

TEST_F(AuthServiceTest, LogoutEndsAccessAndRefresh) {
    auto s = SignInAs("9812345678");
    ASSERT_TRUE(s);
    const Principal p = PrincipalOf(*s);
    ASSERT_TRUE(Await(auth_->Logout(p, std::nullopt, meta_)));
    auto access = Await(auth_->Authenticate(s->access_token));
    ASSERT_FALSE(access);
    EXPECT_EQ(access.error().code, ErrorCode::kUnauthenticated);
    EXPECT_FALSE(Await(auth_->Refresh(s->refresh_token, meta_)));
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM audit_log WHERE action = 'auth.sign_out'"), 1);
}

TEST_F(AuthServiceTest, LogoutByRefreshTokenAlone) {
    auto s = SignInAs("9812345678");
    ASSERT_TRUE(s);
    ASSERT_TRUE(Await(auth_->Logout(std::nullopt, s->refresh_token, meta_)));
    EXPECT_FALSE(Await(auth_->Authenticate(s->access_token)));
}

TEST_F(AuthServiceTest, MeReportsTheAccount) {
    auto s = SignInAs("9812345678");
    ASSERT_TRUE(s);
    auto me = Await(auth_->Me(PrincipalOf(*s), 123));
    ASSERT_TRUE(me);
    EXPECT_EQ(me->user.phone, "+919812345678");
    EXPECT_EQ(me->role, Role::kCustomer);
    EXPECT_EQ(me->access_expires_at, 123);
}

TEST_F(AuthServiceTest, DisabledUsersCannotSignIn) {
    ASSERT_TRUE(SignInAs("9812345678"));
    ASSERT_TRUE(db_->WriteSync(
        [](storage::Conn& conn) -> Result<std::int64_t> { return conn.Exec("UPDATE users SET disabled_at = 1"); }));
    auto s = SignInAs("9812345678");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::kForbidden);
}

}  // namespace webdpro::auth
