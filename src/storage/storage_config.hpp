#pragma once

#include <string>

#include "core/config.hpp"

namespace webdpro::storage {

/// The database (`[storage]`).
struct StorageConfig {
    std::string data_dir = "./data";
    int readers = 4;  ///< reader connections (and threads)
    int busy_timeout_ms = 5000;
    int max_batch = 512;  ///< most write transactions committed together
};

/// The keys of `[storage]`.
ConfigSection<StorageConfig> StorageConfigSection();

}  // namespace webdpro::storage
