#pragma once

#include <vector>

#include "ai/ai_config.hpp"
#include "auth/auth_config.hpp"
#include "builder/builder_config.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/log_config.hpp"
#include "delivery/delivery_config.hpp"
#include "events/events_config.hpp"
#include "http/http_config.hpp"
#include "orders/orders_config.hpp"
#include "payments/payments_config.hpp"
#include "storage/storage_config.hpp"
#include "storefront/storefront_config.hpp"

namespace webdpro::app {

/// Everything `webdpro serve` can be told: one section per feature, each declared by its folder.
/// Secrets are not here: they come from the environment or a secrets file (see Secrets), never
/// from the config file.
struct Config {
    http::ServerConfig server;
    storage::StorageConfig storage;
    LogConfig log;
    http::WebConfig web;
    storefront::StorefrontConfig storefront;
    auth::AuthConfig auth;
    auth::RateLimitConfig rate_limit;
    auth::SmsConfig sms;
    ai::AiConfig ai;
    builder::StoresConfig stores;
    orders::OrdersConfig orders;
    payments::PaymentsConfig payments;
    delivery::DeliveryConfig delivery;
    events::EventsConfig events;
};

/// Builds the configuration. Any unknown key (in the file, as a WEBDPRO_* variable, or as an
/// override) and any bad value is an error naming the key, its source and the reason.
Result<Config> LoadConfig(const ConfigSources& sources);

/// Every key with its env name, default and help text (for `webdpro config` and the README), in
/// the order of the sections above.
std::vector<ConfigKeyInfo> ConfigKeys();

}  // namespace webdpro::app
