#pragma once

#include <string>
#include <string_view>

#include "delivery/delivery_service.hpp"

namespace webdpro::delivery {

/// The order's status as a small piece of HTML for the customer's order page when it is read
/// without JavaScript: the steps done, the payment, the rider's first name with a call link while
/// under way, the delivery code and the ETA. `language` "hi" gives Hindi, anything else English.
/// Every value is escaped. Pure.
std::string NoScriptStatusHtml(const Tracking& tracking, std::string_view language);

}  // namespace webdpro::delivery
