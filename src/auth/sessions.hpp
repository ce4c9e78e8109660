#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/audit.hpp"
#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/principal.hpp"
#include "core/time.hpp"
#include "storage/db.hpp"

namespace webdpro::auth {

/// Who a session is for: the user, and the tenant and role the user acts as.
struct SessionGrant {
    UserId user_id{};
    std::optional<TenantId> tenant_id{};
    Role role = Role::kCustomer;
};

/// A session just created or rotated. `refresh_token` exists only here: the database keeps its
/// SHA-256.
struct IssuedSession {
    SessionId session_id{};
    SessionGrant grant{};
    std::string refresh_token{};
    TimePoint expires_at{};
};

struct SessionOptions {
    int refresh_ttl_s = 30 * 24 * 3600;
    /// How long a node trusts a positive IsActive answer before asking the database again.
    int cache_s = 10;
    std::function<TimePoint()> clock = NowUtc;
};

/// Refresh sessions (table `sessions`). A session row holds the hash of one refresh token. Each
/// refresh rotates: a new row in the same family replaces the old one (replaced_by). Presenting a
/// token whose row was already replaced is reuse — a stolen token or a replay — and revokes the
/// whole family (RFC 9700 §4.14.2). Logout and tenant switches revoke the family too.
///
/// IsActive (asked on every authenticated request) caches answers per node: a revoked session
/// stays revoked; an active one is re-checked after `cache_s`. Revocations made through this
/// object take effect on this node at once, on other nodes within `cache_s`.
///
/// Thread-safe; `db` must outlive it.
class SessionService final {
public:
    SessionService(storage::Db& db, SessionOptions options) : db_(db), options_(std::move(options)) {}

    /// A new session (a new family).
    boost::asio::awaitable<Result<IssuedSession>> Create(SessionGrant grant, RequestMeta meta);

    /// Rotates the session of `refresh_token`. kUnauthenticated when the token is unknown,
    /// expired or revoked; on reuse of a rotated token, also revokes the family (and audits it).
    boost::asio::awaitable<Result<IssuedSession>> Rotate(std::string refresh_token, RequestMeta meta);

    /// Inside the caller's transaction: a new session (a new family).
    Result<IssuedSession> CreateIn(storage::Conn& conn, const SessionGrant& grant, const RequestMeta& meta) const;

    /// Revokes `session_id`'s family and creates a new session for `grant` in one transaction
    /// (tenant switch, new tenant), with `audit` appended in the same transaction when given.
    boost::asio::awaitable<Result<IssuedSession>> Replace(SessionId session_id, SessionGrant grant, RequestMeta meta,
                                                          std::optional<AuditEntry> audit = std::nullopt);

    /// Revokes the family of a session (logout). Unknown sessions are not an error.
    boost::asio::awaitable<Result<void>> RevokeFamily(SessionId session_id);
    /// Revokes the family of a refresh token (logout without a valid access token).
    boost::asio::awaitable<Result<void>> RevokeByRefreshToken(std::string refresh_token);

    /// Inside the caller's transaction: revokes every session of `user_id` acting in `tenant_id`
    /// (e.g. an agent removed from a shop). Returns the revoked session ids; pass them to Forget
    /// after the commit.
    static Result<std::vector<SessionId>> RevokeMemberSessions(storage::Conn& conn, const UserId& user_id,
                                                               const TenantId& tenant_id, TimePoint now);
    /// Marks sessions revoked in this node's cache.
    void Forget(const std::vector<SessionId>& session_ids);

    /// True when the session exists, is not revoked and has not expired.
    boost::asio::awaitable<Result<bool>> IsActive(SessionId session_id);

private:
    struct CacheEntry {
        bool active = false;
        std::chrono::steady_clock::time_point checked{};
        std::int64_t expires_at_ms = 0;
    };

    Result<IssuedSession> Insert(storage::Conn& conn, const SessionGrant& grant, const std::string& family_id,
                                 const RequestMeta& meta, TimePoint now) const;
    void Remember(const std::string& session_id, CacheEntry entry);

    storage::Db& db_;
    SessionOptions options_;
    std::mutex cache_mutex_;
    std::unordered_map<std::string, CacheEntry> cache_;
};

/// The SHA-256 (hex) under which a refresh token is stored.
std::string RefreshTokenHash(std::string_view token);

}  // namespace webdpro::auth
