#pragma once

#include "core/config.hpp"

namespace webdpro::orders {

/// Orders (`[orders]`).
struct OrdersConfig {
    int reservation_minutes = 30;  ///< an online-payment order holds its stock this long
    int max_lines = 50;            ///< most product lines in one order
};

/// The keys of `[orders]`.
ConfigSection<OrdersConfig> OrdersConfigSection();

}  // namespace webdpro::orders
