#include "stores/store_routes.hpp"

#include <charconv>
#include <chrono>

#include <nlohmann/json.hpp>

#include "auth/session_http.hpp"
#include "http/sse.hpp"
#include "sitegen/site_spec.hpp"
#include "stores/store_json.hpp"

namespace webdpro::stores {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kSmallBody = 16 * 1024;
constexpr std::string_view kPermission = "stores.manage";
/// How often an event stream looks for new progress (the job publishes from another thread).
constexpr std::chrono::milliseconds kPollInterval{100};
/// A stream ends after this long even if its generation has not (the chain's deadline is far less).
constexpr std::chrono::minutes kMaxStream{10};

const TenantId& TenantOf(const http::Request& request) {
    return *request.principal->tenant_id;
}

http::RouteOptions Options(std::int64_t body_limit = 0) {
    return http::RouteOptions{.body_limit = body_limit, .permission = std::string(kPermission)};
}

http::Response StoreResponse(int status, const Result<Store>& store) {
    if (!store) {
        return http::Response::Error(store.error());
    }
    http::Response response = http::Response::Json(status, StoreJson(*store));
    response.headers.Set("Cache-Control", "no-store");
    return response;
}

/// Collects field errors of a request body; one 400 names them all.
class BodyReader {
public:
    explicit BodyReader(const nlohmann::json& body) : body_(body) {}

    /// A string member; absent (or null when `null_is_absent`) is nullopt.
    std::optional<std::string> OptString(const nlohmann::json& object, const std::string& name,
                                         const std::string& path) {
        auto it = object.find(name);
        if (it == object.end() || it->is_null()) {
            return std::nullopt;
        }
        if (!it->is_string()) {
            Bad(path, "must be a string");
            return std::nullopt;
        }
        return it->get<std::string>();
    }
    std::optional<std::string> OptString(const std::string& name) { return OptString(body_, name, name); }

    /// A number member: absent = nullopt; null = clear (inner nullopt).
    std::optional<std::optional<double>> OptNumber(const std::string& name) {
        auto it = body_.find(name);
        if (it == body_.end()) {
            return std::nullopt;
        }
        if (it->is_null()) {
            return std::optional<double>{};
        }
        if (!it->is_number()) {
            Bad(name, "must be a number or null");
            return std::nullopt;
        }
        return std::optional<double>(it->get<double>());
    }

    /// An object member (absent = an empty object).
    const nlohmann::json& OptObject(const std::string& name) {
        static const nlohmann::json kEmpty = nlohmann::json::object();
        auto it = body_.find(name);
        if (it == body_.end() || it->is_null()) {
            return kEmpty;
        }
        if (!it->is_object()) {
            Bad(name, "must be an object");
            return kEmpty;
        }
        return *it;
    }

    /// Members of `object` not in `known`, each reported as unknown.
    void OnlyKnown(const nlohmann::json& object, std::initializer_list<std::string_view> known,
                   const std::string& prefix = "") {
        for (const auto& [key, value] : object.items()) {
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                Bad(prefix + key, "is not a field of this request");
            }
        }
    }

    void Bad(std::string field, std::string message) {
        error_.fields.push_back({std::move(field), std::move(message)});
    }
    bool ok() const { return error_.fields.empty(); }
    ApiError error() const { return error_; }

private:
    const nlohmann::json& body_;
    ApiError error_{ErrorCode::kInvalidArgument, "The request has invalid fields."};
};

Result<StoreDetails> ParseDetails(const nlohmann::json& body) {
    BodyReader reader(body);
    reader.OnlyKnown(body, {"business_name", "tagline", "about", "theme", "contact", "latitude", "longitude"});
    StoreDetails d;
    d.business_name = reader.OptString("business_name");
    d.tagline = reader.OptString("tagline");
    d.about = reader.OptString("about");
    const nlohmann::json& theme = reader.OptObject("theme");
    reader.OnlyKnown(theme, {"name", "primary", "accent", "background"}, "theme.");
    d.theme_name = reader.OptString(theme, "name", "theme.name");
    d.primary = reader.OptString(theme, "primary", "theme.primary");
    d.accent = reader.OptString(theme, "accent", "theme.accent");
    d.background = reader.OptString(theme, "background", "theme.background");
    const nlohmann::json& contact = reader.OptObject("contact");
    reader.OnlyKnown(contact, {"phone", "whatsapp", "address", "city", "hours"}, "contact.");
    d.phone = reader.OptString(contact, "phone", "contact.phone");
    d.whatsapp = reader.OptString(contact, "whatsapp", "contact.whatsapp");
    d.address = reader.OptString(contact, "address", "contact.address");
    d.city = reader.OptString(contact, "city", "contact.city");
    d.hours = reader.OptString(contact, "hours", "contact.hours");
    d.latitude = reader.OptNumber("latitude");
    d.longitude = reader.OptNumber("longitude");
    if (!reader.ok()) {
        return Fail(reader.error());
    }
    return d;
}

/// The last event the client saw: the Last-Event-ID header, else ?last_event_id=, else 0.
std::int64_t LastEventId(const http::Request& request) {
    std::string text;
    if (auto header = request.Header("Last-Event-ID")) {
        text = std::string(*header);
    } else if (auto query = request.QueryParam("last_event_id")) {
        text = *query;
    }
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && value > 0 ? value : 0;
}

/// A store whose generation the hub does not know (it finished before a restart): one event with
/// its state — "done" for a generated store, "failed" for a failed one, "status" while queued.
http::Response OneStatusEvent(const Store& store) {
    std::string type = "status";
    if (store.status == StoreStatus::kFailed) {
        type = "failed";
    } else if (store.status != StoreStatus::kGenerating) {
        type = "done";
    }
    nlohmann::json data = {{"step", type}, {"status", StoreStatusName(store.status)}, {"store", StoreJson(store)}};
    if (store.status == StoreStatus::kFailed) {
        data["error"] = store.generation_error;
    }
    return http::SseResponse([type, text = data.dump()](http::SseWriter& sse) -> boost::asio::awaitable<void> {
        co_await sse.Send(type, text);
    });
}

http::Response ProgressStream(GenerationEvents& hub, std::string store_id, std::int64_t after) {
    return http::SseResponse(
        [&hub, store_id = std::move(store_id), after](http::SseWriter& sse) mutable -> boost::asio::awaitable<void> {
            const auto give_up = std::chrono::steady_clock::now() + kMaxStream;
            while (std::chrono::steady_clock::now() < give_up) {
                GenerationSnapshot snapshot = hub.Since(store_id, after);
                if (!snapshot.known) {
                    co_return;  // forgotten (evicted): the client reads the store's status instead
                }
                for (const auto& event : snapshot.events) {
                    if (!co_await sse.Send(event.type, event.data.dump(), std::to_string(event.seq))) {
                        co_return;
                    }
                    after = event.seq;
                    if (event.terminal()) {
                        co_return;
                    }
                }
                if (snapshot.finished) {
                    co_return;
                }
                if (!co_await sse.Sleep(kPollInterval)) {
                    co_return;
                }
            }
        });
}

}  // namespace

void RegisterStoreRoutes(http::Router& router, StoreService& stores) {
    router.Post(
        "/api/stores",
        [&stores](http::Request& request) -> Awaitable {
            auto body = auth::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            BodyReader reader(*body);
            reader.OnlyKnown(*body, {"description", "language"});
            auto description = reader.OptString("description");
            if (!description && reader.ok()) {
                reader.Bad("description", "Describe your business in a sentence.");
            }
            std::optional<sitegen::Language> language;
            if (auto code = reader.OptString("language")) {
                language = sitegen::LanguageFromCode(*code);
                if (!language) {
                    reader.Bad("language", "must be \"en\" or \"hi\"");
                }
            }
            if (!reader.ok()) {
                co_return http::Response::Error(reader.error());
            }
            auto store = co_await stores.Create(TenantOf(request), std::move(*description), language);
            if (!store) {
                co_return http::Response::Error(std::move(store.error()));
            }
            nlohmann::json out = StoreJson(*store);
            out["events_url"] = "/api/stores/" + store->id.str() + "/events";
            http::Response response = http::Response::Json(202, out);
            response.headers.Set("Location", "/api/stores/" + store->id.str());
            co_return response;
        },
        Options(kSmallBody));

    router.Get(
        "/api/stores",
        [&stores](http::Request& request) -> Awaitable {
            auto list = co_await stores.List(TenantOf(request));
            if (!list) {
                co_return http::Response::Error(std::move(list.error()));
            }
            nlohmann::json items = nlohmann::json::array();
            for (const auto& s : *list) {
                items.push_back(StoreJson(s));
            }
            http::Response response = http::Response::Json(200, {{"stores", std::move(items)}});
            response.headers.Set("Cache-Control", "no-store");
            co_return response;
        },
        Options());

    router.Get(
        "/api/stores/{store_id}",
        [&stores](http::Request& request) -> Awaitable {
            auto id = StoreId::Parse(request.Param("store_id"));
            if (!id) {
                co_return http::Response::Error(ApiError::NotFound("Store"));
            }
            co_return StoreResponse(200, co_await stores.Get(TenantOf(request), std::move(*id)));
        },
        Options());

    router.Get(
        "/api/stores/{store_id}/events",
        [&stores](http::Request& request) -> Awaitable {
            auto id = StoreId::Parse(request.Param("store_id"));
            if (!id) {
                co_return http::Response::Error(ApiError::NotFound("Store"));
            }
            auto store = co_await stores.Get(TenantOf(request), *id);
            if (!store) {
                co_return http::Response::Error(std::move(store.error()));
            }
            const std::int64_t after = LastEventId(request);
            if (!stores.events().Since(id->str(), after).known) {
                co_return OneStatusEvent(*store);
            }
            co_return ProgressStream(stores.events(), id->str(), after);
        },
        Options());

    // Actions on one store: each parses the id (a malformed one is "not found") and calls one
    // service method.
    using Action = boost::asio::awaitable<Result<Store>> (StoreService::*)(TenantId, StoreId);
    auto action = [&stores](Action method, int status) {
        return [&stores, method, status](http::Request& request) -> Awaitable {
            auto id = StoreId::Parse(request.Param("store_id"));
            if (!id) {
                co_return http::Response::Error(ApiError::NotFound("Store"));
            }
            co_return StoreResponse(status, co_await (stores.*method)(TenantOf(request), std::move(*id)));
        };
    };
    router.Post("/api/stores/{store_id}/retry", action(&StoreService::Retry, 202), Options(kSmallBody));
    router.Post("/api/stores/{store_id}/regenerate", action(&StoreService::RegenerateCopy, 202), Options(kSmallBody));
    router.Post("/api/stores/{store_id}/publish", action(&StoreService::Publish, 200), Options(kSmallBody));
    router.Post("/api/stores/{store_id}/unpublish", action(&StoreService::Unpublish, 200), Options(kSmallBody));
    router.Delete("/api/stores/{store_id}/domain", action(&StoreService::ClearDomain, 200), Options());

    router.Patch(
        "/api/stores/{store_id}",
        [&stores](http::Request& request) -> Awaitable {
            auto id = StoreId::Parse(request.Param("store_id"));
            if (!id) {
                co_return http::Response::Error(ApiError::NotFound("Store"));
            }
            // Another tenant's id is "not found" whatever the body says.
            if (auto exists = co_await stores.Get(TenantOf(request), *id); !exists) {
                co_return http::Response::Error(std::move(exists.error()));
            }
            auto body = auth::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            auto details = ParseDetails(*body);
            if (!details) {
                co_return http::Response::Error(std::move(details.error()));
            }
            co_return StoreResponse(
                200, co_await stores.UpdateDetails(TenantOf(request), std::move(*id), std::move(*details)));
        },
        Options(kSmallBody));

    router.Put(
        "/api/stores/{store_id}/domain",
        [&stores](http::Request& request) -> Awaitable {
            auto id = StoreId::Parse(request.Param("store_id"));
            if (!id) {
                co_return http::Response::Error(ApiError::NotFound("Store"));
            }
            if (auto exists = co_await stores.Get(TenantOf(request), *id); !exists) {
                co_return http::Response::Error(std::move(exists.error()));
            }
            auto body = auth::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            BodyReader reader(*body);
            reader.OnlyKnown(*body, {"domain"});
            auto domain = reader.OptString("domain");
            if (!domain && reader.ok()) {
                reader.Bad("domain", "Enter the domain name, e.g. shop.example.com.");
            }
            if (!reader.ok()) {
                co_return http::Response::Error(reader.error());
            }
            co_return StoreResponse(200,
                                    co_await stores.SetDomain(TenantOf(request), std::move(*id), std::move(*domain)));
        },
        Options(kSmallBody));
}

}  // namespace webdpro::stores
