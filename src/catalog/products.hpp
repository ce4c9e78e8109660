#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "sitegen/site_spec.hpp"

namespace webdpro::storage {
class Conn;
class Row;
}  // namespace webdpro::storage

namespace webdpro::catalog {

/// One product of a store's catalog, as stored. Prices are tax-inclusive paise.
struct Product {
    ProductId id;
    StoreId store_id;
    std::string name;
    std::string description;
    Paise price;
    std::optional<Paise> mrp;
    std::int64_t stock = 0;
    std::int64_t low_stock_threshold = 5;
    std::string category;
    std::string unit = "piece";
    std::string hsn;      ///< "" when unknown
    int gst_rate_bp = 0;  ///< 500 = 5%
    std::string image;    ///< owner photo path or URL; "" = generated art
    bool active = true;
    std::int64_t sort_order = 0;
};

/// The columns ProductFromRow reads, in its order; append "FROM products WHERE ...".
inline constexpr std::string_view kProductColumns = R"(
SELECT product_id, store_id, name, description, price_paise, mrp_paise, stock_quantity, low_stock_threshold,
       category, unit, coalesce(hsn, ''), gst_rate_bp, coalesce(image, ''), active, sort_order
)";

/// A Product from a row selected with kProductColumns. kInternal for a malformed row.
Result<Product> ProductFromRow(const storage::Row& row);
/// The Products of a query selecting kProductColumns, in row order; the query's own error passes
/// through, and a malformed row is kInternal.
Result<std::vector<Product>> ProductsFromRows(const Result<std::vector<storage::Row>>& rows);

/// Stock a generated product starts with, until the owner counts the shelf.
inline constexpr std::int64_t kSeedStock = 25;

/// Writes a freshly generated store's products (in spec order) into its catalog, each with an
/// INITIAL ledger entry of `initial_stock`, inside the caller's transaction. Replaces nothing:
/// call it once, when the store's first spec is saved. Returns the new ids in spec order.
Result<std::vector<ProductId>> SeedFromSpec(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                            std::span<const sitegen::Product> products, std::int64_t initial_stock,
                                            TimePoint now);

/// Appends one stock movement to the product's inventory ledger inside the caller's transaction,
/// with the next seq of that product (1 for its first entry). `reason` is one of the ledger's
/// reasons (INITIAL, RESTOCK, ADJUSTMENT, ORDER_RESERVED, ...); `delta` must not be 0.
Result<void> AppendLedgerEntry(storage::Conn& conn, const TenantId& tenant, const ProductId& product,
                               std::int64_t delta, std::int64_t stock_after, std::string_view reason,
                               const std::optional<UserId>& actor, std::string_view note, TimePoint now);

/// True when a stock change takes a product from above its low-stock threshold to at or below it
/// (the thresholds before and after the change may differ, e.g. in an import). Staying low, or
/// starting low, is no crossing: the owner hears once per crossing, and again only after a restock
/// above the threshold re-arms it.
bool CrossesLowStock(std::int64_t stock_before, std::int64_t threshold_before, std::int64_t stock_after,
                     std::int64_t threshold_after);

/// Writes one STOCK_LOW outbox event, payload {store_id, product_id, name, stock, threshold},
/// inside the caller's transaction. Call it when CrossesLowStock; every stock change path (orders,
/// manual changes, imports) uses this one shape.
Result<void> EnqueueStockLow(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                             const ProductId& product, std::string_view name, std::int64_t stock,
                             std::int64_t threshold, TimePoint now);

/// The store's active products in display order (sort_order, then creation).
Result<std::vector<Product>> ListActive(storage::Conn& conn, const TenantId& tenant, const StoreId& store);

}  // namespace webdpro::catalog
