#include "http/router.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

#include "http/test_util.hpp"

namespace webdpro::http {
namespace {

Handler Named(std::string name) {
    return [name](Request&) -> boost::asio::awaitable<Response> { co_return Response::Text(200, name); };
}

std::string Pattern(const RouteMatch& match) {
    return match.route != nullptr ? match.route->pattern : "<none>";
}

TEST(Router, MatchesParametersAndDecodesThem) {
    Router router;
    router.Get("/api/stores/{store_id}/products/{product_id}", Named("product"));
    const RouteMatch match = router.Match(Method::kGet, "/api/stores/sto_1/products/p%20q");
    ASSERT_NE(match.route, nullptr);
    ASSERT_EQ(match.params.size(), 2U);
    EXPECT_EQ(match.params[0].first, "store_id");
    EXPECT_EQ(match.params[0].second, "sto_1");
    EXPECT_EQ(match.params[1].first, "product_id");
    EXPECT_EQ(match.params[1].second, "p q");
}

TEST(Router, RunsTheMatchedHandler) {
    Router router;
    router.Get("/a", Named("a"));
    router.Get("/b", Named("b"));
    RouteMatch match = router.Match(Method::kGet, "/b");
    ASSERT_NE(match.route, nullptr);
    Request request;
    EXPECT_EQ(testing::Call(match.route->handler, request).body, "b");
}

TEST(Router, ParameterDoesNotMatchAnEmptySegmentOrExtraSegments) {
    Router router;
    router.Get("/s/{slug}", Named("s"));
    EXPECT_EQ(router.Match(Method::kGet, "/s/").route, nullptr);
    EXPECT_EQ(router.Match(Method::kGet, "/s/a/b").route, nullptr);
    EXPECT_EQ(router.Match(Method::kGet, "/s").route, nullptr);
}

TEST(Router, LiteralSegmentsWinOverParameters) {
    Router router;
    router.Get("/api/stores/{store_id}", Named("param"));
    router.Get("/api/stores/new", Named("literal"));
    EXPECT_EQ(Pattern(router.Match(Method::kGet, "/api/stores/new")), "/api/stores/new");
    EXPECT_EQ(Pattern(router.Match(Method::kGet, "/api/stores/sto_9")), "/api/stores/{store_id}");
}

TEST(Router, BacktracksFromALiteralDeadEndToAParameter) {
    Router router;
    router.Get("/a/b/d", Named("literal"));
    router.Get("/a/{x}/c", Named("param"));
    const RouteMatch match = router.Match(Method::kGet, "/a/b/c");
    EXPECT_EQ(Pattern(match), "/a/{x}/c");
    ASSERT_EQ(match.params.size(), 1U);
    EXPECT_EQ(match.params[0].second, "b");
}

TEST(Router, PrefersARouteWithTheMethodOverAPathOnlyMatch) {
    Router router;
    router.Post("/api/stores/new", Named("create"));
    router.Get("/api/stores/{store_id}", Named("get"));
    EXPECT_EQ(Pattern(router.Match(Method::kGet, "/api/stores/new")), "/api/stores/{store_id}");
    EXPECT_EQ(Pattern(router.Match(Method::kPost, "/api/stores/new")), "/api/stores/new");
}

TEST(Router, TailWildcardTakesTheRestIncludingNothing) {
    Router router;
    router.Get("/s/{slug}/{rest...}", Named("store"));
    RouteMatch match = router.Match(Method::kGet, "/s/sharma/products/atta.html");
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.params[1].first, "rest");
    EXPECT_EQ(match.params[1].second, "products/atta.html");
    match = router.Match(Method::kGet, "/s/sharma");
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.params[1].second, "");
}

TEST(Router, TailWildcardLosesToEveryOtherRoute) {
    Router router;
    router.Get("/{path...}", Named("static"));
    router.Get("/api/health", Named("health"));
    router.Get("/", Named("root"));
    EXPECT_EQ(Pattern(router.Match(Method::kGet, "/api/health")), "/api/health");
    EXPECT_EQ(Pattern(router.Match(Method::kGet, "/")), "/");
    EXPECT_EQ(Pattern(router.Match(Method::kGet, "/api/other")), "/{path...}");
    EXPECT_EQ(Pattern(router.Match(Method::kGet, "/css/site.css")), "/{path...}");
}

TEST(Router, WrongMethodGives405WithAllow) {
    Router router;
    router.Get("/api/stores", Named("list"));
    router.Post("/api/stores", Named("create"));
    const RouteMatch match = router.Match(Method::kDelete, "/api/stores");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_EQ(match.allow, "GET, HEAD, POST");
}

TEST(Router, UnknownMethodOnAKnownPathGives405) {
    Router router;
    router.Put("/x", Named("put"));
    const RouteMatch match = router.Match(Method::kOther, "/x");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_EQ(match.allow, "PUT");
}

TEST(Router, RootCatchAllNeverTurnsA404IntoA405) {
    Router router;
    router.Get("/{path...}", Named("static"));
    router.Get("/api/orders", Named("orders"));
    const RouteMatch unknown = router.Match(Method::kPost, "/api/nothing");
    EXPECT_EQ(unknown.route, nullptr);
    EXPECT_EQ(unknown.allow, "");
    EXPECT_EQ(router.Match(Method::kPost, "/api/orders").allow, "GET, HEAD");
}

TEST(Router, UnknownPathGives404) {
    Router router;
    router.Get("/a", Named("a"));
    const RouteMatch match = router.Match(Method::kGet, "/b");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_TRUE(match.allow.empty());
    EXPECT_FALSE(match.malformed);
}

TEST(Router, HeadUsesGetUnlessHeadIsRegistered) {
    Router router;
    router.Get("/a", Named("get-a"));
    router.Get("/b", Named("get-b"));
    router.Add(Method::kHead, "/b", Named("head-b"));
    EXPECT_EQ(router.Match(Method::kHead, "/a").route->method, Method::kGet);
    EXPECT_EQ(router.Match(Method::kHead, "/b").route->method, Method::kHead);
}

TEST(Router, DuplicateRouteThrows) {
    Router router;
    router.Get("/api/stores/{store_id}", Named("a"));
    EXPECT_THROW(router.Get("/api/stores/{store_id}", Named("b")), std::logic_error);
    EXPECT_THROW(router.Get("/api/stores/{id}", Named("c")), std::logic_error);  // same shape
    EXPECT_NO_THROW(router.Post("/api/stores/{store_id}", Named("d")));
    router.Get("/{rest...}", Named("e"));
    EXPECT_THROW(router.Get("/{other...}", Named("f")), std::logic_error);
}

TEST(Router, MalformedPatternsThrow) {
    Router router;
    EXPECT_THROW(router.Get("no-slash", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("/a/{}", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("/a/{b c}", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("/a/{x...}/b", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("/a/x{y}", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("/a/{x}/{x}", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Add(Method::kOther, "/a", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("/a", Handler()), std::invalid_argument);
    EXPECT_EQ(router.size(), 0U);
}

TEST(Router, MalformedEscapesAreReported) {
    Router router;
    router.Get("/{path...}", Named("x"));
    EXPECT_TRUE(router.Match(Method::kGet, "/a%zz").malformed);
    EXPECT_TRUE(router.Match(Method::kGet, "/a%00b").malformed);
    EXPECT_TRUE(router.Match(Method::kGet, "*").malformed);
}

TEST(Router, RoutesListsTheTableInRegistrationOrder) {
    Router router;
    router.Get("/a", Named("a"));
    router.Post("/b/{id}", Named("b"));
    router.Delete("/c/{rest...}", Named("c"));
    router.Put("/d", Named("d"));
    router.Patch("/e", Named("e"));
    const std::vector<RouteInfo> expected = {
        {"GET", "/a"}, {"POST", "/b/{id}"}, {"DELETE", "/c/{rest...}"}, {"PUT", "/d"}, {"PATCH", "/e"}};
    EXPECT_EQ(router.Routes(), expected);
    EXPECT_EQ(router.route(1).param_names, std::vector<std::string>{"id"});
    EXPECT_EQ(router.route(2).index, 2U);
}

}  // namespace
}  // namespace webdpro::http
