#pragma once

#include <string_view>
#include <vector>

#include "catalog/products.hpp"
#include "core/error.hpp"

namespace webdpro::storage {
class Row;
}

namespace webdpro::catalog::detail {

/// The columns ProductFromRow reads (by name); append "FROM products WHERE ...".
inline constexpr std::string_view kProductColumns = R"(
SELECT product_id, store_id, name, description, price_paise, mrp_paise, stock_quantity, low_stock_threshold,
       category, unit, coalesce(hsn, '') AS hsn, gst_rate_bp, coalesce(image, '') AS image, active, sort_order,
       created_at
)";

/// A Product from a row selected with kProductColumns. kInternal for a malformed row.
Result<Product> ProductFromRow(const storage::Row& row);
/// The Products of a query selecting kProductColumns, in row order; the query's own error passes
/// through, and a malformed row is kInternal.
Result<std::vector<Product>> ProductsFromRows(const Result<std::vector<storage::Row>>& rows);

}  // namespace webdpro::catalog::detail
