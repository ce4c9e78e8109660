#include "storage/detail/pg_conn.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>

#include <libpq-fe.h>

#include "storage/detail/sql_text.hpp"

namespace webdpro::storage::detail {
namespace {

// Type OIDs of PostgreSQL's built-in types (pg_type.dat; fixed since the types were created).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;
/// Let the server infer the parameter's type from where it is used.
constexpr Oid kUnknownOid = 0;

constexpr int kTextFormat = 0;
constexpr int kBinaryFormat = 1;

constexpr const char* kTableExistsSql =
    "SELECT 1 AS found FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1";

ApiError MisuseError(std::string what, std::string_view sql) {
    return ApiError::Internal("storage misuse: " + std::move(what) + " in: " + ShortenSql(sql));
}

/// True when `sql` names the placeholder $n (not as the start of a longer number, $12 for $1).
bool MentionsPlaceholder(std::string_view sql, std::size_t n) {
    const std::string name = "$" + std::to_string(n);
    for (auto at = sql.find(name); at != std::string_view::npos; at = sql.find(name, at + 1)) {
        const std::size_t after = at + name.size();
        if (after >= sql.size() || sql[after] < '0' || sql[after] > '9') {
            return true;
        }
    }
    return false;
}

Oid ParamType(const Value& value) {
    switch (value.index()) {
        case 1:
            return kInt8Oid;
        case 2:
            return kFloat8Oid;
        case 4:
            return kByteaOid;
        default:
            return kUnknownOid;  // text and NULL: the column or the cast decides
    }
}

std::string DoubleText(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "Infinity" : "-Infinity";
    }
    std::array<char, 32> buffer{};
    const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), error == std::errc() ? end : buffer.data());
}

int HexDigit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/// A column value in text form, as the Value SQLite would give for the same column.
Value ColumnValue(Oid type, std::string_view text) {
    switch (type) {
        case kBoolOid:
            return Value(std::int64_t{text == "t" ? 1 : 0});
        case kInt2Oid:
        case kInt4Oid:
        case kInt8Oid:
        case kOidOid: {
            std::int64_t number = 0;
            std::from_chars(text.data(), text.data() + text.size(), number);
            return Value(number);
        }
        case kNumericOid: {
            // sum() of bigints is numeric: a whole number reads as INTEGER, as SQLite's sum does.
            std::int64_t number = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (error == std::errc() && end == text.data() + text.size()) {
                return Value(number);
            }
            return Value(std::strtod(std::string(text).c_str(), nullptr));
        }
        case kFloat4Oid:
        case kFloat8Oid:
            return Value(std::strtod(std::string(text).c_str(), nullptr));
        case kByteaOid:
            if (auto bytes = DecodeByteaHex(text)) {
                return Value(std::move(*bytes));
            }
            return Value(std::string(text));
        default:
            return Value(std::string(text));
    }
}

}  // namespace

bool IsRetryableState(std::string_view sqlstate) {
    return sqlstate == "40001" || sqlstate == "40P01";
}

ApiError PgError(std::string_view sqlstate, std::string_view message, std::string_view sql) {
    std::string detail = "postgres " + (sqlstate.empty() ? std::string("(no state)") : std::string(sqlstate)) + ": " +
                         std::string(message);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) {
        detail.pop_back();
    }
    if (!sql.empty()) {
        detail += " in: " + ShortenSql(sql);
    }
    if (sqlstate.empty()) {
        return ApiError::Unavailable(std::move(detail));
    }
    if (sqlstate == "23505") {
        return {ErrorCode::kConflict, "It already exists.", std::move(detail)};
    }
    if (sqlstate == "23514" || sqlstate == "23502") {
        return {ErrorCode::kInvalidArgument, "A value is not allowed.", std::move(detail)};
    }
    if (sqlstate == "23503") {
        return {ErrorCode::kConflict, "It refers to something that does not exist, or is still in use.",
                std::move(detail)};
    }
    if (sqlstate.starts_with("23")) {
        return {ErrorCode::kConflict, "The change conflicts with existing data.", std::move(detail)};
    }
    // Serialization failures and deadlocks (40), a lock or the statement timeout (55P03, 57014),
    // a server shutting down or out of resources (57P, 53), a lost connection (08).
    if (sqlstate.starts_with("40") || sqlstate == "55P03" || sqlstate == "57014" || sqlstate.starts_with("57P") ||
        sqlstate.starts_with("53") || sqlstate.starts_with("08")) {
        return ApiError::Unavailable(std::move(detail));
    }
    return ApiError::Internal(std::move(detail));
}

std::optional<Blob> DecodeByteaHex(std::string_view text) {
    if (!text.starts_with("\\x") || text.size() % 2 != 0) {
        return std::nullopt;
    }
    Blob bytes;
    bytes.reserve((text.size() - 2) / 2);
    for (std::size_t i = 2; i < text.size(); i += 2) {
        const int high = HexDigit(text[i]);
        const int low = HexDigit(text[i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        bytes.push_back(static_cast<std::uint8_t>(high * 16 + low));
    }
    return bytes;
}

void PgConn::ResultDeleter::operator()(pg_result* result) const {
    PQclear(result);
}

Result<std::unique_ptr<PgConn>> PgConn::Connect(const std::string& conninfo, int connect_timeout_s,
                                                int statement_timeout_ms) {
    // Defaults first, then the configured string, whose own settings win (expand_dbname).
    const std::string timeout = std::to_string(connect_timeout_s);
    const std::array<const char*, 4> keywords = {"connect_timeout", "application_name", "dbname", nullptr};
    const std::array<const char*, 4> values = {timeout.c_str(), "webdpro", conninfo.c_str(), nullptr};
    PGconn* raw = PQconnectdbParams(keywords.data(), values.data(), 1);
    if (raw == nullptr) {
        return Fail(ApiError::Unavailable("postgres: out of memory while connecting"));
    }
    std::unique_ptr<PgConn> conn(new PgConn(raw));
    if (PQstatus(raw) != CONNECTION_OK) {
        // libpq's message names host and user, never the password.
        return Fail(ErrorCode::kUnavailable, "The database could not be reached.",
                    std::string("postgres: ") + PQerrorMessage(raw));
    }
    // Server notices ("already exists, skipping") are not errors; libpq would print them to stderr.
    PQsetNoticeProcessor(
        raw, [](void*, const char*) {}, nullptr);
    // Rows come back as text and are mapped onto Value in one place; these keep that text stable.
    std::string setup = "SET datestyle = 'ISO'; SET extra_float_digits = 3; SET bytea_output = 'hex'";
    if (statement_timeout_ms > 0) {
        setup += "; SET statement_timeout = " + std::to_string(statement_timeout_ms);
    }
    if (auto set = conn->Raw(setup); !set) {
        return Fail(std::move(set.error()));
    }
    return conn;
}

PgConn::~PgConn() {
    PQfinish(conn_);
}

bool PgConn::Broken() const {
    return broken_ || PQstatus(conn_) != CONNECTION_OK;
}

void PgConn::StartTransaction() {
    retryable_failure_ = false;
}

ApiError PgConn::Failure(const pg_result* result, std::string_view sql) {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* message = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) {
        broken_ = true;
        return PgError("", message != nullptr ? message : "connection lost", sql);
    }
    const std::string_view sqlstate = state != nullptr ? state : "";
    if (IsRetryableState(sqlstate)) {
        retryable_failure_ = true;
    }
    if (sqlstate.starts_with("08") || sqlstate.starts_with("57P")) {
        broken_ = true;
    }
    return PgError(sqlstate, message != nullptr ? message : "", sql);
}

Result<void> PgConn::Raw(std::string_view sql) {
    ResultPtr result(PQexec(conn_, std::string(sql).c_str()));
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        return Fail(Failure(result.get(), sql));
    }
    return {};
}

Result<const PgConn::Prepared*> PgConn::Prepare(std::string_view sql, std::span<const Value> params) {
    if (auto it = cache_.find(sql); it != cache_.end()) {
        return &it->second;
    }
    if (IsTransactionControl(FirstKeyword(sql))) {
        return Fail(MisuseError("transaction control belongs to Db", sql));
    }
    if (SplitStatements(sql).size() > 1) {
        return Fail(MisuseError("more than one statement (use ExecScript)", sql));
    }
    for (std::size_t i = 1; i <= params.size(); ++i) {
        if (!MentionsPlaceholder(sql, i)) {
            return Fail(MisuseError("placeholder $" + std::to_string(i) + " is missing", sql));
        }
    }
    if (MentionsPlaceholder(sql, params.size() + 1)) {
        return Fail(MisuseError(
            "the statement has more placeholders than the " + std::to_string(params.size()) + " values given", sql));
    }
    if (cache_.size() >= kMaxCachedStatements) {
        if (auto dropped = Raw("DEALLOCATE ALL"); !dropped) {
            return Fail(std::move(dropped.error()));
        }
        cache_.clear();
    }
    // Integers are sent as bigint and floats as double precision, so `$1 + 1` is not computed
    // in a 32-bit integer; text and NULL take the type of the place they are used in.
    std::vector<Oid> types;
    types.reserve(params.size());
    for (const Value& value : params) {
        types.push_back(ParamType(value));
    }
    std::string name = "w" + std::to_string(++next_statement_);
    const std::string text(sql);
    ResultPtr prepared(PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(types.size()), types.data()));
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
        return Fail(Failure(prepared.get(), sql));
    }
    ResultPtr described(PQdescribePrepared(conn_, name.c_str()));
    if (!described || PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
        return Fail(Failure(described.get(), sql));
    }
    auto columns = std::make_shared<ColumnNames>();
    const int count = PQnfields(described.get());
    columns->reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const char* column = PQfname(described.get(), i);
        columns->emplace_back(column != nullptr ? column : "");
    }
    Prepared entry{std::move(name), PQnparams(described.get()), std::move(columns)};
    auto [it, inserted] = cache_.emplace(text, std::move(entry));
    return &it->second;
}

Result<PgConn::ResultPtr> PgConn::Execute(std::string_view sql, std::span<const Value> params) {
    auto prepared = Prepare(sql, params);
    if (!prepared) {
        return Fail(std::move(prepared.error()));
    }
    if (static_cast<std::size_t>((*prepared)->params) != params.size()) {
        return Fail(MisuseError("the statement has " + std::to_string((*prepared)->params) + " placeholders but " +
                                    std::to_string(params.size()) + " values were given",
                                sql));
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    std::vector<int> lengths(params.size(), 0);
    std::vector<int> formats(params.size(), kTextFormat);
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Value& value = params[i];
        if (const auto* integer = std::get_if<std::int64_t>(&value)) {
            texts[i] = std::to_string(*integer);
        } else if (const auto* real = std::get_if<double>(&value)) {
            texts[i] = DoubleText(*real);
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            texts[i] = *text;
        } else if (const auto* blob = std::get_if<Blob>(&value)) {
            values[i] = reinterpret_cast<const char*>(blob->data());
            lengths[i] = static_cast<int>(blob->size());
            formats[i] = kBinaryFormat;
            if (blob->empty()) {
                values[i] = "";  // an empty blob is not NULL
            }
            continue;
        } else {
            continue;  // NULL
        }
        values[i] = texts[i].c_str();
        lengths[i] = static_cast<int>(texts[i].size());
    }
    ResultPtr result(PQexecPrepared(conn_, (*prepared)->name.c_str(), static_cast<int>(params.size()), values.data(),
                                    lengths.data(), formats.data(), kTextFormat));
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        return Fail(Failure(result.get(), sql));
    }
    return result;
}

Row PgConn::ReadRow(const pg_result* result, int row, const std::shared_ptr<const ColumnNames>& columns) {
    const int count = PQnfields(result);
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        if (PQgetisnull(result, row, i) != 0) {
            values.emplace_back(nullptr);
            continue;
        }
        const std::string_view text(PQgetvalue(result, row, i), static_cast<std::size_t>(PQgetlength(result, row, i)));
        values.push_back(ColumnValue(PQftype(result, i), text));
    }
    return Row(std::move(values), columns);
}

Result<std::vector<Row>> PgConn::DoQuery(std::string_view sql, std::span<const Value> params) {
    auto result = Execute(sql, params);
    if (!result) {
        return Fail(std::move(result.error()));
    }
    const auto& columns = cache_.find(sql)->second.columns;
    const int count = PQntuples(result->get());
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        rows.push_back(ReadRow(result->get(), i, columns));
    }
    return rows;
}

Result<std::optional<Row>> PgConn::DoQueryOne(std::string_view sql, std::span<const Value> params) {
    auto result = Execute(sql, params);
    if (!result) {
        return Fail(std::move(result.error()));
    }
    const int count = PQntuples(result->get());
    if (count == 0) {
        return std::optional<Row>();
    }
    if (count > 1) {
        return Fail(MisuseError("QueryOne produced more than one row", sql));
    }
    return std::optional<Row>(ReadRow(result->get(), 0, cache_.find(sql)->second.columns));
}

Result<std::int64_t> PgConn::DoExec(std::string_view sql, std::span<const Value> params) {
    auto result = Execute(sql, params);
    if (!result) {
        return Fail(std::move(result.error()));
    }
    // PQcmdTuples is empty for statements that change no rows by nature (DDL, SET).
    const std::string_view changed = PQcmdTuples(result->get());
    if (PQresultStatus(result->get()) != PGRES_COMMAND_OK || changed.empty()) {
        return 0;
    }
    std::int64_t count = 0;
    std::from_chars(changed.data(), changed.data() + changed.size(), count);
    return count;
}

Result<void> PgConn::DoExecScript(std::string_view sql) {
    for (std::string_view statement : SplitStatements(sql)) {
        if (IsTransactionControl(FirstKeyword(statement))) {
            return Fail(MisuseError("transaction control belongs to Db", statement));
        }
        if (MentionsPlaceholder(statement, 1)) {
            return Fail(MisuseError("scripts take no parameters", statement));
        }
    }
    // One round trip: the simple query protocol runs the statements in order and stops at the
    // first error.
    return Raw(sql);
}

Result<bool> PgConn::DoTableExists(std::string_view table) {
    auto row = QueryOne(kTableExistsSql, table);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    return row->has_value();
}

}  // namespace webdpro::storage::detail
