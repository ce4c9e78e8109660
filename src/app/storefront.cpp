#include "app/storefront.hpp"

#include "core/work_pool.hpp"
#include "http/router.hpp"
#include "storefront/hosting_routes.hpp"
#include "storefront/site_cache.hpp"

namespace webdpro::app {
namespace {

/// "https://checkout.razorpay.com" of "https://checkout.razorpay.com/v1/checkout.js".
std::string OriginOf(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) {
        return url;
    }
    return url.substr(0, url.find('/', scheme + 3));
}

/// Renders queued beyond this answer 503 at once instead of piling up behind a slow render.
constexpr std::size_t kMaxPendingRenders = 256;
constexpr std::size_t kBytesPerMiB = 1024 * 1024;

}  // namespace

Storefront::Storefront() = default;

Storefront::~Storefront() {
    Stop();
}

Result<std::unique_ptr<Storefront>> Storefront::Build(const Config& config, storage::Db& db,
                                                      const storefront::Renderer& renderer,
                                                      stores::StoreDirectory& directory) {
    const storefront::StorefrontConfig& c = config.storefront;
    std::unique_ptr<Storefront> s(new Storefront());
    s->render_pool_ = std::make_unique<WorkPool>("render", c.render_threads, kMaxPendingRenders);
    s->sites_ = std::make_unique<storefront::SiteCache>(static_cast<std::size_t>(c.cache_mb) * kBytesPerMiB);
    s->refs_ = std::make_unique<storefront::StoreRefCache>(std::chrono::milliseconds(c.lookup_ttl_ms));
    s->hosting_ = std::make_unique<storefront::StoreHosting>(
        db, directory, renderer, *s->render_pool_, *s->sites_, *s->refs_,
        storefront::HostingOptions{.base_domain = c.base_domain,
                                   .public_origin = config.auth.public_origin,
                                   .payment_origins = {OriginOf(config.payments.razorpay_checkout_script),
                                                       OriginOf(config.payments.razorpay_api_base)}});
    return s;
}

void Storefront::RegisterRoutes(http::Router& router) {
    storefront::RegisterHostingRoutes(router, *hosting_);
}

void Storefront::SetOrderStatusHtml(storefront::OrderStatusHtml fill) {
    hosting_->SetOrderStatusHtml(std::move(fill));
}

void Storefront::ForgetStoreLookups() {
    refs_->Clear();
}

void Storefront::Stop() {
    if (render_pool_) {
        render_pool_->Stop();
    }
}

}  // namespace webdpro::app
