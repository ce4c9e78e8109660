#include "http/client.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "http/test_util.hpp"

namespace webdpro::http {
namespace {

using namespace std::chrono_literals;

// A port with nothing listening on it.
std::uint16_t ClosedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t len = sizeof(addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

TEST(Client, SendsMethodHeadersAndBody) {
    Router router;
    router.Put("/things/{id}", [](Request& request) -> boost::asio::awaitable<Response> {
        Response response = Response::Text(201, std::string(request.Param("id")) + ":" + request.body);
        response.headers.Set("X-Seen", std::string(request.Header("X-Token").value_or("none")));
        co_return response;
    });
    testing::TestServer server(router);
    ClientRequest request;
    request.method = "PUT";
    request.url = server.Url("/things/t1");
    request.headers.Add("X-Token", "abc");
    request.body = "payload";
    const auto response = Client().Send(request);
    ASSERT_TRUE(response.has_value()) << response.error().detail;
    EXPECT_EQ(response->status, 201);
    EXPECT_EQ(response->body, "t1:payload");
    EXPECT_EQ(response->Header("x-seen"), "abc");
}

TEST(Client, HeadHasNoBodyAndNon2xxIsStillAResponse) {
    Router router;
    router.Get("/x", [](Request&) -> boost::asio::awaitable<Response> { co_return Response::Text(200, "hello"); });
    testing::TestServer server(router);
    ClientRequest head;
    head.method = "HEAD";
    head.url = server.Url("/x");
    const auto response = Client().Send(head);
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "");
    EXPECT_EQ(response->Header("Content-Length"), "5");

    ClientRequest missing;
    missing.url = server.Url("/missing");
    const auto not_found = Client().Send(missing);
    ASSERT_TRUE(not_found.has_value());
    EXPECT_EQ(not_found->status, 404);
}

TEST(Client, ConnectionRefusedIsUnavailable) {
    ClientRequest request;
    request.url = "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/x?key=secret";
    const auto response = Client().Send(request);
    ASSERT_FALSE(response.has_value());
    EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(response.error().detail.find("secret"), std::string::npos) << response.error().detail;
}

TEST(Client, SilentServerIsATimeout) {
    // Listening but never accepting: the connect succeeds (backlog), the answer never comes.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    ASSERT_EQ(::listen(fd, 4), 0);
    socklen_t len = sizeof(addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);

    ClientRequest request;
    request.url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/";
    request.total_timeout = 300ms;
    const auto start = std::chrono::steady_clock::now();
    const auto response = Client().Send(request);
    ::close(fd);
    ASSERT_FALSE(response.has_value());
    EXPECT_EQ(response.error().code, ErrorCode::kTimeout);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST(Client, BadUrlsAreInvalidArguments) {
    for (std::string url : {"ftp://example.com/file", "not a url", "file:///etc/passwd"}) {
        ClientRequest request;
        request.url = url;
        const auto response = Client().Send(request);
        ASSERT_FALSE(response.has_value()) << url;
        EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument) << url << ": " << response.error().detail;
    }
}

TEST(Client, OversizedResponseFails) {
    Router router;
    router.Get("/big", [](Request&) -> boost::asio::awaitable<Response> {
        co_return Response::Text(200, std::string(100'000, 'x'));
    });
    testing::TestServer server(router);
    ClientRequest request;
    request.url = server.Url("/big");
    request.max_response_bytes = 1000;
    const auto response = Client().Send(request);
    ASSERT_FALSE(response.has_value());
    EXPECT_EQ(response.error().code, ErrorCode::kInternal);
    // The same thread's handle works again afterwards.
    request.max_response_bytes = 1 << 20;
    const auto again = Client().Send(request);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->body.size(), 100'000U);
}

}  // namespace
}  // namespace webdpro::http
