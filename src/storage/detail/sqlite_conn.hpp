#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <sqlite3.h>

#include "core/error.hpp"
#include "storage/db.hpp"
#include "storage/detail/sql_text.hpp"

namespace webdpro::storage::detail {

/// Translates a SQLite (extended) result code into a domain error. The SQLite message and the
/// statement go into the detail only.
ApiError SqliteError(int code, std::string_view message, std::string_view sql);

/// One SQLite connection: statement preparation and caching, `$N` binding, error translation.
/// Used by one thread at a time (the connection is opened without SQLite's mutex).
class SqliteConn final : public Conn {
public:
    /// Most statements kept prepared; past this the cache is emptied (only dynamic SQL gets here).
    static constexpr std::size_t kMaxCachedStatements = 256;

    /// Opens `uri` (a path, or a "file:" URI) with sqlite3_open_v2 flags, enables extended result
    /// codes and sets the busy timeout.
    static Result<std::unique_ptr<SqliteConn>> Open(const std::string& uri, int flags, int busy_timeout_ms);
    ~SqliteConn() override;

    sqlite3* handle() const { return db_; }
    /// True while a transaction is open on this connection.
    bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
    /// True while a deferred foreign key constraint is violated (COMMIT would fail).
    bool HasUnresolvedForeignKeys() const;
    /// Runs one trusted statement without parameters or checks (transaction control, pragmas),
    /// prepared once per text: the writer runs SAVEPOINT/RELEASE for every job.
    Result<void> Raw(const char* sql);
    /// Runs a PRAGMA and returns its first column of the first row as text ("" when no row).
    Result<std::string> Pragma(const std::string& pragma);
    /// Number of statements currently cached (for tests).
    std::size_t CachedStatements() const { return cache_.size(); }

protected:
    Result<std::vector<Row>> DoQuery(std::string_view sql, std::span<const Value> params) override;
    Result<std::optional<Row>> DoQueryOne(std::string_view sql, std::span<const Value> params) override;
    Result<std::int64_t> DoExec(std::string_view sql, std::span<const Value> params) override;
    Result<void> DoExecScript(std::string_view sql) override;
    Result<bool> DoTableExists(std::string_view table) override;

private:
    struct StatementDeleter {
        void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
    };
    using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

    /// A prepared statement, for each placeholder $N its SQLite parameter index at [N-1], and the
    /// names of the columns it returns (shared by every row read from it).
    struct Prepared {
        StatementPtr stmt;
        std::vector<int> slots;
        std::shared_ptr<const ColumnNames> columns;
    };

    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    explicit SqliteConn(sqlite3* db) : db_(db) {}

    /// A cached prepared statement for `sql`, bound to `params` and ready to step.
    Result<Prepared*> PrepareAndBind(std::string_view sql, std::span<const Value> params);
    Result<Prepared*> Prepare(std::string_view sql);
    Result<void> Bind(const Prepared& prepared, std::span<const Value> params, std::string_view sql);
    ApiError LastError(int code, std::string_view sql) const;
    static Row ReadRow(const Prepared& prepared);

    sqlite3* db_;
    std::unordered_map<std::string, Prepared, StringHash, std::equal_to<>> cache_;
    std::unordered_map<std::string, StatementPtr, StringHash, std::equal_to<>> raw_cache_;
};

}  // namespace webdpro::storage::detail
