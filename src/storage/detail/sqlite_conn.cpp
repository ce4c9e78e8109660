#include "storage/detail/sqlite_conn.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <mutex>
#include <utility>

#include "storage/detail/sql_text.hpp"

namespace webdpro::storage::detail {
namespace {

constexpr const char* kTableExistsSql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1";

std::string Shorten(std::string_view sql) {
    return ShortenSql(sql);
}

/// Parses a placeholder name "$N" (N >= 1, no leading zero); 0 when it is anything else.
int PlaceholderNumber(const char* name) {
    if (name == nullptr || name[0] != '$' || name[1] < '1' || name[1] > '9') {
        return 0;
    }
    const std::string_view digits(name + 1);
    int number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (error != std::errc() || end != digits.data() + digits.size()) {
        return 0;
    }
    return number;
}

/// Resets a statement and drops its bindings when a call is done with it, however it ends.
class StatementReset final {
public:
    explicit StatementReset(sqlite3_stmt* stmt) : stmt_(stmt) {}
    ~StatementReset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    StatementReset(const StatementReset&) = delete;
    StatementReset& operator=(const StatementReset&) = delete;

private:
    sqlite3_stmt* stmt_;
};

ApiError MisuseError(std::string what, std::string_view sql) {
    return ApiError::Internal("storage misuse: " + std::move(what) + " in: " + Shorten(sql));
}

}  // namespace

ApiError SqliteError(int code, std::string_view message, std::string_view sql) {
    std::string detail = "sqlite " + std::to_string(code) + " (" + sqlite3_errstr(code) + "): " + std::string(message);
    if (!sql.empty()) {
        detail += " in: " + Shorten(sql);
    }
    switch (code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return {ErrorCode::kConflict, "It already exists.", std::move(detail)};
        case SQLITE_CONSTRAINT_CHECK:
        case SQLITE_CONSTRAINT_NOTNULL:
            return {ErrorCode::kInvalidArgument, "A value is not allowed.", std::move(detail)};
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return {ErrorCode::kConflict, "It refers to something that does not exist, or is still in use.",
                    std::move(detail)};
        case SQLITE_CONSTRAINT_DATATYPE:
            // A value of the wrong type reaching a STRICT table is a bug in the caller, not bad input.
            return ApiError::Internal(std::move(detail));
        default:
            break;
    }
    switch (code & 0xff) {
        case SQLITE_CONSTRAINT:
            return {ErrorCode::kConflict, "The change conflicts with existing data.", std::move(detail)};
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return ApiError::Unavailable(std::move(detail));
        default:
            return ApiError::Internal(std::move(detail));
    }
}

Result<std::unique_ptr<SqliteConn>> SqliteConn::Open(const std::string& uri, int flags, int busy_timeout_ms) {
    // SQLite's memory statistics take a global mutex on every allocation, which the writer makes
    // by the thousand per batch; nothing here reads them. This must precede SQLite's
    // initialisation, so it is done before the first open (later it would be refused, harmlessly).
    static std::once_flag configured;
    std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(uri.c_str(), &db, flags | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    // SQLite hands back a handle even on failure; the SqliteConn closes it either way.
    std::unique_ptr<SqliteConn> conn(new SqliteConn(db));
    if (rc != SQLITE_OK) {
        const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        return Fail(ErrorCode::kUnavailable, "The database could not be opened.",
                    "opening " + uri + ": sqlite " + std::to_string(rc) + ": " + message);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    return conn;
}

SqliteConn::~SqliteConn() {
    // Statements must be finalized before the connection closes.
    cache_.clear();
    raw_cache_.clear();
    sqlite3_close_v2(db_);
}

bool SqliteConn::HasUnresolvedForeignKeys() const {
    int current = 0;
    int highwater = 0;
    sqlite3_db_status(db_, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highwater, 0);
    return current != 0;
}

Result<void> SqliteConn::Raw(const char* sql) {
    auto it = raw_cache_.find(std::string_view(sql));
    if (it == raw_cache_.end()) {
        sqlite3_stmt* raw = nullptr;
        const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
        StatementPtr stmt(raw);
        if (rc != SQLITE_OK) {
            return Fail(LastError(rc, sql));
        }
        if (!stmt) {
            return Fail(MisuseError("no SQL statement", sql));
        }
        it = raw_cache_.emplace(sql, std::move(stmt)).first;
    }
    sqlite3_stmt* stmt = it->second.get();
    StatementReset reset(stmt);
    for (;;) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) {
            return {};
        }
        if (rc != SQLITE_ROW) {
            return Fail(LastError(rc, sql));
        }
    }
}

Result<std::string> SqliteConn::Pragma(const std::string& pragma) {
    const std::string sql = "PRAGMA " + pragma;
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &raw, nullptr);
    StatementPtr stmt(raw);
    if (rc != SQLITE_OK) {
        return Fail(LastError(rc, sql));
    }
    const int step = sqlite3_step(stmt.get());
    if (step == SQLITE_DONE) {
        return std::string();
    }
    if (step != SQLITE_ROW) {
        return Fail(LastError(step, sql));
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
    return std::string(text != nullptr ? text : "");
}

ApiError SqliteConn::LastError(int code, std::string_view sql) const {
    return SqliteError(code, sqlite3_errmsg(db_), sql);
}

Result<SqliteConn::Prepared*> SqliteConn::Prepare(std::string_view sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) {
        return &it->second;
    }
    if (IsTransactionControl(FirstKeyword(sql))) {
        return Fail(MisuseError("transaction control belongs to Db", sql));
    }
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw, &tail);
    StatementPtr stmt(raw);
    if (rc != SQLITE_OK) {
        return Fail(LastError(rc, sql));
    }
    if (!stmt) {
        return Fail(MisuseError("no SQL statement", sql));
    }
    if (!SkipInsignificant(std::string_view(tail, sql.data() + sql.size() - tail)).empty()) {
        return Fail(MisuseError("more than one statement (use ExecScript)", sql));
    }

    std::vector<int> slots;
    const int count = sqlite3_bind_parameter_count(stmt.get());
    for (int index = 1; index <= count; ++index) {
        const char* name = sqlite3_bind_parameter_name(stmt.get(), index);
        const int number = PlaceholderNumber(name);
        if (number == 0) {
            return Fail(MisuseError(
                std::string("placeholder ") + (name != nullptr ? name : "?") + " is not of the form $1, $2, ...", sql));
        }
        if (static_cast<std::size_t>(number) > slots.size()) {
            slots.resize(static_cast<std::size_t>(number), 0);
        }
        slots[static_cast<std::size_t>(number) - 1] = index;
    }
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (slots[i] == 0) {
            return Fail(MisuseError("placeholder $" + std::to_string(i + 1) + " is missing", sql));
        }
    }

    if (cache_.size() >= kMaxCachedStatements) {
        cache_.clear();
    }
    auto columns = std::make_shared<ColumnNames>();
    const int column_count = sqlite3_column_count(stmt.get());
    columns->reserve(static_cast<std::size_t>(column_count));
    for (int i = 0; i < column_count; ++i) {
        const char* name = sqlite3_column_name(stmt.get(), i);
        columns->emplace_back(name != nullptr ? name : "");
    }
    auto [it, inserted] =
        cache_.emplace(std::string(sql), Prepared{std::move(stmt), std::move(slots), std::move(columns)});
    return &it->second;
}

Result<void> SqliteConn::Bind(const Prepared& prepared, std::span<const Value> params, std::string_view sql) {
    if (params.size() != prepared.slots.size()) {
        return Fail(MisuseError("the statement has " + std::to_string(prepared.slots.size()) + " placeholders but " +
                                    std::to_string(params.size()) + " values were given",
                                sql));
    }
    sqlite3_stmt* stmt = prepared.stmt.get();
    for (std::size_t i = 0; i < params.size(); ++i) {
        const int index = prepared.slots[i];
        // SQLITE_STATIC: the values outlive the statement's use, and bindings are cleared after it.
        const int rc = std::visit(
            [&](const auto& value) -> int {
                using V = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<V, std::nullptr_t>) {
                    return sqlite3_bind_null(stmt, index);
                } else if constexpr (std::is_same_v<V, std::int64_t>) {
                    return sqlite3_bind_int64(stmt, index, value);
                } else if constexpr (std::is_same_v<V, double>) {
                    return sqlite3_bind_double(stmt, index, value);
                } else if constexpr (std::is_same_v<V, std::string>) {
                    return sqlite3_bind_text64(stmt, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
                } else {
                    if (value.empty()) {
                        // A null pointer would bind NULL; an empty blob is not NULL.
                        return sqlite3_bind_zeroblob(stmt, index, 0);
                    }
                    return sqlite3_bind_blob64(stmt, index, value.data(), value.size(), SQLITE_STATIC);
                }
            },
            params[i]);
        if (rc != SQLITE_OK) {
            sqlite3_clear_bindings(stmt);
            return Fail(LastError(rc, sql));
        }
    }
    return {};
}

Result<SqliteConn::Prepared*> SqliteConn::PrepareAndBind(std::string_view sql, std::span<const Value> params) {
    auto prepared = Prepare(sql);
    if (!prepared) {
        return Fail(std::move(prepared.error()));
    }
    if (auto bound = Bind(**prepared, params, sql); !bound) {
        return Fail(std::move(bound.error()));
    }
    return *prepared;
}

Row SqliteConn::ReadRow(const Prepared& prepared) {
    sqlite3_stmt* stmt = prepared.stmt.get();
    const int columns = sqlite3_column_count(stmt);
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
            case SQLITE_INTEGER:
                values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, i)));
                break;
            case SQLITE_FLOAT:
                values.emplace_back(sqlite3_column_double(stmt, i));
                break;
            case SQLITE_TEXT: {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
                const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
                values.emplace_back(std::string(text, size));
                break;
            }
            case SQLITE_BLOB: {
                const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, i));
                const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
                values.emplace_back(data == nullptr ? Blob() : Blob(data, data + size));
                break;
            }
            default:
                values.emplace_back(nullptr);
                break;
        }
    }
    return Row(std::move(values), prepared.columns);
}

Result<std::vector<Row>> SqliteConn::DoQuery(std::string_view sql, std::span<const Value> params) {
    auto prepared = PrepareAndBind(sql, params);
    if (!prepared) {
        return Fail(std::move(prepared.error()));
    }
    sqlite3_stmt* stmt = (*prepared)->stmt.get();
    StatementReset reset(stmt);
    std::vector<Row> rows;
    for (;;) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            rows.push_back(ReadRow(**prepared));
        } else if (rc == SQLITE_DONE) {
            return rows;
        } else {
            return Fail(LastError(rc, sql));
        }
    }
}

Result<std::optional<Row>> SqliteConn::DoQueryOne(std::string_view sql, std::span<const Value> params) {
    auto prepared = PrepareAndBind(sql, params);
    if (!prepared) {
        return Fail(std::move(prepared.error()));
    }
    sqlite3_stmt* stmt = (*prepared)->stmt.get();
    StatementReset reset(stmt);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) {
        return std::optional<Row>();
    }
    if (rc != SQLITE_ROW) {
        return Fail(LastError(rc, sql));
    }
    Row row = ReadRow(**prepared);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        return Fail(MisuseError("QueryOne produced more than one row", sql));
    }
    if (rc != SQLITE_DONE) {
        return Fail(LastError(rc, sql));
    }
    return std::optional<Row>(std::move(row));
}

Result<std::int64_t> SqliteConn::DoExec(std::string_view sql, std::span<const Value> params) {
    auto prepared = PrepareAndBind(sql, params);
    if (!prepared) {
        return Fail(std::move(prepared.error()));
    }
    sqlite3_stmt* stmt = (*prepared)->stmt.get();
    StatementReset reset(stmt);
    const sqlite3_int64 total_before = sqlite3_total_changes64(db_);
    for (;;) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) {
            break;
        }
        if (rc != SQLITE_ROW) {
            return Fail(LastError(rc, sql));
        }
    }
    // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, so a statement that
    // changed nothing (DDL, a SELECT, an UPDATE matching no row) must not report a stale count.
    if (sqlite3_total_changes64(db_) == total_before) {
        return 0;
    }
    return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

Result<void> SqliteConn::DoExecScript(std::string_view sql) {
    std::string_view rest = sql;
    while (!SkipInsignificant(rest).empty()) {
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        const int rc = sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &raw, &tail);
        StatementPtr stmt(raw);
        const std::string_view current = rest.substr(0, static_cast<std::size_t>(tail - rest.data()));
        if (rc != SQLITE_OK) {
            return Fail(LastError(rc, rest));
        }
        if (tail == rest.data()) {
            return Fail(MisuseError("script could not be parsed", rest));
        }
        rest.remove_prefix(current.size());
        if (!stmt) {
            continue;
        }
        if (IsTransactionControl(FirstKeyword(current))) {
            return Fail(MisuseError("transaction control belongs to Db", current));
        }
        if (sqlite3_bind_parameter_count(stmt.get()) > 0) {
            return Fail(MisuseError("scripts take no parameters", current));
        }
        for (;;) {
            const int step = sqlite3_step(stmt.get());
            if (step == SQLITE_DONE) {
                break;
            }
            if (step != SQLITE_ROW) {
                return Fail(LastError(step, current));
            }
        }
    }
    return {};
}

Result<bool> SqliteConn::DoTableExists(std::string_view table) {
    auto row = QueryOne(kTableExistsSql, table);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    return row->has_value();
}

}  // namespace webdpro::storage::detail
