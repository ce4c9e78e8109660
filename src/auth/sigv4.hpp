#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"

namespace webdpro::auth {

/// AWS credentials for Signature Version 4.
struct AwsCredentials {
    std::string access_key_id{};
    std::string secret_access_key{};
    std::string session_token{};  ///< only for temporary credentials; empty otherwise
};

/// One request to sign with AWS Signature Version 4 (header form, AWS4-HMAC-SHA256).
struct SigV4Request {
    std::string method = "POST";
    std::string canonical_uri = "/";                             ///< already URI-encoded path
    std::vector<std::pair<std::string, std::string>> query{};    ///< raw (not yet encoded) pairs
    std::vector<std::pair<std::string, std::string>> headers{};  ///< headers to sign; must include host
    std::string payload{};
    std::string region{};
    std::string service{};
    TimePoint time{};
};

/// The headers to add to the request so that it is signed.
struct SigV4Headers {
    std::string authorization{};
    std::string amz_date{};        ///< X-Amz-Date, "20150830T123600Z"
    std::string security_token{};  ///< X-Amz-Security-Token, when the credentials have one
};

/// RFC 3986 percent-encoding as SigV4 wants it: A-Z a-z 0-9 - _ . ~ stay, every other byte becomes
/// %XX (upper-case hex); '/' stays only when `keep_slash`.
std::string AwsUriEncode(std::string_view text, bool keep_slash = false);

/// "20150830T123600Z".
std::string AmzDate(TimePoint time);

/// The canonical request (method, URI, sorted encoded query, lower-cased sorted headers with
/// trimmed values, signed header list, hex SHA-256 of the payload). Exposed for tests.
std::string CanonicalRequest(const SigV4Request& request);

/// "AWS4-HMAC-SHA256\n<amz date>\n<date>/<region>/<service>/aws4_request\n<hex sha256 of canonical>".
std::string StringToSign(std::string_view amz_date, std::string_view region, std::string_view service,
                         std::string_view canonical_request_hash);

/// Hex HMAC of `string_to_sign` under the key derived from the secret, date (YYYYMMDD), region
/// and service.
std::string SigV4Signature(std::string_view secret_access_key, std::string_view date, std::string_view region,
                           std::string_view service, std::string_view string_to_sign);

/// Signs `request`: adds x-amz-date (and x-amz-security-token) to the signed headers and returns
/// the header values to send. Pure; thread-safe.
SigV4Headers SignV4(const SigV4Request& request, const AwsCredentials& credentials);

}  // namespace webdpro::auth
