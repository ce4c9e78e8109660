#include "storefront/hosting_routes.hpp"

#include <algorithm>
#include <utility>

#include "http/middleware.hpp"
#include "http/static_files.hpp"
#include "storage/db.hpp"
#include "storefront/store_content.hpp"
#include "storefront/store_input.hpp"

namespace webdpro::storefront {
namespace {

namespace net = boost::asio;
using http::Request;
using http::Response;

constexpr std::string_view kNotFoundPage = "404.html";
constexpr std::size_t kMaxHostChars = 253;
/// How long a suspended shop asks clients to wait before asking again.
constexpr int kSuspendedRetryAfterS = 3600;

/// Store pages may show owner photos from https URLs, and load the payment provider's checkout
/// (script, frames, calls) from its origins; everything else stays on the store's origin.
std::string StoreCsp(const std::vector<std::string>& payment_origins) {
    std::string extra;
    for (const auto& origin : payment_origins) {
        extra += " " + origin;
    }
    return "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; script-src 'self'" +
           extra + "; frame-src 'self'" + extra + "; connect-src 'self'" + extra +
           "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}

/// One answer for "no such store" and "not published": nothing tells them apart.
Response NoSuchStore() {
    return Response::Error(ApiError(ErrorCode::kNotFound, "There is nothing at this address."));
}

/// Whether the client reads pages (a browser) rather than the JSON error envelope.
bool WantsPage(const Request& request) {
    return request.Header("Accept").value_or("").find("text/html") != std::string_view::npos;
}

/// "hi" when the browser's first language is Hindi, else "en".
std::string BrowserLanguage(const Request& request) {
    std::string_view accept = request.Header("Accept-Language").value_or("");
    while (accept.starts_with(' ')) {
        accept.remove_prefix(1);
    }
    const bool hindi =
        accept.starts_with("hi") && (accept.size() == 2 || accept[2] == '-' || accept[2] == ',' || accept[2] == ';');
    return hindi ? "hi" : "en";
}

/// A small self-contained page for a person (no theme, no script): `status` shown small above
/// the heading, then two sentences.
std::string PersonPage(bool hindi, int status, const std::string& title, const std::string& heading,
                       const std::string& why, const std::string& next) {
    return "<!doctype html>\n<html lang=\"" + std::string(hindi ? "hi" : "en") +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"robots\" content=\"noindex\">\n<title>" +
           title +
           "</title>\n<style>body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2937;background:#f8fafc}"
           "main{max-width:30rem;margin:0 auto;padding:3rem 1.25rem}h1{font-size:1.5rem;line-height:1.3;"
           "margin:0 0 1rem}p{margin:0 0 .75rem}.code{color:#64748b;font-size:.875rem}</style>\n</head>\n<body>\n"
           "<main>\n<p class=\"code\">" +
           std::to_string(status) + "</p>\n<h1>" + heading + "</h1>\n<p>" + why + "</p>\n<p>" + next +
           "</p>\n</main>\n</body>\n</html>\n";
}

/// The page a person gets for an address with no shop (or a shop taken offline): the same words
/// for both, in `language` ("hi" or English).
std::string NoShopPage(std::string_view language) {
    const bool hindi = language == "hi";
    return PersonPage(hindi, 404, hindi ? "दुकान नहीं मिली" : "Shop not found",
                      hindi ? "इस पते पर कोई दुकान नहीं" : "No shop at this address",
                      hindi ? "लिंक में ग़लती हो सकती है, या दुकान अभी बंद है।"
                            : "The link may have a typo, or the shop may be closed for now.",
                      hindi ? "भेजा गया लिंक दोबारा जाँचें, या दुकान से उसका लिंक माँगें।"
                            : "Check the link you were sent, or ask the shop for its link.");
}

/// The page a person gets when a shop exists but cannot be shown just now (the database is busy,
/// its pages failed to build): a page, not the API's JSON error.
Response ShopUnavailable(const Request& request, const ApiError& error, std::string_view language,
                         const std::string& csp) {
    if (!WantsPage(request)) {
        return Response::Error(error);
    }
    const bool hindi = language == "hi";
    const bool busy = error.code == ErrorCode::kUnavailable || error.code == ErrorCode::kTimeout;
    const int status = busy ? 503 : 500;
    Response response = Response::Text(
        status,
        PersonPage(hindi, status, hindi ? "दुकान अभी नहीं खुल रही" : "Shop not available",
                   hindi ? "यह दुकान अभी नहीं खुल पा रही" : "This shop can't open right now",
                   hindi ? "गड़बड़ी हमारी ओर से है, दुकान की नहीं।" : "The problem is on our side, not the shop's.",
                   hindi ? "एक मिनट बाद दोबारा कोशिश करें।" : "Please try again in a minute."),
        "text/html; charset=utf-8");
    response.headers.Set("Cache-Control", "no-store");
    response.headers.Set("Content-Security-Policy", csp);
    if (busy) {
        response.headers.Set("Retry-After", "30");
    }
    return response;
}

/// The page of a shop whose business the platform has suspended: 503 with Retry-After, so
/// search engines keep the shop; nothing about the business is deleted.
Response ShopSuspended(const Request& request, std::string_view language, const std::string& csp) {
    ApiError error(ErrorCode::kUnavailable, "This shop is temporarily unavailable.", "tenant suspended");
    error.retry_after_s = kSuspendedRetryAfterS;
    if (!WantsPage(request)) {
        return Response::Error(error);
    }
    const bool hindi = language == "hi";
    Response response =
        Response::Text(503,
                       PersonPage(hindi, 503, hindi ? "दुकान अभी बंद है" : "Shop temporarily unavailable",
                                  hindi ? "यह दुकान अभी अस्थायी रूप से बंद है" : "This shop is temporarily unavailable",
                                  hindi ? "दुकान अभी ऑर्डर नहीं ले रही।" : "It is not taking orders right now.",
                                  hindi ? "कुछ समय बाद दोबारा देखें।" : "Please check again later."),
                       "text/html; charset=utf-8");
    response.headers.Set("Cache-Control", "no-store");
    response.headers.Set("Content-Security-Policy", csp);
    response.headers.Set("Retry-After", std::to_string(kSuspendedRetryAfterS));
    return response;
}

bool IsIpLiteral(std::string_view host) {
    return host.starts_with('[') ||
           std::ranges::all_of(host, [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool IsSlugLabel(std::string_view label) {
    return label.size() >= 2 && label.size() <= 63 && !label.starts_with('-') && !label.ends_with('-') &&
           std::ranges::all_of(label,
                               [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string CacheKey(const StoreId& store, const RenderOptions& mount) {
    return store.str() + "|" + mount.base_path + "|" + mount.canonical_root + (mount.preview ? "|preview" : "");
}

bool IsPageLike(std::string_view content_type) {
    return content_type.starts_with("text/html") || content_type.starts_with("application/xml") ||
           content_type.starts_with("text/plain") || content_type.starts_with("application/json");
}

}  // namespace

struct StoreHosting::Mount {
    RenderOptions options;  // base_path, canonical_root, preview
};

std::string NormalizeHost(std::string_view host_header) {
    std::string host;
    if (host_header.starts_with('[')) {  // IPv6 literal: keep the brackets, drop the port
        const std::size_t close = host_header.find(']');
        if (close == std::string_view::npos) {
            return {};
        }
        host = std::string(host_header.substr(0, close + 1));
    } else {
        host = std::string(host_header.substr(0, host_header.find(':')));
    }
    if (host.ends_with('.')) {
        host.pop_back();
    }
    if (host.empty() || host.size() > kMaxHostChars) {
        return {};
    }
    for (char& c : host) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '[' ||
                        c == ']' || c == ':';
        if (!ok) {
            return {};
        }
    }
    return host;
}

StoreHosting::StoreHosting(storage::Db& db, stores::StoreDirectory& directory, const Renderer& renderer,
                           WorkPool& render_pool, SiteCache& sites, StoreRefCache& refs, HostingOptions options)
    : db_(db),
      directory_(directory),
      renderer_(renderer),
      themes_(renderer.Themes()),
      render_pool_(render_pool),
      sites_(sites),
      refs_(refs),
      options_(std::move(options)),
      public_origin_(http::ParseOrigin(options_.public_origin)),
      public_host_(public_origin_ ? public_origin_->host : std::string()),
      csp_(StoreCsp(options_.payment_origins)) {}

bool StoreHosting::IsPlatformHost(std::string_view host) const {
    return host.empty() || host == "localhost" || IsIpLiteral(host) || host == options_.base_domain ||
           (!options_.base_domain.empty() && host == "www." + options_.base_domain) ||
           (!public_host_.empty() && host == public_host_);
}

net::awaitable<std::optional<std::string>> StoreHosting::RewriteHost(const Request& request) {
    const std::string host = NormalizeHost(request.Header("Host").value_or(""));
    if (IsPlatformHost(host) || !request.target.starts_with('/')) {
        co_return std::nullopt;
    }
    const std::string& base = options_.base_domain;
    if (!base.empty() && host.size() > base.size() + 1 && host.ends_with(base) &&
        host[host.size() - base.size() - 1] == '.') {
        const std::string label = host.substr(0, host.size() - base.size() - 1);
        if (!IsSlugLabel(label)) {
            co_return std::nullopt;
        }
        co_return "/s/" + label + request.target;
    }
    if (host.find('.') == std::string::npos) {
        co_return std::nullopt;  // a bare name (a container, a LAN box) is never a shop's domain
    }
    auto found = co_await refs_.Get("domain:" + host, [&] { return directory_.ByDomain(host); });
    if (!found || !*found || !(*found)->published() || (*found)->plan == "FREE") {
        // Unknown domains (and lookups that failed) are served as the platform would.
        co_return std::nullopt;
    }
    co_return "/s/" + (*found)->slug + request.target;
}

net::awaitable<Result<std::optional<stores::StoreRef>>> StoreHosting::PublicBySlug(const std::string& slug) {
    if (!IsSlugLabel(slug)) {
        co_return std::optional<stores::StoreRef>{};
    }
    auto found = co_await refs_.Get("slug:" + slug, [&] { return directory_.BySlug(slug); });
    if (!found) {
        co_return Fail(std::move(found.error()));
    }
    if (!*found || !(*found)->published()) {
        co_return std::optional<stores::StoreRef>{};
    }
    co_return found;
}

StoreHosting::Mount StoreHosting::PublicMount(const Request& request, const stores::StoreRef& ref) const {
    const std::string host = NormalizeHost(request.Header("Host").value_or(""));
    const bool on_subdomain = !options_.base_domain.empty() && host == ref.slug + "." + options_.base_domain;
    const bool on_domain = !ref.custom_domain.empty() && host == ref.custom_domain;
    Mount mount;
    mount.options.base_path = on_subdomain || on_domain ? "/" : "/s/" + ref.slug + "/";
    // Absolute URLs come from configuration and the store's own domain, never from the Host
    // header as sent: it only chooses among names that are known. Stores' own hosts share the
    // platform's scheme and port.
    const http::Origin platform = public_origin_.value_or(http::Origin{.scheme = "https", .host = "", .port = 443});
    if (on_domain) {
        mount.options.canonical_root = platform.WithHost(ref.custom_domain).Serialize() + "/";
    } else if (!options_.base_domain.empty()) {
        mount.options.canonical_root = platform.WithHost(ref.slug + "." + options_.base_domain).Serialize() + "/";
    } else if (public_origin_) {
        mount.options.canonical_root = public_origin_->Serialize() + mount.options.base_path;
    }
    return mount;
}

net::awaitable<Result<std::shared_ptr<const Site>>> StoreHosting::ModelFor(const stores::StoreRef& ref,
                                                                           const Mount& mount) {
    const std::string key = CacheKey(ref.store_id, mount.options) + "|#model";
    co_return co_await sites_.Get(key, ref.site_version, [&]() -> net::awaitable<Result<std::shared_ptr<const Site>>> {
        auto content = co_await LoadStoreContent(db_, ref.tenant_id, ref.store_id);
        if (!content) {
            co_return Fail(std::move(content.error()));
        }
        if (!*content) {
            co_return Fail(ApiError(ErrorCode::kNotFound, "There is nothing at this address."));
        }
        RenderInput input = BuildRenderInput(**content, mount.options, themes_);
        // By reference: `input` lives in this frame until the work is done (a lambda that owns
        // non-trivial captures trips g++ 12's coroutine parameter copies).
        co_return co_await render_pool_.Run([this, &input]() -> Result<std::shared_ptr<const Site>> {
            auto prepared = renderer_.Prepare(std::move(input.spec), std::move(input.options));
            if (!prepared) {
                return Fail(std::move(prepared.error()));
            }
            auto site = std::make_shared<Site>();
            site->prepared = std::move(*prepared);
            return std::shared_ptr<const Site>(std::move(site));
        });
    });
}

net::awaitable<Result<StoreHosting::Page>> StoreHosting::PageFor(const stores::StoreRef& ref, const Mount& mount,
                                                                 std::string_view request_path) {
    auto model = co_await ModelFor(ref, mount);
    if (!model) {
        co_return Fail(std::move(model.error()));
    }
    std::shared_ptr<const PreparedStore> prepared = (*model)->prepared;
    Page page{.site = nullptr, .path = PagePath(request_path), .missing = false};
    if (!renderer_.HasPage(*prepared, page.path)) {
        // Not cached per path: a scan of made-up paths shares the one 404 page.
        page.missing = true;
        page.path = std::string(kNotFoundPage);
    }
    const std::string key = CacheKey(ref.store_id, mount.options) + "|" + page.path;
    auto site =
        co_await sites_.Get(key, ref.site_version, [&]() -> net::awaitable<Result<std::shared_ptr<const Site>>> {
            const std::string& path = page.path;
            co_return co_await render_pool_.Run([this, &prepared, &path]() -> Result<std::shared_ptr<const Site>> {
                auto file = renderer_.RenderPage(*prepared, path);
                if (!file) {
                    return Fail(std::move(file.error()));
                }
                if (!*file) {
                    return Fail(ApiError::Internal("the store has no " + path));
                }
                auto one = std::make_shared<Site>();
                one->files.emplace(path, std::move(**file));
                return std::shared_ptr<const Site>(std::move(one));
            });
        });
    if (!site) {
        co_return Fail(std::move(site.error()));
    }
    page.site = std::move(*site);
    co_return page;
}

Response StoreHosting::FileResponse(const Request& request, const Page& page, bool preview) const {
    const std::shared_ptr<const Site>& site = page.site;
    const SiteFile* file = site->Find(page.path);
    const bool missing = page.missing;
    if (file == nullptr) {
        return NoSuchStore();
    }
    const auto accept = request.Header("Accept-Encoding");
    const bool gzip = !file->gzip.empty() && accept && http::AcceptsGzip(*accept);
    Response response;
    response.status = missing ? 404 : 200;
    response.compressible = file->gzip.empty();
    response.headers.Set("Content-Type", file->content_type);
    response.headers.Set("Content-Security-Policy", csp_);
    if (!file->gzip.empty()) {
        response.headers.Set("Vary", "Accept-Encoding");
    }
    if (preview) {
        response.headers.Set("Cache-Control", "no-store");
    } else if (missing || IsPageLike(file->content_type)) {
        response.headers.Set("Cache-Control",
                             "public, max-age=" + std::to_string(options_.html_max_age_s) + ", must-revalidate");
    } else {
        response.headers.Set("Cache-Control", "public, max-age=" + std::to_string(options_.asset_max_age_s));
    }
    if (!missing) {
        response.headers.Set("ETag", gzip ? file->gzip_etag : file->etag);
        const auto if_none_match = request.Header("If-None-Match");
        if (if_none_match && (http::EtagMatches(*if_none_match, file->etag) ||
                              (!file->gzip_etag.empty() && http::EtagMatches(*if_none_match, file->gzip_etag)))) {
            response.status = 304;
            return response;
        }
    }
    if (gzip) {
        response.headers.Set("Content-Encoding", "gzip");
    }
    // Never copied: the body shares ownership of its site, which the cache may drop meanwhile.
    response.shared_body = std::shared_ptr<const std::string>(site, gzip ? &file->gzip : &file->body);
    return response;
}

net::awaitable<Response> StoreHosting::NoShop(const Request& request, const std::string& slug) {
    if (!WantsPage(request)) {
        co_return NoSuchStore();
    }
    std::string language = BrowserLanguage(request);
    if (IsSlugLabel(slug)) {
        auto found = co_await refs_.Get("slug:" + slug, [&] { return directory_.BySlug(slug); });
        if (found && *found && ((*found)->language == "hi" || (*found)->language == "en")) {
            language = (*found)->language;
        }
    }
    Response response = Response::Text(404, NoShopPage(language), "text/html; charset=utf-8");
    // A shop published a moment later must show on the next reload.
    response.headers.Set("Cache-Control", "no-store");
    response.headers.Set("Content-Security-Policy", csp_);
    co_return response;
}

net::awaitable<Response> StoreHosting::RedirectToRoot(Request& request) {
    const std::string slug(request.Param("slug"));
    auto ref = co_await PublicBySlug(slug);
    if (!ref) {
        co_return Response::Error(std::move(ref.error()));
    }
    if (!*ref) {
        co_return co_await NoShop(request, slug);
    }
    Response response;
    response.status = 301;
    std::string location = PublicMount(request, **ref).options.base_path;
    if (!request.query.empty()) {
        location += "?" + request.query;
    }
    response.headers.Set("Location", location);
    response.headers.Set("Cache-Control", "public, max-age=" + std::to_string(options_.html_max_age_s));
    co_return response;
}

net::awaitable<Response> StoreHosting::ServePublic(Request& request) {
    const std::string slug(request.Param("slug"));
    auto ref = co_await PublicBySlug(slug);
    if (!ref) {
        co_return Response::Error(std::move(ref.error()));
    }
    if (!*ref) {
        co_return co_await NoShop(request, slug);
    }
    if ((*ref)->tenant_suspended) {
        co_return ShopSuspended(request, (*ref)->language, csp_);
    }
    const Mount mount = PublicMount(request, **ref);
    auto page = co_await PageFor(**ref, mount, request.Param("path"));
    if (!page) {
        if (page.error().code == ErrorCode::kNotFound) {
            co_return co_await NoShop(request, slug);
        }
        co_return ShopUnavailable(request, page.error(), (*ref)->language, csp_);
    }
    if (order_status_ && !page->missing && page->path == "order.html") {
        auto id = request.QueryParam("id");
        auto token = request.QueryParam("t");
        const SiteFile* file = page->site->Find(page->path);
        if (id && token && file != nullptr) {
            const auto slot = file->body.find(kOrderStatusSlot);
            std::optional<std::string> status;
            if (slot != std::string::npos) {
                // Named before it is awaited: GCC 12 destroys a conditional's awaited temporary too early.
                auto filled = order_status_(**ref, *id, *token);
                status = co_await std::move(filled);
            }
            if (status) {
                // This reader's order, now: not cached, not shared.
                std::string body = file->body;
                body.insert(slot + kOrderStatusSlot.size() - std::string_view("</noscript>").size(), *status);
                Response response = Response::Text(200, std::move(body), file->content_type);
                response.headers.Set("Content-Security-Policy", csp_);
                response.headers.Set("Cache-Control", "no-store");
                co_return response;
            }
        }
    }
    co_return FileResponse(request, *page, false);
}

net::awaitable<Response> StoreHosting::ServePreview(Request& request) {
    const auto store = StoreId::Parse(request.Param("store_id"));
    if (!request.principal || !request.principal->tenant_id || !store) {
        co_return Response::Error(ApiError::NotFound("Store"));
    }
    const std::string root = "/api/stores/" + store->str() + "/preview/";
    if (!request.path.starts_with(root)) {
        // "/api/stores/{id}/preview": the pages link relative to the folder, so it needs its slash.
        Response response;
        response.status = 301;
        response.headers.Set("Location", root);
        response.headers.Set("Cache-Control", "no-store");
        co_return response;
    }
    auto ref = co_await directory_.ById(*request.principal->tenant_id, *store);
    if (!ref) {
        co_return Response::Error(std::move(ref.error()));
    }
    if (!*ref) {
        co_return Response::Error(ApiError::NotFound("Store"));
    }
    Mount mount;
    mount.options.base_path = root;
    mount.options.preview = true;
    auto page = co_await PageFor(**ref, mount, request.Param("path"));
    if (!page) {
        if (page.error().code == ErrorCode::kNotFound) {
            co_return Response::Error(ApiError(ErrorCode::kNotFound, "This store has no pages yet."));
        }
        co_return Response::Error(std::move(page.error()));
    }
    co_return FileResponse(request, *page, true);
}

void RegisterHostingRoutes(http::Router& router, StoreHosting& hosting) {
    router.Get("/s/{slug}", [&hosting](Request& request) { return hosting.RedirectToRoot(request); });
    router.Get("/s/{slug}/{path...}", [&hosting](Request& request) { return hosting.ServePublic(request); });
    router.Get(
        "/api/stores/{store_id}/preview/{path...}",
        [&hosting](Request& request) { return hosting.ServePreview(request); },
        http::RouteOptions{.permission = "stores.manage"});
    router.SetHostRewrite([&hosting](const Request& request) { return hosting.RewriteHost(request); });
}

}  // namespace webdpro::storefront
