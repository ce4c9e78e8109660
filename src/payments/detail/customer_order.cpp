#include "payments/detail/customer_order.hpp"

#include <string>

namespace webdpro::payments::detail {

boost::asio::awaitable<Result<CustomerOrder>> ResolveCustomerOrder(stores::StoreDirectory& directory,
                                                                   const orders::OrderService& orders,
                                                                   const http::Request& request,
                                                                   std::string_view token) {
    auto store = co_await directory.BySlug(std::string(request.Param("slug")));
    if (!store) {
        co_return Fail(std::move(store.error()));
    }
    if (!*store || !(*store)->published()) {
        co_return Fail(ApiError::NotFound("Store"));
    }
    auto id = OrderId::Parse(request.Param("order_id"));
    if (!id || !orders.TrackingTokenValid((*store)->tenant_id, *id, token)) {
        co_return Fail(ApiError::NotFound("Order"));
    }
    co_return CustomerOrder{.store = std::move(**store), .order = std::move(*id)};
}

}  // namespace webdpro::payments::detail
