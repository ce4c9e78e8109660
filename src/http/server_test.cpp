#include "http/server.hpp"

#include <atomic>
#include <future>

#include <gtest/gtest.h>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include "core/ids.hpp"
#include "http/client.hpp"
#include "http/middleware.hpp"
#include "http/sse.hpp"
#include "http/test_util.hpp"

namespace webdpro::http {
namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;
using testing::TestServer;

net::awaitable<void> SleepFor(std::chrono::milliseconds duration) {
    net::steady_timer timer(co_await net::this_coro::executor, duration);
    co_await timer.async_wait(net::use_awaitable);
}

std::string BigJson() {
    nlohmann::json items = nlohmann::json::array();
    for (int i = 0; i < 200; ++i) {
        items.push_back({{"name", "Fresh tomatoes " + std::to_string(i)}, {"price_paise", 4000 + i}});
    }
    return nlohmann::json{{"items", items}}.dump();
}

ClientResponse Fetch(const TestServer& server, std::string method, std::string_view path,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> headers = {},
                     std::string body = {}) {
    ClientRequest request;
    request.method = std::move(method);
    request.url = server.Url(path);
    request.body = std::move(body);
    request.total_timeout = 10s;
    for (const auto& [name, value] : headers) {
        request.headers.Add(name, value);
    }
    auto response = Client().Send(request);
    EXPECT_TRUE(response.has_value()) << (response ? "" : response.error().detail);
    return response.value_or(ClientResponse{});
}

class ServerTest : public ::testing::Test {
protected:
    ServerTest() {
        router_.Get("/hello", [](Request& request) -> net::awaitable<Response> {
            co_return Response::Json(
                200, {{"hello", request.QueryParam("name").value_or("world")}, {"remote", request.remote}});
        });
        router_.Get("/api/stores/{store_id}", [](Request& request) -> net::awaitable<Response> {
            co_return Response::Json(200, {{"store_id", request.Param("store_id")}, {"route", request.route}});
        });
        router_.Post("/echo", [](Request& request) -> net::awaitable<Response> {
            co_return Response::Text(200, request.body, "application/octet-stream");
        });
        router_.Post("/small",
                     [](Request& request) -> net::awaitable<Response> { co_return Response::Text(200, request.body); },
                     {.body_limit = 16});
        router_.Get("/big",
                    [](Request&) -> net::awaitable<Response> { co_return Response::Text(200, BigJson(), kJsonType); });
        router_.Get("/throws", [](Request&) -> net::awaitable<Response> {
            throw std::runtime_error("kaboom: secret internals");
            co_return Response::NoContent();
        });
        router_.Get("/fails", [](Request&) -> net::awaitable<Response> {
            ApiError error(ErrorCode::kRateLimited, "Too many tries.", "limiter key phone:98xxxx");
            error.retry_after_s = 7;
            co_return Response::Error(error);
        });
        router_.Get("/slow", [this](Request&) -> net::awaitable<Response> {
            slow_entered_.store(true);
            co_await SleepFor(600ms);
            co_return Response::Text(200, "finished");
        });
        router_.Get("/events", [](Request&) -> net::awaitable<Response> {
            co_return SseResponse([](SseWriter& sse) -> net::awaitable<void> {
                for (int i = 1; i <= 3; ++i) {
                    if (!co_await sse.Send("tick", std::to_string(i))) {
                        co_return;
                    }
                    co_await sse.Sleep(20ms);
                }
            });
        });
        router_.Get("/forever", [this](Request&) -> net::awaitable<Response> {
            co_return SseResponse([this](SseWriter& sse) -> net::awaitable<void> {
                co_await sse.Send("hello", "1");
                while (co_await sse.Sleep(50ms)) {
                }
                stream_ended_.store(true);
            });
        });
    }

    Router router_;
    std::atomic<bool> slow_entered_{false};
    std::atomic<bool> stream_ended_{false};
};

TEST_F(ServerTest, ServesARouteWithParamsQueryAndHeaders) {
    TestServer server(router_);
    ClientResponse response = Fetch(server, "GET", "/hello?name=Sharma%20Kirana");
    EXPECT_EQ(response.status, 200);
    const auto body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["hello"], "Sharma Kirana");
    EXPECT_EQ(body["remote"], "127.0.0.1");
    EXPECT_EQ(response.Header("Content-Type"), "application/json");
    EXPECT_EQ(response.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(response.Header("Referrer-Policy"), "strict-origin-when-cross-origin");
    EXPECT_TRUE(response.Header("Date").has_value());
    EXPECT_TRUE(RequestId::Parse(response.Header("X-Request-Id").value_or("")).has_value());

    response = Fetch(server, "GET", "/api/stores/sto_42");
    EXPECT_EQ(nlohmann::json::parse(response.body)["store_id"], "sto_42");
    EXPECT_EQ(nlohmann::json::parse(response.body)["route"], "/api/stores/{store_id}");
}

TEST_F(ServerTest, GuardRunsBeforeEveryMatchedHandler) {
    router_.Get(
        "/private",
        [](Request& request) -> net::awaitable<Response> {
            co_return Response::Json(200, {{"user", request.principal ? request.principal->user_id.str() : ""}});
        },
        RouteOptions{.permission = "secret.read"});
    int guarded = 0;
    router_.SetGuard([&guarded](Request& request, const Route& route) -> net::awaitable<std::optional<Response>> {
        ++guarded;
        if (route.options.permission.empty()) {
            co_return std::nullopt;
        }
        if (request.Header("Authorization") != "Bearer good") {
            co_return Response::Error(ApiError(ErrorCode::kUnauthenticated, "Sign in first."));
        }
        request.principal = Principal{.user_id = UserId("usr_test"), .session_id = SessionId("ses_test")};
        co_return std::nullopt;
    });
    TestServer server(router_);

    EXPECT_EQ(Fetch(server, "GET", "/hello").status, 200);
    EXPECT_EQ(Fetch(server, "GET", "/private").status, 401);
    ClientResponse allowed = Fetch(server, "GET", "/private", {{"Authorization", "Bearer good"}});
    EXPECT_EQ(allowed.status, 200);
    EXPECT_EQ(nlohmann::json::parse(allowed.body)["user"], "usr_test");
    EXPECT_EQ(Fetch(server, "GET", "/no/such/route").status, 404);
    EXPECT_EQ(guarded, 3);  // the unmatched request never reaches the guard

    bool listed = false;
    for (const auto& info : router_.Routes()) {
        listed |= info.pattern == "/private" && info.permission == "secret.read";
    }
    EXPECT_TRUE(listed);
}

TEST_F(ServerTest, HostRewriteMapsAHostToAnotherTargetBeforeRouting) {
    router_.Get("/s/{slug}/{path...}", [](Request& request) -> net::awaitable<Response> {
        co_return Response::Json(200, {{"slug", request.Param("slug")},
                                       {"path", request.Param("path")},
                                       {"query", request.query},
                                       {"host", request.Header("Host").value_or("")}});
    });
    int asked = 0;
    router_.SetHostRewrite([&asked](const Request& request) -> net::awaitable<std::optional<std::string>> {
        ++asked;
        const std::string_view host = request.Header("Host").value_or("");
        if (host == "sharma.shops.test") {
            co_return "/s/sharma" + request.target;
        }
        if (host == "broken.shops.test") {
            co_return "no-leading-slash";  // not origin-form: ignored
        }
        if (host == "throws.shops.test") {
            throw std::runtime_error("lookup failed");
        }
        co_return std::nullopt;
    });
    TestServer server(router_);

    ClientResponse shop = Fetch(server, "GET", "/p/atta.html?ref=wa", {{"Host", "sharma.shops.test"}});
    ASSERT_EQ(shop.status, 200) << shop.body;
    auto body = nlohmann::json::parse(shop.body);
    EXPECT_EQ(body["slug"], "sharma");
    EXPECT_EQ(body["path"], "p/atta.html");
    EXPECT_EQ(body["query"], "ref=wa");
    EXPECT_EQ(body["host"], "sharma.shops.test");  // the handler still sees the Host it came with

    // Other hosts, a malformed rewrite and a throwing one route the target as it came.
    EXPECT_EQ(nlohmann::json::parse(Fetch(server, "GET", "/hello").body)["hello"], "world");
    EXPECT_EQ(Fetch(server, "GET", "/hello", {{"Host", "broken.shops.test"}}).status, 200);
    EXPECT_EQ(Fetch(server, "GET", "/hello", {{"Host", "throws.shops.test"}}).status, 200);
    EXPECT_EQ(Fetch(server, "GET", "/p/atta.html", {{"Host", "other.test"}}).status, 404);
    EXPECT_EQ(asked, 5);
}

TEST_F(ServerTest, UnknownPathIsA404Envelope) {
    TestServer server(router_);
    const ClientResponse response = Fetch(server, "GET", "/nope", {{"X-Request-Id", "trace-1"}});
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.Header("Content-Type"), "application/json");
    const auto body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["error"]["code"], "not_found");
    EXPECT_EQ(body["request_id"], "trace-1");
    EXPECT_EQ(response.Header("X-Request-Id"), "trace-1");
}

TEST_F(ServerTest, WrongMethodIsA405WithAllow) {
    TestServer server(router_);
    const ClientResponse response = Fetch(server, "DELETE", "/hello");
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.Header("Allow"), "GET, HEAD");
    EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "method_not_allowed");
}

TEST_F(ServerTest, HostileRequestIdIsReplaced) {
    TestServer server(router_);
    const ClientResponse response = Fetch(server, "GET", "/hello", {{"X-Request-Id", "bad id <script>"}});
    const std::string id(response.Header("X-Request-Id").value_or(""));
    EXPECT_TRUE(RequestId::Parse(id).has_value()) << id;
}

TEST_F(ServerTest, PostBodyReachesTheHandler) {
    TestServer server(router_);
    const std::string payload(100'000, 'x');
    const ClientResponse response = Fetch(server, "POST", "/echo", {}, payload);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body.size(), payload.size());
    EXPECT_TRUE(response.body == payload);
}

TEST_F(ServerTest, OversizedBodyIsA413AndTheConnectionCloses) {
    TestServer server(router_);
    ClientResponse response = Fetch(server, "POST", "/small", {}, std::string(17, 'x'));
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "payload_too_large");
    EXPECT_EQ(response.Header("Connection"), "close");
    EXPECT_EQ(Fetch(server, "POST", "/small", {}, std::string(16, 'x')).status, 200);
    // The server default (1 MiB) applies to routes without their own limit.
    response = Fetch(server, "POST", "/echo", {}, std::string((1 << 20) + 1, 'x'));
    EXPECT_EQ(response.status, 413);
}

TEST_F(ServerTest, OversizedChunkedBodyIsA413) {
    TestServer server(router_);
    const std::string raw =
        "POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n";
    const std::string reply = testing::RawExchange(server.port(), raw);
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply;
}

TEST_F(ServerTest, ExpectContinueIsAnswered) {
    TestServer server(router_);
    const std::string raw =
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n"
        "Connection: close\r\n\r\n";
    const int fd = testing::Connect(server.port());
    ASSERT_GE(fd, 0);
    testing::SendAll(fd, raw);
    const std::string interim = testing::ReadUntilClosed(fd, 150ms);
    EXPECT_TRUE(interim.starts_with("HTTP/1.1 100 Continue\r\n\r\n")) << interim;
    testing::SendAll(fd, "hello");
    const std::string reply = testing::ReadUntilClosed(fd, 5s);
    ::close(fd);
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
    EXPECT_TRUE(reply.ends_with("hello")) << reply;
}

TEST_F(ServerTest, MalformedRequestIsA400Envelope) {
    TestServer server(router_);
    for (std::string_view raw : {"GET /hello HTTP/9.9\r\n\r\n", "GET /hello HTTP/1.1\r\nBad Header\r\n\r\n",
                                 "GET /hello%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}) {
        const std::string reply = testing::RawExchange(server.port(), raw);
        EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << raw << " -> " << reply;
        EXPECT_NE(reply.find("\"code\":\"invalid_argument\""), std::string::npos) << reply;
        EXPECT_NE(reply.find("\"request_id\":\"req_"), std::string::npos) << reply;
    }
}

// RFC 9112 framing: anything a proxy in front could read differently is a 400, and the connection
// closes, so bytes after the head are never taken for another request.
TEST_F(ServerTest, AmbiguousFramingIsA400AndTheConnectionCloses) {
    TestServer server(router_);
    const std::string smuggled = "GET /hello?name=smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string cases[] = {
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\nContent-Length: 5\r\n\r\nhello",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n" + smuggled,
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\nhello",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n" + smuggled,
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nContent-Length: 5\r\n\r\nhello",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n" + smuggled,
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nhello\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
        "5\r\nhello\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nhello\r\n0\r\n\r\n",
        "POST /echo HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "GET /hello HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n two\r\n\r\n" + smuggled,
        "GET /hello HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n\ttwo\r\n\r\n" + smuggled,
        "GET /hello HTTP/1.1\r\n Host: x\r\n\r\n" + smuggled,
        "GET /hello HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n" + smuggled,
        "GET /hello HTTP/1.1\r\nHost: x, y\r\n\r\n" + smuggled,
        "GET /hello HTTP/1.1\r\n\r\n" + smuggled,
        "GET /hello HTTP/1.1\r\nUser-Agent: t\r\n\r\n" + smuggled,
    };
    for (const std::string& raw : cases) {
        const int fd = testing::Connect(server.port());
        ASSERT_GE(fd, 0);
        testing::SendAll(fd, raw);
        bool closed = false;
        // Shorter than the idle timeout (2 s): a connection kept open would not count as closed.
        const std::string reply = testing::ReadUntilClosed(fd, 1500ms, &closed);
        ::close(fd);
        EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << raw << "\n->\n" << reply;
        EXPECT_TRUE(closed) << raw;
        EXPECT_EQ(reply.find("HTTP/1.1", 1), std::string::npos) << "a second answer: " << raw << "\n->\n" << reply;
        EXPECT_EQ(reply.find("smuggled"), std::string::npos) << reply;
    }
}

TEST_F(ServerTest, ChunkedBodiesAndRequestsWithoutHostOnHttp10StillWork) {
    TestServer server(router_);
    std::string reply = testing::RawExchange(
        server.port(),
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
        "POST /echo HTTP/1.1\r\nHost: x:8080\r\nTransfer-Encoding: Chunked\r\nConnection: close\r\n\r\n"
        "3\r\nbye\r\n0\r\n\r\n");
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
    EXPECT_NE(reply.find("\r\n\r\nhello world"), std::string::npos) << reply;
    EXPECT_TRUE(reply.ends_with("\r\n\r\nbye")) << reply;
    reply = testing::RawExchange(server.port(), "GET /hello HTTP/1.0\r\n\r\n");
    EXPECT_TRUE(reply.starts_with("HTTP/1.0 200") || reply.starts_with("HTTP/1.1 200")) << reply;
    reply = testing::RawExchange(server.port(),
                                 "POST /echo HTTP/1.1\r\nHost: [::1]:8080\r\nContent-Length: 2\r\n"
                                 "Connection: close\r\n\r\nok");
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
}

TEST_F(ServerTest, HugeHeadersAreRejected) {
    TestServer server(router_);
    const std::string raw = "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20'000, 'a') + "\r\n\r\n";
    const std::string reply = testing::RawExchange(server.port(), raw);
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply.substr(0, 100);
}

TEST_F(ServerTest, SlowHeaderClientIsCutOff) {
    TestServer server(router_);  // header timeout 400 ms
    const int fd = testing::Connect(server.port());
    ASSERT_GE(fd, 0);
    testing::SendAll(fd, "GET /hello HTTP/1.1\r\nHost: x\r\n");  // never finishes the head
    const auto start = std::chrono::steady_clock::now();
    bool closed = false;
    const std::string reply = testing::ReadUntilClosed(fd, 5s, &closed);
    ::close(fd);
    EXPECT_TRUE(closed);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
    EXPECT_EQ(reply.find("200"), std::string::npos);
}

TEST_F(ServerTest, TricklingHeadersCannotExtendTheDeadline) {
    TestServer server(router_);
    const int fd = testing::Connect(server.port());
    ASSERT_GE(fd, 0);
    const auto start = std::chrono::steady_clock::now();
    bool closed = false;
    for (int i = 0; i < 40 && !closed; ++i) {
        testing::SendAll(fd, "X-A: b\r\n");
        testing::ReadUntilClosed(fd, 100ms, &closed);
    }
    ::close(fd);
    EXPECT_TRUE(closed);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST_F(ServerTest, SilentConnectionIsClosedAfterTheHeaderTimeout) {
    TestServer server(router_);
    const int fd = testing::Connect(server.port());
    ASSERT_GE(fd, 0);
    bool closed = false;
    testing::ReadUntilClosed(fd, 5s, &closed);
    ::close(fd);
    EXPECT_TRUE(closed);
}

TEST_F(ServerTest, SlowBodyIsCutOff) {
    TestServer server(router_);
    const int fd = testing::Connect(server.port());
    ASSERT_GE(fd, 0);
    testing::SendAll(fd, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly a bit");
    bool closed = false;
    const auto start = std::chrono::steady_clock::now();
    testing::ReadUntilClosed(fd, 5s, &closed);
    ::close(fd);
    EXPECT_TRUE(closed);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST_F(ServerTest, KeepAliveServesPipelinedRequests) {
    TestServer server(router_);
    const std::string raw =
        "GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /api/stores/s1 HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /hello?name=last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    const std::string reply = testing::RawExchange(server.port(), raw);
    std::size_t count = 0;
    for (std::size_t at = reply.find("HTTP/1.1 200"); at != std::string::npos;
         at = reply.find("HTTP/1.1 200", at + 1)) {
        ++count;
    }
    EXPECT_EQ(count, 3U) << reply;
    EXPECT_NE(reply.find("\"last\""), std::string::npos);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
    ServerOptions options = testing::TestOptions();
    options.idle_timeout = 300ms;
    TestServer server(router_, options);
    const int fd = testing::Connect(server.port());
    ASSERT_GE(fd, 0);
    testing::SendAll(fd, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    bool closed = false;
    const auto start = std::chrono::steady_clock::now();
    const std::string reply = testing::ReadUntilClosed(fd, 5s, &closed);
    ::close(fd);
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
    EXPECT_TRUE(closed);
    EXPECT_GE(std::chrono::steady_clock::now() - start, 250ms);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST_F(ServerTest, HandlerHeadersCannotBreakFraming) {
    router_.Get("/sneaky", [](Request&) -> net::awaitable<Response> {
        Response response = Response::Text(200, "ok");
        response.headers.Set("X-Injected", "a\r\nSet-Cookie: stolen=1");
        response.headers.Set("Content-Length", "999");
        response.headers.Set("Bad Name", "x");
        response.headers.Set("X-Fine", "yes");
        co_return response;
    });
    TestServer server(router_);
    const std::string reply =
        testing::RawExchange(server.port(), "GET /sneaky HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(reply.find("stolen"), std::string::npos) << reply;
    EXPECT_EQ(reply.find("999"), std::string::npos) << reply;
    EXPECT_EQ(reply.find("Bad Name"), std::string::npos) << reply;
    EXPECT_NE(reply.find("Content-Length: 2\r\n"), std::string::npos) << reply;
    EXPECT_NE(reply.find("X-Fine: yes\r\n"), std::string::npos) << reply;
    EXPECT_TRUE(reply.ends_with("\r\n\r\nok")) << reply;
}

TEST_F(ServerTest, HeadReturnsGetHeadersWithoutABody) {
    TestServer server(router_);
    const std::string reply =
        testing::RawExchange(server.port(), "HEAD /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const std::string expected_length = "Content-Length: " + std::to_string(BigJson().size()) + "\r\n";
    EXPECT_NE(reply.find(expected_length), std::string::npos) << reply;
    EXPECT_TRUE(reply.ends_with("\r\n\r\n")) << reply;
}

TEST_F(ServerTest, GzipsWhenAcceptedOnly) {
    TestServer server(router_);
    const ClientResponse gz = Fetch(server, "GET", "/big", {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(gz.Header("Content-Encoding"), "gzip");
    EXPECT_EQ(GzipDecompress(gz.body), BigJson());
    const ClientResponse plain = Fetch(server, "GET", "/big");
    EXPECT_FALSE(plain.Header("Content-Encoding").has_value());
    EXPECT_EQ(plain.body, BigJson());
    EXPECT_EQ(plain.Header("Vary"), "Accept-Encoding");
}

TEST_F(ServerTest, HandlerExceptionIsA500WithoutInternals) {
    TestServer server(router_);
    const ClientResponse response = Fetch(server, "GET", "/throws");
    EXPECT_EQ(response.status, 500);
    const auto body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["error"]["code"], "internal");
    EXPECT_EQ(response.body.find("kaboom"), std::string::npos);
    EXPECT_NE(server.Logs().find("kaboom: secret internals"), std::string::npos);
}

TEST_F(ServerTest, ErrorDetailStaysInTheLogAndRetryAfterIsSent) {
    TestServer server(router_);
    const ClientResponse response = Fetch(server, "GET", "/fails");
    EXPECT_EQ(response.status, 429);
    EXPECT_EQ(response.Header("Retry-After"), "7");
    EXPECT_EQ(response.body.find("limiter key"), std::string::npos);
    EXPECT_NE(server.Logs().find("limiter key"), std::string::npos);
}

TEST_F(ServerTest, CorsOverTheWire) {
    ServerOptions options = testing::TestOptions();
    options.cors_origins = {"https://owner.webdpro.in"};
    TestServer server(router_, options);
    const ClientResponse preflight =
        Fetch(server, "OPTIONS", "/hello",
              {{"Origin", "https://owner.webdpro.in"}, {"Access-Control-Request-Method", "GET"}});
    EXPECT_EQ(preflight.status, 204);
    EXPECT_EQ(preflight.Header("Access-Control-Allow-Origin"), "https://owner.webdpro.in");
    EXPECT_EQ(preflight.Header("Access-Control-Allow-Methods"), "GET, HEAD");

    const ClientResponse denied = Fetch(server, "GET", "/hello", {{"Origin", "https://evil.example"}});
    EXPECT_EQ(denied.status, 200);
    EXPECT_FALSE(denied.Header("Access-Control-Allow-Origin").has_value());
    EXPECT_EQ(denied.Header("Vary"), "Origin");
}

TEST_F(ServerTest, ForwardedForIsHonouredOnlyWhenTrusted) {
    {
        TestServer server(router_);
        const auto body = nlohmann::json::parse(Fetch(server, "GET", "/hello", {{"X-Forwarded-For", "1.2.3.4"}}).body);
        EXPECT_EQ(body["remote"], "127.0.0.1");
    }
    ServerOptions options = testing::TestOptions();
    options.trust_forwarded_for = true;
    TestServer server(router_, options);
    const auto body = nlohmann::json::parse(Fetch(server, "GET", "/hello", {{"X-Forwarded-For", "1.2.3.4"}}).body);
    EXPECT_EQ(body["remote"], "1.2.3.4");
}

TEST_F(ServerTest, AccessLogAndMetrics) {
    TestServer server(router_);
    Fetch(server, "GET", "/api/stores/sto_1", {{"X-Request-Id", "log-me"}});
    Fetch(server, "GET", "/api/stores/sto_2");
    Fetch(server, "GET", "/missing");
    // The server records a request just after writing its response: give it a moment.
    const std::vector<std::string> expected = {
        "webdpro_http_requests_total{method=\"GET\",route=\"/api/stores/{store_id}\",status=\"200\"} 2",
        "webdpro_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1",
        "webdpro_http_request_duration_seconds_count{route=\"/api/stores/{store_id}\"} 2",
        "webdpro_http_requests_in_flight 0",
    };
    std::string metrics;
    for (int attempt = 0; attempt < 200; ++attempt) {
        metrics = server.metrics().Serialize();
        bool all = true;
        for (const std::string& line : expected) {
            all = all && metrics.find(line) != std::string::npos;
        }
        if (all) {
            break;
        }
        std::this_thread::sleep_for(10ms);
    }
    for (const std::string& line : expected) {
        EXPECT_NE(metrics.find(line), std::string::npos) << line << "\n" << metrics;
    }

    const std::string logs = server.Logs();
    const std::size_t line_start = logs.find("\"request_id\":\"log-me\"");
    ASSERT_NE(line_start, std::string::npos) << logs;
    const std::size_t begin = logs.rfind('\n', line_start) + 1;
    const auto line = nlohmann::json::parse(logs.substr(begin, logs.find('\n', line_start) - begin));
    EXPECT_EQ(line["msg"], "request");
    EXPECT_EQ(line["method"], "GET");
    EXPECT_EQ(line["route"], "/api/stores/{store_id}");
    EXPECT_EQ(line["path"], "/api/stores/sto_1");
    EXPECT_EQ(line["status"], 200);
    EXPECT_GT(line["bytes"].get<int>(), 0);
    EXPECT_TRUE(line["duration_ms"].is_number());
    EXPECT_EQ(line["remote"], "127.0.0.1");
}

TEST_F(ServerTest, SseDeliversEvents) {
    TestServer server(router_);
    const ClientResponse response = Fetch(server, "GET", "/events");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Header("Content-Type"), "text/event-stream");
    EXPECT_EQ(response.body, "event: tick\ndata: 1\n\nevent: tick\ndata: 2\n\nevent: tick\ndata: 3\n\n");
}

TEST_F(ServerTest, SseSendsHeartbeatsAndNoticesDisconnect) {
    ServerOptions options = testing::TestOptions();
    options.sse_heartbeat = 50ms;
    TestServer server(router_, options);
    const int fd = testing::Connect(server.port());
    ASSERT_GE(fd, 0);
    testing::SendAll(fd, "GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string start = testing::ReadUntilClosed(fd, 400ms);
    EXPECT_NE(start.find("Transfer-Encoding: chunked"), std::string::npos) << start;
    EXPECT_NE(start.find("data: 1"), std::string::npos) << start;
    EXPECT_NE(start.find(": keep-alive"), std::string::npos) << start;
    ::close(fd);
    for (int i = 0; i < 100 && !stream_ended_.load(); ++i) {
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_TRUE(stream_ended_.load());
}

TEST_F(ServerTest, ShutdownEndsSseStreams) {
    TestServer server(router_);
    const int fd = testing::Connect(server.port());
    ASSERT_GE(fd, 0);
    testing::SendAll(fd, "GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_NE(testing::ReadUntilClosed(fd, 300ms).find("data: 1"), std::string::npos);
    server.server().Shutdown();
    bool closed = false;
    const std::string tail = testing::ReadUntilClosed(fd, 2s, &closed);
    ::close(fd);
    EXPECT_TRUE(closed);
    EXPECT_NE(tail.find("0\r\n\r\n"), std::string::npos);  // the stream was ended cleanly
    EXPECT_TRUE(server.JoinWithin(2s));
    EXPECT_TRUE(stream_ended_.load());
}

TEST_F(ServerTest, GracefulShutdownFinishesInFlightAndRefusesNew) {
    TestServer server(router_);
    // An idle keep-alive connection: closed at once when draining starts.
    const int idle = testing::Connect(server.port());
    ASSERT_GE(idle, 0);
    testing::SendAll(idle, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_NE(testing::ReadUntilClosed(idle, 300ms).find("200 OK"), std::string::npos);

    auto slow = std::async(std::launch::async, [&] { return Fetch(server, "GET", "/slow"); });
    while (!slow_entered_.load()) {
        std::this_thread::sleep_for(5ms);
    }
    const auto start = std::chrono::steady_clock::now();
    server.server().Shutdown();
    server.server().Shutdown();  // idempotent

    bool idle_closed = false;
    testing::ReadUntilClosed(idle, 1s, &idle_closed);
    ::close(idle);
    EXPECT_TRUE(idle_closed);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);

    // New connections are refused while the slow request is still running.
    std::this_thread::sleep_for(50ms);
    EXPECT_NE(slow.wait_for(0s), std::future_status::ready);
    EXPECT_EQ(testing::Connect(server.port()), -1);

    const ClientResponse finished = slow.get();
    EXPECT_EQ(finished.status, 200);
    EXPECT_EQ(finished.body, "finished");
    EXPECT_EQ(finished.Header("Connection"), "close");
    EXPECT_TRUE(server.JoinWithin(2s));
}

TEST_F(ServerTest, ShutdownGiveUpAfterTheGracePeriod) {
    ServerOptions options = testing::TestOptions();
    options.shutdown_grace = 100ms;
    TestServer server(router_, options);
    auto slow = std::async(std::launch::async, [&] {
        ClientRequest request;
        request.url = server.Url("/slow");
        return Client().Send(request);
    });
    while (!slow_entered_.load()) {
        std::this_thread::sleep_for(5ms);
    }
    const auto start = std::chrono::steady_clock::now();
    server.server().Shutdown();
    EXPECT_TRUE(server.JoinWithin(2s));
    EXPECT_LT(std::chrono::steady_clock::now() - start, 550ms);  // did not wait for the 600 ms handler
    EXPECT_FALSE(slow.get().has_value());
}

TEST(ServerLifecycle, PortInUseIsAClearError) {
    Router router;
    Logger logger(-1);
    Metrics metrics;
    Server first(testing::TestOptions(), router, logger, metrics);
    ASSERT_TRUE(first.Start().has_value());
    ServerOptions options = testing::TestOptions();
    options.port = first.port();
    Server second(options, router, logger, metrics);
    const auto started = second.Start();
    ASSERT_FALSE(started.has_value());
    EXPECT_EQ(started.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(started.error().message.find("in use"), std::string::npos) << started.error().message;
    second.Run();  // returns at once: nothing to run
}

TEST(ServerLifecycle, StartTwiceIsRefusedAndShutdownBeforeRunReturns) {
    Router router;
    Logger logger(-1);
    Metrics metrics;
    Server server(testing::TestOptions(), router, logger, metrics);
    ASSERT_TRUE(server.Start().has_value());
    EXPECT_NE(server.port(), 0);
    EXPECT_FALSE(server.Start().has_value());
    server.Shutdown();
    server.Run();  // drains nothing and returns
    EXPECT_TRUE(server.draining());
}

TEST(ServerLifecycle, StopWithoutStartAndDestroyWithoutRun) {
    Router router;
    Logger logger(-1);
    Metrics metrics;
    {
        Server server(testing::TestOptions(), router, logger, metrics);
        server.Stop();
        server.Run();
    }
    Server started(testing::TestOptions(), router, logger, metrics);
    ASSERT_TRUE(started.Start().has_value());
}

TEST(ServerLifecycle, ConfigConversion) {
    ServerConfig config;
    config.listen = "0.0.0.0:9090";
    config.header_timeout_s = 3;
    config.cors_origins = {"https://a.in"};
    const auto options = ServerOptions::FromConfig(config);
    ASSERT_TRUE(options.has_value());
    EXPECT_EQ(options->host, "0.0.0.0");
    EXPECT_EQ(options->port, 9090);
    EXPECT_EQ(options->header_timeout, 3s);
    EXPECT_EQ(options->cors_origins, config.cors_origins);
    config.listen = "nonsense";
    EXPECT_FALSE(ServerOptions::FromConfig(config).has_value());
}

TEST(ServerLifecycle, PostRunsOnAnIoThread) {
    Router router;
    TestServer server(router);
    std::promise<std::thread::id> ran;
    server.server().Post([&] { ran.set_value(std::this_thread::get_id()); });
    auto future = ran.get_future();
    ASSERT_EQ(future.wait_for(2s), std::future_status::ready);
    EXPECT_NE(future.get(), std::this_thread::get_id());
}

}  // namespace
}  // namespace webdpro::http
