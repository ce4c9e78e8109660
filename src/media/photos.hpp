#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/products.hpp"
#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "media/image_codec.hpp"

namespace webdpro {
class WorkPool;
}
namespace webdpro::storage {
class Conn;
class Db;
}  // namespace webdpro::storage

namespace webdpro::media {

struct PhotoTag {
    static constexpr std::string_view kPrefix = "pho";
};
/// A stored product photo. New on every upload, so its URL never changes meaning (immutable caching).
using PhotoId = Id<PhotoTag>;

/// Largest upload accepted (the route's body limit): a phone photo is 3-8 MB.
inline constexpr std::int64_t kMaxPhotoUploadBytes = 8 * 1024 * 1024;
inline constexpr std::string_view kPhotoContentType = "image/webp";

/// Where the owner app loads a photo from, and what products.image holds:
/// "/media/{tenant_id}/{photo_id}.webp". A store page loads the same photo from its own origin as
/// "media/{photo_id}.webp" under the store's root (storefront/store_input.cpp maps it).
std::string PhotoPath(const TenantId& tenant, const PhotoId& photo);
/// The photo id of a file name "pho_….webp"; nullopt for anything else.
std::optional<PhotoId> ParsePhotoFileName(std::string_view file_name);

/// A photo as served: the WebP bytes (shared, never copied per request) and their strong ETag.
struct StoredPhoto {
    PhotoId id;
    std::shared_ptr<const std::string> webp;
    std::string etag;  ///< "\"<sha256 hex>\""
    int width = 0;
    int height = 0;
};

/// A store's hero photo (the picture at the top of its home page), in two renditions.
struct HeroPhoto {
    std::string url;        ///< PhotoPath of the large rendition (≤ kHeroMaxWidth px wide): link previews
    std::string small_url;  ///< PhotoPath of the small one (≤ kHeroSmallSide px): what the page shows
    int width = 0;          ///< of the large rendition
    int height = 0;
};

/// Hero renditions: the large one is at most this wide (and tall, so a portrait photo stays light).
inline constexpr int kHeroMaxWidth = 1600;
/// The small one: the hero is drawn at most 260 CSS px wide, so 640 px covers a phone at 2.5x.
inline constexpr int kHeroSmallSide = 640;

/// Inside the caller's transaction: the tenant's photo (product or store photo); with `store`,
/// only when it belongs to that store. kNotFound otherwise.
Result<StoredPhoto> FindPhoto(storage::Conn& conn, const TenantId& tenant, const PhotoId& photo,
                              const std::optional<StoreId>& store);

/// Inside the caller's transaction: the store's hero photo, nullopt when it has none.
Result<std::optional<HeroPhoto>> FindHeroPhoto(storage::Conn& conn, const TenantId& tenant, const StoreId& store);

/// Product photos: an upload is decoded, cleaned and shrunk on `pool` (never on an I/O thread),
/// then stored in the database with the product pointing at it, all in one write transaction
/// that also bumps the store's site_version so the storefront re-renders. A product has at most
/// one photo; replacing or removing it deletes the old row.
///
/// Every method takes the TenantId from the principal or from a resolved store; another
/// tenant's store, product or photo is kNotFound. Thread-safe; db and pool must outlive it.
class PhotoService final {
public:
    PhotoService(storage::Db& db, WorkPool& pool, PhotoLimits limits = {});

    /// Sets the product's photo from the uploaded bytes (any format MakeWebPhoto accepts).
    /// kNotFound ("Store"/"Product") before the bytes are even looked at; then the errors of
    /// MakeWebPhoto (415, 400, 413), kUnavailable when the pool is full. Returns the product with
    /// `image` = PhotoPath(...).
    boost::asio::awaitable<Result<catalog::Product>> Upload(TenantId tenant, StoreId store, ProductId product,
                                                            std::string upload);
    /// Removes the product's photo (image "" = generated art again). Idempotent.
    boost::asio::awaitable<Result<catalog::Product>> Remove(TenantId tenant, StoreId store, ProductId product);
    /// The tenant's photo; with `store`, only when it belongs to that store. kNotFound otherwise.
    boost::asio::awaitable<Result<StoredPhoto>> Find(TenantId tenant, PhotoId photo, std::optional<StoreId> store);

    /// Sets the store's hero photo from the uploaded bytes: the same checks as Upload, then two
    /// renditions (kHeroMaxWidth and kHeroSmallSide) replace the old ones and the site re-renders.
    /// kNotFound ("Store") before the bytes are looked at.
    boost::asio::awaitable<Result<HeroPhoto>> UploadHero(TenantId tenant, StoreId store, std::string upload);
    /// Removes the store's hero photo (the generated art again). Idempotent.
    boost::asio::awaitable<Result<void>> RemoveHero(TenantId tenant, StoreId store);
    /// The store's hero photo, nullopt when it has none; kNotFound ("Store") for another tenant's.
    boost::asio::awaitable<Result<std::optional<HeroPhoto>>> Hero(TenantId tenant, StoreId store);

private:
    storage::Db& db_;
    WorkPool& pool_;
    PhotoLimits limits_;
};

}  // namespace webdpro::media
