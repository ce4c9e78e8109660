#include "orders/order_repository.hpp"

#include <limits>
#include <utility>

#include <nlohmann/json.hpp>

#include "storage/db.hpp"

namespace webdpro::orders {
namespace {

/// Every column of `orders o` that OrderFromRow reads; append further columns, then the FROM clause.
constexpr std::string_view kOrderColumns = R"(
SELECT o.tenant_id, o.order_id, o.store_id, o.status, o.payment_method, o.payment_status, o.customer_name,
       o.delivery_address, o.subtotal_paise, o.delivery_fee_paise, o.discount_paise, o.tax_paise, o.total_paise,
       o.reservation_expires_at, coalesce(o.cancel_reason, '') AS cancel_reason, o.created_at, o.updated_at,
       coalesce(o.customer_gstin, '') AS customer_gstin, o.customer_phone_enc, o.delivery_lat, o.delivery_lng,
       (SELECT count(*) FROM order_items i WHERE i.tenant_id = o.tenant_id AND i.order_id = o.order_id) AS item_count
)";

constexpr std::string_view kFindByKey = R"(
SELECT order_id, request_hash FROM orders WHERE tenant_id = $1 AND store_id = $2 AND idempotency_key = $3
)";

constexpr std::string_view kExtendReservation = R"(
UPDATE orders SET reservation_expires_at = $3
WHERE tenant_id = $1 AND order_id = $2 AND status = 'PENDING_PAYMENT'
)";

// The checkout's read model of its store, its checkout settings and its business's payment
// settings: a method is offered when the store switched it on and the business's settings for it
// are complete (a store without checkout settings offers cash on delivery alone).
constexpr std::string_view kStoreTerms = R"(
SELECT s.status, s.delivery_fee_paise, s.min_order_paise, s.free_delivery_above_paise,
       coalesce(c.cod_enabled, 1) AS cod_enabled, coalesce(c.cod_max_order_paise, 0) AS cod_max_order_paise,
       coalesce(c.max_units_per_product, 0) AS max_units_per_product,
       CASE WHEN c.upi_enabled = 1 AND p.upi_vpa IS NOT NULL THEN 1 ELSE 0 END AS upi_offered,
       CASE WHEN c.razorpay_enabled = 1 AND p.razorpay_key_id IS NOT NULL AND p.razorpay_key_secret_enc IS NOT NULL
            THEN 1 ELSE 0 END AS razorpay_offered
FROM stores s
LEFT JOIN checkout_settings c ON c.tenant_id = s.tenant_id AND c.store_id = s.store_id
LEFT JOIN payment_settings p ON p.tenant_id = s.tenant_id
WHERE s.tenant_id = $1 AND s.store_id = $2
)";

constexpr std::string_view kInsertOrder = R"(
INSERT INTO orders (tenant_id, order_id, store_id, customer_user_id, customer_name, customer_phone_enc,
                    customer_phone_hash, delivery_address, subtotal_paise, delivery_fee_paise, discount_paise,
                    tax_paise, total_paise, payment_method, status, idempotency_key, reservation_expires_at,
                    confirmed_at, created_at, updated_at, request_hash, customer_gstin, delivery_lat, delivery_lng)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19, $20, $21, $22)
)";

constexpr std::string_view kInsertItem = R"(
INSERT INTO order_items (tenant_id, order_id, line, product_id, name, unit, unit_price_paise, quantity,
                         line_total_paise, gst_rate_bp, hsn)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
)";

constexpr std::string_view kOrderItems = R"(
SELECT line, product_id, name, unit, unit_price_paise, quantity, line_total_paise, gst_rate_bp,
       coalesce(hsn, '') AS hsn
FROM order_items WHERE tenant_id = $1 AND order_id = $2 ORDER BY line
)";

// The owner's orders, newest first, from the cursor ($3 created_at, $4 order_id; the first page
// starts above every key, OrderKeyAfter). A row-value comparison seeks the index from the cursor
// (orders_by_store, or orders_by_store_status with a status: a status that matches little reads
// little), and the read stops after the page.
constexpr std::string_view kStoreOrdersFrom = R"(
FROM orders o
WHERE o.tenant_id = $1 AND o.store_id = $2 AND (o.created_at, o.order_id) < ($3, $4)
ORDER BY o.created_at DESC, o.order_id DESC LIMIT $5
)";

constexpr std::string_view kStoreOrdersOfStatusFrom = R"(
FROM orders o
WHERE o.tenant_id = $1 AND o.store_id = $2 AND o.status = $6 AND (o.created_at, o.order_id) < ($3, $4)
ORDER BY o.created_at DESC, o.order_id DESC LIMIT $5
)";

// Either index (orders_by_customer_phone, orders_by_customer_user) answers one side of the OR;
// SQLite unions them, so this is two index range scans, never a scan of every tenant's orders.
constexpr std::string_view kCustomerOrdersFrom = R"(
     , CASE WHEN s.business_name <> '' THEN s.business_name ELSE s.slug END AS store_name, s.slug AS store_slug
FROM orders o JOIN stores s ON s.tenant_id = o.tenant_id AND s.store_id = o.store_id
WHERE (o.customer_phone_hash = $1 OR o.customer_user_id = $2) AND (o.created_at, o.order_id) < ($3, $4)
ORDER BY o.created_at DESC, o.order_id DESC LIMIT $5
)";

constexpr std::string_view kOrderState = R"(
SELECT status, store_id, total_paise, created_at FROM orders WHERE tenant_id = $1 AND order_id = $2
)";

constexpr std::string_view kSetStatus = R"(
UPDATE orders SET status = $3, updated_at = $4,
    confirmed_at = CASE WHEN $3 = 'CONFIRMED' THEN $4 ELSE confirmed_at END,
    delivered_at = CASE WHEN $3 = 'DELIVERED' THEN $4 ELSE delivered_at END,
    cancelled_at = CASE WHEN $3 = 'CANCELLED' THEN $4 ELSE cancelled_at END,
    cancel_reason = CASE WHEN $3 = 'CANCELLED' THEN $5 ELSE cancel_reason END,
    payment_status = CASE WHEN $6 = 1 THEN 'PAID' ELSE payment_status END,
    reservation_expires_at = CASE WHEN $3 = 'PENDING_PAYMENT' THEN reservation_expires_at ELSE NULL END
WHERE tenant_id = $1 AND order_id = $2 AND status = $7
)";

constexpr std::string_view kItemQuantities = R"(
SELECT product_id, quantity FROM order_items WHERE tenant_id = $1 AND order_id = $2 ORDER BY line
)";

constexpr std::string_view kExpired = R"(
SELECT tenant_id, order_id FROM orders
WHERE status = 'PENDING_PAYMENT' AND reservation_expires_at IS NOT NULL AND reservation_expires_at <= $1
ORDER BY reservation_expires_at LIMIT $2
)";

/// An order from a row selected with kOrderColumns: no lines, no phone.
Order OrderFromRow(const storage::Row& r) {
    Order order;
    order.tenant_id = TenantId(r.Text("tenant_id"));
    order.id = OrderId(r.Text("order_id"));
    order.store_id = StoreId(r.Text("store_id"));
    order.status = ParseStatus(r.Text("status")).value_or(OrderStatus::kPendingPayment);
    order.payment_method = ParsePaymentMethod(r.Text("payment_method")).value_or(PaymentMethod::kCod);
    order.payment_status = r.Text("payment_status");
    order.customer_name = r.Text("customer_name");
    const auto address = nlohmann::json::parse(r.Text("delivery_address"), nullptr, false);
    if (address.is_object()) {
        order.address = address.value("address", "");
        order.pincode = address.value("pincode", "");
    }
    order.totals = Totals{.subtotal = Paise(r.Int("subtotal_paise")),
                          .delivery_fee = Paise(r.Int("delivery_fee_paise")),
                          .discount = Paise(r.Int("discount_paise")),
                          .tax = Paise(r.Int("tax_paise")),
                          .total = Paise(r.Int("total_paise"))};
    if (auto expires = r.OptInt("reservation_expires_at")) {
        order.reservation_expires_at = FromUnixMillis(*expires);
    }
    order.cancel_reason = r.Text("cancel_reason");
    order.created_at = FromUnixMillis(r.Int("created_at"));
    order.updated_at = FromUnixMillis(r.Int("updated_at"));
    order.customer_gstin = r.Text("customer_gstin");
    order.delivery_lat = r.OptReal("delivery_lat");
    order.delivery_lng = r.OptReal("delivery_lng");
    order.item_count = r.Int("item_count");
    return order;
}

OrderLine LineFromRow(const storage::Row& r) {
    OrderLine line{.line = static_cast<int>(r.Int("line")),
                   .product_id = ProductId(r.Text("product_id")),
                   .name = r.Text("name"),
                   .unit = r.Text("unit"),
                   .unit_price = Paise(r.Int("unit_price_paise")),
                   .quantity = r.Int("quantity"),
                   .line_total = Paise(r.Int("line_total_paise")),
                   .gst_rate_bp = static_cast<int>(r.Int("gst_rate_bp")),
                   .tax = {},
                   .hsn = r.Text("hsn")};
    line.tax = ContainedGst(line.line_total, line.gst_rate_bp);
    return line;
}

std::optional<std::string> UnlessEmpty(const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    return text;
}

}  // namespace

Result<std::optional<KeyedOrder>> FindOrderByKey(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                                 std::string_view idempotency_key) {
    auto row = conn.QueryOne(kFindByKey, tenant, store, idempotency_key);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<KeyedOrder>{};
    }
    return std::optional<KeyedOrder>(
        KeyedOrder{.id = OrderId((*row)->Text("order_id")), .request_hash = (*row)->Text("request_hash")});
}

Result<std::optional<StoreTerms>> ReadStoreTerms(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    auto row = conn.QueryOne(kStoreTerms, tenant, store);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<StoreTerms>{};
    }
    const storage::Row& r = **row;
    return std::optional<StoreTerms>(StoreTerms{.published = r.Text("status") == "PUBLISHED",
                                                .delivery = {.fee = Paise(r.Int("delivery_fee_paise")),
                                                             .free_above = Paise(r.Int("free_delivery_above_paise"))},
                                                .min_order = Paise(r.Int("min_order_paise")),
                                                .cod = r.Int("cod_enabled") == 1,
                                                .upi = r.Int("upi_offered") == 1,
                                                .razorpay = r.Int("razorpay_offered") == 1,
                                                .cod_max_order = Paise(r.Int("cod_max_order_paise")),
                                                .max_units_per_product = r.Int("max_units_per_product")});
}

Result<void> InsertOrder(storage::Conn& conn, const Order& order, const OrderProvenance& provenance) {
    const std::int64_t at = UnixMillis(order.created_at);
    std::optional<std::int64_t> expires;
    if (order.reservation_expires_at) {
        expires = UnixMillis(*order.reservation_expires_at);
    }
    std::optional<std::int64_t> confirmed_at;
    if (order.status == OrderStatus::kConfirmed) {
        confirmed_at = at;
    }
    const std::string address = nlohmann::json{{"address", order.address}, {"pincode", order.pincode}}.dump();
    auto inserted =
        conn.Exec(kInsertOrder, order.tenant_id, order.id, order.store_id, provenance.customer_user,
                  order.customer_name, provenance.phone_enc, provenance.phone_hash, address,
                  order.totals.subtotal.value, order.totals.delivery_fee.value, order.totals.tax.value,
                  order.totals.total.value, PaymentMethodName(order.payment_method), StatusName(order.status),
                  provenance.idempotency_key, expires, confirmed_at, at, provenance.request_hash,
                  UnlessEmpty(order.customer_gstin), order.delivery_lat, order.delivery_lng);
    if (!inserted) {
        return Fail(std::move(inserted.error()));
    }
    for (const OrderLine& l : order.lines) {
        auto item = conn.Exec(kInsertItem, order.tenant_id, order.id, static_cast<std::int64_t>(l.line), l.product_id,
                              l.name, l.unit, l.unit_price.value, l.quantity, l.line_total.value,
                              static_cast<std::int64_t>(l.gst_rate_bp), UnlessEmpty(l.hsn));
        if (!item) {
            return Fail(std::move(item.error()));
        }
    }
    return {};
}

Result<Order> ReadOrder(storage::Conn& conn, const PiiVault* vault, const TenantId& tenant, const OrderId& id) {
    auto row = conn.QueryOne(std::string(kOrderColumns) + "FROM orders o WHERE o.tenant_id = $1 AND o.order_id = $2",
                             tenant, id);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return Fail(ApiError::NotFound("Order"));
    }
    Order order = OrderFromRow(**row);
    if (vault != nullptr) {
        auto phone = vault->Decrypt((*row)->BlobAt("customer_phone_enc"), OrderPhoneContext(tenant));
        if (!phone) {
            return Fail(std::move(phone.error()));
        }
        order.customer_phone = std::move(*phone);
    }
    auto items = conn.Query(kOrderItems, tenant, id);
    if (!items) {
        return Fail(std::move(items.error()));
    }
    for (const auto& item : *items) {
        order.lines.push_back(LineFromRow(item));
    }
    return order;
}

namespace {

/// The key a page starts below: the cursor's, or one above every order for the first page.
std::pair<std::int64_t, std::string> OrderKeyAfter(const OrderCursor& after) {
    if (after.created_ms == 0) {
        return {std::numeric_limits<std::int64_t>::max(), ""};
    }
    return {after.created_ms, after.order_id};
}

}  // namespace

Result<OrderPage> ListStoreOrders(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                  std::optional<OrderStatus> status, const OrderCursor& after, int page_size) {
    const auto [created_ms, order_id] = OrderKeyAfter(after);
    const auto rows_wanted = static_cast<std::int64_t>(page_size + 1);
    auto rows = status ? conn.Query(std::string(kOrderColumns) + std::string(kStoreOrdersOfStatusFrom), tenant, store,
                                    created_ms, order_id, rows_wanted, std::string(StatusName(*status)))
                       : conn.Query(std::string(kOrderColumns) + std::string(kStoreOrdersFrom), tenant, store,
                                    created_ms, order_id, rows_wanted);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    OrderPage result;
    const auto page = static_cast<std::size_t>(page_size);
    for (std::size_t i = 0; i < rows->size() && i < page; ++i) {
        result.orders.push_back(OrderFromRow((*rows)[i]));
    }
    if (rows->size() > page) {
        result.next_cursor = NextOrderCursor(result.orders.back());
    }
    return result;
}

Result<std::vector<CustomerOrderRow>> ListCustomerOrders(storage::Conn& conn, std::string_view phone_hash,
                                                         const UserId& user, const OrderCursor& after, int limit) {
    const auto [created_ms, order_id] = OrderKeyAfter(after);
    auto rows = conn.Query(std::string(kOrderColumns) + std::string(kCustomerOrdersFrom), phone_hash, user, created_ms,
                           order_id, static_cast<std::int64_t>(limit));
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<CustomerOrderRow> out;
    out.reserve(rows->size());
    for (const storage::Row& r : *rows) {
        out.push_back(
            {.order = OrderFromRow(r), .store_name = r.Text("store_name"), .store_slug = r.Text("store_slug")});
    }
    return out;
}

Result<std::optional<OrderState>> ReadOrderState(storage::Conn& conn, const TenantId& tenant, const OrderId& id) {
    auto row = conn.QueryOne(kOrderState, tenant, id);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<OrderState>{};
    }
    const auto status = ParseStatus((*row)->Text("status"));
    if (!status) {
        return Fail(ApiError::Internal("unknown order status " + (*row)->Text("status")));
    }
    return std::optional<OrderState>(OrderState{.status = *status,
                                                .store_id = StoreId((*row)->Text("store_id")),
                                                .total = Paise((*row)->Int("total_paise")),
                                                .created_at = FromUnixMillis((*row)->Int("created_at"))});
}

Result<bool> UpdateOrderStatus(storage::Conn& conn, const TenantId& tenant, const OrderId& id, OrderStatus from,
                               OrderStatus to, std::string_view reason, bool paid, TimePoint now) {
    auto updated = conn.Exec(kSetStatus, tenant, id, StatusName(to), UnixMillis(now), reason,
                             static_cast<std::int64_t>(paid ? 1 : 0), StatusName(from));
    if (!updated) {
        return Fail(std::move(updated.error()));
    }
    return *updated == 1;
}

Result<std::vector<ItemQuantity>> ReadItemQuantities(storage::Conn& conn, const TenantId& tenant, const OrderId& id) {
    auto rows = conn.Query(kItemQuantities, tenant, id);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<ItemQuantity> out;
    out.reserve(rows->size());
    for (const storage::Row& r : *rows) {
        out.push_back({.product_id = ProductId(r.Text("product_id")), .quantity = r.Int("quantity")});
    }
    return out;
}

Result<std::vector<std::pair<TenantId, OrderId>>> FindExpiredReservations(storage::Conn& conn, TimePoint now,
                                                                          int limit) {
    auto rows = conn.Query(kExpired, UnixMillis(now), static_cast<std::int64_t>(limit));
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<std::pair<TenantId, OrderId>> out;
    out.reserve(rows->size());
    for (const storage::Row& r : *rows) {
        out.emplace_back(TenantId(r.Text("tenant_id")), OrderId(r.Text("order_id")));
    }
    return out;
}

Result<bool> ExtendReservation(storage::Conn& conn, const TenantId& tenant, const OrderId& id, TimePoint until) {
    auto updated = conn.Exec(kExtendReservation, tenant, id, UnixMillis(until));
    if (!updated) {
        return Fail(std::move(updated.error()));
    }
    return *updated == 1;
}

Result<void> CheckVaultReadsOrders(storage::Conn& conn, const PiiVault& vault) {
    auto row = conn.QueryOne(
        "SELECT tenant_id, customer_phone_enc, customer_phone_hash FROM orders ORDER BY created_at DESC LIMIT 1");
    if (!row) {
        return Fail(row.error());
    }
    if (!*row) {
        return {};
    }
    auto phone =
        vault.Decrypt((*row)->BlobAt("customer_phone_enc"), OrderPhoneContext(TenantId((*row)->Text("tenant_id"))));
    if (!phone || vault.BlindIndex(*phone) != (*row)->Text("customer_phone_hash")) {
        return Fail(ApiError::Conflict("the keys in use do not read the customers' phone numbers on its orders"));
    }
    return {};
}

}  // namespace webdpro::orders
