#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/embedded.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace webdpro::http {

struct StaticFilesOptions {
    /// When non-empty, files come from this folder and are re-read on every request (development,
    /// `--web-dir`); otherwise from the embedded set.
    std::string dir;
    /// Cache-Control max-age for everything but HTML (which gets no-cache and revalidates by ETag).
    int max_age_s = 300;
};

/// Serves a file set with content types, strong ETags (If-None-Match → 304), Cache-Control and,
/// for compressible embedded files, a gzip variant computed once at construction.
/// "" or a path ending in '/' means that folder's index.html. Paths with "..", ".", empty or hidden
/// (dot) segments, backslashes or NUL are never served, so nothing outside the set can be reached.
/// Immutable after construction, so thread-safe. Embedded data must outlive the object (it does:
/// it lives for the whole program).
class StaticFiles final {
public:
    StaticFiles(std::span<const EmbeddedFile> files, StaticFilesOptions options);

    /// The response for a GET or HEAD of `path` (relative, '/'-separated, already percent-decoded).
    /// A 404 envelope when there is no such file.
    Response Serve(const Request& request, std::string_view path) const;

    /// Number of embedded files indexed (0 when serving from a folder).
    std::size_t size() const { return files_.size(); }

private:
    struct File {
        std::shared_ptr<const std::string> data;
        std::shared_ptr<const std::string> gzip;  // null when not worth it
        std::string etag;
        std::string gzip_etag;
        std::string_view content_type;
    };

    std::optional<File> ReadFromDisk(const std::string& relative) const;
    Response Build(const Request& request, const File& file) const;

    StaticFilesOptions options_;
    std::unordered_map<std::string, File> files_;
};

/// The content type for a file name by extension; application/octet-stream when unknown.
std::string_view ContentTypeFor(std::string_view path);

/// A strong ETag for `data`: a quoted 64-bit content hash plus the length.
std::string ContentEtag(std::string_view data);

/// True when the If-None-Match value lists `etag` (or is "*"). Weak comparison, as RFC 9110 asks
/// for If-None-Match.
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

/// Mounts `files` as GET (and so HEAD) `/{path...}`: the lowest-precedence route, so every other
/// route wins. Paths under /api/ answer a JSON 404 instead of a file. `files` must outlive `router`.
void RegisterStaticRoutes(Router& router, const StaticFiles& files);

}  // namespace webdpro::http
