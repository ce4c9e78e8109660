#include "storage/detail/sqlite_conn.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "storage/sqlite_db.hpp"
#include "storage/test_util.hpp"

namespace webdpro::storage {
namespace {

using testing::Describe;

constexpr std::string_view kSchema = R"sql(
    CREATE TABLE items (
        id    TEXT    NOT NULL PRIMARY KEY,
        qty   INTEGER NOT NULL CHECK (qty >= 0),
        price REAL,
        note  TEXT,
        data  BLOB
    ) STRICT;
    CREATE TABLE parents (id TEXT NOT NULL PRIMARY KEY) STRICT;
    CREATE TABLE children (
        id        TEXT NOT NULL PRIMARY KEY,
        parent_id TEXT NOT NULL REFERENCES parents (id)
    ) STRICT;
)sql";

class SqliteConnTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = testing::OpenMemory();
        ASSERT_NE(db_, nullptr);
        auto made = db_->WriteSync([](Conn& conn) { return conn.ExecScript(kSchema); });
        ASSERT_TRUE(made) << Describe(made.error());
    }

    /// Runs one Query in a read transaction.
    Result<std::vector<Row>> Select(std::string_view sql, std::vector<Value> params) {
        return db_->ReadSync([&](Conn& conn) { return conn.Query(sql, params); });
    }

    /// Runs one Exec in a write transaction.
    Result<std::int64_t> Change(std::string_view sql, std::vector<Value> params) {
        return db_->WriteSync([&](Conn& conn) { return conn.Exec(sql, params); });
    }

    std::unique_ptr<SqliteDb> db_;
};

TEST_F(SqliteConnTest, BindsPlaceholdersByNumberNotPosition) {
    auto rows = Select("SELECT $2, $1, $3",
                       {Value(std::string("first")), Value(std::string("second")), Value(std::int64_t{3})});
    ASSERT_TRUE(rows) << Describe(rows.error());
    ASSERT_EQ(rows->size(), 1U);
    EXPECT_EQ(rows->front().Text(0), "second");
    EXPECT_EQ(rows->front().Text(1), "first");
    EXPECT_EQ(rows->front().Int(2), 3);
}

TEST_F(SqliteConnTest, RowsNameTheirColumnsByNameOrAlias) {
    ASSERT_TRUE(Change("INSERT INTO items (id, qty, note) VALUES ('a', 4, NULL)", {}));
    auto rows = Select("SELECT qty, id, coalesce(note, 'none') AS note, qty * 2 AS doubled FROM items", {});
    ASSERT_TRUE(rows) << Describe(rows.error());
    ASSERT_EQ(rows->size(), 1U);
    const Row& row = rows->front();
    EXPECT_EQ(row.Text("id"), "a");
    EXPECT_EQ(row.Int("qty"), 4);
    EXPECT_EQ(row.Text("note"), "none");
    EXPECT_EQ(row.Int("doubled"), 8);
    EXPECT_EQ(row.Column("id"), 1U);
    EXPECT_THROW(row.Int("price"), std::logic_error);
    // The same statement again (from the statement cache) names its columns the same way.
    auto again = db_->ReadSync([](Conn& conn) {
        return conn.QueryOne("SELECT qty, id, coalesce(note, 'none') AS note, qty * 2 AS doubled FROM items");
    });
    ASSERT_TRUE(again && *again);
    EXPECT_EQ((*again)->Text("id"), "a");
}

TEST_F(SqliteConnTest, ReusesAPlaceholderUsedTwice) {
    auto rows = Select("SELECT $1 + $1, $2", {Value(std::int64_t{20}), Value(std::int64_t{1})});
    ASSERT_TRUE(rows) << Describe(rows.error());
    EXPECT_EQ(rows->front().Int(0), 40);
    EXPECT_EQ(rows->front().Int(1), 1);
}

TEST_F(SqliteConnTest, BindsTenPlusPlaceholders) {
    std::vector<Value> params;
    for (std::int64_t i = 1; i <= 12; ++i) {
        params.emplace_back(i);
    }
    auto rows = Select("SELECT $12, $10, $1, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 + $11", params);
    ASSERT_TRUE(rows) << Describe(rows.error());
    EXPECT_EQ(rows->front().Int(0), 12);
    EXPECT_EQ(rows->front().Int(1), 10);
    EXPECT_EQ(rows->front().Int(2), 1);
    EXPECT_EQ(rows->front().Int(3), 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 11);
}

TEST_F(SqliteConnTest, MissingValueIsAnError) {
    auto rows = Select("SELECT $1, $2", {Value(std::int64_t{1})});
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().code, ErrorCode::kInternal);
    EXPECT_NE(rows.error().detail.find("2 placeholders but 1 values"), std::string::npos) << rows.error().detail;
}

TEST_F(SqliteConnTest, ExtraValueIsAnError) {
    auto rows = Select("SELECT $1", {Value(std::int64_t{1}), Value(std::int64_t{2})});
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().code, ErrorCode::kInternal);
    EXPECT_NE(rows.error().detail.find("1 placeholders but 2 values"), std::string::npos) << rows.error().detail;
}

TEST_F(SqliteConnTest, PlaceholderGapIsAnError) {
    // $2 is never used, so a value passed for it would be silently ignored.
    auto rows = Select("SELECT $1, $3", {Value(std::int64_t{1}), Value(std::int64_t{2}), Value(std::int64_t{3})});
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().code, ErrorCode::kInternal);
    EXPECT_NE(rows.error().detail.find("$2 is missing"), std::string::npos) << rows.error().detail;
}

TEST_F(SqliteConnTest, OtherPlaceholderStylesAreRefused) {
    for (const char* sql : {"SELECT ?", "SELECT ?1", "SELECT :name", "SELECT @name", "SELECT $name", "SELECT $01"}) {
        auto rows = Select(sql, {Value(std::int64_t{1})});
        ASSERT_FALSE(rows) << sql;
        EXPECT_EQ(rows.error().code, ErrorCode::kInternal) << sql;
        EXPECT_NE(rows.error().detail.find("not of the form $1"), std::string::npos) << rows.error().detail;
    }
}

TEST_F(SqliteConnTest, NoPlaceholdersAndNoValuesIsFine) {
    auto rows = Select("SELECT 'a $1 in a string'", {});
    ASSERT_TRUE(rows) << Describe(rows.error());
    EXPECT_EQ(rows->front().Text(0), "a $1 in a string");
}

TEST_F(SqliteConnTest, VariadicArgumentsConvert) {
    const TenantId tenant("ten_1");
    auto rows = db_->ReadSync([&](Conn& conn) {
        return conn.Query("SELECT $1, $2, $3, $4, $5, $6", tenant, true, std::optional<int>(), "lit", 2.5,
                          std::string_view("view"));
    });
    ASSERT_TRUE(rows) << Describe(rows.error());
    const Row& row = rows->front();
    EXPECT_EQ(row.Text(0), "ten_1");
    EXPECT_TRUE(row.Bool(1));
    EXPECT_TRUE(row.IsNull(2));
    EXPECT_EQ(row.Text(3), "lit");
    EXPECT_DOUBLE_EQ(row.Real(4), 2.5);
    EXPECT_EQ(row.Text(5), "view");
}

TEST_F(SqliteConnTest, RoundTripsEveryType) {
    const std::string with_nul("a\0b", 3);
    const Blob bytes = {0, 1, 2, 255};
    auto inserted = db_->WriteSync([&](Conn& conn) -> Result<std::int64_t> {
        auto first = conn.Exec("INSERT INTO items (id, qty, price, note, data) VALUES ($1, $2, $3, $4, $5)", "a",
                               std::int64_t{9007199254740993}, 0.1, with_nul, bytes);
        if (!first) {
            return first;
        }
        return conn.Exec("INSERT INTO items (id, qty, price, note, data) VALUES ($1, $2, $3, $4, $5)", "b", 0, nullptr,
                         "", Blob{});
    });
    ASSERT_TRUE(inserted) << Describe(inserted.error());

    auto rows = Select("SELECT id, qty, price, note, data FROM items ORDER BY id", {});
    ASSERT_TRUE(rows) << Describe(rows.error());
    ASSERT_EQ(rows->size(), 2U);
    const Row& a = (*rows)[0];
    EXPECT_EQ(a.Int(1), 9007199254740993) << "64-bit integers survive exactly";
    EXPECT_DOUBLE_EQ(a.Real(2), 0.1);
    EXPECT_EQ(a.Text(3), with_nul) << "text with an embedded NUL keeps its length";
    EXPECT_EQ(a.BlobAt(4), bytes);
    const Row& b = (*rows)[1];
    EXPECT_TRUE(b.IsNull(2));
    EXPECT_EQ(b.Text(3), "");
    EXPECT_FALSE(b.IsNull(4)) << "an empty blob is not NULL";
    EXPECT_TRUE(b.BlobAt(4).empty());
}

TEST_F(SqliteConnTest, ExecCountsChangedRows) {
    ASSERT_TRUE(Change("INSERT INTO items (id, qty) VALUES ('a', 1), ('b', 2), ('c', 3)", {}));
    auto updated = Change("UPDATE items SET qty = qty + 1 WHERE qty >= $1", {Value(std::int64_t{2})});
    ASSERT_TRUE(updated) << Describe(updated.error());
    EXPECT_EQ(*updated, 2);
    auto none = Change("UPDATE items SET qty = 0 WHERE id = $1", {Value(std::string("zzz"))});
    ASSERT_TRUE(none);
    EXPECT_EQ(*none, 0) << "no stale count from the previous statement";
    auto ddl = Change("CREATE TABLE extra (x INTEGER)", {});
    ASSERT_TRUE(ddl);
    EXPECT_EQ(*ddl, 0);
}

TEST_F(SqliteConnTest, QueryOneReturnsNothingOneOrRefusesMore) {
    ASSERT_TRUE(Change("INSERT INTO items (id, qty) VALUES ('a', 1), ('b', 1)", {}));
    auto result = db_->ReadSync([](Conn& conn) -> Result<int> {
        auto none = conn.QueryOne("SELECT id FROM items WHERE id = $1", "nope");
        if (!none || none->has_value()) {
            return Fail(ApiError::Internal("expected no row"));
        }
        auto one = conn.QueryOne("SELECT id FROM items WHERE id = $1", "a");
        if (!one || !one->has_value() || (*one)->Text(0) != "a") {
            return Fail(ApiError::Internal("expected row a"));
        }
        auto many = conn.QueryOne("SELECT id FROM items WHERE qty = $1", 1);
        if (many) {
            return Fail(ApiError::Internal("expected an error for two rows"));
        }
        return static_cast<int>(many.error().code);
    });
    ASSERT_TRUE(result) << Describe(result.error());
    EXPECT_EQ(*result, static_cast<int>(ErrorCode::kInternal));
}

TEST_F(SqliteConnTest, UniqueViolationIsAConflict) {
    ASSERT_TRUE(Change("INSERT INTO items (id, qty) VALUES ($1, 1)", {Value(std::string("a"))}));
    auto again = Change("INSERT INTO items (id, qty) VALUES ($1, 1)", {Value(std::string("a"))});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    EXPECT_EQ(again.error().message, "It already exists.");
    EXPECT_EQ(again.error().message.find("UNIQUE"), std::string::npos) << "driver text stays out of the message";
    EXPECT_NE(again.error().detail.find("UNIQUE constraint failed: items.id"), std::string::npos)
        << again.error().detail;
}

TEST_F(SqliteConnTest, CheckAndNotNullViolationsAreInvalidArguments) {
    auto negative = Change("INSERT INTO items (id, qty) VALUES ('a', -1)", {});
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().code, ErrorCode::kInvalidArgument) << Describe(negative.error());
    auto null = Change("INSERT INTO items (id, qty) VALUES ('a', $1)", {Value(nullptr)});
    ASSERT_FALSE(null);
    EXPECT_EQ(null.error().code, ErrorCode::kInvalidArgument) << Describe(null.error());
}

TEST_F(SqliteConnTest, ForeignKeyViolationIsAConflict) {
    auto orphan = Change("INSERT INTO children (id, parent_id) VALUES ('c', 'missing')", {});
    ASSERT_FALSE(orphan);
    EXPECT_EQ(orphan.error().code, ErrorCode::kConflict) << Describe(orphan.error());
    EXPECT_NE(orphan.error().detail.find("FOREIGN KEY"), std::string::npos);
}

TEST_F(SqliteConnTest, WrongTypeInStrictTableIsInternal) {
    auto wrong = Change("INSERT INTO items (id, qty) VALUES ('a', $1)", {Value(std::string("many"))});
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::kInternal) << Describe(wrong.error());
}

TEST_F(SqliteConnTest, SyntaxErrorIsInternalWithTheStatementInTheDetail) {
    auto broken = Select("SELEC 1", {});
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().code, ErrorCode::kInternal);
    EXPECT_NE(broken.error().detail.find("SELEC 1"), std::string::npos) << broken.error().detail;
}

TEST_F(SqliteConnTest, RefusesTransactionControl) {
    for (const char* sql : {"COMMIT", "  rollback", "-- sneaky\nBEGIN", "/* x */ SAVEPOINT s", "RELEASE s", "END"}) {
        auto result = Change(sql, {});
        ASSERT_FALSE(result) << sql;
        EXPECT_NE(result.error().detail.find("transaction control"), std::string::npos) << result.error().detail;
    }
}

TEST_F(SqliteConnTest, RefusesMoreThanOneStatementPerCall) {
    auto two = Change("INSERT INTO items (id, qty) VALUES ('a', 1); DELETE FROM items", {});
    ASSERT_FALSE(two);
    EXPECT_NE(two.error().detail.find("more than one statement"), std::string::npos) << two.error().detail;
    auto trailing = Change("INSERT INTO items (id, qty) VALUES ('a', 1); -- done\n", {});
    EXPECT_TRUE(trailing) << "a trailing semicolon and comment are fine";
    auto empty = Select("  -- nothing\n", {});
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, ErrorCode::kInternal);
}

TEST_F(SqliteConnTest, ReadTransactionsCannotWrite) {
    auto written = db_->ReadSync([](Conn& conn) { return conn.Exec("INSERT INTO items (id, qty) VALUES ('a', 1)"); });
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, ErrorCode::kInternal);
    EXPECT_NE(written.error().detail.find("readonly"), std::string::npos) << written.error().detail;
}

TEST_F(SqliteConnTest, ExecScriptRunsStatementsInOrderAndStopsAtTheFirstError) {
    auto ran = db_->WriteSync([](Conn& conn) {
        return conn.ExecScript("INSERT INTO items (id, qty) VALUES ('a', 1);\n-- comment\nUPDATE items SET qty = 5;");
    });
    ASSERT_TRUE(ran) << Describe(ran.error());
    auto qty = Select("SELECT qty FROM items WHERE id = 'a'", {});
    ASSERT_TRUE(qty);
    EXPECT_EQ(qty->front().Int(0), 5);

    auto failed = db_->WriteSync([](Conn& conn) {
        return conn.ExecScript(
            "INSERT INTO items (id, qty) VALUES ('b', 1); INSERT INTO items (id, qty) VALUES ('a', 1);");
    });
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::kConflict);
    auto count = Select("SELECT count(*) FROM items", {});
    ASSERT_TRUE(count);
    EXPECT_EQ(count->front().Int(0), 1) << "the failed script's first insert was rolled back with it";
}

TEST_F(SqliteConnTest, ExecScriptRefusesTransactionControlAndParameters) {
    auto control = db_->WriteSync([](Conn& conn) { return conn.ExecScript("SELECT 1; COMMIT; SELECT 2;"); });
    ASSERT_FALSE(control);
    EXPECT_NE(control.error().detail.find("transaction control"), std::string::npos);
    auto params = db_->WriteSync([](Conn& conn) { return conn.ExecScript("SELECT $1;"); });
    ASSERT_FALSE(params);
    EXPECT_NE(params.error().detail.find("no parameters"), std::string::npos);
}

TEST_F(SqliteConnTest, TableExists) {
    auto found = db_->ReadSync([](Conn& conn) -> Result<std::pair<bool, bool>> {
        auto items = conn.TableExists("items");
        auto ghosts = conn.TableExists("ghosts");
        if (!items || !ghosts) {
            return Fail(ApiError::Internal("lookup failed"));
        }
        return std::pair(*items, *ghosts);
    });
    ASSERT_TRUE(found) << Describe(found.error());
    EXPECT_TRUE(found->first);
    EXPECT_FALSE(found->second);
}

TEST(SqliteConn, CachesPreparedStatementsAndStaysBounded) {
    auto conn = detail::SqliteConn::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0);
    ASSERT_TRUE(conn);
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE((*conn)->Query("SELECT $1", i));
    }
    EXPECT_EQ((*conn)->CachedStatements(), 1U);
    for (std::size_t i = 0; i < detail::SqliteConn::kMaxCachedStatements + 10; ++i) {
        auto rows = (*conn)->Query("SELECT " + std::to_string(i));
        ASSERT_TRUE(rows);
        EXPECT_EQ(rows->front().Int(0), static_cast<std::int64_t>(i));
    }
    EXPECT_LE((*conn)->CachedStatements(), detail::SqliteConn::kMaxCachedStatements);
}

TEST(SqliteConn, FirstKeywordSkipsCommentsAndCase) {
    EXPECT_EQ(detail::FirstKeyword("  select 1"), "SELECT");
    EXPECT_EQ(detail::FirstKeyword("-- a\n/* b */ Commit"), "COMMIT");
    EXPECT_EQ(detail::FirstKeyword(""), "");
}

TEST(SqliteError, TranslatesCodes) {
    EXPECT_EQ(detail::SqliteError(SQLITE_CONSTRAINT_PRIMARYKEY, "m", "").code, ErrorCode::kConflict);
    EXPECT_EQ(detail::SqliteError(SQLITE_CONSTRAINT_UNIQUE, "m", "").code, ErrorCode::kConflict);
    EXPECT_EQ(detail::SqliteError(SQLITE_CONSTRAINT_CHECK, "m", "").code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(detail::SqliteError(SQLITE_CONSTRAINT_NOTNULL, "m", "").code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(detail::SqliteError(SQLITE_CONSTRAINT_FOREIGNKEY, "m", "").code, ErrorCode::kConflict);
    EXPECT_EQ(detail::SqliteError(SQLITE_CONSTRAINT_TRIGGER, "m", "").code, ErrorCode::kConflict);
    EXPECT_EQ(detail::SqliteError(SQLITE_BUSY, "m", "").code, ErrorCode::kUnavailable);
    EXPECT_EQ(detail::SqliteError(SQLITE_BUSY_SNAPSHOT, "m", "").code, ErrorCode::kUnavailable);
    EXPECT_EQ(detail::SqliteError(SQLITE_LOCKED, "m", "").code, ErrorCode::kUnavailable);
    EXPECT_EQ(detail::SqliteError(SQLITE_IOERR_FSYNC, "m", "").code, ErrorCode::kInternal);
    EXPECT_EQ(detail::SqliteError(SQLITE_CORRUPT, "m", "").code, ErrorCode::kInternal);
    const ApiError error = detail::SqliteError(SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed: t.x", "INSERT 1");
    EXPECT_NE(error.detail.find("UNIQUE constraint failed: t.x"), std::string::npos);
    EXPECT_NE(error.detail.find("INSERT 1"), std::string::npos);
}

}  // namespace
}  // namespace webdpro::storage
