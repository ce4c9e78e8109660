#include "catalog/products.hpp"

#include <nlohmann/json.hpp>

#include "catalog/detail/product_rows.hpp"
#include "events/outbox.hpp"
#include "storage/db.hpp"

namespace webdpro::catalog {
namespace {

constexpr std::string_view kInsertProduct = R"(
INSERT INTO products (tenant_id, product_id, store_id, name, description, price_paise, mrp_paise, stock_quantity,
                      category, unit, hsn, gst_rate_bp, sort_order, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
)";

// seq is per product: the next one is computed in the same statement, inside the writer's
// transaction, so two movements can never share a number.
// The ledger summed per product and India day (migration 0021), kept with every entry.
constexpr std::string_view kAddStockDay = R"(
INSERT INTO inventory_stock_days (tenant_id, product_id, day, sold, delta) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (tenant_id, product_id, day)
DO UPDATE SET sold = inventory_stock_days.sold + excluded.sold, delta = inventory_stock_days.delta + excluded.delta
)";

constexpr std::int64_t kDayMillis = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kIndiaOffsetMillis = (5 * 60 + 30) * 60 * 1000;

/// True for the reasons that move units of an order: its sales, and what it gives back.
bool IsOrderMove(std::string_view reason) {
    return reason == "ORDER_RESERVED" || reason == "ORDER_RELEASED" || reason == "ORDER_CANCELLED" ||
           reason == "RETURNED";
}

constexpr std::string_view kAppendLedger = R"(
INSERT INTO inventory_ledger (tenant_id, product_id, seq, delta, stock_after, reason, order_id, actor_user_id, note,
                              created_at)
VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM inventory_ledger WHERE tenant_id = $1 AND product_id = $2),
        $3, $4, $5, $6, $7, $8, $9)
)";

// The conditional decrement is what makes overselling impossible: it changes nothing unless the
// stock is still there at the moment of writing. No RETURNING: the stock after is the stock read in
// the same transaction less the quantity (SQLite builds a temporary table for every RETURNING, a
// tenth of an order's time on the single writer).
constexpr std::string_view kTakeStock = R"(
UPDATE products SET stock_quantity = stock_quantity - $3, updated_at = $4
WHERE tenant_id = $1 AND product_id = $2 AND stock_quantity >= $3
)";

constexpr std::string_view kReturnStock = R"(
UPDATE products SET stock_quantity = stock_quantity + $3, updated_at = $4
WHERE tenant_id = $1 AND product_id = $2
RETURNING stock_quantity
)";

constexpr std::string_view kSetImage = R"(
UPDATE products SET image = $4, updated_at = $5 WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3
)";

constexpr std::string_view kProductById = R"(
FROM products WHERE tenant_id = $1 AND product_id = $2
)";

constexpr std::string_view kStoreProducts = R"(
FROM products WHERE tenant_id = $1 AND store_id = $2 ORDER BY sort_order, created_at, product_id
)";

constexpr std::string_view kListActiveWhere = R"(
FROM products WHERE tenant_id = $1 AND store_id = $2 AND active = 1
ORDER BY sort_order, created_at, product_id
)";

}  // namespace

Result<std::vector<ProductId>> SeedFromSpec(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                            std::span<const sitegen::Product> products, std::int64_t initial_stock,
                                            TimePoint now) {
    std::vector<ProductId> ids;
    ids.reserve(products.size());
    const std::int64_t at = UnixMillis(now);
    for (std::size_t i = 0; i < products.size(); ++i) {
        const sitegen::Product& p = products[i];
        ProductId id = ProductId::New();
        std::optional<std::string> hsn;
        if (!p.hsn.empty()) {
            hsn = p.hsn;
        }
        auto inserted = conn.Exec(kInsertProduct, tenant, id, store, p.name, p.description, p.price.value, p.mrp.value,
                                  initial_stock, p.category, p.unit, hsn, static_cast<std::int64_t>(p.gst_rate) * 100,
                                  static_cast<std::int64_t>(i), at);
        if (!inserted) {
            return Fail(std::move(inserted.error()));
        }
        if (initial_stock > 0) {
            const Movement initial{.reason = "INITIAL", .note = "generated with the store"};
            if (auto r = AppendLedgerEntry(conn, tenant, id, initial_stock, initial_stock, initial, now); !r) {
                return Fail(std::move(r.error()));
            }
        }
        ids.push_back(std::move(id));
    }
    return ids;
}

Result<void> AppendLedgerEntry(storage::Conn& conn, const TenantId& tenant, const ProductId& product,
                               std::int64_t delta, std::int64_t stock_after, const Movement& why, TimePoint now) {
    auto inserted = conn.Exec(kAppendLedger, tenant, product, delta, stock_after, why.reason, why.order, why.actor,
                              why.note, UnixMillis(now));
    if (!inserted) {
        return Fail(std::move(inserted.error()));
    }
    // The day's net change; an order's units count as sold on the day the order was placed, and
    // what it gives back later comes off that same day.
    const std::int64_t today = StockDay(now);
    std::int64_t sold_today = 0;
    if (why.order && IsOrderMove(why.reason)) {
        const std::int64_t sold_day =
            why.reason == "ORDER_RESERVED" ? today : StockDay(why.order_placed_at.value_or(now));
        if (sold_day != today) {
            if (auto sold = conn.Exec(kAddStockDay, tenant, product, sold_day, -delta, std::int64_t{0}); !sold) {
                return Fail(std::move(sold.error()));
            }
        } else {
            sold_today = -delta;
        }
    }
    if (auto day = conn.Exec(kAddStockDay, tenant, product, today, sold_today, delta); !day) {
        return Fail(std::move(day.error()));
    }
    return {};
}

std::int64_t StockDay(TimePoint at) {
    const std::int64_t ms = UnixMillis(at) + kIndiaOffsetMillis;
    return ms >= 0 ? ms / kDayMillis : (ms - kDayMillis + 1) / kDayMillis;
}

Result<bool> TakeStock(storage::Conn& conn, const TenantId& tenant, const ProductId& product, std::int64_t quantity,
                       std::int64_t stock_before, const Movement& why, TimePoint now) {
    auto taken = conn.Exec(kTakeStock, tenant, product, quantity, UnixMillis(now));
    if (!taken) {
        return Fail(std::move(taken.error()));
    }
    if (*taken != 1) {
        return false;
    }
    if (auto ledger = AppendLedgerEntry(conn, tenant, product, -quantity, stock_before - quantity, why, now); !ledger) {
        return Fail(std::move(ledger.error()));
    }
    return true;
}

Result<std::optional<std::int64_t>> ReturnStock(storage::Conn& conn, const TenantId& tenant, const ProductId& product,
                                                std::int64_t quantity, const Movement& why, TimePoint now) {
    auto row = conn.QueryOne(kReturnStock, tenant, product, quantity, UnixMillis(now));
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<std::int64_t>{};
    }
    const std::int64_t after = (*row)->Int("stock_quantity");
    if (auto ledger = AppendLedgerEntry(conn, tenant, product, quantity, after, why, now); !ledger) {
        return Fail(std::move(ledger.error()));
    }
    return std::optional<std::int64_t>(after);
}

Result<std::optional<Product>> FindProduct(storage::Conn& conn, const TenantId& tenant, const ProductId& product) {
    auto row = conn.QueryOne(std::string(detail::kProductColumns) + std::string(kProductById), tenant, product);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<Product>{};
    }
    auto found = detail::ProductFromRow(**row);
    if (!found) {
        return Fail(std::move(found.error()));
    }
    return std::optional<Product>(std::move(*found));
}

Result<void> SetProductImage(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                             const ProductId& product, const std::optional<std::string>& image, TimePoint now) {
    auto updated = conn.Exec(kSetImage, tenant, store, product, image, UnixMillis(now));
    if (!updated) {
        return Fail(std::move(updated.error()));
    }
    if (*updated != 1) {
        return Fail(ApiError::NotFound("Product"));
    }
    return {};
}

bool CrossesLowStock(std::int64_t stock_before, std::int64_t threshold_before, std::int64_t stock_after,
                     std::int64_t threshold_after) {
    return stock_before > threshold_before && stock_after <= threshold_after;
}

Result<void> EnqueueStockLow(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                             const ProductId& product, std::string_view name, std::int64_t stock,
                             std::int64_t threshold, TimePoint now) {
    const nlohmann::json payload = {{"store_id", store.str()},
                                    {"product_id", product.str()},
                                    {"name", std::string(name)},
                                    {"stock", stock},
                                    {"threshold", threshold}};
    if (auto event = events::Enqueue(conn, tenant, events::type::kStockLow, payload, now); !event) {
        return Fail(std::move(event.error()));
    }
    return {};
}

namespace detail {

Result<Product> ProductFromRow(const storage::Row& r) {
    auto id = ProductId::Parse(r.Text("product_id"));
    auto store_id = StoreId::Parse(r.Text("store_id"));
    if (!id || !store_id) {
        return Fail(ApiError::Internal("malformed products row " + r.Text("product_id")));
    }
    Product p;
    p.id = std::move(*id);
    p.store_id = std::move(*store_id);
    p.name = r.Text("name");
    p.description = r.Text("description");
    p.price = Paise(r.Int("price_paise"));
    if (auto mrp = r.OptInt("mrp_paise")) {
        p.mrp = Paise(*mrp);
    }
    p.stock = r.Int("stock_quantity");
    p.low_stock_threshold = r.Int("low_stock_threshold");
    p.category = r.Text("category");
    p.unit = r.Text("unit");
    p.hsn = r.Text("hsn");
    p.gst_rate_bp = static_cast<int>(r.Int("gst_rate_bp"));
    p.image = r.Text("image");
    p.active = r.Int("active") != 0;
    p.sort_order = r.Int("sort_order");
    p.created_at = FromUnixMillis(r.Int("created_at"));
    return p;
}

Result<std::vector<Product>> ProductsFromRows(const Result<std::vector<storage::Row>>& rows) {
    if (!rows) {
        return Fail(rows.error());
    }
    std::vector<Product> out;
    out.reserve(rows->size());
    for (const storage::Row& r : *rows) {
        auto product = ProductFromRow(r);
        if (!product) {
            return Fail(std::move(product.error()));
        }
        out.push_back(std::move(*product));
    }
    return out;
}

}  // namespace detail

Result<std::vector<Product>> ListActive(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    return detail::ProductsFromRows(
        conn.Query(std::string(detail::kProductColumns) + std::string(kListActiveWhere), tenant, store));
}

Result<std::vector<Product>> ListAllProducts(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    return detail::ProductsFromRows(
        conn.Query(std::string(detail::kProductColumns) + std::string(kStoreProducts), tenant, store));
}

}  // namespace webdpro::catalog
