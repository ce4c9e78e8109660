#include "auth/otp.hpp"

#include <gtest/gtest.h>

#include "auth/test_auth_stack.hpp"
#include "auth/test_util.hpp"

namespace webdpro::auth {
namespace {

using testing::Await;
using testing::Count;

class OtpServiceTest : public testing::OtpDepsTest {
protected:
    OtpService& Make(OtpOptions options) {
        options.clock = [this] { return now_; };
        service_ =
            std::make_unique<OtpService>(*db_, sender_, pool_, SecretBytes(Bytes(32, 7)), options, metrics_, logger_);
        return *service_;
    }

    Result<OtpIssued> Request(const std::string& phone, const std::string& ip = "10.0.0.1") {
        return Await(service_->RequestCode(*PhoneNumber::Parse(phone), RequestMeta{"req_1", ip, "test"}));
    }
    Result<void> Verify(const std::string& phone, const std::string& code, const std::string& ip = "10.0.0.1") {
        return Await(service_->VerifyCode(*PhoneNumber::Parse(phone), code, RequestMeta{"req_2", ip, "test"}));
    }
    std::string LastCode() {
        std::lock_guard lock(sender_.mutex);
        return sender_.sent.empty() ? "" : sender_.sent.back().code;
    }
    std::string WrongCode() { return LastCode() == "000000" ? "111111" : "000000"; }
    void Advance(std::chrono::seconds s) { now_ += s; }

    TimePoint now_ = FromUnixMillis(1'767'225'600'000);
    std::unique_ptr<OtpService> service_;
};

const std::string kPhone = "98123 45678";

}  // namespace

TEST_F(OtpServiceTest, SendsASixDigitCodeAndStoresOnlyItsKeyedHash) {
    Make({});
    auto issued = Request(kPhone);
    ASSERT_TRUE(issued) << issued.error().message;
    EXPECT_EQ(issued->expires_in_s, 300);
    EXPECT_EQ(issued->resend_after_s, 30);
    ASSERT_EQ(sender_.sent.size(), 1u);
    const SmsMessage& m = sender_.sent[0];
    EXPECT_EQ(m.to, "+919812345678");
    ASSERT_EQ(m.code.size(), 6u);
    EXPECT_NE(m.text.find(m.code), std::string::npos);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM otp_challenges"), 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM otp_challenges WHERE code_hash LIKE '%" + m.code + "%'"), 0);
    EXPECT_EQ(Count(*db_, "SELECT length(code_hash) FROM otp_challenges"), 64);
}

TEST_F(OtpServiceTest, TheRightCodeWorksOnce) {
    Make({});
    ASSERT_TRUE(Request(kPhone));
    const std::string code = LastCode();
    ASSERT_TRUE(Verify("+91 98123 45678", code));
    auto again = Verify(kPhone, code);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kUnauthenticated);
    EXPECT_NE(again.error().message.find("already used"), std::string::npos);
}

TEST_F(OtpServiceTest, WrongCodesCountDownThenTheChallengeIsDead) {
    Make({});
    ASSERT_TRUE(Request(kPhone));
    const std::string right = LastCode();
    const std::string wrong = WrongCode();
    const char* expected[] = {"4 tries left", "3 tries left", "2 tries left", "1 try left", "No tries left"};
    for (const char* text : expected) {
        auto r = Verify(kPhone, wrong);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
        EXPECT_NE(r.error().message.find(text), std::string::npos) << r.error().message;
    }
    // The sixth attempt, even with the right code, meets a dead challenge.
    auto sixth = Verify(kPhone, right);
    ASSERT_FALSE(sixth);
    EXPECT_NE(sixth.error().message.find("Too many wrong tries"), std::string::npos) << sixth.error().message;
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM audit_log WHERE action = 'auth.verify_failed'"), 6);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM audit_log WHERE details LIKE '%" + right + "%'"), 0);
}

TEST_F(OtpServiceTest, CodesExpire) {
    Make({.ttl_s = 60});
    ASSERT_TRUE(Request(kPhone));
    Advance(std::chrono::seconds(60));
    auto r = Verify(kPhone, LastCode());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("expired"), std::string::npos);
}

TEST_F(OtpServiceTest, NoCodeMeansUnauthenticatedNotNotFound) {
    Make({});
    auto r = Verify(kPhone, "123456");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(OtpServiceTest, ResendCooldownSaysHowLongToWait) {
    Make({.resend_cooldown_s = 30});
    ASSERT_TRUE(Request(kPhone));
    Advance(std::chrono::seconds(10));
    auto early = Request(kPhone);
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().code, ErrorCode::kRateLimited);
    EXPECT_EQ(early.error().retry_after_s, 20);
    Advance(std::chrono::seconds(20));
    EXPECT_TRUE(Request(kPhone));
}

TEST_F(OtpServiceTest, ANewCodeReplacesTheOldOne) {
    Make({.resend_cooldown_s = 0});
    ASSERT_TRUE(Request(kPhone));
    const std::string first = LastCode();
    Advance(std::chrono::seconds(1));
    ASSERT_TRUE(Request(kPhone));
    const std::string second = LastCode();
    if (first != second) {
        EXPECT_FALSE(Verify(kPhone, first));
    }
    EXPECT_TRUE(Verify(kPhone, second));
}

TEST_F(OtpServiceTest, PerPhoneLimitWithinTheWindow) {
    Make({.resend_cooldown_s = 0, .phone_limit = 3, .limit_window_s = 3600});
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(Request(kPhone, "10.0.0." + std::to_string(i)));
        Advance(std::chrono::seconds(10));
    }
    auto limited = Request(kPhone, "10.0.0.9");
    ASSERT_FALSE(limited);
    EXPECT_EQ(limited.error().code, ErrorCode::kRateLimited);
    // The oldest of the three leaves the window 3600 s after it was sent, 30 s ago.
    EXPECT_EQ(limited.error().retry_after_s, 3570);
    EXPECT_TRUE(Request("9812345679", "10.0.0.9"));
    Advance(std::chrono::seconds(3571));
    EXPECT_TRUE(Request(kPhone, "10.0.0.9"));
}

TEST_F(OtpServiceTest, PerIpLimitAcrossPhones) {
    Make({.resend_cooldown_s = 0, .ip_limit = 2});
    ASSERT_TRUE(Request("9000000001", "203.0.113.7"));
    ASSERT_TRUE(Request("9000000002", "203.0.113.7"));
    auto limited = Request("9000000003", "203.0.113.7");
    ASSERT_FALSE(limited);
    EXPECT_EQ(limited.error().code, ErrorCode::kRateLimited);
    EXPECT_GT(limited.error().retry_after_s, 0);
    EXPECT_TRUE(Request("9000000003", "203.0.113.8"));
}

TEST_F(OtpServiceTest, AFailedSendLeavesNothingBehind) {
    Make({});
    sender_.fail = true;
    auto failed = Request(kPhone);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(failed.error().message.find("capture"), std::string::npos);  // the detail stays internal
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM otp_challenges"), 0);
    sender_.fail = false;
    EXPECT_TRUE(Request(kPhone));  // no cooldown from the failed attempt
}

TEST_F(OtpServiceTest, VerificationsArePacedPerIp) {
    Make({.verify_ip_per_min = 2});
    ASSERT_TRUE(Request(kPhone));
    EXPECT_FALSE(Verify(kPhone, WrongCode(), "198.51.100.1"));
    EXPECT_FALSE(Verify(kPhone, WrongCode(), "198.51.100.1"));
    auto limited = Verify(kPhone, LastCode(), "198.51.100.1");
    ASSERT_FALSE(limited);
    EXPECT_EQ(limited.error().code, ErrorCode::kRateLimited);
    EXPECT_GT(limited.error().retry_after_s, 0);
    EXPECT_TRUE(Verify(kPhone, LastCode(), "198.51.100.2"));
}

}  // namespace webdpro::auth
