#include "app/config.hpp"

namespace webdpro::app {
namespace {

const ConfigSchema<Config>& Schema() {
    static const ConfigSchema<Config> schema = [] {
        ConfigSchema<Config> s;
        s.Add(&Config::server, http::ServerConfigSection())
            .Add(&Config::storage, storage::StorageConfigSection())
            .Add(&Config::log, LogConfigSection())
            .Add(&Config::web, http::WebConfigSection())
            .Add(&Config::storefront, storefront::StorefrontConfigSection())
            .Add(&Config::auth, auth::AuthConfigSection())
            .Add(&Config::rate_limit, auth::RateLimitConfigSection())
            .Add(&Config::sms, auth::SmsConfigSection())
            .Add(&Config::ai, ai::AiConfigSection())
            .Add(&Config::stores, builder::StoresConfigSection())
            .Add(&Config::orders, orders::OrdersConfigSection())
            .Add(&Config::payments, payments::PaymentsConfigSection())
            .Add(&Config::delivery, delivery::DeliveryConfigSection())
            .Add(&Config::events, events::EventsConfigSection());
        return s;
    }();
    return schema;
}

}  // namespace

Result<Config> LoadConfig(const ConfigSources& sources) {
    return Schema().Load(sources);
}

std::vector<ConfigKeyInfo> ConfigKeys() {
    return Schema().Keys();
}

}  // namespace webdpro::app
