#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace webdpro {

/// Every expected failure in WebDPro is one of these. The mapping to HTTP status and to the
/// public code string lives in error.cpp and nowhere else.
enum class ErrorCode : std::uint8_t {
    kInvalidArgument,   ///< 400: the request is malformed or a field is invalid
    kUnauthenticated,   ///< 401: no or bad credentials
    kForbidden,         ///< 403: authenticated, but the action is not allowed for this role
    kNotFound,          ///< 404: no such resource (also: another tenant's resource)
    kMethodNotAllowed,  ///< 405
    kConflict,          ///< 409: state conflict, duplicate, illegal transition, out of stock
    kPayloadTooLarge,   ///< 413
    kUnsupportedMedia,  ///< 415
    kUnprocessable,     ///< 422: well-formed but semantically rejected
    kRateLimited,       ///< 429
    kInternal,          ///< 500: a bug or an unexpected failure
    kUnavailable,       ///< 503: dependency down, database busy, shutting down
    kTimeout,           ///< 504: a dependency did not answer in time
    kPaymentRequired,   ///< 402: the tenant's plan does not include this (e.g. a custom domain)
};

/// HTTP status for a code.
int HttpStatus(ErrorCode code);
/// Stable lowercase name used in the JSON envelope, e.g. "not_found".
std::string_view CodeName(ErrorCode code);

/// One invalid field of a request, reported in the envelope's "fields" array.
struct FieldError {
    std::string field;
    std::string message;
    friend bool operator==(const FieldError&, const FieldError&) = default;
};

/// An expected failure. `message` is public (safe to show a user); `detail` is internal and
/// only ever reaches the log.
struct ApiError {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;
    std::string detail;
    std::vector<FieldError> fields;
    /// Seconds a client should wait before retrying (429/503); 0 = unspecified.
    int retry_after_s = 0;

    ApiError() = default;
    ApiError(ErrorCode c, std::string msg, std::string det = {})
        : code(c), message(std::move(msg)), detail(std::move(det)) {}

    static ApiError Invalid(std::string field, std::string message);
    static ApiError NotFound(std::string what);
    static ApiError Conflict(std::string message);
    static ApiError Internal(std::string detail);
    static ApiError Unavailable(std::string detail);
};

/// The result of anything that can fail in an expected way.
template <class T>
using Result = std::expected<T, ApiError>;

/// Shorthand for returning an error from a function returning Result<T>.
inline std::unexpected<ApiError> Fail(ApiError error) {
    return std::unexpected<ApiError>(std::move(error));
}
inline std::unexpected<ApiError> Fail(ErrorCode code, std::string message, std::string detail = {}) {
    return std::unexpected<ApiError>(ApiError(code, std::move(message), std::move(detail)));
}

}  // namespace webdpro
