#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace webdpro::storage {
class Db;
}

namespace webdpro::storefront {

struct StoreExportOptions {
    /// The address the copy will be served from ("https://shop.example/"), for canonical links,
    /// the sitemap and link previews; "" leaves them out.
    std::string canonical_root{};
    /// Also write "<file>.gz" beside each compressible file (nginx gzip_static).
    bool gzip = false;
};

struct StoreExportSummary {
    std::string theme;
    std::size_t products = 0;
    std::size_t files = 0;
    std::size_t bytes = 0;
    std::size_t photos = 0;            ///< owner photos written as files under media/
    std::size_t missing_photos = 0;    ///< referenced but gone (shown as no picture)
    std::size_t home_page_weight = 0;  ///< compressed bytes of index.html with what it loads
};

/// Writes the store with `slug` as its customers see it now (its catalog, hero and product
/// photos) into `dir` as a static site with relative links: it opens from disk (file://) and
/// shows its photos offline, or can be served by any web server. Blocking (CLI): reads `db` with
/// ReadSync. kNotFound when there is no such store or it has no content yet.
Result<StoreExportSummary> ExportStore(storage::Db& db, std::string_view slug, const std::filesystem::path& dir,
                                       const StoreExportOptions& options);

}  // namespace webdpro::storefront
