#pragma once

#include <string_view>

// The inventory folder's aggregate queries over the stock ledger (its read model of the catalog's
// inventory_ledger and products, and of orders), private to this folder; the tests check their
// query plans.
namespace webdpro::inventory::detail {

/// Net stock change per product and India day (every ledger reason, at the time of the change)
/// over the window, from which the stock each day began with is worked back from today's stock.
/// Same parameters as kDailySalesSql.
inline constexpr std::string_view kDailyStockChangeSql = R"(
SELECT product_id, (created_at + $4) / $5 AS day, sum(delta) AS delta
FROM inventory_ledger
WHERE tenant_id = $1
  AND product_id IN (SELECT product_id FROM products WHERE tenant_id = $1 AND store_id = $2)
  AND created_at >= $3
GROUP BY product_id, day
)";

/// Net units sold per product and India day, for the whole store in one pass over the window of
/// the ledger (inventory_ledger_by_time, 0010). Units a cancellation or release gives back count
/// on the day the order was placed (read from the order, for those rare rows only), so a cancelled
/// order counts nothing on any day; give-backs of orders placed before the window fall before it
/// and are dropped by the caller. $1 tenant, $2 store, $3 first instant (UnixMillis), $4 India
/// offset (ms), $5 ms per day.
inline constexpr std::string_view kDailySalesSql = R"(
SELECT product_id, day, sum(units) AS units
FROM (
    SELECT l.product_id AS product_id, -l.delta AS units,
           (CASE WHEN l.reason = 'ORDER_RESERVED' THEN l.created_at
                 ELSE coalesce((SELECT o.created_at FROM orders o
                                WHERE o.tenant_id = l.tenant_id AND o.order_id = l.order_id), l.created_at)
            END + $4) / $5 AS day
    FROM inventory_ledger l
    WHERE l.tenant_id = $1
      AND l.product_id IN (SELECT product_id FROM products WHERE tenant_id = $1 AND store_id = $2)
      AND l.created_at >= $3
      AND l.reason IN ('ORDER_RESERVED', 'ORDER_RELEASED', 'ORDER_CANCELLED', 'RETURNED')
      AND l.order_id IS NOT NULL
) AS moves
GROUP BY product_id, day
)";

}  // namespace webdpro::inventory::detail
