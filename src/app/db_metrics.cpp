#include "app/db_metrics.hpp"

#include <limits>
#include <string>

#include <prometheus/client_metric.h>
#include <prometheus/metric_family.h>
#include <prometheus/metric_type.h>

#include "storage/db.hpp"

namespace webdpro::app {
namespace {

prometheus::MetricFamily Family(std::string name, std::string help, prometheus::MetricType type) {
    prometheus::MetricFamily family;
    family.name = std::move(name);
    family.help = std::move(help);
    family.type = type;
    return family;
}

prometheus::MetricFamily Counter(std::string name, std::string help, double value) {
    auto family = Family(std::move(name), std::move(help), prometheus::MetricType::Counter);
    prometheus::ClientMetric metric;
    metric.counter.value = value;
    family.metric.push_back(metric);
    return family;
}

prometheus::MetricFamily Gauge(std::string name, std::string help, double value) {
    auto family = Family(std::move(name), std::move(help), prometheus::MetricType::Gauge);
    prometheus::ClientMetric metric;
    metric.gauge.value = value;
    family.metric.push_back(metric);
    return family;
}

}  // namespace

std::vector<prometheus::MetricFamily> DbMetrics::Collect() const {
    const storage::DbStats s = db_.Stats();
    std::vector<prometheus::MetricFamily> out;
    out.push_back(Counter("webdpro_db_reads_total", "Read transactions finished.", static_cast<double>(s.reads)));
    out.push_back(Counter("webdpro_db_writes_committed_total", "Write transactions committed.",
                          static_cast<double>(s.writes_committed)));
    out.push_back(Counter("webdpro_db_writes_failed_total", "Write transactions rolled back by their own failure.",
                          static_cast<double>(s.writes_failed)));
    out.push_back(Counter("webdpro_db_writes_lost_total",
                          "Write transactions failed because their batch could not commit.",
                          static_cast<double>(s.writes_lost)));
    out.push_back(Counter("webdpro_db_commits_total", "Commits (one fsync each; each may carry many transactions).",
                          static_cast<double>(s.commits)));
    out.push_back(Counter("webdpro_db_commit_failures_total", "Batches that could not begin or commit.",
                          static_cast<double>(s.commit_failures)));
    out.push_back(Counter("webdpro_db_commit_seconds_total", "Time spent in COMMIT (the fsync).",
                          static_cast<double>(s.commit_micros) / 1e6));
    out.push_back(Counter("webdpro_db_checkpoints_total", "WAL checkpoints (copies of the WAL into the database).",
                          static_cast<double>(s.checkpoints)));
    out.push_back(Gauge("webdpro_db_wal_pages", "Pages in the write-ahead log after the last commit.",
                        static_cast<double>(s.wal_pages)));
    out.push_back(Gauge("webdpro_db_queued_reads", "Read transactions waiting.", static_cast<double>(s.queued_reads)));
    out.push_back(
        Gauge("webdpro_db_queued_writes", "Write transactions waiting.", static_cast<double>(s.queued_writes)));

    // Bucket i of DbStats holds batch sizes [2^i, 2^(i+1)); as a cumulative histogram its upper
    // bound is 2^(i+1) - 1, the last bucket being +Inf.
    auto batches = Family("webdpro_db_commit_batch_size", "Write transactions per commit (group commit).",
                          prometheus::MetricType::Histogram);
    prometheus::ClientMetric histogram;
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < storage::DbStats::kBatchBuckets; ++i) {
        cumulative += s.batch_size_buckets[i];
        prometheus::ClientMetric::Bucket bucket;
        bucket.cumulative_count = cumulative;
        bucket.upper_bound = i + 1 == storage::DbStats::kBatchBuckets ? std::numeric_limits<double>::infinity()
                                                                      : static_cast<double>((2ULL << i) - 1);
        histogram.histogram.bucket.push_back(bucket);
    }
    histogram.histogram.sample_count = cumulative;
    histogram.histogram.sample_sum = static_cast<double>(s.batch_size_sum);
    batches.metric.push_back(histogram);
    out.push_back(std::move(batches));
    return out;
}

}  // namespace webdpro::app
