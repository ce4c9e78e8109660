#pragma once

#include <string>

#include "core/config.hpp"

namespace webdpro {

/// The log (`[log]`).
struct LogConfig {
    std::string level = "info";
};

/// The keys of `[log]`.
ConfigSection<LogConfig> LogConfigSection();

}  // namespace webdpro
