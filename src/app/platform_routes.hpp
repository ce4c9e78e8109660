#pragma once

#include <functional>

#include "core/metrics.hpp"

namespace webdpro::http {
class Router;
class StaticFiles;
}  // namespace webdpro::http
namespace webdpro::storage {
class Db;
}

namespace webdpro::app {

/// What the platform routes need to answer.
struct PlatformProbe {
    storage::Db& db;
    Metrics& metrics;
    /// The API description (docs/), served at /api/openapi.yaml.
    const http::StaticFiles& docs;
    /// True once the server has begun a graceful shutdown (readiness then answers 503).
    std::function<bool()> draining;
};

/// GET /healthz, /readyz, /metrics and /api/openapi.yaml. `probe` must outlive the router.
void RegisterPlatformRoutes(http::Router& router, const PlatformProbe& probe);

}  // namespace webdpro::app
