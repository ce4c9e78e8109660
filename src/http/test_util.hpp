#pragma once
// Helpers shared by this folder's tests only.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "core/log.hpp"
#include "core/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace webdpro::http::testing {

/// Runs a handler to completion on a private io_context.
inline Response Call(const Handler& handler, Request& request) {
    boost::asio::io_context ioc;
    std::optional<Response> out;
    boost::asio::co_spawn(
        ioc, [&]() -> boost::asio::awaitable<void> { out = co_await handler(request); }, boost::asio::detached);
    ioc.run();
    return std::move(*out);
}

/// A loopback socket connected to `port`, or -1 when refused.
inline int Connect(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

inline void SendAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) {
            return;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

/// Reads until the peer closes or `limit` passes; `closed` says which.
inline std::string ReadUntilClosed(int fd, std::chrono::milliseconds limit, bool* closed = nullptr) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    if (closed != nullptr) {
        *closed = false;
    }
    while (true) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return out;
        }
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
            return out;
        }
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
        if (n <= 0) {
            if (closed != nullptr) {
                *closed = true;
            }
            return out;
        }
        out.append(buffer, static_cast<std::size_t>(n));
    }
}

/// Sends `raw` on a fresh connection and returns everything until the server closes (max 5 s).
inline std::string RawExchange(std::uint16_t port, std::string_view raw) {
    const int fd = Connect(port);
    if (fd < 0) {
        return "";
    }
    SendAll(fd, raw);
    std::string out = ReadUntilClosed(fd, std::chrono::seconds(5));
    ::close(fd);
    return out;
}

/// Fast timeouts for tests.
inline ServerOptions TestOptions() {
    ServerOptions options;
    options.port = 0;
    options.io_threads = 2;
    options.header_timeout = std::chrono::milliseconds(400);
    options.body_timeout = std::chrono::milliseconds(400);
    options.idle_timeout = std::chrono::milliseconds(2000);
    options.shutdown_grace = std::chrono::milliseconds(3000);
    return options;
}

/// A Server on a free loopback port, running on a background thread; logs go to a temp file.
class TestServer final {
public:
    explicit TestServer(const Router& router, ServerOptions options = TestOptions())
        : log_fd_(MakeLogFile()),
          logger_(log_fd_.fd, LogLevel::kDebug),
          server_(std::move(options), router, logger_, metrics_) {
        auto started = server_.Start();
        if (!started) {
            ADD_FAILURE() << "server did not start: " << started.error().message;
            return;
        }
        thread_ = std::thread([this] {
            server_.Run();
            finished_.store(true);
        });
    }
    ~TestServer() {
        server_.Shutdown();
        if (thread_.joinable()) {
            thread_.join();
        }
    }
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    Server& server() { return server_; }
    Metrics& metrics() { return metrics_; }
    std::uint16_t port() const { return server_.port(); }
    std::string Url(std::string_view path) const {
        return "http://127.0.0.1:" + std::to_string(port()) + std::string(path);
    }
    /// Waits for Run() to return (after Shutdown()); false when it did not within `limit`.
    bool JoinWithin(std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!finished_.load() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return finished_.load();
    }
    /// Everything logged so far.
    std::string Logs() {
        logger_.Flush();
        std::string out;
        char buffer[4096];
        ssize_t n = 0;
        off_t offset = 0;
        while ((n = ::pread(log_fd_.fd, buffer, sizeof(buffer), offset)) > 0) {
            out.append(buffer, static_cast<std::size_t>(n));
            offset += n;
        }
        return out;
    }

private:
    struct Fd {
        int fd = -1;
        ~Fd() {
            if (fd >= 0) {
                ::close(fd);
            }
        }
    };
    static Fd MakeLogFile() {
        char name[] = "/tmp/webdpro_http_test_XXXXXX";
        Fd fd{::mkstemp(name)};
        ::unlink(name);
        return fd;
    }
    Fd log_fd_;
    Logger logger_;
    Metrics metrics_;
    Server server_;
    std::atomic<bool> finished_{false};
    std::thread thread_;
};

}  // namespace webdpro::http::testing
