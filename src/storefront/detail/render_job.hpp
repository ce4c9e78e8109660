#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
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

/// Everything one Render call shares between its pages.
struct RenderJob {
    const ThemeData* theme = nullptr;
    const StringTable* strings = nullptr;
    const sitegen::SiteSpec* spec = nullptr;
    const RenderOptions* options = nullptr;
    Mount mount;
    detail::StoreColors colors;
    StoreView store;
    std::array<std::string, 5> css;  // by PageKind
    mstch::node store_node;
    std::array<mstch::node, 2> nav;     // by depth
    std::array<std::string, 2> header;  // pre-rendered, by depth
    std::array<std::string, 2> footer;
    std::array<std::vector<std::string>, 2> cards;  // pre-rendered product cards, by depth and product
    std::map<std::string, std::string> partials;
    std::map<std::string, std::string> files;  // output path → bytes, before finishing

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

/// Fills job.store from the spec and options (the view model), using the job's strings.
void BuildStore(RenderJob& job);

/// The template nodes of the store and of its navigation at `depth`.
mstch::node StoreNode(const RenderJob& job);
mstch::node NavNode(const RenderJob& job, int depth);
/// Header and footer for both depths, and the cards of `home_products` (depth 0) and of every
/// product (depth 1), each rendered once. False if a batch did not split into one card each.
bool RenderChromeAndCards(RenderJob& job, const std::vector<std::size_t>& home_products);
/// The products the home page shows, by category.
std::vector<std::size_t> HomeProducts(const StoreView& store);
/// The generated art: hero, icons, category and product pictures (those without a photo).
void RenderAssets(RenderJob& job);
void RenderHome(RenderJob& job, std::vector<std::string>& indexable);
/// False if a batch of pages did not split into one per page.
bool RenderCategories(RenderJob& job, std::vector<std::string>& indexable);
bool RenderProducts(RenderJob& job, std::vector<std::string>& indexable);
/// Cart, checkout, order tracking, 404, about and the policy pages.
void RenderStaticPages(RenderJob& job, std::vector<std::string>& indexable);

/// schema.org JSON-LD of the business and of one product.
nlohmann::json BusinessJsonLd(const RenderJob& job);
nlohmann::json ProductJsonLd(const RenderJob& job, const ProductView& p);
/// sitemap.xml of the indexable pages, robots.txt, and the web app manifest.
std::string Sitemap(const RenderJob& job, const std::vector<std::string>& pages);
std::string Robots(const RenderJob& job);
std::string Manifest(const RenderJob& job);

}  // namespace webdpro::storefront::detail
