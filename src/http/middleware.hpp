#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace webdpro::http {

/// Bodies smaller than this are not worth compressing.
inline constexpr std::size_t kMinGzipBytes = 1024;

/// True for a client-supplied request id we are willing to echo: [A-Za-z0-9._-]{1,64}.
bool IsValidRequestId(std::string_view id);

/// The incoming X-Request-Id when valid, otherwise a fresh "req_…" id.
std::string AcceptRequestId(std::optional<std::string_view> incoming);

/// The client address: `peer`, or — only when `trust_forwarded_for` — the last (nearest proxy's)
/// entry of X-Forwarded-For, when it is non-empty.
std::string ClientAddress(std::string_view peer, std::optional<std::string_view> forwarded_for,
                          bool trust_forwarded_for);

/// The CORS allow-list. Exact origins only ("https://shop.example.com"); an empty list disables
/// CORS entirely. Immutable after construction, so thread-safe.
class Cors final {
public:
    explicit Cors(std::vector<std::string> origins);

    bool enabled() const { return !origins_.empty(); }
    bool Allows(std::string_view origin) const;
    /// True when `request` is a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method).
    static bool IsPreflight(const Request& request);
    /// The answer to a preflight: 204 with the allow headers for an allowed origin, a bare 204 (no
    /// CORS headers, so the browser refuses) otherwise. `allow` lists the path's methods.
    Response Preflight(const Request& request, std::string_view allow) const;
    /// Adds Access-Control-Allow-Origin (and friends) for an allowed origin, and Vary: Origin
    /// whenever CORS is enabled.
    void Apply(const Request& request, Response& response) const;

private:
    std::vector<std::string> origins_;
};

/// True when an Accept-Encoding value admits gzip (explicitly or via "*", and not with q=0).
bool AcceptsGzip(std::string_view accept_encoding);

/// True for text/*, JSON, JavaScript, SVG, XML, YAML, web manifests and similar.
bool IsCompressibleType(std::string_view content_type);

/// gzip (RFC 1952) of `data` at `level` 0-9 (negative = 6, above 9 = 9). Reuses a per-thread zlib
/// stream per level. Throws std::bad_alloc only.
std::string GzipCompress(std::string_view data, int level = 6);

/// Inflates gzip data; nullopt when corrupt or larger than `max_size`.
std::optional<std::string> GzipDecompress(std::string_view data, std::size_t max_size = 64U << 20U);

/// Gzips the response body in place when the client accepts it, the type is compressible, the body
/// is at least kMinGzipBytes and not already encoded; adds Vary: Accept-Encoding whenever the
/// answer depends on it. A strong ETag gets a "-gz" suffix so the two encodings never share one.
void ApplyGzip(const Request& request, Response& response);

/// Adds nosniff, Referrer-Policy, X-Frame-Options and, for HTML, a default Content-Security-Policy.
/// Headers the handler set are left alone.
void ApplySecurityHeaders(Response& response);

/// The Content-Security-Policy given to HTML responses that do not set their own.
inline constexpr std::string_view kDefaultCsp =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

}  // namespace webdpro::http
