#pragma once

#include <prometheus/collectable.h>

namespace webdpro::storage {
class Db;
}

namespace webdpro::app {

/// Exposes a Db's counters (commits, group-commit batch sizes, queue depths, fsync time) as
/// Prometheus families, computed at scrape time. The Db must outlive it. Thread-safe.
class DbMetrics final : public prometheus::Collectable {
public:
    explicit DbMetrics(const storage::Db& db) : db_(db) {}
    std::vector<prometheus::MetricFamily> Collect() const override;

private:
    const storage::Db& db_;
};

}  // namespace webdpro::app
