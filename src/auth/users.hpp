#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit.hpp"
#include "auth/phone.hpp"
#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "storage/db.hpp"

namespace webdpro::auth {

/// A person who has signed in (or was invited) with a phone number. Platform-wide, not tenant data.
struct User {
    UserId id{};
    std::string phone{};  ///< E.164
    std::string name{};
    bool super_admin = false;
    bool disabled = false;
    TimePoint created_at{};
};

/// SQL on the users table. Every method runs inside the caller's transaction.
class UserRepository final {
public:
    static Result<std::optional<User>> Get(storage::Conn& conn, const UserId& id);
    static Result<std::optional<User>> FindByPhone(storage::Conn& conn, const PhoneNumber& phone);
    /// The user with this phone, created (with `name` when given) if there is none. `created`
    /// tells which happened. A new name only fills an empty one; it never overwrites.
    static Result<User> FindOrCreate(storage::Conn& conn, const PhoneNumber& phone, const std::string& name,
                                     TimePoint now, bool* created = nullptr);
    static Result<void> SetSuperAdmin(storage::Conn& conn, const UserId& id, bool on, TimePoint now);
    /// user id → E.164 phone, for the ids that exist.
    static Result<std::map<UserId, std::string>> Phones(storage::Conn& conn, const std::vector<UserId>& ids);
};

/// Users as other features see them. Thread-safe; `db` must outlive it.
class UserService final {
public:
    explicit UserService(storage::Db& db) : db_(db) {}

    /// See UserRepository::FindOrCreate.
    boost::asio::awaitable<Result<User>> FindOrCreate(PhoneNumber phone, std::string name);
    /// kNotFound when there is no such user.
    boost::asio::awaitable<Result<User>> Get(UserId id);
    boost::asio::awaitable<Result<std::map<UserId, std::string>>> Phones(std::vector<UserId> ids);

    /// Makes the user with this phone (created if needed) a super admin and records it in the
    /// audit log. Blocking, for the CLI.
    Result<User> MakeSuperAdminSync(const PhoneNumber& phone);

private:
    storage::Db& db_;
};

}  // namespace webdpro::auth
