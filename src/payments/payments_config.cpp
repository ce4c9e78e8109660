#include "payments/payments_config.hpp"

namespace webdpro::payments {

ConfigSection<PaymentsConfig> PaymentsConfigSection() {
    ConfigSection<PaymentsConfig> s("payments");
    s.String("razorpay_api_base", &PaymentsConfig::razorpay_api_base,
             "Razorpay's REST API origin (the calls go to <base>/v1/...)", [](const std::string& value) {
                 return value.empty() ? std::optional<std::string>("must not be empty") : EmptyOrHttpUrl(value);
             });
    s.String("razorpay_checkout_script", &PaymentsConfig::razorpay_checkout_script,
             "the Razorpay Standard Checkout script the store's order page loads", [](const std::string& value) {
                 return value.empty() ? std::optional<std::string>("must not be empty") : EmptyOrHttpUrl(value);
             });
    s.Int("razorpay_timeout_ms", &PaymentsConfig::razorpay_timeout_ms, 500, 60000,
          "total time allowed for one call to Razorpay, milliseconds");
    s.Int("reconcile_interval_ms", &PaymentsConfig::reconcile_interval_ms, 100, 3600000,
          "how often the reconciler looks for Razorpay payments and refunds to ask Razorpay about, milliseconds");
    s.Int("reconcile_after_ms", &PaymentsConfig::reconcile_after_ms, 100, 3600000,
          "wait before the reconciler first asks Razorpay about a payment not yet captured or a refund not yet final, "
          "doubled after each question up to 30 minutes, milliseconds");
    return s;
}

}  // namespace webdpro::payments
