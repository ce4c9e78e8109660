#include "ai/model_providers.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "fakes/model_server/fake_model_server.hpp"

namespace webdpro::ai {
namespace {

using fakes::FakeModelServer;
using Fault = FakeModelServer::Fault;
using std::chrono::milliseconds;

constexpr std::string_view kHaikuBedrock = "anthropic.claude-3-haiku-20240307-v1:0";

class ModelProvidersTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        fake_ = FakeModelServer::Start(error);
        ASSERT_NE(fake_, nullptr) << error;
        fake_->SetTrickleInterval(milliseconds(20));
    }

    HttpProviderOptions Options(std::string model) const {
        return {fake_->base_url(), std::move(model), milliseconds(1000)};
    }

    std::unique_ptr<ModelProvider> Make(std::string_view api, std::string model) const {
        if (api == "anthropic") {
            return std::make_unique<AnthropicProvider>(client_, Options(model), "sk-ant-test");
        }
        if (api == "bedrock") {
            BedrockAuth auth;
            auth.credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SESSION"};
            return std::make_unique<BedrockProvider>(client_, Options(model), auth);
        }
        return std::make_unique<OpenAiCompatibleProvider>(client_, Options(model), "sk-test");
    }

    ModelRequest Request() const {
        ModelRequest request;
        request.system = "Reply with JSON.";
        request.user = "Sharma Kirana in Jaipur";
        return request;
    }

    http::Client client_;
    std::unique_ptr<FakeModelServer> fake_;
};

TEST_F(ModelProvidersTest, AnthropicConcatenatesTextBlocksAndReadsUsage) {
    const auto provider = Make("anthropic", "claude-3-haiku-20240307");
    const ModelResult reply = provider->Complete(Request(), milliseconds(2000));
    ASSERT_TRUE(reply.has_value()) << reply.error().detail;
    EXPECT_NE(reply->text.find("\"business_name\": \"Fake Model Kirana\""), std::string::npos) << reply->text;
    EXPECT_TRUE(reply->text.ends_with("```"));  // the second block was appended
    EXPECT_GT(reply->input_tokens, 0);
    EXPECT_GT(reply->output_tokens, 0);
    EXPECT_EQ(reply->stop_reason, "end_turn");
    EXPECT_EQ(reply->provider_request_id, "req_fake0001");
    const std::string headers = fake_->last_headers();
    EXPECT_NE(headers.find("x-api-key: sk-ant-test"), std::string::npos);
    EXPECT_NE(headers.find("anthropic-version: 2023-06-01"), std::string::npos);
}

TEST_F(ModelProvidersTest, BedrockSendsTheColonEncodedOnceAndSignsWithSigV4) {
    const auto provider = Make("bedrock", std::string(kHaikuBedrock));
    const ModelResult reply = provider->Complete(Request(), milliseconds(2000));
    ASSERT_TRUE(reply.has_value()) << reply.error().detail;
    EXPECT_EQ(fake_->requests_for(std::string(kHaikuBedrock)), 1);
    EXPECT_EQ(fake_->last_path(), "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    const std::string headers = fake_->last_headers();
    EXPECT_NE(headers.find("authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), std::string::npos) << headers;
    EXPECT_NE(headers.find("/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token"),
              std::string::npos)
        << headers;
    EXPECT_NE(headers.find("x-amz-security-token: SESSION"), std::string::npos);
    EXPECT_GT(reply->output_tokens, 0);
    EXPECT_EQ(reply->stop_reason, "end_turn");
}

TEST_F(ModelProvidersTest, BedrockApiKeyGoesAsBearer) {
    BedrockAuth auth;
    auth.bearer_token = "bedrock-api-key";
    BedrockProvider provider(client_, Options("amazon.titan-text-express-v1"), auth);
    ASSERT_TRUE(provider.Complete(Request(), milliseconds(2000)).has_value());
    EXPECT_NE(fake_->last_headers().find("authorization: Bearer bedrock-api-key"), std::string::npos);
}

TEST_F(ModelProvidersTest, OpenAiAsksForJsonObjectWithBearer) {
    const auto provider = Make("openai", "llama-3-8b");
    const ModelResult reply = provider->Complete(Request(), milliseconds(2000));
    ASSERT_TRUE(reply.has_value()) << reply.error().detail;
    EXPECT_EQ(reply->stop_reason, "stop");
    EXPECT_EQ(reply->provider_request_id, "chatcmpl-fake");
    EXPECT_NE(fake_->last_headers().find("authorization: Bearer sk-test"), std::string::npos);
}

TEST(OpenAiChatCompletionsUrl, AcceptsTheBaseWithOrWithoutTheVersion) {
    EXPECT_EQ(OpenAiChatCompletionsUrl("http://127.0.0.1:11434/v1"), "http://127.0.0.1:11434/v1/chat/completions");
    EXPECT_EQ(OpenAiChatCompletionsUrl("http://127.0.0.1:11434/v1/"), "http://127.0.0.1:11434/v1/chat/completions");
    EXPECT_EQ(OpenAiChatCompletionsUrl("https://api.openai.com"), "https://api.openai.com/v1/chat/completions");
    EXPECT_EQ(OpenAiChatCompletionsUrl("https://proxy.example/openai/v1"),
              "https://proxy.example/openai/v1/chat/completions");
    EXPECT_EQ(OpenAiChatCompletionsUrl("http://vllm:8000"), "http://vllm:8000/v1/chat/completions");
}

// The README's local level: provider "openai", model "llama3", base_url "http://127.0.0.1:PORT/v1".
TEST_F(ModelProvidersTest, OpenAiWorksWithTheReadmesVersionedBaseUrl) {
    HttpProviderOptions options{fake_->base_url() + "/v1", "llama3", milliseconds(1000)};
    OpenAiCompatibleProvider local(client_, options, "", /*require_key=*/false);
    const ModelResult reply = local.Complete(Request(), milliseconds(2000));
    ASSERT_TRUE(reply.has_value()) << reply.error().detail;
    EXPECT_EQ(fake_->last_path(), "/v1/chat/completions");
    EXPECT_NE(reply->text.find("Fake Model Kirana"), std::string::npos) << reply->text;
}

TEST_F(ModelProvidersTest, NoKeyMeansNoCredentialsAndNoCall) {
    AnthropicProvider provider(client_, Options("m"), "");
    EXPECT_FALSE(provider.HasCredentials());
    const ModelResult reply = provider.Complete(Request(), milliseconds(1000));
    ASSERT_FALSE(reply.has_value());
    EXPECT_EQ(reply.error().error_class, ModelErrorClass::kNoCredentials);
    EXPECT_EQ(fake_->total_requests(), 0);
    BedrockProvider bedrock(client_, Options("m"), BedrockAuth{});
    EXPECT_FALSE(bedrock.HasCredentials());
    OpenAiCompatibleProvider local(client_, Options("m"), "", /*require_key=*/false);
    EXPECT_TRUE(local.HasCredentials());
}

struct FaultCase {
    Fault fault;
    ModelErrorClass expected;
};

TEST_F(ModelProvidersTest, EveryFaultIsClassifiedOnEveryApi) {
    const FaultCase cases[] = {
        {Fault::kRateLimited, ModelErrorClass::kRateLimited},
        {Fault::kServerError, ModelErrorClass::kServerError},
        {Fault::kOverloaded, ModelErrorClass::kOverloaded},
        {Fault::kAuth, ModelErrorClass::kAuth},
        {Fault::kHang, ModelErrorClass::kTimeout},
        {Fault::kTrickle, ModelErrorClass::kTimeout},
        {Fault::kTruncated, ModelErrorClass::kUnavailable},
        {Fault::kInvalidJson, ModelErrorClass::kInvalidOutput},
    };
    for (const std::string_view api : {"anthropic", "bedrock", "openai"}) {
        const std::string model = std::string(api) + "-model";
        const auto provider = Make(api, model);
        for (const FaultCase& c : cases) {
            fake_->QueueFaults(model, {c.fault});
            const auto started = std::chrono::steady_clock::now();
            const ModelResult reply = provider->Complete(Request(), milliseconds(300));
            const auto took = std::chrono::steady_clock::now() - started;
            ASSERT_FALSE(reply.has_value()) << api << " fault " << static_cast<int>(c.fault);
            EXPECT_EQ(reply.error().error_class, c.expected)
                << api << " fault " << static_cast<int>(c.fault) << ": " << reply.error().detail;
            EXPECT_LT(took, milliseconds(1500)) << api << " fault " << static_cast<int>(c.fault);
            if (c.fault == Fault::kRateLimited) {
                EXPECT_EQ(reply.error().retry_after, std::chrono::seconds(7));
                EXPECT_EQ(reply.error().http_status, 429);
            }
        }
    }
}

TEST_F(ModelProvidersTest, SchemaViolationAndInjectionStillComeBackAsText) {
    // The provider's job ends at the text; judging it is the chain's.
    const auto provider = Make("openai", "m");
    fake_->QueueFaults("m", {Fault::kSchemaViolation, Fault::kPromptInjection});
    const ModelResult bad = provider->Complete(Request(), milliseconds(2000));
    ASSERT_TRUE(bad.has_value());
    EXPECT_NE(bad->text.find("\"products\": \"none\""), std::string::npos);
    const ModelResult injected = provider->Complete(Request(), milliseconds(2000));
    ASSERT_TRUE(injected.has_value());
    EXPECT_NE(injected->text.find("<script>"), std::string::npos);
}

TEST_F(ModelProvidersTest, ConnectionRefusedIsUnavailableAndFast) {
    AnthropicProvider provider(
        client_, {"http://127.0.0.1:" + std::to_string(FakeModelServer::ClosedPort()), "m", milliseconds(1000)}, "k");
    const auto started = std::chrono::steady_clock::now();
    const ModelResult reply = provider.Complete(Request(), milliseconds(2000));
    ASSERT_FALSE(reply.has_value());
    EXPECT_EQ(reply.error().error_class, ModelErrorClass::kUnavailable);
    EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(100));
}

TEST(ModelProvider, StatusClassificationAndRetryAfter) {
    EXPECT_EQ(ClassifyHttpStatus(429), ModelErrorClass::kRateLimited);
    EXPECT_EQ(ClassifyHttpStatus(529), ModelErrorClass::kOverloaded);
    EXPECT_EQ(ClassifyHttpStatus(503), ModelErrorClass::kOverloaded);
    EXPECT_EQ(ClassifyHttpStatus(500), ModelErrorClass::kServerError);
    EXPECT_EQ(ClassifyHttpStatus(424), ModelErrorClass::kServerError);
    EXPECT_EQ(ClassifyHttpStatus(408), ModelErrorClass::kTimeout);
    EXPECT_EQ(ClassifyHttpStatus(401), ModelErrorClass::kAuth);
    EXPECT_EQ(ClassifyHttpStatus(403), ModelErrorClass::kAuth);
    EXPECT_EQ(ClassifyHttpStatus(400), ModelErrorClass::kBadRequest);
    EXPECT_EQ(ParseRetryAfter("12"), std::chrono::seconds(12));
    EXPECT_EQ(ParseRetryAfter(" 3"), std::chrono::seconds(3));
    EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), std::chrono::seconds(0));
    EXPECT_EQ(ParseRetryAfter("-4"), std::chrono::seconds(0));
    EXPECT_EQ(ParseRetryAfter("999999999"), std::chrono::seconds(86'400));
    EXPECT_EQ(ErrorClassName(ModelErrorClass::kRateLimited), "rate_limited");
}

}  // namespace
}  // namespace webdpro::ai
