#include "auth/users.hpp"

namespace webdpro::auth {
namespace {

constexpr std::string_view kSelectById = R"sql(
SELECT user_id, phone, name, is_super_admin, disabled_at, created_at FROM users WHERE user_id = $1
)sql";

constexpr std::string_view kSelectByPhone = R"sql(
SELECT user_id, phone, name, is_super_admin, disabled_at, created_at FROM users WHERE phone = $1
)sql";

constexpr std::string_view kInsertUser = R"sql(
INSERT INTO users (user_id, phone, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
)sql";

constexpr std::string_view kFillName = R"sql(
UPDATE users SET name = $2, updated_at = $3 WHERE user_id = $1 AND name = ''
)sql";

constexpr std::string_view kSetSuperAdmin = R"sql(
UPDATE users SET is_super_admin = $2, updated_at = $3 WHERE user_id = $1
)sql";

// SQLite: the id list arrives as one JSON array parameter (PostgreSQL: = ANY($1)).
constexpr std::string_view kSelectPhones = R"sql(
SELECT user_id, phone FROM users WHERE user_id IN (SELECT value FROM json_each($1))
)sql";

User FromRow(const storage::Row& row) {
    return User{.id = UserId(row.Text(0)),
                .phone = row.Text(1),
                .name = row.Text(2),
                .super_admin = row.Bool(3),
                .disabled = !row.IsNull(4),
                .created_at = FromUnixMillis(row.Int(5))};
}

Result<std::optional<User>> One(Result<std::optional<storage::Row>> row) {
    if (!row) {
        return Fail(row.error());
    }
    if (!*row) {
        return std::optional<User>();
    }
    return std::optional<User>(FromRow(**row));
}

}  // namespace

Result<std::optional<User>> UserRepository::Get(storage::Conn& conn, const UserId& id) {
    return One(conn.QueryOne(kSelectById, id));
}

Result<std::optional<User>> UserRepository::FindByPhone(storage::Conn& conn, const PhoneNumber& phone) {
    return One(conn.QueryOne(kSelectByPhone, phone.e164()));
}

Result<User> UserRepository::FindOrCreate(storage::Conn& conn, const PhoneNumber& phone, const std::string& name,
                                          TimePoint now, bool* created) {
    auto existing = FindByPhone(conn, phone);
    if (!existing) {
        return Fail(existing.error());
    }
    if (created != nullptr) {
        *created = !existing->has_value();
    }
    if (*existing) {
        User user = **existing;
        if (user.name.empty() && !name.empty()) {
            if (auto filled = conn.Exec(kFillName, user.id, name, UnixMillis(now)); !filled) {
                return Fail(filled.error());
            }
            user.name = name;
        }
        return user;
    }
    User user{.id = UserId::New(), .phone = phone.e164(), .name = name, .created_at = now};
    if (auto inserted = conn.Exec(kInsertUser, user.id, user.phone, user.name, UnixMillis(now)); !inserted) {
        return Fail(inserted.error());
    }
    return user;
}

Result<void> UserRepository::SetSuperAdmin(storage::Conn& conn, const UserId& id, bool on, TimePoint now) {
    auto changed = conn.Exec(kSetSuperAdmin, id, on, UnixMillis(now));
    if (!changed) {
        return Fail(changed.error());
    }
    if (*changed == 0) {
        return Fail(ApiError::NotFound("User"));
    }
    return {};
}

Result<std::map<UserId, std::string>> UserRepository::Phones(storage::Conn& conn, const std::vector<UserId>& ids) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& id : ids) {
        list.push_back(id.str());
    }
    auto rows = conn.Query(kSelectPhones, list.dump());
    if (!rows) {
        return Fail(rows.error());
    }
    std::map<UserId, std::string> out;
    for (const auto& row : *rows) {
        out.emplace(UserId(row.Text(0)), row.Text(1));
    }
    return out;
}

boost::asio::awaitable<Result<User>> UserService::FindOrCreate(PhoneNumber phone, std::string name) {
    co_return co_await db_.Write(
        [&](storage::Conn& conn) -> Result<User> { return UserRepository::FindOrCreate(conn, phone, name, NowUtc()); });
}

boost::asio::awaitable<Result<User>> UserService::Get(UserId id) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<User> {
        auto user = UserRepository::Get(conn, id);
        if (!user) {
            return Fail(user.error());
        }
        if (!*user) {
            return Fail(ApiError::NotFound("User"));
        }
        return **user;
    });
}

boost::asio::awaitable<Result<std::map<UserId, std::string>>> UserService::Phones(std::vector<UserId> ids) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::map<UserId, std::string>> {
        return UserRepository::Phones(conn, ids);
    });
}

Result<User> UserService::MakeSuperAdminSync(const PhoneNumber& phone) {
    return db_.WriteSync([&](storage::Conn& conn) -> Result<User> {
        const TimePoint now = NowUtc();
        auto user = UserRepository::FindOrCreate(conn, phone, "", now);
        if (!user) {
            return Fail(user.error());
        }
        if (user->super_admin) {
            return *user;
        }
        if (auto set = UserRepository::SetSuperAdmin(conn, user->id, true, now); !set) {
            return Fail(set.error());
        }
        user->super_admin = true;
        AuditEntry entry{.action = std::string(audit_action::kRoleChange),
                         .target_type = "user",
                         .target_id = user->id.str(),
                         .details = {{"role", "SUPER_ADMIN"}, {"granted", true}, {"via", "cli"}},
                         .at = now};
        if (auto audited = AppendAudit(conn, entry); !audited) {
            return Fail(audited.error());
        }
        return *user;
    });
}

}  // namespace webdpro::auth
