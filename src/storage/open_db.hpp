#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "storage/db.hpp"
#include "storage/storage_config.hpp"

namespace webdpro::storage {

/// Opens the engine `config.engine` names: SQLite at `sqlite_path` with `readers` reader
/// connections, or PostgreSQL at `postgres_url` with config.pool_size connections.
/// kInvalidArgument when postgres is chosen without a URL (the message names the secret to set);
/// otherwise the errors of SqliteDb::Open and PgDb::Open. Blocking: start-up and CLI commands.
Result<std::unique_ptr<Db>> OpenDb(const StorageConfig& config, const std::string& sqlite_path, int readers,
                                   const std::optional<std::string>& postgres_url);

}  // namespace webdpro::storage
