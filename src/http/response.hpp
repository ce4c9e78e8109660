#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>  // Boost 1.74 awaitable.hpp uses std::exchange without including it

#include <nlohmann/json.hpp>

#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "http/headers.hpp"

namespace webdpro::http {

class SseWriter;

/// Produces a server-sent event stream; see sse.hpp. Runs on the connection's I/O thread.
using SseProducer = std::function<boost::asio::awaitable<void>(SseWriter&)>;

inline constexpr std::string_view kJsonType = "application/json";
inline constexpr std::string_view kTextType = "text/plain; charset=utf-8";

/// What a handler returns. The body is either owned (`body`) or a shared immutable buffer
/// (`shared_body`, e.g. a static asset, so it is never copied per request). The server adds the
/// request id, security headers, CORS, gzip and Content-Length. Not thread-safe.
struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    /// When set, sent instead of `body`.
    std::shared_ptr<const std::string> shared_body;
    /// When set, the server renders the JSON error envelope with the request id, sets the status
    /// from HttpStatus() and Retry-After, and logs `detail` (which never reaches the client).
    std::optional<ApiError> error;
    /// When set, the response is a server-sent event stream driven by this producer (sse.hpp).
    SseProducer sse;
    /// False keeps the server from gzipping the body (e.g. it is already compressed).
    bool compressible = true;

    /// The bytes to send.
    std::string_view Body() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }

    /// `value` serialised as application/json, with `Cache-Control: no-store` (set another value on
    /// the result for an answer that may be cached).
    static Response Json(int status, const nlohmann::json& value);
    /// A text body with the given content type.
    static Response Text(int status, std::string text, std::string_view content_type = kTextType);
    /// A shared immutable body (never copied).
    static Response Shared(int status, std::shared_ptr<const std::string> data, std::string_view content_type);
    /// 204 with no body.
    static Response NoContent();
    /// An error envelope; see `error`.
    static Response Error(ApiError error);
};

/// The JSON error envelope: {"error":{"code","message","fields"?},"request_id"}. Never includes
/// ApiError::detail.
std::string ErrorBody(const ApiError& error, std::string_view request_id);

/// Turns `response.error` (when set) into the envelope body, status and Retry-After header.
void RenderError(Response& response, std::string_view request_id);

}  // namespace webdpro::http
