#include "app/platform_routes.hpp"

#include "core/embedded.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "storage/db.hpp"
#include "storage/migrations.hpp"

namespace webdpro::app {
namespace {

constexpr std::string_view kOpenApiPath = "openapi.yaml";
constexpr std::string_view kPrometheusType = "text/plain; version=0.0.4; charset=utf-8";

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

    router.Get("/metrics", [&probe](http::Request&) -> boost::asio::awaitable<http::Response> {
        co_return http::Response::Text(200, probe.metrics.Serialize(), kPrometheusType);
    });

    // Served from the copy embedded in the binary, with the same ETag/304 handling as web files.
    router.Get("/api/openapi.yaml", [&probe](http::Request& request) -> boost::asio::awaitable<http::Response> {
        co_return probe.docs.Serve(request, kOpenApiPath);
    });
}

}  // namespace webdpro::app
