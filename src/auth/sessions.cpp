#include "auth/sessions.hpp"

#include "core/crypto.hpp"

namespace webdpro::auth {
namespace {

constexpr std::string_view kRefreshPrefix = "wdr_";
constexpr std::size_t kRefreshBytes = 32;
constexpr std::size_t kMaxCacheEntries = 100'000;
constexpr std::size_t kMaxUserAgent = 200;

constexpr std::string_view kInsertSession = R"sql(
INSERT INTO sessions (session_id, user_id, tenant_id, role, refresh_token_hash, family_id, user_agent, client_ip,
                      created_at, last_used_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
)sql";

constexpr std::string_view kSelectByRefreshHash = R"sql(
SELECT session_id, user_id, tenant_id, role, family_id, replaced_by, expires_at, revoked_at
FROM sessions WHERE refresh_token_hash = $1
)sql";

constexpr std::string_view kMarkReplaced = R"sql(
UPDATE sessions SET replaced_by = $2, last_used_at = $3
WHERE session_id = $1 AND replaced_by IS NULL AND revoked_at IS NULL
)sql";

constexpr std::string_view kSelectFamily = R"sql(
SELECT family_id FROM sessions WHERE session_id = $1
)sql";

constexpr std::string_view kRevokeFamily = R"sql(
UPDATE sessions SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL RETURNING session_id
)sql";

constexpr std::string_view kRevokeMember = R"sql(
UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND tenant_id = $2 AND revoked_at IS NULL RETURNING session_id
)sql";

constexpr std::string_view kSelectState = R"sql(
SELECT revoked_at, expires_at FROM sessions WHERE session_id = $1
)sql";

ApiError NotValid(std::string detail) {
    return ApiError(ErrorCode::kUnauthenticated, "Your session has ended. Please sign in again.", std::move(detail));
}

std::string NewRefreshToken() {
    const Bytes raw = RandomBytes(kRefreshBytes);
    return std::string(kRefreshPrefix) +
           Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
}

Result<std::vector<SessionId>> Revoked(Result<std::vector<storage::Row>> rows) {
    if (!rows) {
        return Fail(rows.error());
    }
    std::vector<SessionId> out;
    for (const auto& row : *rows) {
        out.emplace_back(row.Text(0));
    }
    return out;
}

Result<std::vector<SessionId>> RevokeFamilyOf(storage::Conn& conn, const std::string& family_id, std::int64_t now_ms) {
    return Revoked(conn.Query(kRevokeFamily, family_id, now_ms));
}

/// Rotation outcome: a new session, or a refusal whose side effects (revocation) must commit.
struct RotateOutcome {
    std::optional<IssuedSession> issued{};
    std::optional<ApiError> refused{};
    std::vector<SessionId> revoked{};
};

}  // namespace

std::string RefreshTokenHash(std::string_view token) {
    return HexEncode(Sha256(token));
}

Result<IssuedSession> SessionService::Insert(storage::Conn& conn, const SessionGrant& grant,
                                             const std::string& family_id, const RequestMeta& meta,
                                             TimePoint now) const {
    IssuedSession issued{.session_id = SessionId::New(),
                         .grant = grant,
                         .refresh_token = NewRefreshToken(),
                         .expires_at = now + std::chrono::seconds(options_.refresh_ttl_s)};
    auto inserted = conn.Exec(
        kInsertSession, issued.session_id, grant.user_id, grant.tenant_id, RoleName(grant.role),
        RefreshTokenHash(issued.refresh_token), family_id.empty() ? issued.session_id.str() : family_id,
        meta.user_agent.substr(0, kMaxUserAgent), meta.client_ip, UnixMillis(now), UnixMillis(issued.expires_at));
    if (!inserted) {
        return Fail(inserted.error());
    }
    return issued;
}

boost::asio::awaitable<Result<IssuedSession>> SessionService::Create(SessionGrant grant, RequestMeta meta) {
    const TimePoint now = options_.clock();
    co_return co_await db_.Write(
        [&](storage::Conn& conn) -> Result<IssuedSession> { return Insert(conn, grant, "", meta, now); });
}

boost::asio::awaitable<Result<IssuedSession>> SessionService::Rotate(std::string refresh_token, RequestMeta meta) {
    const TimePoint now = options_.clock();
    const std::int64_t now_ms = UnixMillis(now);
    if (!refresh_token.starts_with(kRefreshPrefix)) {
        co_return Fail(NotValid("refresh: malformed token"));
    }
    const std::string hash = RefreshTokenHash(refresh_token);
    auto outcome = co_await db_.Write([&](storage::Conn& conn) -> Result<RotateOutcome> {
        auto row = conn.QueryOne(kSelectByRefreshHash, hash);
        if (!row) {
            return Fail(row.error());
        }
        if (!*row) {
            return RotateOutcome{.refused = NotValid("refresh: unknown token")};
        }
        const storage::Row& r = **row;
        const std::string session_id = r.Text(0);
        const std::string family_id = r.Text(4);
        if (!r.IsNull(7)) {
            return RotateOutcome{.refused = NotValid("refresh: session revoked")};
        }
        if (!r.IsNull(5)) {
            // Reuse of a rotated token: whoever holds the family's tokens can no longer be told
            // apart from the legitimate user, so the whole family ends.
            auto revoked = RevokeFamilyOf(conn, family_id, now_ms);
            if (!revoked) {
                return Fail(revoked.error());
            }
            AuditEntry entry{.actor = UserId(r.Text(1)),
                             .action = std::string(audit_action::kRefreshReuse),
                             .target_type = "session",
                             .target_id = family_id,
                             .details = {{"reused_session", session_id}, {"revoked", revoked->size()}},
                             .request_id = meta.request_id,
                             .client_ip = meta.client_ip,
                             .at = now};
            if (!r.IsNull(2)) {
                entry.tenant_id = TenantId(r.Text(2));
            }
            if (auto a = AppendAudit(conn, entry); !a) {
                return Fail(a.error());
            }
            return RotateOutcome{.refused = NotValid("refresh: reuse of a rotated token; family revoked"),
                                 .revoked = std::move(*revoked)};
        }
        if (r.Int(6) <= now_ms) {
            return RotateOutcome{.refused = NotValid("refresh: session expired")};
        }
        auto role = ParseRole(r.Text(3));
        if (!role) {
            return Fail(ApiError::Internal("session has an unknown role"));
        }
        SessionGrant grant{.user_id = UserId(r.Text(1)), .role = *role};
        if (!r.IsNull(2)) {
            grant.tenant_id = TenantId(r.Text(2));
        }
        auto issued = Insert(conn, grant, family_id, meta, now);
        if (!issued) {
            return Fail(issued.error());
        }
        auto marked = conn.Exec(kMarkReplaced, session_id, issued->session_id, now_ms);
        if (!marked) {
            return Fail(marked.error());
        }
        return RotateOutcome{.issued = std::move(*issued)};
    });
    if (!outcome) {
        co_return Fail(outcome.error());
    }
    Forget(outcome->revoked);
    if (outcome->refused) {
        co_return Fail(std::move(*outcome->refused));
    }
    co_return std::move(*outcome->issued);
}

Result<IssuedSession> SessionService::CreateIn(storage::Conn& conn, const SessionGrant& grant,
                                               const RequestMeta& meta) const {
    return Insert(conn, grant, "", meta, options_.clock());
}

boost::asio::awaitable<Result<IssuedSession>> SessionService::Replace(SessionId session_id, SessionGrant grant,
                                                                      RequestMeta meta,
                                                                      std::optional<AuditEntry> audit) {
    const TimePoint now = options_.clock();
    std::vector<SessionId> revoked;
    auto issued = co_await db_.Write([&](storage::Conn& conn) -> Result<IssuedSession> {
        auto family = conn.QueryOne(kSelectFamily, session_id);
        if (!family) {
            return Fail(family.error());
        }
        if (*family) {
            auto r = RevokeFamilyOf(conn, (*family)->Text(0), UnixMillis(now));
            if (!r) {
                return Fail(r.error());
            }
            revoked = std::move(*r);
        }
        if (audit) {
            if (auto a = AppendAudit(conn, *audit); !a) {
                return Fail(a.error());
            }
        }
        return Insert(conn, grant, "", meta, now);
    });
    if (issued) {
        Forget(revoked);
    }
    co_return issued;
}

boost::asio::awaitable<Result<void>> SessionService::RevokeFamily(SessionId session_id) {
    const std::int64_t now_ms = UnixMillis(options_.clock());
    auto revoked = co_await db_.Write([&](storage::Conn& conn) -> Result<std::vector<SessionId>> {
        auto family = conn.QueryOne(kSelectFamily, session_id);
        if (!family) {
            return Fail(family.error());
        }
        if (!*family) {
            return std::vector<SessionId>{};
        }
        return RevokeFamilyOf(conn, (*family)->Text(0), now_ms);
    });
    if (!revoked) {
        co_return Fail(revoked.error());
    }
    Forget(*revoked);
    Forget({session_id});
    co_return Result<void>{};
}

boost::asio::awaitable<Result<void>> SessionService::RevokeByRefreshToken(std::string refresh_token) {
    const std::int64_t now_ms = UnixMillis(options_.clock());
    const std::string hash = RefreshTokenHash(refresh_token);
    auto revoked = co_await db_.Write([&](storage::Conn& conn) -> Result<std::vector<SessionId>> {
        auto row = conn.QueryOne(kSelectByRefreshHash, hash);
        if (!row) {
            return Fail(row.error());
        }
        if (!*row) {
            return std::vector<SessionId>{};
        }
        return RevokeFamilyOf(conn, (*row)->Text(4), now_ms);
    });
    if (!revoked) {
        co_return Fail(revoked.error());
    }
    Forget(*revoked);
    co_return Result<void>{};
}

Result<std::vector<SessionId>> SessionService::RevokeMemberSessions(storage::Conn& conn, const UserId& user_id,
                                                                    const TenantId& tenant_id, TimePoint now) {
    return Revoked(conn.Query(kRevokeMember, user_id, tenant_id, UnixMillis(now)));
}

void SessionService::Remember(const std::string& session_id, CacheEntry entry) {
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() >= kMaxCacheEntries) {
        // Forgetting errs towards asking the database again, never towards accepting.
        std::erase_if(cache_, [](const auto& e) { return e.second.active; });
        if (cache_.size() >= kMaxCacheEntries) {
            cache_.clear();
        }
    }
    cache_[session_id] = entry;
}

void SessionService::Forget(const std::vector<SessionId>& session_ids) {
    for (const auto& id : session_ids) {
        Remember(id.str(), CacheEntry{.active = false, .checked = std::chrono::steady_clock::now()});
    }
}

boost::asio::awaitable<Result<bool>> SessionService::IsActive(SessionId session_id) {
    const auto steady_now = std::chrono::steady_clock::now();
    const std::int64_t now_ms = UnixMillis(options_.clock());
    {
        std::lock_guard lock(cache_mutex_);
        auto it = cache_.find(session_id.str());
        if (it != cache_.end()) {
            if (!it->second.active) {
                co_return false;
            }
            if (steady_now - it->second.checked < std::chrono::seconds(options_.cache_s) &&
                it->second.expires_at_ms > now_ms) {
                co_return true;
            }
        }
    }
    auto state = co_await db_.Read([&](storage::Conn& conn) -> Result<std::optional<storage::Row>> {
        return conn.QueryOne(kSelectState, session_id);
    });
    if (!state) {
        co_return Fail(state.error());
    }
    const bool active = state->has_value() && (*state)->IsNull(0) && (*state)->Int(1) > now_ms;
    if (options_.cache_s > 0 || !active) {
        Remember(session_id.str(), CacheEntry{.active = active,
                                              .checked = steady_now,
                                              .expires_at_ms = state->has_value() ? (*state)->Int(1) : 0});
    }
    co_return active;
}

}  // namespace webdpro::auth
