#include "payments/payment_routes.hpp"

#include "auth/session_http.hpp"
#include "http/route_input.hpp"

namespace webdpro::payments {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::int64_t kSmallBody = 4 * 1024;

/// 200 with `to_json(*result)`, never cached, or the error.
template <class T, class ToJson>
http::Response NoStoreJson(const Result<T>& result, ToJson to_json) {
    if (!result) {
        return http::Response::Error(result.error());
    }
    http::Response response = http::Response::Json(200, to_json(*result));
    response.headers.Set("Cache-Control", "no-store");
    return response;
}

/// A string field: nullopt when absent; "" for null (clear it); kInvalidArgument for other types.
Result<std::optional<std::string>> OptionalText(const nlohmann::json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end()) {
        return std::optional<std::string>();
    }
    if (it->is_null()) {
        return std::optional<std::string>(std::string());
    }
    if (!it->is_string()) {
        return Fail(ApiError::Invalid(field, "Send text, or null to clear it."));
    }
    return std::optional<std::string>(it->get<std::string>());
}

Result<PaymentSettingsChange> PaymentChangeOf(const http::Request& request) {
    auto body = http::ReadJsonObject(request);
    if (!body) {
        return Fail(std::move(body.error()));
    }
    PaymentSettingsChange change;
    ApiError invalid(ErrorCode::kInvalidArgument, "Some payment settings are not valid.");
    for (auto [field, target] :
         {std::pair{"upi_vpa", &change.upi_vpa}, std::pair{"upi_payee_name", &change.upi_payee_name},
          std::pair{"razorpay_key_id", &change.razorpay_key_id},
          std::pair{"razorpay_key_secret", &change.razorpay_key_secret},
          std::pair{"razorpay_webhook_secret", &change.razorpay_webhook_secret}}) {
        auto value = OptionalText(*body, field);
        if (!value) {
            invalid.fields.push_back(value.error().fields.front());
            continue;
        }
        *target = std::move(*value);
    }
    if (!invalid.fields.empty()) {
        return Fail(std::move(invalid));
    }
    return change;
}

/// Overlays the fields present in the body on `settings`; kInvalidArgument naming each field of
/// the wrong type.
Result<CheckoutSettings> CheckoutChangeOf(const nlohmann::json& body, CheckoutSettings settings) {
    ApiError invalid(ErrorCode::kInvalidArgument, "Some checkout settings are not valid.");
    if (auto methods = body.find("methods"); methods != body.end()) {
        if (!methods->is_object()) {
            invalid.fields.push_back({"methods", "Send {\"cod\": true, \"upi\": false, \"razorpay\": false}."});
        } else {
            for (auto [name, target] : {std::pair{"cod", &settings.cod}, std::pair{"upi", &settings.upi},
                                        std::pair{"razorpay", &settings.razorpay}}) {
                auto it = methods->find(name);
                if (it == methods->end()) {
                    continue;
                }
                if (!it->is_boolean()) {
                    invalid.fields.push_back({std::string("methods.") + name, "Send true or false."});
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
        auto it = body.find(name);
        if (it == body.end()) {
            continue;
        }
        if (!it->is_number_integer()) {
            invalid.fields.push_back({name, "Send a whole number of paise."});
            continue;
        }
        *target = it->get<std::int64_t>();
    }
    if (auto it = body.find("max_units_per_product"); it != body.end()) {
        if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 999) {
            invalid.fields.push_back({"max_units_per_product", "Enter a number from 0 to 999 (0 means no limit)."});
        } else {
            settings.max_units_per_product = it->get<int>();
        }
    }
    if (!invalid.fields.empty()) {
        return Fail(std::move(invalid));
    }
    return settings;
}

/// A handler of /api/stores/{store_id}/... that gets the parsed store id; an unparsable id is
/// as absent as another tenant's.
template <class Fn>
http::Handler ForStore(Fn handler) {
    return [handler = std::move(handler)](http::Request& request) -> Awaitable {
        auto store = StoreId::Parse(request.Param("store_id"));
        if (!store) {
            co_return http::Response::Error(ApiError::NotFound("Store"));
        }
        co_return co_await handler(request, std::move(*store));
    };
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
            co_return NoStoreJson(co_await settings.PaymentSettings(TenantOf(request)), PaymentSettingsJson);
        },
        http::RouteOptions{.permission = "payments.manage"});

    router.Put(
        "/api/tenant/payment-settings",
        [&settings](http::Request& request) -> Awaitable {
            auto change = PaymentChangeOf(request);
            if (!change) {
                co_return http::Response::Error(std::move(change.error()));
            }
            co_return NoStoreJson(co_await settings.UpdatePaymentSettings(TenantOf(request), std::move(*change)),
                                  PaymentSettingsJson);
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = "payments.manage"});

    router.Get("/api/stores/{store_id}/checkout-settings",
               ForStore([&settings](http::Request& request, StoreId store) -> Awaitable {
                   co_return NoStoreJson(co_await settings.Checkout(TenantOf(request), std::move(store)),
                                         CheckoutSettingsJson);
               }),
               http::RouteOptions{.permission = "payments.manage"});

    router.Put("/api/stores/{store_id}/checkout-settings",
               ForStore([&settings](http::Request& request, StoreId store) -> Awaitable {
                   auto body = http::ReadJsonObject(request);
                   if (!body) {
                       co_return http::Response::Error(std::move(body.error()));
                   }
                   const TenantId& tenant = TenantOf(request);
                   auto current = co_await settings.Checkout(tenant, store);
                   if (!current) {
                       co_return http::Response::Error(std::move(current.error()));
                   }
                   auto next = CheckoutChangeOf(*body, current->settings);
                   if (!next) {
                       co_return http::Response::Error(std::move(next.error()));
                   }
                   co_return NoStoreJson(co_await settings.UpdateCheckout(tenant, std::move(store), *next),
                                         CheckoutSettingsJson);
               }),
               http::RouteOptions{.body_limit = kSmallBody, .permission = "payments.manage"});
}

}  // namespace webdpro::payments
