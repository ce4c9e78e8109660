#include "builder/store_routes.hpp"

#include <charconv>
#include <chrono>

#include <nlohmann/json.hpp>

#include "builder/store_json.hpp"
#include "http/route_input.hpp"
#include "http/sse.hpp"
#include "sitegen/site_spec.hpp"

namespace webdpro::builder {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kSmallBody = 16 * 1024;
constexpr std::string_view kPermission = "stores.manage";
/// How often an event stream looks for new progress (the job publishes from another thread).
constexpr std::chrono::milliseconds kPollInterval{100};
/// A stream ends after this long even if its generation has not (the chain's deadline is far less).
constexpr std::chrono::minutes kMaxStream{10};

using http::TenantOf;

http::RouteOptions Options(std::int64_t body_limit = 0) {
    return http::RouteOptions{.body_limit = body_limit, .permission = std::string(kPermission)};
}

http::Response StoreResponse(int status, const Result<Store>& store) {
    if (!store) {
        return http::Response::Error(store.error());
    }
    return http::Response::Json(status, StoreJson(*store));
}

constexpr std::string_view kInvalidRequest = "The request has invalid fields.";
constexpr std::string_view kUnknownField = "is not a field of this request";

Result<StoreId> StoreIdOf(const http::Request& request) {
    return http::PathId<StoreId>(request, "store_id", "Store");
}

Result<StoreDetails> ParseDetails(const nlohmann::json& body) {
    http::JsonFields reader(body, std::string(kInvalidRequest));
    reader.OnlyKnown(body, {"business_name", "tagline", "about", "theme", "contact", "latitude", "longitude"},
                     kUnknownField);
    StoreDetails d;
    d.business_name = reader.String("business_name");
    d.tagline = reader.String("tagline");
    d.about = reader.String("about");
    const nlohmann::json& theme = reader.Object("theme");
    reader.OnlyKnown(theme, {"name", "primary", "accent", "background"}, kUnknownField, "theme.");
    d.theme_name = reader.String(theme, "name", "theme.name");
    d.primary = reader.String(theme, "primary", "theme.primary");
    d.accent = reader.String(theme, "accent", "theme.accent");
    d.background = reader.String(theme, "background", "theme.background");
    const nlohmann::json& contact = reader.Object("contact");
    reader.OnlyKnown(contact, {"phone", "whatsapp", "address", "city", "hours"}, kUnknownField, "contact.");
    d.phone = reader.String(contact, "phone", "contact.phone");
    d.whatsapp = reader.String(contact, "whatsapp", "contact.whatsapp");
    d.address = reader.String(contact, "address", "contact.address");
    d.city = reader.String(contact, "city", "contact.city");
    d.hours = reader.String(contact, "hours", "contact.hours");
    d.latitude = reader.ClearableNumber("latitude");
    d.longitude = reader.ClearableNumber("longitude");
    return reader.Finish(std::move(d));
}

/// The body of PUT …/domain: {"domain": "shop.example.com"}.
Result<std::string> ParseDomain(const nlohmann::json& body) {
    http::JsonFields reader(body, std::string(kInvalidRequest));
    reader.OnlyKnown(body, {"domain"}, kUnknownField);
    auto domain = reader.String("domain");
    if (!domain && reader.ok()) {
        reader.Bad("domain", "Enter the domain name, e.g. shop.example.com.");
    }
    return reader.Finish(domain.value_or(""));
}

/// {"replace": ["tagline", "about", "features"]}: the parts of the copy to rewrite; all three
/// when the body does not say.
Result<CopyParts> ParseCopyParts(const nlohmann::json& body) {
    http::JsonFields reader(body, std::string(kInvalidRequest));
    reader.OnlyKnown(body, {"replace"}, kUnknownField);
    if (!reader.ok() || !body.contains("replace")) {
        return reader.Finish(CopyParts{});
    }
    constexpr std::string_view kChoose = "Choose one or more of \"tagline\", \"about\" and \"features\".";
    const nlohmann::json& list = body["replace"];
    if (!list.is_array() || list.empty()) {
        reader.Bad("replace", std::string(kChoose));
        return reader.Finish(CopyParts{});
    }
    CopyParts parts{.tagline = false, .about = false, .features = false};
    for (const auto& item : list) {
        const std::string name = item.is_string() ? item.get<std::string>() : "";
        if (name == "tagline") {
            parts.tagline = true;
        } else if (name == "about") {
            parts.about = true;
        } else if (name == "features") {
            parts.features = true;
        } else {
            reader.Bad("replace", std::string(kChoose));
            break;
        }
    }
    return reader.Finish(parts);
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

/// A service call on one store without a body (retry, publish, ...), answered with `status`.
using StoreAction = boost::asio::awaitable<Result<Store>> (StoreService::*)(TenantId, StoreId);

http::Handler OnStore(StoreService& stores, StoreAction action, int status) {
    return http::WithPath(&StoreIdOf, [&stores, action, status](http::Request& request, StoreId id) -> Awaitable {
        co_return StoreResponse(status, co_await (stores.*action)(TenantOf(request), std::move(id)));
    });
}

/// An edit of one store whose JSON body `parse` reads and `apply` makes: `status` (200) with the
/// store. The store is looked up only when the body or the edit is refused, so another tenant's id
/// answers 404 whatever the body says (or whether that store is busy).
template <class Change>
using StoreChange = boost::asio::awaitable<Result<Store>> (StoreService::*)(TenantId, StoreId, Change);

template <class Change>
http::Handler EditStore(StoreService& stores, Result<Change> (*parse)(const nlohmann::json&), StoreChange<Change> apply,
                        int status = 200) {
    return http::WithPath(&StoreIdOf, [&stores, parse, apply, status](http::Request& request, StoreId id) -> Awaitable {
        auto lookup = [&] { return stores.Get(TenantOf(request), id); };
        auto change = co_await NotFoundFirst(http::ReadJsonBody(request, parse), lookup);
        if (!change) {
            co_return http::Response::Error(std::move(change.error()));
        }
        co_return StoreResponse(
            status,
            co_await NotFoundFirst(co_await (stores.*apply)(TenantOf(request), id, std::move(*change)), lookup));
    });
}

Awaitable StoreEvents(StoreService& stores, http::Request& request, StoreId id) {
    auto store = co_await stores.Get(TenantOf(request), id);
    if (!store) {
        co_return http::Response::Error(std::move(store.error()));
    }
    const std::int64_t after = LastEventId(request);
    if (!stores.events().Since(id.str(), after).known) {
        co_return OneStatusEvent(*store);
    }
    co_return ProgressStream(stores.events(), id.str(), after);
}

}  // namespace

void RegisterStoreRoutes(http::Router& router, StoreService& stores) {
    router.Post(
        "/api/stores",
        [&stores](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            http::JsonFields reader(*body, std::string(kInvalidRequest));
            reader.OnlyKnown(*body, {"description", "language"}, kUnknownField);
            auto description = reader.String("description");
            if (!description && reader.ok()) {
                reader.Bad("description", "Describe your business in a sentence.");
            }
            std::optional<sitegen::Language> language;
            if (auto code = reader.String("language")) {
                language = sitegen::LanguageFromCode(*code);
                if (!language) {
                    reader.Bad("language", "must be \"en\" or \"hi\"");
                }
            }
            if (!reader.ok()) {
                co_return http::Response::Error(reader.error());
            }
            auto store = co_await stores.Create(TenantOf(request), request.principal->user_id, std::move(*description),
                                                language);
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
            co_return http::Response::Json(200, {{"stores", std::move(items)}});
        },
        Options());

    constexpr std::string_view kStore = "/api/stores/{store_id}";
    router.Get(kStore, OnStore(stores, &StoreService::Get, 200), Options());
    router.Get("/api/stores/{store_id}/events",
               http::WithPath(&StoreIdOf,
                              [&stores](http::Request& request, StoreId id) -> Awaitable {
                                  return StoreEvents(stores, request, std::move(id));
                              }),
               Options());
    router.Post("/api/stores/{store_id}/retry", OnStore(stores, &StoreService::Retry, 202), Options(kSmallBody));
    router.Post("/api/stores/{store_id}/regenerate",
                EditStore(stores, &ParseCopyParts, &StoreService::RegenerateCopy, 202), Options(kSmallBody));
    router.Post("/api/stores/{store_id}/publish", OnStore(stores, &StoreService::Publish, 200), Options(kSmallBody));
    router.Post("/api/stores/{store_id}/unpublish", OnStore(stores, &StoreService::Unpublish, 200),
                Options(kSmallBody));
    router.Delete("/api/stores/{store_id}/domain", OnStore(stores, &StoreService::ClearDomain, 200), Options());
    router.Post("/api/stores/{store_id}/link-shared", OnStore(stores, &StoreService::MarkLinkShared, 200),
                Options(kSmallBody));
    router.Patch(kStore, EditStore(stores, &ParseDetails, &StoreService::UpdateDetails), Options(kSmallBody));
    router.Put("/api/stores/{store_id}/domain", EditStore(stores, &ParseDomain, &StoreService::SetDomain),
               Options(kSmallBody));
}

}  // namespace webdpro::builder
