#include "app/accounts.hpp"

#include <vector>

#include "auth/auth_metrics.hpp"
#include "auth/auth_routes.hpp"
#include "auth/auth_service.hpp"
#include "auth/guard.hpp"
#include "auth/otp.hpp"
#include "auth/session_http.hpp"
#include "auth/sessions.hpp"
#include "auth/sms.hpp"
#include "auth/tokens.hpp"
#include "auth/users.hpp"
#include "core/crypto.hpp"
#include "core/secrets.hpp"
#include "core/work_pool.hpp"
#include "http/router.hpp"
#include "storage/db.hpp"
#include "tenancy/tenancy_routes.hpp"
#include "tenancy/tenancy_service.hpp"

namespace webdpro::app {
namespace {

// Secret names (WEBDPRO_SECRET_<NAME>). Provider credentials (msg91_authkey, aws_*) are optional
// here and checked by MakeSmsSender when their provider is chosen.
constexpr std::string_view kJwtKeys = "jwt_keys";
constexpr std::string_view kPiiKey = "pii_key";
constexpr std::string_view kBlindIndexKey = "blind_index_key";
constexpr std::string_view kOtpKey = "otp_key";

constexpr int kSmsThreads = 2;
constexpr std::size_t kSmsMaxPending = 64;

std::vector<SecretSpec> SecretSpecs() {
    return {
        {std::string(kJwtKeys), [] { return auth::NewJwtKeySpec(); }},
        {std::string(kPiiKey), [] { return Secrets::NewKey(); }},
        {std::string(kBlindIndexKey), [] { return Secrets::NewKey(); }},
        {std::string(kOtpKey), [] { return Secrets::NewKey(); }},
    };
}

}  // namespace

Accounts::Accounts() = default;
Accounts::~Accounts() {
    Stop();
}

void Accounts::Stop() {
    if (sms_pool_) {
        sms_pool_->Stop();
    }
}

Result<std::unique_ptr<Accounts>> Accounts::Build(const Config& config, const std::filesystem::path& data_dir,
                                                  storage::Db& db, const http::Client& client, Metrics& metrics,
                                                  Logger& logger) {
    const auto specs = SecretSpecs();
    auto secrets = Secrets::Load(
        {.env = ProcessEnvironment(), .data_dir = data_dir, .generate_missing = config.auth.generate_secrets}, specs);
    if (!secrets) {
        return Fail(secrets.error());
    }
    if (!secrets->generated().empty()) {
        logger.Info("development secrets generated; set WEBDPRO_SECRET_* or WEBDPRO_SECRETS_FILE in production",
                    {{"names", secrets->generated()}, {"file", (data_dir / "secrets.toml").string()}});
    }
    for (const auto& warning : secrets->warnings()) {
        logger.Warn("secrets", {{"warning", warning}});
    }

    std::unique_ptr<Accounts> a(new Accounts());
    auto signer = auth::TokenSigner::FromSpec(secrets->Get(kJwtKeys).value_or(""), config.auth.clock_leeway_s);
    if (!signer) {
        return Fail(signer.error());
    }
    a->signer_ = std::make_unique<auth::TokenSigner>(std::move(*signer));
    auto pii_key = secrets->Key(kPiiKey);
    auto index_key = secrets->Key(kBlindIndexKey);
    auto otp_key = secrets->Key(kOtpKey);
    for (const auto* key : {&pii_key, &index_key, &otp_key}) {
        if (!*key) {
            return Fail(key->error());
        }
    }
    auto vault = PiiVault::Create(std::move(*pii_key), std::move(*index_key));
    if (!vault) {
        return Fail(vault.error());
    }
    a->vault_ = std::make_unique<PiiVault>(std::move(*vault));

    a->sms_pool_ = std::make_unique<WorkPool>("sms", kSmsThreads, kSmsMaxPending);
    auto sms = auth::MakeSmsSender(config.sms, *secrets, data_dir, client, logger);
    if (!sms) {
        return Fail(sms.error());
    }
    a->sms_ = std::move(*sms);
    a->metrics_ = std::make_unique<auth::AuthMetrics>(metrics);
    a->users_ = std::make_unique<auth::UserService>(db);
    a->sessions_ = std::make_unique<auth::SessionService>(
        db, auth::SessionOptions{.refresh_ttl_s = config.auth.refresh_ttl_s, .cache_s = config.auth.session_cache_s});
    a->otp_ = std::make_unique<auth::OtpService>(db, *a->sms_, *a->sms_pool_, std::move(*otp_key),
                                                 auth::OtpOptions::FromConfig(config.auth), *a->metrics_, logger);
    a->tenancy_ = std::make_unique<tenancy::TenancyService>(db, *a->users_, *a->sessions_, *a->vault_);
    a->auth_ = std::make_unique<auth::AuthService>(
        db, *a->otp_, *a->sessions_, *a->tenancy_, *a->signer_,
        auth::AuthOptions{.access_ttl_s = config.auth.access_ttl_s, .refresh_ttl_s = config.auth.refresh_ttl_s});
    a->cookies_ = std::make_unique<auth::SessionCookies>(auth::SessionCookies::Options{
        .secure = config.auth.cookie_secure, .trust_forwarded = config.server.trust_forwarded_for});
    a->guard_ = std::make_unique<auth::AuthGuard>(
        *a->auth_, *a->metrics_,
        auth::GuardOptions{.ip_per_min = config.rate_limit.ip_per_min,
                           .principal_per_min = config.rate_limit.principal_per_min,
                           .cors_origins = config.server.cors_origins,
                           .public_origin = config.auth.public_origin,
                           .trust_forwarded_proto = config.server.trust_forwarded_for});
    logger.Info("accounts ready", {{"sms_provider", a->sms_->name()}, {"jwt_kid", a->signer_->current_kid()}});
    return a;
}

void Accounts::RegisterRoutes(http::Router& router) {
    auth::RegisterAuthRoutes(router, *auth_, *cookies_);
    tenancy::RegisterTenancyRoutes(router, *tenancy_, *auth_, *cookies_);
}

Result<void> Accounts::InstallGuard(http::Router& router) {
    if (auto checked = auth::AuthGuard::CheckRoutes(router); !checked) {
        return checked;
    }
    router.SetGuard([guard = guard_.get()](http::Request& request, const http::Route& route) {
        return guard->Check(request, route);
    });
    return {};
}

}  // namespace webdpro::app
