#include "storefront/storefront_config.hpp"

#include <algorithm>

namespace webdpro::storefront {

ConfigSection<StorefrontConfig> StorefrontConfigSection() {
    ConfigSection<StorefrontConfig> s("storefront");
    s.String("base_domain", &StorefrontConfig::base_domain,
             "serve each published store on {slug}.<this domain> too (e.g. webdpro.in); empty = off",
             [](const std::string& domain) -> std::optional<std::string> {
                 const bool ok = std::ranges::all_of(domain, [](char c) {
                     return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
                 });
                 if (!ok || domain.starts_with('.') || domain.ends_with('.')) {
                     return "must be a lower-case domain name like webdpro.in";
                 }
                 return std::nullopt;
             });
    s.Int("cache_mb", &StorefrontConfig::cache_mb, 1, 65536,
          "memory for rendered pages and store view models of every store, in MiB; least recently used go first");
    s.Int("lookup_ttl_ms", &StorefrontConfig::lookup_ttl_ms, 0, 60000,
          "how long a node trusts a store lookup; a change shows on every node within it, and at once on the "
          "node where the owner published, unpublished or changed the domain");
    s.Int("render_threads", &StorefrontConfig::render_threads, 1, 64, "threads that render stores");
    return s;
}

}  // namespace webdpro::storefront
