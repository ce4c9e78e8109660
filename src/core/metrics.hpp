#pragma once

#include <memory>
#include <string>
#include <vector>

#include <prometheus/collectable.h>

#include <prometheus/registry.h>

namespace webdpro {

/// The process's Prometheus registry. Features register their own families on `registry()` at
/// construction and keep the metric references; observing is lock-free. Thread-safe.
class Metrics final {
public:
    Metrics();

    prometheus::Registry& registry() { return *registry_; }
    /// Adds a source of families computed at scrape time (e.g. database counters). The
    /// collectable must outlive every Serialize() call. Not thread-safe: call at start-up.
    void AddCollectable(const prometheus::Collectable& collectable) { collectables_.push_back(&collectable); }
    /// Prometheus text exposition format (version 0.0.4) of every family.
    std::string Serialize() const;

private:
    std::shared_ptr<prometheus::Registry> registry_;
    std::vector<const prometheus::Collectable*> collectables_;
};

}  // namespace webdpro
