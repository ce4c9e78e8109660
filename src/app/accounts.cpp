#include "app/accounts.hpp"

#include "app/data_keys.hpp"

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
#include "core/background_loop.hpp"
#include "core/crypto.hpp"
#include "core/secrets.hpp"
#include "core/work_pool.hpp"
#include "http/router.hpp"
#include "storage/db.hpp"
#include "tenancy/tenancy_routes.hpp"
#include "tenancy/tenancy_service.hpp"

namespace webdpro::app {
namespace {

constexpr int kSmsThreads = 2;
constexpr std::size_t kSmsMaxPending = 64;
/// How often this node re-reads which tenants are suspended (another node may have changed them).
constexpr std::chrono::milliseconds kSuspendedReload{5000};

}  // namespace

Accounts::Accounts() = default;
Accounts::~Accounts() {
    Stop();
}

void Accounts::Start() {
    if (suspended_reload_) {
        suspended_reload_->Start();
    }
}

void Accounts::Stop() {
    if (suspended_reload_) {
        suspended_reload_->Stop();
    }
    if (sms_pool_) {
        sms_pool_->Stop();
    }
}

Result<std::unique_ptr<Accounts>> Accounts::Build(const Config& config, const std::filesystem::path& data_dir,
                                                  storage::Db& db, const http::Client& client, Metrics& metrics,
                                                  Logger& logger) {
    // A database that already holds businesses only ever runs with its own keys: new ones would
    // leave every sealed phone, tracking link and session of it unreadable.
    auto holds_data = HoldsData(db);
    if (!holds_data) {
        return Fail(holds_data.error());
    }
    auto secrets = LoadSecrets(data_dir, config.auth.generate_secrets && !*holds_data);
    if (!secrets) {
        if (*holds_data) {
            return Fail(ErrorCode::kInvalidArgument,
                        "The database in " + data_dir.string() +
                            " holds businesses but its keys are missing, so none are generated over it: restore "
                            "them (webdpro restore --from ARCHIVE, or the WEBDPRO_SECRET_* variables the data was "
                            "written with).",
                        secrets.error().message);
        }
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
    a->metrics_token_ = secrets->Get("metrics_token").value_or("");
    auto signer = auth::TokenSigner::FromSpec(secrets->Get("jwt_keys").value_or(""), config.auth.clock_leeway_s);
    if (!signer) {
        return Fail(signer.error());
    }
    a->signer_ = std::make_unique<auth::TokenSigner>(std::move(*signer));
    auto otp_key = secrets->Key("otp_key");
    if (!otp_key) {
        return Fail(otp_key.error());
    }
    auto vault = MakeVault(*secrets);
    if (!vault) {
        return Fail(vault.error());
    }
    if (auto readable = CheckKeysReadData(db, *vault); !readable) {
        return Fail(ErrorCode::kInvalidArgument,
                    "The keys in use cannot read the database in " + data_dir.string() + " (" +
                        readable.error().message +
                        "), so WebDPro will not start and write new data under other keys. Give it the keys the data "
                        "was written with: webdpro restore --from ARCHIVE with the archive's passphrase, or "
                        "WEBDPRO_SECRET_PII_KEY and WEBDPRO_SECRET_BLIND_INDEX_KEY (or WEBDPRO_SECRETS_FILE).");
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
    a->suspended_ = std::make_unique<auth::SuspendedTenants>();
    a->tenancy_ = std::make_unique<tenancy::TenancyService>(
        db, *a->users_, *a->sessions_, *a->vault_,
        tenancy::TenancyOptions{.businesses_per_person = config.rate_limit.businesses_per_person}, a->suspended_.get());
    if (auto loaded = a->tenancy_->LoadSuspended(); !loaded) {
        return Fail(loaded.error());
    }
    // Another node's suspensions reach this node's guard within the period.
    a->suspended_reload_ = std::make_unique<BackgroundLoop>(
        BackgroundLoopOptions{.name = "tenant-status", .period = kSuspendedReload, .metrics = &metrics},
        [tenancy = a->tenancy_.get(), &logger] {
            if (auto loaded = tenancy->LoadSuspended(); !loaded) {
                logger.Warn("cannot re-read suspended tenants", {{"reason", loaded.error().message}});
            }
            return LoopNext::kWait;
        });
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
                           .trust_forwarded_proto = config.server.trust_forwarded_for},
        a->suspended_.get());
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
