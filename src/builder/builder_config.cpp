#include "builder/builder_config.hpp"

namespace webdpro::builder {

ConfigSection<StoresConfig> StoresConfigSection() {
    ConfigSection<StoresConfig> s("stores");
    s.Int("generate_threads", &StoresConfig::generate_threads, 1, 64,
          "threads that generate stores (AI chain and render check)");
    s.Int("generate_queue", &StoresConfig::generate_queue, 1, 100000,
          "store generations queued or running at once; beyond, new stores get 503");
    return s;
}

}  // namespace webdpro::builder
