#include "storage/detail/sql_text.hpp"

#include <gtest/gtest.h>

namespace webdpro::storage::detail {
namespace {

TEST(SqlText, SplitsStatementsKeepingQuotesCommentsAndDollarBodies) {
    const auto parts = SplitStatements(R"sql(
        CREATE TABLE a (x TEXT DEFAULT ';');  -- a comment; with a semicolon
        /* another; */ CREATE FUNCTION f() RETURNS INT LANGUAGE sql AS $$ SELECT 1; $$;
        CREATE FUNCTION g() RETURNS INT LANGUAGE plpgsql AS $body$ BEGIN RETURN 2; END; $body$;
        SELECT $1;
        ;
    )sql");
    ASSERT_EQ(parts.size(), 4U);
    EXPECT_EQ(FirstKeyword(parts[0]), "CREATE");
    EXPECT_NE(parts[0].find("';'"), std::string_view::npos);
    EXPECT_NE(parts[1].find("SELECT 1; $$"), std::string_view::npos);
    EXPECT_NE(parts[2].find("RETURN 2; END; $body$"), std::string_view::npos);
    EXPECT_EQ(FirstKeyword(parts[3]), "SELECT");
    EXPECT_TRUE(SplitStatements("  -- only a comment\n").empty());
    EXPECT_EQ(SplitStatements("SELECT 1").size(), 1U);
}

TEST(SqlText, RecognisesTransactionControl) {
    EXPECT_TRUE(IsTransactionControl(FirstKeyword("  begin;")));
    EXPECT_TRUE(IsTransactionControl(FirstKeyword("/* x */ Release sp")));
    EXPECT_FALSE(IsTransactionControl(FirstKeyword("SELECT 1")));
    EXPECT_EQ(ShortenSql(std::string(400, 'x')).size(), 303U);
}

}  // namespace
}  // namespace webdpro::storage::detail
