#include "fakes/fake_sms_server.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace webdpro::fakes {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::string_view kXmlType = "text/xml";

}  // namespace

FakeSmsServer::FakeSmsServer() = default;

std::unique_ptr<FakeSmsServer> FakeSmsServer::Start(std::string& error) {
    std::unique_ptr<FakeSmsServer> fake(new FakeSmsServer());
    fake->Register();
    http::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.io_threads = 2;
    options.access_log = false;
    options.shutdown_grace = std::chrono::milliseconds(100);
    fake->server_ = std::make_unique<http::Server>(options, fake->router_, fake->logger_, fake->metrics_);
    if (auto started = fake->server_->Start(); !started) {
        error = started.error().message;
        return nullptr;
    }
    fake->thread_ = std::thread([server = fake->server_.get()] { server->Run(); });
    return fake;
}

FakeSmsServer::~FakeSmsServer() {
    if (server_) {
        server_->Stop();
    }
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::string FakeSmsServer::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port()) + path;
}

std::vector<FakeSmsServer::Received> FakeSmsServer::received() const {
    std::lock_guard lock(mutex_);
    return received_;
}

std::uint16_t FakeSmsServer::ClosedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t length = sizeof(addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length);
    ::close(fd);
    return ntohs(addr.sin_port);
}

void FakeSmsServer::Register() {
    // One handler shape for every provider: record, then answer as the mode says.
    auto make = [this](std::string ok_body, std::string ok_type, std::string refusal_body) -> http::Handler {
        return [this, ok_body, ok_type, refusal_body](http::Request& request) -> Awaitable {
            {
                std::lock_guard lock(mutex_);
                received_.push_back({std::string(http::MethodName(request.method)), request.path, request.query,
                                     request.headers, request.body});
            }
            switch (mode_.load()) {
                case Mode::kOk:
                    co_return http::Response::Text(200, ok_body, ok_type);
                case Mode::kFail500:
                    co_return http::Response::Text(500, "internal error", "text/plain");
                case Mode::kFail400:
                    co_return http::Response::Text(400, refusal_body, ok_type);
                case Mode::kGarbage:
                    co_return http::Response::Text(200, "<html>captive portal</html>", "text/html");
                case Mode::kHang: {
                    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor,
                                                    std::chrono::milliseconds(hang_ms_.load()));
                    co_await timer.async_wait(boost::asio::use_awaitable);
                    co_return http::Response::Text(200, ok_body, ok_type);
                }
            }
            co_return http::Response::Text(500, "unknown mode", "text/plain");
        };
    };
    router_.Post("/msg91/api/v5/otp", make(R"({"type":"success","message":"3763646c3058373530393938"})",
                                           "application/json", R"({"type":"error","message":"Invalid authkey"})"));
    router_.Post("/sns/", make("<PublishResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                               "<MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>"
                               "</PublishResponse>",
                               std::string(kXmlType),
                               "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameter</Code>"
                               "<Message>Invalid parameter: PhoneNumber</Message></Error></ErrorResponse>"));
    router_.Post("/webhook", make(R"({"ok":true})", "application/json", R"({"error":"bad request"})"));
}

}  // namespace webdpro::fakes
