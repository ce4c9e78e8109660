#pragma once

#include <utility>

#include "core/awaitable.hpp"
#include "core/error.hpp"

namespace webdpro {

/// Whether an error depends on what the request asked for (a bad body, a refused change) rather
/// than on whether its resource exists or the server could answer: every 4xx but 404.
inline bool RefusesTheRequest(const ApiError& error) {
    const int status = HttpStatus(error.code);
    return status >= 400 && status < 500 && error.code != ErrorCode::kNotFound;
}

/// Another tenant's id is not there whatever the body says: "not found" (404) answers before a
/// bad body (400) or any other refusal of the request. When `result` failed with an error for
/// which RefusesTheRequest holds, awaits `lookup()` — a lookup, in the caller's tenant, of the
/// resource the request names, returning a Result — and returns its error instead when it has one.
/// Any other outcome passes through unchanged, and `lookup` runs only on that error path, so a
/// right request costs nothing more. `lookup` is awaited before this returns (references it holds
/// need only outlive the co_await).
template <class T, class Lookup>
boost::asio::awaitable<Result<T>> NotFoundFirst(Result<T> result, Lookup lookup) {
    if (result || !RefusesTheRequest(result.error())) {
        co_return result;
    }
    if (auto found = co_await lookup(); !found) {
        co_return Fail(std::move(found.error()));
    }
    co_return result;
}

}  // namespace webdpro
