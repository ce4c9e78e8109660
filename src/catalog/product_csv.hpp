#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/products.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"

namespace webdpro::catalog {

/// Largest import file, and most product rows in one (the header not counted).
inline constexpr std::int64_t kMaxImportBytes = 2 * 1024 * 1024;
inline constexpr std::size_t kMaxImportRows = 5000;
/// An import answer lists at most this many problems (then one "file" entry says how many more).
inline constexpr std::size_t kMaxImportProblems = 200;

/// The columns of the products CSV, in the order the export writes them. exported_stock, last so
/// that it stays out of the way, is the stock when the file was exported (see PlanImport); owners
/// edit `stock`, not it.
inline constexpr std::array<std::string_view, 13> kCsvColumns = {
    "product_id", "name",  "description",         "category", "unit",          "price", "mrp", "gst_rate",
    "hsn",        "stock", "low_stock_threshold", "active",   "exported_stock"};

/// Rupees as an owner writes them — "45", "45.5", "45.50", "₹45.50", "Rs. 45", "1,250.00",
/// "1,25,000" — into exact paise (no floating point). The message says what is wrong: a minus
/// sign, a third decimal, anything that is not a number, or an amount far above any price.
std::expected<Paise, std::string> ParseRupees(std::string_view text);
/// "45.50": rupees with two decimals, no symbol and no grouping (what a spreadsheet re-reads).
std::string FormatRupees(Paise amount);

/// A GST rate in percent — "5", "5%", "0.25", "1.5 %" — into basis points (500). Only checks
/// the form (at most two decimals, not negative); whether the rate is in force is ApplyFields'.
std::expected<int, std::string> ParseGstPercent(std::string_view text);
/// Basis points as the shortest percent: 500 → "5", 25 → "0.25", 150 → "1.5".
std::string FormatGstPercent(int rate_bp);

/// The export file: a UTF-8 byte order mark (so Excel reads Hindi right), the header and one
/// CRLF-ended row per product, text cells guarded against formulas. Pure.
std::string ProductsCsv(std::span<const Product> products);

/// An existing product as it is and as the file wants it.
struct ImportUpdate {
    Product before;
    Product after;
};

/// What an import file asks for, fully checked.
struct ImportPlan {
    std::vector<Product> creates;       ///< new ids, store set, sort_order still 0 (given at write time)
    std::vector<ImportUpdate> updates;  ///< only rows that change something
    std::size_t unchanged = 0;          ///< rows naming a product exactly as it is
};

/// How an import treats stock figures that went stale.
struct ImportOptions {
    /// Take the file's stock even where the product's stock changed since the file was exported.
    bool overwrite_stock = false;
};

/// Reads an import file against `current` (every product of `store`, active or not). Columns are
/// found by header name in any order; only name and price are required. A row with a product_id
/// changes that product (one not in `current` — another store's or tenant's, or none at all — is
/// "no such product in this store"); a row without one creates a product. Every row is checked
/// with ApplyFields and every problem is reported: kUnprocessable with fields "rows[N].column"
/// (N = the line in the file, the header is line 1) and "file" for the file as a whole.
///
/// Stock and exported_stock (the export's figure then): a row whose stock equals its
/// exported_stock leaves the product's stock as it is now (sales since the export stay counted);
/// an edited stock is taken if the product's stock is still the exported one, and is otherwise
/// "rows[N].stock": "stock changed since this file was exported: now 37", unless
/// `options.overwrite_stock`. Without an exported_stock (older files) the stock is taken as
/// given. Pure.
Result<ImportPlan> PlanImport(std::string_view text, const StoreId& store, std::span<const Product> current,
                              const ImportOptions& options = {});

}  // namespace webdpro::catalog
