#include "auth/auth_service.hpp"

#include <algorithm>

namespace webdpro::auth {
namespace {

ApiError SessionEnded(std::string detail) {
    return ApiError(ErrorCode::kUnauthenticated, "Your session has ended. Please sign in again.", std::move(detail));
}

/// Where a user lands after signing in: see AuthService.
SessionGrant Landing(const User& user, const std::vector<MembershipView>& memberships) {
    if (user.super_admin) {
        return SessionGrant{.user_id = user.id, .tenant_id = std::nullopt, .role = Role::kSuperAdmin};
    }
    if (!memberships.empty()) {
        return SessionGrant{
            .user_id = user.id, .tenant_id = memberships.front().tenant_id, .role = memberships.front().role};
    }
    return SessionGrant{.user_id = user.id, .tenant_id = std::nullopt, .role = Role::kCustomer};
}

const MembershipView* FindMembership(const std::vector<MembershipView>& memberships, const TenantId& tenant_id) {
    auto it = std::find_if(memberships.begin(), memberships.end(),
                           [&](const MembershipView& m) { return m.tenant_id == tenant_id; });
    return it == memberships.end() ? nullptr : &*it;
}

/// True while the grant still matches what the user is: the membership (or super admin flag)
/// that justified it has not gone away.
bool GrantStillHolds(const SessionGrant& grant, const User& user, const std::vector<MembershipView>& memberships) {
    if (grant.role == Role::kSuperAdmin) {
        return user.super_admin;
    }
    if (!grant.tenant_id) {
        return grant.role == Role::kCustomer;
    }
    const MembershipView* m = FindMembership(memberships, *grant.tenant_id);
    return m != nullptr && m->role == grant.role;
}

}  // namespace

AuthService::AuthService(storage::Db& db, OtpService& otp, SessionService& sessions, MembershipSource& memberships,
                         const TokenSigner& signer, AuthOptions options)
    : db_(db),
      otp_(otp),
      sessions_(sessions),
      memberships_(memberships),
      signer_(signer),
      options_(std::move(options)) {}

boost::asio::awaitable<Result<OtpIssued>> AuthService::RequestCode(PhoneNumber phone, RequestMeta meta) {
    co_return co_await otp_.RequestCode(std::move(phone), std::move(meta));
}

SignIn AuthService::Issue(Account account, const IssuedSession& session) const {
    const std::int64_t now_s = UnixSeconds(options_.clock());
    const AccessClaims claims{.user_id = session.grant.user_id,
                              .tenant_id = session.grant.tenant_id,
                              .role = session.grant.role,
                              .session_id = session.session_id,
                              .issued_at = now_s,
                              .expires_at = now_s + options_.access_ttl_s};
    account.access_expires_at = claims.expires_at;
    SignIn out{.account = std::move(account),
               .access_token = signer_.Sign(claims),
               .refresh_token = session.refresh_token,
               .access_ttl_s = options_.access_ttl_s,
               .refresh_ttl_s = options_.refresh_ttl_s};
    return out;
}

boost::asio::awaitable<Result<SignIn>> AuthService::Open(const User& user,
                                                         const std::vector<MembershipView>& memberships,
                                                         SessionGrant grant, IssuedSession session) {
    Account account{.user = user, .role = grant.role, .memberships = memberships};
    if (grant.tenant_id) {
        if (const MembershipView* m = FindMembership(memberships, *grant.tenant_id)) {
            account.tenant = *m;
        }
    }
    co_return Issue(std::move(account), session);
}

boost::asio::awaitable<Result<SignIn>> AuthService::Verify(PhoneNumber phone, std::string code, RequestMeta meta) {
    if (auto verified = co_await otp_.VerifyCode(phone, std::move(code), meta); !verified) {
        co_return Fail(verified.error());
    }
    auto existing = co_await db_.Read(
        [&](storage::Conn& conn) -> Result<std::optional<User>> { return UserRepository::FindByPhone(conn, phone); });
    if (!existing) {
        co_return Fail(existing.error());
    }
    std::vector<MembershipView> memberships;
    if (*existing) {
        auto found = co_await memberships_.ForUser((*existing)->id);
        if (!found) {
            co_return Fail(found.error());
        }
        memberships = std::move(*found);
    }

    struct Opened {
        User user{};
        SessionGrant grant{};
        IssuedSession session{};
    };
    const TimePoint now = options_.clock();
    auto opened = co_await db_.Write([&](storage::Conn& conn) -> Result<Opened> {
        bool created = false;
        auto user = UserRepository::FindOrCreate(conn, phone, "", now, &created);
        if (!user) {
            return Fail(user.error());
        }
        if (user->disabled) {
            return Fail(ApiError(ErrorCode::kForbidden, "This account is disabled.", "sign-in of a disabled user"));
        }
        const SessionGrant grant = Landing(*user, memberships);
        auto session = sessions_.CreateIn(conn, grant, meta);
        if (!session) {
            return Fail(session.error());
        }
        AuditEntry entry{.tenant_id = grant.tenant_id,
                         .actor = user->id,
                         .action = std::string(audit_action::kSignIn),
                         .target_type = "user",
                         .target_id = user->id.str(),
                         .details = {{"role", RoleName(grant.role)},
                                     {"new_user", created},
                                     {"session_id", session->session_id.str()}},
                         .request_id = meta.request_id,
                         .client_ip = meta.client_ip,
                         .at = now};
        if (auto a = AppendAudit(conn, entry); !a) {
            return Fail(a.error());
        }
        return Opened{std::move(*user), grant, std::move(*session)};
    });
    if (!opened) {
        co_return Fail(opened.error());
    }
    co_return co_await Open(opened->user, memberships, opened->grant, std::move(opened->session));
}

boost::asio::awaitable<Result<SignIn>> AuthService::Refresh(std::string refresh_token, RequestMeta meta) {
    auto session = co_await sessions_.Rotate(std::move(refresh_token), meta);
    if (!session) {
        co_return Fail(session.error());
    }
    const UserId user_id = session->grant.user_id;
    auto user = co_await db_.Read(
        [&](storage::Conn& conn) -> Result<std::optional<User>> { return UserRepository::Get(conn, user_id); });
    if (!user) {
        co_return Fail(user.error());
    }
    std::vector<MembershipView> memberships;
    if (*user) {
        auto found = co_await memberships_.ForUser(user_id);
        if (!found) {
            co_return Fail(found.error());
        }
        memberships = std::move(*found);
    }
    if (!*user || (*user)->disabled || !GrantStillHolds(session->grant, **user, memberships)) {
        if (auto revoked = co_await sessions_.RevokeFamily(session->session_id); !revoked) {
            co_return Fail(revoked.error());
        }
        co_return Fail(SessionEnded("refresh: the user or the membership behind the session is gone"));
    }
    const SessionGrant grant = session->grant;
    co_return co_await Open(**user, memberships, grant, std::move(*session));
}

boost::asio::awaitable<Result<void>> AuthService::Logout(std::optional<Principal> principal,
                                                         std::optional<std::string> refresh_token, RequestMeta meta) {
    if (principal) {
        if (auto r = co_await sessions_.RevokeFamily(principal->session_id); !r) {
            co_return r;
        }
        auto audited = co_await db_.Write([&](storage::Conn& conn) -> Result<void> {
            return AppendAudit(conn, AuditEntry{.tenant_id = principal->tenant_id,
                                                .actor = principal->user_id,
                                                .action = std::string(audit_action::kSignOut),
                                                .target_type = "session",
                                                .target_id = principal->session_id.str(),
                                                .request_id = meta.request_id,
                                                .client_ip = meta.client_ip,
                                                .at = options_.clock()});
        });
        if (!audited) {
            co_return audited;
        }
    }
    if (refresh_token && !refresh_token->empty()) {
        if (auto r = co_await sessions_.RevokeByRefreshToken(std::move(*refresh_token)); !r) {
            co_return r;
        }
    }
    co_return Result<void>{};
}

boost::asio::awaitable<Result<Account>> AuthService::Me(Principal principal, std::int64_t access_expires_at) {
    auto user = co_await db_.Read([&](storage::Conn& conn) -> Result<std::optional<User>> {
        return UserRepository::Get(conn, principal.user_id);
    });
    if (!user) {
        co_return Fail(user.error());
    }
    if (!*user || (*user)->disabled) {
        co_return Fail(SessionEnded("me: user gone or disabled"));
    }
    auto memberships = co_await memberships_.ForUser(principal.user_id);
    if (!memberships) {
        co_return Fail(memberships.error());
    }
    Account account{.user = **user,
                    .role = principal.role,
                    .memberships = std::move(*memberships),
                    .access_expires_at = access_expires_at};
    if (principal.tenant_id) {
        if (const MembershipView* m = FindMembership(account.memberships, *principal.tenant_id)) {
            account.tenant = *m;
        }
    }
    co_return account;
}

boost::asio::awaitable<Result<SignIn>> AuthService::Switch(Principal principal, std::optional<TenantId> tenant_id,
                                                           RequestMeta meta) {
    auto user = co_await db_.Read([&](storage::Conn& conn) -> Result<std::optional<User>> {
        return UserRepository::Get(conn, principal.user_id);
    });
    if (!user) {
        co_return Fail(user.error());
    }
    if (!*user || (*user)->disabled) {
        co_return Fail(SessionEnded("switch: user gone or disabled"));
    }
    auto memberships = co_await memberships_.ForUser(principal.user_id);
    if (!memberships) {
        co_return Fail(memberships.error());
    }
    SessionGrant grant{.user_id = principal.user_id};
    if (tenant_id) {
        const MembershipView* m = FindMembership(*memberships, *tenant_id);
        if (m == nullptr) {
            co_return Fail(ApiError::NotFound("Business"));
        }
        grant.tenant_id = m->tenant_id;
        grant.role = m->role;
    } else {
        grant.role = (*user)->super_admin ? Role::kSuperAdmin : Role::kCustomer;
    }
    AuditEntry audit{.tenant_id = grant.tenant_id,
                     .actor = principal.user_id,
                     .action = std::string(audit_action::kSwitchTenant),
                     .target_type = "session",
                     .target_id = principal.session_id.str(),
                     .details = {{"from_role", RoleName(principal.role)}, {"to_role", RoleName(grant.role)}},
                     .request_id = meta.request_id,
                     .client_ip = meta.client_ip,
                     .at = options_.clock()};
    if (principal.tenant_id) {
        audit.details["from_tenant"] = principal.tenant_id->str();
    }
    auto session = co_await sessions_.Replace(principal.session_id, grant, meta, std::move(audit));
    if (!session) {
        co_return Fail(session.error());
    }
    co_return co_await Open(**user, *memberships, grant, std::move(*session));
}

std::int64_t AuthService::AccessExpiry(std::string_view token) const {
    auto claims = signer_.Verify(token, UnixSeconds(options_.clock()));
    return claims ? claims->expires_at : 0;
}

boost::asio::awaitable<Result<AccessClaims>> AuthService::Authenticate(std::string token) {
    auto claims = signer_.Verify(token, UnixSeconds(options_.clock()));
    if (!claims) {
        co_return Fail(claims.error());
    }
    auto active = co_await sessions_.IsActive(claims->session_id);
    if (!active) {
        co_return Fail(active.error());
    }
    if (!*active) {
        co_return Fail(SessionEnded("access token of a revoked or expired session"));
    }
    co_return std::move(*claims);
}

}  // namespace webdpro::auth
