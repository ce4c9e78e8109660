#include "auth/sigv4.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace webdpro::auth {
namespace {

constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

}  // namespace

// The AWS Signature Version 4 test suite's vanilla query case (2011 edition): canonical request,
// its hash, the string to sign and the signature.
TEST(SigV4, MatchesTheAwsTestSuite) {
    const SigV4Request request{.method = "GET",
                               .canonical_uri = "/",
                               .query = {{"foo", "Zoo"}, {"foo", "aha"}},
                               .headers = {{"Host", "host.foo.com"}, {"Date", "Mon, 09 Sep 2011 23:36:00 GMT"}},
                               .payload = "",
                               .region = "us-east-1",
                               .service = "host"};
    const std::string canonical = CanonicalRequest(request);
    EXPECT_EQ(canonical,
              "GET\n/\nfoo=Zoo&foo=aha\ndate:Mon, 09 Sep 2011 23:36:00 GMT\nhost:host.foo.com\n\ndate;host\n"
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const std::string hash = HexEncode(Sha256(canonical));
    EXPECT_EQ(hash, "e25f777ba161a0f1baf778a87faf057187cf5987f17953320e3ca399feb5f00d");
    const std::string to_sign = StringToSign("20110909T233600Z", "us-east-1", "host", hash);
    EXPECT_EQ(to_sign,
              "AWS4-HMAC-SHA256\n20110909T233600Z\n20110909/us-east-1/host/aws4_request\n"
              "e25f777ba161a0f1baf778a87faf057187cf5987f17953320e3ca399feb5f00d");
    EXPECT_EQ(SigV4Signature(kSecret, "20110909", "us-east-1", "host", to_sign),
              "be7148d34ebccdc6423b19085378aa0bee970bdc61d144bd1a8c48c33079ab09");
}

TEST(SigV4, CanonicalHeadersAreLowercasedSortedTrimmedAndFolded) {
    const SigV4Request request{.method = "POST",
                               .headers = {{"X-B", "  two   words "}, {"host", "h"}, {"X-A", "1"}, {"x-a", "2"}},
                               .payload = "x"};
    const std::string canonical = CanonicalRequest(request);
    EXPECT_NE(canonical.find("host:h\nx-a:1,2\nx-b:two words\n\nhost;x-a;x-b\n"), std::string::npos) << canonical;
}

TEST(SigV4, UriEncodingFollowsRfc3986) {
    EXPECT_EQ(AwsUriEncode("AZaz09-_.~"), "AZaz09-_.~");
    EXPECT_EQ(AwsUriEncode("+91 98/x=é"), "%2B91%2098%2Fx%3D%C3%A9");
    EXPECT_EQ(AwsUriEncode("/a/b", true), "/a/b");
}

TEST(SigV4, SignAddsDateAndTokenAndIsDeterministic) {
    const TimePoint t = FromUnixMillis(1440938160000);  // 2015-08-30T12:36:00Z
    EXPECT_EQ(AmzDate(t), "20150830T123600Z");
    SigV4Request request{.method = "POST",
                         .headers = {{"host", "sns.ap-south-1.amazonaws.com"}},
                         .payload = "Action=Publish",
                         .region = "ap-south-1",
                         .service = "sns",
                         .time = t};
    const SigV4Headers a = SignV4(request, {"AKIDEXAMPLE", std::string(kSecret), ""});
    const SigV4Headers b = SignV4(request, {"AKIDEXAMPLE", std::string(kSecret), ""});
    EXPECT_EQ(a.authorization, b.authorization);
    EXPECT_EQ(a.amz_date, "20150830T123600Z");
    EXPECT_TRUE(
        a.authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/ap-south-1/sns/aws4_request, "
                                    "SignedHeaders=host;x-amz-date, Signature="))
        << a.authorization;
    const SigV4Headers with_token = SignV4(request, {"AKIDEXAMPLE", std::string(kSecret), "session"});
    EXPECT_EQ(with_token.security_token, "session");
    EXPECT_NE(with_token.authorization.find("SignedHeaders=host;x-amz-date;x-amz-security-token"), std::string::npos);
    request.payload = "Action=Publish&x=1";
    EXPECT_NE(SignV4(request, {"AKIDEXAMPLE", std::string(kSecret), ""}).authorization, a.authorization);
}

}  // namespace webdpro::auth
