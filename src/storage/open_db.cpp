#include "storage/open_db.hpp"

#include <algorithm>

#include "core/config.hpp"
#include "storage/pg_db.hpp"
#include "storage/sqlite_db.hpp"

namespace webdpro::storage {
namespace {

/// Heavy reads may hold at most all connections but one, and always at least one.
void LimitHeavyReads(Db& db, const StorageConfig& config, int connections) {
    db.LimitHeavyReads(std::max(1, std::min(config.heavy_reads, connections - 1)),
                       static_cast<std::size_t>(config.heavy_queue));
}

}  // namespace

Result<std::unique_ptr<Db>> OpenDb(const StorageConfig& config, const std::string& sqlite_path, int readers,
                                   const std::optional<std::string>& postgres_url) {
    if (config.engine == "postgres") {
        if (!postgres_url || postgres_url->empty()) {
            return Fail(
                ApiError::Invalid("storage.engine",
                                  "is postgres, but no connection string is set: set WEBDPRO_SECRET_POSTGRES_URL "
                                  "or postgres_url in the secrets file"));
        }
        auto db = PgDb::Open({.conninfo = *postgres_url,
                              .pool_size = config.pool_size,
                              .statement_timeout_ms = config.statement_timeout_ms});
        if (!db) {
            return Fail(std::move(db.error()));
        }
        LimitHeavyReads(**db, config, config.pool_size);
        return std::unique_ptr<Db>(std::move(*db));
    }
    auto db = SqliteDb::Open({.path = sqlite_path,
                              .readers = readers,
                              .busy_timeout_ms = config.busy_timeout_ms,
                              .max_batch = config.max_batch});
    if (!db) {
        return Fail(std::move(db.error()));
    }
    LimitHeavyReads(**db, config, readers);
    return std::unique_ptr<Db>(std::move(*db));
}

}  // namespace webdpro::storage
