#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/headers.hpp"

namespace webdpro::http {

/// One outbound HTTP request.
struct ClientRequest {
    std::string method = "GET";
    std::string url;  ///< http:// or https:// only
    Headers headers;
    std::string body;
    std::chrono::milliseconds connect_timeout{5'000};
    std::chrono::milliseconds total_timeout{30'000};
    /// A bigger response body fails the call rather than filling memory.
    std::size_t max_response_bytes = 64U << 20U;
};

/// What came back. Any status is a successful exchange; interpreting it is the caller's job.
struct ClientResponse {
    int status = 0;
    Headers headers;   ///< of the final response (not of a 100 Continue)
    std::string body;  ///< as received: no automatic decompression

    std::optional<std::string_view> Header(std::string_view name) const { return headers.Get(name); }
};

/// A blocking HTTP/1.1 client on libcurl, for calls to model APIs, payment and SMS providers, and
/// tests. It blocks the calling thread for up to total_timeout: NEVER call it on an I/O thread —
/// run it on a work pool and await the result. Thread-safe: each thread reuses its own curl handle
/// (so keep-alive connections are reused per thread). Redirects are not followed.
class Client final {
public:
    /// Initialises libcurl once per process (thread-safe).
    Client();

    /// Errors: kTimeout when the connect or total timeout passes; kUnavailable when the peer cannot
    /// be reached or the connection breaks; kInvalidArgument for a malformed URL or scheme;
    /// kInternal when the response exceeds max_response_bytes. The detail names the method, the
    /// URL without its query (which may carry keys) and curl's reason.
    Result<ClientResponse> Send(const ClientRequest& request) const;
};

}  // namespace webdpro::http
