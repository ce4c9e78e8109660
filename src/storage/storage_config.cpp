#include "storage/storage_config.hpp"

namespace webdpro::storage {

ConfigSection<StorageConfig> StorageConfigSection() {
    ConfigSection<StorageConfig> s("storage");
    s.String("engine", &StorageConfig::engine,
             "sqlite (one file in storage.data_dir) or postgres (connection string in WEBDPRO_SECRET_POSTGRES_URL)",
             OneOf({"sqlite", "postgres"}));
    s.String("data_dir", &StorageConfig::data_dir, "folder for the database, backups and outbox files",
             [](const std::string& dir) -> std::optional<std::string> {
                 if (dir.empty()) {
                     return "must not be empty";
                 }
                 return std::nullopt;
             });
    s.Int("readers", &StorageConfig::readers, 1, 64, "read connections to the database, each on its own thread");
    s.Int("busy_timeout_ms", &StorageConfig::busy_timeout_ms, 0, 600000,
          "how long a connection waits on a locked database");
    s.Int("max_batch", &StorageConfig::max_batch, 1, 100000,
          "most write transactions committed together in one group commit");
    s.Int("pool_size", &StorageConfig::pool_size, 1, 64,
          "postgres: connections to the database, each on its own thread");
    s.Int("statement_timeout_ms", &StorageConfig::statement_timeout_ms, 0, 3600000,
          "postgres: a statement running longer is cancelled and its request fails with 503; 0 = no limit");
    s.Int("heavy_reads", &StorageConfig::heavy_reads, 1, 64,
          "connections that reports, exports and long dashboard ranges may hold at once (at most all but one), "
          "so storefronts, orders and sign-in always find a free one");
    s.Int("heavy_queue", &StorageConfig::heavy_queue, 0, 10000,
          "reports, exports and long ranges that may wait for a connection; beyond that they are answered 503 "
          "with Retry-After");
    return s;
}

}  // namespace webdpro::storage
