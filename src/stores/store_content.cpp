#include "stores/store_content.hpp"

#include "storage/db.hpp"

namespace webdpro::stores {
namespace {

constexpr std::string_view kSelectSpec = R"(
SELECT spec, latitude, longitude FROM stores WHERE tenant_id = $1 AND store_id = $2 AND spec IS NOT NULL
)";

Result<std::optional<StoreContent>> Load(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
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
    return std::optional<StoreContent>(std::move(content));
}

}  // namespace

boost::asio::awaitable<Result<std::optional<StoreContent>>> LoadStoreContent(storage::Db& db, TenantId tenant,
                                                                             StoreId store) {
    co_return co_await db.Read<std::optional<StoreContent>>(
        [&](storage::Conn& conn) { return Load(conn, tenant, store); });
}

}  // namespace webdpro::stores
