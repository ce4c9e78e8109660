#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "sitegen/site_spec.hpp"

namespace webdpro::storefront {

namespace detail {
struct RenderJob;
}
struct PreparedStore;

/// One file of a rendered store, ready to serve: the bytes, their type, a strong ETag and, for
/// compressible types where it pays, a precompressed gzip variant with its own ETag.
struct SiteFile {
    std::string body;
    std::string_view content_type;  ///< static string (from http::ContentTypeFor)
    std::string etag;               ///< strong ETag of `body`, quoted
    std::string gzip;               ///< gzip of `body`; empty when not compressed
    std::string gzip_etag;          ///< ETag of the gzip variant ("…-gz"); empty with `gzip`
};

/// Every page and asset of one store, by path relative to the store root ("index.html",
/// "p/tomato.html", "img/p/tomato.svg", "sitemap.xml"). A value: immutable once returned, so it can be
/// shared between threads (e.g. behind a shared_ptr<const Site> in a cache) without locking.
struct Site {
    std::map<std::string, SiteFile, std::less<>> files;
    std::string theme;  ///< the theme the pages were rendered with
    /// A store prepared for rendering page by page (Renderer::Prepare), when a cache keeps one
    /// beside the pages; its size counts in SiteBytes.
    std::shared_ptr<const PreparedStore> prepared{};

    /// The file for a request path relative to the store root: "" and paths ending in '/' mean that
    /// folder's index.html. nullptr when there is no such file (serve "404.html" with status 404).
    const SiteFile* Find(std::string_view path) const;
};

/// What the shop knows about one product beyond the spec (from the catalog, later). Everything is
/// optional: a default-constructed value renders the product as available with generated art.
struct ProductState {
    /// The catalog's id of the product ("prd_…"); when set, the cart adds this id (what the order
    /// API takes), while the product page keeps its readable slug URL. "" = the slug (exports).
    std::string product_id{};
    std::optional<std::int64_t> stock{};   ///< units in stock; nullopt = not tracked (shown as available)
    std::int64_t low_stock_threshold = 5;  ///< at or below this (and above 0): "Only N left"
    /// An owner photo replacing the generated art: "https://…" or a path relative to the store root
    /// ("media/p/12.webp"). Anything else is ignored (the art is used), so it cannot inject markup.
    std::string photo{};
};

/// What the store's checkout really offers: the payment methods that take the money, and what
/// delivery costs. The checkout, footer, policies and search-engine data promise only these.
/// The default is what every store can do without settings: cash on delivery, free delivery.
struct CheckoutOffer {
    bool cod = true;
    bool upi = false;
    bool razorpay = false;
    Paise delivery_fee{0};
    Paise free_delivery_above{0};  ///< 0 = no free-delivery threshold
    Paise min_order{0};            ///< 0 = no minimum
};

/// How and where a store is rendered.
struct RenderOptions {
    /// Where the store is mounted: "/s/sharma-kirana/", "/" (its own subdomain or domain), or ""
    /// (not known, e.g. files opened from disk). Must be "" or start and end with '/' and hold only
    /// URL-safe characters. Internal links are relative, so one rendering works under any mount;
    /// the base is used only by the 404 page (served at any depth) and for absolute paths in
    /// sitemap.xml when `canonical_root` is empty.
    std::string base_path{};
    /// Store slug, used to key the cart in the browser's storage; "" = "store".
    std::string slug{};
    /// Absolute URL of the store's canonical home, ending in '/' (added when missing):
    /// "https://sharma-kirana.webdpro.in/". Canonical links, og:url, JSON-LD urls, sitemap and robots
    /// Sitemap lines need it; "" leaves them out (or relative). http(s) only.
    std::string canonical_root{};
    /// Theme name ("bazaar", "clean", "classic"); "" = DefaultThemeFor(spec.sector).
    std::string theme{};
    /// Link the home page as "index.html" (not "./") so the site works from file://.
    bool link_index_files = false;
    /// Per product, in spec order; shorter than spec.products (or empty) means defaults.
    std::vector<ProductState> products{};
    /// An owner photo for the hero (same rules as ProductState::photo); "" = generated art.
    std::string hero_photo{};
    /// A larger rendition of the hero photo for link previews (og:image; same rules); "" = hero_photo.
    std::string hero_share_photo{};
    /// Payment methods and delivery charges, from the store's settings.
    CheckoutOffer checkout{};
    /// gzip level 1-9 for the precompressed variants; 0 = do not precompress.
    int gzip_level = 6;
    /// The owner's preview of an unpublished store: every page carries a visible "Preview — not
    /// published" banner and asks search engines not to index it.
    bool preview = false;
};

/// The theme a sector gets when the owner has not chosen one.
std::string_view DefaultThemeFor(sitegen::Sector sector);

/// Renders stores from theme templates (Mustache, via mstch). Holds the parsed theme set: build
/// one at start-up and share it; Render is const and thread-safe.
class Renderer final {
public:
    /// Loads a theme set laid out like the repository's themes/ folder: base/ (every page template,
    /// base.css, cart.js), one folder per theme with theme.css and optional template overrides,
    /// i18n/{en,hi}.json and policies/{en,hi}/*.mustache. kInvalidArgument naming the missing or
    /// broken file when the set is incomplete.
    static Result<Renderer> Create(std::span<const EmbeddedFile> files);
    /// The theme set compiled into the binary (themes/).
    static Result<Renderer> CreateEmbedded();

    Renderer(Renderer&&) noexcept;
    Renderer& operator=(Renderer&&) noexcept;
    ~Renderer();

    /// Theme names, sorted.
    std::vector<std::string> Themes() const;

    /// Every page and asset of the store described by `spec`. The spec is treated as untrusted
    /// data: every string is cleaned (invalid UTF-8 and control characters dropped) and escaped for
    /// where it lands (HTML text and attributes, URLs, JSON-LD, SVG, CSS colours are re-validated),
    /// so it can never add markup or script. Errors (kInvalidArgument): unknown theme, malformed
    /// base_path or canonical_root. Deterministic: same input, same bytes.
    Result<Site> Render(const sitegen::SiteSpec& spec, const RenderOptions& options) const;

    /// The store's view model (every product cleaned, slugged and priced, the header, footer and
    /// CSS rendered), built once so that each page can then be rendered alone, on demand. Same
    /// errors as Render. Immutable and shareable between threads.
    Result<std::shared_ptr<const PreparedStore>> Prepare(sitegen::SiteSpec spec, RenderOptions options) const;
    /// Whether the prepared store has a file at `path` (relative to the store root, as PagePath gives).
    bool HasPage(const PreparedStore& store, std::string_view path) const;
    /// The one file at `path`, byte for byte what Render gives for it; nullopt when the store has
    /// no such file. Costs that page (its cards, its template), not the store.
    Result<std::optional<SiteFile>> RenderPage(const PreparedStore& store, std::string_view path) const;

private:
    /// Fills `job` for `spec` and `options` (which must outlive it): theme, strings, CSS, view
    /// model, header and footer. The theme's name, or the errors of Render.
    Result<std::string> Setup(detail::RenderJob& job, const sitegen::SiteSpec& spec,
                              const RenderOptions& options) const;

    struct Impl;
    explicit Renderer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// The file a request path relative to the store root names: "" and paths ending in '/' mean that
/// folder's index.html.
std::string PagePath(std::string_view request_path);

/// Bytes a prepared store holds in memory, roughly (what a cache budgets by).
std::size_t PreparedStoreBytes(const PreparedStore& store);

/// Convenience for one-off renders (CLI, tests): a Renderer over the embedded themes, then Render.
Result<Site> RenderSite(const sitegen::SiteSpec& spec, const RenderOptions& options);

}  // namespace webdpro::storefront
