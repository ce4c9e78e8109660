#pragma once

#include "core/config.hpp"

namespace webdpro::delivery {

/// Delivery (`[delivery]`).
struct DeliveryConfig {
    int track_retention_days = 30;    ///< a finished delivery's GPS track is deleted after this many days
    int track_thin_meters = 50;       ///< a finished track keeps a point every this many metres…
    int track_thin_seconds = 60;      ///< …or seconds, whichever comes first
    int track_tidy_interval_s = 600;  ///< how often finished tracks are thinned and old ones deleted
    int live_per_order = 20;          ///< live tracking pages open at once on one order
    int live_total = 20'000;          ///< live tracking pages open at once on this node
    int live_recheck_ms = 15'000;     ///< a live page's order is read again this often when nothing was heard
};

/// The keys of `[delivery]`.
ConfigSection<DeliveryConfig> DeliveryConfigSection();

}  // namespace webdpro::delivery
