#pragma once

#include <filesystem>
#include <memory>

#include "app/config.hpp"
#include "core/error.hpp"
#include "storage/db.hpp"

namespace webdpro::app {

/// Opens the configured database: SQLite at DATA_DIR/webdpro.db with `readers` reader
/// connections, or PostgreSQL at the postgres_url secret (WEBDPRO_SECRET_POSTGRES_URL, or the
/// secrets file). Errors: a bad secrets file, postgres without its URL, or the engine's own.
Result<std::unique_ptr<storage::Db>> OpenDatabase(const Config& config, const std::filesystem::path& data_dir,
                                                  int readers);

}  // namespace webdpro::app
