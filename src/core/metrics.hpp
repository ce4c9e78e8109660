#pragma once

#include <memory>
#include <string>

#include <prometheus/registry.h>

namespace webdpro {

/// The process's Prometheus registry. Features register their own families on `registry()` at
/// construction and keep the metric references; observing is lock-free. Thread-safe.
class Metrics final {
public:
    Metrics();

    prometheus::Registry& registry() { return *registry_; }
    /// Prometheus text exposition format (version 0.0.4) of every family.
    std::string Serialize() const;

private:
    std::shared_ptr<prometheus::Registry> registry_;
};

}  // namespace webdpro
