#include "app/platform_routes.hpp"

#include "core/crypto.hpp"
#include "core/embedded.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "storage/db.hpp"
#include "storage/migrations.hpp"

namespace webdpro::app {
namespace {

constexpr std::string_view kOpenApiPath = "openapi.yaml";
constexpr std::string_view kPrometheusType = "text/plain; version=0.0.4; charset=utf-8";

bool IsLoopback(std::string_view address) {
    return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

/// Whether the caller may read the metrics: from this machine, or with the token.
bool MayReadMetrics(const http::Request& request, const std::string& token) {
    if (IsLoopback(request.remote)) {
        return true;
    }
    if (token.empty()) {
        return false;
    }
    const std::string_view authorization = request.Header("Authorization").value_or("");
    constexpr std::string_view kBearer = "Bearer ";
    return authorization.starts_with(kBearer) && ConstantTimeEquals(authorization.substr(kBearer.size()), token);
}

}  // namespace

void RegisterPlatformRoutes(http::Router& router, const PlatformProbe& probe) {
    router.Get("/healthz", [](http::Request&) -> boost::asio::awaitable<http::Response> {
        co_return http::Response::Json(200, {{"status", "ok"}});
    });

    router.Get("/readyz", [&probe](http::Request&) -> boost::asio::awaitable<http::Response> {
        if (probe.draining()) {
            co_return http::Response::Error(ApiError(ErrorCode::kUnavailable, "Shutting down."));
        }
        auto status = co_await storage::StatusAsync(probe.db, embedded::migrations::Files());
        if (!status) {
            co_return http::Response::Error(
                ApiError::Unavailable(status.error().message + " " + status.error().detail));
        }
        if (!status->UpToDate()) {
            co_return http::Response::Error(ApiError(
                ErrorCode::kUnavailable, std::to_string(status->pending.size()) + " database migrations are pending."));
        }
        co_return http::Response::Json(
            200, {{"status", "ready"},
                  {"database", probe.db.Engine()},
                  {"migrations", {{"applied", status->applied.size()}, {"pending", status->pending.size()}}}});
    });

    router.Get("/metrics", [&probe](http::Request& request) -> boost::asio::awaitable<http::Response> {
        if (!MayReadMetrics(request, probe.metrics_token)) {
            co_return http::Response::Error(
                ApiError(ErrorCode::kForbidden, "Metrics are served to this machine, or with the metrics token."));
        }
        http::Response response = http::Response::Text(200, probe.metrics.Serialize(), kPrometheusType);
        response.headers.Set("Cache-Control", "no-store");
        co_return response;
    });

    // Served from the copy embedded in the binary, with the same ETag/304 handling as web files.
    router.Get("/api/openapi.yaml", [&probe](http::Request& request) -> boost::asio::awaitable<http::Response> {
        co_return probe.docs.Serve(request, kOpenApiPath);
    });
}

}  // namespace webdpro::app
