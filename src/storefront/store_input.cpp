#include "storefront/store_input.hpp"

#include <algorithm>
#include <set>

namespace webdpro::storefront {
namespace {

sitegen::Product SpecProduct(const catalog::Product& p) {
    return sitegen::Product{
        .name = p.name,
        .description = p.description,
        .price = p.price,
        .mrp = p.mrp && *p.mrp > p.price ? *p.mrp : p.price,
        .unit = p.unit,
        .category = p.category,
        .gst_rate = p.gst_rate_bp / 100,
        .hsn = p.hsn,
    };
}

/// Owner photos are stored as the platform path the owner app loads, "/media/{tenant_id}/{photo}.webp"
/// (src/media/photos.hpp); a store page loads the same photo from its own origin, as
/// "media/{photo}.webp" under the store's root, so it works under /s/{slug}/, on a subdomain, on a
/// custom domain and in the owner's preview alike.
std::string StorePhoto(const std::string& image) {
    constexpr std::string_view kPlatformMedia = "/media/";
    if (!image.starts_with(kPlatformMedia)) {
        return image;
    }
    return "media/" + image.substr(image.rfind('/') + 1);
}

ProductState StateOf(const catalog::Product& p) {
    return ProductState{
        .product_id = p.id.str(),
        .stock = p.stock,
        .low_stock_threshold = p.low_stock_threshold,
        .photo = StorePhoto(p.image),
    };
}

/// The spec's categories that still have products, in the spec's order, then the catalog's new
/// ones in the order their first product appears.
std::vector<sitegen::Category> LiveCategories(const std::vector<sitegen::Category>& spec_categories,
                                              const std::vector<catalog::Product>& products) {
    std::set<std::string, std::less<>> used;
    for (const auto& p : products) {
        used.insert(p.category);
    }
    std::vector<sitegen::Category> out;
    std::set<std::string, std::less<>> kept;
    for (const auto& category : spec_categories) {
        if (used.contains(category.name) && kept.insert(category.name).second) {
            out.push_back(category);
        }
    }
    for (const auto& p : products) {
        if (!p.category.empty() && out.size() < sitegen::kMaxCategories && kept.insert(p.category).second) {
            out.push_back(sitegen::Category{.name = p.category, .slug = ""});
        }
    }
    if (out.empty() && !spec_categories.empty()) {
        out.push_back(spec_categories.front());  // a spec needs one category even with no products
    }
    return out;
}

}  // namespace

RenderInput BuildRenderInput(const StoreContent& content, RenderOptions mount, std::span<const std::string> themes) {
    RenderInput input{.spec = content.spec, .options = std::move(mount)};
    input.spec.products.clear();
    input.spec.products.reserve(content.products.size());
    input.options.products.clear();
    input.options.products.reserve(content.products.size());
    for (const auto& product : content.products) {
        input.spec.products.push_back(SpecProduct(product));
        input.options.products.push_back(StateOf(product));
    }
    input.spec.categories = LiveCategories(content.spec.categories, content.products);
    input.options.hero_photo = StorePhoto(content.hero_photo);
    input.options.hero_share_photo = StorePhoto(content.hero_share_photo);
    input.options.slug = content.ref.slug;
    input.options.checkout = content.checkout;
    const std::string& theme = content.spec.theme.name;
    input.options.theme = std::ranges::find(themes, theme) != themes.end() ? theme : std::string();
    return input;
}

}  // namespace webdpro::storefront
