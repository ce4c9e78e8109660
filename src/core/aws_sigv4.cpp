#include "core/aws_sigv4.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>

#include "core/crypto.hpp"

namespace webdpro {
namespace {

std::string Lower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Header values are trimmed and inner runs of spaces collapse to one (SigV4 canonical headers).
std::string TrimAll(std::string_view value) {
    std::string out;
    bool space = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out.push_back(' ');
            space = false;
        }
        out.push_back(c);
    }
    return out;
}

// The query as SigV4 wants it: each name and value encoded, pairs sorted by name then value.
std::string CanonicalQuery(std::string_view query) {
    if (query.empty()) {
        return {};
    }
    std::vector<std::pair<std::string, std::string>> pairs;
    std::size_t start = 0;
    while (start <= query.size()) {
        const std::size_t end = std::min(query.find('&', start), query.size());
        const std::string_view item = query.substr(start, end - start);
        if (!item.empty()) {
            const std::size_t eq = item.find('=');
            const std::string_view name = item.substr(0, eq);
            const std::string_view value = eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
            pairs.emplace_back(AwsUriEncode(name, false), AwsUriEncode(value, false));
        }
        start = end + 1;
    }
    std::ranges::sort(pairs);
    std::string out;
    for (const auto& [name, value] : pairs) {
        if (!out.empty()) {
            out.push_back('&');
        }
        out += name + "=" + value;
    }
    return out;
}

}  // namespace

std::string AwsUriEncode(std::string_view text, bool keep_slash) {
    std::string out;
    out.reserve(text.size() * 3);
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
            out.push_back(ch);
        } else {
            constexpr std::string_view kHex = "0123456789ABCDEF";
            out.push_back('%');
            out.push_back(kHex[c >> 4U]);
            out.push_back(kHex[c & 0x0FU]);
        }
    }
    return out;
}

SigV4Signature SignSigV4(const SigV4Request& request, const AwsCredentials& credentials, std::string_view region,
                         std::string_view service, std::string_view amz_date) {
    SigV4Signature sig;
    sig.amz_date = std::string(amz_date);
    sig.payload_hash = HexEncode(Sha256(request.body));

    std::vector<std::pair<std::string, std::string>> headers;
    headers.emplace_back("host", TrimAll(request.host));
    headers.emplace_back("x-amz-date", sig.amz_date);
    if (!credentials.session_token.empty()) {
        headers.emplace_back("x-amz-security-token", credentials.session_token);
    }
    for (const auto& [name, value] : request.headers) {
        std::string lower = Lower(name);
        if (lower == "host" || lower == "x-amz-date" || lower == "x-amz-security-token" || lower == "authorization") {
            continue;
        }
        headers.emplace_back(std::move(lower), TrimAll(value));
    }
    std::ranges::stable_sort(headers, {}, &std::pair<std::string, std::string>::first);

    // A header sent more than once is signed once, its values joined with ',' in sending order.
    std::string canonical_headers;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        const std::string& name = headers[i].first;
        if (i > 0 && headers[i - 1].first == name) {
            canonical_headers.back() = ',';
            canonical_headers += headers[i].second + "\n";
            continue;
        }
        canonical_headers += name + ":" + headers[i].second + "\n";
        if (!sig.signed_headers.empty()) {
            sig.signed_headers.push_back(';');
        }
        sig.signed_headers += name;
    }

    // Non-S3 services: the canonical URI is the (already encoded) wire path encoded once more.
    const std::string path = request.path.empty() ? std::string("/") : request.path;
    sig.canonical_request = request.method + "\n" + AwsUriEncode(path, true) + "\n" + CanonicalQuery(request.query) +
                            "\n" + canonical_headers + "\n" + sig.signed_headers + "\n" + sig.payload_hash;

    const std::string_view date = amz_date.substr(0, 8);
    const std::string scope =
        std::string(date) + "/" + std::string(region) + "/" + std::string(service) + "/aws4_request";
    sig.string_to_sign =
        "AWS4-HMAC-SHA256\n" + sig.amz_date + "\n" + scope + "\n" + HexEncode(Sha256(sig.canonical_request));

    const auto k_date = HmacSha256("AWS4" + credentials.secret_access_key, date);
    const auto k_region = HmacSha256(AsView(k_date), region);
    const auto k_service = HmacSha256(AsView(k_region), service);
    const auto k_signing = HmacSha256(AsView(k_service), "aws4_request");
    sig.signature = HexEncode(HmacSha256(AsView(k_signing), sig.string_to_sign));
    sig.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope +
                        ", SignedHeaders=" + sig.signed_headers + ", Signature=" + sig.signature;
    return sig;
}

std::string AmzDate(TimePoint time) {
    const std::time_t now = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof(text), "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

std::string AmzDateNow() {
    return AmzDate(NowUtc());
}

}  // namespace webdpro
