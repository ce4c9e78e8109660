// The real binary on loopback: error envelope, limits, routing, request ids, static files,
// health, metrics, graceful shutdown and configuration errors.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cstdlib>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/client.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

class Platform : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::string error;
        server_ = TestServer::Start(error).release();
        ASSERT_NE(server_, nullptr) << error;
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }
    static TestServer& server() { return *server_; }

    static TestServer* server_;
};
TestServer* Platform::server_ = nullptr;

void ExpectEnvelope(const Reply& reply, int status, const std::string& code) {
    EXPECT_EQ(reply.status, status) << reply.body;
    EXPECT_EQ(reply.Header("content-type"), "application/json");
    auto body = nlohmann::json::parse(reply.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << reply.body;
    EXPECT_EQ(body["error"]["code"], code) << reply.body;
    EXPECT_TRUE(body["error"]["message"].is_string());
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
    ASSERT_TRUE(body["request_id"].is_string());
    EXPECT_EQ(body["request_id"], reply.Header("x-request-id"));
}

TEST_F(Platform, HealthAndReadiness) {
    auto health = Fetch("GET", server().url("/healthz"));
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(nlohmann::json::parse(health.body)["status"], "ok");

    auto ready = Fetch("GET", server().url("/readyz"));
    ASSERT_EQ(ready.status, 200) << ready.body;
    auto body = nlohmann::json::parse(ready.body);
    EXPECT_EQ(body["status"], "ready");
    const char* engine = std::getenv("WEBDPRO_TEST_ENGINE");
    EXPECT_EQ(body["database"], engine != nullptr && std::string_view(engine) == "postgres" ? "postgres" : "sqlite");
    EXPECT_EQ(body["migrations"]["pending"], 0);
    EXPECT_GE(body["migrations"]["applied"].get<int>(), 1);
}

TEST_F(Platform, UnknownApiPathIsJsonNotFound) {
    ExpectEnvelope(Fetch("GET", server().url("/api/no/such/thing")), 404, "not_found");
}

TEST_F(Platform, WrongMethodIs405WithAllow) {
    auto reply = Fetch("DELETE", server().url("/healthz"));
    ExpectEnvelope(reply, 405, "method_not_allowed");
    EXPECT_NE(reply.Header("allow").find("GET"), std::string::npos) << reply.Header("allow");
}

TEST_F(Platform, HeadHasHeadersButNoBody) {
    auto reply = Fetch("HEAD", server().url("/healthz"));
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.body.empty());
}

TEST_F(Platform, OversizedBodyIs413) {
    auto reply = Fetch("GET", server().url("/healthz"), {}, std::string(2 * 1024 * 1024, 'x'));
    ExpectEnvelope(reply, 413, "payload_too_large");
}

TEST_F(Platform, RequestIdIsEchoedOrCreated) {
    auto given = Fetch("GET", server().url("/healthz"), {{"X-Request-Id", "trace-abc.123_x"}});
    EXPECT_EQ(given.Header("x-request-id"), "trace-abc.123_x");

    auto created = Fetch("GET", server().url("/healthz"));
    EXPECT_TRUE(created.Header("x-request-id").starts_with("req_")) << created.Header("x-request-id");

    // A hostile id (spaces, quotes, too long) is replaced, never echoed.
    auto hostile = Fetch("GET", server().url("/healthz"), {{"X-Request-Id", "a\"b c<script>"}});
    EXPECT_TRUE(hostile.Header("x-request-id").starts_with("req_"));
    auto long_id = Fetch("GET", server().url("/healthz"), {{"X-Request-Id", std::string(65, 'a')}});
    EXPECT_TRUE(long_id.Header("x-request-id").starts_with("req_"));
}

TEST_F(Platform, SecurityHeadersOnEveryResponse) {
    for (const char* path : {"/healthz", "/", "/api/nope"}) {
        auto reply = Fetch("GET", server().url(path));
        EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff") << path;
        EXPECT_FALSE(reply.Header("referrer-policy").empty()) << path;
    }
}

TEST_F(Platform, WebAppIsServedWithEtagAnd304) {
    auto index = Fetch("GET", server().url("/"));
    ASSERT_EQ(index.status, 200);
    EXPECT_NE(index.Header("content-type").find("text/html"), std::string::npos);
    EXPECT_NE(index.body.find("WebDPro"), std::string::npos);

    auto css = Fetch("GET", server().url("/css/app.css"));
    ASSERT_EQ(css.status, 200);
    EXPECT_NE(css.Header("content-type").find("text/css"), std::string::npos);
    const std::string etag = css.Header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_FALSE(css.Header("cache-control").empty());

    auto again = Fetch("GET", server().url("/css/app.css"), {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());

    auto missing = Fetch("GET", server().url("/css/none.css"));
    EXPECT_EQ(missing.status, 404);
}

TEST_F(Platform, GzipWhenAccepted) {
    auto plain = Fetch("GET", server().url("/css/app.css"));
    auto gz = Fetch("GET", server().url("/css/app.css"), {{"Accept-Encoding", "gzip"}});
    ASSERT_EQ(gz.status, 200);
    EXPECT_EQ(gz.Header("content-encoding"), "gzip");
    EXPECT_LT(gz.body.size(), plain.body.size() / 2);
    EXPECT_TRUE(plain.Header("content-encoding").empty());
}

TEST_F(Platform, PathTraversalIsRefused) {
    auto reply = FetchRaw(server().port(), "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(reply.find("root:"), std::string::npos);
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 400") || reply.starts_with("HTTP/1.1 404")) << reply.substr(0, 80);
}

TEST_F(Platform, MalformedRequestIs400) {
    auto reply = FetchRaw(server().port(), "THIS IS NOT HTTP\r\n\r\n");
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply.substr(0, 80);
}

TEST_F(Platform, MetricsCountRequestsByRouteTemplate) {
    Fetch("GET", server().url("/healthz"));
    auto reply = Fetch("GET", server().url("/metrics"));
    ASSERT_EQ(reply.status, 200);
    EXPECT_NE(reply.body.find("webdpro_http_requests_total"), std::string::npos);
    EXPECT_NE(reply.body.find("route=\"/healthz\""), std::string::npos);
    EXPECT_NE(reply.body.find("webdpro_http_request_duration_seconds_bucket"), std::string::npos);
    EXPECT_NE(reply.body.find("webdpro_http_requests_in_flight"), std::string::npos);
    EXPECT_NE(reply.body.find("webdpro_build_info"), std::string::npos);
    EXPECT_NE(reply.body.find("webdpro_db_commits_total"), std::string::npos);
    // Every model level's health, whether or not it has a key.
    EXPECT_NE(reply.body.find("webdpro_ai_level_up{level=\""), std::string::npos);
    EXPECT_NE(reply.body.find("webdpro_ai_breaker_state{level=\""), std::string::npos);
}

TEST(PlatformMetrics, ServedToThisMachineOrWithTheTokenOnly) {
    std::string error;
    TestServer::Options options;
    options.extra_args = {"--set", "server.trust_forwarded_for=true"};
    options.env = {{"WEBDPRO_SECRET_METRICS_TOKEN", "scrape-token-0123456789"}};
    auto server = TestServer::Start(options, error);
    ASSERT_NE(server, nullptr) << error;
    const auto from_outside = [](const std::string& authorization) {
        std::map<std::string, std::string> headers = {{"X-Forwarded-For", "203.0.113.9"}};
        if (!authorization.empty()) {
            headers["Authorization"] = authorization;
        }
        return headers;
    };
    EXPECT_EQ(Fetch("GET", server->url("/metrics")).status, 200) << "loopback";
    auto refused = Fetch("GET", server->url("/metrics"), from_outside(""));
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.body.find("webdpro_"), std::string::npos);
    EXPECT_EQ(Fetch("GET", server->url("/metrics"), from_outside("Bearer wrong-token")).status, 403);
    auto scraped = Fetch("GET", server->url("/metrics"), from_outside("Bearer scrape-token-0123456789"));
    EXPECT_EQ(scraped.status, 200);
    EXPECT_NE(scraped.body.find("webdpro_http_requests_total"), std::string::npos);
}

TEST_F(Platform, OpenApiIsServed) {
    auto reply = Fetch("GET", server().url("/api/openapi.yaml"));
    ASSERT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.body.starts_with("openapi: 3.1"));
}

TEST(PlatformLifecycle, GracefulShutdownFinishesInFlightRequest) {
    std::string error;
    auto server = TestServer::Start(error);
    ASSERT_NE(server, nullptr) << error;

    // An in-flight request: the head and half the body are sent, then SIGTERM arrives.
    const int fd = ConnectLoopback(server->port());
    ASSERT_GE(fd, 0);
    const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345";
    ASSERT_EQ(::send(fd, head.data(), head.size(), 0), static_cast<ssize_t>(head.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server->Signal(SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    // New connections are refused while draining; the old request is still being served.
    EXPECT_LT(ConnectLoopback(server->port()), 0);
    EXPECT_FALSE(server->WaitExit(std::chrono::milliseconds(0)).has_value()) << server->Log();

    ASSERT_EQ(::send(fd, "67890", 5, 0), 5);
    const std::string reply = ReadAll(fd);
    ::close(fd);
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;

    auto code = server->WaitExit(std::chrono::seconds(15));
    ASSERT_TRUE(code.has_value()) << "server did not exit after SIGTERM";
    EXPECT_EQ(*code, 0) << server->Log();
    EXPECT_NE(server->Log().find("\"msg\":\"stopped\""), std::string::npos) << server->Log();
}

TEST(PlatformLifecycle, SlowHeadersAreCutOff) {
    std::string error;
    TestServer::Options options;
    options.extra_args = {"--set", "server.header_timeout_s=1"};
    auto server = TestServer::Start(options, error);
    ASSERT_NE(server, nullptr) << error;
    const int fd = ConnectLoopback(server->port());
    ASSERT_GE(fd, 0);
    ASSERT_GT(::send(fd, "GET /healthz HTTP/1.1\r\nHo", 25, 0), 0);
    const auto start = std::chrono::steady_clock::now();
    const std::string reply = ReadAll(fd);  // returns when the server closes the connection
    const auto waited = std::chrono::steady_clock::now() - start;
    ::close(fd);
    EXPECT_LT(waited, std::chrono::seconds(5));
    EXPECT_EQ(reply.find("HTTP/1.1 200"), std::string::npos);
}

TEST(PlatformLifecycle, BadConfigStopsStartupNamingTheKey) {
    std::string output;
    EXPECT_NE(RunWebdpro({"serve", "--set", "server.io_threads=lots", "--data-dir", "/tmp/unused"}, output), 0);
    EXPECT_NE(output.find("server.io_threads"), std::string::npos) << output;

    EXPECT_NE(RunWebdpro({"serve", "--data-dir", "/tmp/unused"}, output, {{"WEBDPRO_SERVER_LISTN", "x"}}), 0);
    EXPECT_NE(output.find("WEBDPRO_SERVER_LISTN"), std::string::npos) << output;
}

TEST(PlatformLifecycle, PortInUseIsAClearError) {
    std::string error;
    auto first = TestServer::Start(error);
    ASSERT_NE(first, nullptr) << error;
    std::string output;
    const std::string listen = "127.0.0.1:" + std::to_string(first->port());
    EXPECT_NE(RunWebdpro({"serve", "--listen", listen, "--data-dir", (first->data_dir() / "other").string()}, output),
              0);
    EXPECT_NE(output.find(listen), std::string::npos) << output;
}

TEST(PlatformLifecycle, SecondServerOnSameDataDirIsRefused) {
    std::string error;
    auto first = TestServer::Start(error);
    ASSERT_NE(first, nullptr) << error;
    std::string output;
    EXPECT_NE(RunWebdpro({"serve", "--listen", "127.0.0.1:0", "--data-dir", first->data_dir().string()}, output), 0);
    EXPECT_NE(output.find("already in use"), std::string::npos) << output;
}

}  // namespace
}  // namespace webdpro::testing
