#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/principal.hpp"
#include "http/headers.hpp"

namespace webdpro::http {

/// The request methods the router knows. Anything else parses as kOther and can only ever get a
/// 404 or 405.
enum class Method : std::uint8_t { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

/// "GET", "HEAD", ...; "OTHER" for kOther.
std::string_view MethodName(Method method);
/// Exact, case-sensitive (as RFC 9110 says); unknown names give kOther.
Method ParseMethod(std::string_view name);

/// Decodes %XX escapes (and '+' as a space when `plus_as_space`, for query strings). Nullopt when an
/// escape is malformed or decodes to NUL.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space = false);

/// One HTTP request as a handler sees it: no Beast types, owned strings. Built by the server for
/// each request and alive until the handler's response has been written. Not thread-safe.
struct Request {
    Method method = Method::kGet;
    std::string target;  ///< as received: "/api/stores/sto_1?page=2"
    std::string path;    ///< percent-decoded, without the query: "/api/stores/sto_1"
    std::string query;   ///< raw query string without '?': "page=2"
    Headers headers;
    std::string body;
    /// Path parameters of the matched route, in pattern order. Names point into the router's table.
    std::vector<std::pair<std::string_view, std::string>> params;
    std::string remote;      ///< client IP; from X-Forwarded-For only when the server trusts it
    std::string request_id;  ///< "req_…" or the client's sane X-Request-Id
    std::string_view route;  ///< the matched pattern, "/api/stores/{store_id}"; empty when none
    /// Who is calling, set by the router's guard once a session token is verified; empty for
    /// anonymous requests. Tenant data is reached only through principal->tenant_id.
    std::optional<Principal> principal;

    /// The first header named `name` (case-insensitive).
    std::optional<std::string_view> Header(std::string_view name) const { return headers.Get(name); }
    /// The decoded path parameter `name`; empty when the route has no such parameter.
    std::string_view Param(std::string_view name) const;
    /// The first query parameter `name`, decoded ('+' is a space); nullopt when absent or malformed.
    std::optional<std::string> QueryParam(std::string_view name) const;
};

}  // namespace webdpro::http
