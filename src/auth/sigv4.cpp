#include "auth/sigv4.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "core/crypto.hpp"

namespace webdpro::auth {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

std::string Lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

/// Trims the value and folds inner runs of spaces into one, as SigV4 canonical headers require.
std::string CanonicalValue(std::string_view value) {
    std::string out;
    bool space = false;
    for (char c : value) {
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

std::vector<std::pair<std::string, std::string>> SortedHeaders(const SigV4Request& request) {
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& [name, value] : request.headers) {
        headers.emplace_back(Lower(name), CanonicalValue(value));
    }
    std::stable_sort(headers.begin(), headers.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return headers;
}

std::string SignedHeaderList(const std::vector<std::pair<std::string, std::string>>& headers) {
    std::string out;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (i > 0 && headers[i].first == headers[i - 1].first) {
            continue;
        }
        out += (out.empty() ? "" : ";") + headers[i].first;
    }
    return out;
}

}  // namespace

std::string AwsUriEncode(std::string_view text, bool keep_slash) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (unsigned char c : text) {
        if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4U]);
            out.push_back(kHex[c & 0x0FU]);
        }
    }
    return out;
}

std::string AmzDate(TimePoint time) {
    const std::time_t t = Clock::to_time_t(time);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &tm);
    return buffer;
}

std::string CanonicalRequest(const SigV4Request& request) {
    std::vector<std::pair<std::string, std::string>> query;
    for (const auto& [k, v] : request.query) {
        query.emplace_back(AwsUriEncode(k), AwsUriEncode(v));
    }
    std::sort(query.begin(), query.end());
    std::string canonical_query;
    for (const auto& [k, v] : query) {
        canonical_query += (canonical_query.empty() ? "" : "&") + k + "=" + v;
    }
    const auto headers = SortedHeaders(request);
    // Repeated headers are joined with commas under one name.
    std::string canonical_headers;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (i > 0 && headers[i].first == headers[i - 1].first) {
            canonical_headers.pop_back();
            canonical_headers += "," + headers[i].second + "\n";
            continue;
        }
        canonical_headers += headers[i].first + ":" + headers[i].second + "\n";
    }
    return request.method + "\n" + request.canonical_uri + "\n" + canonical_query + "\n" + canonical_headers + "\n" +
           SignedHeaderList(headers) + "\n" + HexEncode(Sha256(request.payload));
}

std::string StringToSign(std::string_view amz_date, std::string_view region, std::string_view service,
                         std::string_view canonical_request_hash) {
    const std::string_view date = amz_date.substr(0, 8);
    return std::string(kAlgorithm) + "\n" + std::string(amz_date) + "\n" + std::string(date) + "/" +
           std::string(region) + "/" + std::string(service) + "/aws4_request\n" + std::string(canonical_request_hash);
}

std::string SigV4Signature(std::string_view secret_access_key, std::string_view date, std::string_view region,
                           std::string_view service, std::string_view string_to_sign) {
    const std::string secret = "AWS4" + std::string(secret_access_key);
    const auto k_date = HmacSha256(secret, date);
    const auto k_region = HmacSha256(AsView(k_date), region);
    const auto k_service = HmacSha256(AsView(k_region), service);
    const auto k_signing = HmacSha256(AsView(k_service), "aws4_request");
    return HexEncode(HmacSha256(AsView(k_signing), string_to_sign));
}

SigV4Headers SignV4(const SigV4Request& request, const AwsCredentials& credentials) {
    SigV4Headers out;
    out.amz_date = AmzDate(request.time);
    SigV4Request signed_request = request;
    signed_request.headers.emplace_back("x-amz-date", out.amz_date);
    if (!credentials.session_token.empty()) {
        out.security_token = credentials.session_token;
        signed_request.headers.emplace_back("x-amz-security-token", credentials.session_token);
    }
    const std::string canonical = CanonicalRequest(signed_request);
    const std::string to_sign =
        StringToSign(out.amz_date, request.region, request.service, HexEncode(Sha256(canonical)));
    const std::string date = out.amz_date.substr(0, 8);
    const std::string signature =
        SigV4Signature(credentials.secret_access_key, date, request.region, request.service, to_sign);
    out.authorization = std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + "/" + date + "/" +
                        request.region + "/" + request.service +
                        "/aws4_request, SignedHeaders=" + SignedHeaderList(SortedHeaders(signed_request)) +
                        ", Signature=" + signature;
    return out;
}

}  // namespace webdpro::auth
