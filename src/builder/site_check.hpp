#pragma once

#include <cstddef>
#include <string>

#include "core/error.hpp"
#include "sitegen/site_spec.hpp"

namespace webdpro::builder {

/// What building a store's pages from its spec showed: the theme it took, and how many pages and
/// images it has.
struct SiteCheckReport {
    std::string theme;
    std::size_t pages = 0;
    std::size_t images = 0;
};

/// The generation job's proof that a spec makes a store: it builds the pages (and throws them
/// away; the storefront renders what it serves). Implemented over the storefront's renderer in the
/// composition root, so the builder never depends on the storefront. Check must be thread-safe;
/// it blocks (the job calls it on its work pool). Errors: the spec does not render.
class SiteCheck {
public:
    virtual ~SiteCheck() = default;
    virtual Result<SiteCheckReport> Check(const sitegen::SiteSpec& spec) const = 0;
};

}  // namespace webdpro::builder
