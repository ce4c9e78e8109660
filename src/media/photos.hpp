#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "catalog/products.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "media/image_codec.hpp"

namespace webdpro {
class WorkPool;
}
namespace webdpro::storage {
class Db;
}

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

private:
    storage::Db& db_;
    WorkPool& pool_;
    PhotoLimits limits_;
};

}  // namespace webdpro::media
