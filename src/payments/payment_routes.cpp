#include "payments/payment_routes.hpp"

#include "http/route_input.hpp"

namespace webdpro::payments {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;
using http::JsonFields;

constexpr std::int64_t kSmallBody = 4 * 1024;

/// Each text field: absent = unchanged, null = cleared ("").
Result<PaymentSettingsChange> ReadPaymentChange(const nlohmann::json& body) {
    JsonFields fields(body, "Some payment settings are not valid.");
    PaymentSettingsChange change;
    for (auto [field, target] :
         {std::pair{"upi_vpa", &change.upi_vpa}, std::pair{"upi_payee_name", &change.upi_payee_name},
          std::pair{"razorpay_key_id", &change.razorpay_key_id},
          std::pair{"razorpay_key_secret", &change.razorpay_key_secret},
          std::pair{"razorpay_webhook_secret", &change.razorpay_webhook_secret}}) {
        *target = fields.String(field, JsonFields::Null::kEmpty);
    }
    return fields.Finish(std::move(change));
}

/// Overlays the fields present in the body on `settings`, naming each wrong one.
Result<CheckoutSettings> ReadCheckoutChange(const nlohmann::json& body, CheckoutSettings settings) {
    JsonFields fields(body, "Some checkout settings are not valid.");
    if (auto methods = body.find("methods"); methods != body.end()) {
        if (!methods->is_object()) {
            fields.Bad("methods", "Send {\"cod\": true, \"upi\": false, \"razorpay\": false}.");
        } else {
            for (auto [name, target] : {std::pair{"cod", &settings.cod}, std::pair{"upi", &settings.upi},
                                        std::pair{"razorpay", &settings.razorpay}}) {
                auto it = methods->find(name);
                if (it == methods->end()) {
                    continue;
                }
                if (!it->is_boolean()) {
                    fields.Bad(std::string("methods.") + name, "Send true or false.");
                    continue;
                }
                *target = it->get<bool>();
            }
        }
    }
    for (auto [name, target] : {std::pair{"cod_max_order_paise", &settings.cod_max_order_paise},
                                std::pair{"delivery_fee_paise", &settings.delivery_fee_paise},
                                std::pair{"free_delivery_above_paise", &settings.free_delivery_above_paise},
                                std::pair{"min_order_paise", &settings.min_order_paise}}) {
        if (auto value = fields.Integer(name)) {
            *target = *value;
        }
    }
    if (auto units = fields.Integer("max_units_per_product")) {
        if (*units < 0 || *units > 999) {
            fields.Bad("max_units_per_product", "Enter a number from 0 to 999 (0 means no limit).");
        } else {
            settings.max_units_per_product = static_cast<int>(*units);
        }
    }
    return fields.Finish(std::move(settings));
}

Result<StoreId> StoreOf(const http::Request& request) {
    return http::PathId<StoreId>(request, "store_id", "Store");
}

}  // namespace

nlohmann::json PaymentSettingsJson(const PaymentSettingsView& v) {
    nlohmann::json upi = nullptr;
    if (v.upi_configured()) {
        upi = {{"vpa", v.upi_vpa}, {"payee_name", v.upi_payee_name}};
    }
    return {{"supported", {{"upi", v.upi_supported}, {"razorpay", v.razorpay_supported}}},
            {"upi", upi},
            {"razorpay",
             {{"key_id_set", v.razorpay_key_id_set},
              {"key_id_last4", v.razorpay_key_id_last4},
              {"mode", v.razorpay_mode},
              {"key_secret_set", v.razorpay_key_secret_set},
              {"webhook_secret_set", v.razorpay_webhook_secret_set}}}};
}

nlohmann::json CheckoutSettingsJson(const CheckoutSettingsView& v) {
    const CheckoutSettings& s = v.settings;
    return {{"methods", {{"cod", s.cod}, {"upi", s.upi}, {"razorpay", s.razorpay}}},
            {"available", {{"cod", true}, {"upi", v.upi_available}, {"razorpay", v.razorpay_available}}},
            {"cod_max_order_paise", s.cod_max_order_paise},
            {"delivery_fee_paise", s.delivery_fee_paise},
            {"free_delivery_above_paise", s.free_delivery_above_paise},
            {"min_order_paise", s.min_order_paise},
            {"max_units_per_product", s.max_units_per_product}};
}

void RegisterPaymentRoutes(http::Router& router, SettingsService& settings) {
    router.Get(
        "/api/tenant/payment-settings",
        [&settings](http::Request& request) -> Awaitable {
            co_return http::JsonOf(co_await settings.PaymentSettings(http::TenantOf(request)), PaymentSettingsJson);
        },
        http::RouteOptions{.permission = "payments.manage"});

    router.Put(
        "/api/tenant/payment-settings",
        [&settings](http::Request& request) -> Awaitable {
            auto change = http::ReadJsonBody(request, ReadPaymentChange);
            if (!change) {
                co_return http::Response::Error(std::move(change.error()));
            }
            co_return http::JsonOf(co_await settings.UpdatePaymentSettings(http::TenantOf(request), std::move(*change)),
                                   PaymentSettingsJson);
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = "payments.manage"});

    router.Get("/api/stores/{store_id}/checkout-settings",
               http::WithPath(StoreOf,
                              [&settings](http::Request& request, StoreId store) -> Awaitable {
                                  co_return http::JsonOf(
                                      co_await settings.Checkout(http::TenantOf(request), std::move(store)),
                                      CheckoutSettingsJson);
                              }),
               http::RouteOptions{.permission = "payments.manage"});

    // Another tenant's store answers 404 before a bad body answers 400: the current settings are read
    // first, and the body is overlaid on them.
    router.Put("/api/stores/{store_id}/checkout-settings",
               http::WithPath(StoreOf,
                              [&settings](http::Request& request, StoreId store) -> Awaitable {
                                  auto body = http::ReadJsonObject(request);
                                  const TenantId& tenant = http::TenantOf(request);
                                  auto current = co_await settings.Checkout(tenant, store);
                                  if (!current) {
                                      co_return http::Response::Error(std::move(current.error()));
                                  }
                                  if (!body) {
                                      co_return http::Response::Error(std::move(body.error()));
                                  }
                                  auto next = ReadCheckoutChange(*body, current->settings);
                                  if (!next) {
                                      co_return http::Response::Error(std::move(next.error()));
                                  }
                                  co_return http::JsonOf(
                                      co_await settings.UpdateCheckout(tenant, std::move(store), *next),
                                      CheckoutSettingsJson);
                              }),
               http::RouteOptions{.body_limit = kSmallBody, .permission = "payments.manage"});
}

}  // namespace webdpro::payments
