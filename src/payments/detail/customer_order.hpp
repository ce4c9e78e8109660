#pragma once

#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "http/request.hpp"
#include "orders/order_service.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::payments::detail {

/// The published store and the order of a customer's /s/{slug}/api/orders/{order_id}/… route.
struct CustomerOrder {
    stores::StoreRef store;
    OrderId order;
};

/// The store of `{slug}` and the order of `{order_id}`, checked against the order's tracking
/// token; kNotFound for anything else (a wrong token looks exactly like a missing order).
boost::asio::awaitable<Result<CustomerOrder>> ResolveCustomerOrder(stores::StoreDirectory& directory,
                                                                   const orders::OrderService& orders,
                                                                   const http::Request& request,
                                                                   std::string_view token);

}  // namespace webdpro::payments::detail
