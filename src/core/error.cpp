#include "core/error.hpp"

namespace webdpro {

int HttpStatus(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return 400;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kForbidden:
            return 403;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kMethodNotAllowed:
            return 405;
        case ErrorCode::kConflict:
            return 409;
        case ErrorCode::kPayloadTooLarge:
            return 413;
        case ErrorCode::kUnsupportedMedia:
            return 415;
        case ErrorCode::kUnprocessable:
            return 422;
        case ErrorCode::kRateLimited:
            return 429;
        case ErrorCode::kInternal:
            return 500;
        case ErrorCode::kUnavailable:
            return 503;
        case ErrorCode::kTimeout:
            return 504;
        case ErrorCode::kPaymentRequired:
            return 402;
    }
    return 500;
}

std::string_view CodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return "invalid_argument";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kForbidden:
            return "forbidden";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kMethodNotAllowed:
            return "method_not_allowed";
        case ErrorCode::kConflict:
            return "conflict";
        case ErrorCode::kPayloadTooLarge:
            return "payload_too_large";
        case ErrorCode::kUnsupportedMedia:
            return "unsupported_media_type";
        case ErrorCode::kUnprocessable:
            return "unprocessable";
        case ErrorCode::kRateLimited:
            return "rate_limited";
        case ErrorCode::kInternal:
            return "internal";
        case ErrorCode::kUnavailable:
            return "unavailable";
        case ErrorCode::kTimeout:
            return "timeout";
        case ErrorCode::kPaymentRequired:
            return "payment_required";
    }
    return "internal";
}

ApiError ApiError::Invalid(std::string field, std::string message) {
    ApiError e(ErrorCode::kInvalidArgument, "The request has invalid fields.");
    e.fields.push_back({std::move(field), std::move(message)});
    return e;
}

ApiError ApiError::NotFound(std::string what) {
    return ApiError(ErrorCode::kNotFound, std::move(what) + " not found.");
}

ApiError ApiError::Conflict(std::string message) {
    return ApiError(ErrorCode::kConflict, std::move(message));
}

ApiError ApiError::Internal(std::string detail) {
    return ApiError(ErrorCode::kInternal, "Something went wrong on our side. Please try again.", std::move(detail));
}

ApiError ApiError::Unavailable(std::string detail) {
    return ApiError(ErrorCode::kUnavailable, "The service is busy. Please try again shortly.", std::move(detail));
}

}  // namespace webdpro
