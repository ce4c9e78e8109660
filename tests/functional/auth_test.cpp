// Accounts on the real binary: phone login with codes from the SMS outbox, OTP abuse (wrong codes,
// expiry, cooldown, per-phone and per-IP limits), tokens (tamper, alg none, wrong kid, expiry),
// refresh rotation and reuse detection, logout, the Origin check, roles, agents, the super admin
// command and secrets handling.
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "core/crypto.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

std::unique_ptr<TestServer> StartServer(std::vector<std::string> args) {
    std::string error;
    TestServer::Options options;
    options.extra_args = std::move(args);
    auto server = TestServer::Start(options, error);
    EXPECT_NE(server, nullptr) << error;
    return server;
}

std::unique_ptr<TestServer> Relaxed(std::vector<std::string> more = {}) {
    auto args = RelaxedLimits();
    args.insert(args.end(), more.begin(), more.end());
    return StartServer(std::move(args));
}

ApiReply Post(const TestServer& s, const std::string& path, const nlohmann::json& body, Headers headers = {}) {
    return Call("POST", s.url(path), headers, body.dump());
}

ApiReply RequestOtp(const TestServer& s, const std::string& phone, const std::string& ip = "") {
    Headers headers;
    if (!ip.empty()) {
        headers.emplace_back("X-Forwarded-For", ip);
    }
    return Post(s, "/api/auth/otp", {{"phone", phone}}, headers);
}

void ExpectEnvelope(const ApiReply& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.ErrorCode(), code) << r.body;
    EXPECT_TRUE(r.json.is_object() && r.json["request_id"].is_string()) << r.body;
}

std::string Segment(const nlohmann::json& j) {
    return Base64UrlEncode(j.dump());
}

nlohmann::json DecodeSegment(const std::string& token, int index) {
    std::stringstream ss(token);
    std::string part;
    for (int i = 0; i <= index; ++i) {
        std::getline(ss, part, '.');
    }
    return nlohmann::json::parse(*Base64UrlDecode(part));
}

}  // namespace

TEST(AuthApi, PhonesAreAcceptedAsPeopleTypeThemAndNormalised) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    for (const char* typed : {"98123 45678", "+91-98123-45678", "09812345678", "919812345678", "9812345678"}) {
        auto r = RequestOtp(*server, typed);
        EXPECT_EQ(r.status, 202) << typed << " " << r.body;
        EXPECT_EQ(r.json["expires_in_s"], 300);
        EXPECT_EQ(r.json["resend_after_s"], 0);
    }
    EXPECT_FALSE(LatestCode(*server, "+919812345678").empty());
    for (const char* bad : {"", "12345", "5812345678", "+1 415 555 0100", "98123-4567x", "1800 123 4567"}) {
        auto r = RequestOtp(*server, bad);
        ExpectEnvelope(r, 400, "invalid_argument");
        ASSERT_TRUE(r.json["error"]["fields"].is_array()) << r.body;
        EXPECT_EQ(r.json["error"]["fields"][0]["field"], "phone") << bad;
    }
    ExpectEnvelope(Call("POST", server->url("/api/auth/otp"), {}, "not json"), 400, "invalid_argument");
    ExpectEnvelope(Post(*server, "/api/auth/otp", {{"phone", 9812345678LL}}), 400, "invalid_argument");
}

TEST(AuthApi, VerifySetsHttpOnlySessionCookies) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    ASSERT_EQ(RequestOtp(*server, "9812345678").status, 202);
    const std::string code = LatestCode(*server, "+919812345678");
    auto r = Post(*server, "/api/auth/verify", {{"phone", "98123 45678"}, {"code", code}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json["role"], "CUSTOMER");
    EXPECT_TRUE(r.json["tenant"].is_null());
    EXPECT_EQ(r.json["user"]["phone"], "+919812345678");
    EXPECT_TRUE(r.json["memberships"].is_array());
    EXPECT_EQ(r.json["expires_in_s"], 900);
    EXPECT_FALSE(r.json.contains("access_token"));
    const std::string access = r.SetCookie("wdp_access");
    const std::string refresh = r.SetCookie("wdp_refresh");
    EXPECT_NE(access.find("; Path=/;"), std::string::npos) << access;
    EXPECT_NE(access.find("HttpOnly"), std::string::npos);
    EXPECT_NE(access.find("SameSite=Lax"), std::string::npos);
    EXPECT_EQ(access.find("Secure"), std::string::npos);  // plain HTTP on loopback
    EXPECT_NE(refresh.find("Path=/api/auth"), std::string::npos) << refresh;
    EXPECT_NE(refresh.find("HttpOnly"), std::string::npos);
    EXPECT_NE(refresh.find("SameSite=Strict"), std::string::npos);
    EXPECT_EQ(r.Header("cache-control"), "no-store");

    // The cookie alone authenticates reads.
    const std::string cookie = access.substr(0, access.find(';'));
    auto me = Call("GET", server->url("/api/me"), {{"Cookie", cookie}});
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.json["user"]["id"], r.json["user"]["id"]);
    EXPECT_GT(me.json["expires_in_s"].get<int>(), 800);
}

TEST(AuthApi, CookiesAreSecureBehindATrustedTlsProxy) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    ASSERT_EQ(RequestOtp(*server, "9812345678").status, 202);
    auto r =
        Post(*server, "/api/auth/verify", {{"phone", "9812345678"}, {"code", LatestCode(*server, "+919812345678")}},
             {{"X-Forwarded-Proto", "https"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.SetCookie("wdp_access").find("; Secure"), std::string::npos) << r.SetCookie("wdp_access");
    EXPECT_NE(r.SetCookie("wdp_refresh").find("; Secure"), std::string::npos);
}

TEST(AuthApi, WrongCodesCountDownAndTheSixthAttemptMeetsADeadChallenge) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    ASSERT_EQ(RequestOtp(*server, "9812345678").status, 202);
    const std::string right = LatestCode(*server, "+919812345678");
    const std::string wrong = right == "000000" ? "111111" : "000000";
    for (const char* left : {"4 tries left", "3 tries left", "2 tries left", "1 try left", "No tries left"}) {
        auto r = Post(*server, "/api/auth/verify", {{"phone", "9812345678"}, {"code", wrong}});
        ExpectEnvelope(r, 401, "unauthenticated");
        EXPECT_NE(r.json["error"]["message"].get<std::string>().find(left), std::string::npos) << r.body;
    }
    auto sixth = Post(*server, "/api/auth/verify", {{"phone", "9812345678"}, {"code", right}});
    ExpectEnvelope(sixth, 401, "unauthenticated");
    EXPECT_EQ(sixth.SetCookie("wdp_access"), "");
    // A new code works again.
    ASSERT_EQ(RequestOtp(*server, "9812345678").status, 202);
    auto fresh =
        Post(*server, "/api/auth/verify", {{"phone", "9812345678"}, {"code", LatestCode(*server, "+919812345678")}});
    EXPECT_EQ(fresh.status, 200) << fresh.body;
    auto metrics = Call("GET", server->url("/metrics"));
    EXPECT_NE(metrics.body.find("webdpro_otp_failed_total{reason=\"wrong\"} 5"), std::string::npos);
    EXPECT_NE(metrics.body.find("webdpro_otp_failed_total{reason=\"blocked\"} 1"), std::string::npos);
    EXPECT_NE(metrics.body.find("webdpro_otp_verified_total 1"), std::string::npos);
    EXPECT_NE(metrics.body.find("webdpro_otp_sent_total{provider=\"outbox\"} 2"), std::string::npos);
}

TEST(AuthApi, MalformedCodesAre400NotAnAttempt) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    for (const nlohmann::json& code : {nlohmann::json("12345"), nlohmann::json("1234567"), nlohmann::json("12a456"),
                                       nlohmann::json(123456), nlohmann::json(nullptr)}) {
        auto r = Post(*server, "/api/auth/verify", {{"phone", "9812345678"}, {"code", code}});
        ExpectEnvelope(r, 400, "invalid_argument");
        EXPECT_EQ(r.json["error"]["fields"][0]["field"], "code") << r.body;
    }
    auto both = Post(*server, "/api/auth/verify", {{"phone", "12"}, {"code", "x"}, {"token_delivery", "pigeon"}});
    ExpectEnvelope(both, 400, "invalid_argument");
    EXPECT_EQ(both.json["error"]["fields"].size(), 3u) << both.body;
}

TEST(AuthApi, CodesExpire) {
    auto server = Relaxed({"--set", "auth.otp_ttl_s=1"});
    ASSERT_NE(server, nullptr);
    auto sent = RequestOtp(*server, "9812345678");
    ASSERT_EQ(sent.status, 202);
    EXPECT_EQ(sent.json["expires_in_s"], 1);
    const std::string code = LatestCode(*server, "+919812345678");
    std::this_thread::sleep_for(std::chrono::milliseconds(1300));
    auto r = Post(*server, "/api/auth/verify", {{"phone", "9812345678"}, {"code", code}});
    ExpectEnvelope(r, 401, "unauthenticated");
    EXPECT_NE(r.json["error"]["message"].get<std::string>().find("expired"), std::string::npos) << r.body;
}

TEST(AuthApi, ResendCooldownAnswers429WithRetryAfter) {
    auto server = StartServer({"--set", "auth.otp_resend_cooldown_s=30"});
    ASSERT_NE(server, nullptr);
    ASSERT_EQ(RequestOtp(*server, "9812345678").status, 202);
    auto again = RequestOtp(*server, "98123 45678");
    ExpectEnvelope(again, 429, "rate_limited");
    const int retry = std::stoi(again.Header("retry-after").empty() ? "0" : again.Header("retry-after"));
    EXPECT_GE(retry, 29);
    EXPECT_LE(retry, 30);
    EXPECT_EQ(RequestOtp(*server, "9812345679").status, 202);  // another phone is not held up
    EXPECT_EQ(OutboxLines(*server), 2u);
}

TEST(AuthApi, PerPhoneLimitAnswers429WithRetryAfter) {
    auto server = StartServer({"--set", "auth.otp_resend_cooldown_s=0", "--set", "auth.otp_phone_limit=3", "--set",
                               "server.trust_forwarded_for=true"});
    ASSERT_NE(server, nullptr);
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(RequestOtp(*server, "9812345678", "203.0.113." + std::to_string(i)).status, 202);
    }
    auto limited = RequestOtp(*server, "9812345678", "203.0.113.99");
    ExpectEnvelope(limited, 429, "rate_limited");
    EXPECT_GT(std::stoi(limited.Header("retry-after").empty() ? "0" : limited.Header("retry-after")), 3000);
    auto metrics = Call("GET", server->url("/metrics"));
    EXPECT_NE(metrics.body.find("webdpro_rate_limited_total{limit=\"otp_phone\"} 1"), std::string::npos);
}

TEST(AuthApi, PerIpLimitAnswers429WithRetryAfter) {
    auto server = StartServer({"--set", "auth.otp_resend_cooldown_s=0", "--set", "auth.otp_ip_limit=3", "--set",
                               "server.trust_forwarded_for=true"});
    ASSERT_NE(server, nullptr);
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(RequestOtp(*server, "900000000" + std::to_string(i), "198.51.100.7").status, 202);
    }
    auto limited = RequestOtp(*server, "9000000009", "198.51.100.7");
    ExpectEnvelope(limited, 429, "rate_limited");
    EXPECT_FALSE(limited.Header("retry-after").empty());
    EXPECT_EQ(RequestOtp(*server, "9000000009", "198.51.100.8").status, 202);
}

TEST(AuthApi, RequestRateLimitPerIpAnswers429AndIsCounted) {
    auto server = StartServer({"--set", "rate_limit.ip_per_min=5", "--set", "server.trust_forwarded_for=true"});
    ASSERT_NE(server, nullptr);
    const Headers from = {{"X-Forwarded-For", "192.0.2.50"}};
    int limited = 0;
    std::string retry_after;
    for (int i = 0; i < 8; ++i) {
        auto r = Call("GET", server->url("/healthz"), from);
        if (r.status == 429) {
            ++limited;
            retry_after = r.Header("retry-after");
            EXPECT_EQ(r.ErrorCode(), "rate_limited");
        }
    }
    // The readiness probes of the harness came from 127.0.0.1, not from this address.
    EXPECT_EQ(limited, 3);
    EXPECT_FALSE(retry_after.empty());
    // Another loopback address: metrics answer this machine only, and it has requests left.
    auto metrics = Call("GET", server->url("/metrics"), {{"X-Forwarded-For", "127.0.0.2"}});
    ASSERT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.body.find("webdpro_rate_limited_total{limit=\"ip\"} 3"), std::string::npos);
}

TEST(AuthApi, TamperedForgedAndWrongKidTokensAreRefused) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    auto s = SignIn(*server, "9812345678");
    ASSERT_TRUE(s);
    ASSERT_EQ(Call("GET", server->url("/api/me"), {s->Auth()}).status, 200);
    const std::string& token = s->access;
    const auto dot1 = token.find('.');
    const auto dot2 = token.rfind('.');
    nlohmann::json header = DecodeSegment(token, 0);
    nlohmann::json payload = DecodeSegment(token, 1);
    EXPECT_EQ(header["alg"], "HS256");
    ASSERT_TRUE(header["kid"].is_string());

    nlohmann::json promoted = payload;
    promoted["role"] = "SUPER_ADMIN";
    nlohmann::json alg_none = header;
    alg_none["alg"] = "none";
    nlohmann::json wrong_kid = header;
    wrong_kid["kid"] = "not-a-key";
    std::string flipped = token;
    flipped[dot2 + 3] = flipped[dot2 + 3] == 'A' ? 'B' : 'A';
    const std::vector<std::pair<std::string, std::string>> forged = {
        {"promoted payload", token.substr(0, dot1) + "." + Segment(promoted) + token.substr(dot2)},
        {"alg none, no signature", Segment(alg_none) + "." + Segment(promoted) + "."},
        {"alg none, old signature", Segment(alg_none) + token.substr(dot1)},
        {"wrong kid", Segment(wrong_kid) + token.substr(dot1)},
        {"flipped signature", flipped},
        {"truncated", token.substr(0, dot2)},
        {"garbage", "abc.def.ghi"},
    };
    for (const auto& [what, bad] : forged) {
        auto r = Call("GET", server->url("/api/me"), {{"Authorization", "Bearer " + bad}});
        ExpectEnvelope(r, 401, "unauthenticated");
        EXPECT_EQ(r.status, 401) << what;
        auto cookie = Call("GET", server->url("/api/me"), {{"Cookie", "wdp_access=" + bad}});
        EXPECT_EQ(cookie.status, 401) << what;
    }
    ExpectEnvelope(Call("GET", server->url("/api/me")), 401, "unauthenticated");
}

TEST(AuthApi, ExpiredAccessTokensAreRefusedAndRefreshRenewsThem) {
    // Expiry is in whole seconds: a token lives between ttl - 1 and ttl seconds. Three seconds
    // leave the renewed token two at least, however busy the machine is.
    auto server = Relaxed({"--set", "auth.access_ttl_s=3", "--set", "auth.clock_leeway_s=0"});
    ASSERT_NE(server, nullptr);
    auto s = SignIn(*server, "9812345678");
    ASSERT_TRUE(s);
    std::this_thread::sleep_for(std::chrono::milliseconds(3100));
    ExpectEnvelope(Call("GET", server->url("/api/me"), {s->Auth()}), 401, "unauthenticated");
    auto refreshed = Post(*server, "/api/auth/refresh", {{"refresh_token", s->refresh}});
    ASSERT_EQ(refreshed.status, 200) << refreshed.body;
    EXPECT_EQ(Call("GET", server->url("/api/me"),
                   {{"Authorization", "Bearer " + refreshed.json["access_token"].get<std::string>()}})
                  .status,
              200);
}

TEST(AuthApi, RefreshRotatesAndReuseRevokesTheFamily) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    auto s = SignIn(*server, "9812345678");
    ASSERT_TRUE(s);
    auto first = Post(*server, "/api/auth/refresh", {{"refresh_token", s->refresh}});
    ASSERT_EQ(first.status, 200) << first.body;
    const std::string new_refresh = first.json["refresh_token"];
    const std::string new_access = first.json["access_token"];
    EXPECT_NE(new_refresh, s->refresh);
    EXPECT_EQ(first.json["role"], "CUSTOMER");
    EXPECT_EQ(first.json["user"]["id"], s->account["user"]["id"]);
    // Replaying the rotated token: refused, and the whole family ends.
    ExpectEnvelope(Post(*server, "/api/auth/refresh", {{"refresh_token", s->refresh}}), 401, "unauthenticated");
    ExpectEnvelope(Post(*server, "/api/auth/refresh", {{"refresh_token", new_refresh}}), 401, "unauthenticated");
    ExpectEnvelope(Call("GET", server->url("/api/me"), {{"Authorization", "Bearer " + new_access}}), 401,
                   "unauthenticated");
    ExpectEnvelope(Call("GET", server->url("/api/me"), {s->Auth()}), 401, "unauthenticated");
    ExpectEnvelope(Post(*server, "/api/auth/refresh", nlohmann::json::object()), 401, "unauthenticated");
    ExpectEnvelope(Post(*server, "/api/auth/refresh", {{"refresh_token", "wdr_made_up"}}), 401, "unauthenticated");
}

TEST(AuthApi, CookieRefreshAndLogout) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    ASSERT_EQ(RequestOtp(*server, "9812345678").status, 202);
    auto signed_in =
        Post(*server, "/api/auth/verify", {{"phone", "9812345678"}, {"code", LatestCode(*server, "+919812345678")}});
    ASSERT_EQ(signed_in.status, 200);
    auto cookie_of = [](const ApiReply& r, const std::string& name) {
        const std::string c = r.SetCookie(name);
        return c.substr(0, c.find(';'));
    };
    const std::string origin = server->url("");
    auto refreshed = Call("POST", server->url("/api/auth/refresh"),
                          {{"Cookie", cookie_of(signed_in, "wdp_refresh")}, {"Origin", origin}});
    ASSERT_EQ(refreshed.status, 200) << refreshed.body;
    EXPECT_FALSE(refreshed.json.contains("refresh_token"));
    EXPECT_NE(cookie_of(refreshed, "wdp_refresh"), cookie_of(signed_in, "wdp_refresh"));
    const std::string jar = cookie_of(refreshed, "wdp_access") + "; " + cookie_of(refreshed, "wdp_refresh");
    ASSERT_EQ(Call("GET", server->url("/api/me"), {{"Cookie", jar}}).status, 200);

    // Logout from another site is refused; from the app it ends the session and clears cookies.
    ExpectEnvelope(Call("POST", server->url("/api/auth/logout"), {{"Cookie", jar}, {"Origin", "https://evil.example"}}),
                   403, "forbidden");
    auto out = Call("POST", server->url("/api/auth/logout"), {{"Cookie", jar}, {"Origin", origin}});
    ASSERT_EQ(out.status, 204) << out.body;
    EXPECT_NE(out.SetCookie("wdp_access").find("Max-Age=0"), std::string::npos);
    EXPECT_NE(out.SetCookie("wdp_refresh").find("Max-Age=0"), std::string::npos);
    ExpectEnvelope(Call("GET", server->url("/api/me"), {{"Cookie", jar}}), 401, "unauthenticated");
    auto after = Call("POST", server->url("/api/auth/refresh"), {{"Cookie", jar}, {"Origin", origin}});
    ExpectEnvelope(after, 401, "unauthenticated");
}

TEST(AuthApi, BearerLogoutRevokesTheSession) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    auto s = SignIn(*server, "9812345678");
    ASSERT_TRUE(s);
    EXPECT_EQ(Call("POST", server->url("/api/auth/logout"), {s->Auth()}).status, 204);
    ExpectEnvelope(Call("GET", server->url("/api/me"), {s->Auth()}), 401, "unauthenticated");
    ExpectEnvelope(Post(*server, "/api/auth/refresh", {{"refresh_token", s->refresh}}), 401, "unauthenticated");
    // Logging out twice, or anonymously, is harmless.
    EXPECT_EQ(Call("POST", server->url("/api/auth/logout")).status, 204);
}

TEST(AuthApi, CookieWritesNeedTheAppsOriginBearerWritesDoNot) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    ASSERT_EQ(RequestOtp(*server, "9812345678").status, 202);
    auto signed_in =
        Post(*server, "/api/auth/verify", {{"phone", "9812345678"}, {"code", LatestCode(*server, "+919812345678")}});
    const std::string access = signed_in.SetCookie("wdp_access");
    const std::string cookie = access.substr(0, access.find(';'));
    const std::string body = nlohmann::json{{"business_name", "Sharma Kirana"}}.dump();
    ExpectEnvelope(Call("POST", server->url("/api/tenants"), {{"Cookie", cookie}}, body), 403, "forbidden");
    ExpectEnvelope(
        Call("POST", server->url("/api/tenants"), {{"Cookie", cookie}, {"Origin", "https://evil.example"}}, body), 403,
        "forbidden");
    ExpectEnvelope(Call("POST", server->url("/api/tenants"),
                        {{"Cookie", cookie}, {"Referer", "https://evil.example/" + server->url("")}}, body),
                   403, "forbidden");
    auto ok = Call("POST", server->url("/api/tenants"), {{"Cookie", cookie}, {"Origin", server->url("")}}, body);
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(ok.json["tenant"]["plan"], "FREE");
    EXPECT_EQ(ok.json["role"], "BUSINESS_OWNER");
    EXPECT_NE(ok.SetCookie("wdp_access"), "");  // a fresh session carrying the tenant
    auto by_referer =
        Call("POST", server->url("/api/tenants"), {{"Cookie", cookie}, {"Referer", server->url("/app/start")}},
             nlohmann::json{{"business_name", "Second Shop"}}.dump());
    // The old cookie's session was replaced by the tenant's: a valid Origin, but no session.
    EXPECT_EQ(by_referer.status, 401) << by_referer.body;

    auto bearer = SignIn(*server, "9000000001");
    ASSERT_TRUE(bearer);
    auto api = Call("POST", server->url("/api/tenants"), {bearer->Auth(), {"Origin", "https://evil.example"}},
                    nlohmann::json{{"business_name", "Gupta Bakery"}}.dump());
    EXPECT_EQ(api.status, 201) << api.body;
    EXPECT_TRUE(api.json["access_token"].is_string());
    EXPECT_EQ(api.SetCookie("wdp_access"), "");
}

TEST(AuthApi, RolesDecideWhoMayDoWhat) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    auto owner = SignUpOwner(*server, "9000000001", "Sharma Kirana");
    ASSERT_TRUE(owner);
    EXPECT_EQ(owner->account["role"], "BUSINESS_OWNER");
    const std::string tenant_id = owner->account["tenant"]["id"];
    auto invited = Call("POST", server->url("/api/agents"), {owner->Auth()},
                        nlohmann::json{{"phone", "+91 98765 43210"}, {"name", "Ravi"}}.dump());
    ASSERT_EQ(invited.status, 201) << invited.body;
    EXPECT_EQ(invited.json["agent"]["role"], "DELIVERY_AGENT");
    EXPECT_EQ(invited.json["agent"]["phone"], "+919876543210");
    EXPECT_EQ(invited.json["agent"]["name"], "Ravi");
    EXPECT_TRUE(invited.json["agent"]["created_at"].is_string());

    // The invited agent signs in with a code and lands in the shop as DELIVERY_AGENT.
    auto agent = SignIn(*server, "9876543210");
    ASSERT_TRUE(agent);
    EXPECT_EQ(agent->account["role"], "DELIVERY_AGENT");
    EXPECT_EQ(agent->account["tenant"]["id"], tenant_id);
    EXPECT_EQ(agent->account["tenant"]["business_name"], "Sharma Kirana");
    EXPECT_EQ(agent->account["user"]["name"], "Ravi");

    auto customer = SignIn(*server, "9111111111");
    ASSERT_TRUE(customer);
    EXPECT_EQ(customer->account["role"], "CUSTOMER");

    const std::string invite = nlohmann::json{{"phone", "9222222222"}, {"name", "X"}}.dump();
    ExpectEnvelope(Call("POST", server->url("/api/agents"), {agent->Auth()}, invite), 403, "forbidden");
    ExpectEnvelope(Call("GET", server->url("/api/agents"), {agent->Auth()}), 403, "forbidden");
    ExpectEnvelope(Call("POST", server->url("/api/agents"), {customer->Auth()}, invite), 403, "forbidden");
    ExpectEnvelope(Call("GET", server->url("/api/agents"), {customer->Auth()}), 403, "forbidden");
    ExpectEnvelope(Call("POST", server->url("/api/agents"), {}, invite), 401, "unauthenticated");
    ExpectEnvelope(Call("POST", server->url("/api/tenants"), {agent->Auth()},
                        nlohmann::json{{"business_name", "Agent Shop"}}.dump()),
                   403, "forbidden");

    for (const Session* who : {&*owner, &*agent, &*customer}) {
        ExpectEnvelope(Call("GET", server->url("/api/admin/tenants"), {who->Auth()}), 403, "forbidden");
    }
    ExpectEnvelope(Call("GET", server->url("/api/admin/tenants")), 401, "unauthenticated");

    std::string output;
    ASSERT_EQ(RunWebdpro({"admin", "create-super-admin", "--phone", "+91 90000 00009", "--data-dir",
                          server->data_dir().string()},
                         output),
              0)
        << output;
    EXPECT_NE(output.find("+919000000009"), std::string::npos) << output;
    // The sign-in page the command names is there.
    const auto at = output.find("sign in at ");
    ASSERT_NE(at, std::string::npos) << output;
    const auto path_start = at + std::string("sign in at ").size();
    const std::string sign_in_path = output.substr(path_start, output.find(' ', path_start) - path_start);
    const auto sign_in_page = Call("GET", server->url(sign_in_path));
    EXPECT_EQ(sign_in_page.status, 200) << sign_in_path;
    EXPECT_NE(sign_in_page.body.find("<form"), std::string::npos) << sign_in_path;
    auto admin = SignIn(*server, "9000000009");
    ASSERT_TRUE(admin);
    EXPECT_EQ(admin->account["role"], "SUPER_ADMIN");
    EXPECT_TRUE(admin->account["tenant"].is_null());
    auto tenants = Call("GET", server->url("/api/admin/tenants"), {admin->Auth()});
    ASSERT_EQ(tenants.status, 200) << tenants.body;
    ASSERT_EQ(tenants.json["tenants"].size(), 1u);
    const auto& t = tenants.json["tenants"][0];
    EXPECT_EQ(t["id"], tenant_id);
    EXPECT_EQ(t["business_name"], "Sharma Kirana");
    EXPECT_EQ(t["plan"], "FREE");
    EXPECT_EQ(t["owner_phone_masked"], "+91******0001");
    EXPECT_TRUE(t["created_at"].is_string());
    ExpectEnvelope(Call("GET", server->url("/api/agents"), {admin->Auth()}), 403, "forbidden");

    // The owner lists and removes the agent; the agent's session ends with the membership.
    auto agents = Call("GET", server->url("/api/agents"), {owner->Auth()});
    ASSERT_EQ(agents.status, 200);
    ASSERT_EQ(agents.json["agents"].size(), 1u);
    const std::string agent_id = agents.json["agents"][0]["user_id"];
    EXPECT_EQ(agent_id, agent->UserId());
    EXPECT_EQ(Call("DELETE", server->url("/api/agents/" + agent_id), {owner->Auth()}).status, 204);
    ExpectEnvelope(Call("GET", server->url("/api/me"), {agent->Auth()}), 401, "unauthenticated");
    ExpectEnvelope(Call("DELETE", server->url("/api/agents/" + agent_id), {owner->Auth()}), 404, "not_found");
    ExpectEnvelope(Call("DELETE", server->url("/api/agents/not-an-id"), {owner->Auth()}), 404, "not_found");
    auto back = SignIn(*server, "9876543210");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->account["role"], "CUSTOMER");
}

TEST(AuthApi, AgentInvitationsAreValidated) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    auto owner = SignUpOwner(*server, "9000000001", "Sharma Kirana");
    ASSERT_TRUE(owner);
    auto bad = Call("POST", server->url("/api/agents"), {owner->Auth()},
                    nlohmann::json{{"phone", "12345"}, {"name", ""}}.dump());
    ExpectEnvelope(bad, 400, "invalid_argument");
    EXPECT_EQ(bad.json["error"]["fields"][0]["field"], "phone") << bad.body;
    auto no_name = Call("POST", server->url("/api/agents"), {owner->Auth()},
                        nlohmann::json{{"phone", "9876543210"}, {"name", "  "}}.dump());
    ExpectEnvelope(no_name, 400, "invalid_argument");
    EXPECT_EQ(no_name.json["error"]["fields"][0]["field"], "name");
    const std::string ravi = nlohmann::json{{"phone", "9876543210"}, {"name", "Ravi"}}.dump();
    ASSERT_EQ(Call("POST", server->url("/api/agents"), {owner->Auth()}, ravi).status, 201);
    ExpectEnvelope(Call("POST", server->url("/api/agents"), {owner->Auth()}, ravi), 409, "conflict");
    ExpectEnvelope(Call("POST", server->url("/api/agents"), {owner->Auth()},
                        nlohmann::json{{"phone", "9000000001"}, {"name", "Me"}}.dump()),
                   409, "conflict");
    ExpectEnvelope(
        Call("POST", server->url("/api/tenants"), {owner->Auth()}, nlohmann::json{{"business_name", "x"}}.dump()), 400,
        "invalid_argument");
}

TEST(AuthApi, SwitchMovesBetweenMembershipsOnly) {
    auto server = Relaxed();
    ASSERT_NE(server, nullptr);
    auto first = SignUpOwner(*server, "9000000001", "Sharma Kirana");
    ASSERT_TRUE(first);
    const std::string kirana = first->account["tenant"]["id"];
    auto second = Call("POST", server->url("/api/tenants"), {first->Auth()},
                       nlohmann::json{{"business_name", "Sharma Sweets"}}.dump());
    ASSERT_EQ(second.status, 201);
    Session owner{second.json["access_token"], second.json["refresh_token"], second.json};
    EXPECT_EQ(owner.account["memberships"].size(), 2u);
    auto other = SignUpOwner(*server, "9000000002", "Gupta Bakery");
    ASSERT_TRUE(other);

    auto back =
        Call("POST", server->url("/api/auth/switch"), {owner.Auth()}, nlohmann::json{{"tenant_id", kirana}}.dump());
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_EQ(back.json["tenant"]["id"], kirana);
    EXPECT_EQ(back.json["role"], "BUSINESS_OWNER");
    Session switched{back.json["access_token"], back.json["refresh_token"], back.json};
    ExpectEnvelope(Call("GET", server->url("/api/me"), {owner.Auth()}), 401, "unauthenticated");

    ExpectEnvelope(Call("POST", server->url("/api/auth/switch"), {switched.Auth()},
                        nlohmann::json{{"tenant_id", other->account["tenant"]["id"]}}.dump()),
                   404, "not_found");
    ExpectEnvelope(Call("POST", server->url("/api/auth/switch"), {switched.Auth()},
                        nlohmann::json{{"tenant_id", "ten_nonsense"}}.dump()),
                   404, "not_found");
    ExpectEnvelope(Call("POST", server->url("/api/auth/switch"), {switched.Auth()}, "{}"), 400, "invalid_argument");
    auto platform =
        Call("POST", server->url("/api/auth/switch"), {switched.Auth()}, nlohmann::json{{"tenant_id", nullptr}}.dump());
    ASSERT_EQ(platform.status, 200);
    EXPECT_EQ(platform.json["role"], "CUSTOMER");
    EXPECT_TRUE(platform.json["tenant"].is_null());
}

TEST(AuthApi, SecretsAreGeneratedPrivatelyKeptAcrossRestartsAndNeverLogged) {
    std::string error;
    TestServer::Options options;
    options.extra_args = RelaxedLimits();
    auto server = TestServer::Start(options, error);
    ASSERT_NE(server, nullptr) << error;
    auto s = SignIn(*server, "9812345678");
    ASSERT_TRUE(s);
    const auto secrets = server->data_dir() / "secrets.toml";
    struct stat st {};
    ASSERT_EQ(::stat(secrets.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    std::ifstream in(secrets);
    std::stringstream text;
    text << in.rdbuf();
    const std::string log = server->Log();
    for (const char* name : {"jwt_keys", "pii_key", "blind_index_key", "otp_key"}) {
        const auto at = text.str().find(std::string(name) + " = \"");
        ASSERT_NE(at, std::string::npos) << name;
        const auto start = at + std::string(name).size() + 4;
        std::string value = text.str().substr(start, text.str().find('"', start) - start);
        if (auto colon = value.find(':'); colon != std::string::npos) {
            value = value.substr(colon + 1);
        }
        ASSERT_GE(value.size(), 40u);
        EXPECT_EQ(log.find(value), std::string::npos) << name << " appears in the log";
    }
    EXPECT_EQ(log.find(s->access), std::string::npos);
    EXPECT_EQ(log.find(s->refresh), std::string::npos);

    // A restart on the same data dir keeps the keys: the session survives.
    server->KeepDataDir();
    const auto dir = server->data_dir();
    server->Signal(SIGTERM);
    ASSERT_TRUE(server->WaitExit(std::chrono::seconds(10)));
    server.reset();
    options.data_dir = dir;
    auto again = TestServer::Start(options, error);
    ASSERT_NE(again, nullptr) << error;
    EXPECT_EQ(Call("GET", again->url("/api/me"), {s->Auth()}).status, 200);
    std::filesystem::remove_all(dir);
}

TEST(AuthApi, MissingSecretsStopStartupWhenGenerationIsOff) {
    std::string error;
    TestServer::Options options;
    options.extra_args = {"--set", "auth.generate_secrets=false"};
    auto server = TestServer::Start(options, error);
    EXPECT_EQ(server, nullptr);
    EXPECT_NE(error.find("WEBDPRO_SECRET_JWT_KEYS"), std::string::npos) << error;
}

TEST(AuthApi, CreateSuperAdminRejectsABadPhone) {
    std::string output;
    const auto dir = std::filesystem::temp_directory_path() / ("webdpro-admin-" + std::to_string(::getpid()));
    EXPECT_EQ(RunWebdpro({"admin", "create-super-admin", "--phone", "12345", "--data-dir", dir.string()}, output), 2)
        << output;
    EXPECT_NE(output.find("phone"), std::string::npos);
    EXPECT_NE(RunWebdpro({"admin", "create-super-admin", "--data-dir", dir.string()}, output), 0);
    std::filesystem::remove_all(dir);
}

}  // namespace webdpro::testing
