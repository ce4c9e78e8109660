#include "core/aws_sigv4.hpp"

#include <gtest/gtest.h>

namespace webdpro {
namespace {

// AWS's published SigV4 test suite uses these example credentials, this instant, region and
// service name (docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html).
const AwsCredentials kSuite{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
constexpr std::string_view kSuiteDate = "20150830T123600Z";

SigV4Request SuiteRequest(std::string method, std::string query = {}) {
    SigV4Request request;
    request.method = std::move(method);
    request.host = "example.amazonaws.com";
    request.path = "/";
    request.query = std::move(query);
    return request;
}

TEST(SigV4, GetVanillaMatchesTheTestSuite) {
    const SigV4Signature sig = SignSigV4(SuiteRequest("GET"), kSuite, "us-east-1", "service", kSuiteDate);
    EXPECT_EQ(sig.canonical_request,
              "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sig.string_to_sign,
              "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
              "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
    EXPECT_EQ(sig.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    EXPECT_EQ(sig.authorization,
              "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
              "SignedHeaders=host;x-amz-date, "
              "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4, PostVanillaMatchesTheTestSuite) {
    const SigV4Signature sig = SignSigV4(SuiteRequest("POST"), kSuite, "us-east-1", "service", kSuiteDate);
    EXPECT_EQ(sig.signature, "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST(SigV4, QueryParametersAreSortedAsTheTestSuiteSays) {
    const SigV4Signature sig =
        SignSigV4(SuiteRequest("GET", "Param2=value2&Param1=value1"), kSuite, "us-east-1", "service", kSuiteDate);
    EXPECT_NE(sig.canonical_request.find("\nParam1=value1&Param2=value2\n"), std::string::npos);
    EXPECT_EQ(sig.signature, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

// A Bedrock call for a model id with ':'. The wire path carries %3A; the canonical URI must carry
// %253A. The expected signature was computed independently (Python hmac/hashlib with
// urllib.parse.quote of the wire path, as botocore does).
TEST(SigV4, BedrockModelIdWithColonIsSignedDoubleEncoded) {
    SigV4Request request;
    request.method = "POST";
    request.host = "bedrock-runtime.us-east-1.amazonaws.com";
    request.path = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse";
    request.headers = {{"Content-Type", "application/json"}};
    const std::string body = R"({"messages":[{"role":"user","content":[{"text":"Hello"}]}]})";
    request.body = body;
    const SigV4Signature sig = SignSigV4(request, kSuite, "us-east-1", "bedrock", kSuiteDate);
    EXPECT_NE(sig.canonical_request.find("\n/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse\n"),
              std::string::npos)
        << sig.canonical_request;
    EXPECT_EQ(sig.signed_headers, "content-type;host;x-amz-date");
    EXPECT_EQ(sig.signature, "19f9ff5f31b96d4983cc87f7191e49e8c39475e434ea6b9d581028226bdc060c");
    EXPECT_NE(sig.authorization.find("/us-east-1/bedrock/aws4_request"), std::string::npos);
}

TEST(SigV4, SessionTokenIsSigned) {
    SigV4Request request;
    request.method = "POST";
    request.host = "bedrock-runtime.us-east-1.amazonaws.com";
    request.path = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse";
    request.headers = {{"content-type", "application/json"}};
    const std::string body = R"({"messages":[{"role":"user","content":[{"text":"Hello"}]}]})";
    request.body = body;
    AwsCredentials credentials = kSuite;
    credentials.session_token = "TOKEN123";
    const SigV4Signature sig = SignSigV4(request, credentials, "us-east-1", "bedrock", kSuiteDate);
    EXPECT_EQ(sig.signed_headers, "content-type;host;x-amz-date;x-amz-security-token");
    EXPECT_EQ(sig.signature, "b2e335a1b114178553e23713e6ca8a2ad437b293ef4247d44a4594e511882db1");
}

TEST(SigV4, UriEncodeKeepsOnlyUnreservedCharacters) {
    EXPECT_EQ(AwsUriEncode("a-b_c.d~e/f:g%3A", true), "a-b_c.d~e/f%3Ag%253A");
    EXPECT_EQ(AwsUriEncode("a/b c", false), "a%2Fb%20c");
}

TEST(SigV4, AmzDateHasTheBasicIsoShape) {
    const std::string date = AmzDateNow();
    ASSERT_EQ(date.size(), 16U);
    EXPECT_EQ(date[8], 'T');
    EXPECT_EQ(date.back(), 'Z');
}

}  // namespace
// Canonical headers: names lower-cased and sorted, values trimmed with inner spaces folded,
// repeated names joined with ','.
TEST(SigV4, CanonicalHeadersAreLowercasedSortedTrimmedAndFolded) {
    SigV4Request request = SuiteRequest("POST");
    request.headers = {{"X-B", "  two   words "}, {"X-A", "1"}, {"x-a", "2"}};
    request.body = "x";
    const SigV4Signature sig = SignSigV4(request, kSuite, "us-east-1", "service", kSuiteDate);
    EXPECT_NE(sig.canonical_request.find("host:example.amazonaws.com\nx-a:1,2\nx-amz-date:20150830T123600Z\n"
                                         "x-b:two words\n\nhost;x-a;x-amz-date;x-b\n"),
              std::string::npos)
        << sig.canonical_request;
}

TEST(SigV4, UriEncodingFollowsRfc3986) {
    EXPECT_EQ(AwsUriEncode("AZaz09-_.~"), "AZaz09-_.~");
    EXPECT_EQ(AwsUriEncode("+91 98/x=\xc3\xa9"), "%2B91%2098%2Fx%3D%C3%A9");
    EXPECT_EQ(AwsUriEncode("/a/b", true), "/a/b");
}

// The SNS sender's use: a form body on "/", a session token signed when present, and any change
// of the body changes the signature.
TEST(SigV4, SnsPublishSigningAddsTheTokenAndCoversTheBody) {
    EXPECT_EQ(AmzDate(FromUnixMillis(1440938160000)), "20150830T123600Z");
    SigV4Request request{.method = "POST",
                         .host = "sns.ap-south-1.amazonaws.com",
                         .path = "/",
                         .query = {},
                         .headers = {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"}},
                         .body = "Action=Publish"};
    const SigV4Signature a = SignSigV4(request, kSuite, "ap-south-1", "sns", kSuiteDate);
    EXPECT_EQ(a.authorization, SignSigV4(request, kSuite, "ap-south-1", "sns", kSuiteDate).authorization);
    EXPECT_TRUE(
        a.authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/ap-south-1/sns/"
                                    "aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="))
        << a.authorization;
    AwsCredentials temporary = kSuite;
    temporary.session_token = "session";
    EXPECT_NE(SignSigV4(request, temporary, "ap-south-1", "sns", kSuiteDate)
                  .authorization.find("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token"),
              std::string::npos);
    request.body = "Action=Publish&x=1";
    EXPECT_NE(SignSigV4(request, kSuite, "ap-south-1", "sns", kSuiteDate).authorization, a.authorization);
}

}  // namespace webdpro
