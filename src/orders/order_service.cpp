#include "orders/order_service.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "catalog/products.hpp"
#include "events/outbox.hpp"
#include "orders/gstin.hpp"
#include "orders/order_links.hpp"
#include "orders/order_repository.hpp"
#include "sitegen/site_spec.hpp"
#include "sitegen/text.hpp"
#include "storage/db.hpp"

namespace webdpro::orders {
namespace {

/// How long a suspended shop asks a customer to wait before trying again.
constexpr int kSuspendedRetryAfterS = 3600;

constexpr std::size_t kMaxNameChars = 80;
constexpr std::size_t kMinAddressChars = 5;
constexpr std::size_t kMaxAddressChars = 300;
constexpr std::size_t kMaxKeyChars = 200;

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
    if (order.customer.lat && order.customer.lng) {
        canonical["location"] = {*order.customer.lat, *order.customer.lng};
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

/// A line as priced from the catalog inside the order's transaction, with the stock it was read at.
struct StockRead {
    std::int64_t stock = 0;  ///< as read in the order's transaction (lines name distinct products)
    std::int64_t low_stock_threshold = 0;
};

/// One checkout in its write transaction: the validated request and what Place prepared outside
/// the transaction (the single writer should only write).
struct Checkout {
    const stores::StoreRef& store;
    const PlaceOrder& request;
    PaymentMethod method = PaymentMethod::kCod;
    OrderId id;
    OrderProvenance provenance;
    TimePoint now;
    std::chrono::minutes reservation{0};
};

/// kInvalidArgument on payment_method unless the store offers it (and so can take the money).
Result<void> CheckMethodOffered(const Checkout& c, const StoreTerms& terms) {
    switch (c.method) {
        case PaymentMethod::kCod:
            if (terms.cod) {
                return {};
            }
            return Fail(ApiError::Invalid("payment_method", "This shop does not take cash on delivery."));
        case PaymentMethod::kUpi:
            if (terms.upi) {
                return {};
            }
            return Fail(ApiError::Invalid("payment_method", "This shop does not take UPI payments online."));
        case PaymentMethod::kRazorpay:
            if (terms.razorpay) {
                return {};
            }
            break;
    }
    return Fail(ApiError::Invalid("payment_method", "This shop does not take card payments online."));
}

/// kInvalidArgument naming each line above the store's limit of units of one product per order.
Result<void> CheckUnitLimit(const StoreTerms& terms, const std::vector<OrderLine>& lines) {
    if (terms.max_units_per_product <= 0) {
        return {};
    }
    ApiError invalid(ErrorCode::kInvalidArgument, "Some lines are above this shop's limit per order.");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].quantity > terms.max_units_per_product) {
            invalid.fields.push_back(
                {"items[" + std::to_string(i) + "].quantity",
                 "At most " + std::to_string(terms.max_units_per_product) + " of " + lines[i].name + " per order."});
        }
    }
    if (!invalid.fields.empty()) {
        return Fail(std::move(invalid));
    }
    return {};
}

/// The order an earlier call placed with the same Idempotency-Key, nullopt for a new key;
/// kUnprocessable when that key came with a different request.
Result<std::optional<Placed>> FindRetry(storage::Conn& conn, const Checkout& c) {
    auto existing = FindOrderByKey(conn, c.store.tenant_id, c.store.store_id, c.request.idempotency_key);
    if (!existing) {
        return Fail(std::move(existing.error()));
    }
    if (!*existing) {
        return std::optional<Placed>{};
    }
    if ((*existing)->request_hash != c.provenance.request_hash) {
        return Fail(ErrorCode::kUnprocessable,
                    "This Idempotency-Key was already used for a different order; send a new key.");
    }
    auto same = ReadOrder(conn, nullptr, c.store.tenant_id, (*existing)->id);
    if (!same) {
        return Fail(std::move(same.error()));
    }
    return std::optional<Placed>(Placed{.order = std::move(*same), .created = false});
}

/// The store's terms, as long as it still takes orders (published); kNotFound otherwise.
Result<StoreTerms> OpenStoreTerms(storage::Conn& conn, const stores::StoreRef& store) {
    auto terms = ReadStoreTerms(conn, store.tenant_id, store.store_id);
    if (!terms) {
        return Fail(std::move(terms.error()));
    }
    if (!*terms || !(*terms)->published) {
        return Fail(ApiError::NotFound("Store"));
    }
    return std::move(**terms);
}

/// Prices every requested line from the catalog; kInvalidArgument naming each line that cannot
/// be sold here (another store's or an unknown product, one no longer for sale, or one priced
/// outside 1 paisa..kMaxUnitPrice).
Result<void> PriceLines(storage::Conn& conn, const Checkout& c, std::vector<OrderLine>& lines,
                        std::vector<StockRead>& stock) {
    ApiError invalid(ErrorCode::kInvalidArgument, "Some products cannot be ordered.");
    const auto& items = c.request.items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string field = "items[" + std::to_string(i) + "].product_id";
        auto found = catalog::FindProduct(conn, c.store.tenant_id, ProductId(items[i].product_id));
        if (!found) {
            return Fail(std::move(found.error()));
        }
        if (!*found || (*found)->store_id != c.store.store_id) {
            invalid.fields.push_back({field, "This product is not sold here."});
            continue;
        }
        const catalog::Product& p = **found;
        if (!p.active) {
            invalid.fields.push_back({field, p.name + " is no longer available."});
            continue;
        }
        // A price written before the caps existed: the shop has to correct it before it sells.
        const std::optional<Paise> line_total = CheckedMul(p.price, items[i].quantity);
        if (p.price.value <= 0 || p.price > kMaxUnitPrice || !line_total) {
            invalid.fields.push_back({field, p.name + " cannot be ordered at its price; the shop has to correct it."});
            continue;
        }
        OrderLine line{.line = static_cast<int>(lines.size() + 1),
                       .product_id = p.id,
                       .name = p.name,
                       .unit = p.unit,
                       .unit_price = p.price,
                       .quantity = items[i].quantity,
                       .line_total = *line_total,
                       .gst_rate_bp = p.gst_rate_bp,
                       .tax = {},
                       .hsn = p.hsn};
        line.tax = ContainedGst(line.line_total, line.gst_rate_bp);
        lines.push_back(std::move(line));
        stock.push_back({.stock = p.stock, .low_stock_threshold = p.low_stock_threshold});
    }
    if (!invalid.fields.empty()) {
        return Fail(std::move(invalid));
    }
    return {};
}

/// Takes every line's stock through the catalog (each with its ORDER_RESERVED ledger entry);
/// kConflict naming every short line, not only the first (the transaction then rolls back the
/// decrements already made).
Result<void> ReserveStock(storage::Conn& conn, const Checkout& c, const std::vector<OrderLine>& lines,
                          const std::vector<StockRead>& stock) {
    ApiError short_stock(ErrorCode::kConflict, "Some products do not have enough stock.");
    const catalog::Movement why{.reason = "ORDER_RESERVED", .order = c.id};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto taken = catalog::TakeStock(conn, c.store.tenant_id, lines[i].product_id, lines[i].quantity, stock[i].stock,
                                        why, c.now);
        if (!taken) {
            return Fail(std::move(taken.error()));
        }
        if (!*taken) {
            short_stock.fields.push_back({"items[" + std::to_string(i) + "]", "Only " + std::to_string(stock[i].stock) +
                                                                                  " left of " + lines[i].name + "."});
        }
    }
    if (!short_stock.fields.empty()) {
        return Fail(std::move(short_stock));
    }
    return {};
}

/// The order as it is written: CONFIRMED for cash on delivery, else PENDING_PAYMENT holding its
/// stock for the reservation time.
Order NewOrder(const Checkout& c, std::vector<OrderLine> lines, const Totals& totals) {
    const OrderStatus status = c.method == PaymentMethod::kCod ? OrderStatus::kConfirmed : OrderStatus::kPendingPayment;
    const TimePoint at = FromUnixMillis(UnixMillis(c.now));  // as stored: milliseconds
    Order order{.id = c.id,
                .tenant_id = c.store.tenant_id,
                .store_id = c.store.store_id,
                .status = status,
                .payment_method = c.method,
                .payment_status = "UNPAID",
                .customer_name = c.request.customer.name,
                .customer_phone = "",
                .address = c.request.customer.address,
                .pincode = c.request.customer.pincode,
                .customer_gstin = c.request.customer.gstin,
                .delivery_lat = c.request.customer.lat,
                .delivery_lng = c.request.customer.lng,
                .lines = std::move(lines),
                .totals = totals,
                .reservation_expires_at = std::nullopt,
                .cancel_reason = "",
                .created_at = at,
                .updated_at = at};
    if (status == OrderStatus::kPendingPayment) {
        order.reservation_expires_at = at + c.reservation;
    }
    return order;
}

/// The order's outbox events: STOCK_LOW for each line whose sale took its product from above the
/// threshold to at or below it (once per crossing), then ORDER_PLACED, and ORDER_CONFIRMED for
/// cash on delivery.
Result<void> AnnouncePlaced(storage::Conn& conn, const Checkout& c, const Order& order,
                            const std::vector<StockRead>& stock) {
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
        const OrderLine& line = order.lines[i];
        const std::int64_t after = stock[i].stock - line.quantity;
        const std::int64_t threshold = stock[i].low_stock_threshold;
        if (catalog::CrossesLowStock(stock[i].stock, threshold, after, threshold)) {
            if (auto event = catalog::EnqueueStockLow(conn, order.tenant_id, order.store_id, line.product_id, line.name,
                                                      after, threshold, c.now);
                !event) {
                return Fail(std::move(event.error()));
            }
        }
    }
    auto placed = OrderEventPayload(order.id, order.store_id, order.status, order.totals.total, c.now);
    placed["payment_method"] = PaymentMethodName(order.payment_method);
    placed["subtotal_paise"] = order.totals.subtotal.value;
    placed["items"] = static_cast<std::int64_t>(order.lines.size());
    if (auto event = events::Enqueue(conn, order.tenant_id, events::type::kOrderPlaced, placed, c.now); !event) {
        return Fail(std::move(event.error()));
    }
    if (order.status == OrderStatus::kConfirmed) {
        auto confirmed = OrderEventPayload(order.id, order.store_id, order.status, order.totals.total, c.now);
        confirmed["payment_method"] = PaymentMethodName(order.payment_method);
        confirmed["paid"] = false;
        if (auto event = events::Enqueue(conn, order.tenant_id, events::type::kOrderConfirmed, confirmed, c.now);
            !event) {
            return Fail(std::move(event.error()));
        }
    }
    return {};
}

/// The whole checkout in the order's write transaction: a retry answers the first order; else
/// price the lines, check the order's value (at most kMaxOrderValue) and the minimum order, take
/// the stock, write the order and announce it.
/// Any failure writes nothing.
Result<Placed> PlaceInTx(storage::Conn& conn, const Checkout& c) {
    auto retry = FindRetry(conn, c);
    if (!retry) {
        return Fail(std::move(retry.error()));
    }
    if (*retry) {
        return std::move(**retry);
    }
    auto terms = OpenStoreTerms(conn, c.store);
    if (!terms) {
        return Fail(std::move(terms.error()));
    }
    if (auto offered = CheckMethodOffered(c, *terms); !offered) {
        return Fail(std::move(offered.error()));
    }
    std::vector<OrderLine> lines;
    std::vector<StockRead> stock;
    if (auto priced = PriceLines(conn, c, lines, stock); !priced) {
        return Fail(std::move(priced.error()));
    }
    if (auto limited = CheckUnitLimit(*terms, lines); !limited) {
        return Fail(std::move(limited.error()));
    }
    const std::optional<Totals> computed = ComputeTotals(lines, terms->delivery);
    if (!computed || computed->total > kMaxOrderValue) {
        return Fail(ApiError::Invalid("items", "An order can come to at most " + FormatInr(kMaxOrderValue) + "."));
    }
    const Totals& totals = *computed;
    if (totals.subtotal < terms->min_order) {
        return Fail(ApiError::Invalid("items", "The minimum order here is " + FormatInr(terms->min_order) + "."));
    }
    if (c.method == PaymentMethod::kCod && terms->cod_max_order.value > 0 && totals.total > terms->cod_max_order) {
        return Fail(ApiError::Invalid("payment_method", "Cash on delivery is for orders up to " +
                                                            FormatInr(terms->cod_max_order) +
                                                            " here. Choose another way to pay, or order less."));
    }
    if (auto reserved = ReserveStock(conn, c, lines, stock); !reserved) {
        return Fail(std::move(reserved.error()));
    }
    Order order = NewOrder(c, std::move(lines), totals);
    if (auto inserted = InsertOrder(conn, order, c.provenance); !inserted) {
        return Fail(std::move(inserted.error()));
    }
    if (auto announced = AnnouncePlaced(conn, c, order, stock); !announced) {
        return Fail(std::move(announced.error()));
    }
    return Placed{.order = std::move(order), .created = true};
}

/// The ledger reason that marks a move back from OUT_FOR_DELIVERY to PACKED (no stock moves).
constexpr std::string_view kReturnedToShop = "RETURNED_TO_SHOP";

/// Moves an order inside the caller's transaction: the conditional status update, stock back
/// through the catalog on cancellation (`ledger_reason`), and the event.
Result<void> TransitionInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order, OrderStatus to,
                            const std::string& reason, const std::optional<UserId>& actor, bool paid,
                            std::string_view ledger_reason, TimePoint now) {
    auto state = ReadOrderState(conn, tenant, order);
    if (!state) {
        return Fail(std::move(state.error()));
    }
    if (!*state) {
        return Fail(ApiError::NotFound("Order"));
    }
    const OrderStatus from = (*state)->status;
    // A failed delivery brings the order back to the shop, packed: the one move back, made only
    // by delivery.
    const bool returned =
        ledger_reason == kReturnedToShop && from == OrderStatus::kOutForDelivery && to == OrderStatus::kPacked;
    if (!returned && !TransitionAllowed(from, to)) {
        return Fail(ApiError::Conflict("An order cannot go from " + std::string(StatusName(from)) + " to " +
                                       std::string(StatusName(to)) + "."));
    }
    auto updated = UpdateOrderStatus(conn, tenant, order, from, to, reason, paid, now);
    if (!updated) {
        return Fail(std::move(updated.error()));
    }
    if (!*updated) {
        return Fail(ApiError::Conflict("The order changed meanwhile; reload it."));
    }
    if (to == OrderStatus::kCancelled) {
        auto items = ReadItemQuantities(conn, tenant, order);
        if (!items) {
            return Fail(std::move(items.error()));
        }
        const catalog::Movement why{
            .reason = ledger_reason, .actor = actor, .order = order, .order_placed_at = (*state)->created_at};
        for (const ItemQuantity& item : *items) {
            // A product deleted since has nothing to return to; ReturnStock then does nothing.
            if (auto back = catalog::ReturnStock(conn, tenant, item.product_id, item.quantity, why, now); !back) {
                return Fail(std::move(back.error()));
            }
        }
    }
    auto payload = OrderEventPayload(order, (*state)->store_id, to, (*state)->total, now);
    payload["from"] = StatusName(from);
    if (to == OrderStatus::kConfirmed) {
        // Who confirmed it decides who is told: the owner is asked to pack an order only when a
        // payment confirmed it, not when they confirmed it themselves.
        payload["paid"] = paid;
        payload["by_owner"] = actor.has_value();
    }
    if (!reason.empty()) {
        payload["reason"] = reason;
    }
    if (auto event = events::Enqueue(conn, tenant, EventFor(to), payload, now); !event) {
        return Fail(std::move(event.error()));
    }
    return {};
}

/// Why a sweep cancelled an order (the customer's SMS names it).
constexpr std::string_view kNotPaidInTime = "payment not received in time";

/// How many expired reservations one sweep releases at most.
constexpr int kReleaseBatch = 500;

}  // namespace

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
    if (c.lat.has_value() != c.lng.has_value() ||
        (c.lat && !(std::isfinite(*c.lat) && std::isfinite(*c.lng) && *c.lat >= -90 && *c.lat <= 90 && *c.lng >= -180 &&
                    *c.lng <= 180))) {
        bad("customer.location",
            "Send the delivery location as {\"lat\": degrees, \"lng\": degrees}, or leave it out.");
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
    if (store.tenant_suspended) {
        ApiError closed(ErrorCode::kUnavailable, "This shop is temporarily unavailable and is not taking orders.",
                        "tenant suspended");
        closed.retry_after_s = kSuspendedRetryAfterS;
        co_return Fail(std::move(closed));
    }
    auto valid = Validate(std::move(request), options_);
    if (!valid) {
        co_return Fail(std::move(valid.error()));
    }
    const TenantId& tenant = store.tenant_id;
    // Hashing and encryption happen outside the transaction: the single writer should only write.
    const Checkout checkout{
        .store = store,
        .request = *valid,
        .method = *ParsePaymentMethod(valid->payment_method),
        .id = OrderId::New(),
        .provenance = {.customer_user = valid->customer_user_id,
                       .phone_enc = vault_.Encrypt(valid->customer.phone, OrderPhoneContext(tenant)),
                       .phone_hash = vault_.BlindIndex(valid->customer.phone),
                       .idempotency_key = valid->idempotency_key,
                       .request_hash = RequestHash(*valid)},
        .now = NowUtc(),
        .reservation = options_.reservation};
    auto written = co_await db_.Write([&](storage::Conn& conn) { return PlaceInTx(conn, checkout); });
    if (!written) {
        co_return Fail(std::move(written.error()));
    }
    if (written->created && on_events_) {
        on_events_();
    }
    const OrderId& id = written->order.id;
    written->tracking_path = TrackingPath(store.slug, id, TrackingToken(tenant, id));
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
    const int page = options_.page_size;
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<OrderPage> {
        return ListStoreOrders(conn, tenant, store, status, *after, page);
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

Result<void> OrderService::MoveForDeliveryInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                               OrderStatus to, bool paid, const std::string& reason, TimePoint now) {
    if (to == OrderStatus::kOutForDelivery) {
        auto state = ReadOrderState(conn, tenant, order);
        if (!state) {
            return Fail(std::move(state.error()));
        }
        if (*state && (*state)->status == OrderStatus::kConfirmed) {
            // Picked up straight after confirmation: it was packed on the way out.
            if (auto packed =
                    TransitionInTx(conn, tenant, order, OrderStatus::kPacked, "", std::nullopt, false, "", now);
                !packed) {
                return packed;
            }
        }
        return TransitionInTx(conn, tenant, order, to, "", std::nullopt, false, "", now);
    }
    if (to == OrderStatus::kPacked) {
        return TransitionInTx(conn, tenant, order, to, reason, std::nullopt, false, kReturnedToShop, now);
    }
    if (to == OrderStatus::kDelivered) {
        return TransitionInTx(conn, tenant, order, to, reason, std::nullopt, paid, "", now);
    }
    return Fail(ApiError::Conflict("A delivery cannot move an order to " + std::string(StatusName(to)) + "."));
}

Result<bool> OrderService::HoldForPaymentInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                              TimePoint until) {
    return ExtendReservation(conn, tenant, order, until);
}

boost::asio::awaitable<Result<int>> OrderService::ReleaseExpired(TimePoint now) {
    auto released = co_await db_.Write([&](storage::Conn& conn) -> Result<int> {
        auto expired = FindExpiredReservations(conn, now, kReleaseBatch);
        if (!expired) {
            return Fail(std::move(expired.error()));
        }
        int count = 0;
        for (const auto& [tenant, order] : *expired) {
            auto moved = TransitionInTx(conn, tenant, order, OrderStatus::kCancelled, std::string(kNotPaidInTime),
                                        std::nullopt, false, "ORDER_RELEASED", now);
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
