#include "catalog/catalog_routes.hpp"

#include <algorithm>
#include <charconv>

#include "catalog/product_csv.hpp"
#include "core/time.hpp"
#include "http/route_input.hpp"

namespace webdpro::catalog {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kProductBody = 16 * 1024;
constexpr std::int64_t kSmallBody = 4 * 1024;
constexpr std::string_view kPermission = "stores.manage";

http::RouteOptions Options(std::int64_t body_limit = 0) {
    return http::RouteOptions{.body_limit = body_limit, .permission = std::string(kPermission)};
}

using http::TenantOf;

http::Response NoStore(http::Response response) {
    response.headers.Set("Cache-Control", "no-store");
    return response;
}

http::Response ProductResponse(int status, const Result<Product>& product) {
    if (!product) {
        return http::Response::Error(product.error());
    }
    return http::Response::Json(status, ProductJson(*product));
}

/// What a route under /api/stores/{store_id} acts on: the caller's tenant and the path's store.
struct StorePath {
    TenantId tenant;
    StoreId store;
};

/// …and under /api/stores/{store_id}/products/{product_id}.
struct ProductPath {
    TenantId tenant;
    StoreId store;
    ProductId product;
};

Result<StorePath> StorePathOf(const http::Request& request) {
    auto store = http::PathId<StoreId>(request, "store_id", "Store");
    if (!store) {
        return Fail(std::move(store.error()));
    }
    return StorePath{TenantOf(request), std::move(*store)};
}

Result<ProductPath> ProductPathOf(const http::Request& request) {
    auto store = StorePathOf(request);
    if (!store) {
        return Fail(std::move(store.error()));
    }
    auto product = http::PathId<ProductId>(request, "product_id", "Product");
    if (!product) {
        return Fail(std::move(product.error()));
    }
    return ProductPath{std::move(store->tenant), std::move(store->store), std::move(*product)};
}

/// Reads a product body into ProductFields; wrong JSON types and unknown members are named, one
/// 400 for all of them. Values are checked by the service (ApplyFields).
Result<ProductFields> ProductFieldsOf(const nlohmann::json& body) {
    http::JsonFields reader(body, "The product has invalid fields.");
    reader.OnlyKnown(body,
                     {"name", "description", "price_paise", "mrp_paise", "unit", "category", "hsn",
                      "low_stock_threshold", "gst_rate_bp", "stock", "active", "sort_order"},
                     "is not a field of a product");
    constexpr auto kStrict = http::JsonFields::Null::kInvalid;
    ProductFields f;
    f.name = reader.String("name", kStrict);
    f.description = reader.String("description", kStrict);
    f.unit = reader.String("unit", kStrict);
    f.category = reader.String("category", kStrict);
    f.hsn = reader.String("hsn", http::JsonFields::Null::kEmpty);
    if (auto price = reader.Integer("price_paise")) {
        f.price = Paise(*price);
    }
    if (auto mrp = reader.ClearableInteger("mrp_paise")) {
        f.mrp = mrp->has_value() ? std::optional<Paise>(Paise(**mrp)) : std::optional<Paise>{};
    }
    if (auto rate = reader.Integer("gst_rate_bp")) {
        f.gst_rate_bp = static_cast<int>(std::clamp<std::int64_t>(*rate, -1, 100'000));
    }
    f.stock = reader.Integer("stock");
    f.low_stock_threshold = reader.Integer("low_stock_threshold");
    f.sort_order = reader.Integer("sort_order");
    f.active = reader.Boolean("active");
    return reader.Finish(std::move(f));
}

Result<ProductQuery> QueryOf(const http::Request& request) {
    ProductQuery query;
    auto limit = http::PageLimit(request, kDefaultPageSize, kMaxPageSize);
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

nlohmann::json LedgerJson(const LedgerEntry& e) {
    nlohmann::json json = {{"seq", e.seq},       {"delta", e.delta}, {"stock_after", e.stock_after},
                           {"reason", e.reason}, {"note", e.note},   {"created_at", FormatRfc3339(e.created_at)}};
    json["order_id"] = e.order_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.order_id);
    return json;
}

Result<StockChange> StockChangeOf(const nlohmann::json& body) {
    http::JsonFields reader(body, "The stock change has invalid fields.");
    StockChange change;
    if (auto it = body.find("delta"); it != body.end() && it->is_number_integer()) {
        change.delta = it->get<std::int64_t>();
    } else {
        reader.Bad("delta", "Send the change in units, e.g. 12 or -3.");
    }
    std::optional<StockReason> reason;
    if (auto it = body.find("reason"); it != body.end() && it->is_string()) {
        reason = ParseStockReason(it->get<std::string>());
    }
    if (!reason) {
        reader.Bad("reason", "must be RESTOCK, DAMAGE or CORRECTION");
    } else {
        change.reason = *reason;
    }
    if (auto note = reader.String("note")) {
        change.note = std::move(*note);
    }
    return reader.Finish(std::move(change));
}

/// The body of PATCH …/products/{product_id}.
Result<ProductFields> ReadProductBody(const http::Request& request) {
    return http::ReadJsonBody(request, &ProductFieldsOf);
}

/// The body of POST …/stock, made by the caller.
Result<StockChange> ReadStockChange(const http::Request& request) {
    auto change = http::ReadJsonBody(request, &StockChangeOf);
    if (change) {
        change->actor = request.principal->user_id;
    }
    return change;
}

/// A yes/no query parameter: ?dry_run=1 (or true) checks and counts only; ?overwrite_stock=1
/// takes the file's stock even where it changed since the export.
Result<bool> QueryFlag(const http::Request& request, const std::string& name) {
    const std::string text = request.QueryParam(name).value_or("");
    if (text.empty() || text == "0" || text == "false") {
        return false;
    }
    if (text == "1" || text == "true") {
        return true;
    }
    return Fail(ApiError::Invalid(name, "must be 1 or 0"));
}

Awaitable ListProducts(CatalogService& catalog, http::Request& request, StorePath path) {
    auto query = QueryOf(request);
    if (!query) {
        co_return http::Response::Error(std::move(query.error()));
    }
    auto page = co_await catalog.List(path.tenant, path.store, std::move(*query));
    if (!page) {
        co_return http::Response::Error(std::move(page.error()));
    }
    co_return http::PageResponse("products", page->products, page->next_cursor, ProductJson);
}

Awaitable CreateProduct(CatalogService& catalog, http::Request& request, StorePath path) {
    // The store is looked up (as one product of its list) only when the body is wrong.
    auto fields = co_await NotFoundFirst(
        ReadProductBody(request), [&] { return catalog.List(path.tenant, path.store, ProductQuery{.limit = 1}); });
    if (!fields) {
        co_return http::Response::Error(std::move(fields.error()));
    }
    auto product = co_await catalog.Create(path.tenant, path.store, std::move(*fields), request.principal->user_id);
    http::Response response = ProductResponse(201, product);
    if (product) {
        response.headers.Set("Location", "/api/stores/" + path.store.str() + "/products/" + product->id.str());
    }
    co_return response;
}

Awaitable ExportCsv(CatalogService& catalog, http::Request&, StorePath path) {
    auto exported = co_await catalog.Export(path.tenant, path.store);
    if (!exported) {
        co_return http::Response::Error(std::move(exported.error()));
    }
    http::Response response = http::Response::Text(200, std::move(exported->csv), "text/csv; charset=utf-8");
    // Slugs are [a-z0-9-], safe inside the quoted file name.
    response.headers.Set("Content-Disposition", "attachment; filename=\"" + exported->slug + "-products.csv\"");
    co_return NoStore(std::move(response));
}

Awaitable ImportCsv(CatalogService& catalog, http::Request& request, StorePath path) {
    auto dry_run = QueryFlag(request, "dry_run");
    if (!dry_run) {
        co_return http::Response::Error(std::move(dry_run.error()));
    }
    auto overwrite_stock = QueryFlag(request, "overwrite_stock");
    if (!overwrite_stock) {
        co_return http::Response::Error(std::move(overwrite_stock.error()));
    }
    auto summary = co_await catalog.Import(path.tenant, path.store, std::move(request.body), *dry_run,
                                           request.principal->user_id, *overwrite_stock);
    if (!summary) {
        co_return http::Response::Error(std::move(summary.error()));
    }
    co_return http::Response::Json(200, {{"created", summary->created},
                                         {"updated", summary->updated},
                                         {"unchanged", summary->unchanged},
                                         {"dry_run", summary->dry_run}});
}

Awaitable ProductLedger(CatalogService& catalog, http::Request& request, ProductPath path) {
    auto limit = http::PageLimit(request, kDefaultPageSize, kMaxPageSize);
    if (!limit) {
        co_return http::Response::Error(std::move(limit.error()));
    }
    auto page = co_await catalog.Ledger(path.tenant, path.store, path.product,
                                        request.QueryParam("cursor").value_or(""), *limit);
    if (!page) {
        co_return http::Response::Error(std::move(page.error()));
    }
    co_return http::PageResponse("entries", page->entries, page->next_cursor, LedgerJson);
}

/// A service call on one product without a body (get, deactivate): 200 with the product.
using ProductAction = boost::asio::awaitable<Result<Product>> (CatalogService::*)(TenantId, StoreId, ProductId);

http::Handler OnProduct(CatalogService& catalog, ProductAction action) {
    return http::WithPath(&ProductPathOf, [&catalog, action](http::Request&, ProductPath path) -> Awaitable {
        co_return ProductResponse(200, co_await (catalog.*action)(path.tenant, path.store, path.product));
    });
}

/// A change to one product read from the body by `read_body` (update, stock): 200 with the product.
template <class Change>
using ProductChange = boost::asio::awaitable<Result<Product>> (CatalogService::*)(TenantId, StoreId, ProductId, Change);

template <class Change>
http::Handler ChangeProduct(CatalogService& catalog, Result<Change> (*read_body)(const http::Request&),
                            ProductChange<Change> apply) {
    return http::WithPath(
        &ProductPathOf, [&catalog, read_body, apply](http::Request& request, ProductPath path) -> Awaitable {
            auto change = co_await NotFoundFirst(read_body(request),
                                                 [&] { return catalog.Get(path.tenant, path.store, path.product); });
            if (!change) {
                co_return http::Response::Error(std::move(change.error()));
            }
            co_return ProductResponse(
                200, co_await (catalog.*apply)(path.tenant, path.store, path.product, std::move(*change)));
        });
}

/// A route handled by `handle(catalog, request, path)` once `parse` has read the path's ids.
template <class Path, class Fn>
http::Handler On(CatalogService& catalog, Result<Path> (*parse)(const http::Request&), Fn handle) {
    return http::WithPath(parse, [&catalog, handle](http::Request& request, Path path) -> Awaitable {
        return handle(catalog, request, std::move(path));
    });
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
    constexpr std::string_view kProducts = "/api/stores/{store_id}/products";
    constexpr std::string_view kProduct = "/api/stores/{store_id}/products/{product_id}";
    router.Get(kProducts, On(catalog, &StorePathOf, ListProducts), Options());
    router.Post(kProducts, On(catalog, &StorePathOf, CreateProduct), Options(kProductBody));
    router.Get("/api/stores/{store_id}/products.csv", On(catalog, &StorePathOf, ExportCsv), Options());
    router.Post("/api/stores/{store_id}/products/import", On(catalog, &StorePathOf, ImportCsv),
                Options(kMaxImportBytes));
    router.Get(kProduct, OnProduct(catalog, &CatalogService::Get), Options());
    router.Patch(kProduct, ChangeProduct(catalog, &ReadProductBody, &CatalogService::Update), Options(kProductBody));
    router.Delete(kProduct, OnProduct(catalog, &CatalogService::Deactivate), Options());
    router.Post("/api/stores/{store_id}/products/{product_id}/stock",
                ChangeProduct(catalog, &ReadStockChange, &CatalogService::AdjustStock), Options(kSmallBody));
    router.Get("/api/stores/{store_id}/products/{product_id}/ledger", On(catalog, &ProductPathOf, ProductLedger),
               Options());
}

}  // namespace webdpro::catalog
