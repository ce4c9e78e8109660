#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "storefront/render.hpp"

namespace webdpro::storefront {

/// What WriteSite wrote.
struct ExportSummary {
    std::size_t files = 0;
    std::size_t bytes = 0;
};

/// Writes every file of `site` under `dir` (created when missing), plus "<path>.gz" beside each
/// precompressed file when `with_gzip` (the layout nginx's gzip_static serves). Existing files with
/// the same names are replaced; nothing else in `dir` is touched. kInvalidArgument when `dir` exists
/// and is not a folder; kInternal with the path on an I/O failure.
Result<ExportSummary> WriteSite(const Site& site, const std::filesystem::path& dir, bool with_gzip);

/// Reads a media file the pages link, by its store-relative path ("media/pho_….webp"): its bytes,
/// or kNotFound.
using MediaReader = std::function<Result<std::string>(std::string_view path)>;

/// What AddMediaFiles did.
struct MediaSummary {
    std::size_t added = 0;
    std::size_t missing = 0;  ///< referenced but not found (the page shows no picture, as served)
};

/// Adds to `site` every file under "media/" that its HTML pages reference (src/href attributes)
/// and it does not hold yet, read with `read`: a served store loads owner photos from its origin,
/// so a copy on disk needs them as files to show them offline. Errors of `read` other than
/// kNotFound stop it. `also`: more media paths to add that no page links relatively (the large
/// hero photo that og:image names by absolute URL).
Result<MediaSummary> AddMediaFiles(Site& site, const MediaReader& read, std::span<const std::string> also = {});

/// The store-relative path a relative link `ref` on `page` points to ("p/a.html" + "../cart.html" →
/// "cart.html"; "p/a.html" + "../" → ""); query and fragment dropped. nullopt for absolute paths and
/// links that climb above the store root.
std::optional<std::string> ResolveLink(std::string_view page, std::string_view ref);

/// The store-relative paths of what `page` (its HTML `html`) loads from the store: images, icon,
/// manifest, script; not links to other pages or other sites. Each once, in order.
std::vector<std::string> PageResources(std::string_view page, std::string_view html);

/// Bytes a browser downloads, compressed, for `page` and everything it references inside the site
/// (images, icon, manifest, script): the page-weight budget's measure. Each file counts once, as its
/// gzip variant when it has one. 0 when `page` is not in the site.
std::size_t CompressedPageWeight(const Site& site, std::string_view page);

}  // namespace webdpro::storefront
