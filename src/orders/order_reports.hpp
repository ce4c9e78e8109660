#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/awaitable.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "orders/order_service.hpp"

namespace webdpro::storage {
class Db;
}

namespace webdpro::orders {

/// What the owner's view of an order needs besides the order: the store it was placed in and
/// whether an invoice can be had for it.
struct OrderStoreInfo {
    std::string name;  ///< the store's business name (the tenant's when the store has none yet)
    std::string slug;
    std::string language;            ///< the store's copy language: "en" / "hi"
    bool invoice_available = false;  ///< an invoice can be had for the order (see InvoiceObtainable)
};

/// One India day of sales.
struct DaySales {
    std::string day;  ///< "YYYY-MM-DD", India time
    std::int64_t orders = 0;
    Paise revenue;
};

struct StoreSales {
    StoreId store_id;
    std::string name;
    std::int64_t orders_today = 0;
    Paise revenue_today;
};

/// The owner's dashboard figures, from the daily_sales counters (cancelled orders taken back out)
/// and the open orders.
struct SalesSummary {
    DaySales today;
    DaySales yesterday;
    std::vector<DaySales> days;                       ///< oldest first, ending today
    std::map<std::string, std::int64_t> open_orders;  ///< by status name, every open status present
    std::vector<StoreSales> stores;
};

/// A customer's order as "my orders" lists it: no phone, no lines, with its store.
struct CustomerOrder {
    Order order;
    std::string store_name;
    std::string store_slug;
    std::string tracking_url;
};

struct CustomerOrderPage {
    std::vector<CustomerOrder> orders;
    std::string next_cursor;  ///< "" on the last page
};

/// Read-only views of orders: the owner's order context, the sales dashboard and the customer's
/// own orders across every tenant.
///
/// MyOrders is cross-tenant by design and only for the signed-in person's own orders: it matches
/// the blind index of their verified (sign-in) phone — PiiVault::BlindIndex is keyed platform-wide,
/// so one phone has one index in every tenant — or the user id recorded when they ordered signed in.
///
/// Thread-safe; db, vault and orders must outlive it.
class OrderReports final {
public:
    OrderReports(storage::Db& db, const PiiVault& vault, const OrderService& orders, int page_size = 50)
        : db_(db), vault_(vault), orders_(orders), page_size_(page_size) {}

    /// The store of `order` and whether its invoice can be had. kNotFound when the store is gone.
    boost::asio::awaitable<Result<OrderStoreInfo>> StoreInfo(const Order& order);

    /// The last `days` India days ending on the day of `now` (1–90, else kInvalidArgument on "days").
    boost::asio::awaitable<Result<SalesSummary>> Sales(TenantId tenant, int days, TimePoint now);

    /// The person's orders in every store, newest first. kInvalidArgument for a bad cursor.
    boost::asio::awaitable<Result<CustomerOrderPage>> MyOrders(UserId user, std::string cursor);

private:
    storage::Db& db_;
    const PiiVault& vault_;
    const OrderService& orders_;
    int page_size_;
};

}  // namespace webdpro::orders
