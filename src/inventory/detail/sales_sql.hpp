#pragma once

#include <string_view>

// The inventory folder's aggregate query (its read model of the catalog's inventory_stock_days and
// products), private to this folder; the tests check its query plan.
namespace webdpro::inventory::detail {

/// Per product of the store and India day from $3 on: the units sold in orders placed that day
/// less what those orders gave back (sold), and the net stock change of that day (delta), as the
/// catalog sums them with each ledger entry (migration 0021). One primary-key range per product:
/// O(products x days), whatever the length of the ledger. $1 tenant, $2 store, $3 first day.
inline constexpr std::string_view kStockDaysSql = R"(
SELECT d.product_id AS product_id, d.day AS day, d.sold AS sold, d.delta AS delta
FROM inventory_stock_days d
WHERE d.tenant_id = $1
  AND d.product_id IN (SELECT product_id FROM products WHERE tenant_id = $1 AND store_id = $2)
  AND d.day >= $3
)";

}  // namespace webdpro::inventory::detail
