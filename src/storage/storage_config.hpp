#pragma once

#include <string>

#include "core/config.hpp"

namespace webdpro::storage {

/// The database (`[storage]`).
struct StorageConfig {
    std::string engine = "sqlite";  ///< "sqlite" (DATA_DIR/webdpro.db) or "postgres" (the postgres_url secret)
    std::string data_dir = "./data";
    int readers = 4;  ///< reader connections (and threads)
    int busy_timeout_ms = 5000;
    int max_batch = 512;               ///< most write transactions committed together
    int pool_size = 8;                 ///< PostgreSQL connections (and threads)
    int statement_timeout_ms = 30000;  ///< PostgreSQL: longest a statement may run (0 = no limit)
    /// Connections heavy reads (reports, exports, long ranges) may hold at once; never all of them.
    int heavy_reads = 2;
    int heavy_queue = 32;  ///< heavy reads that may wait for one; more are answered 503 with Retry-After
};

/// The keys of `[storage]`.
ConfigSection<StorageConfig> StorageConfigSection();

/// The secret holding the PostgreSQL connection string or URL (WEBDPRO_SECRET_POSTGRES_URL, or
/// `postgres_url` in the secrets file): it usually carries a password, so it is never a setting.
inline constexpr const char* kPostgresUrlSecret = "postgres_url";

}  // namespace webdpro::storage
