#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "storage/db.hpp"

struct pg_conn;
struct pg_result;

namespace webdpro::storage::detail {

/// Translates a PostgreSQL SQLSTATE into a domain error; the server's message and the statement
/// go into the detail only. An empty state means the connection failed (kUnavailable).
ApiError PgError(std::string_view sqlstate, std::string_view message, std::string_view sql);

/// True for the states after which the whole transaction may simply be run again: serialization
/// failures (40001) and deadlocks (40P01).
bool IsRetryableState(std::string_view sqlstate);

/// Decodes PostgreSQL's text form of a bytea ("\x0a1b..."). std::nullopt when it is not hex form.
std::optional<Blob> DecodeByteaHex(std::string_view text);

/// One libpq connection: prepared statements cached per connection, `$N` parameters sent as text
/// (blobs as binary), rows mapped onto Value the same way as SQLite's (integers, booleans and
/// whole numerics as INTEGER, floats as REAL, bytea as BLOB, everything else as TEXT), and driver
/// errors translated. Used by one thread at a time.
///
/// A failing statement aborts PostgreSQL's transaction: every later statement of the same
/// transaction fails with kInternal until Db rolls back. The connection remembers a serialization
/// failure or a deadlock (RetryableFailure) and a lost server (Broken), so that Db can run the
/// transaction again.
class PgConn final : public Conn {
public:
    /// Most statements kept prepared; past this the cache is emptied (only dynamic SQL gets here).
    static constexpr std::size_t kMaxCachedStatements = 256;

    /// Connects (blocking, at most `connect_timeout_s`) with the libpq connection string or URL
    /// `conninfo`, and sets the session's statement timeout (0 = none). kUnavailable when the
    /// server cannot be reached or refuses; the detail never holds the password.
    static Result<std::unique_ptr<PgConn>> Connect(const std::string& conninfo, int connect_timeout_s,
                                                   int statement_timeout_ms);
    ~PgConn() override;

    /// Runs one trusted statement without parameters (transaction control). Errors translated.
    Result<void> Raw(std::string_view sql);
    /// Forgets the flags of the previous transaction; call before BEGIN.
    void StartTransaction();
    /// True once the connection to the server is gone; the Conn must then be replaced.
    bool Broken() const;
    /// True when a statement of this transaction failed with a serialization failure or a deadlock.
    bool RetryableFailure() const { return retryable_failure_; }
    /// Number of statements currently prepared (for tests).
    std::size_t CachedStatements() const { return cache_.size(); }

protected:
    Result<std::vector<Row>> DoQuery(std::string_view sql, std::span<const Value> params) override;
    Result<std::optional<Row>> DoQueryOne(std::string_view sql, std::span<const Value> params) override;
    Result<std::int64_t> DoExec(std::string_view sql, std::span<const Value> params) override;
    Result<void> DoExecScript(std::string_view sql) override;
    Result<bool> DoTableExists(std::string_view table) override;

private:
    struct ResultDeleter {
        void operator()(pg_result* result) const;
    };
    using ResultPtr = std::unique_ptr<pg_result, ResultDeleter>;

    /// A prepared statement: its server-side name, how many parameters it takes, and the names of
    /// the columns it returns (shared by every row read from it).
    struct Prepared {
        std::string name;
        int params = 0;
        std::shared_ptr<const ColumnNames> columns;
    };

    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    explicit PgConn(pg_conn* conn) : conn_(conn) {}

    Result<const Prepared*> Prepare(std::string_view sql, std::span<const Value> params);
    /// Runs a prepared statement with `params`; the result holds its rows or command status.
    Result<ResultPtr> Execute(std::string_view sql, std::span<const Value> params);
    /// The error of a failed call (a null or failed result), remembering broken and retryable.
    ApiError Failure(const pg_result* result, std::string_view sql);
    static Row ReadRow(const pg_result* result, int row, const std::shared_ptr<const ColumnNames>& columns);

    pg_conn* conn_;
    std::unordered_map<std::string, Prepared, StringHash, std::equal_to<>> cache_;
    std::uint64_t next_statement_ = 0;
    bool retryable_failure_ = false;
    bool broken_ = false;
};

}  // namespace webdpro::storage::detail
