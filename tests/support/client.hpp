#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace webdpro::testing {

/// A response as a test sees it; header names are lowercase.
struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;

    /// The header's value, or "" when absent. `name` is matched case-insensitively.
    std::string Header(const std::string& name) const;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// What Exchange answers: every header kept in order (names lowercase, repeats kept).
struct RawReply {
    int status = 0;
    HeaderList headers;
    std::string body;
};

/// One HTTP request through the project's outbound client, `headers` added in order (names may
/// repeat), a 30 s total timeout. Never throws; a transport failure gives status 0 and the
/// reason in `body`. Fetch and the functional tests' Call are built on it.
RawReply Exchange(const std::string& method, const std::string& url, const HeaderList& headers,
                  const std::string& body);

/// One HTTP request over loopback through the project's outbound client. Never throws; a
/// transport failure gives status 0 and the reason in `body`.
Reply Fetch(const std::string& method, const std::string& url, const std::map<std::string, std::string>& headers = {},
            const std::string& body = "");

/// Connects to 127.0.0.1:port; returns the socket, or -1 when refused.
int ConnectLoopback(std::uint16_t port);
/// Reads until the peer closes (or 10 s pass).
std::string ReadAll(int fd);
/// Sends `raw` bytes on a new connection and returns everything the server answers.
std::string FetchRaw(std::uint16_t port, const std::string& raw);

}  // namespace webdpro::testing
