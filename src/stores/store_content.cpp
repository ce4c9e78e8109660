#include "stores/store_content.hpp"

#include "storage/db.hpp"

namespace webdpro::stores {
namespace {

// Store photos are written by src/media/photos.cpp (which depends on this library, so the read is here).
constexpr std::string_view kSelectHero = R"(
SELECT kind, photo_id FROM store_photos WHERE tenant_id = $1 AND store_id = $2 AND kind IN ('hero', 'hero_small')
)";

/// Fills the hero photo paths; both or neither (they are written together).
Result<void> LoadHero(storage::Conn& conn, const TenantId& tenant, const StoreId& store, StoreContent& content) {
    auto rows = conn.Query(kSelectHero, tenant, store);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    for (const storage::Row& row : *rows) {
        const std::string path = "/media/" + tenant.str() + "/" + row.Text(1) + ".webp";
        (row.Text(0) == "hero" ? content.hero_share_photo : content.hero_photo) = path;
    }
    if (content.hero_photo.empty() || content.hero_share_photo.empty()) {
        content.hero_photo.clear();
        content.hero_share_photo.clear();
    }
    return {};
}

constexpr std::string_view kSelectSpec = R"(
SELECT spec, latitude, longitude FROM stores WHERE tenant_id = $1 AND store_id = $2 AND spec IS NOT NULL
)";

}  // namespace

Result<std::optional<StoreContent>> LoadStoreContent(storage::Conn& conn, const TenantId& tenant,
                                                     const StoreId& store) {
    auto ref = StoreDirectory::ById(conn, tenant, store);
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
    auto spec = sitegen::ParseSiteSpec((*row)->Text(0));
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
                         .latitude = (*row)->OptReal(1),
                         .longitude = (*row)->OptReal(2),
                         .products = std::move(*products)};
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

}  // namespace webdpro::stores
