#include "storefront/store_export.hpp"

#include <vector>

#include "media/photos.hpp"
#include "storage/db.hpp"
#include "storefront/export.hpp"
#include "storefront/store_content.hpp"
#include "storefront/store_input.hpp"

namespace webdpro::storefront {
namespace {

Result<StoreContent> LoadBySlug(storage::Db& db, std::string_view slug) {
    return db.ReadSync<StoreContent>([&](storage::Conn& conn) -> Result<StoreContent> {
        auto ref = stores::StoreDirectory::BySlug(conn, slug);
        if (!ref) {
            return Fail(std::move(ref.error()));
        }
        if (!*ref) {
            return Fail(ApiError(ErrorCode::kNotFound, "There is no store '" + std::string(slug) + "'."));
        }
        auto content = LoadStoreContent(conn, (*ref)->tenant_id, (*ref)->store_id);
        if (!content) {
            return Fail(std::move(content.error()));
        }
        if (!*content) {
            return Fail(ApiError(ErrorCode::kNotFound, "The store '" + std::string(slug) + "' has no content yet."));
        }
        return std::move(**content);
    });
}

/// Reads "media/pho_….webp" of the store from the database.
MediaReader PhotoReader(storage::Db& db, const stores::StoreRef& store) {
    return [&db, &store](std::string_view path) -> Result<std::string> {
        auto photo = media::ParsePhotoFileName(path.substr(path.rfind('/') + 1));
        if (!photo) {
            return Fail(ApiError::NotFound("Photo"));
        }
        auto found = db.ReadSync<media::StoredPhoto>(
            [&](storage::Conn& conn) { return media::FindPhoto(conn, store.tenant_id, *photo, store.store_id); });
        if (!found) {
            return Fail(std::move(found.error()));
        }
        return *found->webp;
    };
}

}  // namespace

Result<StoreExportSummary> ExportStore(storage::Db& db, std::string_view slug, const std::filesystem::path& dir,
                                       const StoreExportOptions& options) {
    auto content = LoadBySlug(db, slug);
    if (!content) {
        return Fail(std::move(content.error()));
    }
    auto renderer = Renderer::CreateEmbedded();
    if (!renderer) {
        return Fail(std::move(renderer.error()));
    }
    RenderOptions mount;
    mount.canonical_root = options.canonical_root;
    mount.link_index_files = true;  // opens from file://
    const auto themes = renderer->Themes();
    const RenderInput input = BuildRenderInput(*content, std::move(mount), themes);
    auto site = renderer->Render(input.spec, input.options);
    if (!site) {
        return Fail(std::move(site.error()));
    }
    // The large hero is named only by og:image, with an absolute URL: add it by name.
    std::vector<std::string> also;
    if (const std::string& share = content->hero_share_photo; !share.empty()) {
        also.push_back("media/" + share.substr(share.rfind('/') + 1));
    }
    auto media = AddMediaFiles(*site, PhotoReader(db, content->ref), also);
    if (!media) {
        return Fail(std::move(media.error()));
    }
    auto written = WriteSite(*site, dir, options.gzip);
    if (!written) {
        return Fail(std::move(written.error()));
    }
    return StoreExportSummary{.theme = site->theme,
                              .products = content->products.size(),
                              .files = written->files,
                              .bytes = written->bytes,
                              .photos = media->added,
                              .missing_photos = media->missing,
                              .home_page_weight = CompressedPageWeight(*site, "index.html")};
}

}  // namespace webdpro::storefront
