#include "http/middleware.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <new>
#include <utility>

#include "core/ids.hpp"

namespace webdpro::http {
namespace {

constexpr std::string_view kAllowHeaders = "Content-Type, Authorization, X-Request-Id, Idempotency-Key";
constexpr std::string_view kExposeHeaders = "X-Request-Id, Retry-After";
constexpr std::string_view kPreflightMaxAge = "600";

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

// "0", "0.0", "0.000" mean "not acceptable"; anything else is some preference.
bool IsZeroQ(std::string_view params) {
    while (!params.empty()) {
        const std::size_t semi = params.find(';');
        const std::string_view param = Trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
        if (!StartsWithIgnoreCase(param, "q=")) {
            continue;
        }
        const std::string_view value = param.substr(2);
        if (value.empty()) {
            return false;
        }
        for (char c : value) {
            if (c != '0' && c != '.') {
                return false;
            }
        }
        return true;
    }
    return false;
}

// Visits every header field with a sane token syntax; a client naming odd headers gets none echoed.
bool IsHeaderListSane(std::string_view list) {
    if (list.size() > 512) {
        return false;
    }
    for (char c : list) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == ',' || c == ' ';
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace

bool IsValidRequestId(std::string_view id) {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::string AcceptRequestId(std::optional<std::string_view> incoming) {
    if (incoming && IsValidRequestId(*incoming)) {
        return std::string(*incoming);
    }
    return RequestId::New().str();
}

std::string ClientAddress(std::string_view peer, std::optional<std::string_view> forwarded_for,
                          bool trust_forwarded_for) {
    if (!trust_forwarded_for || !forwarded_for) {
        return std::string(peer);
    }
    std::string_view list = *forwarded_for;
    const std::size_t comma = list.rfind(',');
    const std::string_view last = Trim(comma == std::string_view::npos ? list : list.substr(comma + 1));
    if (last.empty() || last.size() > 64) {
        return std::string(peer);
    }
    return std::string(last);
}

Cors::Cors(std::vector<std::string> origins) : origins_(std::move(origins)) {}

bool Cors::Allows(std::string_view origin) const {
    for (const std::string& allowed : origins_) {
        if (allowed == origin) {
            return true;
        }
    }
    return false;
}

bool Cors::IsPreflight(const Request& request) {
    return request.method == Method::kOptions && request.Header("Origin").has_value() &&
           request.Header("Access-Control-Request-Method").has_value();
}

Response Cors::Preflight(const Request& request, std::string_view allow) const {
    Response response = Response::NoContent();
    if (enabled()) {
        response.headers.Set("Vary", "Origin");
    }
    const auto origin = request.Header("Origin");
    if (!origin || !Allows(*origin)) {
        return response;
    }
    response.headers.Set("Access-Control-Allow-Origin", *origin);
    response.headers.Set("Access-Control-Allow-Credentials", "true");
    response.headers.Set("Access-Control-Allow-Methods", allow.empty() ? "GET, HEAD, POST, PUT, PATCH, DELETE" : allow);
    const auto requested = request.Header("Access-Control-Request-Headers");
    if (requested && IsHeaderListSane(*requested)) {
        response.headers.Set("Access-Control-Allow-Headers", *requested);
    } else {
        response.headers.Set("Access-Control-Allow-Headers", kAllowHeaders);
    }
    response.headers.Set("Access-Control-Max-Age", kPreflightMaxAge);
    return response;
}

void Cors::Apply(const Request& request, Response& response) const {
    if (!enabled()) {
        return;
    }
    if (!response.headers.Has("Vary") || response.headers.Get("Vary")->find("Origin") == std::string_view::npos) {
        response.headers.Add("Vary", "Origin");
    }
    const auto origin = request.Header("Origin");
    if (!origin || !Allows(*origin)) {
        return;
    }
    response.headers.Set("Access-Control-Allow-Origin", *origin);
    response.headers.Set("Access-Control-Allow-Credentials", "true");
    response.headers.Set("Access-Control-Expose-Headers", kExposeHeaders);
}

bool AcceptsGzip(std::string_view accept_encoding) {
    bool star = false;
    while (!accept_encoding.empty()) {
        const std::size_t comma = accept_encoding.find(',');
        const std::string_view item = Trim(accept_encoding.substr(0, comma));
        accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
        const std::size_t semi = item.find(';');
        const std::string_view coding = Trim(item.substr(0, semi));
        const std::string_view params = semi == std::string_view::npos ? std::string_view() : item.substr(semi + 1);
        if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
            return !IsZeroQ(params);
        }
        if (coding == "*") {
            star = !IsZeroQ(params);
        }
    }
    return star;
}

bool IsCompressibleType(std::string_view content_type) {
    const std::string_view type = Trim(content_type.substr(0, content_type.find(';')));
    if (StartsWithIgnoreCase(type, "text/")) {
        return true;
    }
    for (std::string_view needle : {"json", "javascript", "xml", "yaml", "svg", "manifest"}) {
        if (type.find(needle) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

namespace {

// A deflate stream in gzip mode. Setting one up allocates ~270 KB inside zlib, so each thread keeps
// one per level it has used and resets it between bodies (a per-thread cache, not shared state).
class Deflater final {
public:
    explicit Deflater(int level) {
        // 15 window bits + 16 selects the gzip wrapper.
        ok_ = deflateInit2(&stream_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
    }
    ~Deflater() {
        if (ok_) {
            deflateEnd(&stream_);
        }
    }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    std::string Compress(std::string_view data) {
        if (!ok_ || deflateReset(&stream_) != Z_OK) {
            throw std::bad_alloc();
        }
        std::string out;
        out.resize(deflateBound(&stream_, static_cast<uLong>(data.size())));
        stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        stream_.avail_in = static_cast<uInt>(data.size());
        stream_.next_out = reinterpret_cast<Bytef*>(out.data());
        stream_.avail_out = static_cast<uInt>(out.size());
        const int rc = deflate(&stream_, Z_FINISH);
        if (rc != Z_STREAM_END) {
            throw std::bad_alloc();  // deflateBound guarantees room; only allocation can fail here
        }
        out.resize(stream_.total_out);
        return out;
    }

private:
    z_stream stream_{};
    bool ok_ = false;
};

}  // namespace

std::string GzipCompress(std::string_view data, int level) {
    constexpr int kLevels = 10;
    if (level < 0) {
        level = 6;  // zlib's default
    }
    level = std::min(level, kLevels - 1);
    thread_local std::array<std::unique_ptr<Deflater>, kLevels> deflaters;
    auto& deflater = deflaters[static_cast<std::size_t>(level)];
    if (!deflater) {
        deflater = std::make_unique<Deflater>(level);
    }
    return deflater->Compress(data);
}

std::optional<std::string> GzipDecompress(std::string_view data, std::size_t max_size) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) {
        return std::nullopt;
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char chunk[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(chunk);
        zs.avail_out = sizeof(chunk);
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            break;
        }
        out.append(chunk, sizeof(chunk) - zs.avail_out);
        if (out.size() > max_size) {
            rc = Z_MEM_ERROR;
            break;
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            rc = Z_DATA_ERROR;  // truncated input
        }
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        return std::nullopt;
    }
    return out;
}

void ApplyGzip(const Request& request, Response& response) {
    if (!response.compressible || response.sse || response.headers.Has("Content-Encoding")) {
        return;
    }
    const std::string_view body = response.Body();
    const auto type = response.headers.Get("Content-Type");
    if (body.size() < kMinGzipBytes || !type || !IsCompressibleType(*type)) {
        return;
    }
    response.headers.Add("Vary", "Accept-Encoding");
    const auto accept = request.Header("Accept-Encoding");
    if (!accept || !AcceptsGzip(*accept)) {
        return;
    }
    std::string compressed = GzipCompress(body);
    if (compressed.size() >= body.size()) {
        return;
    }
    response.body = std::move(compressed);
    response.shared_body.reset();
    response.headers.Set("Content-Encoding", "gzip");
    if (const auto etag = response.headers.Get("ETag"); etag && etag->size() >= 2 && etag->front() == '"') {
        std::string tagged(etag->substr(0, etag->size() - 1));
        tagged += "-gz\"";
        response.headers.Set("ETag", tagged);
    }
}

void ApplySecurityHeaders(Response& response) {
    response.headers.SetDefault("X-Content-Type-Options", "nosniff");
    response.headers.SetDefault("Referrer-Policy", "strict-origin-when-cross-origin");
    response.headers.SetDefault("X-Frame-Options", "DENY");
    const auto type = response.headers.Get("Content-Type");
    if (type && StartsWithIgnoreCase(*type, "text/html")) {
        response.headers.SetDefault("Content-Security-Policy", kDefaultCsp);
    }
}

}  // namespace webdpro::http
