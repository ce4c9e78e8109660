#include "catalog/products.hpp"

#include <nlohmann/json.hpp>

#include "events/outbox.hpp"
#include "storage/db.hpp"

namespace webdpro::catalog {
namespace {

constexpr std::string_view kInsertProduct = R"(
INSERT INTO products (tenant_id, product_id, store_id, name, description, price_paise, mrp_paise, stock_quantity,
                      category, unit, hsn, gst_rate_bp, sort_order, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
)";

constexpr std::string_view kInsertInitialLedger = R"(
INSERT INTO inventory_ledger (tenant_id, product_id, seq, delta, stock_after, reason, note, created_at)
VALUES ($1, $2, 1, $3, $3, 'INITIAL', 'generated with the store', $4)
)";

// seq is per product: the next one is computed in the same statement, inside the writer's
// transaction, so two movements can never share a number.
constexpr std::string_view kAppendLedger = R"(
INSERT INTO inventory_ledger (tenant_id, product_id, seq, delta, stock_after, reason, actor_user_id, note, created_at)
VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM inventory_ledger WHERE tenant_id = $1 AND product_id = $2),
        $3, $4, $5, $6, $7, $8)
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
            if (auto r = conn.Exec(kInsertInitialLedger, tenant, id, initial_stock, at); !r) {
                return Fail(std::move(r.error()));
            }
        }
        ids.push_back(std::move(id));
    }
    return ids;
}

Result<void> AppendLedgerEntry(storage::Conn& conn, const TenantId& tenant, const ProductId& product,
                               std::int64_t delta, std::int64_t stock_after, std::string_view reason,
                               const std::optional<UserId>& actor, std::string_view note, TimePoint now) {
    std::optional<std::string> actor_id;
    if (actor) {
        actor_id = actor->str();
    }
    auto inserted = conn.Exec(kAppendLedger, tenant, product, delta, stock_after, std::string(reason), actor_id,
                              std::string(note), UnixMillis(now));
    if (!inserted) {
        return Fail(std::move(inserted.error()));
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

Result<Product> ProductFromRow(const storage::Row& r) {
    auto id = ProductId::Parse(r.Text(0));
    auto store_id = StoreId::Parse(r.Text(1));
    if (!id || !store_id) {
        return Fail(ApiError::Internal("malformed products row " + r.Text(0)));
    }
    Product p;
    p.id = std::move(*id);
    p.store_id = std::move(*store_id);
    p.name = r.Text(2);
    p.description = r.Text(3);
    p.price = Paise(r.Int(4));
    if (auto mrp = r.OptInt(5)) {
        p.mrp = Paise(*mrp);
    }
    p.stock = r.Int(6);
    p.low_stock_threshold = r.Int(7);
    p.category = r.Text(8);
    p.unit = r.Text(9);
    p.hsn = r.Text(10);
    p.gst_rate_bp = static_cast<int>(r.Int(11));
    p.image = r.Text(12);
    p.active = r.Int(13) != 0;
    p.sort_order = r.Int(14);
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

Result<std::vector<Product>> ListActive(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    return ProductsFromRows(conn.Query(std::string(kProductColumns) + std::string(kListActiveWhere), tenant, store));
}

}  // namespace webdpro::catalog
