#include "auth/sessions.hpp"

#include <gtest/gtest.h>

#include "auth/test_util.hpp"
#include "auth/users.hpp"

namespace webdpro::auth {
namespace {

using testing::Await;
using testing::Count;

class SessionServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = testing::MigratedMemoryDb();
        auto user = db_->WriteSync([](storage::Conn& conn) {
            return UserRepository::FindOrCreate(conn, *PhoneNumber::Parse("9812345678"), "Asha", NowUtc());
        });
        ASSERT_TRUE(user);
        user_ = user->id;
        sessions_ = std::make_unique<SessionService>(
            *db_, SessionOptions{.refresh_ttl_s = 3600, .cache_s = 60, .clock = [this] { return now_; }});
    }

    IssuedSession Create() {
        auto s = Await(sessions_->Create({.user_id = user_, .role = Role::kCustomer}, meta_));
        EXPECT_TRUE(s) << s.error().detail;
        return *s;
    }
    bool Active(const SessionId& id) {
        auto a = Await(sessions_->IsActive(id));
        EXPECT_TRUE(a);
        return a.value_or(false);
    }

    TimePoint now_ = NowUtc();
    RequestMeta meta_{"req_1", "127.0.0.1", "test"};
    std::unique_ptr<storage::SqliteDb> db_;
    UserId user_;
    std::unique_ptr<SessionService> sessions_;
};

}  // namespace

TEST_F(SessionServiceTest, StoresOnlyTheRefreshTokenHash) {
    const IssuedSession s = Create();
    EXPECT_TRUE(s.refresh_token.starts_with("wdr_"));
    EXPECT_GE(s.refresh_token.size(), 40u);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM sessions WHERE refresh_token_hash = '" +
                              RefreshTokenHash(s.refresh_token) + "'"),
              1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM sessions WHERE refresh_token_hash = '" + s.refresh_token + "'"), 0);
    EXPECT_TRUE(Active(s.session_id));
}

TEST_F(SessionServiceTest, RotationIssuesANewTokenInTheSameFamily) {
    const IssuedSession first = Create();
    auto second = Await(sessions_->Rotate(first.refresh_token, meta_));
    ASSERT_TRUE(second) << second.error().detail;
    EXPECT_NE(second->refresh_token, first.refresh_token);
    EXPECT_NE(second->session_id, first.session_id);
    EXPECT_EQ(second->grant.user_id, user_);
    EXPECT_EQ(Count(*db_, "SELECT count(DISTINCT family_id) FROM sessions"), 1);
    auto third = Await(sessions_->Rotate(second->refresh_token, meta_));
    ASSERT_TRUE(third);
}

TEST_F(SessionServiceTest, ReusingARotatedTokenRevokesTheWholeFamily) {
    const IssuedSession first = Create();
    auto second = Await(sessions_->Rotate(first.refresh_token, meta_));
    ASSERT_TRUE(second);
    // The attacker (or a replay) presents the old token again.
    auto reuse = Await(sessions_->Rotate(first.refresh_token, meta_));
    ASSERT_FALSE(reuse);
    EXPECT_EQ(reuse.error().code, ErrorCode::kUnauthenticated);
    // The legitimate newest token is dead too, and so are access tokens of the family.
    auto after = Await(sessions_->Rotate(second->refresh_token, meta_));
    ASSERT_FALSE(after);
    EXPECT_FALSE(Active(second->session_id));
    EXPECT_FALSE(Active(first.session_id));
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM audit_log WHERE action = 'auth.refresh_reuse'"), 1);
}

TEST_F(SessionServiceTest, UnknownMalformedAndExpiredTokensAreRefused) {
    EXPECT_FALSE(Await(sessions_->Rotate("wdr_unknown", meta_)));
    EXPECT_FALSE(Await(sessions_->Rotate("garbage", meta_)));
    EXPECT_FALSE(Await(sessions_->Rotate("", meta_)));
    const IssuedSession s = Create();
    now_ += std::chrono::seconds(3601);
    auto expired = Await(sessions_->Rotate(s.refresh_token, meta_));
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
    EXPECT_FALSE(Active(s.session_id));
}

TEST_F(SessionServiceTest, RevokeFamilyEndsEveryGeneration) {
    const IssuedSession first = Create();
    auto second = Await(sessions_->Rotate(first.refresh_token, meta_));
    ASSERT_TRUE(second);
    ASSERT_TRUE(Await(sessions_->RevokeFamily(first.session_id)));
    EXPECT_FALSE(Active(second->session_id));
    EXPECT_FALSE(Await(sessions_->Rotate(second->refresh_token, meta_)));
    // Idempotent, and unknown sessions are fine.
    EXPECT_TRUE(Await(sessions_->RevokeFamily(first.session_id)));
    EXPECT_TRUE(Await(sessions_->RevokeFamily(SessionId::New())));
}

TEST_F(SessionServiceTest, RevokeByRefreshTokenWorksWithoutAnAccessToken) {
    const IssuedSession s = Create();
    ASSERT_TRUE(Await(sessions_->RevokeByRefreshToken(s.refresh_token)));
    EXPECT_FALSE(Active(s.session_id));
    EXPECT_TRUE(Await(sessions_->RevokeByRefreshToken("wdr_nothing")));
}

TEST_F(SessionServiceTest, ReplaceRevokesTheOldFamilyAndStartsANewOne) {
    const IssuedSession s = Create();
    auto replaced = Await(sessions_->Replace(s.session_id, {.user_id = user_, .role = Role::kSuperAdmin}, meta_));
    ASSERT_TRUE(replaced);
    EXPECT_FALSE(Active(s.session_id));
    EXPECT_TRUE(Active(replaced->session_id));
    EXPECT_EQ(replaced->grant.role, Role::kSuperAdmin);
}

TEST_F(SessionServiceTest, RevocationByAnotherNodeIsSeenAfterTheCacheTime) {
    const IssuedSession s = Create();
    EXPECT_TRUE(Active(s.session_id));  // cached as active
    // Another node revokes directly in the database.
    ASSERT_TRUE(db_->WriteSync([&](storage::Conn& conn) -> Result<std::int64_t> {
        return conn.Exec("UPDATE sessions SET revoked_at = 1 WHERE session_id = $1", s.session_id);
    }));
    SessionService fresh(*db_, SessionOptions{.cache_s = 0, .clock = [this] { return now_; }});
    auto seen = Await(fresh.IsActive(s.session_id));
    ASSERT_TRUE(seen);
    EXPECT_FALSE(*seen);
}

TEST_F(SessionServiceTest, UnknownSessionIsInactive) {
    EXPECT_FALSE(Active(SessionId::New()));
}

}  // namespace webdpro::auth
