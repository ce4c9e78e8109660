#include "catalog/catalog_routes.hpp"

#include <algorithm>
#include <charconv>

#include "auth/session_http.hpp"
#include "catalog/product_csv.hpp"
#include "core/time.hpp"

namespace webdpro::catalog {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kProductBody = 16 * 1024;
constexpr std::int64_t kSmallBody = 4 * 1024;
constexpr std::string_view kPermission = "stores.manage";

http::RouteOptions Options(std::int64_t body_limit = 0) {
    return http::RouteOptions{.body_limit = body_limit, .permission = std::string(kPermission)};
}

const TenantId& TenantOf(const http::Request& request) {
    return *request.principal->tenant_id;
}

http::Response NoStore(http::Response response) {
    response.headers.Set("Cache-Control", "no-store");
    return response;
}

http::Response ProductResponse(int status, const Result<Product>& product) {
    if (!product) {
        return http::Response::Error(product.error());
    }
    return NoStore(http::Response::Json(status, ProductJson(*product)));
}

/// The ids of a route; an unparsable id is as absent as another tenant's.
Result<StoreId> StoreOf(const http::Request& request) {
    auto id = StoreId::Parse(request.Param("store_id"));
    if (!id) {
        return Fail(ApiError::NotFound("Store"));
    }
    return std::move(*id);
}

Result<ProductId> ProductOf(const http::Request& request) {
    auto id = ProductId::Parse(request.Param("product_id"));
    if (!id) {
        return Fail(ApiError::NotFound("Product"));
    }
    return std::move(*id);
}

/// Reads a product body into ProductFields; wrong JSON types and unknown members are named, one
/// 400 for all of them. Values are checked by the service (ApplyFields).
class ProductBody {
public:
    explicit ProductBody(const nlohmann::json& body) : body_(body) {}

    Result<ProductFields> Read() {
        static constexpr std::array<std::string_view, 12> kKnown = {
            "name", "description",         "price_paise", "mrp_paise", "unit",   "category",
            "hsn",  "low_stock_threshold", "gst_rate_bp", "stock",     "active", "sort_order"};
        for (const auto& [key, value] : body_.items()) {
            if (std::ranges::find(kKnown, key) == kKnown.end()) {
                Bad(key, "is not a field of a product");
            }
        }
        ProductFields f;
        f.name = Text("name");
        f.description = Text("description");
        f.unit = Text("unit");
        f.category = Text("category");
        f.hsn = Text("hsn", true);
        if (auto price = Integer("price_paise")) {
            f.price = Paise(*price);
        }
        if (body_.contains("mrp_paise")) {
            if (body_["mrp_paise"].is_null()) {
                f.mrp = std::optional<Paise>{};
            } else if (auto mrp = Integer("mrp_paise")) {
                f.mrp = std::optional<Paise>(Paise(*mrp));
            }
        }
        if (auto rate = Integer("gst_rate_bp")) {
            f.gst_rate_bp = static_cast<int>(std::clamp<std::int64_t>(*rate, -1, 100'000));
        }
        f.stock = Integer("stock");
        f.low_stock_threshold = Integer("low_stock_threshold");
        f.sort_order = Integer("sort_order");
        if (auto it = body_.find("active"); it != body_.end()) {
            if (it->is_boolean()) {
                f.active = it->get<bool>();
            } else {
                Bad("active", "must be true or false");
            }
        }
        if (!error_.fields.empty()) {
            return Fail(error_);
        }
        return f;
    }

private:
    std::optional<std::string> Text(const std::string& name, bool null_is_empty = false) {
        auto it = body_.find(name);
        if (it == body_.end()) {
            return std::nullopt;
        }
        if (null_is_empty && it->is_null()) {
            return std::string();
        }
        if (!it->is_string()) {
            Bad(name, "must be a string");
            return std::nullopt;
        }
        return it->get<std::string>();
    }

    std::optional<std::int64_t> Integer(const std::string& name) {
        auto it = body_.find(name);
        if (it == body_.end()) {
            return std::nullopt;
        }
        if (!it->is_number_integer()) {
            Bad(name, "must be a whole number");
            return std::nullopt;
        }
        return it->get<std::int64_t>();
    }

    void Bad(std::string field, std::string message) {
        error_.fields.push_back({std::move(field), std::move(message)});
    }

    const nlohmann::json& body_;
    ApiError error_{ErrorCode::kInvalidArgument, "The product has invalid fields."};
};

Result<ProductFields> ReadProduct(const http::Request& request) {
    auto body = auth::ReadJsonObject(request);
    if (!body) {
        return Fail(std::move(body.error()));
    }
    return ProductBody(*body).Read();
}

/// ?limit= as a page size; absent = the default.
Result<int> LimitOf(const http::Request& request) {
    const std::string text = request.QueryParam("limit").value_or("");
    if (text.empty()) {
        return kDefaultPageSize;
    }
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > kMaxPageSize) {
        return Fail(ApiError::Invalid("limit", "must be between 1 and " + std::to_string(kMaxPageSize)));
    }
    return value;
}

Result<ProductQuery> QueryOf(const http::Request& request) {
    ProductQuery query;
    auto limit = LimitOf(request);
    if (!limit) {
        return Fail(std::move(limit.error()));
    }
    query.limit = *limit;
    query.q = request.QueryParam("q").value_or("");
    query.category = request.QueryParam("category").value_or("");
    query.cursor = request.QueryParam("cursor").value_or("");
    const std::string active = request.QueryParam("active").value_or("");
    if (active == "true" || active == "1") {
        query.active = true;
    } else if (active == "false" || active == "0") {
        query.active = false;
    } else if (!active.empty()) {
        return Fail(ApiError::Invalid("active", "must be true or false"));
    }
    return query;
}

nlohmann::json CursorJson(const std::string& cursor) {
    return cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(cursor);
}

nlohmann::json LedgerJson(const LedgerEntry& e) {
    nlohmann::json json = {{"seq", e.seq},       {"delta", e.delta}, {"stock_after", e.stock_after},
                           {"reason", e.reason}, {"note", e.note},   {"created_at", FormatRfc3339(e.created_at)}};
    json["order_id"] = e.order_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.order_id);
    return json;
}

Result<StockChange> ReadStockChange(const http::Request& request) {
    auto body = auth::ReadJsonObject(request);
    if (!body) {
        return Fail(std::move(body.error()));
    }
    ApiError invalid(ErrorCode::kInvalidArgument, "The stock change has invalid fields.");
    StockChange change;
    if (auto it = body->find("delta"); it != body->end() && it->is_number_integer()) {
        change.delta = it->get<std::int64_t>();
    } else {
        invalid.fields.push_back({"delta", "Send the change in units, e.g. 12 or -3."});
    }
    std::optional<StockReason> reason;
    if (auto it = body->find("reason"); it != body->end() && it->is_string()) {
        reason = ParseStockReason(it->get<std::string>());
    }
    if (!reason) {
        invalid.fields.push_back({"reason", "must be RESTOCK, DAMAGE or CORRECTION"});
    } else {
        change.reason = *reason;
    }
    if (auto it = body->find("note"); it != body->end() && !it->is_null()) {
        if (it->is_string()) {
            change.note = it->get<std::string>();
        } else {
            invalid.fields.push_back({"note", "must be a string"});
        }
    }
    if (!invalid.fields.empty()) {
        return Fail(std::move(invalid));
    }
    change.actor = request.principal->user_id;
    return change;
}

/// ?dry_run=1 (or true): check and count only.
Result<bool> DryRunOf(const http::Request& request) {
    const std::string text = request.QueryParam("dry_run").value_or("");
    if (text.empty() || text == "0" || text == "false") {
        return false;
    }
    if (text == "1" || text == "true") {
        return true;
    }
    return Fail(ApiError::Invalid("dry_run", "must be 1 or 0"));
}

Awaitable ExportCsv(CatalogService& catalog, http::Request& request) {
    auto store = StoreOf(request);
    if (!store) {
        co_return http::Response::Error(std::move(store.error()));
    }
    auto exported = co_await catalog.Export(TenantOf(request), *store);
    if (!exported) {
        co_return http::Response::Error(std::move(exported.error()));
    }
    http::Response response = http::Response::Text(200, std::move(exported->csv), "text/csv; charset=utf-8");
    // Slugs are [a-z0-9-], safe inside the quoted file name.
    response.headers.Set("Content-Disposition", "attachment; filename=\"" + exported->slug + "-products.csv\"");
    co_return NoStore(std::move(response));
}

Awaitable ImportCsv(CatalogService& catalog, http::Request& request) {
    auto store = StoreOf(request);
    if (!store) {
        co_return http::Response::Error(std::move(store.error()));
    }
    auto dry_run = DryRunOf(request);
    if (!dry_run) {
        co_return http::Response::Error(std::move(dry_run.error()));
    }
    auto summary = co_await catalog.Import(TenantOf(request), *store, std::move(request.body), *dry_run,
                                           request.principal->user_id);
    if (!summary) {
        co_return http::Response::Error(std::move(summary.error()));
    }
    co_return NoStore(http::Response::Json(200, {{"created", summary->created},
                                                 {"updated", summary->updated},
                                                 {"unchanged", summary->unchanged},
                                                 {"dry_run", summary->dry_run}}));
}

}  // namespace

nlohmann::json ProductJson(const Product& p) {
    return {{"product_id", p.id.str()},
            {"store_id", p.store_id.str()},
            {"name", p.name},
            {"description", p.description},
            {"price_paise", p.price.value},
            {"mrp_paise", p.mrp ? nlohmann::json(p.mrp->value) : nlohmann::json(nullptr)},
            {"unit", p.unit},
            {"category", p.category},
            {"hsn", p.hsn},
            {"gst_rate_bp", p.gst_rate_bp},
            {"stock", p.stock},
            {"low_stock_threshold", p.low_stock_threshold},
            {"image", p.image},
            {"active", p.active},
            {"sort_order", p.sort_order}};
}

void RegisterCatalogRoutes(http::Router& router, CatalogService& catalog) {
    router.Get(
        "/api/stores/{store_id}/products",
        [&catalog](http::Request& request) -> Awaitable {
            auto store = StoreOf(request);
            if (!store) {
                co_return http::Response::Error(std::move(store.error()));
            }
            auto query = QueryOf(request);
            if (!query) {
                co_return http::Response::Error(std::move(query.error()));
            }
            auto page = co_await catalog.List(TenantOf(request), *store, std::move(*query));
            if (!page) {
                co_return http::Response::Error(std::move(page.error()));
            }
            nlohmann::json products = nlohmann::json::array();
            for (const auto& p : page->products) {
                products.push_back(ProductJson(p));
            }
            co_return NoStore(http::Response::Json(
                200, {{"products", std::move(products)}, {"next_cursor", CursorJson(page->next_cursor)}}));
        },
        Options());

    router.Post(
        "/api/stores/{store_id}/products",
        [&catalog](http::Request& request) -> Awaitable {
            auto store = StoreOf(request);
            if (!store) {
                co_return http::Response::Error(std::move(store.error()));
            }
            auto fields = ReadProduct(request);
            if (!fields) {
                co_return http::Response::Error(std::move(fields.error()));
            }
            auto product =
                co_await catalog.Create(TenantOf(request), *store, std::move(*fields), request.principal->user_id);
            http::Response response = ProductResponse(201, product);
            if (product) {
                response.headers.Set("Location", "/api/stores/" + store->str() + "/products/" + product->id.str());
            }
            co_return response;
        },
        Options(kProductBody));

    router.Get(
        "/api/stores/{store_id}/products.csv",
        [&catalog](http::Request& request) -> Awaitable { return ExportCsv(catalog, request); }, Options());

    router.Post(
        "/api/stores/{store_id}/products/import",
        [&catalog](http::Request& request) -> Awaitable { return ImportCsv(catalog, request); },
        Options(kMaxImportBytes));

    router.Get(
        "/api/stores/{store_id}/products/{product_id}",
        [&catalog](http::Request& request) -> Awaitable {
            auto store = StoreOf(request);
            auto product = ProductOf(request);
            if (!store || !product) {
                co_return http::Response::Error(store ? product.error() : store.error());
            }
            co_return ProductResponse(200, co_await catalog.Get(TenantOf(request), *store, *product));
        },
        Options());

    router.Patch(
        "/api/stores/{store_id}/products/{product_id}",
        [&catalog](http::Request& request) -> Awaitable {
            auto store = StoreOf(request);
            auto product = ProductOf(request);
            if (!store || !product) {
                co_return http::Response::Error(store ? product.error() : store.error());
            }
            auto fields = ReadProduct(request);
            if (!fields) {
                // Another tenant's product is not there whatever the body says: 404 before 400.
                if (auto exists = co_await catalog.Get(TenantOf(request), *store, *product); !exists) {
                    co_return http::Response::Error(std::move(exists.error()));
                }
                co_return http::Response::Error(std::move(fields.error()));
            }
            co_return ProductResponse(200,
                                      co_await catalog.Update(TenantOf(request), *store, *product, std::move(*fields)));
        },
        Options(kProductBody));

    router.Delete(
        "/api/stores/{store_id}/products/{product_id}",
        [&catalog](http::Request& request) -> Awaitable {
            auto store = StoreOf(request);
            auto product = ProductOf(request);
            if (!store || !product) {
                co_return http::Response::Error(store ? product.error() : store.error());
            }
            co_return ProductResponse(200, co_await catalog.Deactivate(TenantOf(request), *store, *product));
        },
        Options());

    router.Post(
        "/api/stores/{store_id}/products/{product_id}/stock",
        [&catalog](http::Request& request) -> Awaitable {
            auto store = StoreOf(request);
            auto product = ProductOf(request);
            if (!store || !product) {
                co_return http::Response::Error(store ? product.error() : store.error());
            }
            auto change = ReadStockChange(request);
            if (!change) {
                if (auto exists = co_await catalog.Get(TenantOf(request), *store, *product); !exists) {
                    co_return http::Response::Error(std::move(exists.error()));
                }
                co_return http::Response::Error(std::move(change.error()));
            }
            co_return ProductResponse(
                200, co_await catalog.AdjustStock(TenantOf(request), *store, *product, std::move(*change)));
        },
        Options(kSmallBody));

    router.Get(
        "/api/stores/{store_id}/products/{product_id}/ledger",
        [&catalog](http::Request& request) -> Awaitable {
            auto store = StoreOf(request);
            auto product = ProductOf(request);
            if (!store || !product) {
                co_return http::Response::Error(store ? product.error() : store.error());
            }
            auto limit = LimitOf(request);
            if (!limit) {
                co_return http::Response::Error(std::move(limit.error()));
            }
            auto page = co_await catalog.Ledger(TenantOf(request), *store, *product,
                                                request.QueryParam("cursor").value_or(""), *limit);
            if (!page) {
                co_return http::Response::Error(std::move(page.error()));
            }
            nlohmann::json entries = nlohmann::json::array();
            for (const auto& e : page->entries) {
                entries.push_back(LedgerJson(e));
            }
            co_return NoStore(http::Response::Json(
                200, {{"entries", std::move(entries)}, {"next_cursor", CursorJson(page->next_cursor)}}));
        },
        Options());
}

}  // namespace webdpro::catalog
