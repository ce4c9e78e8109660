#pragma once

#include <string>

#include "core/config.hpp"

namespace webdpro::payments {

/// Payments (`[payments]`).
struct PaymentsConfig {
    /// Razorpay's REST API, without the /v1 (tests point it at a fake on loopback).
    std::string razorpay_api_base = "https://api.razorpay.com";
    /// The Standard Checkout script the store's order page loads.
    std::string razorpay_checkout_script = "https://checkout.razorpay.com/v1/checkout.js";
    int razorpay_timeout_ms = 10000;    ///< total time allowed for one call to Razorpay
    int reconcile_interval_ms = 30000;  ///< how often the reconciler looks for payments whose turn came
    int reconcile_after_ms = 60000;     ///< first question about a payment, after its Razorpay order; then doubled
};

/// The keys of `[payments]`.
ConfigSection<PaymentsConfig> PaymentsConfigSection();

}  // namespace webdpro::payments
