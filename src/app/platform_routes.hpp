#pragma once

#include <functional>
#include <string>

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
    /// The `metrics_token` secret: with it, /metrics also answers `Authorization: Bearer <token>`
    /// from anywhere; without (empty), only clients on this machine (loopback).
    std::string metrics_token{};
};

/// GET /healthz, /readyz, /metrics and /api/openapi.yaml. `probe` must outlive the router.
/// /metrics answers loopback clients (the client address as the server reads it: a trusted
/// X-Forwarded-For counts) and holders of the metrics token; anyone else gets 403.
void RegisterPlatformRoutes(http::Router& router, const PlatformProbe& probe);

}  // namespace webdpro::app
