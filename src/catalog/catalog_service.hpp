#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/products.hpp"
#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"

namespace webdpro::storage {
class Db;
}

namespace webdpro::catalog {

/// Limits of what an owner may write into a product (code points, not bytes).
inline constexpr std::size_t kMaxProductNameChars = 120;
inline constexpr std::size_t kMaxDescriptionChars = 1000;
inline constexpr std::size_t kMaxUnitChars = 20;
inline constexpr std::size_t kMaxCategoryChars = 60;
/// What ApplyFields says of a price or MRP above kMaxUnitPrice (₹10,00,000 a unit).
inline constexpr std::string_view kPriceAboveCap = "must be at most 100000000 paise (₹10,00,000.00 a unit)";
/// Far above any shop's shelf; keeps sums of stock far from overflow.
inline constexpr std::int64_t kMaxStock = 1'000'000'000;
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 100;

/// True when `rate_bp` (basis points: 500 = 5%) is a GST rate in force for goods; see the table
/// and its source in catalog_service.cpp.
bool IsCurrentGstRate(int rate_bp);
/// The rates in force, in basis points, ascending (for error messages and documentation).
std::vector<int> CurrentGstRates();

/// What an owner sets on a product. Absent members are left as they are (PATCH) or take their
/// defaults (create). `stock` is only accepted at creation; later changes go through the ledger.
struct ProductFields {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<Paise> price;
    std::optional<std::optional<Paise>> mrp;  ///< inner nullopt = no MRP
    std::optional<std::string> unit;
    std::optional<std::string> category;
    std::optional<int> gst_rate_bp;
    std::optional<std::string> hsn;  ///< "" clears
    std::optional<std::int64_t> stock;
    std::optional<std::int64_t> low_stock_threshold;
    std::optional<std::int64_t> sort_order;
    std::optional<bool> active;
};

/// Applies `fields` to `product` (text trimmed) and checks the result as a whole. kInvalidArgument
/// naming every bad field (name, description, price_paise, mrp_paise, unit, category, gst_rate_bp,
/// hsn, stock, low_stock_threshold). Price and MRP are at most kMaxUnitPrice. Pure.
Result<Product> ApplyFields(Product product, const ProductFields& fields);

/// The query language of an engine's search index.
enum class SearchSyntax : std::uint8_t { kFts5, kPostgres };
/// The owner's search `q` as a query of the engine's search index: every word of `q` (split at
/// white space) must begin a word of the name, case-insensitively. Each word is quoted, so no
/// character of `q` is query syntax; words of punctuation alone are dropped. "" when no word is
/// left. Pure.
std::string SearchText(std::string_view q, SearchSyntax syntax);

struct ProductQuery {
    std::string q{};               ///< words that begin words of the name, any case ("" = all); SearchText
    std::string category{};        ///< exact category ("" = all)
    std::optional<bool> active{};  ///< nullopt = both
    std::string cursor{};          ///< next_cursor of the previous page ("" = first page)
    int limit = kDefaultPageSize;  ///< 1..kMaxPageSize
};

struct ProductPage {
    std::vector<Product> products;
    std::string next_cursor;  ///< "" on the last page
};

/// Why an owner changes stock by hand: a RESTOCK adds, a DAMAGE (spoilt, broken, expired)
/// removes, a CORRECTION (a recount) goes either way.
enum class StockReason : std::uint8_t { kRestock, kDamage, kCorrection };
/// The name the ledger stores ("RESTOCK", "DAMAGE", "CORRECTION").
std::string_view StockReasonName(StockReason reason);
/// A reason by name; "ADJUSTMENT", the name older clients send, is a CORRECTION.
std::optional<StockReason> ParseStockReason(std::string_view name);

struct StockChange {
    std::int64_t delta = 0;  ///< non-zero; > 0 for RESTOCK, < 0 for DAMAGE
    StockReason reason = StockReason::kCorrection;
    std::string note;
    std::optional<UserId> actor;
};

/// One row of a product's inventory ledger.
struct LedgerEntry {
    std::int64_t seq = 0;
    std::int64_t delta = 0;
    std::int64_t stock_after = 0;
    std::string reason;
    std::string order_id;  ///< "" when not an order's movement
    std::string note;
    TimePoint created_at;
};

struct LedgerPage {
    std::vector<LedgerEntry> entries;  ///< newest first
    std::string next_cursor;           ///< "" on the last page
};

/// What an import did (or, for a dry run, would do).
struct ImportSummary {
    std::size_t created = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    bool dry_run = false;
};

/// A store's products as a CSV file.
struct CatalogExport {
    std::string slug;  ///< the store's, for the file name
    std::string csv;   ///< see ProductsCsv
};

/// The owner's catalog: products of one store, their stock and its ledger.
///
/// Every method takes the TenantId from the principal and checks that the store is the tenant's
/// and the product the store's: anything else is kNotFound ("Store" / "Product"). Every change
/// customers can see bumps the store's site_version in the same transaction, so the storefront
/// re-renders. Stock never goes below zero: changes are conditional updates, each with a ledger
/// entry (next seq). Thread-safe; the Db must outlive it.
class CatalogService final {
public:
    explicit CatalogService(storage::Db& db) : db_(db) {}

    /// A page of the store's products in display order (sort_order, then creation).
    /// kInvalidArgument for a bad cursor or limit.
    boost::asio::awaitable<Result<ProductPage>> List(TenantId tenant, StoreId store, ProductQuery query);
    /// Creates a product (last in display order); an initial stock writes an INITIAL ledger entry.
    /// `fields.name` and `fields.price` are required.
    boost::asio::awaitable<Result<Product>> Create(TenantId tenant, StoreId store, ProductFields fields,
                                                   std::optional<UserId> actor);
    boost::asio::awaitable<Result<Product>> Get(TenantId tenant, StoreId store, ProductId product);
    /// Changes any field but stock (kInvalidArgument "stock": use AdjustStock).
    boost::asio::awaitable<Result<Product>> Update(TenantId tenant, StoreId store, ProductId product,
                                                   ProductFields fields);
    /// Hides the product from customers (active = 0). Products are never deleted: orders refer to them.
    boost::asio::awaitable<Result<Product>> Deactivate(TenantId tenant, StoreId store, ProductId product);
    /// Adds `change.delta` to the stock unless that would take it below zero (kConflict naming
    /// what is left); writes a ledger entry with the next seq, and a STOCK_LOW event when the
    /// change crosses the low-stock threshold. kInvalidArgument ("delta") for a RESTOCK that does
    /// not add or a DAMAGE that does not remove.
    boost::asio::awaitable<Result<Product>> AdjustStock(TenantId tenant, StoreId store, ProductId product,
                                                        StockChange change);
    /// Every product of the store (active or not) in display order, as the products CSV.
    boost::asio::awaitable<Result<CatalogExport>> Export(TenantId tenant, StoreId store);
    /// Applies a products CSV (see PlanImport) all or nothing, in one transaction: new products
    /// with an INITIAL ledger entry, changed ones updated, a changed stock as a CORRECTION entry
    /// (and STOCK_LOW on a crossing), site_version bumped once. kUnprocessable listing every
    /// problem, nothing written. `dry_run` checks and counts, and writes nothing. A stock that
    /// changed since the file was exported is refused unless `overwrite_stock` (ImportOptions).
    boost::asio::awaitable<Result<ImportSummary>> Import(TenantId tenant, StoreId store, std::string csv, bool dry_run,
                                                         std::optional<UserId> actor, bool overwrite_stock = false);
    /// The product's ledger, newest first. kInvalidArgument for a bad cursor or limit.
    boost::asio::awaitable<Result<LedgerPage>> Ledger(TenantId tenant, StoreId store, ProductId product,
                                                      std::string cursor, int limit);

private:
    storage::Db& db_;
};

}  // namespace webdpro::catalog
