#include "http/origin.hpp"

#include <gtest/gtest.h>

namespace webdpro::http {
namespace {

TEST(ParseOrigin, KeepsSchemeHostAndPortWithTheDefaultPortImplied) {
    const auto a = ParseOrigin("https://Shop.Example.in/app/x?y#z");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->scheme, "https");
    EXPECT_EQ(a->host, "shop.example.in");
    EXPECT_EQ(a->port, 443);
    EXPECT_EQ(a->Serialize(), "https://shop.example.in");
    EXPECT_EQ(ParseOrigin("https://shop.example.in:443"), a);
    EXPECT_EQ(ParseOrigin("HTTP://localhost:8080")->Serialize(), "http://localhost:8080");
    EXPECT_EQ(ParseOrigin("http://[::1]:8080/")->Serialize(), "http://[::1]:8080");
    EXPECT_EQ(ParseOrigin("http://127.0.0.1")->port, 80);
}

TEST(ParseOrigin, SchemeAndPortAreParts) {
    EXPECT_NE(ParseOrigin("https://shop.example"), ParseOrigin("http://shop.example"));
    EXPECT_NE(ParseOrigin("http://shop.example:8080"), ParseOrigin("http://shop.example"));
    EXPECT_NE(ParseOrigin("https://shop.example:80"), ParseOrigin("http://shop.example"));
}

TEST(ParseOrigin, RefusesWhatIsNotAnHttpOrigin) {
    for (const char* bad :
         {"", "null", "shop.example", "//shop.example", "ftp://shop.example", "javascript://x", "https://",
          "https://user@shop.example", "https://shop.example:", "https://shop.example:0", "https://shop.example:65536",
          "https://shop.example:80x", "https://shop example", "https://[::1", "https://[]", "https://sh\\op.example"}) {
        EXPECT_FALSE(ParseOrigin(bad)) << bad;
    }
}

TEST(RequestOrigin, IsHttpOnTheHostUnlessATrustedProxySaysHttps) {
    Request request;
    request.headers.Set("Host", "Shop.Example:8080");
    EXPECT_EQ(RequestOrigin(request, false)->Serialize(), "http://shop.example:8080");
    request.headers.Set("X-Forwarded-Proto", "https, http");
    EXPECT_EQ(RequestOrigin(request, false)->Serialize(), "http://shop.example:8080");
    EXPECT_EQ(RequestOrigin(request, true)->Serialize(), "https://shop.example:8080");
    request.headers.Set("Host", "shop.example");
    EXPECT_EQ(RequestOrigin(request, true)->Serialize(), "https://shop.example");
    request.headers.Set("Host", "shop.example, evil.example");
    EXPECT_FALSE(RequestOrigin(request, true));
    request.headers.Remove("Host");
    EXPECT_FALSE(RequestOrigin(request, true));
}

}  // namespace
}  // namespace webdpro::http
