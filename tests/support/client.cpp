#include "support/client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "http/client.hpp"

namespace webdpro::testing {
namespace {

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

std::string Reply::Header(const std::string& name) const {
    auto it = headers.find(Lower(name));
    return it == headers.end() ? "" : it->second;
}

RawReply Exchange(const std::string& method, const std::string& url, const HeaderList& headers,
                  const std::string& body) {
    static const http::Client client;
    http::ClientRequest request;
    request.method = method;
    request.url = url;
    request.body = body;
    request.total_timeout = std::chrono::seconds(30);
    for (const auto& [name, value] : headers) {
        request.headers.Add(name, value);
    }
    RawReply reply;
    auto response = client.Send(request);
    if (!response) {
        reply.body = response.error().message + " " + response.error().detail;
        return reply;
    }
    reply.status = response->status;
    reply.body = std::move(response->body);
    for (const auto& [name, value] : response->headers) {
        reply.headers.emplace_back(Lower(std::string(name)), std::string(value));
    }
    return reply;
}

Reply Fetch(const std::string& method, const std::string& url, const std::map<std::string, std::string>& headers,
            const std::string& body) {
    auto raw = Exchange(method, url, HeaderList(headers.begin(), headers.end()), body);
    Reply reply{raw.status, {}, std::move(raw.body)};
    for (auto& [name, value] : raw.headers) {
        reply.headers[name] = std::move(value);
    }
    return reply;
}

int ConnectLoopback(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

std::string ReadAll(int fd) {
    std::string out;
    char buf[8192];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) {
            continue;
        }
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) {
            break;
        }
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

std::string FetchRaw(std::uint16_t port, const std::string& raw) {
    const int fd = ConnectLoopback(port);
    if (fd < 0) {
        return "";
    }
    ::send(fd, raw.data(), raw.size(), MSG_NOSIGNAL);
    std::string reply = ReadAll(fd);
    ::close(fd);
    return reply;
}

}  // namespace webdpro::testing
