#pragma once

#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "payments/settings.hpp"

namespace webdpro::payments {

/// The owner's payment settings (`/api/tenant/payment-settings`) and a store's checkout settings
/// (`/api/stores/{store_id}/checkout-settings`): GET and PUT, business owners of the tenant only.
void RegisterPaymentRoutes(http::Router& router, SettingsService& settings);

/// The JSON of payment settings: never a secret, only whether each is set and the key id's last 4.
nlohmann::json PaymentSettingsJson(const PaymentSettingsView& view);
nlohmann::json CheckoutSettingsJson(const CheckoutSettingsView& view);

}  // namespace webdpro::payments
