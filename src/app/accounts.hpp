#pragma once

#include <filesystem>
#include <memory>

#include "app/config.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"

namespace webdpro::http {
class Client;
class Router;
}  // namespace webdpro::http
namespace webdpro::storage {
class Db;
}
namespace webdpro::auth {
class AuthGuard;
class AuthMetrics;
class AuthService;
class OtpService;
class SessionCookies;
class SessionService;
class SmsSender;
class SuspendedTenants;
class TokenSigner;
class UserService;
}  // namespace webdpro::auth
namespace webdpro::tenancy {
class TenancyService;
}

namespace webdpro {
class BackgroundLoop;
class PiiVault;
class WorkPool;
}  // namespace webdpro

namespace webdpro::app {

/// Sign-in, sessions, tenants and the auth guard (src/auth, src/tenancy), built once by the
/// composition root in dependency order. Secrets (JWT keys, PII keys, OTP key) are loaded here
/// from WEBDPRO_SECRET_* / WEBDPRO_SECRETS_FILE, or generated into DATA_DIR/secrets.toml in
/// development; their values never reach the log. Must be destroyed after the server and the
/// router (their handlers refer to these services) and before the database and the outbound client.
class Accounts final {
public:
    /// Errors (start-up stops): missing or malformed secrets, incomplete SMS provider settings.
    static Result<std::unique_ptr<Accounts>> Build(const Config& config, const std::filesystem::path& data_dir,
                                                   storage::Db& db, const http::Client& client, Metrics& metrics,
                                                   Logger& logger);
    ~Accounts();
    Accounts(const Accounts&) = delete;
    Accounts& operator=(const Accounts&) = delete;

    /// The routes of /api/auth/*, /api/me, /api/tenants and /api/agents.
    void RegisterRoutes(http::Router& router);
    /// Installs the guard on `router` (call after every route is registered) and checks that
    /// every route's permission is in the policy table.
    Result<void> InstallGuard(http::Router& router);
    /// Starts re-reading the suspended tenants every few seconds.
    void Start();
    /// Waits for outbound SMS calls in flight and stops their threads. Idempotent.
    void Stop();

    /// For later features that store phone numbers beside tenant data (orders, deliveries):
    /// encrypt them and index them with the same keys.
    const PiiVault& vault() const { return *vault_; }
    auth::UserService& users() { return *users_; }
    /// Tenants and memberships, for the platform console's writes to a tenant.
    tenancy::TenancyService& tenancy() { return *tenancy_; }
    /// The configured SMS sender, for notifications beside the sign-in codes. Blocks: call it off I/O threads.
    auth::SmsSender& sms() { return *sms_; }
    /// The `metrics_token` secret (WEBDPRO_SECRET_METRICS_TOKEN), or "" when none is set.
    const std::string& metrics_token() const { return metrics_token_; }

private:
    Accounts();

    std::unique_ptr<WorkPool> sms_pool_;
    std::unique_ptr<PiiVault> vault_;
    std::unique_ptr<auth::TokenSigner> signer_;
    std::unique_ptr<auth::AuthMetrics> metrics_;
    std::unique_ptr<auth::SmsSender> sms_;
    std::unique_ptr<auth::UserService> users_;
    std::unique_ptr<auth::SessionService> sessions_;
    std::unique_ptr<auth::OtpService> otp_;
    std::unique_ptr<auth::SuspendedTenants> suspended_;
    std::unique_ptr<BackgroundLoop> suspended_reload_;
    std::unique_ptr<tenancy::TenancyService> tenancy_;
    std::unique_ptr<auth::AuthService> auth_;
    std::unique_ptr<auth::SessionCookies> cookies_;
    std::unique_ptr<auth::AuthGuard> guard_;
    std::string metrics_token_;
};

}  // namespace webdpro::app
