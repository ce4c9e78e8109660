#pragma once

#include "core/config.hpp"

namespace webdpro::builder {

/// Store generation jobs (`[stores]`).
struct StoresConfig {
    int generate_threads = 2;  ///< threads that run generation jobs (AI chain, render check)
    int generate_queue = 64;   ///< generation jobs queued or running; beyond, POST /api/stores answers 503
};

/// The keys of `[stores]`.
ConfigSection<StoresConfig> StoresConfigSection();

}  // namespace webdpro::builder
