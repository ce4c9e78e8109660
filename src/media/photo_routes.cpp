#include "media/photo_routes.hpp"

#include <nlohmann/json.hpp>

#include "catalog/catalog_routes.hpp"
#include "http/route_input.hpp"
#include "http/static_files.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::media {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;
using http::Request;
using http::Response;

constexpr std::string_view kPermission = "stores.manage";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

using http::TenantOf;

Response ProductResponse(const Result<catalog::Product>& product) {
    if (!product) {
        return Response::Error(product.error());
    }
    return Response::Json(200, catalog::ProductJson(*product));
}

Response PhotoResponse(const Request& request, const Result<StoredPhoto>& photo) {
    if (!photo) {
        return Response::Error(photo.error());
    }
    Response response;
    response.headers.Set("ETag", photo->etag);
    response.headers.Set("Cache-Control", kImmutable);
    const auto if_none_match = request.Header("If-None-Match");
    if (if_none_match && http::EtagMatches(*if_none_match, photo->etag)) {
        response.status = 304;
        return response;
    }
    response = Response::Shared(200, photo->webp, kPhotoContentType);
    response.compressible = false;  // WebP is already compressed
    response.headers.Set("ETag", photo->etag);
    response.headers.Set("Cache-Control", kImmutable);
    return response;
}

Awaitable Upload(PhotoService& photos, Request& request) {
    auto store = http::PathId<StoreId>(request, "store_id", "Store");
    auto product = http::PathId<ProductId>(request, "product_id", "Product");
    if (!store || !product) {
        co_return Response::Error(!store ? store.error() : product.error());
    }
    co_return ProductResponse(
        co_await photos.Upload(TenantOf(request), std::move(*store), std::move(*product), std::move(request.body)));
}

Awaitable Remove(PhotoService& photos, Request& request) {
    auto store = http::PathId<StoreId>(request, "store_id", "Store");
    auto product = http::PathId<ProductId>(request, "product_id", "Product");
    if (!store || !product) {
        co_return Response::Error(!store ? store.error() : product.error());
    }
    co_return ProductResponse(co_await photos.Remove(TenantOf(request), std::move(*store), std::move(*product)));
}

/// {"hero_photo": {url, small_url, width, height} | null}
Response HeroResponse(const std::optional<HeroPhoto>& hero) {
    nlohmann::json body = {{"hero_photo", nullptr}};
    if (hero) {
        body["hero_photo"] = {
            {"url", hero->url}, {"small_url", hero->small_url}, {"width", hero->width}, {"height", hero->height}};
    }
    return Response::Json(200, body);
}

Awaitable GetHero(PhotoService& photos, Request& request) {
    auto store = http::PathId<StoreId>(request, "store_id", "Store");
    if (!store) {
        co_return Response::Error(store.error());
    }
    auto hero = co_await photos.Hero(TenantOf(request), std::move(*store));
    co_return hero ? HeroResponse(*hero) : Response::Error(hero.error());
}

Awaitable UploadHero(PhotoService& photos, Request& request) {
    auto store = http::PathId<StoreId>(request, "store_id", "Store");
    if (!store) {
        co_return Response::Error(store.error());
    }
    auto hero = co_await photos.UploadHero(TenantOf(request), std::move(*store), std::move(request.body));
    co_return hero ? HeroResponse(*hero) : Response::Error(hero.error());
}

Awaitable RemoveHero(PhotoService& photos, Request& request) {
    auto store = http::PathId<StoreId>(request, "store_id", "Store");
    if (!store) {
        co_return Response::Error(store.error());
    }
    auto removed = co_await photos.RemoveHero(TenantOf(request), std::move(*store));
    co_return removed ? HeroResponse(std::nullopt) : Response::Error(removed.error());
}

Awaitable ServeForOwnerApp(PhotoService& photos, Request& request) {
    auto tenant = TenantId::Parse(request.Param("tenant_id"));
    auto photo = ParsePhotoFileName(request.Param("file"));
    if (!tenant || !photo) {
        co_return Response::Error(ApiError::NotFound("Photo"));
    }
    co_return PhotoResponse(request, co_await photos.Find(std::move(*tenant), std::move(*photo), std::nullopt));
}

/// Published stores only, like every public store file: an unpublished store's photo answers the
/// same 404 as a missing one.
Awaitable ServeForStore(PhotoService& photos, stores::StoreDirectory& directory, Request& request) {
    auto photo = ParsePhotoFileName(request.Param("file"));
    if (!photo) {
        co_return Response::Error(ApiError::NotFound("Photo"));
    }
    auto ref = co_await directory.BySlug(std::string(request.Param("slug")));
    if (!ref) {
        co_return Response::Error(std::move(ref.error()));
    }
    if (!*ref || !(*ref)->published()) {
        co_return Response::Error(ApiError::NotFound("Photo"));
    }
    co_return PhotoResponse(request, co_await photos.Find((*ref)->tenant_id, std::move(*photo), (*ref)->store_id));
}

Awaitable ServeForPreview(PhotoService& photos, Request& request) {
    auto store = StoreId::Parse(request.Param("store_id"));
    auto photo = ParsePhotoFileName(request.Param("file"));
    if (!store || !photo) {
        co_return Response::Error(ApiError::NotFound("Photo"));
    }
    co_return PhotoResponse(request, co_await photos.Find(TenantOf(request), std::move(*photo), std::move(*store)));
}

}  // namespace

void RegisterPhotoRoutes(http::Router& router, PhotoService& photos, stores::StoreDirectory& directory) {
    const http::RouteOptions owner{.permission = std::string(kPermission)};
    router.Put(
        "/api/stores/{store_id}/products/{product_id}/photo",
        [&photos](Request& request) { return Upload(photos, request); },
        http::RouteOptions{.body_limit = kMaxPhotoUploadBytes, .permission = std::string(kPermission)});
    router.Delete(
        "/api/stores/{store_id}/products/{product_id}/photo",
        [&photos](Request& request) { return Remove(photos, request); }, owner);
    router.Get(
        "/api/stores/{store_id}/hero-photo", [&photos](Request& request) { return GetHero(photos, request); }, owner);
    router.Put(
        "/api/stores/{store_id}/hero-photo", [&photos](Request& request) { return UploadHero(photos, request); },
        http::RouteOptions{.body_limit = kMaxPhotoUploadBytes, .permission = std::string(kPermission)});
    router.Delete(
        "/api/stores/{store_id}/hero-photo", [&photos](Request& request) { return RemoveHero(photos, request); },
        owner);
    router.Get("/media/{tenant_id}/{file}", [&photos](Request& request) { return ServeForOwnerApp(photos, request); });
    router.Get("/s/{slug}/media/{file}",
               [&photos, &directory](Request& request) { return ServeForStore(photos, directory, request); });
    router.Get(
        "/api/stores/{store_id}/preview/media/{file}",
        [&photos](Request& request) { return ServeForPreview(photos, request); }, owner);
}

}  // namespace webdpro::media
