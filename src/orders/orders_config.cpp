#include "orders/orders_config.hpp"

namespace webdpro::orders {

ConfigSection<OrdersConfig> OrdersConfigSection() {
    ConfigSection<OrdersConfig> s("orders");
    s.Int("reservation_minutes", &OrdersConfig::reservation_minutes, 1, 24 * 60,
          "minutes an unpaid online-payment order holds its stock before it is released");
    s.Int("max_lines", &OrdersConfig::max_lines, 1, 500, "most product lines in one order");
    return s;
}

}  // namespace webdpro::orders
