#include "http/request.hpp"

#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "http/middleware.hpp"

namespace webdpro::http {
namespace {

TEST(Request, HeaderLookupIgnoresCase) {
    Request request;
    request.headers.Add("Content-Type", "application/json");
    request.headers.Add("X-Thing", "1");
    request.headers.Add("x-thing", "2");
    EXPECT_EQ(request.Header("content-type"), "application/json");
    EXPECT_EQ(request.Header("X-THING"), "1");
    EXPECT_FALSE(request.Header("Missing").has_value());
}

TEST(Request, QueryParamDecodes) {
    Request request;
    request.query = "q=fresh+atta%20flour&page=2&empty=&flag&bad=%zz";
    EXPECT_EQ(request.QueryParam("q"), "fresh atta flour");
    EXPECT_EQ(request.QueryParam("page"), "2");
    EXPECT_EQ(request.QueryParam("empty"), "");
    EXPECT_EQ(request.QueryParam("flag"), "");
    EXPECT_FALSE(request.QueryParam("bad").has_value());
    EXPECT_FALSE(request.QueryParam("missing").has_value());
}

TEST(Request, ParamIsEmptyWhenAbsent) {
    Request request;
    request.params.emplace_back("store_id", "sto_1");
    EXPECT_EQ(request.Param("store_id"), "sto_1");
    EXPECT_EQ(request.Param("other"), "");
}

TEST(Request, PercentDecodeRejectsBrokenEscapes) {
    EXPECT_EQ(PercentDecode("a%2Fb%41"), "a/bA");
    EXPECT_EQ(PercentDecode("a+b"), "a+b");
    EXPECT_EQ(PercentDecode("a+b", true), "a b");
    EXPECT_FALSE(PercentDecode("%").has_value());
    EXPECT_FALSE(PercentDecode("%4").has_value());
    EXPECT_FALSE(PercentDecode("%g1").has_value());
    EXPECT_FALSE(PercentDecode("%00").has_value());
}

TEST(Request, MethodNamesRoundTrip) {
    for (Method method : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete,
                          Method::kOptions}) {
        EXPECT_EQ(ParseMethod(MethodName(method)), method);
    }
    EXPECT_EQ(ParseMethod("get"), Method::kOther);
    EXPECT_EQ(ParseMethod("BREW"), Method::kOther);
}

TEST(RequestId, AcceptsSaneIncomingIds) {
    EXPECT_TRUE(IsValidRequestId("abc-123_X.y"));
    EXPECT_TRUE(IsValidRequestId(std::string(64, 'a')));
    EXPECT_EQ(AcceptRequestId("trace-42"), "trace-42");
}

TEST(RequestId, ReplacesMissingOrHostileIds) {
    EXPECT_FALSE(IsValidRequestId(""));
    EXPECT_FALSE(IsValidRequestId(std::string(65, 'a')));
    EXPECT_FALSE(IsValidRequestId("a b"));
    EXPECT_FALSE(IsValidRequestId("a\r\nSet-Cookie: x"));
    EXPECT_FALSE(IsValidRequestId("<script>"));
    for (auto incoming : {std::optional<std::string_view>(), std::optional<std::string_view>("bad id!")}) {
        const std::string id = AcceptRequestId(incoming);
        EXPECT_TRUE(RequestId::Parse(id).has_value()) << id;
    }
    EXPECT_NE(AcceptRequestId(std::nullopt), AcceptRequestId(std::nullopt));
}

TEST(ClientAddress, IgnoresForwardedForUnlessTrusted) {
    EXPECT_EQ(ClientAddress("10.0.0.1", "1.2.3.4", false), "10.0.0.1");
    EXPECT_EQ(ClientAddress("10.0.0.1", std::nullopt, true), "10.0.0.1");
    EXPECT_EQ(ClientAddress("10.0.0.1", "1.2.3.4", true), "1.2.3.4");
    // The nearest proxy appended the last entry; earlier ones are whatever the client claimed.
    EXPECT_EQ(ClientAddress("10.0.0.1", "6.6.6.6, 1.2.3.4", true), "1.2.3.4");
    EXPECT_EQ(ClientAddress("10.0.0.1", " , ", true), "10.0.0.1");
}

}  // namespace
}  // namespace webdpro::http
