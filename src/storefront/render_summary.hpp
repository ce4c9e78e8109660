#pragma once

#include <cstddef>
#include <string>

#include "core/error.hpp"
#include "sitegen/site_spec.hpp"
#include "storefront/render.hpp"

namespace webdpro::storefront {

/// What rendering a spec gave: the theme used and how many pages (.html) and images (.svg).
struct RenderSummary {
    std::string theme;
    std::size_t pages = 0;
    std::size_t images = 0;
};

/// Renders `spec` in its own theme (when the renderer has it, else the default), uncompressed,
/// counts what it made and throws the pages away: proof that a spec makes a store. Blocking;
/// thread-safe like Renderer::Render. The renderer's error when the spec does not render.
Result<RenderSummary> SummarizeRender(const Renderer& renderer, const sitegen::SiteSpec& spec);

}  // namespace webdpro::storefront
