#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/awaitable.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace webdpro::http {

/// A route handler. It runs on an I/O thread and must never block: await work pools instead.
/// The request lives until the response has been written. Throwing ends the request with a 500
/// envelope (the what() is logged); expected failures return Response::Error.
using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;

/// Per-route settings.
struct RouteOptions {
    /// Largest accepted request body in bytes; 0 = the server default (ServerOptions::body_limit).
    std::int64_t body_limit = 0;
    /// What the caller must be allowed to do, e.g. "agents.manage"; empty = public. The router
    /// only carries it: the guard (see Router::SetGuard) decides what it means.
    std::string permission{};
};

/// One registered route. Owned by the Router; its address is stable for the Router's lifetime.
struct Route {
    Method method = Method::kGet;
    std::string pattern;                   ///< as registered, "/api/stores/{store_id}"
    std::vector<std::string> param_names;  ///< in pattern order, the tail wildcard last
    Handler handler;
    RouteOptions options;
    std::size_t index = 0;  ///< registration order, 0-based
};

/// A row of the route table, for tests and documentation checks.
struct RouteInfo {
    std::string method;
    std::string pattern;
    std::string permission{};  ///< RouteOptions::permission; empty = public
    friend bool operator==(const RouteInfo&, const RouteInfo&) = default;
};

/// Runs for every matched route before its handler (public routes too, e.g. for rate limits):
/// authenticates, authorizes and may fill Request::principal. Returning a response ends the
/// request with it and the handler does not run. Runs on an I/O thread; must not block.
using Guard = std::function<boost::asio::awaitable<std::optional<Response>>(Request&, const Route&)>;

/// Runs for every request before routing (see Router::SetHostRewrite): may map the request to
/// another origin-form target ("/s/sharma/cart.html?x=1"), e.g. to serve a site by its Host
/// header. nullopt keeps the request as it came. Sees the request's method, target and headers
/// only. Runs on an I/O thread; must not block (await lookups).
using HostRewrite = std::function<boost::asio::awaitable<std::optional<std::string>>(const Request&)>;

/// The outcome of matching a method and path.
struct RouteMatch {
    const Route* route = nullptr;  ///< the route to run; null for 404/405/400
    std::vector<std::pair<std::string_view, std::string>> params;
    /// Non-empty when the path exists but not for this method (405): "GET, HEAD, POST".
    std::string allow;
    /// The path has a malformed percent-escape (400).
    bool malformed = false;
};

/// Maps (method, path) to a handler. Patterns are '/'-separated; a segment is a literal, a
/// parameter `{name}` (one non-empty segment) or, as the last segment only, a tail wildcard
/// `{name...}` (zero or more segments, joined with '/'). Precedence at each segment: literal, then
/// parameter, then tail wildcard; the first route that also has the method wins. HEAD falls back to
/// the GET handler (the server drops the body). A path that matches only the root catch-all
/// (`/{name...}`) under another method answers 404, not 405, so unknown API paths stay 404s.
///
/// Thread-safety: register every route before the server starts; after that the router is
/// read-only and Match() may be called from any thread.
class Router final {
public:
    Router();
    ~Router();
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    /// Registers a route. Throws std::invalid_argument for a malformed pattern or method kOther,
    /// and std::logic_error for a duplicate (same method and same shape of pattern) — both are
    /// programming errors that must stop start-up.
    void Add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});
    /// Shorthands for Add with that method (GET also answers HEAD).
    void Get(std::string_view pattern, Handler handler, RouteOptions options = {});
    void Post(std::string_view pattern, Handler handler, RouteOptions options = {});
    void Put(std::string_view pattern, Handler handler, RouteOptions options = {});
    void Patch(std::string_view pattern, Handler handler, RouteOptions options = {});
    void Delete(std::string_view pattern, Handler handler, RouteOptions options = {});

    /// Finds the route for `method` and the raw (still percent-encoded, query-free) `path`.
    RouteMatch Match(Method method, std::string_view path) const;

    /// Every route in registration order.
    std::vector<RouteInfo> Routes() const;
    /// Installs the one guard every matched request passes (see Guard). Set before the server
    /// starts; replacing it later is not thread-safe.
    void SetGuard(Guard guard) { guard_ = std::move(guard); }
    const Guard& guard() const { return guard_; }
    /// Installs the one host rewrite every request passes before it is matched (see HostRewrite).
    /// Set before the server starts. A rewritten target that is not origin-form ('/'…) is ignored.
    void SetHostRewrite(HostRewrite rewrite) { host_rewrite_ = std::move(rewrite); }
    const HostRewrite& host_rewrite() const { return host_rewrite_; }
    std::size_t size() const { return routes_.size(); }
    const Route& route(std::size_t index) const { return *routes_[index]; }

private:
    struct Node;
    struct Search;

    std::unique_ptr<Node> root_;
    std::vector<std::unique_ptr<Route>> routes_;
    Guard guard_;
    HostRewrite host_rewrite_;
};

}  // namespace webdpro::http
