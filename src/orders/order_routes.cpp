#include "orders/order_routes.hpp"

#include <charconv>

#include "core/time.hpp"
#include "http/route_input.hpp"
#include "orders/invoice_routes.hpp"
#include "orders/order_links.hpp"

namespace webdpro::orders {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;
using http::TenantOf;

constexpr std::int64_t kOrderBodyLimit = 16 * 1024;
constexpr std::int64_t kSmallBody = 4 * 1024;

nlohmann::json TotalsJson(const Totals& t) {
    return {{"subtotal_paise", t.subtotal.value},
            {"delivery_fee_paise", t.delivery_fee.value},
            {"discount_paise", t.discount.value},
            {"tax_paise", t.tax.value},
            {"total_paise", t.total.value}};
}

constexpr int kDefaultSalesDays = 7;

/// The owner's view of one order, or the error response to send.
boost::asio::awaitable<http::Response> OwnerOrderResponse(Result<Order> order, OrderReports& reports,
                                                          const OrderService& orders) {
    if (!order) {
        co_return http::Response::Error(std::move(order.error()));
    }
    auto store = co_await reports.StoreInfo(*order);
    if (!store) {
        co_return http::Response::Error(std::move(store.error()));
    }
    co_return http::Response::Json(200, {{"order", OwnerOrderJson(*order, *store, orders)}});
}

nlohmann::json DaySalesJson(const DaySales& day, bool with_average) {
    nlohmann::json json = {{"day", day.day}, {"orders", day.orders}, {"revenue_paise", day.revenue.value}};
    if (with_average) {
        // Rounded half up to the paisa.
        json["average_order_paise"] = MulDiv(day.revenue, 1, day.orders).value_or(Paise(0)).value;
    }
    return json;
}

nlohmann::json SalesJson(const SalesSummary& sales) {
    nlohmann::json days = nlohmann::json::array();
    for (const auto& day : sales.days) {
        days.push_back(DaySalesJson(day, false));
    }
    nlohmann::json open = nlohmann::json::object();
    for (const auto& [status, count] : sales.open_orders) {
        open[status] = count;
    }
    nlohmann::json stores = nlohmann::json::array();
    for (const auto& store : sales.stores) {
        stores.push_back({{"store_id", store.store_id.str()},
                          {"name", store.name},
                          {"orders_today", store.orders_today},
                          {"revenue_today_paise", store.revenue_today.value}});
    }
    return {{"today", DaySalesJson(sales.today, true)},
            {"yesterday", DaySalesJson(sales.yesterday, true)},
            {"days", std::move(days)},
            {"open_orders", std::move(open)},
            {"stores", std::move(stores)}};
}

/// A customer's order in "my orders": no lines, no phone, with its store and tracking link.
nlohmann::json CustomerOrderJson(const CustomerOrder& item) {
    nlohmann::json json = OrderJson(item.order);
    json.erase("items");
    json["customer"].erase("phone");
    json["store"] = {{"name", item.store_name}, {"slug", item.store_slug}, {"url", "/s/" + item.store_slug + "/"}};
    json["tracking_url"] = item.tracking_url;
    json["item_count"] = item.order.item_count;
    return json;
}

/// The order without personal data: what the tracking link shows.
nlohmann::json PublicOrderJson(const Order& order) {
    nlohmann::json json = OrderJson(order);
    json.erase("customer");
    return json;
}

/// The checkout's JSON as a PlaceOrder; types are checked here, values by Validate. The
/// customer's fields are read leniently: a pincode may come as a number, anything else that is not
/// text reads as empty (and Validate names it).
Result<PlaceOrder> PlaceOrderOf(const nlohmann::json& body) {
    http::JsonFields reader(body, "The order has invalid fields.");
    PlaceOrder order;
    const auto items = body.find("items");
    if (items == body.end() || !items->is_array()) {
        reader.Bad("items", "Send items as a list of {product_id, quantity}.");
    } else {
        for (std::size_t i = 0; i < items->size(); ++i) {
            const auto& item = (*items)[i];
            if (!item.is_object() || !item.contains("product_id") || !item["product_id"].is_string() ||
                !item.contains("quantity") || !item["quantity"].is_number_integer()) {
                reader.Bad("items[" + std::to_string(i) + "]",
                           "Each item needs a product_id and a whole-number quantity.");
                continue;
            }
            order.items.push_back({item["product_id"].get<std::string>(), item["quantity"].get<std::int64_t>()});
        }
    }
    const auto customer = body.find("customer");
    if (customer == body.end() || !customer->is_object()) {
        reader.Bad("customer", "Send the customer's name, phone, address and pincode.");
    } else {
        auto text = [&](const char* name) {
            auto it = customer->find(name);
            if (it == customer->end()) {
                return std::string();
            }
            if (it->is_number_integer()) {
                return std::to_string(it->get<std::int64_t>());  // a pincode sent as a number
            }
            return it->is_string() ? it->get<std::string>() : std::string();
        };
        order.customer = {text("name"),  text("phone"), text("address"), text("pincode"),
                          text("gstin"), std::nullopt,  std::nullopt};
        if (auto at = customer->find("location"); at != customer->end() && !at->is_null()) {
            if (at->is_object() && at->contains("lat") && at->contains("lng") && (*at)["lat"].is_number() &&
                (*at)["lng"].is_number()) {
                order.customer.lat = (*at)["lat"].get<double>();
                order.customer.lng = (*at)["lng"].get<double>();
            } else {
                reader.Bad("customer.location", "Send {\"lat\": degrees, \"lng\": degrees}, or leave it out.");
            }
        }
    }
    if (auto method = body.find("payment_method"); method != body.end() && method->is_string()) {
        order.payment_method = method->get<std::string>();
    }
    return reader.Finish(std::move(order));
}

/// The body of POST /api/orders/{order_id}/status.
struct StatusChange {
    OrderStatus to = OrderStatus::kPendingPayment;
    std::string reason;
};

Result<StatusChange> StatusChangeOf(const nlohmann::json& body) {
    std::optional<OrderStatus> to;
    if (auto it = body.find("status"); it != body.end() && it->is_string()) {
        to = ParseStatus(it->get<std::string>());
    }
    if (!to) {
        return Fail(ApiError::Invalid("status", "Choose CONFIRMED, PACKED, OUT_FOR_DELIVERY, DELIVERED or CANCELLED."));
    }
    StatusChange change{.to = *to, .reason = {}};
    if (auto it = body.find("reason"); it != body.end() && it->is_string()) {
        change.reason = it->get<std::string>().substr(0, 300);
    }
    return change;
}

/// The resolved, published store of a /s/{slug} route; kNotFound otherwise.
boost::asio::awaitable<Result<stores::StoreRef>> PublishedStore(stores::StoreDirectory& directory,
                                                                const http::Request& request) {
    auto store = co_await directory.BySlug(std::string(request.Param("slug")));
    if (!store) {
        co_return Fail(std::move(store.error()));
    }
    if (!*store || !(*store)->published()) {
        co_return Fail(ApiError::NotFound("Store"));
    }
    co_return std::move(**store);
}

}  // namespace

nlohmann::json OrderJson(const Order& order) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& line : order.lines) {
        items.push_back({{"line", line.line},
                         {"product_id", line.product_id.str()},
                         {"name", line.name},
                         {"unit", line.unit},
                         {"unit_price_paise", line.unit_price.value},
                         {"quantity", line.quantity},
                         {"line_total_paise", line.line_total.value},
                         {"gst_rate_bp", line.gst_rate_bp},
                         {"tax_paise", line.tax.value},
                         {"hsn", line.hsn}});
    }
    nlohmann::json customer = {{"name", order.customer_name}, {"address", order.address}, {"pincode", order.pincode}};
    if (!order.customer_phone.empty()) {
        customer["phone"] = order.customer_phone;
    }
    if (!order.customer_gstin.empty()) {
        customer["gstin"] = order.customer_gstin;
    }
    nlohmann::json json = {{"order_id", order.id.str()},
                           {"store_id", order.store_id.str()},
                           {"status", StatusName(order.status)},
                           {"payment_method", PaymentMethodName(order.payment_method)},
                           {"payment_status", order.payment_status},
                           {"customer", std::move(customer)},
                           {"items", std::move(items)},
                           {"totals", TotalsJson(order.totals)},
                           {"created_at", FormatRfc3339(order.created_at)},
                           {"updated_at", FormatRfc3339(order.updated_at)}};
    if (order.reservation_expires_at) {
        json["reservation_expires_at"] = FormatRfc3339(*order.reservation_expires_at);
    }
    if (!order.cancel_reason.empty()) {
        json["cancel_reason"] = order.cancel_reason;
    }
    return json;
}

nlohmann::json OwnerOrderJson(const Order& order, const OrderStoreInfo& store, const OrderService& orders) {
    nlohmann::json json = OrderJson(order);
    const std::string text = WhatsAppText(store.language, store.name, order.id, order.status);
    json["links"] = {{"whatsapp", WhatsAppLink(order.customer_phone, text)},
                     {"tracking", TrackingPath(store.slug, order.id, orders.TrackingToken(order.tenant_id, order.id))}};
    nlohmann::json allowed = nlohmann::json::array();
    for (OrderStatus next : AllowedTransitions(order.status)) {
        allowed.push_back(StatusName(next));
    }
    json["allowed_transitions"] = std::move(allowed);
    json["invoice_available"] = store.invoice_available;
    return json;
}

void RegisterOrderRoutes(http::Router& router, OrderService& orders, stores::StoreDirectory& directory,
                         OrderReports& reports, OrderMetrics& metrics, PaymentStarter* razorpay) {
    router.Post(
        "/s/{slug}/api/orders",
        [&orders, &directory, &metrics, razorpay](http::Request& request) -> Awaitable {
            auto store = co_await PublishedStore(directory, request);
            if (!store) {
                co_return http::Response::Error(std::move(store.error()));
            }
            auto order = http::ReadJsonBody(request, &PlaceOrderOf);
            if (!order) {
                co_return http::Response::Error(std::move(order.error()));
            }
            order->idempotency_key = std::string(request.Header("Idempotency-Key").value_or(""));
            if (request.principal && request.principal->role == Role::kCustomer) {
                order->customer_user_id = request.principal->user_id;
            }
            auto placed = co_await orders.Place(*store, std::move(*order));
            if (!placed) {
                co_return http::Response::Error(std::move(placed.error()));
            }
            const Order& o = placed->order;
            if (placed->created) {
                metrics.Placed(o.payment_method);
            }
            nlohmann::json answer = {{"order_id", o.id.str()},
                                     {"status", StatusName(o.status)},
                                     {"totals", TotalsJson(o.totals)},
                                     {"items", PublicOrderJson(o)["items"]},
                                     {"tracking_url", placed->tracking_path}};
            if (razorpay != nullptr && o.payment_method == PaymentMethod::kRazorpay &&
                o.status == OrderStatus::kPendingPayment) {
                // The order stands whatever the payment provider says: the page can start it again.
                auto started = co_await razorpay->Start(*store, o);
                if (started) {
                    answer["razorpay"] = std::move(*started);
                } else {
                    answer["razorpay_error"] = started.error().message;
                }
            }
            co_return http::Response::Json(placed->created ? 201 : 200, answer);
        },
        http::RouteOptions{.body_limit = kOrderBodyLimit,
                           .permission = {}});  // public: customers order without an account

    router.Get("/s/{slug}/api/orders/{order_id}", [&orders, &directory](http::Request& request) -> Awaitable {
        auto store = co_await PublishedStore(directory, request);
        if (!store) {
            co_return http::Response::Error(std::move(store.error()));
        }
        auto id = http::PathId<OrderId>(request, "order_id", "Order");
        if (!id) {
            co_return http::Response::Error(std::move(id.error()));
        }
        // A wrong token looks exactly like a missing order.
        if (!orders.TrackingTokenValid(store->tenant_id, *id, request.QueryParam("t").value_or(""))) {
            co_return http::Response::Error(ApiError::NotFound("Order"));
        }
        auto order = co_await orders.Get(store->tenant_id, *id, false);
        if (!order || order->store_id != store->store_id) {
            co_return http::Response::Error(order ? ApiError::NotFound("Order") : std::move(order.error()));
        }
        co_return http::Response::Json(200, PublicOrderJson(*order));
    });

    router.Get(
        "/api/stores/{store_id}/orders",
        [&orders, &directory](http::Request& request) -> Awaitable {
            const TenantId& tenant = TenantOf(request);
            auto store_id = http::PathId<StoreId>(request, "store_id", "Store");
            if (!store_id) {
                co_return http::Response::Error(std::move(store_id.error()));
            }
            auto store = co_await directory.ById(tenant, *store_id);
            if (!store) {
                co_return http::Response::Error(std::move(store.error()));
            }
            if (!*store) {
                co_return http::Response::Error(ApiError::NotFound("Store"));
            }
            std::optional<OrderStatus> status;
            if (auto wanted = request.QueryParam("status"); wanted && !wanted->empty()) {
                status = ParseStatus(*wanted);
                if (!status) {
                    co_return http::Response::Error(ApiError::Invalid("status", "Unknown order status."));
                }
            }
            auto page = co_await orders.List(tenant, *store_id, status, request.QueryParam("cursor").value_or(""));
            if (!page) {
                co_return http::Response::Error(std::move(page.error()));
            }
            nlohmann::json list = nlohmann::json::array();
            for (const auto& order : page->orders) {
                nlohmann::json json = OrderJson(order);
                json.erase("items");
                json["item_count"] = order.item_count;
                list.push_back(std::move(json));
            }
            nlohmann::json out = {{"orders", std::move(list)}};
            out["next_cursor"] =
                page->next_cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(page->next_cursor);
            co_return http::Response::Json(200, out);
        },
        http::RouteOptions{.permission = "orders.manage"});

    router.Get(
        "/api/orders/{order_id}",
        [&orders, &reports](http::Request& request) -> Awaitable {
            auto id = http::PathId<OrderId>(request, "order_id", "Order");
            if (!id) {
                co_return http::Response::Error(std::move(id.error()));
            }
            co_return co_await OwnerOrderResponse(co_await orders.Get(TenantOf(request), *id, true), reports, orders);
        },
        http::RouteOptions{.permission = "orders.manage"});

    router.Post(
        "/api/orders/{order_id}/status",
        [&orders, &reports, &metrics](http::Request& request) -> Awaitable {
            auto id = http::PathId<OrderId>(request, "order_id", "Order");
            if (!id) {
                co_return http::Response::Error(std::move(id.error()));
            }
            auto change = co_await NotFoundFirst(http::ReadJsonBody(request, &StatusChangeOf),
                                                 [&] { return orders.Get(TenantOf(request), *id, false); });
            if (!change) {
                co_return http::Response::Error(std::move(change.error()));
            }
            auto order = co_await orders.Transition(TenantOf(request), *id, change->to, std::move(change->reason),
                                                    request.principal->user_id);
            if (order) {
                metrics.Transitioned(change->to);
            }
            co_return co_await OwnerOrderResponse(std::move(order), reports, orders);
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = "orders.manage"});

    router.Get(
        "/api/tenant/sales",
        [&reports](http::Request& request) -> Awaitable {
            int days = kDefaultSalesDays;
            if (auto wanted = request.QueryParam("days"); wanted && !wanted->empty()) {
                const std::string& text = *wanted;
                const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), days);
                if (error != std::errc() || end != text.data() + text.size()) {
                    co_return http::Response::Error(ApiError::Invalid("days", "Ask for 1 to 90 days."));
                }
            }
            auto sales = co_await reports.Sales(TenantOf(request), days, NowUtc());
            if (!sales) {
                co_return http::Response::Error(std::move(sales.error()));
            }
            co_return http::Response::Json(200, SalesJson(*sales));
        },
        http::RouteOptions{.permission = "orders.manage"});

    router.Get(
        "/api/me/orders",
        [&reports](http::Request& request) -> Awaitable {
            // Only the signed-in person's own orders, whichever tenant they were placed with.
            auto page =
                co_await reports.MyOrders(request.principal->user_id, request.QueryParam("cursor").value_or(""));
            if (!page) {
                co_return http::Response::Error(std::move(page.error()));
            }
            nlohmann::json list = nlohmann::json::array();
            for (const auto& item : page->orders) {
                list.push_back(CustomerOrderJson(item));
            }
            nlohmann::json out = {{"orders", std::move(list)}};
            out["next_cursor"] =
                page->next_cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(page->next_cursor);
            co_return http::Response::Json(200, out);
        },
        http::RouteOptions{.permission = "me"});

    RegisterInvoiceRoutes(router, std::make_shared<InvoiceService>(orders.db(), orders));
}

}  // namespace webdpro::orders
