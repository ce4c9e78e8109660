#include "catalog/catalog_service.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

#include "catalog/detail/product_rows.hpp"
#include "catalog/product_csv.hpp"
#include "core/not_found_first.hpp"
#include "sitegen/site_spec.hpp"
#include "sitegen/text.hpp"
#include "storage/db.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::catalog {
namespace {

using detail::kProductColumns;
using detail::ProductFromRow;
using detail::ProductsFromRows;

// GST rates for goods in force since 22 Sep 2025 (56th GST Council; CBIC Notification
// No. 9/2025-Central Tax (Rate) of 17 Sep 2025, summarised by taxguru.in and efiletax.in): 0, 5,
// 18 and 40%, with the special 3% on gold, silver and jewellery — the same whole-percent table the
// generator uses (sitegen::kGstRates) — plus the sub-percent rates for precious stones that the
// notification keeps: 0.25% on rough diamonds and 1.5% on cut and polished diamonds. The
// 2017-07-01 slabs 12% and 28% are gone for the goods a shop lists here.
constexpr std::array<int, 2> kPreciousStoneRatesBp = {25, 150};

constexpr std::array<std::string_view, 3> kStockReasonNames = {"RESTOCK", "DAMAGE", "CORRECTION"};
// What clients before DAMAGE and CORRECTION sent for any change by hand.
constexpr std::string_view kLegacyAdjustment = "ADJUSTMENT";
constexpr std::string_view kImportNote = "CSV import";

// --- SQL ------------------------------------------------------------------------------------------

constexpr std::string_view kProductWhere = R"(
FROM products WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3
)";

// Keyset pagination over the display order. The cursor is the last row's (sort_order, created_at,
// product_id); the first page starts below every key (kFirstKey). Each query seeks its index
// (products_in_order, or products_in_category_order with a category) to the cursor with a row-value
// comparison and stops after the page: no sort, whatever the size of the store. Parameters: $1
// tenant, $2 store, $3 active (-1 = both), $4..$6 the cursor, $7 rows, $8 category, $9 search.
constexpr std::string_view kListWhere = R"(
FROM products
WHERE tenant_id = $1 AND store_id = $2 AND ($3 < 0 OR active = $3)
  AND (sort_order, created_at, product_id) > ($4, $5, $6)
ORDER BY sort_order, created_at, product_id LIMIT $7
)";

constexpr std::string_view kListInCategoryWhere = R"(
FROM products
WHERE tenant_id = $1 AND store_id = $2 AND category = $8 AND ($3 < 0 OR active = $3)
  AND (sort_order, created_at, product_id) > ($4, $5, $6)
ORDER BY sort_order, created_at, product_id LIMIT $7
)";

// A search: the names that hold every word of $9 as a word prefix (SearchText), read from the
// engine's search index (migration 0021), then the same filters and order. The only SQL of the
// list that differs between the engines. On SQLite the unary + keep the planner off the store's
// indexes, which would walk the whole store in display order looking for matches (a word few
// products have would read them all): the matches come from the word index, each is checked by
// its rowid, and only they are sorted, so a search costs its matches.
constexpr std::string_view kSearchWhereSqlite = R"(
FROM products
WHERE rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH $9)
  AND +tenant_id = $1 AND +store_id = $2 AND ($8 = '' OR category = $8) AND ($3 < 0 OR active = $3)
  AND (+sort_order, created_at, product_id) > ($4, $5, $6)
ORDER BY +sort_order, created_at, product_id LIMIT $7
)";

constexpr std::string_view kSearchWherePostgres = R"(
FROM products
WHERE tenant_id = $1 AND store_id = $2 AND ($8 = '' OR category = $8) AND ($3 < 0 OR active = $3)
  AND (sort_order, created_at, product_id) > ($4, $5, $6)
  AND to_tsvector('simple', name) @@ to_tsquery('simple', $9)
ORDER BY sort_order, created_at, product_id LIMIT $7
)";

constexpr std::string_view kNextSortOrder = R"(
SELECT coalesce(max(sort_order) + 1, 0) AS next FROM products WHERE tenant_id = $1 AND store_id = $2
)";

constexpr std::string_view kInsert = R"(
INSERT INTO products (tenant_id, product_id, store_id, name, description, price_paise, mrp_paise, stock_quantity,
                      low_stock_threshold, category, unit, hsn, gst_rate_bp, active, sort_order, created_at,
                      updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
)";

constexpr std::string_view kUpdate = R"(
UPDATE products SET name = $4, description = $5, price_paise = $6, mrp_paise = $7, low_stock_threshold = $8,
                    category = $9, unit = $10, hsn = $11, gst_rate_bp = $12, active = $13, sort_order = $14,
                    updated_at = $15
WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3
)";

// Conditional: changes nothing when the stock would go below zero, whatever ran meanwhile.
constexpr std::string_view kAddStock = R"(
UPDATE products SET stock_quantity = stock_quantity + $4, updated_at = $5
WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3 AND stock_quantity + $4 >= 0
RETURNING stock_quantity
)";

constexpr std::string_view kSetStock = R"(
UPDATE products SET stock_quantity = $4, updated_at = $5 WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3
)";

constexpr std::string_view kLedger = R"(
SELECT seq, delta, stock_after, reason, coalesce(order_id, '') AS order_id, note, created_at FROM inventory_ledger
WHERE tenant_id = $1 AND product_id = $2 AND ($3 = 0 OR seq < $3)
ORDER BY seq DESC LIMIT $4
)";

// --- validation -----------------------------------------------------------------------------------

bool HasControl(std::string_view text, bool allow_newlines) {
    return std::ranges::any_of(text, [allow_newlines](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t'))) || u == 0x7f;
    });
}

/// Checks one text field: valid UTF-8, no control characters, length in [min, max] code points.
void CheckText(ApiError& error, const std::string& field, std::string_view text, std::size_t min_chars,
               std::size_t max_chars, bool multiline = false) {
    const auto chars = sitegen::Utf8Length(text);
    if (!chars) {
        error.fields.push_back({field, "is not valid UTF-8 text"});
    } else if (HasControl(text, multiline)) {
        error.fields.push_back({field, "must not contain control characters"});
    } else if (*chars < min_chars) {
        error.fields.push_back({field, "must not be empty"});
    } else if (*chars > max_chars) {
        error.fields.push_back({field, "must be at most " + std::to_string(max_chars) + " characters"});
    }
}

bool ValidHsn(std::string_view hsn) {
    return hsn.size() >= 4 && hsn.size() <= 8 && std::ranges::all_of(hsn, [](char c) { return c >= '0' && c <= '9'; });
}

std::string RateList() {
    std::string out;
    for (int bp : CurrentGstRates()) {
        out += (out.empty() ? "" : ", ") + std::to_string(bp);
    }
    return out;
}

std::string Trimmed(const std::string& text) {
    return std::string(sitegen::TrimSpace(text));
}

// --- cursors --------------------------------------------------------------------------------------

std::optional<std::int64_t> ParseInt(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

struct ListCursor {
    std::int64_t sort_order = std::numeric_limits<std::int64_t>::min();
    std::int64_t created_at = std::numeric_limits<std::int64_t>::min();
    std::string product_id;  ///< "" sorts first
};

std::string EncodeCursor(const ListCursor& c) {
    return std::to_string(c.sort_order) + "." + std::to_string(c.created_at) + "." + c.product_id;
}

std::optional<ListCursor> DecodeCursor(const std::string& text) {
    const auto first = text.find('.');
    const auto second = first == std::string::npos ? first : text.find('.', first + 1);
    if (second == std::string::npos) {
        return std::nullopt;
    }
    auto sort_order = ParseInt(std::string_view(text).substr(0, first));
    auto created_at = ParseInt(std::string_view(text).substr(first + 1, second - first - 1));
    auto id = ProductId::Parse(text.substr(second + 1));
    if (!sort_order || !created_at || !id) {
        return std::nullopt;
    }
    return ListCursor{*sort_order, *created_at, id->str()};
}

ApiError BadCursor() {
    return ApiError::Invalid("cursor", "This cursor is not valid; start from the first page.");
}

ApiError BadLimit() {
    return ApiError::Invalid("limit", "must be between 1 and " + std::to_string(kMaxPageSize));
}

bool IsWordByte(unsigned char c) {
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// --- transaction steps ----------------------------------------------------------------------------

/// kNotFound("Store") unless the tenant owns the store.
Result<void> RequireStore(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    auto ref = stores::StoreDirectory::ById(conn, tenant, store);
    if (!ref) {
        return Fail(std::move(ref.error()));
    }
    if (!*ref) {
        return Fail(ApiError::NotFound("Store"));
    }
    return {};
}

/// The store's product; kNotFound for another store's or tenant's.
Result<Product> LoadProduct(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                            const ProductId& product) {
    if (auto owned = RequireStore(conn, tenant, store); !owned) {
        return Fail(std::move(owned.error()));
    }
    auto row = conn.QueryOne(std::string(kProductColumns) + std::string(kProductWhere), tenant, store, product);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return Fail(ApiError::NotFound("Product"));
    }
    return ProductFromRow(**row);
}

/// kInvalidArgument ("delta") when the sign contradicts the reason.
void CheckDirection(ApiError& error, const StockChange& change) {
    if (change.reason == StockReason::kRestock && change.delta < 0) {
        error.fields.push_back(
            {"delta", "A restock adds stock: send a positive number, or use DAMAGE or CORRECTION to remove."});
    }
    if (change.reason == StockReason::kDamage && change.delta > 0) {
        error.fields.push_back({"delta", "Damage removes stock: send a negative number, e.g. -2."});
    }
}

std::optional<std::string> NullIfEmpty(const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    return text;
}

std::optional<std::int64_t> MrpValue(const Product& p) {
    if (!p.mrp) {
        return std::nullopt;
    }
    return p.mrp->value;
}

}  // namespace

bool IsCurrentGstRate(int rate_bp) {
    if (rate_bp % 100 == 0 && sitegen::IsAllowedGstRate(rate_bp / 100)) {
        return true;
    }
    return std::ranges::find(kPreciousStoneRatesBp, rate_bp) != kPreciousStoneRatesBp.end();
}

std::vector<int> CurrentGstRates() {
    std::vector<int> rates(kPreciousStoneRatesBp.begin(), kPreciousStoneRatesBp.end());
    for (const auto& rate : sitegen::kGstRates) {
        rates.push_back(rate.percent * 100);
    }
    std::ranges::sort(rates);
    return rates;
}

std::string_view StockReasonName(StockReason reason) {
    return kStockReasonNames[static_cast<std::size_t>(reason)];
}

std::optional<StockReason> ParseStockReason(std::string_view name) {
    if (name == kLegacyAdjustment) {
        return StockReason::kCorrection;
    }
    for (std::size_t i = 0; i < kStockReasonNames.size(); ++i) {
        if (kStockReasonNames[i] == name) {
            return static_cast<StockReason>(i);
        }
    }
    return std::nullopt;
}

Result<Product> ApplyFields(Product p, const ProductFields& f) {
    ApiError error(ErrorCode::kInvalidArgument, "The product has invalid fields.");
    if (f.name) {
        p.name = Trimmed(*f.name);
    }
    if (f.description) {
        p.description = Trimmed(*f.description);
    }
    if (f.price) {
        p.price = *f.price;
    }
    if (f.mrp) {
        p.mrp = *f.mrp;
    }
    if (f.unit) {
        p.unit = Trimmed(*f.unit);
    }
    if (f.category) {
        p.category = Trimmed(*f.category);
    }
    if (f.gst_rate_bp) {
        p.gst_rate_bp = *f.gst_rate_bp;
    }
    if (f.hsn) {
        p.hsn = Trimmed(*f.hsn);
    }
    if (f.stock) {
        p.stock = *f.stock;
    }
    if (f.low_stock_threshold) {
        p.low_stock_threshold = *f.low_stock_threshold;
    }
    if (f.sort_order) {
        p.sort_order = *f.sort_order;
    }
    if (f.active) {
        p.active = *f.active;
    }

    CheckText(error, "name", p.name, 1, kMaxProductNameChars);
    CheckText(error, "description", p.description, 0, kMaxDescriptionChars, true);
    CheckText(error, "unit", p.unit, 1, kMaxUnitChars);
    CheckText(error, "category", p.category, 0, kMaxCategoryChars);
    if (p.price.value <= 0) {
        error.fields.push_back({"price_paise", "must be more than 0 paise"});
    } else if (p.price > kMaxUnitPrice) {
        error.fields.push_back({"price_paise", std::string(kPriceAboveCap)});
    }
    if (p.mrp && p.mrp->value > kMaxUnitPrice.value) {
        error.fields.push_back({"mrp_paise", std::string(kPriceAboveCap)});
    } else if (p.mrp && p.price.value > 0 && p.mrp->value < p.price.value) {
        error.fields.push_back({"mrp_paise", "must not be below the price (selling above MRP is illegal)"});
    }
    if (!IsCurrentGstRate(p.gst_rate_bp)) {
        error.fields.push_back({"gst_rate_bp", "must be one of the GST rates in force (basis points): " + RateList()});
    }
    if (!p.hsn.empty() && !ValidHsn(p.hsn)) {
        error.fields.push_back({"hsn", "must be 4 to 8 digits"});
    }
    if (p.stock < 0 || p.stock > kMaxStock) {
        error.fields.push_back({"stock", "must be between 0 and " + std::to_string(kMaxStock)});
    }
    if (p.low_stock_threshold < 0 || p.low_stock_threshold > kMaxStock) {
        error.fields.push_back({"low_stock_threshold", "must be between 0 and " + std::to_string(kMaxStock)});
    }
    if (!error.fields.empty()) {
        return Fail(std::move(error));
    }
    return p;
}

std::string SearchText(std::string_view q, SearchSyntax syntax) {
    std::string out;
    std::size_t at = 0;
    while (at < q.size()) {
        const std::size_t start = q.find_first_not_of(" \t\r\n", at);
        if (start == std::string_view::npos) {
            break;
        }
        const std::size_t end = std::min(q.find_first_of(" \t\r\n", start), q.size());
        const std::string_view word = q.substr(start, end - start);
        at = end;
        if (!std::ranges::any_of(word, [](char c) { return IsWordByte(static_cast<unsigned char>(c)); })) {
            continue;  // punctuation alone is no word to look for
        }
        // Quoted, so the engine reads the word as text, never as query syntax; quotes inside doubled.
        const char quote = syntax == SearchSyntax::kFts5 ? '"' : '\'';
        std::string quoted(1, quote);
        for (char c : word) {
            if (c == quote || (syntax == SearchSyntax::kPostgres && c == '\\')) {
                quoted += c;
            }
            quoted += c;
        }
        quoted += quote;
        if (syntax == SearchSyntax::kFts5) {
            out += (out.empty() ? "" : " ") + quoted + "*";
        } else {
            out += (out.empty() ? "" : " & ") + quoted + ":*";
        }
    }
    return out;
}

boost::asio::awaitable<Result<ProductPage>> CatalogService::List(TenantId tenant, StoreId store, ProductQuery query) {
    if (query.limit < 1 || query.limit > kMaxPageSize) {
        co_return Fail(BadLimit());
    }
    ListCursor after;
    if (!query.cursor.empty()) {
        auto decoded = DecodeCursor(query.cursor);
        if (!decoded) {
            co_return Fail(BadCursor());
        }
        after = std::move(*decoded);
    }
    const bool postgres = db_.Engine() == "postgres";
    const std::string search = SearchText(query.q, postgres ? SearchSyntax::kPostgres : SearchSyntax::kFts5);
    const std::string_view where = !query.q.empty()         ? (postgres ? kSearchWherePostgres : kSearchWhereSqlite)
                                   : query.category.empty() ? kListWhere
                                                            : kListInCategoryWhere;
    const std::int64_t active = query.active ? (*query.active ? 1 : 0) : -1;
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<ProductPage> {
        if (auto owned = RequireStore(conn, tenant, store); !owned) {
            return Fail(std::move(owned.error()));
        }
        ProductPage page;
        if (!query.q.empty() && search.empty()) {
            return page;  // no word to look for (only punctuation): nothing matches
        }
        const std::string sql = std::string(kProductColumns) + std::string(where);
        const auto rows_wanted = static_cast<std::int64_t>(query.limit + 1);
        // Each text binds exactly the parameters it names.
        auto rows = !query.q.empty() ? conn.Query(sql, tenant, store, active, after.sort_order, after.created_at,
                                                  after.product_id, rows_wanted, query.category, search)
                    : !query.category.empty()
                        ? conn.Query(sql, tenant, store, active, after.sort_order, after.created_at, after.product_id,
                                     rows_wanted, query.category)
                        : conn.Query(sql, tenant, store, active, after.sort_order, after.created_at, after.product_id,
                                     rows_wanted);
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        const std::size_t limit = static_cast<std::size_t>(query.limit);
        for (std::size_t i = 0; i < rows->size() && i < limit; ++i) {
            auto product = ProductFromRow((*rows)[i]);
            if (!product) {
                return Fail(std::move(product.error()));
            }
            page.products.push_back(std::move(*product));
        }
        if (rows->size() > limit) {
            const storage::Row& last = (*rows)[limit - 1];
            page.next_cursor = EncodeCursor({last.Int("sort_order"), last.Int("created_at"), last.Text("product_id")});
        }
        return page;
    });
}

boost::asio::awaitable<Result<Product>> CatalogService::Create(TenantId tenant, StoreId store, ProductFields fields,
                                                               std::optional<UserId> actor) {
    Product blank;
    blank.store_id = store;
    auto product = ApplyFields(std::move(blank), fields);
    // Name and price have no defaults: say so beside whatever else is wrong, once per field.
    ApiError error(ErrorCode::kInvalidArgument, "The product has invalid fields.");
    if (!fields.name) {
        error.fields.push_back({"name", "is required"});
    }
    if (!fields.price) {
        error.fields.push_back({"price_paise", "is required"});
    }
    if (!product) {
        for (const FieldError& bad : product.error().fields) {
            if (std::ranges::find(error.fields, bad.field, &FieldError::field) == error.fields.end()) {
                error.fields.push_back(bad);
            }
        }
    }
    if (!error.fields.empty()) {
        co_return co_await NotFoundFirst(Result<Product>(Fail(std::move(error))), [&] {
            return db_.Read([&](storage::Conn& conn) -> Result<void> { return RequireStore(conn, tenant, store); });
        });
    }
    product->id = ProductId::New();
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Product> {
        if (auto owned = RequireStore(conn, tenant, store); !owned) {
            return Fail(std::move(owned.error()));
        }
        Product& p = *product;
        if (!fields.sort_order) {
            auto next = conn.QueryOne(kNextSortOrder, tenant, store);
            if (!next) {
                return Fail(std::move(next.error()));
            }
            p.sort_order = (*next)->Int("next");
        }
        auto inserted = conn.Exec(kInsert, tenant, p.id, store, p.name, p.description, p.price.value, MrpValue(p),
                                  p.stock, p.low_stock_threshold, p.category, p.unit, NullIfEmpty(p.hsn),
                                  static_cast<std::int64_t>(p.gst_rate_bp), static_cast<std::int64_t>(p.active ? 1 : 0),
                                  p.sort_order, UnixMillis(now));
        if (!inserted) {
            return Fail(std::move(inserted.error()));
        }
        if (p.stock > 0) {
            if (auto ledger =
                    AppendLedgerEntry(conn, tenant, p.id, p.stock, p.stock, {.reason = "INITIAL", .actor = actor}, now);
                !ledger) {
                return Fail(std::move(ledger.error()));
            }
        }
        if (auto touched = stores::StoreDirectory::TouchSite(conn, tenant, store); !touched) {
            return Fail(std::move(touched.error()));
        }
        return p;
    });
}

boost::asio::awaitable<Result<Product>> CatalogService::Get(TenantId tenant, StoreId store, ProductId product) {
    co_return co_await db_.Read(
        [&](storage::Conn& conn) -> Result<Product> { return LoadProduct(conn, tenant, store, product); });
}

boost::asio::awaitable<Result<Product>> CatalogService::Update(TenantId tenant, StoreId store, ProductId product,
                                                               ProductFields fields) {
    const bool changes_stock = fields.stock.has_value();
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Product> {
        auto current = LoadProduct(conn, tenant, store, product);
        if (!current) {
            return current;
        }
        auto changed = ApplyFields(*current, fields);
        if (changes_stock || !changed) {
            ApiError error = changed ? ApiError(ErrorCode::kInvalidArgument, "The product has invalid fields.")
                                     : std::move(changed.error());
            if (changes_stock) {
                error.fields.push_back({"stock", "is changed through POST .../stock, which keeps the ledger"});
            }
            return Fail(std::move(error));
        }
        const Product& p = *changed;
        auto updated = conn.Exec(kUpdate, tenant, store, product, p.name, p.description, p.price.value, MrpValue(p),
                                 p.low_stock_threshold, p.category, p.unit, NullIfEmpty(p.hsn),
                                 static_cast<std::int64_t>(p.gst_rate_bp), static_cast<std::int64_t>(p.active ? 1 : 0),
                                 p.sort_order, UnixMillis(now));
        if (!updated) {
            return Fail(std::move(updated.error()));
        }
        if (auto touched = stores::StoreDirectory::TouchSite(conn, tenant, store); !touched) {
            return Fail(std::move(touched.error()));
        }
        return p;
    });
}

boost::asio::awaitable<Result<Product>> CatalogService::Deactivate(TenantId tenant, StoreId store, ProductId product) {
    ProductFields inactive;
    inactive.active = false;
    co_return co_await Update(std::move(tenant), std::move(store), std::move(product), std::move(inactive));
}

boost::asio::awaitable<Result<Product>> CatalogService::AdjustStock(TenantId tenant, StoreId store, ProductId product,
                                                                    StockChange change) {
    ApiError invalid(ErrorCode::kInvalidArgument, "The stock change has invalid fields.");
    if (change.delta == 0 || change.delta < -kMaxStock || change.delta > kMaxStock) {
        invalid.fields.push_back({"delta", "must be a non-zero whole number of units"});
    } else {
        CheckDirection(invalid, change);
    }
    change.note = Trimmed(change.note);
    CheckText(invalid, "note", change.note, 0, kMaxDescriptionChars / 4);
    if (!invalid.fields.empty()) {
        co_return Fail(std::move(invalid));
    }
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Product> {
        auto current = LoadProduct(conn, tenant, store, product);
        if (!current) {
            return current;
        }
        auto after = conn.QueryOne(kAddStock, tenant, store, product, change.delta, UnixMillis(now));
        if (!after) {
            return Fail(std::move(after.error()));
        }
        if (!*after) {
            ApiError short_stock(ErrorCode::kConflict,
                                 "Stock cannot go below zero: only " + std::to_string(current->stock) + " left.");
            short_stock.fields.push_back({"delta", "Only " + std::to_string(current->stock) + " left."});
            return Fail(std::move(short_stock));
        }
        const std::int64_t stock_after = (*after)->Int("stock_quantity");
        const Movement why{.reason = StockReasonName(change.reason), .actor = change.actor, .note = change.note};
        if (auto ledger = AppendLedgerEntry(conn, tenant, product, change.delta, stock_after, why, now); !ledger) {
            return Fail(std::move(ledger.error()));
        }
        const std::int64_t threshold = current->low_stock_threshold;
        if (CrossesLowStock(current->stock, threshold, stock_after, threshold)) {
            if (auto low = EnqueueStockLow(conn, tenant, store, product, current->name, stock_after, threshold, now);
                !low) {
                return Fail(std::move(low.error()));
            }
        }
        // Customers see "out of stock" and quantity limits, so the site re-renders.
        if (auto touched = stores::StoreDirectory::TouchSite(conn, tenant, store); !touched) {
            return Fail(std::move(touched.error()));
        }
        current->stock = stock_after;
        return current;
    });
}

boost::asio::awaitable<Result<LedgerPage>> CatalogService::Ledger(TenantId tenant, StoreId store, ProductId product,
                                                                  std::string cursor, int limit) {
    if (limit < 1 || limit > kMaxPageSize) {
        co_return Fail(BadLimit());
    }
    std::int64_t before = 0;
    if (!cursor.empty()) {
        auto seq = ParseInt(cursor);
        if (!seq || *seq < 1) {
            co_return Fail(BadCursor());
        }
        before = *seq;
    }
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<LedgerPage> {
        if (auto found = LoadProduct(conn, tenant, store, product); !found) {
            return Fail(std::move(found.error()));
        }
        auto rows = conn.Query(kLedger, tenant, product, before, static_cast<std::int64_t>(limit + 1));
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        LedgerPage page;
        for (std::size_t i = 0; i < rows->size() && i < static_cast<std::size_t>(limit); ++i) {
            const storage::Row& r = (*rows)[i];
            page.entries.push_back(LedgerEntry{.seq = r.Int("seq"),
                                               .delta = r.Int("delta"),
                                               .stock_after = r.Int("stock_after"),
                                               .reason = r.Text("reason"),
                                               .order_id = r.Text("order_id"),
                                               .note = r.Text("note"),
                                               .created_at = FromUnixMillis(r.Int("created_at"))});
        }
        if (rows->size() > static_cast<std::size_t>(limit)) {
            page.next_cursor = std::to_string(page.entries.back().seq);
        }
        return page;
    });
}

namespace {

Result<void> InsertImported(storage::Conn& conn, const TenantId& tenant, const StoreId& store, const Product& p,
                            const std::optional<UserId>& actor, TimePoint now) {
    auto inserted = conn.Exec(kInsert, tenant, p.id, store, p.name, p.description, p.price.value, MrpValue(p), p.stock,
                              p.low_stock_threshold, p.category, p.unit, NullIfEmpty(p.hsn),
                              static_cast<std::int64_t>(p.gst_rate_bp), static_cast<std::int64_t>(p.active ? 1 : 0),
                              p.sort_order, UnixMillis(now));
    if (!inserted) {
        return Fail(std::move(inserted.error()));
    }
    if (p.stock > 0) {
        return AppendLedgerEntry(conn, tenant, p.id, p.stock, p.stock,
                                 {.reason = "INITIAL", .actor = actor, .note = kImportNote}, now);
    }
    return {};
}

Result<void> UpdateImported(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                            const ImportUpdate& change, const std::optional<UserId>& actor, TimePoint now) {
    const Product& p = change.after;
    auto updated = conn.Exec(kUpdate, tenant, store, p.id, p.name, p.description, p.price.value, MrpValue(p),
                             p.low_stock_threshold, p.category, p.unit, NullIfEmpty(p.hsn),
                             static_cast<std::int64_t>(p.gst_rate_bp), static_cast<std::int64_t>(p.active ? 1 : 0),
                             p.sort_order, UnixMillis(now));
    if (!updated) {
        return Fail(std::move(updated.error()));
    }
    const Product& before = change.before;
    if (p.stock != before.stock) {
        // The file's count replaces the shelf count: the difference is a recount, kept in the ledger.
        if (auto set = conn.Exec(kSetStock, tenant, store, p.id, p.stock, UnixMillis(now)); !set) {
            return Fail(std::move(set.error()));
        }
        const Movement why{.reason = StockReasonName(StockReason::kCorrection), .actor = actor, .note = kImportNote};
        if (auto ledger = AppendLedgerEntry(conn, tenant, p.id, p.stock - before.stock, p.stock, why, now); !ledger) {
            return ledger;
        }
    }
    if (CrossesLowStock(before.stock, before.low_stock_threshold, p.stock, p.low_stock_threshold)) {
        return EnqueueStockLow(conn, tenant, store, p.id, p.name, p.stock, p.low_stock_threshold, now);
    }
    return {};
}

/// Writes a checked plan inside the caller's write transaction.
Result<void> ApplyImport(storage::Conn& conn, const TenantId& tenant, const StoreId& store, ImportPlan& plan,
                         const std::optional<UserId>& actor, TimePoint now) {
    auto next = conn.QueryOne(kNextSortOrder, tenant, store);
    if (!next) {
        return Fail(std::move(next.error()));
    }
    std::int64_t sort_order = (*next)->Int("next");
    for (Product& p : plan.creates) {
        p.sort_order = sort_order++;
        if (auto inserted = InsertImported(conn, tenant, store, p, actor, now); !inserted) {
            return inserted;
        }
    }
    for (const ImportUpdate& change : plan.updates) {
        if (auto updated = UpdateImported(conn, tenant, store, change, actor, now); !updated) {
            return updated;
        }
    }
    return stores::StoreDirectory::TouchSite(conn, tenant, store);
}

}  // namespace

boost::asio::awaitable<Result<CatalogExport>> CatalogService::Export(TenantId tenant, StoreId store) {
    // The whole catalog: a heavy read, which never takes the connections pages need.
    co_return co_await db_.ReadHeavy([&](storage::Conn& conn) -> Result<CatalogExport> {
        auto ref = stores::StoreDirectory::ById(conn, tenant, store);
        if (!ref) {
            return Fail(std::move(ref.error()));
        }
        if (!*ref) {
            return Fail(ApiError::NotFound("Store"));
        }
        auto products = ListAllProducts(conn, tenant, store);
        if (!products) {
            return Fail(std::move(products.error()));
        }
        return CatalogExport{.slug = (*ref)->slug, .csv = ProductsCsv(*products)};
    });
}

boost::asio::awaitable<Result<ImportSummary>> CatalogService::Import(TenantId tenant, StoreId store, std::string csv,
                                                                     bool dry_run, std::optional<UserId> actor,
                                                                     bool overwrite_stock) {
    const TimePoint now = NowUtc();
    auto run = [&](storage::Conn& conn) -> Result<ImportSummary> {
        if (auto owned = RequireStore(conn, tenant, store); !owned) {
            return Fail(std::move(owned.error()));
        }
        auto current = ListAllProducts(conn, tenant, store);
        if (!current) {
            return Fail(std::move(current.error()));
        }
        auto plan = PlanImport(csv, store, *current, {.overwrite_stock = overwrite_stock});
        if (!plan) {
            return Fail(std::move(plan.error()));
        }
        ImportSummary summary{.created = plan->creates.size(),
                              .updated = plan->updates.size(),
                              .unchanged = plan->unchanged,
                              .dry_run = dry_run};
        if (dry_run || (plan->creates.empty() && plan->updates.empty())) {
            return summary;
        }
        if (auto applied = ApplyImport(conn, tenant, store, *plan, actor, now); !applied) {
            return Fail(std::move(applied.error()));
        }
        return summary;
    };
    // A dry run only reads: it never waits behind, or holds up, the writer.
    if (dry_run) {
        co_return co_await db_.Read(run);
    }
    co_return co_await db_.Write(run);
}

}  // namespace webdpro::catalog
