#pragma once

#include <string>

#include "core/config.hpp"

namespace webdpro::storefront {

/// Hosting of generated stores: /s/{slug}/, subdomains, custom domains (`[storefront]`).
struct StorefrontConfig {
    std::string base_domain;  ///< "webdpro.in": stores also answer on {slug}.webdpro.in; "" = off
    int cache_mb = 64;        ///< rendered pages and store models kept in memory, in MiB (least recently used go first)
    int lookup_ttl_ms = 2000;  ///< how long a node trusts a store lookup (slug, domain) before re-reading it
    int render_threads = 2;    ///< threads that render stores
};

/// The keys of `[storefront]`.
ConfigSection<StorefrontConfig> StorefrontConfigSection();

}  // namespace webdpro::storefront
