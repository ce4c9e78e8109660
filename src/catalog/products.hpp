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
}

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
    TimePoint created_at{};
};

/// Stock a generated product starts with, until the owner counts the shelf.
inline constexpr std::int64_t kSeedStock = 25;

/// Writes a freshly generated store's products (in spec order) into its catalog, each with an
/// INITIAL ledger entry of `initial_stock`, inside the caller's transaction. Replaces nothing:
/// call it once, when the store's first spec is saved. Returns the new ids in spec order.
Result<std::vector<ProductId>> SeedFromSpec(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                            std::span<const sitegen::Product> products, std::int64_t initial_stock,
                                            TimePoint now);

/// Why a product's stock moved, as its ledger entry records it.
struct Movement {
    /// One of the ledger's reasons: INITIAL, RESTOCK, ADJUSTMENT, DAMAGE, CORRECTION, ORDER_RESERVED,
    /// ORDER_RELEASED, ORDER_CANCELLED, RETURNED.
    std::string_view reason;
    std::optional<UserId> actor{};   ///< the person who moved it, when one did
    std::optional<OrderId> order{};  ///< the order behind an ORDER_* movement
    std::string_view note{};
    /// When the order was placed: what an order gives back (released, cancelled, returned) comes
    /// off the sales of that day. nullopt = the movement's own time.
    std::optional<TimePoint> order_placed_at{};
};

/// India's calendar day (UTC+05:30) of `at`, as days since 1970-01-01: the day of the stock
/// ledger's daily sums.
std::int64_t StockDay(TimePoint at);

/// Appends one stock movement to the product's inventory ledger inside the caller's transaction,
/// with the next seq of that product (1 for its first entry). `delta` must not be 0. The one way
/// the ledger is written. Adds the entry to the product's daily sums in the same transaction
/// (inventory_stock_days: the day's net change, and for an order's movement the units sold on the
/// day the order was placed), which the inventory report reads instead of the ledger.
Result<void> AppendLedgerEntry(storage::Conn& conn, const TenantId& tenant, const ProductId& product,
                               std::int64_t delta, std::int64_t stock_after, const Movement& why, TimePoint now);

/// Inside the caller's transaction (an order's, say): takes `quantity` (>= 1) off the product's
/// stock only if at least that much is there at the moment of writing, and records the movement
/// (delta -quantity) in its ledger. `stock_before` is the stock the caller read in this same
/// transaction, so the stock after is known without reading the row back. False, with nothing
/// changed, when the stock is short: overselling is impossible whatever ran meanwhile.
Result<bool> TakeStock(storage::Conn& conn, const TenantId& tenant, const ProductId& product, std::int64_t quantity,
                       std::int64_t stock_before, const Movement& why, TimePoint now);

/// Inside the caller's transaction: puts `quantity` (>= 1) back on the product's stock and records
/// the movement in its ledger. The stock after, or nullopt (nothing done) when the product no
/// longer exists.
Result<std::optional<std::int64_t>> ReturnStock(storage::Conn& conn, const TenantId& tenant, const ProductId& product,
                                                std::int64_t quantity, const Movement& why, TimePoint now);

/// Inside the caller's transaction: the tenant's product with this id, in whichever of its stores,
/// or nullopt. Callers that sell or show it check `store_id` themselves.
Result<std::optional<Product>> FindProduct(storage::Conn& conn, const TenantId& tenant, const ProductId& product);

/// Inside the caller's transaction: points the store's product at `image` (an owner photo path;
/// nullopt = generated art again). kNotFound("Product") when the store has no such product. The
/// caller bumps the store's site_version.
Result<void> SetProductImage(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                             const ProductId& product, const std::optional<std::string>& image, TimePoint now);

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
/// Every product of the store, active or not, in display order.
Result<std::vector<Product>> ListAllProducts(storage::Conn& conn, const TenantId& tenant, const StoreId& store);

}  // namespace webdpro::catalog
