#include "media/photos.hpp"

#include <utility>

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "core/work_pool.hpp"
#include "storage/db.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::media {
namespace {

constexpr std::string_view kPhotoPrefix = "/media/";
constexpr std::string_view kWebpSuffix = ".webp";

constexpr std::string_view kProductWhere = R"(
FROM products WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3
)";

constexpr std::string_view kDeleteProductPhotos = R"(
DELETE FROM product_photos WHERE tenant_id = $1 AND product_id = $2
)";

constexpr std::string_view kInsertPhoto = R"(
INSERT INTO product_photos (tenant_id, photo_id, store_id, product_id, content_type, bytes, byte_size, width, height,
                            sha256, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
)";

constexpr std::string_view kSetImage = R"(
UPDATE products SET image = $4, updated_at = $5 WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3
)";

constexpr std::string_view kFindPhoto = R"(
SELECT bytes, sha256, width, height, store_id FROM product_photos WHERE tenant_id = $1 AND photo_id = $2
)";

/// The store's product; kNotFound("Store"/"Product") for another store's or tenant's.
Result<catalog::Product> LoadProduct(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                     const ProductId& product) {
    auto ref = stores::StoreDirectory::ById(conn, tenant, store);
    if (!ref) {
        return Fail(std::move(ref.error()));
    }
    if (!*ref) {
        return Fail(ApiError::NotFound("Store"));
    }
    auto row =
        conn.QueryOne(std::string(catalog::kProductColumns) + std::string(kProductWhere), tenant, store, product);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return Fail(ApiError::NotFound("Product"));
    }
    return catalog::ProductFromRow(**row);
}

/// Points the product at `image` (nullopt = generated art) and makes the storefront re-render.
Result<void> SetImage(storage::Conn& conn, const TenantId& tenant, const StoreId& store, const ProductId& product,
                      const std::optional<std::string>& image, TimePoint now) {
    if (auto updated = conn.Exec(kSetImage, tenant, store, product, image, UnixMillis(now)); !updated) {
        return Fail(std::move(updated.error()));
    }
    return stores::StoreDirectory::TouchSite(conn, tenant, store);
}

}  // namespace

std::string PhotoPath(const TenantId& tenant, const PhotoId& photo) {
    return std::string(kPhotoPrefix) + tenant.str() + "/" + photo.str() + std::string(kWebpSuffix);
}

std::optional<PhotoId> ParsePhotoFileName(std::string_view file_name) {
    if (!file_name.ends_with(kWebpSuffix)) {
        return std::nullopt;
    }
    file_name.remove_suffix(kWebpSuffix.size());
    return PhotoId::Parse(file_name);
}

PhotoService::PhotoService(storage::Db& db, WorkPool& pool, PhotoLimits limits)
    : db_(db), pool_(pool), limits_(limits) {}

boost::asio::awaitable<Result<catalog::Product>> PhotoService::Upload(TenantId tenant, StoreId store, ProductId product,
                                                                      std::string upload) {
    // Another tenant's product is not there whatever the bytes are: 404 before any decoding.
    auto found = co_await db_.Read(
        [&](storage::Conn& conn) -> Result<catalog::Product> { return LoadProduct(conn, tenant, store, product); });
    if (!found) {
        co_return Fail(std::move(found.error()));
    }
    // By reference: `upload` and `limits_` outlive the awaited job.
    auto photo = co_await pool_.Run([this, &upload]() -> Result<WebPhoto> { return MakeWebPhoto(upload, limits_); });
    if (!photo) {
        co_return Fail(std::move(photo.error()));
    }
    upload.clear();
    upload.shrink_to_fit();
    const PhotoId id = PhotoId::New();
    const std::string path = PhotoPath(tenant, id);
    const std::string sha256 = HexEncode(Sha256(photo->webp));
    const storage::Blob bytes(photo->webp.begin(), photo->webp.end());
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<catalog::Product> {
        auto current = LoadProduct(conn, tenant, store, product);
        if (!current) {
            return current;
        }
        if (auto deleted = conn.Exec(kDeleteProductPhotos, tenant, product); !deleted) {
            return Fail(std::move(deleted.error()));
        }
        auto inserted =
            conn.Exec(kInsertPhoto, tenant, id, store, product, kPhotoContentType, bytes,
                      static_cast<std::int64_t>(bytes.size()), photo->width, photo->height, sha256, UnixMillis(now));
        if (!inserted) {
            return Fail(std::move(inserted.error()));
        }
        if (auto set = SetImage(conn, tenant, store, product, path, now); !set) {
            return Fail(std::move(set.error()));
        }
        current->image = path;
        return current;
    });
}

boost::asio::awaitable<Result<catalog::Product>> PhotoService::Remove(TenantId tenant, StoreId store,
                                                                      ProductId product) {
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<catalog::Product> {
        auto current = LoadProduct(conn, tenant, store, product);
        if (!current) {
            return current;
        }
        auto deleted = conn.Exec(kDeleteProductPhotos, tenant, product);
        if (!deleted) {
            return Fail(std::move(deleted.error()));
        }
        if (*deleted == 0 && current->image.empty()) {
            return current;  // nothing to remove: the site stays as rendered
        }
        if (auto set = SetImage(conn, tenant, store, product, std::nullopt, now); !set) {
            return Fail(std::move(set.error()));
        }
        current->image.clear();
        return current;
    });
}

boost::asio::awaitable<Result<StoredPhoto>> PhotoService::Find(TenantId tenant, PhotoId photo,
                                                               std::optional<StoreId> store) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<StoredPhoto> {
        auto row = conn.QueryOne(kFindPhoto, tenant, photo);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        if (!*row || (store && (*row)->Text(4) != store->str())) {
            return Fail(ApiError::NotFound("Photo"));
        }
        const storage::Row& r = **row;
        const storage::Blob& bytes = r.BlobAt(0);
        return StoredPhoto{.id = photo,
                           .webp = std::make_shared<const std::string>(bytes.begin(), bytes.end()),
                           .etag = "\"" + r.Text(1) + "\"",
                           .width = static_cast<int>(r.Int(2)),
                           .height = static_cast<int>(r.Int(3))};
    });
}

}  // namespace webdpro::media
