#pragma once

#include <cstdint>
#include <span>
#include <string>
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
};

/// Stock a generated product starts with, until the owner counts the shelf.
inline constexpr std::int64_t kSeedStock = 25;

/// Writes a freshly generated store's products (in spec order) into its catalog, each with an
/// INITIAL ledger entry of `initial_stock`, inside the caller's transaction. Replaces nothing:
/// call it once, when the store's first spec is saved. Returns the new ids in spec order.
Result<std::vector<ProductId>> SeedFromSpec(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                            std::span<const sitegen::Product> products, std::int64_t initial_stock,
                                            TimePoint now);

/// The store's active products in display order (sort_order, then creation).
Result<std::vector<Product>> ListActive(storage::Conn& conn, const TenantId& tenant, const StoreId& store);

}  // namespace webdpro::catalog
