#include "auth/guard.hpp"

#include <gtest/gtest.h>

#include "auth/session_http.hpp"
#include "auth/test_auth_stack.hpp"
#include "auth/test_util.hpp"
#include "core/secrets.hpp"

namespace webdpro::auth {
namespace {

using testing::Await;

http::Route MakeRoute(http::Method method, std::string pattern, std::string permission) {
    http::Route route;
    route.method = method;
    route.pattern = std::move(pattern);
    route.options.permission = std::move(permission);
    return route;
}

class AuthGuardTest : public testing::AuthStackTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(AuthStackTest::SetUp());
        MakeGuard({});
        auto s = SignInAs("9812345678");
        ASSERT_TRUE(s);
        customer_ = *s;
    }

    void MakeGuard(GuardOptions options) { guard_ = std::make_unique<AuthGuard>(*auth_, metrics_, options); }

    http::Request Request(http::Method method, std::vector<std::pair<std::string, std::string>> headers = {}) {
        http::Request r;
        r.method = method;
        r.remote = "192.0.2.1";
        r.headers.Set("Host", "shop.example:8080");
        for (const auto& [k, v] : headers) {
            r.headers.Add(k, v);
        }
        return r;
    }
    std::optional<http::Response> Check(http::Request& request, const http::Route& route) {
        return Await(guard_->Check(request, route));
    }
    std::string Cookie() const { return std::string(kAccessCookie) + "=" + customer_.access_token; }
    std::string Bearer() const { return "Bearer " + customer_.access_token; }

    static void ExpectRefused(const std::optional<http::Response>& r, ErrorCode code) {
        ASSERT_TRUE(r.has_value());
        ASSERT_TRUE(r->error.has_value());
        EXPECT_EQ(r->error->code, code) << r->error->message << " | " << r->error->detail;
    }

    std::unique_ptr<AuthGuard> guard_;
    SignIn customer_;

    const http::Route public_get_ = MakeRoute(http::Method::kGet, "/healthz", "");
    const http::Route public_post_ = MakeRoute(http::Method::kPost, "/api/auth/otp", "");
    const http::Route me_ = MakeRoute(http::Method::kGet, "/api/me", "me");
    const http::Route create_tenant_ = MakeRoute(http::Method::kPost, "/api/tenants", "tenant.create");
    const http::Route agents_ = MakeRoute(http::Method::kPost, "/api/agents", "agents.manage");
    const http::Route admin_ = MakeRoute(http::Method::kGet, "/api/admin/tenants", "admin.platform");
};

}  // namespace

TEST_F(AuthGuardTest, PublicRoutesPassAnonymously) {
    auto r = Request(http::Method::kGet);
    EXPECT_FALSE(Check(r, public_get_));
    EXPECT_FALSE(r.principal);
    auto post = Request(http::Method::kPost);  // an API client: no cookie, no Origin
    EXPECT_FALSE(Check(post, public_post_));
}

TEST_F(AuthGuardTest, ProtectedRoutesNeedASession) {
    auto r = Request(http::Method::kGet);
    ExpectRefused(Check(r, me_), ErrorCode::kUnauthenticated);
    auto garbage = Request(http::Method::kGet, {{"Authorization", "Bearer not-a-token"}});
    ExpectRefused(Check(garbage, me_), ErrorCode::kUnauthenticated);
    // A bad token on a public route is simply anonymous.
    auto public_garbage = Request(http::Method::kGet, {{"Authorization", "Bearer not-a-token"}});
    EXPECT_FALSE(Check(public_garbage, public_get_));
    EXPECT_FALSE(public_garbage.principal);
}

TEST_F(AuthGuardTest, BearerAndCookieBothAuthenticate) {
    auto bearer = Request(http::Method::kGet, {{"Authorization", Bearer()}});
    EXPECT_FALSE(Check(bearer, me_));
    ASSERT_TRUE(bearer.principal);
    EXPECT_EQ(bearer.principal->user_id, customer_.account.user.id);
    EXPECT_EQ(bearer.principal->role, Role::kCustomer);
    EXPECT_EQ(DeliveryOf(bearer), TokenDelivery::kBody);

    auto cookie = Request(http::Method::kGet, {{"Cookie", "theme=dark; " + Cookie() + "; lang=hi"}});
    EXPECT_FALSE(Check(cookie, me_));
    ASSERT_TRUE(cookie.principal);
    EXPECT_EQ(DeliveryOf(cookie), TokenDelivery::kCookie);
}

TEST_F(AuthGuardTest, CookieWritesNeedAnAllowedOrigin) {
    auto none = Request(http::Method::kPost, {{"Cookie", Cookie()}});
    ExpectRefused(Check(none, create_tenant_), ErrorCode::kForbidden);
    auto evil = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "https://evil.example"}});
    ExpectRefused(Check(evil, create_tenant_), ErrorCode::kForbidden);
    auto null_origin = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "null"}});
    ExpectRefused(Check(null_origin, create_tenant_), ErrorCode::kForbidden);
    auto lookalike = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "http://shop.example:8080.evil"}});
    ExpectRefused(Check(lookalike, create_tenant_), ErrorCode::kForbidden);
    auto same = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "http://shop.example:8080"}});
    EXPECT_FALSE(Check(same, create_tenant_));
    auto referer =
        Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Referer", "http://shop.example:8080/app/x?y"}});
    EXPECT_FALSE(Check(referer, create_tenant_));
    // Even a public write refuses a foreign origin when session cookies ride along (logout CSRF).
    auto logout = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "https://evil.example"}});
    ExpectRefused(Check(logout, public_post_), ErrorCode::kForbidden);
    // Reads are not checked.
    auto read = Request(http::Method::kGet, {{"Cookie", Cookie()}, {"Origin", "https://evil.example"}});
    EXPECT_FALSE(Check(read, me_));
}

TEST_F(AuthGuardTest, TheOriginCheckComparesSchemeHostAndPort) {
    // This server speaks plain HTTP: an https page on the same host name is another site.
    for (const char* other : {"https://shop.example:8080", "http://shop.example", "http://shop.example:8081",
                              "http://shop.example:8080@evil.example", "HTTP://shop.example:8080x"}) {
        auto r = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", other}});
        ExpectRefused(Check(r, create_tenant_), ErrorCode::kForbidden);
    }
    auto https_referer =
        Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Referer", "https://shop.example:8080/app/x?y"}});
    ExpectRefused(Check(https_referer, create_tenant_), ErrorCode::kForbidden);
    auto same = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "HTTP://Shop.Example:8080"}});
    EXPECT_FALSE(Check(same, create_tenant_));

    // Behind a trusted TLS proxy the scheme is the proxy's word, and only then.
    auto proxied = [&](const char* origin) {
        return Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", origin}, {"X-Forwarded-Proto", "https"}});
    };
    auto untrusted = proxied("https://shop.example:8080");
    ExpectRefused(Check(untrusted, create_tenant_), ErrorCode::kForbidden);
    MakeGuard({.trust_forwarded_proto = true});
    auto trusted = proxied("https://shop.example:8080");
    EXPECT_FALSE(Check(trusted, create_tenant_));
    auto plain = proxied("http://shop.example:8080");
    ExpectRefused(Check(plain, create_tenant_), ErrorCode::kForbidden);

    // A configured origin is compared the same way.
    MakeGuard({.public_origin = "https://webdpro.in"});
    auto http_own = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "http://webdpro.in"}});
    ExpectRefused(Check(http_own, create_tenant_), ErrorCode::kForbidden);
    auto port_own = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "https://webdpro.in:8443"}});
    ExpectRefused(Check(port_own, create_tenant_), ErrorCode::kForbidden);
    auto own = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "https://webdpro.in:443"}});
    EXPECT_FALSE(Check(own, create_tenant_));
}

TEST_F(AuthGuardTest, BearerWritesSkipTheOriginCheck) {
    auto r = Request(http::Method::kPost, {{"Authorization", Bearer()}, {"Origin", "https://evil.example"}});
    EXPECT_FALSE(Check(r, create_tenant_));
}

TEST_F(AuthGuardTest, ConfiguredOriginsReplaceTheHostRule) {
    MakeGuard({.cors_origins = {"https://partner.example"}, .public_origin = "https://webdpro.in"});
    auto partner = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "https://partner.example"}});
    EXPECT_FALSE(Check(partner, create_tenant_));
    auto own = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "https://webdpro.in"}});
    EXPECT_FALSE(Check(own, create_tenant_));
    auto host = Request(http::Method::kPost, {{"Cookie", Cookie()}, {"Origin", "http://shop.example:8080"}});
    ExpectRefused(Check(host, create_tenant_), ErrorCode::kForbidden);
}

TEST_F(AuthGuardTest, RolesAreCheckedAgainstThePolicy) {
    auto agents = Request(http::Method::kPost, {{"Authorization", Bearer()}});
    ExpectRefused(Check(agents, agents_), ErrorCode::kForbidden);
    auto admin = Request(http::Method::kGet, {{"Authorization", Bearer()}});
    ExpectRefused(Check(admin, admin_), ErrorCode::kForbidden);
}

TEST_F(AuthGuardTest, RevokedSessionsAreRefusedAtOnce) {
    auto before = Request(http::Method::kGet, {{"Authorization", Bearer()}});
    ASSERT_FALSE(Check(before, me_));
    ASSERT_TRUE(Await(auth_->Logout(*before.principal, std::nullopt, meta_)));
    auto after = Request(http::Method::kGet, {{"Authorization", Bearer()}});
    ExpectRefused(Check(after, me_), ErrorCode::kUnauthenticated);
}

TEST_F(AuthGuardTest, PerIpLimitAppliesToEveryRoute) {
    MakeGuard({.ip_per_min = 2});
    for (int i = 0; i < 2; ++i) {
        auto r = Request(http::Method::kGet);
        EXPECT_FALSE(Check(r, public_get_));
    }
    auto limited = Request(http::Method::kGet);
    auto refused = Check(limited, public_get_);
    ExpectRefused(refused, ErrorCode::kRateLimited);
    EXPECT_EQ(refused->error->retry_after_s, 30);
    auto other_ip = Request(http::Method::kGet);
    other_ip.remote = "192.0.2.2";
    EXPECT_FALSE(Check(other_ip, public_get_));
    EXPECT_NE(prometheus_.Serialize().find("webdpro_rate_limited_total{limit=\"ip\"} 1"), std::string::npos);
}

TEST_F(AuthGuardTest, PerPrincipalLimitFollowsTheUserAcrossIps) {
    MakeGuard({.ip_per_min = 0, .principal_per_min = 1});
    auto first = Request(http::Method::kGet, {{"Authorization", Bearer()}});
    EXPECT_FALSE(Check(first, me_));
    auto second = Request(http::Method::kGet, {{"Authorization", Bearer()}});
    second.remote = "198.51.100.9";
    ExpectRefused(Check(second, me_), ErrorCode::kRateLimited);
}

TEST_F(AuthGuardTest, CheckRoutesRefusesUnknownPermissions) {
    http::Router router;
    router.Get(
        "/api/me",
        [](http::Request&) -> boost::asio::awaitable<http::Response> { co_return http::Response::NoContent(); },
        http::RouteOptions{.permission = "me"});
    EXPECT_TRUE(AuthGuard::CheckRoutes(router));
    router.Get(
        "/api/secret",
        [](http::Request&) -> boost::asio::awaitable<http::Response> { co_return http::Response::NoContent(); },
        http::RouteOptions{.permission = "secrets.read"});
    auto checked = AuthGuard::CheckRoutes(router);
    ASSERT_FALSE(checked);
    EXPECT_NE(checked.error().message.find("GET /api/secret names 'secrets.read'"), std::string::npos);
}

TEST(SessionCookies, FlagsAndSecureDetection) {
    http::Request plain;
    http::Request proxied;
    proxied.headers.Set("X-Forwarded-Proto", "https");
    SignIn s{.access_token = "a.b.c", .refresh_token = "wdr_x", .access_ttl_s = 900, .refresh_ttl_s = 60};
    const SessionCookies automatic({.secure = "auto", .trust_forwarded = true});
    const SessionCookies untrusted({.secure = "auto", .trust_forwarded = false});
    const SessionCookies always({.secure = "always"});
    EXPECT_FALSE(automatic.Secure(plain));
    EXPECT_TRUE(automatic.Secure(proxied));
    EXPECT_FALSE(untrusted.Secure(proxied));
    EXPECT_TRUE(always.Secure(plain));

    auto r = automatic.Respond(proxied, 200, nlohmann::json::object(), s, TokenDelivery::kCookie);
    std::vector<std::string> cookies;
    for (const auto& [k, v] : r.headers) {
        if (k == "Set-Cookie") {
            cookies.push_back(v);
        }
    }
    ASSERT_EQ(cookies.size(), 2u);
    EXPECT_EQ(cookies[0], "wdp_access=a.b.c; Path=/; Max-Age=900; HttpOnly; SameSite=Lax; Secure");
    EXPECT_EQ(cookies[1], "wdp_refresh=wdr_x; Path=/api/auth; Max-Age=60; HttpOnly; SameSite=Strict; Secure");
    EXPECT_EQ(r.body.find("a.b.c"), std::string::npos);

    auto body = automatic.Respond(plain, 200, nlohmann::json::object(), s, TokenDelivery::kBody);
    EXPECT_FALSE(body.headers.Has("Set-Cookie"));
    const auto json = nlohmann::json::parse(body.body);
    EXPECT_EQ(json["access_token"], "a.b.c");
    EXPECT_EQ(json["refresh_token"], "wdr_x");
    EXPECT_EQ(json["token_type"], "Bearer");
}

TEST(CookieValue, ParsesTheCookieHeader) {
    http::Request r;
    r.headers.Add("Cookie", "a=1; wdp_access=tok; b=\"2\"");
    r.headers.Add("Cookie", "wdp_refresh=ref");
    EXPECT_EQ(CookieValue(r, "wdp_access"), "tok");
    EXPECT_EQ(CookieValue(r, "b"), "2");
    EXPECT_EQ(CookieValue(r, "wdp_refresh"), "ref");
    EXPECT_FALSE(CookieValue(r, "wdp"));
    http::Request empty;
    empty.headers.Add("Cookie", "wdp_access=");
    EXPECT_FALSE(CookieValue(empty, "wdp_access"));
}

}  // namespace webdpro::auth
