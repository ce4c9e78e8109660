#pragma once

#include <span>
#include <string>

#include "sitegen/site_spec.hpp"
#include "storefront/render.hpp"
#include "storefront/store_content.hpp"

namespace webdpro::storefront {

/// What Renderer::Render takes for one store.
struct RenderInput {
    sitegen::SiteSpec spec;
    RenderOptions options;
};

/// The spec and options that render `content` as its customers see it now. The catalog is the
/// source of truth for products: its active products replace spec.products (name, description,
/// price, MRP, unit, category, GST, HSN) with their stock, thresholds, photos and ids; the spec's
/// categories keep their order, categories new in the catalog follow, and categories left without
/// products disappear (a store whose owner deactivated everything renders with no products).
/// `mount` carries where the store is served (base_path, canonical_root, preview); slug, theme and
/// products are filled here. The spec's theme name is used when it names one of `themes`, else
/// the sector's default.
RenderInput BuildRenderInput(const StoreContent& content, RenderOptions mount, std::span<const std::string> themes);

}  // namespace webdpro::storefront
