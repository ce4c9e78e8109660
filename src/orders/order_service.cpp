#include "orders/order_service.hpp"

#include <charconv>

#include <algorithm>
#include <array>
#include <map>

#include <nlohmann/json.hpp>

#include "catalog/products.hpp"
#include "events/outbox.hpp"
#include "orders/gstin.hpp"
#include "sitegen/site_spec.hpp"
#include "sitegen/text.hpp"
#include "storage/db.hpp"

namespace webdpro::orders {
namespace {

constexpr std::array<std::string_view, 6> kStatusNames = {"PENDING_PAYMENT",  "CONFIRMED", "PACKED",
                                                          "OUT_FOR_DELIVERY", "DELIVERED", "CANCELLED"};
constexpr std::array<std::string_view, 3> kMethodNames = {"COD", "UPI", "RAZORPAY"};

constexpr std::size_t kMaxNameChars = 80;
constexpr std::size_t kMinAddressChars = 5;
constexpr std::size_t kMaxAddressChars = 300;
constexpr std::size_t kMaxKeyChars = 200;

// --- SQL ------------------------------------------------------------------------------------------

constexpr std::string_view kFindByKey = R"(
SELECT order_id, request_hash FROM orders WHERE tenant_id = $1 AND store_id = $2 AND idempotency_key = $3
)";

constexpr std::string_view kStoreSettings = R"(
SELECT status, delivery_fee_paise, min_order_paise, free_delivery_above_paise
FROM stores WHERE tenant_id = $1 AND store_id = $2
)";

constexpr std::string_view kProductForOrder = R"(
SELECT store_id, name, unit, price_paise, stock_quantity, low_stock_threshold, gst_rate_bp, coalesce(hsn, ''), active
FROM products WHERE tenant_id = $1 AND product_id = $2
)";

// The conditional decrement is what makes overselling impossible: it changes nothing unless
// the stock is still there at the moment of writing. No RETURNING: the stock after is the stock
// read in the same transaction less the quantity (SQLite builds a temporary table for every
// RETURNING, a tenth of the order's time on the single writer).
constexpr std::string_view kTakeStock = R"(
UPDATE products SET stock_quantity = stock_quantity - $3, updated_at = $4
WHERE tenant_id = $1 AND product_id = $2 AND stock_quantity >= $3
)";

constexpr std::string_view kReturnStock = R"(
UPDATE products SET stock_quantity = stock_quantity + $3, updated_at = $4
WHERE tenant_id = $1 AND product_id = $2
RETURNING stock_quantity
)";

constexpr std::string_view kInsertLedger = R"(
INSERT INTO inventory_ledger (tenant_id, product_id, seq, delta, stock_after, reason, order_id, actor_user_id,
                              created_at)
VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM inventory_ledger WHERE tenant_id = $1 AND product_id = $2),
        $3, $4, $5, $6, $7, $8)
)";

constexpr std::string_view kInsertOrder = R"(
INSERT INTO orders (tenant_id, order_id, store_id, customer_user_id, customer_name, customer_phone_enc,
                    customer_phone_hash, delivery_address, subtotal_paise, delivery_fee_paise, discount_paise,
                    tax_paise, total_paise, payment_method, status, idempotency_key, reservation_expires_at,
                    confirmed_at, created_at, updated_at, request_hash, customer_gstin)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19, $20)
)";

constexpr std::string_view kInsertItem = R"(
INSERT INTO order_items (tenant_id, order_id, line, product_id, name, unit, unit_price_paise, quantity,
                         line_total_paise, gst_rate_bp, hsn)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
)";

constexpr std::string_view kOrderItems = R"(
SELECT line, product_id, name, unit, unit_price_paise, quantity, line_total_paise, gst_rate_bp, coalesce(hsn, '')
FROM order_items WHERE tenant_id = $1 AND order_id = $2 ORDER BY line
)";

constexpr std::string_view kListWhere = R"(
FROM orders o
WHERE o.tenant_id = $1 AND o.store_id = $2 AND ($3 = '' OR o.status = $3)
  AND ($4 = 0 OR o.created_at < $4 OR (o.created_at = $4 AND o.order_id < $5))
ORDER BY o.created_at DESC, o.order_id DESC LIMIT $6
)";

constexpr std::string_view kStatusForUpdate = R"(
SELECT status, store_id, total_paise FROM orders WHERE tenant_id = $1 AND order_id = $2
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
ORDER BY reservation_expires_at LIMIT 500
)";

// --- helpers --------------------------------------------------------------------------------------

std::string Trimmed(std::string_view text) {
    return std::string(sitegen::TrimSpace(text));
}

std::size_t CharCount(std::string_view text) {
    return sitegen::Utf8Length(text).value_or(0);
}

bool HasControl(std::string_view text) {
    return std::ranges::any_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

bool ValidPincode(std::string_view pin) {
    return pin.size() == 6 && pin[0] >= '1' && pin[0] <= '9' &&
           std::ranges::all_of(pin, [](char c) { return c >= '0' && c <= '9'; });
}

/// A canonical form of the validated request: equal requests give equal hashes.
std::string RequestHash(const PlaceOrder& order) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& line : order.items) {
        items.push_back({line.product_id, line.quantity});
    }
    nlohmann::json canonical = {{"items", items},
                                {"name", order.customer.name},
                                {"phone", order.customer.phone},
                                {"address", order.customer.address},
                                {"pincode", order.customer.pincode},
                                {"payment", order.payment_method}};
    if (!order.customer.gstin.empty()) {
        // Only when given, so the hashes of orders placed before GSTINs existed stay the same.
        canonical["gstin"] = order.customer.gstin;
    }
    return HexEncode(Sha256(canonical.dump()));
}

std::string_view EventFor(OrderStatus to) {
    switch (to) {
        case OrderStatus::kConfirmed:
            return events::type::kOrderConfirmed;
        case OrderStatus::kPacked:
            return events::type::kOrderPacked;
        case OrderStatus::kOutForDelivery:
            return events::type::kOrderOutForDelivery;
        case OrderStatus::kDelivered:
            return events::type::kOrderDelivered;
        case OrderStatus::kCancelled:
            return events::type::kOrderCancelled;
        case OrderStatus::kPendingPayment:
            break;
    }
    return "";
}

nlohmann::json OrderEventPayload(const OrderId& order, const StoreId& store, OrderStatus status, Paise total,
                                 TimePoint now) {
    return {{"order_id", order.str()},
            {"store_id", store.str()},
            {"status", StatusName(status)},
            {"total_paise", total.value},
            {"at", UnixMillis(now)}};
}

Result<void> AddLedger(storage::Conn& conn, const TenantId& tenant, const std::string& product, std::int64_t delta,
                       std::int64_t stock_after, std::string_view reason, const OrderId& order,
                       const std::optional<UserId>& actor, std::int64_t now) {
    auto inserted =
        conn.Exec(kInsertLedger, tenant, product, delta, stock_after, std::string(reason), order, actor, now);
    if (!inserted) {
        return Fail(std::move(inserted.error()));
    }
    return {};
}

/// A product line as read from the catalog inside the transaction.
struct PricedLine {
    OrderLine line;
    std::int64_t low_stock_threshold = 0;
    std::int64_t stock = 0;  ///< as read in the order's transaction (lines name distinct products)
};

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
        auto phone = vault->Decrypt((*row)->BlobAt(kOrderPhoneColumn), OrderPhoneContext(tenant));
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
        OrderLine line{.line = static_cast<int>(item.Int(0)),
                       .product_id = ProductId(item.Text(1)),
                       .name = item.Text(2),
                       .unit = item.Text(3),
                       .unit_price = Paise(item.Int(4)),
                       .quantity = item.Int(5),
                       .line_total = Paise(item.Int(6)),
                       .gst_rate_bp = static_cast<int>(item.Int(7)),
                       .tax = {},
                       .hsn = item.Text(8)};
        line.tax = ContainedGst(line.line_total, line.gst_rate_bp);
        order.lines.push_back(std::move(line));
    }
    return order;
}

/// Moves an order inside the caller's transaction: the conditional status update, stock back on
/// cancellation, and the event.
Result<void> TransitionInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order, OrderStatus to,
                            const std::string& reason, const std::optional<UserId>& actor, bool paid,
                            std::string_view ledger_reason, TimePoint now) {
    auto row = conn.QueryOne(kStatusForUpdate, tenant, order);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return Fail(ApiError::NotFound("Order"));
    }
    const auto from = ParseStatus((*row)->Text(0));
    const StoreId store((*row)->Text(1));
    const Paise total((*row)->Int(2));
    if (!from) {
        return Fail(ApiError::Internal("unknown order status " + (*row)->Text(0)));
    }
    if (!TransitionAllowed(*from, to)) {
        return Fail(ApiError::Conflict("An order cannot go from " + std::string(StatusName(*from)) + " to " +
                                       std::string(StatusName(to)) + "."));
    }
    const std::int64_t at = UnixMillis(now);
    auto updated = conn.Exec(kSetStatus, tenant, order, std::string(StatusName(to)), at, reason,
                             static_cast<std::int64_t>(paid ? 1 : 0), std::string(StatusName(*from)));
    if (!updated) {
        return Fail(std::move(updated.error()));
    }
    if (*updated != 1) {
        return Fail(ApiError::Conflict("The order changed meanwhile; reload it."));
    }
    if (to == OrderStatus::kCancelled) {
        auto items = conn.Query(kItemQuantities, tenant, order);
        if (!items) {
            return Fail(std::move(items.error()));
        }
        for (const auto& item : *items) {
            auto stock = conn.QueryOne(kReturnStock, tenant, item.Text(0), item.Int(1), at);
            if (!stock) {
                return Fail(std::move(stock.error()));
            }
            if (!*stock) {
                continue;  // the product was deleted since; nothing to return to
            }
            if (auto ledger = AddLedger(conn, tenant, item.Text(0), item.Int(1), (*stock)->Int(0), ledger_reason, order,
                                        actor, at);
                !ledger) {
                return ledger;
            }
        }
    }
    auto payload = OrderEventPayload(order, store, to, total, now);
    payload["from"] = StatusName(*from);
    if (!reason.empty()) {
        payload["reason"] = reason;
    }
    if (auto event = events::Enqueue(conn, tenant, EventFor(to), payload, now); !event) {
        return Fail(std::move(event.error()));
    }
    return {};
}

}  // namespace

std::string_view StatusName(OrderStatus status) {
    return kStatusNames[static_cast<std::size_t>(status)];
}

std::optional<OrderStatus> ParseStatus(std::string_view name) {
    for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
        if (kStatusNames[i] == name) {
            return static_cast<OrderStatus>(i);
        }
    }
    return std::nullopt;
}

std::string_view PaymentMethodName(PaymentMethod method) {
    return kMethodNames[static_cast<std::size_t>(method)];
}

std::optional<PaymentMethod> ParsePaymentMethod(std::string_view name) {
    for (std::size_t i = 0; i < kMethodNames.size(); ++i) {
        if (kMethodNames[i] == name) {
            return static_cast<PaymentMethod>(i);
        }
    }
    return std::nullopt;
}

bool TransitionAllowed(OrderStatus from, OrderStatus to) {
    using enum OrderStatus;
    const bool final_state = from == kDelivered || from == kCancelled;
    if (to == kCancelled) {
        return !final_state;
    }
    switch (from) {
        case kPendingPayment:
            return to == kConfirmed;
        case kConfirmed:
            return to == kPacked;
        case kPacked:
            return to == kOutForDelivery;
        case kOutForDelivery:
            return to == kDelivered;
        case kDelivered:
        case kCancelled:
            return false;
    }
    return false;
}

Order OrderFromRow(const storage::Row& r) {
    Order order;
    order.tenant_id = TenantId(r.Text(0));
    order.id = OrderId(r.Text(1));
    order.store_id = StoreId(r.Text(2));
    order.status = ParseStatus(r.Text(3)).value_or(OrderStatus::kPendingPayment);
    order.payment_method = ParsePaymentMethod(r.Text(4)).value_or(PaymentMethod::kCod);
    order.payment_status = r.Text(5);
    order.customer_name = r.Text(6);
    const auto address = nlohmann::json::parse(r.Text(7), nullptr, false);
    if (address.is_object()) {
        order.address = address.value("address", "");
        order.pincode = address.value("pincode", "");
    }
    order.totals = Totals{.subtotal = Paise(r.Int(8)),
                          .delivery_fee = Paise(r.Int(9)),
                          .discount = Paise(r.Int(10)),
                          .tax = Paise(r.Int(11)),
                          .total = Paise(r.Int(12))};
    if (auto expires = r.OptInt(13)) {
        order.reservation_expires_at = FromUnixMillis(*expires);
    }
    order.cancel_reason = r.Text(14);
    order.created_at = FromUnixMillis(r.Int(15));
    order.updated_at = FromUnixMillis(r.Int(16));
    order.customer_gstin = r.Text(17);
    order.item_count = r.Int(19);
    return order;
}

std::string NextOrderCursor(const Order& last) {
    return std::to_string(UnixMillis(last.created_at)) + ":" + last.id.str();
}

Result<OrderCursor> ParseOrderCursor(std::string_view cursor) {
    if (cursor.empty()) {
        return OrderCursor{};
    }
    const auto colon = cursor.find(':');
    OrderCursor parsed;
    if (colon != std::string_view::npos && colon > 0) {
        const auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + colon, parsed.created_ms);
        parsed.order_id = std::string(cursor.substr(colon + 1));
        if (ec == std::errc() && end == cursor.data() + colon && parsed.created_ms > 0 &&
            OrderId::Parse(parsed.order_id)) {
            return parsed;
        }
    }
    return Fail(ApiError::Invalid("cursor", "This cursor is not valid; start from the first page."));
}

Paise ContainedGst(Paise amount, int rate_bp) {
    if (rate_bp <= 0) {
        return Paise(0);
    }
    // amount × r / (10000 + r), rounded half up: (2·a·r + d) / (2·d).
    const std::int64_t divisor = 10'000 + rate_bp;
    return Paise((2 * amount.value * rate_bp + divisor) / (2 * divisor));
}

std::string OrderPhoneContext(const TenantId& tenant) {
    return "order.phone|" + tenant.str();
}

Result<PlaceOrder> Validate(PlaceOrder order, const OrderOptions& options) {
    ApiError invalid(ErrorCode::kInvalidArgument, "The order has invalid fields.");
    auto bad = [&invalid](std::string field, std::string message) {
        invalid.fields.push_back({std::move(field), std::move(message)});
    };

    if (order.items.empty()) {
        bad("items", "Add at least one product.");
    } else if (order.items.size() > static_cast<std::size_t>(options.max_lines)) {
        bad("items", "An order can have at most " + std::to_string(options.max_lines) + " lines.");
    }
    // Duplicate lines of one product are merged, keeping the first line's position.
    std::vector<LineRequest> merged;
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < order.items.size() && i < static_cast<std::size_t>(options.max_lines); ++i) {
        const auto& line = order.items[i];
        const std::string field = "items[" + std::to_string(i) + "]";
        if (!ProductId::Parse(line.product_id)) {
            bad(field + ".product_id", "Unknown product.");
            continue;
        }
        if (line.quantity < 1 || line.quantity > options.max_quantity) {
            bad(field + ".quantity", "Quantity must be between 1 and " + std::to_string(options.max_quantity) + ".");
            continue;
        }
        if (auto it = position.find(line.product_id); it != position.end()) {
            merged[it->second].quantity += line.quantity;
            if (merged[it->second].quantity > options.max_quantity) {
                bad(field + ".quantity",
                    "Quantity must be between 1 and " + std::to_string(options.max_quantity) + ".");
            }
            continue;
        }
        position.emplace(line.product_id, merged.size());
        merged.push_back(line);
    }
    order.items = std::move(merged);

    auto& c = order.customer;
    c.name = Trimmed(c.name);
    if (c.name.empty() || CharCount(c.name) > kMaxNameChars || HasControl(c.name)) {
        bad("customer.name", "Enter a name of 1 to 80 characters.");
    }
    if (auto phone = sitegen::NormalizeIndianMobile(c.phone)) {
        c.phone = *phone;
    } else {
        bad("customer.phone", "Enter a valid Indian mobile number (10 digits starting with 6-9).");
    }
    c.address = Trimmed(c.address);
    const std::size_t address_chars = CharCount(c.address);
    if (address_chars < kMinAddressChars || address_chars > kMaxAddressChars) {
        bad("customer.address", "Enter the delivery address (5 to 300 characters).");
    }
    c.pincode = Trimmed(c.pincode);
    if (!ValidPincode(c.pincode)) {
        bad("customer.pincode", "Enter a 6-digit PIN code.");
    }
    c.gstin = Trimmed(c.gstin);
    if (!c.gstin.empty()) {
        if (auto gstin = ValidateGstin(c.gstin)) {
            c.gstin = std::move(*gstin);
        } else {
            const auto& fields = gstin.error().fields;
            bad("customer.gstin", fields.empty() ? gstin.error().message : fields.front().message);
        }
    }
    if (!ParsePaymentMethod(order.payment_method)) {
        bad("payment_method", "Choose COD, UPI or RAZORPAY.");
    }
    if (order.idempotency_key.empty() || order.idempotency_key.size() > kMaxKeyChars ||
        HasControl(order.idempotency_key)) {
        bad("Idempotency-Key", "Send an Idempotency-Key header of 1 to 200 characters.");
    }
    if (!invalid.fields.empty()) {
        return Fail(std::move(invalid));
    }
    return order;
}

OrderService::OrderService(storage::Db& db, const PiiVault& vault, OrderOptions options,
                           std::function<void()> on_events)
    : db_(db), vault_(vault), options_(options), on_events_(std::move(on_events)) {}

boost::asio::awaitable<Result<Placed>> OrderService::Place(stores::StoreRef store, PlaceOrder request) {
    if (!store.published()) {
        co_return Fail(ApiError::NotFound("Store"));
    }
    auto valid = Validate(std::move(request), options_);
    if (!valid) {
        co_return Fail(std::move(valid.error()));
    }
    const PlaceOrder& order = *valid;
    const std::string hash = RequestHash(order);
    const PaymentMethod method = *ParsePaymentMethod(order.payment_method);
    const TenantId& tenant = store.tenant_id;
    // Encryption happens outside the transaction: the single writer should only write.
    const Bytes phone_enc = vault_.Encrypt(order.customer.phone, OrderPhoneContext(tenant));
    const std::string phone_hash = vault_.BlindIndex(order.customer.phone);
    const std::string address =
        nlohmann::json{{"address", order.customer.address}, {"pincode", order.customer.pincode}}.dump();
    const OrderId new_id = OrderId::New();
    const TimePoint now = NowUtc();
    const std::int64_t at = UnixMillis(now);
    const std::int64_t reservation_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(options_.reservation).count();

    auto written = co_await db_.Write([&](storage::Conn& conn) -> Result<Placed> {
        auto existing = conn.QueryOne(kFindByKey, tenant, store.store_id, order.idempotency_key);
        if (!existing) {
            return Fail(std::move(existing.error()));
        }
        if (*existing) {
            if ((*existing)->Text(1) != hash) {
                return Fail(ErrorCode::kUnprocessable,
                            "This Idempotency-Key was already used for a different order; send a new key.");
            }
            auto same = ReadOrder(conn, nullptr, tenant, OrderId((*existing)->Text(0)));
            if (!same) {
                return Fail(std::move(same.error()));
            }
            return Placed{std::move(*same), false};
        }

        auto settings = conn.QueryOne(kStoreSettings, tenant, store.store_id);
        if (!settings) {
            return Fail(std::move(settings.error()));
        }
        if (!*settings || (*settings)->Text(0) != "PUBLISHED") {
            return Fail(ApiError::NotFound("Store"));
        }
        const Paise fee_setting((*settings)->Int(1));
        const Paise min_order((*settings)->Int(2));
        const Paise free_above((*settings)->Int(3));

        // Price every line from the catalog.
        ApiError invalid(ErrorCode::kInvalidArgument, "Some products cannot be ordered.");
        std::vector<PricedLine> lines;
        for (std::size_t i = 0; i < order.items.size(); ++i) {
            const auto& item = order.items[i];
            auto row = conn.QueryOne(kProductForOrder, tenant, item.product_id);
            if (!row) {
                return Fail(std::move(row.error()));
            }
            const std::string field = "items[" + std::to_string(i) + "].product_id";
            if (!*row || (*row)->Text(0) != store.store_id.str()) {
                invalid.fields.push_back({field, "This product is not sold here."});
                continue;
            }
            const storage::Row& p = **row;
            if (!p.Bool(8)) {
                invalid.fields.push_back({field, p.Text(1) + " is no longer available."});
                continue;
            }
            PricedLine priced;
            priced.line = OrderLine{.line = static_cast<int>(lines.size() + 1),
                                    .product_id = ProductId(item.product_id),
                                    .name = p.Text(1),
                                    .unit = p.Text(2),
                                    .unit_price = Paise(p.Int(3)),
                                    .quantity = item.quantity,
                                    .line_total = Paise(p.Int(3)) * item.quantity,
                                    .gst_rate_bp = static_cast<int>(p.Int(6)),
                                    .tax = {},
                                    .hsn = p.Text(7)};
            priced.line.tax = ContainedGst(priced.line.line_total, priced.line.gst_rate_bp);
            priced.low_stock_threshold = p.Int(5);
            priced.stock = p.Int(4);
            lines.push_back(std::move(priced));
        }
        if (!invalid.fields.empty()) {
            return Fail(std::move(invalid));
        }

        Totals totals;
        for (const auto& priced : lines) {
            totals.subtotal += priced.line.line_total;
            totals.tax += priced.line.tax;
        }
        if (totals.subtotal < min_order) {
            return Fail(ApiError::Invalid("items", "The minimum order here is " + FormatInr(min_order) + "."));
        }
        const bool free_delivery = free_above.value > 0 && totals.subtotal >= free_above;
        totals.delivery_fee = free_delivery ? Paise(0) : fee_setting;
        // The fee is tax-inclusive like the prices: its GST is part of the order's tax (the invoice's delivery line).
        totals.tax += ContainedGst(totals.delivery_fee, DeliveryFeeRateBp(lines, &PricedLine::line));
        totals.total = totals.subtotal + totals.delivery_fee;

        // Take the stock; report every short line, not only the first.
        ApiError short_stock(ErrorCode::kConflict, "Some products do not have enough stock.");
        std::vector<std::pair<std::size_t, std::int64_t>> stock_after;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const OrderLine& line = lines[i].line;
            auto taken = conn.Exec(kTakeStock, tenant, line.product_id, line.quantity, at);
            if (!taken) {
                return Fail(std::move(taken.error()));
            }
            if (*taken == 1) {
                stock_after.emplace_back(i, lines[i].stock - line.quantity);
                continue;
            }
            short_stock.fields.push_back({"items[" + std::to_string(i) + "]",
                                          "Only " + std::to_string(lines[i].stock) + " left of " + line.name + "."});
        }
        if (!short_stock.fields.empty()) {
            return Fail(std::move(short_stock));  // rolls back the decrements already made
        }

        const OrderStatus status =
            method == PaymentMethod::kCod ? OrderStatus::kConfirmed : OrderStatus::kPendingPayment;
        std::optional<std::int64_t> expires;
        std::optional<std::int64_t> confirmed_at;
        if (status == OrderStatus::kPendingPayment) {
            expires = at + reservation_ms;
        } else {
            confirmed_at = at;
        }
        std::optional<std::string> user;
        if (order.customer_user_id) {
            user = order.customer_user_id->str();
        }
        std::optional<std::string> gstin;
        if (!order.customer.gstin.empty()) {
            gstin = order.customer.gstin;
        }
        auto inserted =
            conn.Exec(kInsertOrder, tenant, new_id, store.store_id, user, order.customer.name, phone_enc, phone_hash,
                      address, totals.subtotal.value, totals.delivery_fee.value, totals.tax.value, totals.total.value,
                      std::string(PaymentMethodName(method)), std::string(StatusName(status)), order.idempotency_key,
                      expires, confirmed_at, at, hash, gstin);
        if (!inserted) {
            return Fail(std::move(inserted.error()));
        }
        for (const auto& priced : lines) {
            const OrderLine& l = priced.line;
            std::optional<std::string> hsn;
            if (!l.hsn.empty()) {
                hsn = l.hsn;
            }
            auto item = conn.Exec(kInsertItem, tenant, new_id, static_cast<std::int64_t>(l.line), l.product_id, l.name,
                                  l.unit, l.unit_price.value, l.quantity, l.line_total.value,
                                  static_cast<std::int64_t>(l.gst_rate_bp), hsn);
            if (!item) {
                return Fail(std::move(item.error()));
            }
        }
        for (const auto& [index, after] : stock_after) {
            const PricedLine& priced = lines[index];
            const std::int64_t quantity = priced.line.quantity;
            if (auto ledger = AddLedger(conn, tenant, priced.line.product_id.str(), -quantity, after, "ORDER_RESERVED",
                                        new_id, std::nullopt, at);
                !ledger) {
                return Fail(std::move(ledger.error()));
            }
            // Once per crossing: only the sale that takes the stock from above the threshold to
            // at or below it raises the alert.
            const std::int64_t threshold = priced.low_stock_threshold;
            if (catalog::CrossesLowStock(after + quantity, threshold, after, threshold)) {
                if (auto event = catalog::EnqueueStockLow(conn, tenant, store.store_id, priced.line.product_id,
                                                          priced.line.name, after, threshold, now);
                    !event) {
                    return Fail(std::move(event.error()));
                }
            }
        }
        auto placed = OrderEventPayload(new_id, store.store_id, status, totals.total, now);
        placed["payment_method"] = PaymentMethodName(method);
        placed["subtotal_paise"] = totals.subtotal.value;
        placed["items"] = static_cast<std::int64_t>(lines.size());
        if (auto event = events::Enqueue(conn, tenant, events::type::kOrderPlaced, placed, now); !event) {
            return Fail(std::move(event.error()));
        }
        if (status == OrderStatus::kConfirmed) {
            auto confirmed = OrderEventPayload(new_id, store.store_id, status, totals.total, now);
            if (auto event = events::Enqueue(conn, tenant, events::type::kOrderConfirmed, confirmed, now); !event) {
                return Fail(std::move(event.error()));
            }
        }
        // The order as written, without reading it back.
        Order placed_order{.id = new_id,
                           .tenant_id = tenant,
                           .store_id = store.store_id,
                           .status = status,
                           .payment_method = method,
                           .payment_status = "UNPAID",
                           .customer_name = order.customer.name,
                           .customer_phone = "",
                           .address = order.customer.address,
                           .pincode = order.customer.pincode,
                           .customer_gstin = order.customer.gstin,
                           .lines = {},
                           .totals = totals,
                           .reservation_expires_at = std::nullopt,
                           .cancel_reason = "",
                           .created_at = FromUnixMillis(at),
                           .updated_at = FromUnixMillis(at)};
        if (expires) {
            placed_order.reservation_expires_at = FromUnixMillis(*expires);
        }
        for (auto& priced : lines) {
            placed_order.lines.push_back(std::move(priced.line));
        }
        return Placed{std::move(placed_order), true};
    });
    if (!written) {
        co_return Fail(std::move(written.error()));
    }
    if (written->created && on_events_) {
        on_events_();
    }
    co_return std::move(*written);
}

boost::asio::awaitable<Result<Order>> OrderService::Get(TenantId tenant, OrderId order, bool with_phone) {
    const PiiVault* vault = with_phone ? &vault_ : nullptr;
    co_return co_await db_.Read(
        [&](storage::Conn& conn) -> Result<Order> { return ReadOrder(conn, vault, tenant, order); });
}

boost::asio::awaitable<Result<OrderPage>> OrderService::List(TenantId tenant, StoreId store,
                                                             std::optional<OrderStatus> status, std::string cursor) {
    auto after = ParseOrderCursor(cursor);
    if (!after) {
        co_return Fail(std::move(after.error()));
    }
    const std::string status_name = status ? std::string(StatusName(*status)) : "";
    const int page = options_.page_size;
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<OrderPage> {
        auto rows = conn.Query(std::string(kOrderColumns) + std::string(kListWhere), tenant, store, status_name,
                               after->created_ms, after->order_id, static_cast<std::int64_t>(page + 1));
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        OrderPage result;
        for (std::size_t i = 0; i < rows->size() && i < static_cast<std::size_t>(page); ++i) {
            result.orders.push_back(OrderFromRow((*rows)[i]));
        }
        if (rows->size() > static_cast<std::size_t>(page)) {
            result.next_cursor = NextOrderCursor(result.orders.back());
        }
        return result;
    });
}

boost::asio::awaitable<Result<Order>> OrderService::Transition(TenantId tenant, OrderId order, OrderStatus to,
                                                               std::string reason, std::optional<UserId> actor) {
    const TimePoint now = NowUtc();
    auto moved = co_await db_.Write([&](storage::Conn& conn) -> Result<void> {
        return TransitionInTx(conn, tenant, order, to, reason, actor, false, "ORDER_CANCELLED", now);
    });
    if (!moved) {
        co_return Fail(std::move(moved.error()));
    }
    if (on_events_) {
        on_events_();
    }
    co_return co_await Get(std::move(tenant), std::move(order), true);
}

Result<void> OrderService::ConfirmPaidInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                           TimePoint now) {
    return TransitionInTx(conn, tenant, order, OrderStatus::kConfirmed, "", std::nullopt, true, "", now);
}

boost::asio::awaitable<Result<int>> OrderService::ReleaseExpired(TimePoint now) {
    auto released = co_await db_.Write([&](storage::Conn& conn) -> Result<int> {
        auto rows = conn.Query(kExpired, UnixMillis(now));
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        int count = 0;
        for (const auto& row : *rows) {
            auto moved = TransitionInTx(conn, TenantId(row.Text(0)), OrderId(row.Text(1)), OrderStatus::kCancelled,
                                        "payment not received in time", std::nullopt, false, "ORDER_RELEASED", now);
            if (!moved) {
                return Fail(std::move(moved.error()));
            }
            ++count;
        }
        return count;
    });
    if (released && *released > 0 && on_events_) {
        on_events_();
    }
    co_return released;
}

std::string OrderService::TrackingToken(const TenantId& tenant, const OrderId& order) const {
    // The blind-index key under a label no phone number can take: a distinct derived MAC.
    return vault_.BlindIndex("order.tracking.v1|" + tenant.str() + "|" + order.str()).substr(0, 32);
}

bool OrderService::TrackingTokenValid(const TenantId& tenant, const OrderId& order, std::string_view token) const {
    return ConstantTimeEquals(TrackingToken(tenant, order), token);
}

}  // namespace webdpro::orders
