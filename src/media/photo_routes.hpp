#pragma once

#include "http/router.hpp"
#include "media/photos.hpp"

namespace webdpro::stores {
class StoreDirectory;
}

namespace webdpro::media {

/// Product and store photo routes:
/// - PUT /api/stores/{store_id}/products/{product_id}/photo (raw picture bytes, any Content-Type,
///   at most kMaxPhotoUploadBytes) and DELETE …/photo → {product} (permission stores.manage);
/// - GET/PUT/DELETE /api/stores/{store_id}/hero-photo: the store's hero photo (PUT takes raw picture
///   bytes like the product photo) → {hero_photo: {url, small_url, width, height} | null}
///   (permission stores.manage);
/// - GET /media/{tenant_id}/{photo_id}.webp: the photo for the owner app (public: ids are random);
/// - GET /s/{slug}/media/{photo_id}.webp: the photo from a published store's own origin (also on
///   its subdomain and custom domain, through the host rewrite);
/// - GET /api/stores/{store_id}/preview/media/{photo_id}.webp: the same in the owner's preview.
/// Photos are immutable (a new upload gets a new id): served with a strong ETag and a year of
/// caching. Register before the storefront's catch-alls. Both references must outlive the router.
void RegisterPhotoRoutes(http::Router& router, PhotoService& photos, stores::StoreDirectory& directory);

}  // namespace webdpro::media
