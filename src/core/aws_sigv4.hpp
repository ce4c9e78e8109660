#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"

namespace webdpro {

/// AWS credentials for Signature Version 4. `session_token` is set for temporary (STS) keys.
struct AwsCredentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;
};

/// One request to sign. `path` is the path exactly as it goes on the wire (already
/// percent-encoded, e.g. "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"); `query`
/// is the raw query without '?'. `headers` are the headers to sign besides host and x-amz-date
/// (names in any case); host is `host` (with ":port" when not the scheme's default).
struct SigV4Request {
    std::string method;
    std::string host;
    std::string path;
    std::string query;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string_view body;
};

/// The intermediate and final values of one signature (exposed so tests can compare each step
/// with AWS's published test suite).
struct SigV4Signature {
    std::string canonical_request;
    std::string string_to_sign;
    std::string signature;       ///< 64 lowercase hex characters
    std::string authorization;   ///< the Authorization header value
    std::string amz_date;        ///< x-amz-date value
    std::string payload_hash;    ///< hex SHA-256 of the body
    std::string signed_headers;  ///< "content-type;host;x-amz-date"
};

/// RFC 3986 percent-encoding as SigV4 wants it: unreserved characters (A-Z a-z 0-9 - _ . ~) stay,
/// every other byte becomes %XX (upper-case hex); '/' stays when `keep_slash`.
std::string AwsUriEncode(std::string_view text, bool keep_slash = false);

/// Signs `request` with AWS Signature Version 4 (HMAC-SHA256, OpenSSL) for a non-S3 service:
/// the canonical URI is the wire path URI-encoded AGAIN, so a model id's "%3A" is signed as
/// "%253A" (what botocore does, and what Debian's libcurl gets wrong). `amz_date` is
/// "YYYYMMDDTHHMMSSZ". When credentials carry a session token, x-amz-security-token is signed
/// too (the caller must also send it). Pure function; thread-safe.
SigV4Signature SignSigV4(const SigV4Request& request, const AwsCredentials& credentials, std::string_view region,
                         std::string_view service, std::string_view amz_date);

/// "YYYYMMDDTHHMMSSZ" for `time` (UTC).
std::string AmzDate(TimePoint time);
/// "YYYYMMDDTHHMMSSZ" for the current UTC time.
std::string AmzDateNow();

}  // namespace webdpro
