#pragma once

#include "core/config.hpp"

namespace webdpro::events {

/// The outbox dispatcher that delivers events to their consumers (`[events]`).
struct EventsConfig {
    int batch_size = 512;         ///< events claimed at once
    int poll_interval_ms = 200;   ///< idle poll when no commit woke it
    int max_attempts = 8;         ///< then an event is DEAD
    int backoff_base_ms = 1000;   ///< first retry delay, doubled per attempt (with jitter)
    int backoff_max_ms = 300000;  ///< longest retry delay
};

/// The keys of `[events]`.
ConfigSection<EventsConfig> EventsConfigSection();

}  // namespace webdpro::events
