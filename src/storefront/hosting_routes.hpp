#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/awaitable.hpp"
#include "core/work_pool.hpp"
#include "http/origin.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "storefront/render.hpp"
#include "storefront/site_cache.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::storage {
class Db;
}

namespace webdpro::storefront {

/// How stores are addressed and cached by browsers.
struct HostingOptions {
    /// "webdpro.in": a request for {slug}.webdpro.in is that store mounted at "/", and canonical
    /// links point there. "" = no subdomains (stores live under /s/{slug}/ and custom domains).
    std::string base_domain;
    /// The platform's own origin ("https://app.webdpro.in", "http://localhost:8080"): its host is
    /// never taken for a store; its scheme and port are those of the store subdomains and custom
    /// domains (https on the default port when empty), and without a base domain it is the origin
    /// of canonical links (/s/{slug}/). Absolute URLs in stores (canonical, og:url, sitemap) come
    /// only from this, the base domain and a store's own domain, never from a request's Host: with
    /// neither set, stores have no absolute URLs.
    std::string public_origin;
    /// Origins a store's order page may load a payment provider's checkout from (its script, its
    /// frames and its calls), e.g. "https://checkout.razorpay.com"; added to the pages' CSP.
    std::vector<std::string> payment_origins{};
    int html_max_age_s = 60;     ///< pages, sitemap, robots, manifest: short, then revalidate by ETag
    int asset_max_age_s = 3600;  ///< art and the cart script
};

/// "shop.example.in" from a Host header value ("Shop.Example.in:8443"): lower-case, port and a
/// trailing dot removed. "" when the value is not a plausible host name or IP literal.
std::string NormalizeHost(std::string_view host_header);

/// Serves generated stores: publicly by slug (/s/{slug}/…), by subdomain and custom domain
/// through the router's host rewrite, and to their owner as a preview in any status. Each request
/// renders only the file it asks for, from the store's prepared view model; both the model and
/// each page live in a SiteCache keyed by store, mount (and path) and tagged with site_version,
/// so a catalog change costs the pages viewed after it. Loads and renders run on `render_pool`. Only PUBLISHED stores
/// are public; an unknown and an unpublished slug get the same 404: a short page for a browser (Accept: text/html) in
/// the store's language when the store exists, else in the browser's; the JSON error envelope for everyone else.
/// Thread-safe; every reference must outlive it.
/// The status of the order a tracking link names (?id=…&t=…), as HTML for readers without
/// JavaScript: nullopt when there is none to show (a wrong token, an unknown order). Supplied by
/// the feature that knows orders; the hosting only places it in the order page.
using OrderStatusHtml = std::function<boost::asio::awaitable<std::optional<std::string>>(
    const stores::StoreRef& store, std::string order_id, std::string token)>;

/// Where the order page (order.html) takes the OrderStatusHtml: the template's empty element.
inline constexpr std::string_view kOrderStatusSlot = "<noscript data-order-nojs></noscript>";

class StoreHosting final {
public:
    StoreHosting(storage::Db& db, stores::StoreDirectory& directory, const Renderer& renderer, WorkPool& render_pool,
                 SiteCache& sites, StoreRefCache& refs, HostingOptions options);

    /// GET /s/{slug}/{path...}: a file of a published store (its 404 page, status 404, when none).
    boost::asio::awaitable<http::Response> ServePublic(http::Request& request);
    /// Fills the order page's kOrderStatusSlot for requests with ?id= and ?t= (such a page is
    /// then not cached). Call before serving.
    void SetOrderStatusHtml(OrderStatusHtml fill) { order_status_ = std::move(fill); }
    /// GET /s/{slug}: 301 to /s/{slug}/ for a published store.
    boost::asio::awaitable<http::Response> RedirectToRoot(http::Request& request);
    /// GET /api/stores/{store_id}/preview/{path...}: the owner's store in any status with a spec.
    boost::asio::awaitable<http::Response> ServePreview(http::Request& request);
    /// The router's host rewrite: {slug}.{base_domain} and a published store's custom domain map to
    /// /s/{slug}{target}; platform hosts (the base domain, www., localhost, loopback, IP literals,
    /// the public origin) never do.
    boost::asio::awaitable<std::optional<std::string>> RewriteHost(const http::Request& request);

private:
    struct Mount;
    /// One file to answer with: the cached one-file site holding it, its path, and whether it
    /// stands in for a path the store does not have (the 404 page).
    struct Page {
        std::shared_ptr<const Site> site;
        std::string path;
        bool missing = false;
    };
    boost::asio::awaitable<Result<std::optional<stores::StoreRef>>> PublicBySlug(const std::string& slug);
    /// The 404 for a slug with no published store: a page for a browser, else the JSON envelope.
    boost::asio::awaitable<http::Response> NoShop(const http::Request& request, const std::string& slug);
    /// The store's prepared view model at ref.site_version (Site::prepared), cached.
    boost::asio::awaitable<Result<std::shared_ptr<const Site>>> ModelFor(const stores::StoreRef& ref,
                                                                         const Mount& mount);
    /// The file for a request path (or the 404 page), rendered alone on a miss, cached.
    boost::asio::awaitable<Result<Page>> PageFor(const stores::StoreRef& ref, const Mount& mount,
                                                 std::string_view request_path);
    Mount PublicMount(const http::Request& request, const stores::StoreRef& ref) const;
    http::Response FileResponse(const http::Request& request, const Page& page, bool preview) const;
    bool IsPlatformHost(std::string_view host) const;

    storage::Db& db_;
    stores::StoreDirectory& directory_;
    const Renderer& renderer_;
    std::vector<std::string> themes_;
    WorkPool& render_pool_;
    SiteCache& sites_;
    StoreRefCache& refs_;
    HostingOptions options_;
    std::optional<http::Origin> public_origin_;  // options_.public_origin, parsed
    std::string public_host_;                    // host of options_.public_origin
    std::string csp_;                            // the pages' Content-Security-Policy
    OrderStatusHtml order_status_;               // the order page's status without JavaScript
};

/// Registers the storefront routes (public /s/{slug}… and the owner preview, permission
/// "stores.manage") and installs StoreHosting::RewriteHost as the router's host rewrite.
/// Register before any catch-all route. `hosting` must outlive the router.
void RegisterHostingRoutes(http::Router& router, StoreHosting& hosting);

}  // namespace webdpro::storefront
