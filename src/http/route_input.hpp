#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/not_found_first.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

// What a route handler reads from its request before it calls a service: the caller's tenant, the
// ids of the path and the fields of a JSON body, each wrong one answered the same way everywhere.
// Another tenant's id answers 404 before a bad body answers 400: read the body, then pass the result
// through NotFoundFirst (core/not_found_first.hpp, included here) with a lookup of the path's resource.
namespace webdpro::http {

/// The tenant a tenant-scoped route acts in. Only for routes whose permission is tenant-scoped: the
/// guard lets a request reach them only with a principal that has a tenant.
const TenantId& TenantOf(const Request& request);

/// The request body as a JSON object; kInvalidArgument ("The body must be a JSON object.")
/// otherwise. An empty body is an empty object.
Result<nlohmann::json> ReadJsonObject(const Request& request);

/// The body as a JSON object read into a value by `parse` (which names wrong fields, e.g. with
/// JsonFields); the error of whichever step failed.
template <class T>
Result<T> ReadJsonBody(const Request& request, Result<T> (*parse)(const nlohmann::json&)) {
    auto body = ReadJsonObject(request);
    if (!body) {
        return Fail(std::move(body.error()));
    }
    return parse(*body);
}

/// The path parameter `name` as an `Id`; kNotFound(`what`) when it does not parse, because an
/// unparsable id is as absent as another tenant's.
template <class Id>
Result<Id> PathId(const Request& request, std::string_view name, std::string what) {
    auto id = Id::Parse(request.Param(name));
    if (!id) {
        return Fail(ApiError::NotFound(std::move(what)));
    }
    return std::move(*id);
}

/// A handler that first reads the route's path with `parse` (e.g. the ids of
/// /api/stores/{store_id}) and answers its error, else awaits `handler(request, path)`.
/// `handler` is copied into the route and must stay callable for as long as the router lives.
template <class Path, class Fn>
Handler WithPath(Result<Path> (*parse)(const Request&), Fn handler) {
    return [parse, handler = std::move(handler)](Request& request) -> boost::asio::awaitable<Response> {
        auto path = parse(request);
        if (!path) {
            co_return Response::Error(std::move(path.error()));
        }
        co_return co_await handler(request, std::move(*path));
    };
}

/// Reads the members of a JSON request body into typed values and collects every wrong one, so one
/// 400 (kInvalidArgument with `message`) names them all. Each reader returns nullopt for an absent
/// member and for a wrong one (which it records). Holds a reference to the body: keep the body
/// alive while reading. Not thread-safe.
class JsonFields final {
public:
    /// What a JSON null means for a string member.
    enum class Null {
        kAbsent,   ///< as if the member were not there
        kEmpty,    ///< the empty string (clears the value)
        kInvalid,  ///< a wrong type: "must be a string"
    };

    JsonFields(const nlohmann::json& body, std::string message)
        : body_(body), error_(ErrorCode::kInvalidArgument, std::move(message)) {}

    /// Member `name` of `object` (the body or one of its objects), reported as `path`.
    std::optional<std::string> String(const nlohmann::json& object, const std::string& name, const std::string& path,
                                      Null null = Null::kAbsent);
    /// Member `name` of the body.
    std::optional<std::string> String(const std::string& name, Null null = Null::kAbsent) {
        return String(body_, name, name, null);
    }
    /// A whole number; null is wrong ("must be a whole number").
    std::optional<std::int64_t> Integer(const std::string& name);
    /// A whole number that null clears: absent = nullopt, null = an empty inner optional.
    std::optional<std::optional<std::int64_t>> ClearableInteger(const std::string& name);
    /// A number that null clears: absent = nullopt, null = an empty inner optional.
    std::optional<std::optional<double>> ClearableNumber(const std::string& name);
    /// true or false; anything else "must be true or false".
    std::optional<bool> Boolean(const std::string& name);
    /// An object member; absent, null and wrong all read as an empty object.
    const nlohmann::json& Object(const std::string& name);

    /// Reports each member of `object` whose name is not in `known` as `prefix` + name with
    /// `message`.
    void OnlyKnown(const nlohmann::json& object, std::initializer_list<std::string_view> known,
                   std::string_view message, const std::string& prefix = "");
    /// Records a wrong field.
    void Bad(std::string field, std::string message);

    bool ok() const { return error_.fields.empty(); }
    const ApiError& error() const { return error_; }
    /// `value` when every field was right, else the error naming the wrong ones.
    template <class T>
    Result<T> Finish(T value) const {
        if (!ok()) {
            return Fail(error_);
        }
        return value;
    }

private:
    using TypeTest = bool (nlohmann::json::*)() const noexcept;

    /// Member `name` when `is_type` holds for it; else reported with `wrong`.
    template <class T>
    std::optional<T> Typed(const std::string& name, TypeTest is_type, std::string_view wrong);
    /// As Typed, but null clears: an empty inner optional.
    template <class T>
    std::optional<std::optional<T>> Clearable(const std::string& name, TypeTest is_type, std::string_view wrong);

    const nlohmann::json& body_;
    ApiError error_;
};

/// ?limit= of a paged list: absent or empty = `default_size`; a whole number from 1 to `max_size`,
/// else kInvalidArgument on "limit" ("must be between 1 and <max_size>").
Result<int> PageLimit(const Request& request, int default_size, int max_size);

/// 200 with `to_json(*result)`, or the result's error: the answer of a handler that returns what a
/// service gave it.
template <class T, class ToJson>
Response JsonOf(const Result<T>& result, ToJson to_json) {
    if (!result) {
        return Response::Error(result.error());
    }
    return Response::Json(200, to_json(*result));
}

/// 200 with a page of `items` as `key` and the cursor of the next page (null on the last).
template <class Item, class ToJson>
Response PageResponse(std::string_view key, const std::vector<Item>& items, const std::string& next_cursor,
                      ToJson to_json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : items) {
        out.push_back(to_json(item));
    }
    return Response::Json(
        200, {{key, std::move(out)},
              {"next_cursor", next_cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(next_cursor)}});
}

}  // namespace webdpro::http
