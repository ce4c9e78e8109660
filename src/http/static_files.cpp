#include "http/static_files.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "http/middleware.hpp"

namespace webdpro::http {
namespace {

constexpr std::string_view kIndex = "index.html";
constexpr std::string_view kHtmlCacheControl = "no-cache";

struct TypeByExtension {
    std::string_view extension;
    std::string_view type;
};

constexpr std::array<TypeByExtension, 20> kTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".webp", "image/webp"},
    {".gif", "image/gif"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
    {".xml", "application/xml"},
    {".yaml", "application/yaml"},
    {".yml", "application/yaml"},
    {".webmanifest", "application/manifest+json"},
    {".woff2", "font/woff2"},
}};

bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && EqualsIgnoreCase(text.substr(text.size() - suffix.size()), suffix);
}

bool IsHtml(std::string_view content_type) {
    return content_type.starts_with("text/html");
}

// Only plain relative paths of ordinary names: no traversal, no hidden files, no odd bytes.
bool IsSafePath(std::string_view path) {
    if (path.empty() || path.size() > 1024) {
        return false;
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string_view segment =
            path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (segment.empty() || segment.front() == '.') {
            return false;
        }
        for (char c : segment) {
            if (c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) {
                return false;
            }
        }
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    return true;
}

std::string Resolve(std::string_view path) {
    std::string relative(path);
    if (relative.empty() || relative.back() == '/') {
        relative += kIndex;
    }
    return relative;
}

std::string Hex64(std::uint64_t value) {
    constexpr std::string_view kDigits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = kDigits[value & 0xFU];
        value >>= 4U;
    }
    return out;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view path) {
    for (const auto& [extension, type] : kTypes) {
        if (EndsWithIgnoreCase(path, extension)) {
            return type;
        }
    }
    return "application/octet-stream";
}

std::string ContentEtag(std::string_view data) {
    // FNV-1a: not cryptographic, but an ETag only has to change when the bytes do.
    std::uint64_t hash = 14695981039346656037ULL;
    for (char c : data) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return "\"" + Hex64(hash) + "-" + std::to_string(data.size()) + "\"";
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
    while (!if_none_match.empty()) {
        const std::size_t comma = if_none_match.find(',');
        std::string_view candidate = if_none_match.substr(0, comma);
        if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
        while (!candidate.empty() && candidate.front() == ' ') {
            candidate.remove_prefix(1);
        }
        while (!candidate.empty() && candidate.back() == ' ') {
            candidate.remove_suffix(1);
        }
        if (candidate == "*") {
            return true;
        }
        if (candidate.starts_with("W/")) {
            candidate.remove_prefix(2);
        }
        if (candidate == etag) {
            return true;
        }
    }
    return false;
}

StaticFiles::StaticFiles(std::span<const EmbeddedFile> files, StaticFilesOptions options)
    : options_(std::move(options)) {
    if (!options_.dir.empty()) {
        return;
    }
    for (const EmbeddedFile& embedded : files) {
        File file;
        file.data = std::make_shared<const std::string>(embedded.data);
        file.content_type = ContentTypeFor(embedded.path);
        file.etag = ContentEtag(embedded.data);
        if (embedded.data.size() >= kMinGzipBytes && IsCompressibleType(file.content_type)) {
            auto compressed = GzipCompress(embedded.data, 9);
            if (compressed.size() < embedded.data.size()) {
                file.gzip_etag = file.etag.substr(0, file.etag.size() - 1) + "-gz\"";
                file.gzip = std::make_shared<const std::string>(std::move(compressed));
            }
        }
        files_.emplace(std::string(embedded.path), std::move(file));
    }
}

std::optional<StaticFiles::File> StaticFiles::ReadFromDisk(const std::string& relative) const {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path root = fs::canonical(options_.dir, ec);
    if (ec) {
        return std::nullopt;
    }
    const fs::path full = fs::canonical(root / relative, ec);
    if (ec || !fs::is_regular_file(full, ec)) {
        return std::nullopt;
    }
    // Symlinks may not lead out of the folder either.
    const std::string root_text = root.string() + "/";
    if (!full.string().starts_with(root_text)) {
        return std::nullopt;
    }
    std::ifstream in(full, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    File file;
    file.content_type = ContentTypeFor(relative);
    file.etag = ContentEtag(data);
    // The server may gzip this on the fly and tag it so; accept that tag back too.
    file.gzip_etag = file.etag.substr(0, file.etag.size() - 1) + "-gz\"";
    file.data = std::make_shared<const std::string>(std::move(data));
    return file;
}

Response StaticFiles::Serve(const Request& request, std::string_view path) const {
    const std::string relative = Resolve(path);
    if (!IsSafePath(relative)) {
        return Response::Error(ApiError::NotFound("File"));
    }
    if (!options_.dir.empty()) {
        const auto file = ReadFromDisk(relative);
        if (!file) {
            return Response::Error(ApiError::NotFound("File"));
        }
        return Build(request, *file);
    }
    const auto it = files_.find(relative);
    if (it == files_.end()) {
        return Response::Error(ApiError::NotFound("File"));
    }
    return Build(request, it->second);
}

Response StaticFiles::Build(const Request& request, const File& file) const {
    const auto accept = request.Header("Accept-Encoding");
    const bool gzip = file.gzip && accept && AcceptsGzip(*accept);
    const std::string& etag = gzip ? file.gzip_etag : file.etag;

    Response response;
    response.compressible = !file.gzip;  // disk files: let the server gzip them on the fly
    response.headers.Set("Content-Type", file.content_type);
    response.headers.Set("ETag", etag);
    if (IsHtml(file.content_type)) {
        response.headers.Set("Cache-Control", kHtmlCacheControl);
    } else {
        response.headers.Set("Cache-Control", "public, max-age=" + std::to_string(options_.max_age_s));
    }
    if (file.gzip) {
        response.headers.Set("Vary", "Accept-Encoding");
    }
    const auto if_none_match = request.Header("If-None-Match");
    if (if_none_match && (EtagMatches(*if_none_match, file.etag) ||
                          (!file.gzip_etag.empty() && EtagMatches(*if_none_match, file.gzip_etag)))) {
        response.status = 304;
        return response;
    }
    response.status = 200;
    if (gzip) {
        response.headers.Set("Content-Encoding", "gzip");
        response.shared_body = file.gzip;
    } else {
        response.shared_body = file.data;
    }
    return response;
}

void RegisterStaticRoutes(Router& router, const StaticFiles& files) {
    router.Get("/{path...}", [&files](Request& request) -> boost::asio::awaitable<Response> {
        const std::string_view path = request.Param("path");
        if (path == "api" || path.starts_with("api/")) {
            co_return Response::Error(ApiError(ErrorCode::kNotFound, "There is nothing at this address."));
        }
        co_return files.Serve(request, path);
    });
}

}  // namespace webdpro::http
