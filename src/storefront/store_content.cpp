#include "storefront/store_content.hpp"

#include "media/photos.hpp"
#include "storage/db.hpp"

namespace webdpro::storefront {
namespace {

/// Fills the hero photo paths from the media folder's photos: both or neither.
Result<void> LoadHero(storage::Conn& conn, const TenantId& tenant, const StoreId& store, StoreContent& content) {
    auto hero = media::FindHeroPhoto(conn, tenant, store);
    if (!hero) {
        return Fail(std::move(hero.error()));
    }
    if (*hero) {
        content.hero_photo = (*hero)->small_url;
        content.hero_share_photo = (*hero)->url;
    }
    return {};
}

// The storefront's read model of the stores table (a store's spec, location and delivery charges)
// and of the payments folder's checkout and payment settings (the methods its checkout offers: on
// in the store's settings and complete in the business's).
constexpr std::string_view kSelectSpec = R"(
SELECT s.spec, s.latitude, s.longitude, s.delivery_fee_paise, s.free_delivery_above_paise, s.min_order_paise,
       coalesce(c.cod_enabled, 1) AS cod_enabled,
       CASE WHEN c.upi_enabled = 1 AND p.upi_vpa IS NOT NULL THEN 1 ELSE 0 END AS upi_offered,
       CASE WHEN c.razorpay_enabled = 1 AND p.razorpay_key_id IS NOT NULL AND p.razorpay_key_secret_enc IS NOT NULL
            THEN 1 ELSE 0 END AS razorpay_offered
FROM stores s
LEFT JOIN checkout_settings c ON c.tenant_id = s.tenant_id AND c.store_id = s.store_id
LEFT JOIN payment_settings p ON p.tenant_id = s.tenant_id
WHERE s.tenant_id = $1 AND s.store_id = $2 AND s.spec IS NOT NULL
)";

}  // namespace

Result<std::optional<StoreContent>> LoadStoreContent(storage::Conn& conn, const TenantId& tenant,
                                                     const StoreId& store) {
    auto ref = stores::StoreDirectory::ById(conn, tenant, store);
    if (!ref) {
        return Fail(std::move(ref.error()));
    }
    if (!*ref) {
        return std::optional<StoreContent>{};
    }
    auto row = conn.QueryOne(kSelectSpec, tenant, store);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<StoreContent>{};
    }
    auto spec = sitegen::ParseSiteSpec((*row)->Text("spec"));
    if (!spec) {
        // A stored spec was validated when it was saved; failing now is a bug or a bad migration.
        return Fail(ApiError::Internal("stored spec of " + store.str() + " does not parse: " + spec.error().message));
    }
    auto products = catalog::ListActive(conn, tenant, store);
    if (!products) {
        return Fail(std::move(products.error()));
    }
    StoreContent content{.ref = std::move(**ref),
                         .spec = std::move(*spec),
                         .latitude = (*row)->OptReal("latitude"),
                         .longitude = (*row)->OptReal("longitude"),
                         .products = std::move(*products)};
    content.checkout = CheckoutOffer{.cod = (*row)->Int("cod_enabled") == 1,
                                     .upi = (*row)->Int("upi_offered") == 1,
                                     .razorpay = (*row)->Int("razorpay_offered") == 1,
                                     .delivery_fee = Paise((*row)->Int("delivery_fee_paise")),
                                     .free_delivery_above = Paise((*row)->Int("free_delivery_above_paise")),
                                     .min_order = Paise((*row)->Int("min_order_paise"))};
    if (auto hero = LoadHero(conn, tenant, store, content); !hero) {
        return Fail(std::move(hero.error()));
    }
    return std::optional<StoreContent>(std::move(content));
}

boost::asio::awaitable<Result<std::optional<StoreContent>>> LoadStoreContent(storage::Db& db, TenantId tenant,
                                                                             StoreId store) {
    co_return co_await db.Read<std::optional<StoreContent>>(
        [&](storage::Conn& conn) { return LoadStoreContent(conn, tenant, store); });
}

}  // namespace webdpro::storefront
