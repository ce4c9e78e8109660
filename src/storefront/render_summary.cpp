#include "storefront/render_summary.hpp"

#include <algorithm>

namespace webdpro::storefront {

Result<RenderSummary> SummarizeRender(const Renderer& renderer, const sitegen::SiteSpec& spec) {
    RenderOptions options;
    const auto themes = renderer.Themes();
    if (std::find(themes.begin(), themes.end(), spec.theme.name) != themes.end()) {
        options.theme = spec.theme.name;
    }
    options.gzip_level = 0;  // the storefront compresses what it serves; this only proves it renders
    auto site = renderer.Render(spec, options);
    if (!site) {
        return Fail(std::move(site.error()));
    }
    RenderSummary summary{.theme = site->theme};
    for (const auto& [path, file] : site->files) {
        if (path.ends_with(".html")) {
            ++summary.pages;
        } else if (path.ends_with(".svg")) {
            ++summary.images;
        }
    }
    return summary;
}

}  // namespace webdpro::storefront
