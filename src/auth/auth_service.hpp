#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/audit.hpp"
#include "auth/auth_metrics.hpp"
#include "auth/memberships.hpp"
#include "auth/otp.hpp"
#include "auth/sessions.hpp"
#include "auth/tokens.hpp"
#include "auth/users.hpp"
#include "core/awaitable.hpp"
#include "core/principal.hpp"

namespace webdpro::auth {

/// Who is signed in, as the API reports it (GET /api/me and every sign-in response).
struct Account {
    User user{};
    Role role = Role::kCustomer;
    std::optional<MembershipView> tenant{};  ///< the tenant acted in, for owners and agents
    std::vector<MembershipView> memberships{};
    std::int64_t access_expires_at = 0;  ///< seconds since the epoch
};

/// A signed-in session: the account plus its tokens.
struct SignIn {
    Account account{};
    std::string access_token{};
    std::string refresh_token{};
    int access_ttl_s = 0;
    int refresh_ttl_s = 0;
};

struct AuthOptions {
    int access_ttl_s = 900;
    int refresh_ttl_s = 30 * 24 * 3600;
    std::function<TimePoint()> clock = NowUtc;
};

/// Sign-in, sessions and the current account: the service behind /api/auth/* and /api/me.
///
/// Landing role after a code is verified: a super admin lands as SUPER_ADMIN (platform-wide); a
/// user with memberships lands in the first one (owner memberships first); anyone else is a
/// CUSTOMER. Switch moves a session to another membership (or back to the platform role).
///
/// Thread-safe; every reference must outlive it.
class AuthService final {
public:
    AuthService(storage::Db& db, OtpService& otp, SessionService& sessions, MembershipSource& memberships,
                const TokenSigner& signer, AuthOptions options);

    boost::asio::awaitable<Result<OtpIssued>> RequestCode(PhoneNumber phone, RequestMeta meta);
    /// Verifies the code, creates the user on first sign-in, opens a session. Errors: see
    /// OtpService::VerifyCode; kForbidden for a disabled user.
    boost::asio::awaitable<Result<SignIn>> Verify(PhoneNumber phone, std::string code, RequestMeta meta);
    /// Rotates the refresh token. kUnauthenticated when it is not valid (see SessionService::Rotate),
    /// or when the user or the membership of the session is gone.
    boost::asio::awaitable<Result<SignIn>> Refresh(std::string refresh_token, RequestMeta meta);
    /// Ends the session of `principal` (when given) and of `refresh_token` (when given). Idempotent.
    boost::asio::awaitable<Result<void>> Logout(std::optional<Principal> principal,
                                                std::optional<std::string> refresh_token, RequestMeta meta);
    /// The account of a verified principal. kUnauthenticated when the user no longer exists.
    boost::asio::awaitable<Result<Account>> Me(Principal principal, std::int64_t access_expires_at);
    /// Re-issues the session for another of the user's memberships, or (tenant_id empty) for the
    /// user's platform role. kNotFound when the user has no membership in `tenant_id`.
    boost::asio::awaitable<Result<SignIn>> Switch(Principal principal, std::optional<TenantId> tenant_id,
                                                  RequestMeta meta);

    /// The principal of an access token: signature, times and claims (TokenSigner::Verify), then
    /// the session must still be active. kUnauthenticated otherwise.
    boost::asio::awaitable<Result<AccessClaims>> Authenticate(std::string token);
    /// The expiry (seconds since the epoch) of a token that verifies; 0 otherwise.
    std::int64_t AccessExpiry(std::string_view token) const;

private:
    boost::asio::awaitable<Result<SignIn>> Open(const User& user, const std::vector<MembershipView>& memberships,
                                                SessionGrant grant, IssuedSession session);
    SignIn Issue(Account account, const IssuedSession& session) const;

    storage::Db& db_;
    OtpService& otp_;
    SessionService& sessions_;
    MembershipSource& memberships_;
    const TokenSigner& signer_;
    AuthOptions options_;
};

}  // namespace webdpro::auth
