#pragma once
// Unit-test doubles and a fixture for the sign-in stack: an SMS sender that keeps what it is
// given, memberships held in memory, and OTP + sessions + tokens + AuthService wired the way
// src/app wires them, on an in-memory database.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "auth/auth_service.hpp"
#include "auth/test_util.hpp"
#include "core/secrets.hpp"

namespace webdpro::auth::testing {

/// Captures messages instead of sending them; can be told to fail.
class CapturingSender final : public SmsSender {
public:
    std::string_view name() const override { return "capture"; }
    Result<void> Send(const SmsMessage& message) override {
        std::lock_guard lock(mutex);
        if (fail) {
            return Fail(ApiError::Unavailable("sms capture: told to fail"));
        }
        sent.push_back(message);
        last_code = message.code;
        return {};
    }
    std::mutex mutex;
    bool fail = false;
    std::vector<SmsMessage> sent;
    std::string last_code;  ///< the code of the latest message
};

/// Memberships held in memory, as tenancy would report them; none until a test adds some.
class FakeMemberships final : public MembershipSource {
public:
    boost::asio::awaitable<Result<std::vector<MembershipView>>> ForUser(UserId user_id) override {
        std::lock_guard lock(mutex);
        co_return by_user[user_id.str()];
    }
    std::mutex mutex;
    std::map<std::string, std::vector<MembershipView>> by_user;
};

/// What an OtpService stands on: an in-memory database, a capturing sender, a work pool for the
/// sender, metrics and a quiet logger.
class OtpDepsTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = MigratedMemoryDb();
        ASSERT_NE(db_, nullptr);
    }

    std::unique_ptr<storage::SqliteDb> db_;
    CapturingSender sender_;
    WorkPool pool_{"sms-test", 1, 16};
    Metrics prometheus_;
    AuthMetrics metrics_{prometheus_};
    Logger logger_{2, LogLevel::kError};
};

/// The sign-in stack with no OTP resend cool-down and a fresh signing key per test.
class AuthStackTest : public OtpDepsTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(OtpDepsTest::SetUp());
        otp_ = std::make_unique<OtpService>(*db_, sender_, pool_, SecretBytes(Bytes(32, 1)),
                                            OtpOptions{.resend_cooldown_s = 0}, metrics_, logger_);
        sessions_ = std::make_unique<SessionService>(*db_, SessionOptions{});
        signer_ = std::make_unique<TokenSigner>(*TokenSigner::FromSpec("k1:" + Secrets::NewKey(), 30));
        auth_ = std::make_unique<AuthService>(*db_, *otp_, *sessions_, memberships_, *signer_, AuthOptions{});
    }

    /// Requests a code for `phone` and verifies it with the code the sender captured.
    Result<SignIn> SignInAs(const std::string& phone) {
        auto p = *PhoneNumber::Parse(phone);
        auto sent = Await(auth_->RequestCode(p, meta_));
        EXPECT_TRUE(sent) << (sent ? "" : sent.error().message);
        return Await(auth_->Verify(p, sender_.last_code, meta_));
    }

    RequestMeta meta_{"req_1", "127.0.0.1", "test"};
    FakeMemberships memberships_;
    std::unique_ptr<OtpService> otp_;
    std::unique_ptr<SessionService> sessions_;
    std::unique_ptr<TokenSigner> signer_;
    std::unique_ptr<AuthService> auth_;
};

}  // namespace webdpro::auth::testing
