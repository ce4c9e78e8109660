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

constexpr std::string_view kDeleteProductPhotos = R"(
DELETE FROM product_photos WHERE tenant_id = $1 AND product_id = $2
)";

constexpr std::string_view kInsertPhoto = R"(
INSERT INTO product_photos (tenant_id, photo_id, store_id, product_id, content_type, bytes, byte_size, width, height,
                            sha256, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
)";

// Product and store photos share the id space and the URLs: one lookup serves both.
constexpr std::string_view kFindPhoto = R"(
SELECT bytes, sha256, width, height, store_id FROM product_photos WHERE tenant_id = $1 AND photo_id = $2
UNION ALL
SELECT bytes, sha256, width, height, store_id FROM store_photos WHERE tenant_id = $1 AND photo_id = $2
)";

constexpr std::string_view kHeroKind = "hero";
constexpr std::string_view kHeroSmallKind = "hero_small";

constexpr std::string_view kDeleteHero = R"(
DELETE FROM store_photos WHERE tenant_id = $1 AND store_id = $2 AND kind IN ('hero', 'hero_small')
)";

constexpr std::string_view kInsertStorePhoto = R"(
INSERT INTO store_photos (tenant_id, photo_id, store_id, kind, content_type, bytes, byte_size, width, height, sha256,
                          created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
)";

constexpr std::string_view kSelectHero = R"(
SELECT kind, photo_id, width, height FROM store_photos
WHERE tenant_id = $1 AND store_id = $2 AND kind IN ('hero', 'hero_small')
)";

/// kNotFound("Store") unless the tenant has this store.
Result<void> RequireStore(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    auto ref = stores::StoreDirectory::ById(conn, tenant, store);
    if (!ref) {
        return Fail(std::move(ref.error()));
    }
    if (!*ref) {
        return Fail(ApiError::NotFound("Store"));
    }
    return {};
}

/// The store's product; kNotFound("Store"/"Product") for another store's or tenant's.
Result<catalog::Product> LoadProduct(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                     const ProductId& product) {
    if (auto exists = RequireStore(conn, tenant, store); !exists) {
        return Fail(std::move(exists.error()));
    }
    auto found = catalog::FindProduct(conn, tenant, product);
    if (!found) {
        return Fail(std::move(found.error()));
    }
    if (!*found || (*found)->store_id != store) {
        return Fail(ApiError::NotFound("Product"));
    }
    return std::move(**found);
}

/// Points the product at `image` (nullopt = generated art) and makes the storefront re-render.
Result<void> SetImage(storage::Conn& conn, const TenantId& tenant, const StoreId& store, const ProductId& product,
                      const std::optional<std::string>& image, TimePoint now) {
    if (auto updated = catalog::SetProductImage(conn, tenant, store, product, image, now); !updated) {
        return updated;
    }
    return stores::StoreDirectory::TouchSite(conn, tenant, store);
}

/// One rendition of a hero upload, encoded and ready to insert.
struct Rendition {
    PhotoId id = PhotoId::New();
    WebPhoto photo;
    std::string sha256{};
};

Result<Rendition> MakeRendition(std::string_view upload, PhotoLimits limits, int max_side) {
    limits.max_side = max_side;
    auto photo = MakeWebPhoto(upload, limits);
    if (!photo) {
        return Fail(std::move(photo.error()));
    }
    Rendition out{.photo = std::move(*photo)};
    out.sha256 = HexEncode(Sha256(out.photo.webp));
    return out;
}

Result<void> InsertRendition(storage::Conn& conn, const TenantId& tenant, const StoreId& store, std::string_view kind,
                             const Rendition& rendition, TimePoint now) {
    const storage::Blob bytes(rendition.photo.webp.begin(), rendition.photo.webp.end());
    auto inserted = conn.Exec(kInsertStorePhoto, tenant, rendition.id, store, kind, kPhotoContentType, bytes,
                              static_cast<std::int64_t>(bytes.size()), rendition.photo.width, rendition.photo.height,
                              rendition.sha256, UnixMillis(now));
    if (!inserted) {
        return Fail(std::move(inserted.error()));
    }
    return {};
}

}  // namespace

Result<StoredPhoto> FindPhoto(storage::Conn& conn, const TenantId& tenant, const PhotoId& photo,
                              const std::optional<StoreId>& store) {
    auto row = conn.QueryOne(kFindPhoto, tenant, photo);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row || (store && (*row)->Text("store_id") != store->str())) {
        return Fail(ApiError::NotFound("Photo"));
    }
    const storage::Row& r = **row;
    const storage::Blob& bytes = r.BlobAt("bytes");
    return StoredPhoto{.id = photo,
                       .webp = std::make_shared<const std::string>(bytes.begin(), bytes.end()),
                       .etag = "\"" + r.Text("sha256") + "\"",
                       .width = static_cast<int>(r.Int("width")),
                       .height = static_cast<int>(r.Int("height"))};
}

Result<std::optional<HeroPhoto>> FindHeroPhoto(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    auto rows = conn.Query(kSelectHero, tenant, store);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    HeroPhoto hero;
    for (const storage::Row& row : *rows) {
        auto id = PhotoId::Parse(row.Text("photo_id"));
        if (!id) {
            return Fail(ApiError::Internal("stored hero photo id does not parse: " + row.Text("photo_id")));
        }
        if (row.Text("kind") == kHeroKind) {
            hero.url = PhotoPath(tenant, *id);
            hero.width = static_cast<int>(row.Int("width"));
            hero.height = static_cast<int>(row.Int("height"));
        } else {
            hero.small_url = PhotoPath(tenant, *id);
        }
    }
    if (hero.url.empty() || hero.small_url.empty()) {
        return std::optional<HeroPhoto>{};  // both are written together; half a pair is no photo
    }
    return std::optional<HeroPhoto>(std::move(hero));
}

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
    co_return co_await db_.Read(
        [&](storage::Conn& conn) -> Result<StoredPhoto> { return FindPhoto(conn, tenant, photo, store); });
}

boost::asio::awaitable<Result<HeroPhoto>> PhotoService::UploadHero(TenantId tenant, StoreId store, std::string upload) {
    // Another tenant's store is not there whatever the bytes are: 404 before any decoding.
    auto found = co_await db_.Read([&](storage::Conn& conn) { return RequireStore(conn, tenant, store); });
    if (!found) {
        co_return Fail(std::move(found.error()));
    }
    // Both renditions from the upload itself (not the small from the large): one less generation
    // of loss, and JPEG DCT scaling makes the small one cheap.
    auto made = co_await pool_.Run([this, &upload]() -> Result<std::pair<Rendition, Rendition>> {
        auto large = MakeRendition(upload, limits_, kHeroMaxWidth);
        if (!large) {
            return Fail(std::move(large.error()));
        }
        auto small = MakeRendition(upload, limits_, kHeroSmallSide);
        if (!small) {
            return Fail(std::move(small.error()));
        }
        return std::pair{std::move(*large), std::move(*small)};
    });
    if (!made) {
        co_return Fail(std::move(made.error()));
    }
    upload.clear();
    upload.shrink_to_fit();
    const auto& [large, small] = *made;
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<HeroPhoto> {
        if (auto exists = RequireStore(conn, tenant, store); !exists) {
            return Fail(std::move(exists.error()));
        }
        if (auto deleted = conn.Exec(kDeleteHero, tenant, store); !deleted) {
            return Fail(std::move(deleted.error()));
        }
        if (auto done = InsertRendition(conn, tenant, store, kHeroKind, large, now); !done) {
            return Fail(std::move(done.error()));
        }
        if (auto done = InsertRendition(conn, tenant, store, kHeroSmallKind, small, now); !done) {
            return Fail(std::move(done.error()));
        }
        if (auto touched = stores::StoreDirectory::TouchSite(conn, tenant, store); !touched) {
            return Fail(std::move(touched.error()));
        }
        return HeroPhoto{.url = PhotoPath(tenant, large.id),
                         .small_url = PhotoPath(tenant, small.id),
                         .width = large.photo.width,
                         .height = large.photo.height};
    });
}

boost::asio::awaitable<Result<void>> PhotoService::RemoveHero(TenantId tenant, StoreId store) {
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<void> {
        if (auto exists = RequireStore(conn, tenant, store); !exists) {
            return exists;
        }
        auto deleted = conn.Exec(kDeleteHero, tenant, store);
        if (!deleted) {
            return Fail(std::move(deleted.error()));
        }
        if (*deleted == 0) {
            return {};  // nothing to remove: the site stays as rendered
        }
        return stores::StoreDirectory::TouchSite(conn, tenant, store);
    });
}

boost::asio::awaitable<Result<std::optional<HeroPhoto>>> PhotoService::Hero(TenantId tenant, StoreId store) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::optional<HeroPhoto>> {
        if (auto exists = RequireStore(conn, tenant, store); !exists) {
            return Fail(std::move(exists.error()));
        }
        return FindHeroPhoto(conn, tenant, store);
    });
}

}  // namespace webdpro::media
