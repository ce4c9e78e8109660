#include "auth/sms.hpp"

#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/ids.hpp"
#include "fakes/fake_sms_server.hpp"

namespace webdpro::auth {
namespace {

using fakes::FakeSmsServer;
using namespace std::chrono_literals;

const SmsMessage kMessage{.to = "+919812345678", .text = "123456 is your WebDPro login code.", .code = "123456"};

class SmsSenders : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        fake_ = FakeSmsServer::Start(error);
        ASSERT_NE(fake_, nullptr) << error;
        fake_->SetHang(3s);
    }

    Msg91SmsSender Msg91(std::string base = "") {
        return Msg91SmsSender({.url = (base.empty() ? fake_->url("") : base) + "/msg91/api/v5/otp",
                               .template_id = "tmpl 1",
                               .authkey = "auth-key-1",
                               .timeout = 1s},
                              client_);
    }
    SnsSmsSender Sns(std::string endpoint = "") {
        return SnsSmsSender({.region = "ap-south-1",
                             .endpoint = endpoint.empty() ? fake_->url("/sns/") : endpoint,
                             .credentials = {"AKIDEXAMPLE", "secret-key", ""},
                             .sender_id = "WEBDPR",
                             .entity_id = "1101000000000000001",
                             .template_id = "1107000000000000001",
                             .timeout = 1s,
                             .clock = [] { return FromUnixMillis(1'767'225'600'000); }},
                            client_);
    }
    WebhookSmsSender Webhook(std::string url = "") {
        return WebhookSmsSender(
            {.url = url.empty() ? fake_->url("/webhook") : url, .bearer_token = "hook-token", .timeout = 1s}, client_);
    }
    std::string Refused(const std::string& path) {
        return "http://127.0.0.1:" + std::to_string(FakeSmsServer::ClosedPort()) + path;
    }

    static void ExpectCode(const Result<void>& r, ErrorCode code) {
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, code) << r.error().detail;
        // Neither the code nor the text ever reaches an error.
        EXPECT_EQ(r.error().detail.find("123456"), std::string::npos) << r.error().detail;
        EXPECT_EQ(r.error().message.find("123456"), std::string::npos);
    }

    http::Client client_;
    std::unique_ptr<FakeSmsServer> fake_;
};

}  // namespace

TEST(OutboxSmsSender, AppendsOneSyncedJsonLinePerMessage) {
    const auto dir = std::filesystem::temp_directory_path() / NewIdString("webdpro-outbox-test");
    const auto file = dir / "outbox" / "sms.jsonl";
    Logger logger(2, LogLevel::kError);
    OutboxSmsSender sender(file, logger);
    ASSERT_TRUE(sender.Send(kMessage));
    ASSERT_TRUE(sender.Send({.to = "+919000000001", .text = "654321 is your code", .code = "654321"}));
    std::ifstream in(file);
    std::string line;
    std::vector<nlohmann::json> lines;
    while (std::getline(in, line)) {
        lines.push_back(nlohmann::json::parse(line));
    }
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]["to"], "+919812345678");
    EXPECT_EQ(lines[0]["text"], kMessage.text);
    EXPECT_EQ(lines[0]["code"], "123456");
    EXPECT_TRUE(lines[0]["ts"].is_string());
    EXPECT_EQ(lines[1]["to"], "+919000000001");
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    std::filesystem::remove_all(dir);
}

TEST(OutboxSmsSender, BufferedMessagesAreAppendedAndFlushedTogether) {
    const auto dir = std::filesystem::temp_directory_path() / NewIdString("webdpro-outbox-test");
    const auto file = dir / "outbox" / "sms.jsonl";
    Logger logger(2, LogLevel::kError);
    OutboxSmsSender sender(file, logger);
    auto count_lines = [&] {
        std::ifstream in(file);
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
        }
        return n;
    };
    ASSERT_TRUE(sender.SendBuffered(kMessage));
    ASSERT_TRUE(sender.SendBuffered({.to = "+919000000001", .text = "second", .code = ""}));
    EXPECT_EQ(count_lines(), 2) << "appended at once, only the fsync waits for Flush";
    ASSERT_TRUE(sender.Flush());
    ASSERT_TRUE(sender.Flush()) << "nothing left to sync is fine";
    // A removed file is started afresh, not written to while unlinked.
    std::filesystem::remove(file);
    ASSERT_TRUE(sender.Send(kMessage));
    EXPECT_EQ(count_lines(), 1);
    std::filesystem::remove_all(dir);
}

TEST_F(SmsSenders, Msg91SendsTheCodeToTheTemplate) {
    auto sender = Msg91();
    ASSERT_TRUE(sender.Send(kMessage));
    const auto received = fake_->received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].method, "POST");
    EXPECT_EQ(received[0].path, "/msg91/api/v5/otp");
    EXPECT_EQ(received[0].query, "template_id=tmpl%201&mobile=919812345678&otp=123456");
    EXPECT_EQ(received[0].headers.Get("authkey"), "auth-key-1");
}

TEST_F(SmsSenders, Msg91Failures) {
    fake_->SetMode(FakeSmsServer::Mode::kFail500);
    ExpectCode(Msg91().Send(kMessage), ErrorCode::kUnavailable);
    fake_->SetMode(FakeSmsServer::Mode::kFail400);
    ExpectCode(Msg91().Send(kMessage), ErrorCode::kInternal);
    fake_->SetMode(FakeSmsServer::Mode::kGarbage);
    ExpectCode(Msg91().Send(kMessage), ErrorCode::kInternal);
    fake_->SetMode(FakeSmsServer::Mode::kHang);
    const auto start = std::chrono::steady_clock::now();
    ExpectCode(Msg91().Send(kMessage), ErrorCode::kTimeout);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
    ExpectCode(Msg91("http://127.0.0.1:" + std::to_string(FakeSmsServer::ClosedPort())).Send(kMessage),
               ErrorCode::kUnavailable);
}

TEST_F(SmsSenders, SnsPublishesASignedTransactionalMessageWithDltIds) {
    auto sender = Sns();
    ASSERT_TRUE(sender.Send(kMessage));
    const auto received = fake_->received();
    ASSERT_EQ(received.size(), 1u);
    const auto& r = received[0];
    EXPECT_EQ(r.path, "/sns/");
    EXPECT_EQ(r.body, sender.PublishBody(kMessage));
    for (const char* part : {"Action=Publish", "Version=2010-03-31", "PhoneNumber=%2B919812345678",
                             "AWS.SNS.SMS.SMSType", "Transactional", "AWS.MM.SMS.EntityId", "1101000000000000001",
                             "AWS.MM.SMS.TemplateId", "1107000000000000001", "AWS.SNS.SMS.SenderID"}) {
        EXPECT_NE(r.body.find(part), std::string::npos) << part << " missing from " << r.body;
    }
    EXPECT_EQ(r.headers.Get("X-Amz-Date"), "20260101T000000Z");
    // The fake recomputes the signature over what it received: the wire request is what was signed.
    const std::string host(*r.headers.Get("Host"));
    const SigV4Signature expected =
        SignSigV4({.method = "POST",
                   .host = host,
                   .path = "/sns/",
                   .query = {},
                   .headers = {{"content-type", std::string(*r.headers.Get("Content-Type"))}},
                   .body = r.body},
                  {"AKIDEXAMPLE", "secret-key", ""}, "ap-south-1", "sns", AmzDate(FromUnixMillis(1'767'225'600'000)));
    EXPECT_EQ(r.headers.Get("Authorization"), expected.authorization);
    EXPECT_NE(expected.authorization.find("Credential=AKIDEXAMPLE/20260101/ap-south-1/sns/aws4_request"),
              std::string::npos);
}

TEST_F(SmsSenders, SnsFailures) {
    fake_->SetMode(FakeSmsServer::Mode::kFail500);
    ExpectCode(Sns().Send(kMessage), ErrorCode::kUnavailable);
    fake_->SetMode(FakeSmsServer::Mode::kFail400);
    ExpectCode(Sns().Send(kMessage), ErrorCode::kInternal);
    fake_->SetMode(FakeSmsServer::Mode::kGarbage);
    ExpectCode(Sns().Send(kMessage), ErrorCode::kInternal);
    fake_->SetMode(FakeSmsServer::Mode::kHang);
    ExpectCode(Sns().Send(kMessage), ErrorCode::kTimeout);
    ExpectCode(Sns(Refused("/sns/")).Send(kMessage), ErrorCode::kUnavailable);
}

TEST_F(SmsSenders, WebhookPostsJsonWithABearerToken) {
    ASSERT_TRUE(Webhook().Send(kMessage));
    const auto received = fake_->received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].headers.Get("Authorization"), "Bearer hook-token");
    const auto body = nlohmann::json::parse(received[0].body);
    EXPECT_EQ(body["to"], "+919812345678");
    EXPECT_EQ(body["code"], "123456");
    EXPECT_EQ(body["text"], kMessage.text);
}

TEST_F(SmsSenders, WebhookFailures) {
    fake_->SetMode(FakeSmsServer::Mode::kFail500);
    ExpectCode(Webhook().Send(kMessage), ErrorCode::kUnavailable);
    fake_->SetMode(FakeSmsServer::Mode::kFail400);
    ExpectCode(Webhook().Send(kMessage), ErrorCode::kInternal);
    fake_->SetMode(FakeSmsServer::Mode::kHang);
    ExpectCode(Webhook().Send(kMessage), ErrorCode::kTimeout);
    ExpectCode(Webhook(Refused("/webhook")).Send(kMessage), ErrorCode::kUnavailable);
}

TEST(MakeSmsSender, ChecksEachProvidersSettings) {
    http::Client client;
    Logger logger(2, LogLevel::kError);
    const Secrets none = Secrets::FromMap({});
    SmsConfig config;
    auto outbox = MakeSmsSender(config, none, "/tmp/x", client, logger);
    ASSERT_TRUE(outbox);
    EXPECT_EQ((*outbox)->name(), "outbox");

    config.provider = "msg91";
    config.msg91_template_id = "t";
    auto msg91 = MakeSmsSender(config, none, "/tmp/x", client, logger);
    ASSERT_FALSE(msg91);
    EXPECT_NE(msg91.error().message.find("WEBDPRO_SECRET_MSG91_AUTHKEY"), std::string::npos);
    EXPECT_TRUE(MakeSmsSender(config, Secrets::FromMap({{"msg91_authkey", "k"}}), "/tmp/x", client, logger));

    config.provider = "sns";
    const Secrets aws = Secrets::FromMap({{"aws_access_key_id", "id"}, {"aws_secret_access_key", "s"}});
    auto sns = MakeSmsSender(config, aws, "/tmp/x", client, logger);
    ASSERT_FALSE(sns);
    EXPECT_NE(sns.error().message.find("sms.sns_entity_id"), std::string::npos);
    config.sns_entity_id = "e";
    config.sns_template_id = "t";
    EXPECT_FALSE(MakeSmsSender(config, none, "/tmp/x", client, logger));
    EXPECT_TRUE(MakeSmsSender(config, aws, "/tmp/x", client, logger));

    config.provider = "webhook";
    EXPECT_FALSE(MakeSmsSender(config, none, "/tmp/x", client, logger));
    config.webhook_url = "http://127.0.0.1:1/hook";
    EXPECT_TRUE(MakeSmsSender(config, none, "/tmp/x", client, logger));

    config.provider = "pigeon";
    EXPECT_FALSE(MakeSmsSender(config, none, "/tmp/x", client, logger));
}

}  // namespace webdpro::auth
