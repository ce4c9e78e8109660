#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>
#include <nlohmann/json.hpp>

#include "sitegen/site_spec.hpp"
#include "storefront/detail/color.hpp"
#include "storefront/detail/store_view.hpp"
#include "storefront/render.hpp"

// One Render call's state and its steps: the store's view model, the template contexts and pages
// (pages.cpp), and the files for search engines and phones (seo.cpp). Private to the storefront.
namespace webdpro::storefront::detail {

/// The store's policy pages, one template per language each.
constexpr std::array<std::string_view, 4> kPolicies = {"shipping", "returns", "privacy", "terms"};

/// CSS sections a page may inline: "common" always, plus those of its kind ("/*@name*/" lines in
/// base.css and theme.css start a section). Only what a page uses is inlined, so product pages do
/// not carry the checkout form's rules.
constexpr std::array<std::string_view, 5> kCssSections = {"common", "home", "cards", "product", "forms"};

enum class PageKind : std::uint8_t { kHome, kCategory, kProduct, kForms, kOther };

struct ThemeData {
    std::map<std::string, std::string, std::less<>> css;  // section → base.css part + theme.css part
    std::map<std::string, std::string> templates;
};

struct StringTable {
    std::map<std::string, std::string, std::less<>> raw;
    mstch::map node;  // "t_KEY" → text: flat, because mstch resolves dotted names ("t.key") slowly
    std::map<std::string, std::string> policies;  // name → template
    std::string_view Get(std::string_view key) const {
        const auto it = raw.find(key);
        return it == raw.end() ? std::string_view() : std::string_view(it->second);
    }
};

/// Products a category page lists: pages of a category are "c/{slug}.html", then
/// "c/{slug}.page-2.html", … (slugs hold no '.', so no category's page can collide with another's).
constexpr std::size_t kCategoryPageProducts = 24;

/// Everything one render shares between its pages. The view model is shared (immutable once
/// built), so a copy of a prepared job is cheap and each page renders in a copy of its own.
struct RenderJob {
    const ThemeData* theme = nullptr;
    const StringTable* strings = nullptr;
    const sitegen::SiteSpec* spec = nullptr;
    const RenderOptions* options = nullptr;
    Mount mount;
    detail::StoreColors colors;
    std::shared_ptr<const StoreView> view;
    std::array<std::string, 5> css;  // by PageKind
    mstch::node store_node;
    std::array<mstch::node, 2> nav;     // by depth
    std::array<std::string, 2> header;  // pre-rendered, by depth
    std::array<std::string, 2> footer;
    std::array<std::vector<std::string>, 2> cards;  // pre-rendered product cards, by depth and product
    std::map<std::string, std::string> partials;
    std::map<std::string, std::string> files;  // output path → bytes, before finishing

    const StoreView& store() const { return *view; }
    std::string_view T(std::string_view key) const { return strings->Get(key); }
    std::string Rel(int depth) const { return depth == 0 ? std::string() : std::string("../"); }
    std::string Home(int depth) const { return Rel(depth) + (options->link_index_files ? "index.html" : "./"); }
    /// An image reference from a page at `depth`: art and relative photos are store-relative.
    std::string ImageFrom(std::string_view image, int depth) const {
        if (image.starts_with("https://")) {
            return std::string(image);
        }
        return Rel(depth) + std::string(image);
    }
    /// Absolute URL for a store path, or "" without a canonical root.
    std::string Absolute(std::string_view path) const {
        if (mount.root.empty()) {
            return {};
        }
        return mount.root + (path == "index.html" ? std::string() : std::string(path));
    }
};

/// The view model from the job's spec and options, using the job's strings.
StoreView BuildStore(const RenderJob& job);

/// The template nodes of the store and of its navigation at `depth`.
mstch::node StoreNode(const RenderJob& job);
mstch::node NavNode(const RenderJob& job, int depth);
/// Header and footer for both depths, rendered once per store.
void RenderChrome(RenderJob& job);
/// The cards of `products` at `depth` (those not rendered yet). False if a batch did not split
/// into one card each.
bool RenderCards(RenderJob& job, int depth, const std::vector<std::size_t>& products);
/// The products the home page shows, by category.
std::vector<std::size_t> HomeProducts(const StoreView& store);
/// The products a product page shows as related.
std::vector<std::size_t> RelatedProducts(const StoreView& store, std::size_t product);
/// How many pages category `category` has (at least 1), and the path of its page `page` (1-based).
std::size_t CategoryPages(const StoreView& store, std::size_t category);
std::string CategoryPagePath(const CategoryView& category, std::size_t page);
/// The products on page `page` (1-based) of category `category`.
std::vector<std::size_t> CategoryPageProducts(const StoreView& store, std::size_t category, std::size_t page);

/// The generated art: hero, icons, category and product pictures (those without a photo).
void RenderAssets(RenderJob& job);
/// The generated picture of a product (one without a photo).
std::string ProductPicture(const RenderJob& job, const ProductView& product);
/// The hero, icon or a category picture of RenderAssets by path; nullopt when the store has no such picture.
std::optional<std::string> RenderAsset(const RenderJob& job, std::string_view path);
/// Needs the home cards at depth 0.
void RenderHome(RenderJob& job);
/// Category pages (category index, 1-based page); needs their cards at depth 1. False if a batch
/// of pages did not split into one per page.
bool RenderCategories(RenderJob& job, const std::vector<std::pair<std::size_t, std::size_t>>& pages);
/// Product pages by index; needs their related cards at depth 1.
bool RenderProducts(RenderJob& job, const std::vector<std::size_t>& products);
/// Cart, checkout, order tracking, 404, about and the policy pages the store has.
std::vector<std::string> StaticPages(const RenderJob& job);
/// One of StaticPages; nullopt for any other path.
std::optional<std::string> RenderStaticPage(const RenderJob& job, std::string_view path);
/// The pages search engines may index, in sitemap order.
std::vector<std::string> IndexablePages(const RenderJob& job);

/// schema.org JSON-LD of the business and of one product.
nlohmann::json BusinessJsonLd(const RenderJob& job);
nlohmann::json ProductJsonLd(const RenderJob& job, const ProductView& p);
/// sitemap.xml of the indexable pages, robots.txt, and the web app manifest.
std::string Sitemap(const RenderJob& job, const std::vector<std::string>& pages);
std::string Robots(const RenderJob& job);
std::string Manifest(const RenderJob& job);

}  // namespace webdpro::storefront::detail

namespace webdpro::storefront {

/// A store prepared for rendering page by page: its input, the job with the view model and
/// the chrome (header, footer, CSS) done, and indexes from page names to the model.
struct PreparedStore {
    sitegen::SiteSpec spec;
    RenderOptions options;
    std::string theme;
    detail::RenderJob job;  // points at spec and options above: never moved
    std::map<std::string, std::size_t, std::less<>> product_by_id;
    std::map<std::string, std::size_t, std::less<>> category_by_slug;
    std::size_t bytes = 0;
};

}  // namespace webdpro::storefront
