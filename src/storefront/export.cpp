#include "storefront/export.hpp"

#include <fstream>
#include <set>
#include <system_error>

#include "http/static_files.hpp"

namespace webdpro::storefront {
namespace {

Result<void> WriteFile(const std::filesystem::path& path, std::string_view data) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
        return Fail(ErrorCode::kInternal, "cannot create " + path.parent_path().string() + ": " + ec.message());
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.close();
    if (!out) {
        return Fail(ErrorCode::kInternal, "cannot write " + path.string());
    }
    return {};
}

/// The value of every src="…" / href="…" attribute in `html`, undecoded except for "&#x2F;" → '/'
/// and "&amp;" → '&' (the only escapes the renderer's own links carry).
std::vector<std::string> References(std::string_view html) {
    std::vector<std::string> out;
    for (std::string_view attribute : {" src=\"", " href=\""}) {
        for (std::size_t pos = html.find(attribute); pos != std::string_view::npos;
             pos = html.find(attribute, pos + 1)) {
            const std::size_t start = pos + attribute.size();
            const std::size_t end = html.find('"', start);
            if (end == std::string_view::npos) {
                break;
            }
            std::string value(html.substr(start, end - start));
            for (std::size_t p = value.find("&#x2F;"); p != std::string::npos; p = value.find("&#x2F;")) {
                value.replace(p, 6, "/");
            }
            for (std::size_t p = value.find("&amp;"); p != std::string::npos; p = value.find("&amp;")) {
                value.replace(p, 5, "&");
            }
            out.push_back(std::move(value));
        }
    }
    return out;
}

}  // namespace

std::optional<std::string> ResolveLink(std::string_view page, std::string_view ref) {
    const std::size_t cut = ref.find_first_of("?#");
    ref = ref.substr(0, cut);
    std::vector<std::string> parts;
    std::string_view folder = page.substr(0, page.rfind('/') == std::string_view::npos ? 0 : page.rfind('/'));
    auto push = [&](std::string_view path) -> bool {
        while (!path.empty()) {
            const std::size_t slash = path.find('/');
            const std::string_view segment = path.substr(0, slash);
            path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
            if (segment == "..") {
                if (parts.empty()) {
                    return false;
                }
                parts.pop_back();
            } else if (!segment.empty() && segment != ".") {
                parts.emplace_back(segment);
            }
        }
        return true;
    };
    if (ref.starts_with('/') || !push(folder) || !push(ref)) {
        return std::nullopt;
    }
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : "/") + part;
    }
    if (ref.empty() || ref.ends_with('/') || ref == "." || ref.ends_with("/.")) {
        out += out.empty() ? "" : "/";
    }
    return out;
}

Result<ExportSummary> WriteSite(const Site& site, const std::filesystem::path& dir, bool with_gzip) {
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec)) {
        return Fail(ErrorCode::kInvalidArgument, dir.string() + " exists and is not a folder");
    }
    ExportSummary summary;
    for (const auto& [path, file] : site.files) {
        if (auto done = WriteFile(dir / path, file.body); !done) {
            return std::unexpected(done.error());
        }
        ++summary.files;
        summary.bytes += file.body.size();
        if (with_gzip && !file.gzip.empty()) {
            if (auto done = WriteFile(dir / (path + ".gz"), file.gzip); !done) {
                return std::unexpected(done.error());
            }
            ++summary.files;
            summary.bytes += file.gzip.size();
        }
    }
    return summary;
}

Result<MediaSummary> AddMediaFiles(Site& site, const MediaReader& read, std::span<const std::string> also) {
    constexpr std::string_view kMediaFolder = "media/";
    std::set<std::string, std::less<>> wanted;
    for (const std::string& path : also) {
        if (path.starts_with(kMediaFolder) && !site.files.contains(path)) {
            wanted.insert(path);
        }
    }
    for (const auto& [path, file] : site.files) {
        if (!path.ends_with(".html")) {
            continue;
        }
        for (const std::string& ref : References(file.body)) {
            if (auto resolved = ResolveLink(path, ref);
                resolved && resolved->starts_with(kMediaFolder) && !site.files.contains(*resolved)) {
                wanted.insert(std::move(*resolved));
            }
        }
    }
    MediaSummary summary;
    for (const std::string& path : wanted) {
        auto bytes = read(path);
        if (!bytes) {
            if (bytes.error().code != ErrorCode::kNotFound) {
                return std::unexpected(bytes.error());
            }
            ++summary.missing;
            continue;
        }
        SiteFile file;  // photos are already compressed: no gzip variant
        file.content_type = http::ContentTypeFor(path);
        file.etag = http::ContentEtag(*bytes);
        file.body = std::move(*bytes);
        site.files.emplace(path, std::move(file));
        ++summary.added;
    }
    return summary;
}

std::vector<std::string> PageResources(std::string_view page, std::string_view html) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const std::string& ref : References(html)) {
        if (ref.empty() || ref.starts_with('#') || ref.find(':') != std::string::npos || ref.ends_with(".html") ||
            ref.ends_with('/')) {
            continue;  // links to other pages and other sites are not part of this page's weight
        }
        const auto resolved = ResolveLink(page, ref);
        if (resolved && seen.insert(*resolved).second) {
            out.push_back(*resolved);
        }
    }
    return out;
}

std::size_t CompressedPageWeight(const Site& site, std::string_view page) {
    const SiteFile* html = site.Find(page);
    if (html == nullptr) {
        return 0;
    }
    auto wire = [](const SiteFile& file) { return file.gzip.empty() ? file.body.size() : file.gzip.size(); };
    std::size_t total = wire(*html);
    for (const std::string& resource : PageResources(page, html->body)) {
        if (const SiteFile* file = site.Find(resource)) {
            total += wire(*file);
        }
    }
    return total;
}

}  // namespace webdpro::storefront
